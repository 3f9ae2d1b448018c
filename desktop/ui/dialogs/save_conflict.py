"""When someone else saved first: the planner chooses to reload the newest version (their own
changes are dropped) or to save their changes into a copy of the project (a `.sote` file with
the team's newest data and their own changes applied), or to go on editing. Never a silent
overwrite (desktop.services.edit_versions)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.errors import Cancelled, SaveConflict, UserError
from desktop.store import Store

RELOAD, COPY, CANCEL = "reload", "copy", "cancel"



def ask(parent: QWidget | None, error: SaveConflict) -> str:
    """The choice: RELOAD, COPY or CANCEL (a modal message box with those three buttons)."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("SaveConflict", "Joku muu tallensi ensin"), error.message,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("saveConflictBox")
    reload_button = box.addButton(QCoreApplication.translate("SaveConflict", "Lataa uudelleen"), QMessageBox.ButtonRole.DestructiveRole)
    copy_button = box.addButton(QCoreApplication.translate("SaveConflict", "Tallenna kopiona…"), QMessageBox.ButtonRole.AcceptRole)
    cancel_button = box.addButton(QCoreApplication.translate("SaveConflict", "Jatka muokkausta"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel_button)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is reload_button:
        return RELOAD
    if clicked is copy_button:
        return COPY
    return CANCEL


def save_as_copy(parent: QWidget | None, store: Store, save: Callable[[Store], object]) -> Path | None:
    """Copy the project to a file the planner names and apply `save(copy)` there. None when the
    planner cancelled; a failure is shown and leaves no copy behind."""
    from desktop.store.copying import copy_project
    from desktop.ui.worker import run_with_progress

    folder = store.path.parent if store.path is not None else Path.home()
    suggestion = folder / f"{store.name}-omat-muutokset.sote"
    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("SaveConflict", "Tallenna muutokset projektin kopioon"), str(suggestion),
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
        QMessageBox.warning(parent, QCoreApplication.translate("SaveConflict", "Kopiota ei tallennettu"), str(exc))
        return None
    return path


def resolve(parent: QWidget | None, store: Store, error: SaveConflict, save: Callable[[Store], object],
            reload: Callable[[], None]) -> str:
    """Ask and do what the planner chose; returns RELOAD, COPY (saved into a copy, then the team's
    version reloaded) or CANCEL (nothing done: the edits stay on screen)."""
    choice = ask(parent, error)
    if choice == RELOAD:
        reload()
    elif choice == COPY:
        path = save_as_copy(parent, store, save)
        if path is None:
            return CANCEL
        reload()
        QMessageBox.information(parent, QCoreApplication.translate("SaveConflict", "Tallennettu kopioon"),
                                QCoreApplication.translate("SaveConflict", "Muutoksesi tallennettiin projektin kopioon %1. Näet nyt tiimin uusimman version; kopion voit avata Tiedosto-valikosta.").replace("%1", str(path)))
    return choice
