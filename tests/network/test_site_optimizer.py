"""The optimiser against brute force on small random instances (deterministic seeds)."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from desktop.analysis.site_optimizer import CoveringProblem, max_covering, min_sites_for_target
from desktop.core.errors import UserError


def random_problem(seed: int, n_cells: int = 40, n_cand: int = 8):
    rng = np.random.default_rng(seed)
    weights = rng.integers(0, 50, n_cells).astype(float)
    already = rng.random(n_cells) < 0.15
    sets = [np.flatnonzero(rng.random(n_cells) < rng.uniform(0.05, 0.35)) for _ in range(n_cand)]
    return CoveringProblem(weights, already, sets)


def brute_best(problem: CoveringProblem, k: int) -> float:
    return max(problem.covered_by(c) for c in combinations(range(problem.n_candidates), k))


@pytest.mark.parametrize("seed", range(8))
def test_max_covering_equals_brute_force(seed):
    problem = random_problem(seed)
    for k in (1, 2, 3):
        choice = max_covering(problem, k)
        assert choice.optimal and len(choice.chosen) <= k
        assert choice.covered == pytest.approx(brute_best(problem, k))
        assert choice.covered == pytest.approx(problem.covered_by(choice.chosen))


@pytest.mark.parametrize("seed", range(6))
def test_fewest_sites_equals_brute_force(seed):
    problem = random_problem(100 + seed)
    target_pct = 100.0 * (problem.base + 0.8 * (problem.reachable() - problem.base)) / problem.population
    choice = min_sites_for_target(problem, target_pct)
    need = problem.population * target_pct / 100
    k = next(k for k in range(problem.n_candidates + 1)
             if any(problem.covered_by(c) >= need - 1e-9 for c in combinations(range(problem.n_candidates), k)))
    assert choice.optimal and len(choice.chosen) == k
    assert choice.covered >= need - 1e-9
    assert choice.covered == pytest.approx(brute_best(problem, k))  # the best of the equally few


def test_targets_already_met_or_unreachable():
    problem = CoveringProblem(np.array([10.0, 10, 80]), np.array([False, False, True]), [np.array([0]), np.array([1])])
    assert min_sites_for_target(problem, 80).chosen == []
    assert len(min_sites_for_target(problem, 95).chosen) == 2
    assert max_covering(problem, 0).covered == 80
    with pytest.raises(UserError, match="100"):
        min_sites_for_target(CoveringProblem(np.array([1.0, 1]), np.zeros(2, bool), [np.array([0])]), 100)
