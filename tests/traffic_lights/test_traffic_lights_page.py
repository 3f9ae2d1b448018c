"""The Liikennevalot page with pytest-qt: draws on open, filters redraw every chart, drill-down to
services and code combinations, exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from event_frames import demo_like_records, single_year_population, write_store
from PySide6.QtCore import QItemSelectionModel

pytest.importorskip("desktop.services.classification")

from desktop.store import open_store  # noqa: E402
from desktop.ui.pages.traffic_lights_page import TrafficLightsPage  # noqa: E402

#: generous: a shared 2-core machine may be busy
LOAD_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("tlp") / "alue.sote", demo_like_records(90), single_year_population())


@pytest.fixture
def page(qtbot, store_path):
    store = open_store(store_path, readonly=True)
    p = TrafficLightsPage()
    qtbot.addWidget(p)
    p.resize(1100, 800)
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):  # the data load in the background
        p.set_store(store)
    yield p
    p.set_store(None)
    store.close()


def axes_texts(canvas) -> list[str]:
    canvas.draw()
    return [t.get_text() for t in canvas.figure.findobj(match=lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_opens_with_the_central_picture_and_its_table(page):
    assert page.data is not None and page.year_box.currentData() == 2024
    texts = axes_texts(page.canvases["central"])
    assert "Lapset ja nuoret" in texts and "vihreä" in texts
    assert page.model.rowCount() > 0
    from PySide6.QtCore import Qt

    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Segmentti"
    assert page.sentence.text().startswith("Vihreiden palveluiden osuus")


def test_filter_change_redraws_with_the_filter_in_the_subtitle(page):
    page.municipality_box.set_values(["182"])  # ticked with the mouse in tests/traffic_lights/test_slicers.py
    assert page.filters() == {"municipality": ("182",)}
    assert any("kunta: 182" in t for t in axes_texts(page.canvases["central"]))
    page.measure_box.setCurrentIndex(page.measure_box.findData("clients"))
    assert any("asiakkaat" in t for t in axes_texts(page.canvases["central"]))
    for i in range(1, page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        key = page.CHARTS[i]
        assert axes_texts(page.canvases[key]), key
        if key not in ("shift", "comparison", "staff", "books"):  # personnel and books: the whole county
            assert any("kunta: 182" in t for t in axes_texts(page.canvases[key])), key


def test_drill_down_to_services_and_code_combinations(page):
    page.drill_to_segment("Työikäiset")
    frame = page.model.frame
    assert "service" in frame.columns and page.back_button.isEnabled()
    service = str(frame.iloc[0]["service"])
    page.drill_to_service(service)
    combos = page.model.frame
    assert {"service_code", "contacts", "clients"} <= set(combos.columns)
    assert "person_id" not in combos.columns  # never single persons
    assert all(c == "<5" or c >= 5 for c in combos["clients"])
    page.drill_up()
    assert "service" in page.model.frame.columns
    page.drill_up()
    assert not page.back_button.isEnabled()


# a click on a chart's bar, with the mouse: tests/ui/test_chart_hover_and_drill.py


def test_exports_and_screenshot(page, tmp_path):
    page.export_chart(str(tmp_path / "kuva.svg"))
    assert ET.parse(tmp_path / "kuva.svg").getroot().tag.endswith("svg")
    page.export_table(str(tmp_path / "taulukko.xlsx"))
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "taulukko.xlsx")["Taulukko"]
    assert ws.cell(1, 1).value == "Segmentti"
    assert ws.max_row == page.model.rowCount() + 1
    shot = tmp_path / "liikennevalot.png"
    assert page.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


def test_targets_dialog_adds_and_removes_targets(qtbot, tmp_path):
    path = write_store(tmp_path / "oma.sote", demo_like_records(60), single_year_population())
    store = open_store(path)
    try:
        page = TrafficLightsPage()
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
            page.set_store(store)
        dialog = page.edit_targets()
        qtbot.addWidget(dialog)
        dialog.segment_box.setCurrentText("Iäkkäät")
        dialog.year_spin.setValue(2024)
        dialog.share_spin.setValue(35)
        dialog.add_target()
        frame = dialog.model.frame
        assert frame.loc[0, "segment"] == "Iäkkäät" and frame.loc[0, "target"] == pytest.approx(0.35)
        assert frame.loc[0, "status"] in ("met", "not_met")
        dialog.share_spin.setValue(150)  # spin box caps at 100 %
        assert dialog.share_spin.value() == 100
        # explicit selection: selectRow() follows the keyboard modifiers a previous test may have left
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        dialog.table.selectionModel().select(dialog.model.index(0, 0), flags)
        dialog.remove_selected()
        assert dialog.model.rowCount() == 0
        dialog.close()
        page.set_store(None)
    finally:
        store.close()


def test_comparison_tab_with_a_reference_store(page, tmp_path):
    page.tabs.setCurrentIndex(page.CHARTS.index("comparison"))
    assert "vertailuprojekti" in page.message.text().lower()
    ref = write_store(tmp_path / "vertailu.sote", demo_like_records(40, seed=5), single_year_population())
    page.open_reference(str(ref))
    assert page.tabs.currentIndex() == page.CHARTS.index("comparison")
    texts = axes_texts(page.canvases["comparison"])
    assert any("vertailu" in t for t in texts) and "Iäkkäät" in texts
    assert {"eur_per_resident", "reference_eur_per_resident"} <= set(page.model.frame.columns)


def test_year_range_counts_clients_once(page):
    index = page.year_box.findText("2023–2024")
    assert index >= 0
    page.year_box.setCurrentIndex(index)
    assert page.years() == [2023, 2024]
    assert any("Vuodet 2023–2024" in t for t in axes_texts(page.canvases["central"]))
    result = page.data.table(("segment",), page.years())
    persons = len({r["person_id"] for r in demo_like_records(90)})
    assert result.totals["clients"] == persons
