"""The Henkilöstö and Täsmäytys tabs of the Liikennevalot page follow the page's filters: a municipality
and a sex chosen with the keyboard in their boxes, the year too. Each tab's figures are checked against a
pandas computation on the same store: a service's FTEs (and ledger euros) spread over its events by their
share of the service's euros in the year, summed over the selected events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop.store import open_store
from desktop.ui.pages.traffic_lights_page import TrafficLightsPage
from desktop.ui.widgets.slicer import Slicer

from .helpers import write_years_store

LOAD_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_years_store(tmp_path_factory.mktemp("tabs") / "alue.sote")


@pytest.fixture
def page(qtbot, store_path):
    store = open_store(store_path, readonly=True)
    p = TrafficLightsPage()
    qtbot.addWidget(p)
    p.resize(1300, 800)
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):
        p.set_store(store)
    yield p
    p.set_store(None)
    store.close()


@pytest.fixture(scope="module")
def spread(store_path):
    """Per classified event: year, municipality, sex, service, AURA class, euros and its parts of its
    service's FTEs (per professional group) and ledger euros, computed here with pandas."""
    from desktop.services.classification import classified_events, load_versions
    from desktop.services.resources import store_allocation

    store = open_store(store_path, readonly=True)
    try:
        events = classified_events(store)
        versions = load_versions(store)
        services = store_allocation(store).services
    finally:
        store.close()
    name_of = {s.code: s.name for v in versions for s in v.services}
    services = services.assign(service=services["service"].map(name_of))
    frame = pd.DataFrame({"year": events["year"].to_numpy(), "municipality": events["municipality"].astype(str).to_numpy(),
                          "sex": events["sex"].astype(str).to_numpy(), "service": events["service"].astype(object).to_numpy(),
                          "aura": events["aura"].astype(object).to_numpy(),
                          "cost": events["cost_eur"].fillna(0.0).to_numpy(dtype=float)})
    frame = frame[frame["service"].notna()].copy()
    service_eur = frame.groupby(["year", "service"])["cost"].transform("sum")
    frame["share"] = np.where(service_eur > 0, frame["cost"] / service_eur.where(service_eur > 0, 1.0), np.nan)
    assert frame["share"].notna().all()  # every service of this store has euros
    return frame, services


def choose(qtbot, box, value) -> None:
    """Pick `value` as a planner does: in a slicer (Kunta, Sukupuoli: a list of ticks that stays open)
    click "kaikki" to clear and tick `value`; in a plain combo box (Vuosi) with the arrow keys."""
    if isinstance(box, Slicer):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        view = box.view()
        qtbot.waitUntil(view.isVisible)

        def click(row: int) -> None:
            rect = view.visualRect(box.model().index(row, 0))
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

        click(0)  # "kaikki" clears the ticks
        if value is not None:
            click([v for v, _text in box.items()].index(value) + 1)
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not view.isVisible())
        assert box.values() == (() if value is None else (value,))
        return
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentData() == value:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == value, value


def expected_staff(spread, year, **filters) -> pd.Series:
    frame, services = spread
    chosen = frame[frame["year"] == year]
    for column, value in filters.items():
        chosen = chosen[chosen[column] == value]
    part = chosen.groupby(["year", "service"], as_index=False)["share"].sum()
    staff = services[(services["year"] == year) & (services["professional_group"] != "")].merge(part, on=["year", "service"])
    staff = staff.assign(fte=staff["fte"] * staff["share"])
    fte = staff.groupby("professional_group")["fte"].sum()
    return fte[fte > 0]


def expected_books(spread, year, **filters) -> pd.DataFrame:
    frame, services = spread
    ledger = services.groupby(["year", "service"], as_index=False)["ledger_eur"].sum()
    chosen = frame[frame["year"] == year].merge(ledger, on=["year", "service"], how="left").fillna({"ledger_eur": 0.0})
    for column, value in filters.items():
        chosen = chosen[chosen[column] == value]
    chosen = chosen.assign(part=chosen["ledger_eur"] * chosen["share"])
    return chosen.groupby("aura").agg(ledger_eur=("part", "sum"), event_eur=("cost", "sum"))


def texts(canvas) -> list[str]:
    canvas.draw()
    return [a.get_text() for a in canvas.figure.findobj(match=lambda a: hasattr(a, "get_text")) if a.get_text()]


def staff_shown(page) -> pd.Series:
    """The groups' FTEs of the personnel table (its last row, the total, checked against their sum)."""
    fte = page.model.frame.set_index("professional_group")["fte"].astype(float)
    assert fte.index[-1] == "Yhteensä" and fte.iloc[-1] == pytest.approx(fte.iloc[:-1].sum(), abs=1e-9)
    return fte.iloc[:-1]


def books_shown(page) -> pd.DataFrame:
    return page.model.frame.set_index("aura_name")[["ledger_eur", "event_eur"]].astype(float)


def test_personnel_tab_follows_municipality_sex_and_year(page, qtbot, spread):
    page.tabs.setCurrentIndex(page.CHARTS.index("staff"))
    unfiltered = staff_shown(page)
    assert set(unfiltered.index) == {"sairaanhoitaja", "lääkäri", "ohjaaja"}
    pd.testing.assert_series_equal(unfiltered.sort_index(), expected_staff(spread, 2024).sort_index(),
                                   check_names=False, atol=1e-9, rtol=0)
    choose(qtbot, page.municipality_box, "182")
    shown = staff_shown(page)
    expected = expected_staff(spread, 2024, municipality="182")
    pd.testing.assert_series_equal(shown.sort_index(), expected.sort_index(), check_names=False, atol=1e-9, rtol=0)
    assert (shown < unfiltered.reindex(shown.index)).all()  # a part of each group: the filter took effect
    assert any("kunta: 182" in text for text in texts(page.canvases["staff"]))  # the subtitle names the filter
    # the chart's bars (each group's FTEs by level) add up to the table's FTEs, and the sentence to their sum
    from desktop.charts.numbers import number
    from desktop.services.resources import staff_tables

    held = page.data.for_years([2024])
    levels = staff_tables(page.store, held.events, [2024], {"municipality": ("182",)}, held.membership)["levels"]
    by_group = levels.set_index("professional_group")[["green", "yellow", "red", "unclassified"]].sum(axis=1)
    pd.testing.assert_series_equal(by_group.sort_index(), expected.sort_index(), check_names=False, atol=1e-9, rtol=0)
    assert page.sentence.text().startswith(f"Palveluille kohdennetuista {number(expected.sum(), 1)} henkilötyövuodesta")
    assert "Rajaukset koskevat henkilöstöä" in page.sentence.text()
    choose(qtbot, page.sex_box, "1")
    pd.testing.assert_series_equal(staff_shown(page).sort_index(),
                                   expected_staff(spread, 2024, municipality="182", sex="1").sort_index(),
                                   check_names=False, atol=1e-9, rtol=0)
    qtbot.waitUntil(lambda: page.data.every_year is not None or page.data.loaded_years is None, timeout=LOAD_TIMEOUT_MS)
    choose(qtbot, page.year_box, 2022)
    pd.testing.assert_series_equal(staff_shown(page).sort_index(),
                                   expected_staff(spread, 2022, municipality="182", sex="1").sort_index(),
                                   check_names=False, atol=1e-9, rtol=0)


def test_reconciliation_tab_follows_the_filters(page, qtbot, spread):
    page.tabs.setCurrentIndex(page.CHARTS.index("books"))
    whole = books_shown(page)
    choose(qtbot, page.municipality_box, "216")
    shown = books_shown(page)
    expected = expected_books(spread, 2024, municipality="216")
    assert sorted(shown.index) == sorted(expected.index)
    for aura in expected.index:  # to the cent
        assert round(shown.loc[aura, "ledger_eur"], 2) == round(expected.loc[aura, "ledger_eur"], 2), aura
        assert round(shown.loc[aura, "event_eur"], 2) == round(expected.loc[aura, "event_eur"], 2), aura
    assert shown["event_eur"].sum() < whole["event_eur"].sum()
    assert "Rajaukset koskevat" in page.sentence.text()
    choose(qtbot, page.municipality_box, None)  # "kaikki": the books again, every row as imported
    pd.testing.assert_frame_equal(books_shown(page), whole)


def test_every_year_after_a_read_of_the_latest_year(store_path, spread):
    """A page reads the latest year first and every year after: the earlier years' FTEs and ledger euros
    are those of their own event euros (the allocation of the first read, which had no events of the
    earlier years, is not reused for them)."""
    from desktop.services.traffic_lights import TrafficLightData

    frame, services = spread
    per_service = services.groupby(["year", "service"], as_index=False)[["fte", "ledger_eur"]].sum()
    reached = frame.merge(per_service, on=["year", "service"], how="left").fillna({"fte": 0.0, "ledger_eur": 0.0})
    store = open_store(store_path, readonly=True)
    try:
        latest = TrafficLightData(store, years=[2024])
        assert latest.loaded_years == [2024]
        every = TrafficLightData(store)
        for year in (2021, 2022, 2024):
            mine = reached[reached["year"] == year]
            totals = every.table(("segment",), [year]).totals
            assert totals["fte"] == pytest.approx(float((mine["fte"] * mine["share"]).sum()), abs=1e-9), year
            assert round(totals["ledger_eur"], 2) == round(float((mine["ledger_eur"] * mine["share"]).sum()), 2), year
            assert totals["fte"] > 0
    finally:
        store.close()
