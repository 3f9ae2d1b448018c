"""The traffic lights page's presenter without Qt: its load, the year and slicer choices, the filters
with the drill-down, which report page each tab shows (and why not), the table under the chart, the
reference project and the targets. The page over it: test_traffic_lights_page.py (pytest-qt)."""

from __future__ import annotations

import pandas as pd
import pytest
from event_frames import demo_like_records, single_year_population, write_store

from desktop.analysis import privacy
from desktop.analysis.traffic_lights import AGE_BAND_LABELS, code_combinations
from desktop.core.errors import UserError
from desktop.core.progress import NullProgress
from desktop.presenters.traffic_lights import (
    CHARTS,
    TrafficLightsPresenter,
    load_all_years,
    load_traffic_lights,
)
from desktop.reports.traffic_light import central_page
from desktop.services.traffic_lights import TrafficLightData
from desktop.store import open_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("tlpres") / "alue.sote", demo_like_records(90),
                       single_year_population())


@pytest.fixture
def store(store_path):
    store = open_store(store_path, readonly=True)
    yield store
    store.close()


@pytest.fixture
def loaded(store):
    p = TrafficLightsPresenter()
    p.store = store
    assert p.take_loaded(load_traffic_lights(NullProgress(), store))
    return p


def test_the_first_load_reads_the_latest_year_and_every_year_follows(loaded, store):
    p = loaded
    assert p.data.years == [2023, 2024] and p.data.loaded_years == [2024] and p.needs_all_years()
    assert p.prepared[0] == [2024]
    every = load_all_years(NullProgress(), store)
    p.take_all_years(every)
    assert p.data.every_year is every and every.loaded_years is None
    assert p.workshop_events() is every.events


def test_year_and_slicer_choices(loaded):
    p = loaded
    assert p.year_choices() == [("2024", 2024), ("2023", 2023), ("2023–2024", (2023, 2024))]
    assert p.years(2023) == [2023] and p.years((2023, 2024)) == [2023, 2024] and p.years(None) == [2024]
    assert p.slicer_values("municipality") == sorted(str(v) for v in p.data.events["municipality"].unique())
    assert p.slicer_values("age_band") == list(AGE_BAND_LABELS)
    assert p.slicer_values("no_such_column") == []
    assert p.resource_measures() == []  # no personnel nor ledger rows in this store


def test_the_central_chart_is_the_reports_page_and_uses_the_loads_table_once(loaded, store):
    p = loaded
    computed = []
    table = p.data.table
    p.data.table = lambda *args, **kwargs: computed.append(args) or table(*args, **kwargs)  # counts the tables
    page = p.chart("central", [2024], {}, "cost_eur")
    assert computed == [] and p.current_page is page and p.prepared is None  # the load's table, once
    expected = central_page(TrafficLightData(store), [2024], {}, "cost_eur")
    pd.testing.assert_frame_equal(page.table, expected.table)
    assert page.text == expected.text
    pd.testing.assert_frame_equal(p.table([2024], {}), expected.table)
    again = p.chart("central", [2024], {}, "cost_eur")
    assert computed == [(("segment",), [2024], {})]
    pd.testing.assert_frame_equal(again.table, expected.table)


def test_filters_and_the_drill_down(loaded):
    p = loaded
    assert p.filters({"municipality": ("179", "182"), "sex": ()}) == {"municipality": ("179", "182")}
    assert p.drill_target(("segment", "Iäkkäät")) == ("segment", "Iäkkäät")
    assert p.drill_target(("year", 2024)) is None and p.drill_target("Iäkkäät") is None
    assert p.drill_into("segment", "Iäkkäät") and not p.drill_into("segment", "Iäkkäät")
    assert p.central_dimension() == "service"
    assert p.filters({"municipality": ("179",)}) == {"municipality": ("179",), "segment": ("Iäkkäät",)}
    assert p.drill_into("municipality", "182")
    assert p.filters({"municipality": ("179",)}) == {"municipality": ("182",), "segment": ("Iäkkäät",)}
    p.drill_up()
    assert p.drill == [("segment", "Iäkkäät")]
    services = p.chart("central", [2024], p.filters({}), "cost_eur").table
    assert "service" in services.columns
    assert p.row_drill(services, 0) == ("service", str(services.iloc[0]["service"]))
    p.drill_to_segment("Työikäiset")
    assert p.drill == [("segment", "Työikäiset")]
    p.drill_up()
    segments = p.chart("central", [2024], p.filters({}), "cost_eur").table
    assert p.central_dimension() == "segment" and p.row_drill(segments, 1) == ("segment", str(segments.iloc[1]["segment"]))


def test_a_drilled_service_shows_its_code_combinations_small_groups_suppressed(loaded):
    p = loaded
    p.drill_to_segment("Työikäiset")
    services = p.chart("central", [2024], p.filters({}), "cost_eur").table
    service = str(services.iloc[0]["service"])
    p.drill_into("service", service)
    assert p.shows_code_combinations()
    filters = p.filters({})
    combos = p.table([2024], filters)
    held = p.data.for_years([2024])
    expected = privacy.suppress_table(code_combinations(held.events, [2024], filters, held.membership),
                                      n=p.data.min_group)
    pd.testing.assert_frame_equal(combos, expected)
    assert "person_id" not in combos.columns and all(c == "<5" or c >= 5 for c in combos["clients"])


def test_charts_that_cannot_be_drawn_say_why(loaded):
    p = loaded
    p.chart("central", [2024], {}, "cost_eur")
    shown = p.current_page
    with pytest.raises(UserError, match="kaksi vuotta"):
        p.chart("shift", [2023], {}, "cost_eur")
    with pytest.raises(UserError, match="vertailuprojekti"):
        p.chart("comparison", [2024], {}, "cost_eur")
    with pytest.raises(UserError, match="henkilöstötietoja"):
        p.chart("staff", [2024], {}, "cost_eur")
    with pytest.raises(UserError, match="kohdennettu henkilöstöä"):
        p.chart("staff", [2024], {"municipality": ("179",)}, "cost_eur")
    with pytest.raises(UserError, match="kirjanpidon rivejä"):
        p.chart("books", [2024], {}, "cost_eur")
    assert p.current_page is shown  # a chart that cannot be drawn leaves the table shown
    for key in ("shift", "structure", "pareto", "municipalities"):
        page = p.chart(key, [2024], {"municipality": ("182",)}, "clients")
        assert p.current_page is page and page.text is not None, key
    assert set(CHARTS) == {"central", "shift", "structure", "pareto", "municipalities", "comparison", "staff",
                           "books"}


def test_the_comparison_with_a_reference_project(loaded, tmp_path):
    p = loaded
    ref = write_store(tmp_path / "vertailu.sote", demo_like_records(40, seed=5), single_year_population())
    p.open_reference(str(ref))
    assert p.reference is not None and p.reference_name
    page = p.chart("comparison", [2024], {}, "cost_eur")
    assert {"eur_per_resident", "reference_eur_per_resident"} <= set(page.table.columns)
    with pytest.raises(UserError):
        p.open_reference(str(tmp_path / "ei_ole.sote"))


def test_targets_are_added_listed_and_deleted(tmp_path):
    store = open_store(write_store(tmp_path / "oma.sote", demo_like_records(60), single_year_population()))
    try:
        p = TrafficLightsPresenter()
        assert p.targets() == (None, [])  # nothing loaded
        p.store = store
        assert p.take_loaded(load_traffic_lights(NullProgress(), store))
        p.add_target("Iäkkäät", 2024, "green", "cost_eur", 0.35, True)
        frame, ids = p.targets()
        assert list(frame.columns) == ["segment", "year", "level", "measure", "target", "actual", "status"]
        assert frame.loc[0, "segment"] == "Iäkkäät" and frame.loc[0, "target"] == pytest.approx(0.35)
        assert frame.loc[0, "status"] in ("met", "not_met") and len(ids) == 1
        p.delete_targets(ids)
        frame, ids = p.targets()
        assert len(frame) == 0 and ids == []
    finally:
        store.close()


def test_clear_forgets_the_load_and_the_drill(loaded):
    p = loaded
    p.drill_into("segment", "Iäkkäät")
    p.clear()
    assert p.data is None and p.prepared is None and p.drill == []


def test_a_project_without_events_has_nothing_to_show(tmp_path):
    store = open_store(write_store(tmp_path / "tyhja.sote", [], single_year_population()), readonly=True)
    try:
        p = TrafficLightsPresenter()
        p.store = store
        with pytest.raises(UserError, match="henkilön tunniste"):  # the page says it on the chart
            load_traffic_lights(NullProgress(), store)
        assert p.data is None and not p.needs_all_years()
    finally:
        store.close()
