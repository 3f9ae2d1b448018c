"""Optimal new sites: maximal covering (the K new sites that cover the most people) and partial set
covering (the fewest new sites that bring coverage to a target share), solved exactly as mixed-integer
programmes with HiGHS (`highspy`). Existing sites stay: the people they already cover are fixed.

Input is the covering relation: for each candidate, the grid cells (positions) it reaches within the
threshold, plus each cell's persons. Cells with the same set of covering candidates are merged (their
persons summed) before the model is built, which keeps 50,000-cell problems small.

Model (x_j binary: candidate j chosen; y_r in [0, 1]: merged cell r covered):
    y_r <= sum_{j covers r} x_j
    max cover:   max sum w_r y_r       s.t. sum x_j <= K
    set cover:   min sum x_j           s.t. sum w_r y_r >= persons still needed,
                 then, with that count fixed, max sum w_r y_r (the best of the equally small answers).
y may stay continuous: with x integral, y_r = min(1, sum x_j) at an optimum.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field

import highspy
import numpy as np
from scipy.sparse import csc_matrix, csr_matrix

from desktop.core.errors import UserError
from desktop.core.lang import t

_banner_done = False


def _new_highs() -> highspy.Highs:
    """A silent HiGHS instance. The first one prints a banner on stdout at the C level, which would
    spoil `--json` output, so stdout's file descriptor is pointed at devnull for that moment."""
    global _banner_done
    if _banner_done:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    _banner_done = True
    return h


@dataclass
class SiteChoice:
    """The answer: chosen candidate positions, persons covered in all (existing sites included), the
    whole population, whether HiGHS proved it optimal, its status text and relative gap."""

    chosen: list[int]
    covered: float
    population: float
    optimal: bool
    status: str = ""
    gap: float = 0.0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def share_pct(self) -> float:
        return 100.0 * self.covered / self.population if self.population > 0 else 0.0


@dataclass
class CoveringProblem:
    """Persons per cell, cells already covered by the kept sites, cells each candidate covers."""

    weights: np.ndarray
    already: np.ndarray
    cover_sets: list[np.ndarray]

    def __post_init__(self):
        self.weights = np.asarray(self.weights, dtype=np.float64)
        self.already = np.asarray(self.already, dtype=bool)
        self.population = float(self.weights.sum())
        self.base = float(self.weights[self.already].sum())
        n_cells, m = len(self.weights), len(self.cover_sets)
        rows = np.concatenate([np.asarray(s, dtype=np.int64) for s in self.cover_sets]) if m else np.empty(0, np.int64)
        cols = np.repeat(np.arange(m), [len(s) for s in self.cover_sets]) if m else np.empty(0, np.int64)
        incidence = csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n_cells, m))
        incidence.sum_duplicates()
        useful = (~self.already) & (self.weights > 0) & (np.diff(incidence.indptr) > 0)
        self.incidence = incidence  # cells x candidates, all cells (for evaluating any choice)
        sub = incidence[np.flatnonzero(useful)]
        # merge cells with identical covering candidates
        keys: dict[bytes, int] = {}
        group = np.empty(sub.shape[0], dtype=np.int64)
        for r in range(sub.shape[0]):
            key = sub.indices[sub.indptr[r]:sub.indptr[r + 1]].tobytes()
            group[r] = keys.setdefault(key, len(keys))
        n_groups = len(keys)
        first = np.full(n_groups, -1, dtype=np.int64)
        first[group[::-1]] = np.arange(len(group))[::-1]
        self.group_weights = np.bincount(group, weights=self.weights[useful], minlength=n_groups)
        self.group_incidence = sub[first] if n_groups else csr_matrix((0, m), dtype=np.int8)

    @property
    def n_candidates(self) -> int:
        return len(self.cover_sets)

    def covered_by(self, chosen) -> float:
        """Persons covered in all when the kept sites and the `chosen` candidates serve."""
        mask = self.already.copy()
        if len(chosen):
            mask |= np.asarray(self.incidence[:, list(chosen)].sum(axis=1)).ravel() > 0
        return float(self.weights[mask].sum())

    def reachable(self) -> float:
        """Persons covered when every candidate is opened."""
        return self.covered_by(range(self.n_candidates))


def _solve(problem: CoveringProblem, objective: str, k: int | None = None, needed: float | None = None,
           time_limit: float = 60.0, fixed_count: int | None = None) -> tuple[list[int], bool, str, float, object]:
    m = problem.n_candidates
    g = problem.group_incidence
    n_rows = g.shape[0]
    # columns: x_0..x_{m-1}, y_0..y_{n_rows-1}
    # rows: (y_r - sum x_j <= 0) for each r, then one cardinality or demand row
    a_cov = csc_matrix(
        (np.r_[np.ones(n_rows), -np.ones(g.nnz)],
         (np.r_[np.arange(n_rows), np.repeat(np.arange(n_rows), np.diff(g.indptr))],
          np.r_[m + np.arange(n_rows), g.indices])),
        shape=(n_rows, m + n_rows),
    )
    extra_rows, lower, upper = [], [], []
    inf = highspy.kHighsInf
    if objective == "max":
        extra_rows.append(np.r_[np.ones(m), np.zeros(n_rows)])
        count = fixed_count if fixed_count is not None else k
        lower.append(float(count) if fixed_count is not None else 0.0)
        upper.append(float(count))
        cost = np.r_[np.zeros(m), problem.group_weights]
        sense = highspy.ObjSense.kMaximize
    else:
        extra_rows.append(np.r_[np.zeros(m), problem.group_weights])
        lower.append(float(needed))
        upper.append(inf)
        cost = np.r_[np.ones(m), np.zeros(n_rows)]
        sense = highspy.ObjSense.kMinimize
    from scipy.sparse import vstack

    a = vstack([a_cov, csr_matrix(np.vstack(extra_rows))]).tocsc()
    lp = highspy.HighsLp()
    lp.num_col_ = m + n_rows
    lp.num_row_ = a.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(m + n_rows)
    lp.col_upper_ = np.ones(m + n_rows)
    lp.row_lower_ = np.r_[np.full(n_rows, -inf), lower]
    lp.row_upper_ = np.r_[np.zeros(n_rows), upper]
    lp.sense_ = sense
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data.astype(np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * m + [highspy.HighsVarType.kContinuous] * n_rows
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6 if objective == "max" else 0.5)  # set cover: counts are integers
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    text = h.modelStatusToString(status)
    if status == highspy.HighsModelStatus.kInfeasible:
        return [], False, text, np.inf, None
    values = np.asarray(h.getSolution().col_value)
    if len(values) < m:
        return [], False, text, np.inf, None
    chosen = [int(j) for j in np.flatnonzero(values[:m] > 0.5)]
    optimal = status == highspy.HighsModelStatus.kOptimal
    gap = float(info.mip_gap) if np.isfinite(info.mip_gap) else np.inf
    return chosen, optimal, text, gap, info


def max_covering(problem: CoveringProblem, k: int, time_limit: float = 60.0) -> SiteChoice:
    """The K (at most) candidates that cover the most persons together with the kept sites."""
    if k < 0:
        raise UserError(t("Uusien toimipisteiden määrän on oltava vähintään 0.", "The number of new sites must be >= 0."))
    start = time.perf_counter()
    if k == 0 or problem.group_incidence.shape[0] == 0:
        chosen, optimal, status, gap = [], True, "Optimal", 0.0
    else:
        chosen, optimal, status, gap, _ = _solve(problem, "max", k=min(k, problem.n_candidates), time_limit=time_limit)
    return SiteChoice(chosen, problem.covered_by(chosen), problem.population, optimal, status, gap,
                      time.perf_counter() - start)


def min_sites_for_target(problem: CoveringProblem, target_pct: float, time_limit: float = 60.0) -> SiteChoice:
    """The fewest candidates that bring coverage to `target_pct` % of the whole population; among
    equally few, the answer covering the most persons."""
    start = time.perf_counter()
    target = problem.population * target_pct / 100.0
    needed = target - problem.base
    if needed <= 1e-9:
        return SiteChoice([], problem.covered_by([]), problem.population, True, "Optimal", 0.0,
                          time.perf_counter() - start)
    best = problem.reachable()
    if best < target - 1e-9:
        share = 100.0 * best / problem.population if problem.population else 0.0
        raise UserError(t(
            f"Tavoitetta {target_pct:g} % ei saavuteta edes kaikilla ehdokkailla: enintään {share:.1f} %.",
            f"The target {target_pct:g} % cannot be reached even with every candidate: at most {share:.1f} %.",
        ))
    # a hair above the target so that solver tolerances never land just under it
    chosen, optimal, status, gap, _ = _solve(problem, "min", needed=needed + max(1e-6, 1e-9 * needed),
                                             time_limit=time_limit)
    count_optimal = optimal
    if chosen:
        remaining = max(1.0, time_limit - (time.perf_counter() - start))
        better, optimal2, status2, gap2, _ = _solve(problem, "max", fixed_count=len(chosen), time_limit=remaining)
        if better and problem.covered_by(better) >= problem.covered_by(chosen):
            chosen, status, gap = better, status2, gap2
            optimal = count_optimal and optimal2
    return SiteChoice(chosen, problem.covered_by(chosen), problem.population, optimal, status, gap,
                      time.perf_counter() - start, {"count_optimal": count_optimal})


def greedy_max_covering(problem: CoveringProblem, k: int) -> SiteChoice:
    """The usual greedy heuristic (largest added coverage first); for comparison only."""
    start = time.perf_counter()
    covered = problem.already.copy()
    chosen: list[int] = []
    inc = problem.incidence.tocsc()
    for _ in range(min(k, problem.n_candidates)):
        gains = np.asarray(inc.T @ np.where(covered, 0.0, problem.weights)).ravel()
        gains[chosen] = -1
        j = int(np.argmax(gains))
        if gains[j] <= 0:
            break
        chosen.append(j)
        covered[inc.indices[inc.indptr[j]:inc.indptr[j + 1]]] = True
    return SiteChoice(chosen, problem.covered_by(chosen), problem.population, False, "greedy", np.nan,
                      time.perf_counter() - start)
