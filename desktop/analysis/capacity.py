"""Capacity-aware coverage: sites have a capacity (persons they can serve; NaN = no limit), each
person may be served by any qualifying site within the threshold that has room, and no site serves
more than its capacity. The covered population is the largest such assignment: a maximum flow from
grid cells (persons) to sites (capacities) over the pairs within the threshold, solved as a linear
programme with HiGHS. The programme is a network flow, so the optimum HiGHS proves is exact and, with
whole persons, integral.

Cells that reach exactly the same sites are merged before the programme is built (their persons
summed): that changes nothing in the optimum and keeps county-sized problems small. The persons a
merged group gets are shared back to its cells in proportion to their persons (one of the equally
good assignments; the totals per site and the covered total do not depend on that choice).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from scipy.sparse import csr_matrix

from desktop.analysis.site_optimizer import _new_highs


@dataclass
class CapacityAssignment:
    """The answer: persons assigned to each site (site order of the input), per cell, in all, and
    whether HiGHS proved the optimum (always, unless the time limit stopped it)."""

    assigned: np.ndarray  # persons per site
    cell_assigned: np.ndarray  # persons per grid cell
    covered: float
    reachable: float  # persons within the threshold of some site (the covered total without capacities)
    optimal: bool
    status: str


def merge_cells(cell_sets: list[np.ndarray], n_cells: int, weights: np.ndarray):
    """Cells x sites incidence from each site's cell list, with cells of identical site sets merged.

    Returns (group_of_cell (-1 = reaches no site), group_weights, group_incidence csr groups x sites)."""
    n_sites = len(cell_sets)
    lengths = [len(s) for s in cell_sets]
    rows = np.concatenate([np.asarray(s, np.int64) for s in cell_sets]) if n_sites and sum(lengths) else \
        np.empty(0, np.int64)
    cols = np.repeat(np.arange(n_sites), lengths)
    incidence = csr_matrix((np.ones(len(rows), np.int8), (rows, cols)), shape=(n_cells, n_sites))
    incidence.sum_duplicates()
    incidence.sort_indices()
    group = np.full(n_cells, -1, dtype=np.int64)
    keys: dict[bytes, int] = {}
    useful = np.flatnonzero((np.diff(incidence.indptr) > 0) & (weights > 0))
    for r in useful:
        key = incidence.indices[incidence.indptr[r]:incidence.indptr[r + 1]].tobytes()
        group[r] = keys.setdefault(key, len(keys))
    n_groups = len(keys)
    group_weights = np.bincount(group[useful], weights=weights[useful], minlength=n_groups)
    first = np.full(n_groups, -1, dtype=np.int64)
    first[group[useful][::-1]] = useful[::-1]
    group_incidence = incidence[first] if n_groups else csr_matrix((0, n_sites), dtype=np.int8)
    return group, group_weights, group_incidence


def assign_with_capacities(weights: np.ndarray, cell_sets: list[np.ndarray], capacities: np.ndarray,
                           time_limit: float = 60.0) -> CapacityAssignment:
    """Largest assignment of persons (`weights` per cell) to sites (`capacities`, NaN or inf = no
    limit) where site j may serve the cells `cell_sets[j]` (positions within the threshold)."""
    weights = np.asarray(weights, dtype=np.float64)
    capacities = np.asarray(capacities, dtype=np.float64)
    n_cells, n_sites = len(weights), len(cell_sets)
    group, gw, gi = merge_cells(cell_sets, n_cells, weights)
    reachable = float(gw.sum())
    n_groups = len(gw)
    if n_groups == 0 or n_sites == 0:
        return CapacityAssignment(np.zeros(n_sites), np.zeros(n_cells), 0.0, reachable, True, "Optimal")
    # one variable per (group, site) arc; rows: each group's persons, then each limited site's capacity
    arc_group = np.repeat(np.arange(n_groups), np.diff(gi.indptr))
    arc_site = gi.indices.astype(np.int64)
    n_arcs = len(arc_site)
    limited = np.isfinite(capacities)
    site_row = np.full(n_sites, -1, dtype=np.int64)
    site_row[limited] = n_groups + np.arange(int(limited.sum()))
    on_site = site_row[arc_site] >= 0
    rows = np.r_[arc_group, site_row[arc_site][on_site]]
    cols = np.r_[np.arange(n_arcs), np.flatnonzero(on_site)]
    a = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_groups + int(limited.sum()), n_arcs)).tocsc()
    lp = highspy.HighsLp()
    lp.num_col_ = n_arcs
    lp.num_row_ = a.shape[0]
    lp.col_cost_ = np.ones(n_arcs)
    lp.col_lower_ = np.zeros(n_arcs)
    lp.col_upper_ = np.full(n_arcs, highspy.kHighsInf)
    lp.row_lower_ = np.full(a.shape[0], -highspy.kHighsInf)
    lp.row_upper_ = np.r_[gw, np.maximum(capacities[limited], 0.0)]
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data.astype(np.float64)
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    text = h.modelStatusToString(status)
    flow = np.asarray(h.getSolution().col_value, dtype=np.float64)
    if len(flow) != n_arcs:
        flow = np.zeros(n_arcs)
    flow = np.clip(flow, 0.0, None)
    # whole persons in, whole persons out: HiGHS's vertex is integral up to its tolerance
    whole = np.all(np.abs(weights - np.round(weights)) < 1e-9) and \
        np.all(~limited | (np.abs(capacities - np.round(capacities)) < 1e-9))
    if whole:
        rounded = np.round(flow)
        per_site = np.bincount(arc_site, weights=rounded, minlength=n_sites)
        if np.all(np.bincount(arc_group, weights=rounded, minlength=n_groups) <= gw + 1e-9) and \
                np.all(per_site[limited] <= capacities[limited] + 1e-9):
            flow = rounded
    assigned = np.bincount(arc_site, weights=flow, minlength=n_sites)
    per_group = np.bincount(arc_group, weights=flow, minlength=n_groups)
    cell_assigned = np.zeros(n_cells)
    member = group >= 0
    share = np.divide(per_group, gw, out=np.zeros(n_groups), where=gw > 0)
    cell_assigned[member] = weights[member] * share[group[member]]
    return CapacityAssignment(assigned, cell_assigned, float(flow.sum()), reachable,
                              status == highspy.HighsModelStatus.kOptimal, text)
