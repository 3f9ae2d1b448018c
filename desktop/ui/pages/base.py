"""What every page of the main window is: a QWidget that shows one open store.

The main window calls `set_store(store)` when a project is opened (or None when closed) and
`refresh_when_visible()` after the store changed (an import, a removed batch). In the main window a
hidden page does its `refresh()` when it is next shown. Pages keep no global state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

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
        """`refresh()` now, or at the next show when deferring and hidden."""
        if self.defer_refresh_while_hidden and not self.isVisible():
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

    def render_check(self) -> None:
        """Used by --self-test: raise if the page cannot show its content."""
