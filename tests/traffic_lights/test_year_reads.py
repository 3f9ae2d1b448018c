"""A traffic-light report reads only the years it shows, with exactly the figures of the whole load:
`report STORE traffic-light --json` against `TrafficLightData(store)` of every year, on the small
demo region and on a ten-year store (written in date order, and in person order where every chunk
holds every year). The segment cut over several years (by membership patterns) gives the counts of
one pass per segment exactly and the euros to rounding."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from event_frames import demo_like_records, single_year_population, write_store

from desktop.analysis import segment_years
from desktop.analysis.traffic_lights import Target
from desktop.cli import main
from desktop.services import traffic_light_targets as targets
from desktop.services import traffic_lights as svc
from desktop.store import open_store

pytest.importorskip("desktop.services.classification")

YEARS = tuple(range(2015, 2025))
CUTS = (("segment",), ("segment", "structure"), ("segment", "year"), ("municipality", "age_band"))


def _records(in_date_order: bool) -> list[dict]:
    records = demo_like_records(n_persons=150, years=YEARS, seed=8)
    return sorted(records, key=lambda r: r["date"]) if in_date_order else records


@pytest.fixture(scope="module", params=["date-order", "person-order"])
def ten_years(request, tmp_path_factory):
    path = write_store(tmp_path_factory.mktemp("years") / "kymmenen.sote", _records(request.param == "date-order"),
                       single_year_population(years=YEARS))
    with open_store(path) as store:
        targets.set_target(store, Target("Lapset ja nuoret", 2016, "green", "cost_eur", 0.4))
        targets.set_target(store, Target("Iäkkäät", 2024, "red", "cost_eur", 0.2, at_least=False))
    return str(path)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from desktop.ui.selftest import build_small_store

    return str(build_small_store(tmp_path_factory.mktemp("demo")))


def _whole_load_json(path: str, by, years) -> dict:
    """The document `report --json` printed when every year was read (the reference)."""
    with open_store(path, readonly=True) as store:
        data = svc.TrafficLightData(store)
        doc = svc.result_json(data.table(by, years, {}))
        doc["targets"] = targets.targets_with_status(data, {})
    return json.loads(json.dumps(doc, ensure_ascii=False))


def _report(capsys, path: str, by, *years_args) -> dict:
    assert main(["report", path, "traffic-light", "--by", ",".join(by), *years_args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("by", CUTS, ids=["-".join(c) for c in CUTS])
def test_newest_year_some_years_and_all_years_as_the_whole_load(ten_years, capsys, by):
    assert _report(capsys, ten_years, by) == _whole_load_json(ten_years, by, None)
    assert _report(capsys, ten_years, by, "--year", "2019") == _whole_load_json(ten_years, by, [2019])
    assert _report(capsys, ten_years, by, "--years", "2017-2019") == _whole_load_json(ten_years, by, [2017, 2018, 2019])
    every = _report(capsys, ten_years, by, "--years", "2015-2024")
    assert every == _whole_load_json(ten_years, by, list(YEARS))
    assert every["years"] == list(YEARS)


def test_targets_of_years_not_read_still_get_their_status(ten_years, capsys):
    doc = _report(capsys, ten_years, ("segment",))
    assert doc["years"] == [2024]
    statuses = {t["year"]: t["status"] for t in doc["targets"]}
    assert statuses[2016] in ("met", "not_met") and statuses[2024] in ("met", "not_met")


def test_the_demo_region_as_the_whole_load(demo, capsys):
    for by in CUTS:
        assert _report(capsys, demo, by) == _whole_load_json(demo, by, None)
        assert _report(capsys, demo, by, "--years", "2023-2024") == _whole_load_json(demo, by, [2023, 2024])


def test_a_one_year_load_reads_one_years_rows(ten_years):
    with open_store(ten_years, readonly=True) as store:
        data = svc.TrafficLightData(store, years=[2019])
        assert data.years == list(YEARS)  # every year of the store is offered
        assert set(np.unique(data.events["year"])) == {2019}
        assert len(data.events) < store.row_count("events") / 5


@pytest.mark.parametrize("by", CUTS[:3], ids=["-".join(c) for c in CUTS[:3]])
@pytest.mark.parametrize("filters", [{}, {"municipality": ["179"]}, {"sex": ["2"], "level": ["green", "red"]}],
                         ids=["all", "municipality", "sex-level"])
def test_segment_cut_over_years_by_patterns_as_one_pass_per_segment(ten_years, monkeypatch, by, filters):
    with open_store(ten_years, readonly=True) as store:
        data = svc.TrafficLightData(store)
        years = [2016, 2017, 2018, 2020]
        by_patterns = data.table(by, years, filters)
        monkeypatch.setattr(segment_years, "fits", lambda *args: False)
        by_loop = data.table(by, years, filters)
    for a, b in ((by_patterns.rows, by_loop.rows), (by_patterns.group_totals, by_loop.group_totals),
                 (by_patterns.level_totals, by_loop.level_totals)):
        assert a[["contacts", "clients"]].equals(b[["contacts", "clients"]])
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)
    assert by_patterns.totals == pytest.approx(by_loop.totals, rel=1e-12)
    assert by_patterns.totals["clients"] == by_loop.totals["clients"]


@pytest.mark.parametrize("year", [None, 2019, 2015])
def test_segment_report_reads_its_year_and_the_one_before_with_the_whole_loads_figures(ten_years, capsys, year):
    from desktop.services.segments import analysis_events, segment_report

    with open_store(ten_years, readonly=True) as store:
        expected = json.loads(json.dumps(segment_report(store, year, events=analysis_events(store)), ensure_ascii=False))
    assert main(["segments", ten_years, *(["--year", str(year)] if year else []), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc == expected
    assert doc["years"] == list(YEARS) and doc["year"] == (year or YEARS[-1])
    if year != 2015:  # the change from the previous year needs that year's events too
        assert any(s["change"] not in (None, 0) for s in doc["segments"])
