"""The main window: one open project (store), a navigation list of pages, menus and a status bar.

The window owns the open `Store`: it opens it (offering read-only when another instance has it),
hands it to every page with `set_store`, refreshes the pages when one of them changed it, and closes
it with the window. Window geometry, the last page and recent files are kept in `AppSettings`.
"""

from __future__ import annotations

import inspect
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.errors import Cancelled
from desktop.store import Store
from desktop.ui import settings as S
from desktop.ui.dialogs.report_dialog import show_error
from desktop.ui.page_navigation import PageNavigation
from desktop.ui.pages.base import Page
from desktop.ui.project_files import ProjectFiles
from desktop.ui.project_title import ProjectTitle
from desktop.ui.window_menus import WindowMenus
from desktop.ui.window_state import WindowState
from desktop.ui.worker import run_with_progress

log = logging.getLogger(__name__)

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


class MainWindow(PageNavigation, ProjectFiles, ProjectTitle, WindowMenus, WindowState, QMainWindow):
    """The app's window. `open_path(path)` opens a project; `store` is the open one (or None).

    Its parts: the pages and the navigation list (page_navigation.py), the project files (project_files.py),
    the title and project header (project_title.py), the menus (window_menus.py) and the remembered
    geometry (window_state.py)."""

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
        self._restore_window_state()
        self._update_title()

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

    def open_demo(self) -> bool:
        path = ensure_demo_store(self, self.settings)
        return self.open_path(path) if path else False

    # ---------------------------------------------------------------- closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard_changes():
            event.ignore()
            return
        self._remember_window_state()
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
