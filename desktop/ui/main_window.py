"""The main window: one open project (store), a navigation list of pages, menus and a status bar.

The window owns the open `Store`: it opens it (offering read-only when another instance has it),
hands it to every page with `set_store`, refreshes the pages when one of them changed it, and closes
it with the window. Window geometry, the last page and recent files are kept in `AppSettings`.
"""

from __future__ import annotations

import html
import inspect
import logging
import os
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, STORE_SUFFIX
from desktop.core.errors import Cancelled, NotAStore, StoreInUse, StoreTooNew
from desktop.store import Store, open_store
from desktop.store.location import is_server_url, parse_location
from desktop.ui import settings as S
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.dialogs.report_dialog import show_error
from desktop.ui.pages import page_classes
from desktop.ui.pages.base import Page
from desktop.ui.widgets.table_tools import add_tools_to_tables
from desktop.ui.worker import run_with_progress

log = logging.getLogger(__name__)

def format_years(years: list[int]) -> str:
    if not years:
        return ""
    years = sorted(years)
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def store_years(store: Store) -> list[int]:
    """The data years of a store: years of its service events (finance years when it has none)."""
    from desktop.services.project_info import event_years

    years = event_years(store)
    if years:
        return years
    from desktop.services.project_info import project_info

    for dataset in project_info(store)["datasets"]:
        if dataset["kind"] == "finance" and dataset["years"]:
            return list(dataset["years"])
    return []


# ------------------------------------------------------------------- demo store
def demo_builder():
    """`desktop.demo.build_demo` when the demo generator is installed, else None."""
    try:
        from desktop.demo import build_demo  # type: ignore[attr-defined]
    except ImportError:
        return None
    return build_demo


def build_demo_store(progress, path: Path, size: str) -> Path:
    """Build the demo store at `path` (plain function for a worker). A partial file is removed on failure."""
    build_demo = demo_builder()
    if build_demo is None:
        from desktop.core.errors import UserError
        from desktop.core.lang import t

        raise UserError(t("Demoaineiston tekijä puuttuu tästä asennuksesta.", "The demo generator is missing."))
    try:
        kwargs = {}
        if "progress" in inspect.signature(build_demo).parameters:
            kwargs["progress"] = progress
        result = build_demo(path, size, **kwargs)
        if hasattr(result, "close"):
            result.close()
    except BaseException:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")):
            leftover.unlink(missing_ok=True)
        raise
    return path


def ensure_demo_store(parent: QWidget | None, settings: S.AppSettings, path: Path | None = None) -> Path | None:
    """The demo store's path, building it first (with a progress dialog) when it does not exist.

    Returns None when the user cancelled or the demo generator is missing (a message was shown).
    """
    from desktop.paths import demo_store_path

    path = Path(path or demo_store_path())
    if path.exists():
        return path
    size = settings.get(S.DEMO_SIZE) if settings.get(S.DEMO_SIZE) in ("small", "full") else "full"
    try:
        run_with_progress(
            parent,
            build_demo_store,
            path,
            size,
            title=APP_NAME,
            label=QCoreApplication.translate(
                "MainWindow", "Rakennetaan demoaluetta (Keski-Suomi, synteettinen aineisto). Tämä tehdään vain kerran..."
            ),
        )
    except Cancelled:
        return None
    except Exception as exc:  # noqa: BLE001 - shown to the planner
        show_error(parent, exc)
        return None
    return path


class MainWindow(QMainWindow):
    """The app's window. `open_path(path)` opens a project; `store` is the open one (or None)."""

    #: the open store changed (the new Store or None)
    store_changed = Signal(object)

    def __init__(self, settings: S.AppSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or S.AppSettings()
        self.store: Store | None = None
        self.pages: list[Page] = []
        #: the last error of each page (key -> exception) since the store was set; read by --self-test
        self.page_errors: dict[str, BaseException] = {}
        self.setAcceptDrops(True)
        self.setWindowIcon(app_icon())
        self._build()
        if not self.restoreGeometry(self.settings.get(S.GEOMETRY)):
            self.resize(QSize(1200, 780))
        self.fit_to_screen()
        self._initial_size = self.size()
        self.restoreState(self.settings.get(S.WINDOW_STATE))
        self.show_page(self.settings.get(S.LAST_PAGE))
        self._update_title()

    def fit_to_screen(self) -> None:
        """Keep the window inside the screen's available area (without the task bar): on a 1366 x 768
        laptop a remembered or default size taller than the screen hid the status bar."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(self.width(), room.width() - frame.width())
        height = min(self.height(), room.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), room.x()), room.right() - width - frame.width())
        y = min(max(self.y(), room.y()), room.bottom() - height - frame.height())
        self.move(max(x, room.x()), max(y, room.y()))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not getattr(self, "_fitted", False):  # the frame's size is known once the window is shown
            self._fitted = True
            if self.size() == self._initial_size:  # not a size a caller chose (a script, a test)
                self.fit_to_screen()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        # the open project at a glance: name, region and years, synthetic or read-only
        self.project_header = QLabel()
        self.project_header.setObjectName("projectHeader")
        self.project_header.setWordWrap(True)
        self.project_header.setFixedWidth(180)
        self.project_header.setStyleSheet("QLabel#projectHeader { padding: 6px 4px 10px 4px; }")
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(180)
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 8px 6px; }")
        side.addWidget(self.project_header)
        side.addWidget(self.navigation, 1)
        self.stack = QStackedWidget()
        layout.addLayout(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_pages()
        self.navigation.currentRowChanged.connect(self._on_navigation)
        self._build_menus()

    def _build_pages(self) -> None:
        for cls in page_classes():
            page = cls(self)
            page.defer_refresh_while_hidden = True
            page.refresh_runner = lambda fn, page=page: self._call_page(page, fn)
            page.store_modified.connect(self._on_page_modified)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
            page.import_requested.connect(lambda: self.run_import())
            add_tools_to_tables(page, page.key)  # Ctrl+C as Excel text, right-click copy and export
            self.pages.append(page)
            # a page wider or taller than a small laptop screen scrolls instead of growing the window
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(page)
            self.stack.addWidget(holder)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.navigation.addItem(item)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&Tiedosto"))
        self.new_action = self._action(file_menu, self.tr("&Uusi projekti..."), self.new_project, QKeySequence.StandardKey.New)
        self.open_action = self._action(file_menu, self.tr("&Avaa projekti..."), self.open_dialog, QKeySequence.StandardKey.Open)
        self.team_action = self._action(file_menu, self.tr("Avaa &tiimin projekti…"), self.open_team_project)
        self.recent_menu = file_menu.addMenu(self.tr("&Viimeisimmät"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.demo_action = self._action(file_menu, self.tr("Avaa &demoalue"), self.open_demo)
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, self.tr("&Tuo tiedosto..."), self.run_import, "Ctrl+I")
        self.export_action = self._action(file_menu, self.tr("Tallenna &kopio..."), self.export_copy, "Ctrl+Shift+S")
        self.keys_action = self._action(file_menu, self.tr("Pseudonymisointi&avaimet..."), self.show_keys)
        self.close_action = self._action(file_menu, self.tr("&Sulje projekti"), self.close_store, QKeySequence.StandardKey.Close)
        file_menu.addSeparator()
        # StandardKey.Quit has no binding offscreen or on Windows: Ctrl+Q explicitly
        self.quit_action = self._action(file_menu, self.tr("&Lopeta"), self.close, "Ctrl+Q")

        view_menu = bar.addMenu(self.tr("&Näytä"))
        language_menu = view_menu.addMenu(self.tr("&Kieli / Language"))
        group = QActionGroup(self)
        self.language_actions = {}
        from desktop.core.lang import language

        for code, name in (("fi", "Suomi"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(language() == code)
            on_click(action, self.set_language, code)
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action

        view_menu.addSeparator()
        self.page_actions = []
        for number, page in enumerate(self.pages, start=1):  # Ctrl+1 ... Ctrl+6: the pages in the list's order
            action = self._action(view_menu, page.title(), lambda key=page.key: self.show_page(key),
                                  f"Ctrl+{number}" if number < 10 else None)
            self.page_actions.append(action)

        # Muokkaa: undo and redo act on the page shown (each editing page keeps its own history); the
        # shortcuts stay the pages' own (a window-wide Ctrl+Z would be ambiguous), so they are shown only
        edit_menu = bar.addMenu(self.tr("&Muokkaa"))
        bar.insertMenu(view_menu.menuAction(), edit_menu)
        self.undo_action = self._action(edit_menu, self.tr("&Kumoa") + "\tCtrl+Z", self.undo_on_page)
        self.redo_action = self._action(edit_menu, self.tr("&Tee uudelleen") + "\tCtrl+Shift+Z", self.redo_on_page)
        edit_menu.addSeparator()
        self.copy_action = self._action(edit_menu, self.tr("K&opioi") + "\tCtrl+C", self.copy_selection)

        help_menu = bar.addMenu(self.tr("&Ohje"))
        self.guide_action = self._action(help_menu, self.tr("&Käyttöopas"), self.show_guide, "F1")
        self.about_action = self._action(help_menu, self.tr("&Tietoja ohjelmasta..."), self.show_about)
        self._update_actions()

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        on_click(action, slot)
        menu.addAction(action)
        return action

    def _update_actions(self) -> None:
        has_store = self.store is not None
        writable = has_store and not self.store.readonly  # type: ignore[union-attr]
        self.import_action.setEnabled(writable)
        self.export_action.setEnabled(has_store)
        self.close_action.setEnabled(has_store)

    # ------------------------------------------------------------------ pages
    def page(self, key: str) -> Page | None:
        return next((p for p in self.pages if p.key == key), None)

    def current_page(self) -> Page | None:
        index = self.stack.currentIndex()
        return self.pages[index] if 0 <= index < len(self.pages) else None

    def show_page(self, key: str | None) -> None:
        """Show the page with this key (the first page when unknown)."""
        index = next((i for i, p in enumerate(self.pages) if p.key == key), 0)
        self.navigation.setCurrentRow(index)
        self.stack.setCurrentIndex(index)

    def _on_navigation(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.stack.setCurrentIndex(row)
            self.settings.set(S.LAST_PAGE, self.pages[row].key)

    def _on_page_modified(self) -> None:
        sender = self.sender()
        self.refresh_pages(skip=sender if isinstance(sender, Page) else None)

    def refresh_pages(self, skip: Page | None = None) -> None:
        """Re-read the store on every page (after an import or a removed batch); hidden pages do it
        when they are next shown."""
        for page in self.pages:
            if page is not skip:
                self._call_page(page, page.refresh_when_visible)
        self._update_title()

    def _call_page(self, page: Page, fn, *args, report: bool = True) -> bool:
        """Call a page method; a failing page shows a report instead of stopping the others."""
        try:
            fn(*args)
            return True
        except Exception as exc:  # noqa: BLE001 - one broken page must not take the window down
            log.exception("page %s failed", page.key)
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.page_errors[page.key] = exc
            if report:
                show_error(self, exc)
            return False

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

    def _update_title(self) -> None:
        """Window title and the project header: name, region, data years, synthetic, read-only."""
        if self.store is None:
            self.setWindowTitle(APP_NAME)
            self.store_label.setText(self.tr("Ei avointa projektia"))
            self.project_header.setText(
                "<b>" + html.escape(self.tr("Ei avointa projektia")) + "</b><br>"
                + html.escape(self.tr("Avaa projekti tai luo uusi Tiedosto-valikosta."))
            )
            return
        name = self.store.name
        try:
            years = format_years(store_years(self.store))
            synthetic = bool(self.store.setting("synthetic", False))
            region = self.store.setting("region_name", None)
        except Exception:  # noqa: BLE001 - a title never fails the window
            log.exception("could not read the project facts for the title")
            years, synthetic, region = "", False, None
        title = " · ".join(p for p in (name, years) if p)
        header = [f"<b>{html.escape(name)}</b>"]
        if region:
            header.append(html.escape(str(region)))
        if years:
            header.append(html.escape(self.tr("Tiedot vuosilta %1").replace("%1", years)))
        if synthetic:
            title += " " + self.tr("(synteettinen demoaineisto)")
            header.append("<span style='color:#8a5a00'>" + html.escape(self.tr("Synteettinen demoaineisto")) + "</span>")
        if self.store.is_server:
            title += " " + self.tr("[tiimin projekti palvelimella %1]").replace("%1", self.store.location.host or "localhost")
            header.append(html.escape(self.tr("Tiimin projekti: %1").replace("%1", self.store.display)))
        if self.store.readonly:
            title += " " + self.tr("[vain luku]")
            header.append("<span style='color:#a00000'>" + html.escape(self.tr("Vain luku")) + "</span>")
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.project_header.setText("<br>".join(header))
        label = self.store.display
        if self.store.readonly:
            label += "  (" + self.tr("vain luku") + ")"
        self.store_label.setText(label)

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

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for i, name in enumerate(files, start=1):
            if is_server_url(name):  # a team project: the address without its password
                where = parse_location(name)
                text = f"&{i} {where.name}  —  {where.host or 'localhost'} " + self.tr("(tiimin projekti)")
            else:
                text = f"&{i} {Path(name).name}  —  {Path(name).parent}"
            action = self.recent_menu.addAction(text)
            action.setData(name)
            action.setEnabled(is_server_url(name) or Path(name).exists())
            on_click(action, self.open_path, name)
        if not files:
            empty = self.recent_menu.addAction(self.tr("(ei viimeisimpiä projekteja)"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Tyhjennä luettelo"))
            on_click(clear, self.settings.set, S.RECENT_FILES, [])

    def open_team_project(self, location=None) -> bool:
        """File > Avaa tiimin projekti…: a team project on the county's PostgreSQL server."""
        from desktop.ui.dialogs.team_project_dialog import open_team_project

        return open_team_project(self, location)

    def open_demo(self) -> bool:
        path = ensure_demo_store(self, self.settings)
        return self.open_path(path) if path else False

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

    def undo_on_page(self) -> None:
        """Muokkaa > Kumoa: the last edit of the page shown."""
        page = self.current_page()
        if page is not None and hasattr(page, "undo"):
            page.undo()
        else:
            self.statusBar().showMessage(self.tr("Tällä sivulla ei ole kumottavaa."), 5_000)

    def redo_on_page(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "redo"):
            page.redo()

    def copy_selection(self) -> None:
        """Muokkaa > Kopioi: the selected cells of the table in focus (as Excel text), or the selected text."""
        from PySide6.QtWidgets import QAbstractItemView, QApplication

        from desktop.ui.widgets.table_tools import copy_table

        widget = QApplication.focusWidget()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            copy_table(widget)
        elif widget is not None and hasattr(widget, "copy"):
            widget.copy()

    def show_guide(self) -> None:
        """F1: the user guide at the section of the page shown."""
        from desktop.ui.dialogs.help_dialog import HelpDialog

        page = self.current_page()
        dialog = HelpDialog(page.key if page else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_about(self) -> None:
        from desktop.ui.dialogs.about_dialog import AboutDialog

        synthetic = bool(self.store.setting("synthetic", False)) if self.store else False
        dialog = AboutDialog(self, synthetic=synthetic)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def set_language(self, code: str) -> None:
        """Switch the UI language now and remember it; pages and menus are rebuilt in the new language."""
        from desktop.core.lang import language
        from desktop.ui.application import install_translators

        if code != language() and not self.confirm_discard_changes():  # the pages are rebuilt
            self.language_actions[language()].setChecked(True)
            return
        self.settings.set(S.LANGUAGE, code)
        install_translators(code)
        self.retranslate()

    def retranslate(self) -> None:
        current = self.current_page()
        key = current.key if current else None
        self.navigation.blockSignals(True)
        self.navigation.clear()
        while self.stack.count():
            holder = self.stack.widget(0)
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.pages = []
        self._build_pages()
        self.navigation.blockSignals(False)
        for page in self.pages:
            self._call_page(page, page.set_store, self.store)
        self._build_menus()
        self.show_page(key)
        self._update_title()

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

    # ---------------------------------------------------------------- closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard_changes():
            event.ignore()
            return
        self.settings.set(S.GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(S.WINDOW_STATE, bytes(self.saveState().data()))
        current = self.current_page()
        if current is not None:
            self.settings.set(S.LAST_PAGE, current.key)
        self.settings.set(S.LAST_STORE, self.store.location.key if self.store else "")
        self.settings.sync()
        if self.store is not None:
            store, self.store = self.store, None
            for page in self.pages:
                self._call_page(page, page.set_store, None, report=False)  # closing: log only
            store.close()
        event.accept()


def app_icon():
    from PySide6.QtGui import QIcon

    from desktop.paths import resources_dir

    path = resources_dir() / "icons" / "sote-planner.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
