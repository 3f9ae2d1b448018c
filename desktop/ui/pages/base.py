"""What every page of the main window is: a QWidget that shows one open store.

The main window calls `set_store(store)` when a project is opened (or None when closed) and
`refresh_when_visible()` after the store changed (an import, a removed batch). In the main window a
hidden page does its `refresh()` when it is next shown. Pages keep no global state.

A page whose first load is heavy does it in the background (desktop.ui.worker.LatestLoad): `refresh()`
returns at once, the page shows a `LoadingBanner` meanwhile, `is_loading()` is True until the content
(or the reason there is none) is shown, and then `loaded` is emitted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.store import Store


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
