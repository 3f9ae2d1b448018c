"""The Liikennevalot page on a store with personnel and ledger rows (tests/resources/helpers.py): the FTE
distribution one click away, FTEs and ledger euros in the measure box and the tables, the personnel tab
(wages of groups under five employees hidden) and the reconciliation tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.store import open_store
from desktop.ui.pages.traffic_lights_page import TrafficLightsPage

from .helpers import write_resource_store

LOAD_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_resource_store(tmp_path_factory.mktemp("tlr") / "alue.sote")


@pytest.fixture
def page(qtbot, store_path):
    store = open_store(store_path, readonly=True)
    p = TrafficLightsPage()
    qtbot.addWidget(p)
    p.resize(1200, 800)
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):
        p.set_store(store)
    yield p
    p.set_store(None)
    store.close()


def texts(canvas) -> list[str]:
    canvas.draw()
    return [a.get_text() for a in canvas.figure.findobj(match=lambda a: hasattr(a, "get_text")) if a.get_text()]


def column(model, name):
    names = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    j = names.index(name)
    return [model.data(model.index(i, j)) for i in range(model.rowCount())]


def test_fte_shares_by_level_one_click_away(page, qtbot):
    assert page.fte_button.isEnabled()
    page.tabs.setCurrentIndex(page.CHARTS.index("structure"))
    qtbot.mouseClick(page.fte_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == page.CHARTS.index("central") and page.measure() == "fte"
    shown = texts(page.canvases["central"])
    assert "Liikennevalojakauma: henkilötyövuodet (htv)" in shown
    # children and youth: NEUVOLA's 3 FTE, all green; elderly: home care has no FTE allocated
    assert "100 %" in shown and "3,0" in shown
    assert page.sentence.text().startswith("Vihreiden palveluiden osuus henkilötyövuosista")
    fte = column(page.model, "Henkilötyövuodet (htv)")
    assert "3,0" in fte and "2,0" in fte
    assert "Kirjanpidon € / käynti" in [page.model.headerData(i, Qt.Orientation.Horizontal)
                                        for i in range(page.model.columnCount())]


def test_ledger_euros_in_the_measure_box_and_the_pareto_view(page):
    assert [page.measure_box.itemData(i) for i in range(page.measure_box.count())] == [
        "cost_eur", "clients", "contacts", "fte", "ledger_eur"]
    page.measure_box.setCurrentIndex(page.measure_box.findData("ledger_eur"))
    page.tabs.setCurrentIndex(page.CHARTS.index("pareto"))
    assert "Suurimmat palvelut: kirjanpidon eurot ja kertymä" in texts(page.canvases["pareto"])
    services = column(page.model, "Palvelu")
    assert services[0] == "Äitiys- ja lastenneuvolapalvelut"  # 1 000 ledger euros, the largest
    page.tabs.setCurrentIndex(page.CHARTS.index("structure"))
    assert "Henkilötyövuodet (htv)" in texts(page.canvases["structure"])


def test_personnel_tab_hides_the_wages_of_small_groups(page):
    page.tabs.setCurrentIndex(page.CHARTS.index("staff"))
    shown = texts(page.canvases["staff"])
    assert "lääkäri" in shown and "sairaanhoitaja" in shown
    groups = column(page.model, "Ammattiryhmä")
    heads = dict(zip(groups, column(page.model, "Henkilöstö"), strict=True))
    wages = dict(zip(groups, column(page.model, "Palkat €"), strict=True))
    # KP-VO doctors: 2 employees -> hidden; KP-NEU's nurses 4 -> hidden; KP-VO nurses 5 -> shown
    assert heads["lääkäri"] == "<5" and wages["lääkäri"] == "–"
    assert heads["terveydenhoitaja"] == "<5" and wages["terveydenhoitaja"] == "–"
    assert heads["sairaanhoitaja"] == "5" and wages["sairaanhoitaja"] == "180\u00a0000"
    assert "ohjaaja" not in groups  # KP-X's supervisor went to TPA, which has no events


def test_reconciliation_tab(page):
    page.tabs.setCurrentIndex(page.CHARTS.index("books"))
    assert "Kirjanpito ja tapahtumatieto AURA-luokittain: kattavuus" in texts(page.canvases["books"])
    codes = column(page.model, "AURA-koodi")
    cover = dict(zip(codes, column(page.model, "Kattavuus %"), strict=True))
    assert cover == {"2235": "80", "2536": "50", "2538": "60", "2900": "0"}
    assert page.sentence.text().startswith("Tapahtumatieto selittää 58\u00a0% kirjanpidon euroista (1\u00a0480\u00a0€ / 2\u00a0560\u00a0€)")


def test_the_resource_headers_say_what_a_dash_means(page):
    """A hidden FTE or ledger figure shows "–"; its column header's tooltip says why (and only theirs)."""
    model = page.table.model()
    names = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    tips = {name: model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            for i, name in enumerate(names)}
    assert "Henkilötyövuodet (htv)" in tips and "Kirjanpidon eurot" in tips
    assert "piilotettu" in tips["Henkilötyövuodet (htv)"] and tips["Kirjanpidon eurot"] == tips["Henkilötyövuodet (htv)"]
    assert tips["Eurot"] is None and tips["Asiakkaat"] is None
