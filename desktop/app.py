"""Start-up wiring of the GUI: the application and its language (desktop.ui.application), logging,
error reporting, the store, the main window.

`run_gui(None)` opens the store used last time, or the demo store (built on first start at full size,
with a progress dialog; the `preferences/demo_size` setting may say "small").
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.ui.application import create_application, install_translators, ui_language

log = logging.getLogger(__name__)


def install_excepthook() -> None:
    """Exceptions that escape a Qt slot: log file + a report dialog; the app keeps running."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        exc.__traceback_text__ = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            from PySide6.QtWidgets import QApplication

            from desktop.ui.dialogs.report_dialog import show_error

            show_error(QApplication.activeWindow(), exc)
        except Exception:  # noqa: BLE001 - last resort
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook


def _setup_logging() -> None:
    from desktop.core.private_files import create_private
    from desktop.paths import SafeLogFormatter, log_dir

    path = create_private(log_dir() / "sote-planner.log", exclusive=False)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(SafeLogFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def start_store_path(settings, store_path: str | None) -> Path | str | None:
    """The store to open: the one asked for, else the one used last (when it still exists)."""
    from desktop.store.location import is_server_url
    from desktop.ui import settings as S

    if store_path:
        return store_path if is_server_url(store_path) else Path(store_path)
    last = settings.get(S.LAST_STORE)
    if last and is_server_url(last):  # a team project (asks for its password when needed)
        return last
    if last and Path(last).exists():
        return Path(last)
    return None


def freeze_startup_objects() -> int:
    """Keep Python's cyclic garbage collector from walking the start-up's objects again: modules,
    classes, functions and Qt wrappers (about 170,000) live as long as the app. A full collection
    runs on whichever thread allocates, holding the GIL, and walked all of them each time (about
    90 ms with a large project open, a pause of the window; 25 ms after this). Call it before any
    project is opened: a project's data stays collectable. Returns how many objects were frozen."""
    import gc

    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def run_gui(store_path: str | None) -> int:
    """Open the main window on `store_path`, or on the last store used, or on the demo store."""
    _setup_logging()
    app = create_application()
    from desktop.ui.main_window import MainWindow, ensure_demo_store
    from desktop.ui.settings import AppSettings

    settings = AppSettings()
    install_translators(ui_language(settings))
    install_excepthook()
    window = MainWindow(settings)
    window.show()
    if os.environ.get("SOTE_PLANNER_EXIT_AFTER_SHOWN"):  # start-up benchmark: tests/bench/test_startup_bench.py
        app.processEvents()
        return 0
    freeze_startup_objects()
    path = start_store_path(settings, store_path)
    if path is None:
        path = ensure_demo_store(window, settings)
    if path is not None:
        window.open_path(path)
    log.info("%s %s started", APP_NAME, __version__)
    return int(app.exec())
