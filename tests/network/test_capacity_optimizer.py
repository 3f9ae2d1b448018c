"""The capacity-aware optimiser against brute force: every subset of candidates, each scored with
scipy's maximum flow (an algorithm independent of the HiGHS model), on small random instances."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from reach_fixtures import scipy_max_flow

from desktop.analysis.capacity_optimizer import (
    CapacityProblem,
    max_covering_with_capacities,
    min_sites_with_capacities,
)
from desktop.core.errors import UserError


def random_problem(seed: int, n_cells: int = 30, n_kept: int = 2, n_cand: int = 7) -> CapacityProblem:
    rng = np.random.default_rng(seed)
    weights = rng.integers(0, 25, n_cells).astype(float)
    kept = [np.flatnonzero(rng.random(n_cells) < 0.25) for _ in range(n_kept)]
    kept_caps = rng.integers(20, 120, n_kept).astype(float)
    kept_caps[0] = np.nan if seed % 3 == 0 else kept_caps[0]  # sometimes a kept site without a limit
    cand = [np.flatnonzero(rng.random(n_cells) < rng.uniform(0.1, 0.4)) for _ in range(n_cand)]
    cand_caps = rng.integers(10, 150, n_cand).astype(float)
    return CapacityProblem(weights, kept, kept_caps, cand, cand_caps)


def flow(p: CapacityProblem, subset) -> float:
    sets = list(p.kept_sets) + [p.candidate_sets[j] for j in subset]
    caps = np.r_[p.kept_capacity, p.candidate_capacity[list(subset)]]
    return scipy_max_flow(p.weights, sets, caps)


@pytest.mark.parametrize("seed", range(8))
def test_max_covering_with_capacities_equals_brute_force(seed):
    p = random_problem(seed)
    for k in (1, 2, 3):
        choice = max_covering_with_capacities(p, k)
        best = max(flow(p, c) for c in combinations(range(p.n_candidates), k))
        assert choice.optimal and choice.gap == 0 and len(choice.chosen) <= k
        assert choice.covered == best == flow(p, choice.chosen)
        # nobody above a capacity, and the assignment adds up
        assert np.all(choice.assigned_chosen <= p.candidate_capacity[choice.chosen] + 1e-9)
        limit = np.where(np.isnan(p.kept_capacity), np.inf, p.kept_capacity)
        assert np.all(choice.assigned_kept <= limit + 1e-9)
        assert choice.assigned_kept.sum() + choice.assigned_chosen.sum() == pytest.approx(choice.covered)


@pytest.mark.parametrize("seed", range(6))
def test_fewest_sites_with_capacities_equals_brute_force(seed):
    p = random_problem(50 + seed)
    base, everything = flow(p, []), flow(p, range(p.n_candidates))
    target_pct = 100 * (base + 0.75 * (everything - base)) / p.population
    need = p.population * target_pct / 100
    k = next(k for k in range(p.n_candidates + 1)
             if any(flow(p, c) >= need - 1e-9 for c in combinations(range(p.n_candidates), k)))
    choice = min_sites_with_capacities(p, target_pct)
    assert choice.optimal and len(choice.chosen) == k
    assert choice.covered == flow(p, choice.chosen) >= need - 1e-9


def test_capacity_changes_the_answer():
    """Two candidates reach the same 100 persons; one has room for 30 only: capacity picks the other."""
    w = np.array([100.0, 40.0])
    p = CapacityProblem(w, [], np.array([]), [np.array([0]), np.array([0]), np.array([1])],
                        np.array([30.0, 100.0, 40.0]))
    choice = max_covering_with_capacities(p, 1)
    assert choice.chosen == [1] and choice.covered == 100
    assert max_covering_with_capacities(p, 2).covered == 140
    with pytest.raises(UserError, match="kapasiteetit"):
        min_sites_with_capacities(CapacityProblem(w, [], np.array([]), [np.array([0])], np.array([10.0])), 50)


@pytest.fixture
def candidate_store(tmp_path):
    """c0-c3 with 100 persons each; kept A (room for 120) reaches c0, c1 within 30 min; candidates
    E1 (80) reaches c1, E2 (200) c2 and c3, E3 (150) c1 and c2."""
    import pandas as pd
    from reach_fixtures import build_store

    grid = pd.DataFrame({"cell_id": ["c0", "c1", "c2", "c3"], "x": [0.0, 1000, 2000, 3000], "y": [0.0] * 4,
                         "municipality": ["179", "179", "500", "500"], "population": [100.0] * 4})
    sites = pd.DataFrame({"site_id": ["A", "E1", "E2", "E3"], "name": ["Asema", "Eka", "Toka", "Kolmas"],
                          "type": ["sote-keskus", "ehdokas", "ehdokas", "ehdokas"], "size": ["S", "", "", ""],
                          "x": [0.0, 1000, 2500, 1500], "y": [0.0] * 4, "municipality": ["179", "179", "500", "500"],
                          "capacity": [120.0, 80, 200, 150]})
    reach = {"A": ["c0", "c1"], "E1": ["c1"], "E2": ["c2", "c3"], "E3": ["c1", "c2"]}
    travel = pd.DataFrame([{"origin": c, "destination": s, "minutes": 10.0 if c in cells else 45.0, "mode": "car"}
                           for s, cells in reach.items() for c in ["c0", "c1", "c2", "c3"]])
    store = build_store(tmp_path / "cand.sote", grid, sites, travel)
    path = store.path
    store.close()
    return str(path), reach


def test_cli_optimize_with_capacities_matches_brute_force(candidate_store, capsys):
    import json

    from desktop.cli import main

    path, reach = candidate_store
    cells = {"c0": 0, "c1": 1, "c2": 2, "c3": 3}
    w = np.full(4, 100.0)
    caps = {"A": 120.0, "E1": 80.0, "E2": 200.0, "E3": 150.0}

    def brute(subset):
        sets = [np.array([cells[c] for c in reach[s]]) for s in ["A", *subset]]
        return scipy_max_flow(w, sets, np.array([caps[s] for s in ["A", *subset]]))

    for k in (1, 2):
        assert main(["optimize", path, "--candidates", "ehdokas", "--goal", "S-koon sote-keskus 30 min",
                     "--max-sites", str(k), "--capacities", "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        best = max(brute(c) for c in combinations(["E1", "E2", "E3"], k))
        assert out["covered"] == best == brute(out["chosen"]) and out["optimal"] and out["capacities"]
        assert out["covered_by_kept"] == 120 and out["kept"] == 1
        # nobody above a capacity; the assignment adds up to the covered persons
        assert all(out["assigned"][s] <= caps[s] for s in out["assigned"])
        assert sum(out["assigned"].values()) == out["covered"]
        assert "todistetusti paras" in out["explanation"] and out["new_sites"][0]["capacity"] == caps[out["chosen"][0]]
    assert best == 400  # two new sites serve everyone
    # without capacities one candidate is enough for everyone E2 and A reach (c0-c3): E2
    assert main(["optimize", path, "--candidates", "ehdokas", "--goal", "S-koon sote-keskus 30 min",
                 "--max-sites", "1", "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain["chosen"] == ["E2"] and plain["covered"] == 400 and "assigned" not in plain
    # the fewest new sites for 100 % within capacities: two
    assert main(["optimize", path, "--candidates", "ehdokas", "--goal", "S-koon sote-keskus 30 min",
                 "--target", "100", "--capacities", "--json"]) == 0
    fewest = json.loads(capsys.readouterr().out)
    assert len(fewest["chosen"]) == 2 and fewest["covered"] == 400 and fewest["optimal"]
    # --new-capacity without --capacities is a usage error (exit 2), and so is a missing threshold
    assert main(["optimize", path, "--candidates", "ehdokas", "--max-sites", "1", "--minutes", "30",
                 "--new-capacity", "10"]) == 2
    assert main(["optimize", path, "--candidates", "ehdokas", "--max-sites", "1"]) == 2
