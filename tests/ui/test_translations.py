"""The English UI translation: the compiled .qm loads, every source string has an English translation,
and each page built under the English translator shows no common Finnish UI word in its own texts
(buttons, labels, group boxes, tabs, table headers). Chart texts drawn by matplotlib and data values from
the store are not checked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QTableView, QTabWidget, QToolButton, QTreeView
from shell_stores import make_store

from desktop.importers import mapping as mp
from desktop.store import open_store
from desktop.ui import report_texts
from desktop.ui.application import install_translators, translations_dir
from desktop.ui.dialogs.import_dialog import ImportDialog
from desktop.ui.pages import page_classes

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "update_translations.py"

#: common Finnish UI words (whole words, any case) that must not show on an English page
FINNISH_WORDS = ("Tallenna", "Vie", "Tuo", "Kumoa", "Poista", "Lisää", "vuosi", "Tavoite", "Kattavuus",
                 "Segmentti", "Palvelu", "Kunta", "Toimipiste", "Aineisto", "Valitse", "Avaa", "Peruuta", "Näytä",
                 "Ei", "ja", "tai", "Muokkaa", "Päivitä", "Luokitus", "Väestö", "Tiedosto", "kaikki", "Nimi",
                 "osuus", "oli", "suurin", "Eurot", "Asiakkaat", "vihreä", "punainen")
FINNISH_RE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, FINNISH_WORDS)) + r")(?!\w)", re.IGNORECASE)


def finnish_words(text: str) -> list[str]:
    return FINNISH_RE.findall(text or "")


def test_finnish_word_check_finds_whole_words_only():
    assert finnish_words("Tallenna luokitus") == ["Tallenna", "luokitus"]
    assert finnish_words("Vie taulukot (XLSX)…") == ["Vie"]
    assert finnish_words("Palveluluokitus") == []  # part of a longer word is not a whole word
    assert finnish_words("Save, export, undo; Review the year") == []


def test_compiled_translation_loads_and_translates():
    translator = QTranslator()
    assert translator.load("sote_en", str(translations_dir()))
    assert translator.translate("Page", "Palveluverkko") not in ("", "Palveluverkko")
    assert translator.translate("GoalsModel", "Kattavuus %") == "Coverage %"


def test_update_translations_check_reports_nothing_unfinished(tmp_path):
    """--check re-extracts the strings from desktop/ui (lupdate), so it also catches new untranslated code."""
    run = subprocess.run([sys.executable, str(TOOL), "--check"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    summary = re.search(r"(\d+) strings, (\d+) without an English translation", run.stdout)
    assert summary, run.stdout
    assert int(summary.group(1)) > 400 and int(summary.group(2)) == 0


@pytest.fixture
def english(qapp):
    assert install_translators("en")
    yield
    install_translators("fi")


@pytest.fixture
def small_store(tmp_path):
    store = open_store(make_store(tmp_path / "pieni.sote"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, qapp):
    """The small demo project (as the screenshots use): pages show their tables with headers."""
    from desktop.ui.selftest import build_small_store

    store = open_store(build_small_store(tmp_path_factory.mktemp("demo")))
    yield store
    store.close()


#: labels whose text is written by the Qt-free desktop.reports (language from desktop.core.lang): checked
#: by their own test below rather than with the page's Qt-translated texts
REPORT_SENTENCES = {"TrafficLightsPage": ("sentence",)}


def visible_texts(page) -> list[tuple[str, str]]:
    """(where, text) of the page's own widget texts: buttons, labels, group boxes, tabs, table headers."""
    skipped = {id(getattr(page, name)) for name in REPORT_SENTENCES.get(type(page).__name__, ()) if hasattr(page, name)}
    found = []
    for widget in page.findChildren(QPushButton) + page.findChildren(QToolButton):
        found += [("button", widget.text()), ("tooltip", widget.toolTip())]
    for widget in page.findChildren(QLabel):
        if id(widget) in skipped:
            continue
        if widget.textFormat() != Qt.TextFormat.RichText and not widget.text().startswith("<"):
            found.append(("label", widget.text()))
    found += [("group", widget.title()) for widget in page.findChildren(QGroupBox)]
    for tabs in page.findChildren(QTabWidget):
        found += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for view in page.findChildren(QTableView) + page.findChildren(QTreeView):
        model = view.model()
        if model is None:
            continue
        for column in range(model.columnCount()):
            found.append(("header", str(model.headerData(column, Qt.Orientation.Horizontal,
                                                         Qt.ItemDataRole.DisplayRole) or "")))
    return found


@pytest.mark.parametrize("page_class", page_classes(), ids=lambda c: c.__name__)
def test_page_in_english_shows_no_finnish_words(qtbot, english, small_store, page_class):
    assert QCoreApplication.translate("Page", page_class.title_fi) != page_class.title_fi
    page = page_class()
    qtbot.addWidget(page)
    page.set_store(small_store)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)  # a page may load in the background
    texts = visible_texts(page)
    assert len([t for t in texts if t[1]]) >= 3  # the page really has texts to check
    finnish = [(where, text) for where, text in texts if finnish_words(text)]
    assert finnish == []


def test_import_field_labels_are_marked_and_translated():
    """The import dialog translates the Finnish-only field labels of desktop.importers.mapping in its own
    context; a label added there must also be added to FIELD_LABELS and translated."""
    translator = QTranslator()
    assert translator.load("sote_en", str(translations_dir()))
    labels = {f.label_fi for kind in mp.KIND_LABELS for f in mp.fields(kind)}
    untranslated = sorted(label for label in labels if not translator.translate("ImportDialog", label))
    assert untranslated == []
    assert translator.translate("ImportDialog", "kustannus") == "cost"


def test_import_dialog_in_english(qtbot, english, small_store):
    dialog = ImportDialog(small_store)
    qtbot.addWidget(dialog)
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert kinds == [en for _fi, en in mp.KIND_LABELS.values()]
    finnish = [(where, text) for where, text in visible_texts(dialog) if finnish_words(text)]
    assert finnish == []


@pytest.mark.parametrize("page_class", page_classes(), ids=lambda c: c.__name__)
def test_page_on_demo_data_in_english_shows_no_finnish_words(qtbot, english, demo_store, page_class):
    """With data the tables (segments, traffic lights, network...) have their report headers and level
    words; data values (service, segment and place names) are cells and not checked."""
    page = page_class()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.set_store(demo_store)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)
    texts = visible_texts(page)
    assert len([t for t in texts if t[0] == "header" and t[1]]) >= 1
    finnish = [(where, text) for where, text in texts if finnish_words(text)]
    assert finnish == []


def test_traffic_lights_sentence_in_english(qtbot, english, demo_store):
    from desktop.ui.pages.traffic_lights_page import TrafficLightsPage

    page = TrafficLightsPage()
    qtbot.addWidget(page)
    page.set_store(demo_store)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)
    assert page.sentence.text() and finnish_words(page.sentence.text()) == []


def test_report_words_are_marked_and_translated():
    """Every header and level/status/measure/kind word that desktop.reports can put in a page's table
    is in report_texts.MARKS and has an English translation."""
    from desktop.reports.pages import LEVEL_FI, MEASURE_FI, STATUS_FI, _fmt, header_fi
    from desktop.reports.tables import COLUMN_NAMES_FI

    translator = QTranslator()
    assert translator.load("sote_en", str(translations_dir()))
    columns = [*COLUMN_NAMES_FI, "target", "actual", "status", "measure", "cumulative", "name"]
    words = {header_fi(c) for c in columns} | set(LEVEL_FI.values()) | set(STATUS_FI.values()) | \
        set(MEASURE_FI.values()) | {_fmt(k, "kind") for k in ("observed", "projected", "population", "client",
                                                             "need_level")}
    assert sorted(words - set(report_texts.MARKS)) == []
    assert sorted(w for w in words if not translator.translate(report_texts.CONTEXT, w)) == []


def test_report_headers_and_words_in_english(english):
    assert report_texts.header("cost_eur") == "Euros"
    assert report_texts.header("share_green_2024") == "green 2024 %"
    assert report_texts.cell("red", "level") == "red"
    assert report_texts.cell("punainen", "service") == "punainen"  # a data value stays as it is
    assert report_texts.cell(1234.0, "cost_eur") == "1,234"  # English number format
    assert report_texts.cell(0.125, "share_green") == "12.5 %"


def test_report_cells_keep_the_finnish_number_format_in_finnish():
    assert report_texts.cell(1234.0, "cost_eur").replace("\xa0", " ") == "1 234"
    assert report_texts.cell(0.125, "share_green") == "12,5 %" and report_texts.cell("red", "level") == "punainen"
