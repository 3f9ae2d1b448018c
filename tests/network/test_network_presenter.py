"""The service network page's presenter without Qt: the load, goal edits with undo written to the
store, the what-if, scenarios, travel settings, the optimiser's question, the map's cell facts and
the XLSX export, on the same six-cell store and the same figures as tests/ui/test_network_page.py."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from reach_fixtures import six_cell_store

from desktop.analysis.reach import ReachGoal
from desktop.core.errors import UserError
from desktop.core.progress import NullProgress
from desktop.presenters import network_figures as figures
from desktop.presenters.network import NetworkPresenter, edited_goal, load_network_data
from desktop.services import network as svc

S30 = "S-koon sote-keskus 30 min"


@pytest.fixture
def store(tmp_path):
    s = six_cell_store(tmp_path / "presenter.sote")
    yield s
    s.close()


def loaded(store, travel: str = "auto") -> NetworkPresenter:
    """A presenter over `store` after its load (as the page does it, without the background thread)."""
    network = NetworkPresenter()
    network.store = store
    shown = network.take_loaded(load_network_data(NullProgress(), store, travel, *network.load_args()[1:]))
    assert shown is network.results
    return network


def coverage(network: NetworkPresenter, row: int) -> float:
    return network.results[row].coverage.share_pct


def test_load_evaluates_every_goal_and_reads_centres_and_scenarios(store):
    network = loaded(store)
    context = svc.build_context(store, "auto")
    assert network.goals == svc.list_goals(store)
    assert [r.coverage.share_pct for r in network.results] == [context.evaluate(g).coverage.share_pct
                                                                for g in network.goals]
    row = [g.name for g in network.goals].index(S30)
    assert coverage(network, row) == pytest.approx(100.0) and network.results[row].met
    assert network.travel_kinds() == ["matrix"] and not network.estimated() and network.snap() is None
    data = load_network_data(NullProgress(), store, "auto", set(), [])
    centres = data.centres.set_index("code")
    assert bool(centres.loc["179", "sote_ok"]) and not bool(centres.loc["179", "day_centre_ok"])
    assert data.scenarios == [] and data.road is None


def test_a_load_for_another_what_if_is_evaluated_again(store):
    data = load_network_data(NullProgress(), store, "auto", set(), [])
    network = NetworkPresenter()
    network.store = store
    network.set_site_active("B", False)  # changed while the load ran
    assert network.take_loaded(data) is None and network.results == []
    row = [g.name for g in network.goals].index(S30)
    network.evaluate()
    assert coverage(network, row) == pytest.approx(100.0 * 1000 / 1100)


def test_what_if_scenarios_and_comparison(store):
    network = loaded(store)
    row = [g.name for g in network.goals].index(S30)
    network.set_site_active("B", False)
    network.evaluate()
    assert network.closed == {"B"} and coverage(network, row) == pytest.approx(100.0 * 1000 / 1100)
    assert not network.results[row].met and len(network.results[row].by_municipality) == 2
    site = network.add_site(4500, 0, "sote-keskus", "S")
    assert site["site_id"] == "uusi-1" and site["name"] == "Uusi 1"
    network.evaluate()
    assert coverage(network, row) == pytest.approx(100.0) and network.results[row].estimate
    assert network.estimated() and network.travel_kinds() == ["matrix"]  # partly estimated
    network.save_scenario("B kiinni, uusi etelään")
    with pytest.raises(UserError):
        network.save_scenario("   ")
    network.reset_what_if()
    assert network.closed == set() and network.added == []
    assert network.load_scenario("B kiinni, uusi etelään") and not network.load_scenario("ei ole")
    assert network.closed == {"B"} and len(network.added) == 1
    comparison = network.comparison()
    assert list(comparison.columns)[-1] == "B kiinni, uusi etelään"
    assert comparison.iloc[row, -1] == pytest.approx(100.0)
    network.set_site_active("uusi-1", False)  # an added site switched off leaves the what-if
    network.set_site_active("B", True)
    assert network.added == [] and network.closed == set()


def test_goal_edits_write_the_store_and_undo(store):
    network = loaded(store)
    written = []
    network.goals_listeners.append(lambda: written.append(network.evaluate()))
    row = [g.name for g in network.goals].index(S30)
    five = edited_goal(network.goals[row], "minutes", "5")
    network.push_goals("Muokkaa tavoitetta", network.with_goal(row, five))
    assert network.goals[row].minutes == 5 and svc.list_goals(store)[row].minutes == 5
    assert coverage(network, row) == pytest.approx(100.0 * 500 / 1100) and len(written) == 1
    network.undo_stack.undo()
    assert svc.list_goals(store)[row].minutes == 30 and coverage(network, row) == pytest.approx(100.0)
    network.undo_stack.redo()
    assert svc.list_goals(store)[row].minutes == 5
    n = len(network.goals)
    network.push_goals("Lisää tavoite", network.with_new_goal())
    assert network.goals[-1].name == "Uusi tavoite 1" and network.goals[-1].site_types == ("sote-keskus",)
    network.push_goals("Poista tavoite", network.without_goal(n))
    assert [g.name for g in svc.list_goals(store)] == [g.name for g in network.goals] and len(network.goals) == n
    with pytest.raises(UserError):  # a goal that is not valid is not written, nor put on the undo stack
        network.push_goals("Muokkaa tavoitetta", network.with_goal(row, replace(five, minutes=-1.0)))
    assert svc.list_goals(store)[row].minutes == 5 and len(written) == 5  # edit, undo, redo, add, remove


def test_typed_goal_values():
    goal = ReachGoal("G", ("sote-keskus",), 30, target_pct=90)
    assert edited_goal(goal, "minutes", "12,5").minutes == 12.5
    assert edited_goal(goal, "target", "95.5").target_pct == 95.5
    assert edited_goal(goal, "types", "sote-keskus, hammashoitola ,").site_types == ("sote-keskus", "hammashoitola")
    assert edited_goal(replace(goal, sizes=("S",)), "sizes", "").sizes == ()
    assert edited_goal(replace(goal, population_column="pop_65plus"), "population", " ").population_column == "population"
    assert edited_goal(goal, "minutes", "puoli tuntia") is None
    assert edited_goal(goal, "minutes", "30") is None  # no change
    assert edited_goal(goal, "coverage", "50") is None  # not editable


def test_straight_line_settings_and_road_network(store, tmp_path):
    from reach_fixtures import write_gpkg_lines

    network = loaded(store)
    settings = svc.travel_settings(store)
    network.apply_travel_settings(settings["straight_line"]["detour_factor"], 10.0, 0.0, settings["max_snap_m"])
    assert svc.travel_settings(store)["straight_line"]["speeds_kmh"]["car"] == 10.0
    network = loaded(store, "straight-line")
    row = [g.name for g in network.goals].index(S30)
    assert network.results[row].estimate and network.travel_kinds() == ["straight-line"]
    assert network.results[row].nearest.minutes[5] == pytest.approx(2000 * 1.3 / (10_000 / 60))
    gpkg = tmp_path / "tiet.gpkg"
    write_gpkg_lines(gpkg, [[(i * 1000, 0) for i in range(6)]], {"highway": ["primary"], "maxspeed": ["60"], "oneway": ["no"]})
    svc.import_road_network(store, gpkg)
    network = loaded(store, "road")
    assert network.results[row].nearest.minutes[5] == pytest.approx(2.0)  # 2 km at 60 km/h
    assert network.snap() is not None and network.snap()["far"] == 0
    assert load_network_data(NullProgress(), store, "road", set(), []).road is not None


def test_new_sites_question_onto_the_what_if_and_into_a_scenario(store):
    network = loaded(store)
    row = [g.name for g in network.goals].index(S30)
    goal = network.goals[row]
    network.push_goals("5 min", network.with_goal(row, replace(goal, minutes=5.0)))
    runs = []

    def run(task):
        runs.append(task)
        return task(NullProgress())

    question = {"goal_name": S30, "candidates": "ruudut", "capacities": False, "max_sites": 1}
    result = network.find_new_sites(question, run)
    assert len(runs) == 1 and network.optimum is result and network.optimum_goal.minutes == 5.0
    assert result["covered_by_kept"] == 500 and result["covered"] == 1100 and len(result["chosen"]) == 1
    assert result["optimal"] and result["estimate"]
    sites = network.optimum_sites()
    assert len(sites) == 1 and sites[0]["type"] == "sote-keskus" and sites[0]["size"] == "S"
    assert sites[0]["name"].startswith("Uusi: ")
    assert network.add_optimum_sites() == row and len(network.added) == 1
    assert network.add_optimum_sites() == row and len(network.added) == 1  # not twice
    network.evaluate()
    assert coverage(network, row) == pytest.approx(100.0)
    network.save_scenario("Yksi uusi", network.with_optimum_sites())
    saved = {s["name"]: s for s in svc.list_scenarios(store)}
    assert len(saved["Yksi uusi"]["added"]) == 1
    with pytest.raises(UserError):
        network.find_new_sites({**question, "goal_name": "ei tällaista"}, run)
    assert network.optimum is None and network.optimum_sites() == [] and network.add_optimum_sites() == -1


def test_one_goals_pictures_tables_and_export(store, tmp_path):
    network = loaded(store)
    row = [g.name for g in network.goals].index(S30)
    network.set_site_active("B", False)
    result = network.evaluate()[row]
    (curve,) = figures.curve_data(result)
    assert curve.coverage_pct == pytest.approx(100.0 * 1000 / 1100) and curve.threshold == 30
    catchments = figures.catchment_frame(result)
    assert catchments["site_id"].tolist() == ["A"]  # B is closed
    assert catchments["population_within"].sum() == pytest.approx(1000.0)
    assert np.isnan(catchments["assigned"]).all()  # not capacity-aware
    layers = figures.map_layers(network, result, "Kuntarajat")
    assert dict(zip(layers.sites["site_id"], layers.sites["state"], strict=True)) == {"A": "active", "B": "closed"}
    assert layers.below == {"500": "Muurame"}
    cell = figures.cell_facts(network, result, 4000.0, 0.0)
    assert (cell.cell_id, cell.persons, cell.site_name, cell.minutes, cell.limit) == ("c4", 100.0, "Asema", 40.0, 30)
    assert figures.cell_facts(network, result, 90_000.0, 0.0) is None
    sheets = pd.read_excel(figures.export_table(network, tmp_path / "t.xlsx", row), sheet_name=None, engine="openpyxl")
    assert set(sheets) == {"Tavoitteet", "Kunnittain", "Vaikutusalueet"}
    goals = sheets["Tavoitteet"].set_index("tavoite")
    assert goals.loc[S30, "kattamatta"] == 100 and goals.loc[S30, "toteutuu"] == "ei toteudu"
    assert set(pd.read_excel(figures.export_table(network, tmp_path / "g.xlsx", -1), sheet_name=None, engine="openpyxl")) == {"Tavoitteet"}



def test_a_goal_edit_over_a_colleagues_newer_save_is_refused(pg_server):
    """Two planners on one team project (PostgreSQL): the later goal edit, based on the goals as its
    page loaded them, is refused (SaveConflict) and neither written nor put on the undo stack; after a
    reload it goes through."""
    from desktop.core.errors import SaveConflict
    from desktop.services.new_project import create_project
    from desktop.store import Store

    database = pg_server.new_database("tavoitteet")
    first = create_project(pg_server.url("analyst1", database))
    second = Store.open(pg_server.url("analyst2", database))
    try:
        def page_load(store) -> NetworkPresenter:  # no grid: the goals without figures
            network = NetworkPresenter()
            network.store = store
            assert network.take_loaded(load_network_data(NullProgress(), store, "auto", set(), [])) is None
            return network

        mine, theirs = page_load(first), page_load(second)
        row = [g.name for g in mine.goals].index(S30)
        theirs.push_goals("10 min", theirs.with_goal(row, replace(theirs.goals[row], minutes=10.0)))
        with pytest.raises(SaveConflict):
            mine.push_goals("5 min", mine.with_goal(row, replace(mine.goals[row], minutes=5.0)))
        assert svc.list_goals(first)[row].minutes == 10 and not mine.undo_stack.can_undo()
        mine = page_load(first)  # reloaded: based on the colleague's save
        mine.push_goals("5 min", mine.with_goal(row, replace(mine.goals[row], minutes=5.0)))
        assert svc.list_goals(second)[row].minutes == 5
    finally:
        second.close()
        first.close()
