"""`sote-planner --self-test`: open the main window offscreen on a small demo store, show every page,
grab it to a pixmap and run its `render_check()`. Prints one line per page; 0 only when all passed.

Used to check an installed bundle, so it touches nothing of the user's: the store and the settings
live in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from desktop import APP_NAME, __version__


def build_small_store(folder: Path) -> Path:
    """A small demo store in `folder` (a plain new project when the demo generator is missing)."""
    from desktop.core.progress import NullProgress
    from desktop.ui.main_window import build_demo_store, demo_builder

    path = Path(folder) / "itsetesti.sote"
    if demo_builder() is not None:
        from desktop.store import keys

        # the demo's key stays in the temporary folder too (not in the user's key folder)
        key_file = keys.write_key_file(Path(folder) / "itsetesti.key", keys.new_key())
        previous = os.environ.get(keys.KEY_ENV)
        os.environ[keys.KEY_ENV] = str(key_file)
        try:
            build_demo_store(NullProgress(), path, "small")
        finally:
            if previous is None:
                os.environ.pop(keys.KEY_ENV, None)
            else:
                os.environ[keys.KEY_ENV] = previous
    else:
        from desktop.services.new_project import create_project

        create_project(path).close()
    return path


def render_pages(window) -> Iterator[tuple[object, object, BaseException | None]]:
    """Show each page of `window` in turn; yields (page, QPixmap of the window, error or None)."""
    from PySide6.QtWidgets import QApplication

    for page in list(window.pages):
        error: BaseException | None = None
        pixmap = None
        try:
            window.show_page(page.key)
            QApplication.processEvents()
            page.wait_until_loaded()  # a page loading in the background: its content, not "Ladataan…"
            error = window.page_errors.get(page.key)  # set_store or the refresh on first show failed
            if window.current_page() is not page:
                raise RuntimeError(f"page {page.key} could not be shown")
            pixmap = window.grab()
            if pixmap.isNull() or page.grab().isNull():
                raise RuntimeError(f"page {page.key} rendered an empty picture")
            if error is None:
                page.render_check()
        except Exception as exc:  # noqa: BLE001 - reported per page
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            error = error or exc
        yield page, pixmap, error


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform warns about window-manager hints it cannot honour; not our problem."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind, _context, message):
        if "propagateSizeHints" in message:
            return
        if kind != QtMsgType.QtDebugMsg:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def run_self_test() -> int:
    """Returns 0 when every page rendered without error, else 1."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.core.lang import language
    from desktop.store import open_store
    from desktop.ui.application import create_application, install_translators
    from desktop.ui.main_window import MainWindow, demo_builder
    from desktop.ui.settings import AppSettings

    started = time.monotonic()
    _quiet_offscreen_warnings()
    app = create_application()
    install_translators(language())
    failures = 0
    with tempfile.TemporaryDirectory(prefix="sote-itsetesti-") as tmp:
        kind = "demo small" if demo_builder() is not None else "empty project (no demo generator)"
        print(f"{APP_NAME} {__version__} self-test: {kind}, Qt platform {app.platformName()}", flush=True)
        try:
            path = build_small_store(Path(tmp))
            store = open_store(path)
        except Exception:  # noqa: BLE001
            print("FAIL  store: could not build the demo store")
            traceback.print_exc()
            return 1
        window = MainWindow(AppSettings(Path(tmp) / "settings.ini"))
        window.confirm_discard_changes = lambda: True  # never wait for an answer offscreen
        try:
            window.resize(1280, 800)
            window.show()
            window.set_store(store)
            for page, pixmap, error in render_pages(window):
                size = f"{pixmap.width()}x{pixmap.height()}" if pixmap is not None else "-"
                if error is None:
                    print(f"OK    {page.key:<16} {page.title()} ({size})", flush=True)
                else:
                    failures += 1
                    print(f"FAIL  {page.key:<16} {page.title()}: {type(error).__name__}: {error}", flush=True)
                    print(getattr(error, "__traceback_text__", ""), file=sys.stderr)
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    print(
        f"{'OK' if not failures else 'FAIL'}: {len(window.pages) - failures}/{len(window.pages)} pages "
        f"in {time.monotonic() - started:.1f} s",
        flush=True,
    )
    return 0 if failures == 0 else 1
