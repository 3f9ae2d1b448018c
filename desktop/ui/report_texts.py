"""English for the Finnish report vocabulary that the pages' tables show: column headers and the
level, status, measure and segment-kind words of desktop.reports (which writes Finnish files only).

`header(column)` and `cell(value, column)` give the text in the UI language; numbers come in the format
of the language desktop.core.lang holds (install_translators sets both): '1 234', '12,5 %' in Finnish,
'1,234', '12.5 %' in English (desktop.reports.pages._fmt).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.reports.pages import LEVEL_FI, _fmt, header_fi
from desktop.reports.tables import COLUMN_NAMES_FI

CONTEXT = "ReportTexts"
#: the Finnish texts of desktop.reports marked for pyside6-lupdate; tests/ui/test_translations.py checks
#: that every text those tables can produce is here and translated
MARKS = (
    QT_TRANSLATE_NOOP("ReportTexts", "Segmentti"),
    QT_TRANSLATE_NOOP("ReportTexts", "Elämänkaari"),
    QT_TRANSLATE_NOOP("ReportTexts", "AURA-palveluluokka"),
    QT_TRANSLATE_NOOP("ReportTexts", "Palvelu"),
    QT_TRANSLATE_NOOP("ReportTexts", "Palvelurakenne"),
    QT_TRANSLATE_NOOP("ReportTexts", "Tuottaja"),
    QT_TRANSLATE_NOOP("ReportTexts", "Kunta"),
    QT_TRANSLATE_NOOP("ReportTexts", "Sukupuoli"),
    QT_TRANSLATE_NOOP("ReportTexts", "Ikäryhmä"),
    QT_TRANSLATE_NOOP("ReportTexts", "Vuosi"),
    QT_TRANSLATE_NOOP("ReportTexts", "Taso"),
    QT_TRANSLATE_NOOP("ReportTexts", "Käynnit ja kontaktit"),
    QT_TRANSLATE_NOOP("ReportTexts", "Asiakkaat"),
    QT_TRANSLATE_NOOP("ReportTexts", "Suoritteet"),
    QT_TRANSLATE_NOOP("ReportTexts", "Eurot"),
    QT_TRANSLATE_NOOP("ReportTexts", "€/asukas"),
    QT_TRANSLATE_NOOP("ReportTexts", "€/asiakas"),
    QT_TRANSLATE_NOOP("ReportTexts", "Henkilöt"),
    QT_TRANSLATE_NOOP("ReportTexts", "Tapahtumat"),
    QT_TRANSLATE_NOOP("ReportTexts", "Asukkaat"),
    QT_TRANSLATE_NOOP("ReportTexts", "Asiakkaita / 1 000 asukasta"),
    QT_TRANSLATE_NOOP("ReportTexts", "Osuus väestöstä"),
    QT_TRANSLATE_NOOP("ReportTexts", "Muutos edellisestä vuodesta"),
    QT_TRANSLATE_NOOP("ReportTexts", "Vertailu €/asukas"),
    QT_TRANSLATE_NOOP("ReportTexts", "Osuus euroista"),
    QT_TRANSLATE_NOOP("ReportTexts", "Vertailu: osuus euroista"),
    QT_TRANSLATE_NOOP("ReportTexts", "Laji"),
    QT_TRANSLATE_NOOP("ReportTexts", "Tavoite"),
    QT_TRANSLATE_NOOP("ReportTexts", "Toteuma"),
    QT_TRANSLATE_NOOP("ReportTexts", "Tila"),
    QT_TRANSLATE_NOOP("ReportTexts", "Mittari"),
    QT_TRANSLATE_NOOP("ReportTexts", "Kertymä"),
    QT_TRANSLATE_NOOP("ReportTexts", "Nimi"),
    QT_TRANSLATE_NOOP("ReportTexts", "vihreä"),
    QT_TRANSLATE_NOOP("ReportTexts", "keltainen"),
    QT_TRANSLATE_NOOP("ReportTexts", "punainen"),
    QT_TRANSLATE_NOOP("ReportTexts", "luokittelematon"),
    QT_TRANSLATE_NOOP("ReportTexts", "saavutettu"),
    QT_TRANSLATE_NOOP("ReportTexts", "ei saavutettu"),
    QT_TRANSLATE_NOOP("ReportTexts", "ei tietoa"),
    QT_TRANSLATE_NOOP("ReportTexts", "käynnit"),
    QT_TRANSLATE_NOOP("ReportTexts", "asiakkaat"),
    QT_TRANSLATE_NOOP("ReportTexts", "eurot"),
    QT_TRANSLATE_NOOP("ReportTexts", "toteutunut"),
    QT_TRANSLATE_NOOP("ReportTexts", "ennuste"),
    QT_TRANSLATE_NOOP("ReportTexts", "väestösegmentti"),
    QT_TRANSLATE_NOOP("ReportTexts", "asiakassegmentti"),
    QT_TRANSLATE_NOOP("ReportTexts", "palvelutarve"),
    QT_TRANSLATE_NOOP("ReportTexts", "Henkilötyövuodet (htv)"),
    QT_TRANSLATE_NOOP("ReportTexts", "Kirjanpidon eurot"),
    QT_TRANSLATE_NOOP("ReportTexts", "Käyntejä / htv"),
    QT_TRANSLATE_NOOP("ReportTexts", "Kirjanpidon € / käynti"),
    QT_TRANSLATE_NOOP("ReportTexts", "AURA-koodi"),
    QT_TRANSLATE_NOOP("ReportTexts", "Tapahtumien eurot"),
    QT_TRANSLATE_NOOP("ReportTexts", "Kattavuus %"),
    QT_TRANSLATE_NOOP("ReportTexts", "Erotus €"),
    QT_TRANSLATE_NOOP("ReportTexts", "Ammattiryhmä"),
    QT_TRANSLATE_NOOP("ReportTexts", "Kustannuspaikka"),
    QT_TRANSLATE_NOOP("ReportTexts", "Palkat €"),
    QT_TRANSLATE_NOOP("ReportTexts", "Palkat € / htv"),
    QT_TRANSLATE_NOOP("ReportTexts", "Henkilöstö"),
)
#: columns whose string cells are report vocabulary (other string cells are data: names, codes)
WORD_COLUMNS = ("level", "status", "measure", "kind")


def translate(finnish: str) -> str:
    return QCoreApplication.translate(CONTEXT, finnish)


def header(column: str) -> str:
    """The column header in the UI language; 'share_green_2024' -> 'green 2024 %'."""
    if column.startswith("share_") and column not in COLUMN_NAMES_FI:
        parts = column.split("_")
        return " ".join([translate(LEVEL_FI.get(parts[1], parts[1])), *parts[2:], "%"])
    return translate(header_fi(column))


def cell(value, column: str) -> str:
    """The display text of a table cell: report words translated, data values and numbers as they are."""
    text = _fmt(value, column)
    return translate(text) if isinstance(value, str) and column in WORD_COLUMNS else text
