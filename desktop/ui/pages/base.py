"""What every page of the main window is: a QWidget that shows one open store.

The main window calls `set_store(store)` when a project is opened (or None when closed) and
`refresh()` after the store changed (an import, a removed batch). Pages keep no global state.
"""

from __future__ import annotations

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

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.store: Store | None = None

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Page", cls.title_fi)

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.refresh()

    def refresh(self) -> None:
        """Re-read what the page shows from the store."""

    def render_check(self) -> None:
        """Used by --self-test: raise if the page cannot show its content."""
