"""The main window's pages: the navigation list beside the page stack, showing a page (the last one is
remembered), refreshing the pages after the store changed, and a failing page reported without stopping
the others (part of MainWindow, see main_window.py)."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QListWidgetItem, QScrollArea

from desktop.ui import settings as S
from desktop.ui.dialogs.report_dialog import show_error
from desktop.ui.pages import page_classes
from desktop.ui.pages.base import Page
from desktop.ui.widgets.table_tools import add_tools_to_tables

log = logging.getLogger(__name__)


class PageNavigation:
    """The pages in the navigation list and the stack."""

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

