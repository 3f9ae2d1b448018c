"""Optimal new sites when sites have capacities: choose candidates so that the largest assignment of
persons to sites within the threshold with room (see analysis.capacity) is as large as possible
(at most K new sites), or reaches a target share with as few new sites as possible. Kept sites stay
with their capacities. Solved as one mixed-integer programme with HiGHS; the answer says whether
HiGHS proved it optimal and, if the time limit stopped it, the relative gap to the best bound.

Model (cells merged when the same sites reach them; g = merged cell with W_g persons; s = kept site
or candidate; x_j binary for candidate j with capacity C_j):
    f_gs >= 0 on the pairs where s reaches g
    sum_s f_gs <= W_g                    every person at most once
    sum_g f_gs <= C_s                    a kept site's capacity (no row when it has no limit)
    sum_g f_gs <= C_j x_j                a candidate serves only when chosen, up to its capacity
    f_gj <= W_g x_j                      (the same, per pair: a tighter bound, added on smaller models)
    max sum f   s.t. sum x <= K          or   min sum x   s.t. sum f >= persons needed
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np
from scipy.sparse import csr_matrix, vstack

from desktop.analysis.capacity import assign_with_capacities, merge_cells
from desktop.analysis.site_optimizer import _new_highs
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import number, short

TIGHT_LINK_MAX_ARCS = 200_000  # per-pair linking rows on models up to this many candidate pairs
# Beyond this many (merged cell, site) pairs the model is not handed to HiGHS: measured, a 60-minute
# goal with 1,208 candidate cells on the demo region gave 2.1 M pairs and HiGHS did not finish even
# the first linear relaxation in 60 s. The answer is then the greedy one with its bound (below).
MIP_MAX_ARCS = 400_000


@dataclass
class CapacityChoice:
    """Chosen candidate positions, persons covered (capacities respected), persons assigned to each
    kept site and each chosen candidate, whether HiGHS proved it optimal, the relative gap to the best
    bound found (0 when proven) and that bound in persons."""

    chosen: list[int]
    covered: float
    population: float
    assigned_kept: np.ndarray
    assigned_chosen: np.ndarray
    optimal: bool
    status: str
    gap: float
    bound: float
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def share_pct(self) -> float:
        return 100.0 * self.covered / self.population if self.population > 0 else 0.0


@dataclass
class CapacityProblem:
    """Persons per cell; the cells each kept site and each candidate reaches; their capacities
    (persons; NaN or inf = no limit)."""

    weights: np.ndarray
    kept_sets: list[np.ndarray]
    kept_capacity: np.ndarray
    candidate_sets: list[np.ndarray]
    candidate_capacity: np.ndarray

    def __post_init__(self):
        self.weights = np.asarray(self.weights, dtype=np.float64)
        self.kept_capacity = np.asarray(self.kept_capacity, dtype=np.float64).reshape(-1)
        self.candidate_capacity = np.asarray(self.candidate_capacity, dtype=np.float64).reshape(-1)
        self.population = float(self.weights.sum())
        self.n_kept, self.n_candidates = len(self.kept_sets), len(self.candidate_sets)
        self.group, self.group_weights, self.group_incidence = merge_cells(
            list(self.kept_sets) + list(self.candidate_sets), len(self.weights), self.weights)

    @property
    def n_arcs(self) -> int:
        return int(self.group_incidence.nnz)

    def reach_persons(self) -> np.ndarray:
        """Persons within the threshold of each candidate (capacities not counted)."""
        gi = self.group_incidence.tocsc()[:, self.n_kept:]
        return np.asarray(gi.T @ self.group_weights).ravel()

    def gain_bounds(self) -> np.ndarray:
        """An upper bound of what each candidate alone can add: its capacity or the persons it reaches.
        Covered persons are a submodular function of the open sites (a max flow into them), so the
        kept sites' coverage plus the K largest of these bounds bounds any K new sites."""
        caps = np.where(np.isfinite(self.candidate_capacity), self.candidate_capacity, np.inf)
        return np.minimum(caps, self.reach_persons())

    def covered_by(self, chosen) -> tuple[float, np.ndarray]:
        """Persons covered and assigned per site (kept, then chosen) when `chosen` candidates open."""
        chosen = list(chosen)
        sets = list(self.kept_sets) + [self.candidate_sets[j] for j in chosen]
        caps = np.r_[self.kept_capacity, self.candidate_capacity[chosen]] if chosen else self.kept_capacity
        result = assign_with_capacities(self.weights, sets, caps)
        return result.covered, result.assigned


def _model(p: CapacityProblem, objective: str, k: int | None, needed: float | None):
    """The HiGHS model; columns x_0..x_{m-1} then one f per (merged cell, site) pair."""
    m, nk = p.n_candidates, p.n_kept
    gi = p.group_incidence
    n_groups = gi.shape[0]
    arc_group = np.repeat(np.arange(n_groups), np.diff(gi.indptr))
    arc_site = gi.indices.astype(np.int64)
    n_arcs = len(arc_site)
    w = p.group_weights
    caps = np.r_[p.kept_capacity, p.candidate_capacity]
    reach_persons = np.bincount(arc_site, weights=w[arc_group], minlength=nk + m)
    caps = np.where(np.isfinite(caps), np.maximum(caps, 0.0), np.inf)
    x_cols = np.arange(m)
    f_cols = m + np.arange(n_arcs)
    blocks, lower, upper = [], [], []
    inf = highspy.kHighsInf
    # every person at most once
    blocks.append(csr_matrix((np.ones(n_arcs), (arc_group, f_cols)), shape=(n_groups, m + n_arcs)))
    lower.append(np.full(n_groups, -inf))
    upper.append(w)
    # kept sites with a limit
    limited = np.flatnonzero(np.isfinite(caps[:nk]))
    row_of = np.full(nk, -1)
    row_of[limited] = np.arange(len(limited))
    on = (arc_site < nk) & (row_of[np.minimum(arc_site, max(nk - 1, 0))] >= 0) if nk else np.zeros(n_arcs, bool)
    blocks.append(csr_matrix((np.ones(int(on.sum())), (row_of[arc_site[on]], f_cols[on])),
                             shape=(len(limited), m + n_arcs)))
    lower.append(np.full(len(limited), -inf))
    upper.append(caps[:nk][limited])
    # candidates: served persons <= capacity (or all they reach) x chosen
    cand_arc = arc_site >= nk
    cand_cap = np.minimum(caps[nk:], reach_persons[nk:])
    rows = np.r_[arc_site[cand_arc] - nk, x_cols]
    cols = np.r_[f_cols[cand_arc], x_cols]
    vals = np.r_[np.ones(int(cand_arc.sum())), -cand_cap]
    blocks.append(csr_matrix((vals, (rows, cols)), shape=(m, m + n_arcs)))
    lower.append(np.full(m, -inf))
    upper.append(np.zeros(m))
    n_cand_arcs = int(cand_arc.sum())
    if 0 < n_cand_arcs <= TIGHT_LINK_MAX_ARCS:
        r = np.arange(n_cand_arcs)
        blocks.append(csr_matrix((np.r_[np.ones(n_cand_arcs), -w[arc_group[cand_arc]]],
                                 (np.r_[r, r], np.r_[f_cols[cand_arc], arc_site[cand_arc] - nk])),
                                 shape=(n_cand_arcs, m + n_arcs)))
        lower.append(np.full(n_cand_arcs, -inf))
        upper.append(np.zeros(n_cand_arcs))
    if objective == "max":
        blocks.append(csr_matrix(np.r_[np.ones(m), np.zeros(n_arcs)][None, :]))
        lower.append(np.array([-inf]))
        upper.append(np.array([float(k)]))
        cost = np.r_[np.zeros(m), np.ones(n_arcs)]
        sense = highspy.ObjSense.kMaximize
    else:
        blocks.append(csr_matrix(np.r_[np.zeros(m), np.ones(n_arcs)][None, :]))
        lower.append(np.array([float(needed)]))
        upper.append(np.array([inf]))
        cost = np.r_[np.ones(m), np.zeros(n_arcs)]
        sense = highspy.ObjSense.kMinimize
    a = vstack(blocks).tocsc()
    lp = highspy.HighsLp()
    lp.num_col_ = m + n_arcs
    lp.num_row_ = a.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(m + n_arcs)
    lp.col_upper_ = np.r_[np.ones(m), np.full(n_arcs, inf)]
    lp.row_lower_ = np.concatenate(lower)
    lp.row_upper_ = np.concatenate(upper)
    lp.sense_ = sense
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data.astype(np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * m + [highspy.HighsVarType.kContinuous] * n_arcs
    return lp


def _run(p: CapacityProblem, lp, objective: str, time_limit: float):
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(1.0, float(time_limit)))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6 if objective == "max" else 0.5)
    h.setOptionValue("threads", 1)
    # no starting answer is handed to HiGHS: measured with highspy 1.16, a complete feasible start
    # given with setSolution made it report "Optimal" for a worse answer (187 claimed, 165 true) on a
    # 30-cell instance; the greedy answer stays our own fallback instead
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    values = np.asarray(h.getSolution().col_value)
    chosen = None
    if len(values) >= p.n_candidates and h.getSolution().value_valid:
        chosen = [int(j) for j in np.flatnonzero(values[:p.n_candidates] > 0.5)]
    bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else np.inf
    return chosen, status == highspy.HighsModelStatus.kOptimal, h.modelStatusToString(status), bound, status


def _uncapacitated(p: CapacityProblem, k: int, time_limit: float) -> tuple[list[int], float]:
    """The best `k` candidates when capacities are ignored (HiGHS, site_optimizer) and the persons
    within reach then, an upper bound of any capacity-aware answer (inf when not proven)."""
    from desktop.analysis.site_optimizer import CoveringProblem, max_covering

    gi = p.group_incidence.tocsc()
    already = np.zeros(gi.shape[0], dtype=bool)
    for s in range(p.n_kept):
        already[gi.indices[gi.indptr[s]:gi.indptr[s + 1]]] = True
    sets = [gi.indices[gi.indptr[p.n_kept + j]:gi.indptr[p.n_kept + j + 1]] for j in range(p.n_candidates)]
    choice = max_covering(CoveringProblem(p.group_weights, already, sets), k, max(5.0, time_limit))
    return list(choice.chosen), (choice.covered if choice.optimal else np.inf)


def _greedy(p: CapacityProblem, k: int, stop_at: float | None = None) -> list[int]:
    """Largest added persons first, counting each candidate's gain as the persons it reaches who are
    still unserved after the last assignment (up to its capacity): the answer kept when HiGHS finds
    none better within its time limit or the model is too large (then reported as not proven)."""
    inc = p.group_incidence.tocsc()
    cand = inc[:, p.n_kept:]
    caps = np.where(np.isfinite(p.candidate_capacity), p.candidate_capacity, np.inf)
    chosen: list[int] = []
    residual = _residual(p, chosen)
    for _ in range(min(k, p.n_candidates)):
        gains = np.minimum(np.asarray(cand.T @ residual).ravel(), caps)
        gains[chosen] = -1
        j = int(np.argmax(gains)) if len(gains) else -1
        if j < 0 or gains[j] <= 1e-9:
            break
        chosen.append(j)
        residual = _residual(p, chosen)
        if stop_at is not None and p.group_weights.sum() - residual.sum() >= stop_at - 1e-9:
            break
    return chosen


def _residual(p: CapacityProblem, chosen: list[int]) -> np.ndarray:
    """Persons of each merged cell left unserved by the best assignment to the kept and chosen sites."""
    gi = p.group_incidence.tocsc()
    columns = list(range(p.n_kept)) + [p.n_kept + j for j in chosen]
    sets = [gi.indices[gi.indptr[c]:gi.indptr[c + 1]] for c in columns]
    caps = np.r_[p.kept_capacity, p.candidate_capacity[chosen]] if chosen else p.kept_capacity
    result = assign_with_capacities(p.group_weights, sets, caps)
    return np.maximum(p.group_weights - result.cell_assigned, 0.0)


def _choice(p: CapacityProblem, chosen: list[int], optimal: bool, status: str, bound: float, started: float,
            objective: str) -> CapacityChoice:
    covered, assigned = p.covered_by(chosen)
    if optimal:
        gap = 0.0
        bound = covered if objective == "max" else bound
    elif objective == "max":
        gap = max(0.0, (bound - covered) / bound) if bound > 0 and np.isfinite(bound) else np.inf
    else:
        gap = max(0.0, (len(chosen) - bound) / len(chosen)) if chosen and np.isfinite(bound) else np.inf
    return CapacityChoice(chosen, covered, p.population, assigned[:p.n_kept], assigned[p.n_kept:], optimal, status,
                          gap, bound, time.perf_counter() - started)


def max_covering_with_capacities(p: CapacityProblem, k: int, time_limit: float = 60.0) -> CapacityChoice:
    """At most `k` candidates whose opening lets the most persons be served within capacities."""
    if k < 0:
        raise UserError(t("Uusien toimipisteiden määrän on oltava vähintään 0.", "The number of new sites must be >= 0."))
    started = time.perf_counter()
    k = min(k, p.n_candidates)
    if k == 0 or len(p.group_weights) == 0:
        return _choice(p, [], True, "Optimal", np.inf, started, "max")
    start = _greedy(p, k)
    covered = p.covered_by(start)[0]
    base = p.covered_by([])[0]
    bound = base + float(np.sort(p.gain_bounds())[::-1][:k].sum())
    if covered >= bound - 1e-6:  # the greedy answer meets the bound: nothing can do better
        return _choice(p, start, True, "Optimal", bound, started, "max")
    if p.n_arcs > MIP_MAX_ARCS:
        # without capacities nobody is served who is out of reach: the proven best K sites without
        # capacities bound this answer too, and their capacity-aware coverage may beat the greedy one
        plain, plain_bound = _uncapacitated(p, k, (time_limit - (time.perf_counter() - started)) / 2)
        if plain and p.covered_by(plain)[0] > covered:
            start, covered = plain, p.covered_by(plain)[0]
        bound = min(bound, plain_bound)
        if covered >= bound - 1e-6:
            return _choice(p, start, True, "Optimal", bound, started, "max")
        return _choice(p, start, False, "Model too large", bound, started, "max")
    chosen, optimal, status, mip_bound, _ = _run(p, _model(p, "max", k, None), "max",
                                                 time_limit - (time.perf_counter() - started))
    if chosen is None or p.covered_by(chosen)[0] < covered:
        chosen, optimal = start, False
    return _choice(p, chosen, optimal, status, min(bound, mip_bound), started, "max")


def min_sites_with_capacities(p: CapacityProblem, target_pct: float, time_limit: float = 60.0) -> CapacityChoice:
    """The fewest candidates that let `target_pct` % of all persons be served within capacities."""
    started = time.perf_counter()
    target = p.population * target_pct / 100.0
    base = p.covered_by([])[0]
    if base >= target - 1e-9:
        return _choice(p, [], True, "Optimal", 0.0, started, "min")
    best = p.covered_by(range(p.n_candidates))[0] if p.n_arcs <= MIP_MAX_ARCS else \
        base + float(p.gain_bounds().sum())
    if best < target - 1e-9:
        share = 100.0 * best / p.population if p.population else 0.0
        raise UserError(t(
            f"Tavoitetta {short(target_pct, 3, 'fi')} % ei saavuteta edes kaikilla ehdokkailla kapasiteetit huomioiden: "
            f"enintään {number(share, 1, 'fi')} %.",
            f"The target {short(target_pct, 3, 'en')} % cannot be reached even with every candidate within capacities: "
            f"at most {number(share, 1, 'en')} %.",
        ))
    start = _greedy(p, p.n_candidates, stop_at=target)
    reached = p.covered_by(start)[0]
    # fewest possible: the kept coverage plus the largest gain bounds must reach the target
    needed_at_least = int(np.searchsorted(np.cumsum(np.sort(p.gain_bounds())[::-1]), target - base - 1e-9) + 1)
    if reached >= target - 1e-9 and len(start) <= needed_at_least:
        return _choice(p, start, True, "Optimal", float(len(start)), started, "min")
    if p.n_arcs > MIP_MAX_ARCS:
        if reached < target - 1e-9:
            raise UserError(t(
                f"Tavoitetta {short(target_pct, 3, 'fi')} % ei saavutettu kapasiteetit huomioiden: {len(start)} uudella paikalla "
                f"{number(100.0 * reached / p.population, 1, 'fi')} % (malli on liian suuri tarkkaan ratkaisuun).",
                f"The target {short(target_pct, 3, 'en')} % was not reached within capacities: {len(start)} new sites give "
                f"{number(100.0 * reached / p.population, 1, 'en')} % (the model is too large to solve exactly)."))
        return _choice(p, start, False, "Model too large", float(needed_at_least), started, "min")
    chosen, optimal, status, bound, _ = _run(p, _model(p, "min", None, target), "min",
                                             time_limit - (time.perf_counter() - started))
    if chosen is None or p.covered_by(chosen)[0] < target - 1e-6:
        if reached < target - 1e-9:
            raise UserError(t(f"Tavoitetta {short(target_pct, 3, 'fi')} % ei saavutettu aikarajassa kapasiteetit huomioiden.",
                              f"The target {short(target_pct, 3, 'en')} % was not reached within the time limit and capacities."))
        chosen, optimal = start, False
    return _choice(p, chosen, optimal, status, max(bound, needed_at_least) if np.isfinite(bound)
                   else float(needed_at_least), started, "min")
