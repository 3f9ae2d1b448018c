"""Coverage semantics on hand-built grids: inclusive threshold, no-route cells, extra population
columns, per-municipality figures, what-if, the matrix's -1 and unknown ids, the estimate."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from desktop.analysis.reach import ReachGoal, by_group, catchments, coverage, cumulative_curve
from desktop.analysis.reach_estimate import StraightLineParams, StraightLineTravel
from desktop.analysis.reach_matrix import MatrixTravel
from desktop.cli import main
from desktop.core.errors import UserError
from desktop.reports.network import reach_pages
from desktop.services import network as svc

S30 = ReachGoal("S 30", ("sote-keskus",), 30, 95, ("S", "M", "L"))


def test_coverage_inclusive_threshold_and_no_route():
    w = np.array([100.0, 200, 300, 400, 0])
    m = np.array([0.0, 30.0, 30.0000001, np.nan, np.nan])
    c = coverage(w, m, 30)
    assert c.covered == 300 and c.population == 1000 and c.no_route == 400
    assert c.no_route_cells == 1  # the empty cell is not counted as people without a route
    assert c.share_pct == pytest.approx(30.0)


def test_by_group_and_curve():
    w = np.array([100.0, 200, 300, 400])
    m = np.array([5.0, 25.0, np.nan, 10.0])
    g = by_group(w, m, 20, np.array(["b", "a", "a", "b"]))
    assert list(g["group"]) == ["a", "b"]
    assert list(g["covered"]) == [0, 500] and list(g["no_route"]) == [300, 0]
    assert g["share_pct"].tolist() == pytest.approx([0.0, 100.0])
    t, share = cumulative_curve(w, m)
    assert t.tolist() == [0, 5, 10, 25] and share.tolist() == pytest.approx([0, 10, 50, 70])  # ends at 70: no route


def test_store_goal_semantics(tiny):
    ctx = svc.build_context(tiny)
    r = ctx.evaluate(S30)
    assert r.travel == "matrix" and not r.estimate
    assert (r.coverage.population, r.coverage.covered, r.coverage.no_route) == (1000, 600, 400)
    assert r.coverage.share_pct == pytest.approx(60.0) and not r.met
    # nearest site per cell: c1 -> A, c2 -> A (30 vs 35), c3 -> B (20 vs 31)
    assert r.sites["site_id"].iloc[r.nearest.site[:3]].tolist() == ["A", "A", "B"]
    muni = r.by_municipality.set_index("municipality")
    assert muni.loc["179", "name"] == "Jyväskylä" and muni.loc["179", "share_pct"] == pytest.approx(100.0)
    assert muni.loc["500", "no_route"] == 400
    catch = r.catchments()
    assert catch.set_index("site_id")["population"].to_dict() == {"A": 300, "B": 300}


def test_what_if_close_and_add(tiny):
    ctx = svc.build_context(tiny)
    closed = ctx.evaluate(S30, closed=["A"])
    assert closed.coverage.covered == 300
    added = ctx.evaluate(S30, closed=["A"], added=[{"site_id": "N1", "name": "Uusi", "type": "sote-keskus",
                                                    "size": "S", "x": 4000.0, "y": 0.0}])
    # N1 is not in the matrix and no known destination is at its place: straight-line estimates, said so
    assert added.estimate and added.nearest.estimated_sites == ["N1"]
    per_m = StraightLineParams().minutes_per_metre("car")
    expected = np.fmin(np.array([40, 35, 20, np.nan, np.nan]), np.abs(np.arange(5) * 1000.0 - 4000) * per_m)
    assert np.allclose(added.nearest.minutes, expected, equal_nan=True)
    assert added.coverage.covered == pytest.approx(
        sum(w for w, m in zip([100, 200, 300, 400, 0], expected, strict=True) if m <= 30))
    # a new site where B stands (B closed) takes B's matrix times: no estimate
    moved = ctx.evaluate(S30, closed=["A", "B"], added=[{"site_id": "N2", "name": "Uusi B", "type": "sote-keskus",
                                                         "size": "M", "x": 3100.0, "y": 0.0}])
    assert not moved.estimate and np.allclose(moved.nearest.minutes, [40, 35, 20, np.nan, np.nan], equal_nan=True)


def test_extra_population_column_and_missing_column(tiny):
    ctx = svc.build_context(tiny)
    dental65 = ReachGoal("D", ("hammashoitola",), 30, 95, population_column="pop_65plus")
    r = ctx.evaluate(dental65)
    assert r.coverage.population == 85 and r.coverage.covered == 70 and r.coverage.no_route == 15
    with pytest.raises(UserError, match="pop_75"):
        ctx.evaluate(ReachGoal("x", ("hammashoitola",), 30, population_column="pop_75"))


def test_matrix_minus_one_and_unknown_ids():
    m = MatrixTravel(["a", "b", "c"], ["a", "a", "b", "q", "c"], ["S1", "S2", "S1", "S1", "S2"], [-1, 12.0, 7, 3, np.nan])
    assert m.report.unknown_origins == 1 and m.report.used_rows == 4 and m.report.no_route_rows == 2
    r = m.nearest(pd.DataFrame({"site_id": ["S1", "S2"]}))
    assert np.allclose(r.minutes, [12, 7, np.nan], equal_nan=True)
    assert r.site.tolist() == [1, 0, -1]
    only_s1 = m.nearest(pd.DataFrame({"site_id": ["S1"]}))
    assert np.isnan(only_s1.minutes[0]) and only_s1.site[0] == -1  # "-1" row = no route
    assert [c.tolist() for c in m.cells_within(["S1", "S2", "nope"], 10)] == [[1], [], []]


def test_straight_line_estimate():
    p = StraightLineParams(detour_factor=1.5, speeds_kmh={"car": 60.0})
    est = StraightLineTravel(np.array([0.0, 3000, 0]), np.array([0.0, 4000, 10000]), p, "car")
    r = est.nearest(pd.DataFrame({"x": [0.0, 0.0], "y": [0.0, 9000.0]}))
    # 5 km x 1.5 / 60 km/h = 7.5 min; 1 km x 1.5 = 1.5 min
    assert r.minutes.tolist() == pytest.approx([0.0, 7.5, 1.5]) and r.site.tolist() == [0, 0, 1]
    assert [c.tolist() for c in est.cells_within([0.0], [0.0], 7.5)] == [[0, 1]]  # inclusive


def test_catchments_within_threshold():
    from desktop.analysis.reach import Nearest

    n = Nearest(np.array([1.0, 50, np.nan]), np.array([0, 1, -1]))
    assert catchments(np.array([5.0, 6, 7]), n, 2).tolist() == [5, 6]
    assert catchments(np.array([5.0, 6, 7]), n, 2, threshold=30).tolist() == [5, 0]


def test_defaults_in_new_project(tmp_path):
    from desktop.services.new_project import DEFAULT_INSTALLERS
    from desktop.store import Store

    assert svc.install_defaults in DEFAULT_INSTALLERS  # create_project runs install_defaults
    store = Store.create(tmp_path / "p.sote")
    try:
        svc.install_defaults(store)
        svc.install_defaults(store)  # a second run adds nothing
        goals = svc.list_goals(store)
    finally:
        store.close()
    by_name = {g.name: g for g in goals}
    assert len(goals) == len(svc.DEFAULT_GOALS)
    s = by_name["S-koon sote-keskus 30 min"]
    assert (s.minutes, s.target_pct, s.sizes) == (30, 95, ("S", "M", "L"))
    assert by_name["Ikäihmisten asumisyksikkö 30 min (65+)"].population_column == "pop_65plus"
    assert by_name["Vuodeosasto 60 min"].minutes == 60


def test_replace_goals_validates(tiny):
    goals = svc.list_goals(tiny)
    with pytest.raises(UserError):
        svc.replace_goals(tiny, goals + [goals[0]])
    changed = [g if i else ReachGoal(**{**g.__dict__, "minutes": 25.0}) for i, g in enumerate(goals)]
    svc.replace_goals(tiny, changed)
    assert svc.list_goals(tiny)[0].minutes == 25.0


def test_cli_reach_json(tiny, capsys):
    path = tiny.display
    tiny.close()
    assert main(["reach", path, "--site-type", "sote-keskus", "--size", "S,M", "--minutes", "30", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: out[k] for k in ("minutes", "population", "covered", "no_route", "share_pct", "target_pct", "met")} == \
        {"minutes": 30, "population": 1000, "covered": 600, "no_route": 400, "share_pct": 60.0, "target_pct": 95, "met": False}
    assert [m["municipality"] for m in out["by_municipality"]] == ["179", "500"]
    assert main(["reach", path, "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert isinstance(every, list) and len(every) == len(svc.DEFAULT_GOALS)
    assert main(["reach", path, "--goal", "Hammashoitola 30 min", "--json", "--travel", "straight-line"]) == 0
    est = json.loads(capsys.readouterr().out)
    assert est["travel"] == "straight-line" and est["estimate"] is True
    assert main(["reach", path, "--goal", "ei ole"]) == 2
    assert "ei ole" in capsys.readouterr().err


def test_workshop_pages_and_indicator(tiny):
    from matplotlib.figure import Figure

    pages = reach_pages(tiny, 2024)
    assert [p.title for p in pages][0] == "Palveluverkon saavutettavuustavoitteet"
    table = pages[0].table.set_index("Tavoite")
    assert table.loc["S-koon sote-keskus 30 min", "Kattavuus %"] == 60.0
    assert table.loc["S-koon sote-keskus 30 min", "Tila"] == "ei toteudu"
    assert "toteutuu" in pages[0].text
    for page in pages:
        fig = Figure(figsize=(8, 6))
        page.draw(fig)
        assert fig.axes
    from desktop.services.measures import indicator_provider

    provider = indicator_provider("reach:S-koon sote-keskus 30 min")
    assert provider is not None and provider.compute(tiny, 2024) == pytest.approx(60.0)


def test_charts_draw_on_subfigures(tiny):
    """The workshop report draws on parts of a page (SubFigure), which have no tight_layout."""
    from matplotlib.figure import Figure

    for page in reach_pages(tiny, 2024):
        top, _bottom = Figure(figsize=(8, 10)).subfigures(2, 1)
        page.draw(top)
        assert top.axes


def test_cli_optimize_straight_line_with_kept_sites(tiny, capsys):
    path = tiny.display
    tiny.close()
    # candidates: the municipal centres (x 500 and 3500); A and B are kept; within 2 minutes by the
    # estimate (60 km/h, detour 1.3: 1,538 m) only cells near the kept sites or a centre count
    args = ["optimize", path, "--candidates", "kuntakeskukset", "--minutes", "2", "--keep", "sote-keskus",
            "--travel", "straight-line", "--json"]
    assert main(args + ["--max-sites", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    # kept A covers c1 (0 m) and c2 (1 km); B covers c3 (1 km) and c4 (0 m): everyone with a home is covered;
    # both centres have a kept site within 2 km, so neither is a candidate (it would add nothing)
    assert out["covered_by_kept"] == 1000 and out["covered"] == 1000 and out["estimate"] is True
    assert out["travel"] == "straight-line" and out["optimal"] is True
    assert out["candidates"] == 0 and out["chosen"] == [] and "jokaisessa kuntakeskuksessa" in out["explanation"]
    assert main(["optimize", path, "--candidates", "kuntakeskukset", "--minutes", "2", "--travel",
                 "straight-line", "--target", "100", "--json"]) == 0
    fewest = json.loads(capsys.readouterr().out)
    # without kept sites: the centre at x 500 reaches c1, c2 (500 m each) and the one at 3500 c3, c4
    assert sorted(fewest["chosen"]) == ["kk-179", "kk-500"] and fewest["share_pct"] == 100.0
    assert main(["optimize", path, "--candidates", "ei-tyyppia", "--minutes", "2", "--max-sites", "1"]) == 2


def test_cli_ad_hoc_goal_named_with_the_languages_decimal_mark(tiny, capsys):
    """The goal of --site-type/--minutes is named with the app's formatter: '7,5 min' in Finnish,
    '7.5 min' in English, '30 min' for whole minutes (as before)."""
    path = tiny.display
    tiny.close()
    assert main(["reach", path, "--site-type", "sote-keskus", "--minutes", "7.5"]) == 0
    assert capsys.readouterr().out.startswith("sote-keskus 7,5 min: ")
    assert main(["--lang", "en", "reach", path, "--site-type", "sote-keskus", "--minutes", "7.5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["goal"] == "sote-keskus 7.5 min"
    assert main(["reach", path, "--site-type", "sote-keskus", "--minutes", "30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["goal"] == "sote-keskus 30 min"
