"""Help > About: the app's version, the data sources shipped with it and their licences.

The sources are read from every `SOURCE.txt` under resources/, so a feature that adds reference
data documents it once, beside the files, and it shows up here.
"""

from __future__ import annotations

import html
import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop import APP_NAME, APP_NAME_EN, __version__
from desktop.paths import resources_dir


def source_notes(root: Path | None = None) -> list[tuple[str, str]]:
    """(folder relative to resources/, text) of every SOURCE.txt, sorted by folder."""
    root = root or resources_dir()
    notes = []
    for path in sorted(root.rglob("SOURCE.txt")):
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError:
            continue
        notes.append((path.parent.relative_to(root).as_posix() or ".", text))
    return notes


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, synthetic: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tietoja: %1").replace("%1", APP_NAME))
        self.resize(700, 560)
        layout = QVBoxLayout(self)
        head = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            + "<p>"
            + html.escape(
                self.tr(
                    "Hyvinvointialueen palveluiden suunnitteluun: palveluluokitus, asiakassegmentit, "
                    "liikennevalomalli ja palveluverkon saavutettavuus."
                )
            )
            + f"</p><p>{APP_NAME_EN} · Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}</p>"
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        self.sources = QTextBrowser()
        self.sources.setOpenExternalLinks(True)
        self.sources.setHtml(self._sources_html(synthetic))
        layout.addWidget(self.sources, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _sources_html(self, synthetic: bool) -> str:
        heading = self.tr("Aineistolähteet ja lisenssit")
        parts = [f"<h3>{html.escape(heading)}</h3>"]
        if synthetic:
            parts.append(
                "<p><b>"
                + html.escape(
                    self.tr(
                        "Avoinna oleva projekti on synteettinen demoaineisto: sen henkilöt ja käynnit on "
                        "arvottu, vain kuntien väestöluvut ja sijainnit ovat todellisia."
                    )
                )
                + "</b></p>"
            )
        notes = source_notes()
        if not notes:
            nothing = self.tr("Sovelluksen mukana ei ole lähdetietoja.")
            parts.append(f"<p>{html.escape(nothing)}</p>")
        for folder, text in notes:
            parts.append(f"<h4>resources/{html.escape(folder)}</h4><pre style='white-space: pre-wrap'>{html.escape(text)}</pre>")
        parts.append(
            "<h3>" + html.escape(self.tr("Ohjelmistot")) + "</h3><p>"
            + html.escape(
                self.tr(
                    "Qt ja PySide6 (LGPLv3), pandas, NumPy, SciPy, SQLAlchemy, matplotlib, HiGHS "
                    "(BSD-, MIT- ja PSF-tyyppiset lisenssit)."
                )
            )
            + "</p>"
        )
        return "\n".join(parts)

    def text(self) -> str:
        return self.sources.toPlainText()
