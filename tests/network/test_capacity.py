"""Capacity-aware coverage: the assignment HiGHS proves optimal equals a brute force over every way of
assigning whole persons (tiny instances) and scipy's maximum flow (larger ones); through the store
and `reach --capacities --json`, no site serves more than its capacity."""

from __future__ import annotations

import json
from itertools import product

import numpy as np
import pandas as pd
import pytest
from reach_fixtures import build_store, scipy_max_flow

from desktop.analysis.capacity import assign_with_capacities


def random_instance(seed: int, n_cells: int, n_sites: int, max_pop: int, max_cap: int):
    rng = np.random.default_rng(seed)
    weights = rng.integers(0, max_pop + 1, n_cells).astype(float)
    sets = [np.flatnonzero(rng.random(n_cells) < 0.5) for _ in range(n_sites)]
    caps = rng.integers(0, max_cap + 1, n_sites).astype(float)
    if n_sites > 2:
        caps[rng.integers(n_sites)] = np.nan  # one site without a limit
    return weights, sets, caps


def brute_force(weights, sets, caps) -> float:
    """Every assignment of each cell's whole persons to the sites that reach it (the rest unserved)."""
    n_sites = len(sets)
    reach = [[j for j in range(n_sites) if i in set(sets[j].tolist())] for i in range(len(weights))]
    options = []
    for i, w in enumerate(weights):
        w = int(w)
        per_cell = []
        for split in product(range(w + 1), repeat=len(reach[i])):
            if sum(split) <= w:
                per_cell.append(split)
        options.append(per_cell)
    best = 0
    limit = np.where(np.isnan(caps), np.inf, caps)
    for choice in product(*options):
        load = np.zeros(n_sites)
        for i, split in enumerate(choice):
            for j, amount in zip(reach[i], split, strict=True):
                load[j] += amount
        if np.all(load <= limit):
            best = max(best, sum(sum(s) for s in choice))
    return float(best)


def check(result, weights, sets, caps):
    limit = np.where(np.isnan(caps), np.inf, caps)
    assert result.optimal
    assert np.all(result.assigned <= limit + 1e-9)
    assert np.all(result.cell_assigned <= weights + 1e-9)
    assert result.covered == pytest.approx(result.assigned.sum()) == pytest.approx(result.cell_assigned.sum())
    assert np.allclose(result.assigned, np.round(result.assigned))  # whole persons
    for i in range(len(weights)):  # nobody is assigned to a site out of reach
        if not any(i in set(s.tolist()) for s in sets):
            assert result.cell_assigned[i] == 0


@pytest.mark.parametrize("seed", range(12))
def test_assignment_equals_brute_force(seed):
    weights, sets, caps = random_instance(seed, n_cells=4, n_sites=3, max_pop=3, max_cap=4)
    result = assign_with_capacities(weights, sets, caps)
    check(result, weights, sets, caps)
    assert result.covered == brute_force(weights, sets, caps)


@pytest.mark.parametrize("seed", range(6))
def test_assignment_equals_maximum_flow(seed):
    weights, sets, caps = random_instance(100 + seed, n_cells=300, n_sites=12, max_pop=60, max_cap=900)
    result = assign_with_capacities(weights, sets, caps)
    check(result, weights, sets, caps)
    assert result.covered == scipy_max_flow(weights, sets, caps)
    # without limits every person within reach is covered
    free = assign_with_capacities(weights, sets, np.full(len(caps), np.nan))
    assert free.covered == free.reachable == weights[np.unique(np.concatenate(sets))].sum()


def test_no_sites_or_no_reach():
    r = assign_with_capacities(np.array([5.0, 3.0]), [], np.array([]))
    assert r.covered == 0 and r.optimal
    r = assign_with_capacities(np.array([5.0, 3.0]), [np.array([], dtype=np.int64)], np.array([10.0]))
    assert r.covered == 0 and list(r.assigned) == [0]


@pytest.fixture
def capacity_store(tmp_path):
    """Four cells; A (capacity 250) reaches c0-c2, B (capacity 150) reaches c2-c3 within 30 min."""
    grid = pd.DataFrame({"cell_id": ["c0", "c1", "c2", "c3"], "x": [0.0, 1000, 2000, 3000], "y": [0.0] * 4,
                         "municipality": ["179", "179", "500", "500"], "population": [100.0, 100, 100, 100]})
    sites = pd.DataFrame({"site_id": ["A", "B"], "name": ["Asema", "Berg"], "type": ["sote-keskus"] * 2,
                          "size": ["S", "S"], "x": [0.0, 3000], "y": [0.0, 0], "municipality": ["179", "500"],
                          "capacity": [250.0, 150.0]})
    minutes = {"A": [5, 10, 20, 50], "B": [50, 40, 20, 5]}
    travel = pd.DataFrame([{"origin": f"c{i}", "destination": s, "minutes": m[i], "mode": "car"}
                           for s, m in minutes.items() for i in range(4)])
    munis = [{"code": "179", "name": "Jyväskylä", "centre_name": "Jyväskylä", "x": 0.0, "y": 0.0, "population": 200},
             {"code": "500", "name": "Muurame", "centre_name": "Muurame", "x": 3000.0, "y": 0.0, "population": 200}]
    store = build_store(tmp_path / "cap.sote", grid, sites, travel, munis)
    yield store
    store.close()


def run_cli(capsys, *argv) -> tuple[int, str]:
    from desktop.cli import main

    code = main(list(argv))
    return code, capsys.readouterr().out


def test_reach_capacities_json(capacity_store, capsys):
    path = str(capacity_store.path)
    code, out = run_cli(capsys, "reach", path, "--goal", "S-koon sote-keskus 30 min", "--json", "--capacities")
    assert code == 0
    r = json.loads(out)
    # A takes 250 of c0-c2, B takes c3 and the other 50 of c2 (c2 reaches both): all 400 covered
    assert r["covered"] == 400 and r["assigned"] == {"A": 250, "B": 150}
    assert r["covered_without_capacities"] == 400 and r["capacity_optimal"]
    # B closed (a what-if): A's 250 places for the 300 persons of c0-c2, c3 reaches nobody
    from desktop.services.network import build_context, goal_by_name

    ctx = build_context(capacity_store)
    res = ctx.evaluate(goal_by_name(capacity_store, "S-koon sote-keskus 30 min"), closed=["B"], capacities=True)
    assert res.coverage.covered == 250 and res.uncapacitated.covered == 300
    assert res.capacity.assigned.tolist() == [250.0]
    # the municipalities' figures are the capacity-aware ones: c0-c2 share A's places alike (250/300 each)
    shares = res.by_municipality.set_index("municipality")["share_pct"]
    assert shares["179"] == pytest.approx(100 * 250 / 300) and shares["500"] == pytest.approx(100 * 250 / 300 / 2)
    assert res.by_municipality["covered"].sum() == pytest.approx(250)
    assert res.below_target()["municipality"].tolist() == ["500", "179"]
    code, out = run_cli(capsys, "reach", path, "--goal", "S-koon sote-keskus 30 min", "--json")
    assert "assigned" not in json.loads(out)


def test_sites_file_with_capacity_column(tmp_path, capsys):
    """A Finnish sites file with a 'Kapasiteetti' column: numbers stored, an empty cell = no limit, a
    word refused with its line and column."""
    from desktop.cli import main
    from desktop.services.network import load_sites
    from desktop.store import Store

    store_path = tmp_path / "p.sote"
    Store.create(store_path).close()
    good = tmp_path / "toimipisteet.csv"
    good.write_text("Tunnus;Nimi;Tyyppi;Koko;Kapasiteetti;x;y\nA;Asema;sote-keskus;S;4 500;430000;6900000\n"
                    "B;Berg;sote-keskus;M;;431000;6901000\n", encoding="utf-8")
    assert main(["import", str(store_path), "sites", str(good)]) == 0
    with open_store_ro(store_path) as store:
        sites = load_sites(store).set_index("site_id")
    assert sites.loc["A", "capacity"] == 4500 and np.isnan(sites.loc["B", "capacity"])
    bad = tmp_path / "huono.csv"
    bad.write_text("Tunnus;Nimi;Tyyppi;Kapasiteetti;x;y\nC;Cee;sote-keskus;paljon;430000;6900000\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(store_path), "sites", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "rivi 2" in err and "Kapasiteetti" in err and "paljon" in err


def open_store_ro(path):
    from desktop.store import open_store

    return open_store(path, readonly=True)
