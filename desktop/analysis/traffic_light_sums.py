"""The traffic-light sums, vectorised over the events: contacts, distinct clients, units and euros
per group key (`np.bincount`; distinct persons in a (groups x persons) boolean table), the per-event
arrays kept per events frame, and the segment cut (persons in several segments count in each):
through membership patterns for one year, or one pass per segment."""

from __future__ import annotations

import weakref
from collections.abc import Mapping

import numpy as np
import pandas as pd

from desktop.analysis.event_columns import distinct_years, event_years, person_codes
from desktop.analysis.segment_years import segment_parts
from desktop.analysis.segments import Membership
from desktop.analysis.traffic_light_cuts import LEVEL_ORDER, RESOURCE_SUMS, _level_codes

_DENSE_LIMIT = 60_000_000  # groups x persons booleans; above this distinct persons go through np.unique


def _distinct_persons(key: np.ndarray, persons: np.ndarray, n_groups: int, n_persons: int) -> np.ndarray:
    """Distinct persons per group key (0..n_groups-1)."""
    if len(key) == 0:
        return np.zeros(n_groups, dtype=np.int64)
    if n_groups * n_persons <= _DENSE_LIMIT:
        seen = np.zeros((n_groups, n_persons), dtype=bool)
        seen[key, persons] = True  # two index arrays: no (group, person) array of the events is built
        return np.count_nonzero(seen, axis=1)
    key = key.astype(np.int64, copy=False)  # level codes come as int8: key * n_persons must not wrap
    pairs = np.unique(key * n_persons + persons)
    return np.bincount(pairs // n_persons, minlength=n_groups)


def _aggregate(key: np.ndarray, persons: np.ndarray, cost: np.ndarray, units: np.ndarray,
               n_groups: int, n_persons: int, extra: Mapping[str, np.ndarray] | None = None,
               weighted: bool = True) -> dict[str, np.ndarray]:
    """Contacts, distinct clients, units and euros (and `extra`) per group key; `weighted` False: units
    and euros left zero (a table read for its clients only)."""
    out = {
        "contacts": np.bincount(key, minlength=n_groups),
        "clients": _distinct_persons(key, persons, n_groups, n_persons),
        "units": np.bincount(key, weights=units, minlength=n_groups) if weighted else np.zeros(n_groups),
        "cost_eur": np.bincount(key, weights=cost, minlength=n_groups) if weighted else np.zeros(n_groups),
    }
    for name, values in (extra or {}).items():  # FTEs and ledger euros spread over the events
        out[name] = np.bincount(key, weights=values, minlength=n_groups)
    return out


_EVENT_ARRAYS: dict[int, dict] = {}


def _event_arrays(events: pd.DataFrame) -> dict:
    """Per-event arrays every table needs (person codes, years, level codes, finite euros and units),
    built once per events frame and kept while the frame lives (a redraw after a filter change
    then only selects and sums). Treat the frame as read-only, as classified_events says."""
    key = id(events)
    cached = _EVENT_ARRAYS.get(key)
    if cached is not None and cached["n"] == len(events):
        return cached
    n = len(events)
    arrays = {
        "n": n,
        "persons": person_codes(events),
        "years": event_years(events),
        "level": _level_codes(events, None),
        "cost": _finite(events["cost_eur"].to_numpy()) if "cost_eur" in events else np.zeros(n),
        "units": _finite(events["units"].to_numpy()) if "units" in events else np.ones(n),
        "extra": {c: _finite(events[c].to_numpy()) for c in RESOURCE_SUMS if c in events},
    }
    arrays["present"] = distinct_years(arrays["years"])
    _EVENT_ARRAYS[key] = arrays
    weakref.finalize(events, _EVENT_ARRAYS.pop, key, None)
    return arrays


def _finite(values: np.ndarray) -> np.ndarray:
    values = values.astype(np.float64, copy=False)
    return np.where(np.isnan(values), 0.0, values) if np.isnan(values).any() else values


_PATTERN_TABLE_LIMIT = 4_000_000  # membership patterns x groups cells of the pattern table


def _membership_patterns(masks: np.ndarray | None, n_segments: int, n_persons: int, n_groups: int):
    """Per person the id of its membership pattern (which segments it is in), and the (segments x
    patterns) matrix saying which segment each pattern belongs to. Few patterns exist (the default
    nine segments give at most 512), so sums by pattern and group are small."""
    if masks is None or n_segments == 0:
        return np.zeros(n_persons, dtype=np.int64), np.zeros((n_segments, 1), dtype=bool)
    if n_segments <= 62:
        dtype = np.int16 if n_segments <= 14 else np.int32 if n_segments <= 30 else np.int64
        bits = np.zeros(n_persons, dtype=dtype)
        for s in range(n_segments):
            bits |= masks[s].view(np.uint8).astype(dtype) << dtype(s)
        if (1 << n_segments) * n_groups <= _PATTERN_TABLE_LIMIT:
            ids = np.arange(1 << n_segments, dtype=np.int64)
            return bits, ((ids[None, :] >> np.arange(n_segments)[:, None]) & 1).astype(bool)
        values, pattern = np.unique(bits, return_inverse=True)
        values = values.astype(np.int64)
        return pattern.astype(np.int64, copy=False), ((values[None, :] >> np.arange(n_segments)[:, None]) & 1).astype(bool)
    values, pattern = np.unique(masks.T, axis=0, return_inverse=True)
    return pattern.reshape(-1).astype(np.int64, copy=False), values.T.copy()


def _distinct_cells(cells: np.ndarray, size: int) -> np.ndarray:
    """The distinct values of `cells` (0..size-1), ascending."""
    if size <= _DENSE_LIMIT:
        seen = np.zeros(size, dtype=bool)
        seen[cells] = True
        return np.flatnonzero(seen)
    return np.unique(cells)


def _segment_parts_by_patterns(m: Membership, year: int, key, persons, cost, units, n_groups: int,
                               n_persons: int, extra: Mapping[str, np.ndarray] | None = None, weighted: bool = True):
    """The segment cut of one year through membership patterns: persons with the same set of
    segments are summed together (contacts, euros, units, and distinct (person, group) cells for
    clients) into a small (patterns x groups) table, and each segment's figures are the sum of its
    patterns. Same figures as one pass per segment (`_segment_parts_by_loop`), without touching a
    (persons x groups) table for each segment. `weighted` False: units and euros left zero (clients only)."""
    n_levels = len(LEVEL_ORDER)
    n_combos = n_groups // n_levels
    n_segments = len(m.segments)
    pattern, in_segment = _membership_patterns(m.masks.get(year), n_segments, n_persons, n_groups)
    n_patterns = in_segment.shape[1]
    if n_patterns <= 1 << 15:  # a small array gathers faster (fewer cache misses)
        pattern = pattern.astype(np.int16)
    size = n_patterns * n_groups
    pat_key = pattern.take(persons).astype(np.int32 if size < 1 << 31 else np.int64)  # in place from here
    pat_key *= n_groups
    pat_key += key
    contacts = np.bincount(pat_key, minlength=size).reshape(n_patterns, n_groups)
    if weighted:
        euros = np.bincount(pat_key, weights=cost, minlength=size).reshape(n_patterns, n_groups)
        amount = np.bincount(pat_key, weights=units, minlength=size).reshape(n_patterns, n_groups)
    else:
        euros = amount = np.zeros((n_patterns, n_groups))
    extras = {name: np.bincount(pat_key, weights=values, minlength=size).reshape(n_patterns, n_groups)
              for name, values in (extra or {}).items()}
    # distinct persons: each (person, group) cell once, then counted by the person's pattern
    shift = max(n_groups - 1, 1).bit_length()  # (person, group) cell = person << shift | group: no division
    cells = persons << shift
    cells |= key
    cells = _distinct_cells(cells, n_persons << shift)
    cell_person, cell_group = cells >> shift, cells & ((1 << shift) - 1)
    cell_pattern = pattern.take(cell_person).astype(np.int64)
    clients = np.bincount(cell_pattern * n_groups + cell_group, minlength=size).reshape(n_patterns, n_groups)
    if n_combos == 1:
        combo_cells = _distinct_cells(persons, n_persons)
        combo_clients = np.bincount(pattern.take(combo_cells), minlength=n_patterns).reshape(n_patterns, 1)
    else:
        combo_shift = max(n_combos - 1, 1).bit_length()
        combo_cells = _distinct_cells((persons << combo_shift) | (key // n_levels), n_persons << combo_shift)
        combo_person, combo = combo_cells >> combo_shift, combo_cells & ((1 << combo_shift) - 1)
        combo_clients = np.bincount(pattern.take(combo_person).astype(np.int64) * n_combos + combo,
                                    minlength=n_patterns * n_combos).reshape(n_patterns, n_combos)
    member_f = in_segment.astype(np.float64)
    seg_contacts = _counts_product(member_f, contacts)
    seg_clients = _counts_product(member_f, clients)
    seg_cost = member_f @ euros if weighted else np.zeros((n_segments, n_groups))
    seg_units = member_f @ amount if weighted else np.zeros((n_segments, n_groups))
    seg_combo_clients = _counts_product(member_f, combo_clients)
    seg_extra = {name: member_f @ table for name, table in extras.items()}
    parts = segment_parts(m.segments, n_levels, seg_contacts, seg_clients, seg_units, seg_cost, seg_combo_clients,
                          seg_extra)
    # the selection's totals by level (every person once per level)
    level_shift = (n_levels - 1).bit_length()
    level_cells = cells if n_combos == 1 else _distinct_cells((cell_person << level_shift) | (cell_group % n_levels),
                                                              n_persons << level_shift)
    by_level = {
        "contacts": contacts.reshape(-1, n_levels).sum(axis=0),
        "clients": np.bincount(level_cells & ((1 << level_shift) - 1), minlength=n_levels),
        "units": amount.reshape(-1, n_levels).sum(axis=0),
        "cost_eur": euros.reshape(-1, n_levels).sum(axis=0),
    }
    for name, table in extras.items():
        by_level[name] = table.reshape(-1, n_levels).sum(axis=0)
    n_clients = len(combo_cells) if n_combos == 1 else (1 + np.count_nonzero(np.diff(combo_person)) if len(combo_person) else 0)
    return parts, by_level, int(n_clients)


def _counts_product(member: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """`member @ counts` of integer counts, through the floating-point product (numpy multiplies integer
    matrices without BLAS, several times slower): exact while a sum stays below 2**53."""
    return (member @ counts.astype(np.float64)).astype(np.int64)


def _segment_parts_by_loop(m: Membership, years, sel_years, key, persons, cost, units, n_groups: int,
                           n_persons: int, extra: Mapping[str, np.ndarray] | None = None) -> list:
    """The segment cut over several years (membership differs by year): one pass per segment."""
    n_levels = len(LEVEL_ORDER)
    per_year = {y: np.flatnonzero(sel_years == y) for y in years} if len(years) > 1 else None
    parts = []
    for s, segment in enumerate(m.segments):
        if per_year is None:
            member = m.masks[years[0]][s].take(persons) if years[0] in m.masks else np.zeros(len(persons), bool)
        else:
            member = np.zeros(len(persons), dtype=bool)
            for y, idx in per_year.items():
                if y in m.masks:
                    member[idx] = m.masks[y][s].take(persons.take(idx))
        k, p, c, u = key.compress(member), persons.compress(member), cost.compress(member), units.compress(member)
        x = {name: values.compress(member) for name, values in (extra or {}).items()}
        parts.append((segment, _aggregate(k, p, c, u, n_groups, n_persons, x),
                      _aggregate(k // n_levels, p, c, u, n_groups // n_levels, n_persons, x)))
    return parts
