"""Stands in for a page whose module could not be loaded: says so, and fails --self-test."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout

from desktop.ui.pages.base import Page


class UnavailablePage(Page):
    error: BaseException | None = None
    details: str = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr("Tätä sivua ei voitu ladata ohjelmavirheen vuoksi. Muut sivut toimivat. Virhe: %1").replace(
                "%1", f"{type(self.error).__name__}: {self.error}"
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        text = QPlainTextEdit(self.details)
        text.setReadOnly(True)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(text, 1)

    def render_check(self) -> None:
        raise RuntimeError(f"page {self.key} could not be loaded: {self.error}")
