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
                 then, with that count fixed, max sum w_r y_r (the best of the equally small answers;
                 `optimal` reports the proven smallest count, extra["coverage_optimal"] this second stage).
y may stay continuous: with x integral, y_r = min(1, sum x_j) at an optimum.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field

import highspy
import numpy as np
from scipy.sparse import csr_matrix, vstack

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import percent_value

_banner_done = False
LARGE_MODEL_ROWS = 5000


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


def _solve_cover_all(problem: CoveringProblem, time_limit: float) -> tuple[list[int], bool, str, float, object]:
    """The classic set covering (every populated cell still uncovered gets a site): one row per merged
    cell, `sum_{j covers r} x_j >= 1`, no person sums, so nothing depends on a tolerance."""
    m = problem.n_candidates
    g = problem.group_incidence.tocsc()
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = m
    lp.num_row_ = g.shape[0]
    lp.col_cost_ = np.ones(m)
    lp.col_lower_ = np.zeros(m)
    lp.col_upper_ = np.ones(m)
    lp.row_lower_ = np.ones(g.shape[0])
    lp.row_upper_ = np.full(g.shape[0], inf)
    lp.sense_ = highspy.ObjSense.kMinimize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = g.indptr.astype(np.int32)
    lp.a_matrix_.index_ = g.indices.astype(np.int32)
    lp.a_matrix_.value_ = np.ones(g.nnz, dtype=np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * m
    h = _new_highs()
    h.setOptionValue("output_flag", bool(os.environ.get("SOTE_HIGHS_LOG")))
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.5)
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    text = h.modelStatusToString(status)
    solution = h.getSolution()
    values = np.asarray(solution.col_value)
    if status == highspy.HighsModelStatus.kInfeasible or len(values) < m or not solution.value_valid:
        return [], False, text, np.inf, None
    info = h.getInfo()
    gap = float(info.mip_gap) if np.isfinite(info.mip_gap) else np.inf
    return [int(j) for j in np.flatnonzero(values > 0.5)], status == highspy.HighsModelStatus.kOptimal, text, gap, info


def _solve(problem: CoveringProblem, objective: str, k: int | None = None, needed: float | None = None,
           time_limit: float = 60.0, fixed_count: int | None = None, start: list[int] | None = None
           ) -> tuple[list[int], bool, str, float, object]:
    m = problem.n_candidates
    g = problem.group_incidence
    per_row = np.diff(g.indptr)
    # a merged cell only one candidate reaches needs no y: its persons go straight onto that x
    single = per_row == 1
    x_weight = np.bincount(g.indices[g.indptr[:-1][single]], weights=problem.group_weights[single], minlength=m)
    multi = np.flatnonzero(~single)
    g = g[multi]
    w = problem.group_weights[multi]
    n_rows = g.shape[0]
    # columns: x_0..x_{m-1}, y_0..y_{n_rows-1}
    # rows: (y_r - sum x_j <= 0) for each multi-candidate cell r, then one cardinality or demand row
    a_cov = csr_matrix(
        (np.r_[np.ones(n_rows), -np.ones(g.nnz)],
         (np.r_[np.arange(n_rows), np.repeat(np.arange(n_rows), np.diff(g.indptr))],
          np.r_[m + np.arange(n_rows), g.indices])),
        shape=(n_rows, m + n_rows),
    )
    inf = highspy.kHighsInf
    if objective == "max":
        extra = np.r_[np.ones(m), np.zeros(n_rows)]
        count = fixed_count if fixed_count is not None else k
        lower, upper = (float(count) if fixed_count is not None else 0.0), float(count)
        cost = np.r_[x_weight, w]
        sense = highspy.ObjSense.kMaximize
    else:
        extra = np.r_[x_weight, w]
        lower, upper = float(needed), inf
        cost = np.r_[np.ones(m), np.zeros(n_rows)]
        sense = highspy.ObjSense.kMinimize
    a = vstack([a_cov, csr_matrix(extra[None, :])]).tocsc()
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
    h.setOptionValue("output_flag", bool(os.environ.get("SOTE_HIGHS_LOG")))
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6 if objective == "max" else 0.5)  # set cover: counts are integers
    h.setOptionValue("threads", 1)
    if n_rows > LARGE_MODEL_ROWS and objective == "max":
        # measured on 2,000 candidates x 29,000 merged cells: HiGHS's MIP presolve spent 24 s of 37 s
        # and removed nothing, and the dual simplex stalled on the root LP (60 s) where IPX needs ~8 s.
        # The minimum-count model is the other way round: the defaults prove it in 10-16 s.
        h.setOptionValue("presolve", "off")
        h.setOptionValue("mip_lp_solver", "ipx")
    for item in filter(None, os.environ.get("SOTE_HIGHS_OPTIONS", "").split(";")):  # experiments only
        key, value = item.split("=", 1)
        h.setOptionValue(key, int(value) if value.lstrip("-").isdigit() else value)
    h.passModel(lp)
    if start:
        x = np.zeros(m)
        x[list(start)] = 1.0
        y = np.minimum(1.0, np.asarray(g @ x).ravel()) if n_rows else np.zeros(0)
        solution = highspy.HighsSolution()
        solution.col_value = np.r_[x, y]
        solution.value_valid = True
        h.setSolution(solution)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    text = h.modelStatusToString(status)
    if status == highspy.HighsModelStatus.kInfeasible:
        return [], False, text, np.inf, None
    values = np.asarray(h.getSolution().col_value)
    if len(values) < m or not h.getSolution().value_valid:
        return list(start or []), False, text, np.inf, None
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
        start_from = greedy_max_covering(problem, k).chosen  # a good first answer for HiGHS to beat
        chosen, optimal, status, gap, _ = _solve(problem, "max", k=min(k, problem.n_candidates), time_limit=time_limit,
                                                 start=start_from)
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
            f"Tavoitetta {percent_value(target_pct, 0, 'fi')} ei saavuteta edes kaikilla ehdokkailla: "
            f"enintään {percent_value(share, 1, 'fi')}.",
            f"The target {percent_value(target_pct, 0, 'en')} cannot be reached even with every candidate: "
            f"at most {percent_value(share, 1, 'en')}.",
        ))
    if best - target <= 1e-9 * max(1.0, problem.population):
        # everyone reachable must be covered: the classic set covering, one constraint per cell
        chosen, optimal, status, gap, _ = _solve_cover_all(problem, time_limit)
        count_optimal, coverage_optimal = optimal, optimal
    else:
        chosen, optimal, status, gap = _fewest_for_persons(problem, needed, time_limit)
        count_optimal = optimal
        coverage_optimal = False
        if chosen:
            # second stage: among answers with this many sites, the one covering the most persons
            remaining = max(5.0, time_limit - (time.perf_counter() - start))
            better, coverage_optimal, _status2, _gap2, _ = _solve(problem, "max", fixed_count=len(chosen),
                                                                  time_limit=remaining, start=chosen)
            if better and problem.covered_by(better) >= problem.covered_by(chosen):
                chosen = better
    if problem.covered_by(chosen) < target - 1e-9 * max(1.0, problem.population):
        # whatever the solver said, an answer below the target is no answer
        chosen, count_optimal, coverage_optimal = [], False, False
    # `optimal` answers the question asked: no smaller number of new sites reaches the target
    return SiteChoice(chosen, problem.covered_by(chosen), problem.population, count_optimal, status, gap,
                      time.perf_counter() - start, {"coverage_optimal": bool(coverage_optimal)})


def _fewest_for_persons(problem: CoveringProblem, needed: float, time_limit: float):
    """The fewest candidates covering `needed` more persons. With whole persons the demand row asks
    for `ceil(needed) - 0.5`: any answer within HiGHS's tolerance (~1e-6) then covers the whole
    number asked, with no padding above the population. Fractional weights (estimates) ask for
    `needed` itself; the caller checks the answer against the target."""
    whole = bool(np.all(problem.group_weights == np.round(problem.group_weights)))
    demand = float(np.ceil(needed - 1e-9)) - 0.5 if whole else needed
    # no greedy start here: measured, it made HiGHS miss the proof (60 s) that it finds in 5 s without
    chosen, optimal, status, gap, _ = _solve(problem, "min", needed=demand, time_limit=time_limit)
    if not whole and chosen and problem.covered_by(chosen) < problem.base + needed:
        # landed within the tolerance under a fractional target: ask for two tolerances more
        chosen, optimal, status, gap, _ = _solve(problem, "min", needed=needed + 2e-6, time_limit=time_limit)
    return chosen, optimal, status, gap


def greedy_max_covering(problem: CoveringProblem, k: int, stop_at: float | None = None) -> SiteChoice:
    """The usual greedy heuristic (largest added coverage first): a starting answer for the MIP and a
    comparison, never the answer itself. Stops after `k` sites or once `stop_at` persons are covered."""
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
        if stop_at is not None and problem.weights[covered].sum() >= stop_at:
            break
    return SiteChoice(chosen, problem.covered_by(chosen), problem.population, False, "greedy", np.nan,
                      time.perf_counter() - start)
