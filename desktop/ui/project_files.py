"""The main window's project files: new, open (read-only when another instance has it), a team project,
close, import into, a copy saved elsewhere, dropped files, and the question about unsaved edits before a
project is closed (part of MainWindow, see main_window.py)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox

from desktop import STORE_SUFFIX
from desktop.core.errors import Cancelled, NotAStore, StoreInUse, StoreTooNew
from desktop.store import Store, open_store
from desktop.store.location import is_server_url
from desktop.ui import settings as S
from desktop.ui.dialogs import ask
from desktop.ui.dialogs.report_dialog import show_error
from desktop.ui.worker import run_with_progress

log = logging.getLogger(__name__)


class ProjectFiles:
    """Opening, creating, closing and copying the window's project."""

    def confirm_discard_changes(self) -> bool:
        """Ask before unsaved edits on a page would be lost. True when it is fine to go on."""
        dirty = []
        for page in self.pages:
            try:
                if page.store is not None and page.has_unsaved_changes():
                    dirty.append(page)
            except Exception:  # noqa: BLE001 - a broken page must not block closing
                log.exception("page %s: has_unsaved_changes failed", page.key)
        if not dirty:
            return True
        button = QMessageBox.StandardButton
        answer = ask.question(
            self,
            self.tr("Tallentamattomia muutoksia"),
            self.tr("Sivuilla %1 on tallentamattomia muutoksia. Tallennetaanko ne?").replace(
                "%1", ", ".join(p.title() for p in dirty)
            ),
            button.Save | button.Discard | button.Cancel,
            button.Save,
        )
        if answer == button.Save:
            return all(self._call_page(page, page.save_changes) and not page.has_unsaved_changes() for page in dirty)
        return answer == button.Discard

    # ------------------------------------------------------------------ store
    def set_store(self, store: Store | None) -> None:
        """Show `store` on every page (closing the store shown before)."""
        old, self.store = self.store, store
        self.page_errors.clear()
        self.statusBar().clearMessage()
        for page in self.pages:
            self._call_page(page, page.set_store, store)
        if old is not None and old is not store:
            old.close()
        if store is not None:
            self.settings.add_recent_file(store.location.key)  # a team project: its address, no password
            self.settings.set(S.LAST_STORE, store.location.key)
        self._update_title()
        self._update_actions()
        self.store_changed.emit(store)

    def close_store(self) -> bool:
        if not self.confirm_discard_changes():
            return False
        self.set_store(None)
        self.settings.set(S.LAST_STORE, "")
        return True

    def open_path(self, path: str | os.PathLike, readonly: bool = False) -> bool:
        """Open a project file. Another instance using it -> offer read-only; a newer or a foreign file
        -> a message. True when the project is now open."""
        if is_server_url(str(path)):
            return self.open_team_project(str(path))
        path = Path(path)
        if self.store is not None and self.store.path is not None and path.resolve() == self.store.path.resolve():
            return True
        if not self.confirm_discard_changes():
            return False
        try:
            store = open_store(path, readonly=readonly)
        except StoreInUse as exc:
            if ask.yes(
                self,
                self.tr("Projekti on käytössä"),
                exc.message + "\n\n" + self.tr("Avataanko projekti vain luku -tilassa? Silloin et voi muuttaa sitä."),
                default_yes=True,
            ):
                return self.open_path(path, readonly=True)
            return False
        except (StoreTooNew, NotAStore) as exc:
            ask.warn(self, self.tr("Projektia ei voitu avata"), exc.message)
            if not path.exists():
                self.settings.remove_recent_file(path)
            return False
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.set_store(store)
        self.statusBar().showMessage(self.tr("Projekti %1 avattu.").replace("%1", path.name), 10_000)
        backup = getattr(store, "backup_path", None)
        if backup:
            self.statusBar().showMessage(
                self.tr("Projekti päivitettiin uuteen versioon; vanha tallennettiin tiedostoon %1").replace("%1", str(backup))
            )
        return True

    # ---------------------------------------------------------------- actions
    def new_project(self) -> bool:
        name = ask.save_file(
            self, self.tr("Uusi projekti"), str(Path.home() / f"projekti{STORE_SUFFIX}"), self._file_filter()
        )
        if not name:
            return False
        return self.create_project_at(name)

    def create_project_at(self, name: str | os.PathLike) -> bool:
        path = Path(name)
        if path.suffix.lower() != STORE_SUFFIX:
            path = path.with_name(path.name + STORE_SUFFIX)
        if path.exists():
            ask.warn(
                self,
                self.tr("Uusi projekti"),
                self.tr("Tiedosto %1 on jo olemassa. Valitse uudelle projektille toinen nimi.").replace("%1", str(path)),
            )
            return False
        from desktop.services.new_project import create_project

        if not self.confirm_discard_changes():
            return False
        try:
            store = run_with_progress(
                self, lambda _progress, p: create_project(p), path,
                title=self.tr("Uusi projekti"), label=self.tr("Luodaan projektia %1...").replace("%1", path.name),
            )
        except Cancelled:
            return False
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.set_store(store)
        return True

    def open_dialog(self) -> bool:
        start = str(self.store.path.parent) if self.store and self.store.path else str(Path.home())
        name = ask.open_file(self, self.tr("Avaa projekti"), start, self._file_filter())
        return self.open_path(name) if name else False

    def _file_filter(self) -> str:
        return self.tr("Sote-suunnittelijan projektit (*%1);;Kaikki tiedostot (*)").replace("%1", STORE_SUFFIX)

    def open_team_project(self, location=None) -> bool:
        """File > Avaa tiimin projekti…: a team project on the county's PostgreSQL server."""
        from desktop.ui.dialogs.team_project_dialog import open_team_project

        return open_team_project(self, location)

    def run_import(self, path: str | None = None) -> bool:
        """Open the import dialog (for `path` when given). True when the store changed."""
        if self.store is None:
            ask.inform(self, self.tr("Tuo tiedosto"), self.tr("Avaa tai luo ensin projekti, johon tiedosto tuodaan."))
            return False
        if self.store.readonly:
            ask.inform(
                self, self.tr("Tuo tiedosto"), self.tr("Projekti on avattu vain luku -tilassa, joten siihen ei voi tuoda tiedostoja.")
            )
            return False
        from desktop.ui.dialogs import import_dialog  # on first use: its readers need not load at start-up

        changed = bool(import_dialog.run_import_dialog(self, self.store, path=path))
        if changed:
            self.refresh_pages()
        return changed

    def export_copy(self) -> bool:
        if self.store is None:
            return False
        folder = self.store.path.parent if self.store.path is not None else Path.home()
        suggestion = folder / f"{self.store.name}-kopio{STORE_SUFFIX}"
        name = ask.save_file(self, self.tr("Tallenna kopio"), str(suggestion), self._file_filter())
        if not name:
            return False
        return self.export_copy_to(name)

    def export_copy_to(self, name: str | os.PathLike) -> bool:
        """Write a self-contained copy of the open store (e.g. for a workshop laptop)."""
        dest = Path(name)
        if self.store is None:
            return False
        if self.store.path is not None and dest.resolve() == self.store.path.resolve():
            ask.warn(self, self.tr("Tallenna kopio"), self.tr("Kopiota ei voi tallentaa avoimen projektin päälle."))
            return False
        if dest.exists():
            dest.unlink()  # the save dialog has asked whether to replace it
        store = self.store
        try:
            run_with_progress(
                self, lambda progress: store.backup_to(dest, progress=progress),
                title=self.tr("Tallenna kopio"), label=self.tr("Tallennetaan kopiota %1...").replace("%1", dest.name),
            )
        except Cancelled:
            return False
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.statusBar().showMessage(self.tr("Kopio tallennettiin: %1").replace("%1", str(dest)), 10_000)
        return True

    def show_keys(self) -> None:
        from desktop.ui.dialogs.key_dialog import show_key_dialog

        self.key_dialog = show_key_dialog(self, self.store)

    # ----------------------------------------------------------- drag & drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.open_dropped(paths)

    def open_dropped(self, paths: list[str]) -> None:
        """A project file opens; any other file goes to the import dialog."""
        for name in paths:
            if Path(name).suffix.lower() == STORE_SUFFIX:
                self.open_path(name)
                return
        for name in paths:
            if not self.run_import(name):
                break

