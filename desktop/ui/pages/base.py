"""What every page of the main window is: a QWidget that shows one open store.

The main window calls `set_store(store)` when a project is opened (or None when closed) and
`refresh_when_visible()` after the store changed (an import, a removed batch). In the main window a
hidden page does its `refresh()` when it is next shown. Pages keep no global state.

A page whose first load is heavy does it in the background (desktop.ui.worker.LatestLoad): `refresh()`
returns at once, the page shows a `LoadingBanner` meanwhile, `is_loading()` is True until the content
(or the reason there is none) is shown, and then `loaded` is emitted. `LoadingPage` owns all of that
(the background load, the banner, load errors, the self-test check and the undo actions): a page
supplies `load()` (the work to run off the GUI thread) and `show_loaded(result)`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.core.command import UndoStack
from desktop.core.errors import UserError
from desktop.store import Store
from desktop.ui.clicks import on_click
from desktop.ui.worker import LatestLoad


class Page(QWidget):
    #: Finnish title in the navigation list (translated with the "Page" context)
    title_fi: str = ""
    #: stable key for remembering the last page
    key: str = ""

    #: the page changed the store (e.g. saved rules); the window refreshes other pages
    store_modified = Signal()
    #: a message for the status bar
    status_message = Signal(str)
    #: ask the main window to open the import dialog (e.g. a page's "Tuo tiedosto..." button)
    import_requested = Signal()
    #: the page shows the store's content, or why it cannot (after a background load or a plain refresh)
    loaded = Signal()

    #: when True (the main window sets it), a hidden page refreshes when it is next shown instead
    #: of at once, so opening a big store computes only the page the planner is looking at
    defer_refresh_while_hidden: bool = False

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.store: Store | None = None
        self._refresh_pending = False
        #: runs a deferred refresh (the main window passes one that reports a failing page)
        self.refresh_runner: Callable[[Callable[[], None]], object] | None = None

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Page", cls.title_fi)

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.refresh_when_visible()

    def refresh_when_visible(self) -> None:
        """`refresh()` now, or at the next show when deferring and hidden. Without a store the page
        refreshes at once even when hidden: that is cheap, and it drops a load still running for the
        store before (which would otherwise arrive at a page whose store is gone)."""
        if self.defer_refresh_while_hidden and not self.isVisible() and self.store is not None:
            self._refresh_pending = True
            return
        self._refresh_pending = False
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._refresh_pending:
            self._refresh_pending = False
            if self.refresh_runner is not None:
                self.refresh_runner(self.refresh)
            else:
                self.refresh()

    def refresh(self) -> None:
        """Re-read what the page shows from the store."""

    def has_unsaved_changes(self) -> bool:
        """True when the page holds edits not yet saved to the store; the main window then asks the
        planner before it opens another project, switches the language or closes."""
        return False

    def save_changes(self) -> bool:
        """Save the page's unsaved edits to the store (the main window's "Tallenna" answer when the
        planner closes or opens another project). True when saved; a page that cannot save says why."""
        return True

    def render_check(self) -> None:
        """Used by --self-test: raise if the page cannot show its content."""

    def is_loading(self) -> bool:
        """True while a background load of the page runs (pages that load synchronously: never)."""
        return False

    def add_banner_and_content(self) -> QVBoxLayout:
        """The layout of a page that loads in the background: `self.banner` (a LoadingBanner) above
        `self.content` (disabled while loading); returns the content's layout for the page's widgets."""
        page_layout = QVBoxLayout(self)
        self.banner = LoadingBanner()
        page_layout.addWidget(self.banner)
        self.content = QWidget()
        page_layout.addWidget(self.content, 1)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        return layout

    def _banner_off(self) -> None:
        """Hide the banner and lay the page out now, before the charts are drawn: they are drawn
        once, at their final size (a chart is drawn again whenever its canvas changes size)."""
        self.banner.clear()
        self.layout().activate()

    def wait_until_loaded(self, timeout_ms: int = 120_000) -> bool:
        """Run the event loop until the page is no longer loading and has laid itself out (the window
        stays responsive); for --self-test and scripts. True when loaded within `timeout_ms`."""
        if not self.is_loading():
            return True
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        self.loaded.connect(loop.quit)
        timer.start(timeout_ms)
        try:
            loop.exec()
        finally:
            timer.stop()
            self.loaded.disconnect(loop.quit)
        for _ in range(3):  # the filled-in page lays itself out in a few rounds (page, scroll area, window)
            QCoreApplication.processEvents()
        return not self.is_loading()


class LoadingPage(Page):
    """A page that reads the store in the background and may hold undoable edits.

    A page supplies:
    - `load()`: the work of a refresh, `job(progress) -> result`, run off the GUI thread (Qt-free:
      usually its presenter's); None when there is nothing to read (no store): `show_empty()` then;
    - `show_loaded(result)`: fill the widgets in (on the GUI thread);
    - optionally `show_empty()`, `show_load_failed(error)`, `loading_text()`, `load_failed_text(error)`,
      `check_loaded()` (more self-test checks), `show_unsaved(bool)` and `save()`.
    The page calls `add_banner_and_content()` for its layout and `add_undo_actions(stack)` when it has
    edits: then Kumoa / Tee uudelleen (/ Tallenna) are actions with their shortcuts, off while a load
    runs, and `has_unsaved_changes()` follows the stack's saved marker.
    """

    #: the content stays usable after a failed load (unsaved edits can still be saved)
    content_after_failure = True
    #: False for a page whose load is quick (a small read): `load()`'s job runs at once on the GUI thread,
    #: so the page shows the store when `refresh()` returns; a failure still goes to the banner
    loads_in_background = True
    #: every edit is written to the store as it is made: nothing is ever unsaved (the undo actions only)
    saves_at_once = False
    #: a load's UserError (e.g. a project without events) is also shown in red in the banner (False:
    #: only where `show_load_failed` shows it)
    user_error_in_banner = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.load_error: BaseException | None = None  # an unexpected failure of the last load
        self.loader = LatestLoad(self)
        self.loader.finished.connect(self._load_finished)
        self.loader.failed.connect(self._load_failed)
        self.undo_stack: UndoStack | None = None
        self.save_action: QAction | None = None

    # ------------------------------------------------------------------ what a page supplies
    def load(self) -> Callable | None:
        return None

    def show_loaded(self, result) -> None:
        """Show a finished load."""

    def show_empty(self) -> None:
        """Show that there is no store (or nothing to read)."""

    def show_load_failed(self, error: BaseException) -> None:
        """Show that the load failed (the banner says why)."""

    def loading_text(self) -> str:
        return self.tr("Ladataan…")

    def load_failed_text(self, error: BaseException) -> str:
        return self.tr("Lataus epäonnistui: {0}").format(error)

    def check_loaded(self) -> None:
        """More of --self-test's checks once loaded: raise if the page shows nothing it should."""

    def show_unsaved(self, unsaved: bool) -> None:
        """Show (or hide) that there are unsaved edits."""

    def save(self) -> bool:
        return True

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        """Read the store again in the background (a load still running is dropped)."""
        self.loader.cancel()
        self.load_error = None
        job = self.load()
        if job is None:
            self.show_empty()
            self._load_over()
            return
        if not self.loads_in_background:
            try:
                result = job(None)
            except Exception as exc:  # noqa: BLE001 - shown in the banner, as a background load's
                self._load_failed(exc)
            else:
                self._load_finished(result)
            return
        self.banner.show_loading(self.loading_text())
        self.content.setEnabled(False)
        self.undo_actions_changed()  # no edits while loading
        self.loader.start(job)

    def is_loading(self) -> bool:
        return self.loader.running

    def _load_finished(self, result) -> None:
        self.banner.clear()
        self.content.setEnabled(True)
        self.show_loaded(result)
        self._load_over()

    def _load_over(self) -> None:
        self._banner_off()
        self.content.setEnabled(True)
        self.undo_actions_changed()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            self.load_error = error
        text = str(error) if isinstance(error, UserError) else self.load_failed_text(error)
        self.content.setEnabled(self.content_after_failure)
        self.show_load_failed(error)
        self.undo_actions_changed()
        if isinstance(error, UserError) and not self.user_error_in_banner:
            self.banner.clear()
        else:
            self.banner.show_error(text)
        self.loaded.emit()

    def render_check(self) -> None:
        if not self.wait_until_loaded():
            raise RuntimeError(f"{self.key} page did not finish loading")
        if self.load_error is not None:
            raise RuntimeError(f"{self.key} page could not load: {self.load_error}") from self.load_error
        self.check_loaded()

    # ------------------------------------------------------------------ undo
    def add_undo_actions(self, stack: UndoStack, with_save: bool = True) -> None:
        """Kumoa (Ctrl+Z), Tee uudelleen (Ctrl+Shift+Z, Ctrl+Y) and Tallenna (Ctrl+S) for `stack`."""
        self.undo_stack = stack
        self.undo_action = QAction(self.tr("Kumoa"), self)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        on_click(self.undo_action, self.undo)
        self.redo_action = QAction(self.tr("Tee uudelleen"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        on_click(self.redo_action, self.redo)
        actions = [self.undo_action, self.redo_action]
        if with_save:
            self.save_action = QAction(self.tr("Tallenna"), self)
            self.save_action.setShortcuts([QKeySequence("Ctrl+S")])
            on_click(self.save_action, self.save)
            actions.append(self.save_action)
        for action in actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        stack.listeners.append(self.undo_actions_changed)
        self.undo_actions_changed()

    def undo(self) -> None:
        if self.undo_stack is not None and not self.is_loading():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack is not None and not self.is_loading():
            self.undo_stack.redo()

    def writable(self) -> bool:
        return self.store is not None and not self.store.readonly

    def undo_actions_changed(self) -> None:
        """Enable undo / redo / save as the stack and the load allow; show the unsaved marker."""
        stack = self.undo_stack
        if stack is None:
            return
        idle = not self.is_loading()
        clean = stack.is_clean()
        self.undo_action.setEnabled(idle and stack.can_undo())
        self.redo_action.setEnabled(idle and stack.can_redo())
        if self.save_action is not None:
            self.save_action.setEnabled(idle and self.writable() and not clean)
        self.show_unsaved(not clean)

    def has_unsaved_changes(self) -> bool:
        return not self.saves_at_once and self.undo_stack is not None and not self.undo_stack.is_clean()

    def save_changes(self) -> bool:
        return self.save()


class LoadingBanner(QWidget):
    """A line at the top of a page: "Ladataan…" with a busy bar while a background load runs, or
    the reason the load failed (in red); hidden otherwise.

    It reports no height for width (it is as tall as its size hint): with the word-wrapped label's
    height for width, the main window's scroll area made a loading page as tall as it would like,
    a scroll bar came and went as the load ended, and the page's charts were drawn again at each of
    its sizes (0.15 s a time for the network map)."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no known amount of work: a moving busy indicator
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.busy)
        self.hide()

    def show_loading(self, text: str) -> None:
        self.label.setStyleSheet("")
        self.label.setText(text)
        self.busy.show()
        self.show()

    def show_error(self, text: str) -> None:
        self.label.setStyleSheet("color: #c62828")
        self.label.setText(text)
        self.busy.hide()
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()
