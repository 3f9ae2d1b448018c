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
