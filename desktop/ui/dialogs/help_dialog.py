"""The offline user guide (F1): resources/help/kayttoopas.md (Finnish) or user_guide.md (English),
opened at the section of the page the planner is on."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.lang import language
from desktop.paths import resources_dir

GUIDES = {"fi": "kayttoopas.md", "en": "user_guide.md"}


def guide_text(lang: str | None = None) -> str:
    """The guide's Markdown in `lang` (the UI language by default)."""
    path = resources_dir() / "help" / GUIDES["en" if (lang or language()) == "en" else "fi"]
    return path.read_text(encoding="utf-8")


def section_titles(text: str) -> dict[str, str]:
    """Page key -> the title of its section ("## Liikennevalot {#traffic_lights}")."""
    return {m.group(2): m.group(1).strip() for m in re.finditer(r"^## (.+?) \{#(\w+)\}\s*$", text, re.M)}


class HelpDialog(QDialog):
    """The guide in a window beside the app (not modal: the planner can keep working)."""

    def __init__(self, page_key: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Käyttöopas"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        text = guide_text()
        titles = section_titles(text)
        self.browser.setMarkdown(re.sub(r" \{#\w+\}\s*$", "", text, flags=re.M))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.section = titles.get(page_key or "", "")
        if self.section:  # the cursor at the page's section; shown in view when the window opens
            self.browser.find(self.section, QTextDocument.FindFlag.FindCaseSensitively)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.section:
            self.browser.verticalScrollBar().setValue(self.browser.verticalScrollBar().maximum())
            self.browser.ensureCursorVisible()  # the section's title at the top, not the bottom
