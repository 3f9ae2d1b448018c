"""When someone else saved first: the planner chooses to reload the newest version (their own
changes are dropped) or to save their changes into a copy of the project (a `.sote` file with
the team's newest data and their own changes applied), or to go on editing. Never a silent
overwrite (desktop.services.edit_versions). Every question goes through `desktop.ui.dialogs.ask`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from desktop.core.errors import Cancelled, SaveConflict, UserError
from desktop.store import Store
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask

RELOAD, COPY, CANCEL = "reload", "copy", "cancel"


class SaveConflictBox(QDialog):
    """The question with its three answers: reload, save as a copy, keep editing (the default;
    closing the window is the same)."""

    def __init__(self, parent: QWidget | None, error: SaveConflict):
        super().__init__(parent)
        self.setObjectName("saveConflictBox")
        self.setWindowTitle(QCoreApplication.translate("SaveConflict", "Joku muu tallensi ensin"))
        self.chosen = CANCEL
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        self.message = QLabel(error.message)
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(420)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.message, 1)
        buttons = QDialogButtonBox()
        self.reload_button = buttons.addButton(QCoreApplication.translate("SaveConflict", "Lataa uudelleen"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.copy_button = buttons.addButton(QCoreApplication.translate("SaveConflict", "Tallenna kopiona…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton(QCoreApplication.translate("SaveConflict", "Jatka muokkausta"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.setDefault(True)
        on_click(self.reload_button, self._choose, RELOAD)
        on_click(self.copy_button, self._choose, COPY)
        on_click(self.keep_button, self._choose, CANCEL)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.chosen = choice
        self.done(int(QDialog.DialogCode.Rejected if choice == CANCEL else QDialog.DialogCode.Accepted))

    def text(self) -> str:
        return self.message.text()


def choose(parent: QWidget | None, error: SaveConflict) -> str:
    """The choice: RELOAD, COPY or CANCEL (closing the box is CANCEL)."""
    box = SaveConflictBox(parent, error)
    try:
        ask.run_dialog(box)
        return box.chosen
    finally:
        box.deleteLater()


def save_as_copy(parent: QWidget | None, store: Store, save: Callable[[Store], object]) -> Path | None:
    """Copy the project to a file the planner names and apply `save(copy)` there. None when the
    planner cancelled; a failure is shown and leaves no copy behind."""
    from desktop.store.copying import copy_project
    from desktop.ui.worker import run_with_progress

    folder = store.path.parent if store.path is not None else Path.home()
    suggestion = folder / f"{store.name}-omat-muutokset.sote"
    name = ask.save_file(parent, QCoreApplication.translate("SaveConflict", "Tallenna muutokset projektin kopioon"), str(suggestion),
                         QCoreApplication.translate("SaveConflict", "Sote-projektit (*.sote)"))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".sote":
        path = path.with_name(path.name + ".sote")

    def work(progress) -> None:
        copy_project(store, path, progress=progress)
        try:
            with Store.open(path) as copy:
                save(copy)
        except BaseException:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
            raise

    try:
        run_with_progress(parent, work, title=QCoreApplication.translate("SaveConflict", "Tallenna kopiona"), label=QCoreApplication.translate("SaveConflict", "Kopioidaan projektia…"))
    except Cancelled:
        return None
    except UserError as exc:
        ask.warn(parent, QCoreApplication.translate("SaveConflict", "Kopiota ei tallennettu"), str(exc))
        return None
    return path


def resolve(parent: QWidget | None, store: Store, error: SaveConflict, save: Callable[[Store], object],
            reload: Callable[[], None]) -> str:
    """Ask and do what the planner chose; returns RELOAD, COPY (saved into a copy, then the team's
    version reloaded) or CANCEL (nothing done: the edits stay on screen)."""
    choice = choose(parent, error)
    if choice == RELOAD:
        reload()
    elif choice == COPY:
        path = save_as_copy(parent, store, save)
        if path is None:
            return CANCEL
        reload()
        ask.inform(parent, QCoreApplication.translate("SaveConflict", "Tallennettu kopioon"),
                   QCoreApplication.translate("SaveConflict", "Muutoksesi tallennettiin projektin kopioon %1. Näet nyt tiimin uusimman version; kopion voit avata Tiedosto-valikosta.").replace("%1", str(path)))
    return choice
