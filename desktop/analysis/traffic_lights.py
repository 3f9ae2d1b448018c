"""The traffic-light figures: contacts, clients, units, euros, €/resident and €/client by level,
cut by segment, life-cycle group, AURA class, service, structure, producer, municipality, sex, age
band and year, for a year or a range of years, with filters.

Clients are distinct persons: counted once within each group (row) and once in each total, also when
a person is in several segments or used several levels. €/resident divides the group's euros by the
residents of the group's population base (its year(s), municipality, sex, age band or life-cycle
group, segment age limits and the filters), taken from the imported population.

Everything is vectorised over the events: group keys are mixed-radix integers of category codes;
sums are `np.bincount`; distinct persons are marked in a (groups x persons) boolean table.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop.analysis import segment_years
from desktop.analysis.segments import (
    Membership,
    category_mask,
    codes_and_categories,
    distinct_years,
    event_years,
    person_codes,
)
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import PopulationBase, Segment

DIMENSIONS = ("segment", "life_stage", "aura", "service", "structure", "producer", "municipality", "sex",
              "age_band", "year")
LEVEL_ORDER = ("green", "yellow", "red", "unclassified")
MEASURES = ("contacts", "clients", "units", "cost_eur", "eur_per_resident", "eur_per_client")
#: per-event resource columns (desktop.services.resources) summed like euros when the events have them
RESOURCE_SUMS = ("fte", "ledger_eur")
#: the measures they add to rows and totals: FTEs, ledger euros, contacts per FTE, ledger euros per contact
RESOURCE_MEASURES = ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")
LIFE_STAGE_AGES = {"children": (0, 17), "working_age": (18, 64), "elderly": (65, 200)}
AGE_BANDS = ((0, 6), (7, 12), (13, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74),
             (75, 84), (85, 200))
UNCLASSIFIED = "unclassified"
UNKNOWN = "unknown"
_DENSE_LIMIT = 60_000_000  # groups x persons booleans; above this distinct persons go through np.unique


def age_band_label(band: tuple[int, int]) -> str:
    return f"{band[0]}+" if band[1] >= 200 else f"{band[0]}-{band[1]}"


AGE_BAND_LABELS = tuple(age_band_label(b) for b in AGE_BANDS)
_AGE_BAND_BY_LABEL = dict(zip(AGE_BAND_LABELS, AGE_BANDS, strict=True))


@dataclass
class TrafficLightResult:
    """Rows (one per group and level), totals of the selection, and what was asked."""

    rows: pd.DataFrame
    totals: dict
    level_totals: pd.DataFrame
    by: tuple[str, ...]
    years: list[int]
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: one row per combination of the `by` dimensions over all levels (clients: distinct persons)
    group_totals: pd.DataFrame | None = None
    #: the project's smallest group shown as a figure (desktop.analysis.privacy.min_group)
    min_group: int = 5


# ------------------------------------------------------------------------------ population index
class PopulationIndex:
    """The population split by year as numpy arrays, for many quick `residents` look-ups."""

    def __init__(self, population: pd.DataFrame | None):
        self.by_year: dict[int, tuple] = {}
        self._memo: dict = {}
        if population is None or len(population) == 0:
            return
        for year, part in population.groupby("year"):
            self.by_year[int(year)] = (
                part["municipality"].astype(str).to_numpy(),
                part["age_from"].to_numpy(dtype=np.int64),
                part["age_to"].to_numpy(dtype=np.int64),
                part["sex"].fillna("").astype(str).to_numpy(),
                part["count"].to_numpy(dtype=float),
            )

    def __bool__(self) -> bool:
        return bool(self.by_year)

    def residents(self, years: Sequence[int], base: PopulationBase) -> float:
        """Residents summed over `years` (resident-years) in the base; NaN if a year has no population."""
        key = (tuple(years), base)
        if key in self._memo:
            return self._memo[key]
        total = 0.0
        for year in years:
            arrays = self.by_year.get(int(year))
            if arrays is None:
                total = float("nan")
                break
            munis, a_from, a_to, sex, count = arrays
            if base.sex == "-" or base.age_from > base.age_to:
                continue
            overlap = np.clip(np.minimum(a_to, base.age_to) - np.maximum(a_from, base.age_from) + 1, 0, None)
            weight = overlap / np.maximum(a_to - a_from + 1, 1)
            if base.sex:
                weight = weight * np.where(sex == base.sex, 1.0, np.where(sex == "", 0.5, 0.0))
            if base.municipalities:
                weight = weight * np.isin(munis, list(base.municipalities))
            total += float((count * weight).sum())
        self._memo[key] = total
        return total


# ------------------------------------------------------------------------------ dimension codes
@dataclass
class _Dim:
    name: str
    codes: np.ndarray  # per selected event, 0..len(labels)-1
    labels: list


def _level_codes(events: pd.DataFrame, sel) -> np.ndarray:
    """Per selected event 0 green, 1 yellow, 2 red, 3 unclassified (also for a missing level)."""
    if "level" not in events.columns:
        n = len(events) if sel is None else len(sel)
        return np.full(n, 3, dtype=np.int8)
    codes, cats = codes_and_categories(events["level"])
    lut = np.array([LEVEL_ORDER.index(c) if c in LEVEL_ORDER else 3 for c in cats] + [3], dtype=np.int8)
    out = lut[codes]
    return out if sel is None else out[sel]


def _categorical_dim(events: pd.DataFrame, name: str, sel, missing: str) -> _Dim:
    codes, cats = codes_and_categories(events[name])
    codes = codes if sel is None else codes[sel]
    used = np.bincount(codes + 1, minlength=len(cats) + 1) > 0  # slot 0 = missing
    keep = [i for i in range(len(cats)) if used[i + 1]]
    remap = np.full(len(cats) + 1, -1, dtype=np.int64)
    labels = [cats[i] for i in keep]
    order = sorted(range(len(labels)), key=lambda j: labels[j])
    if name == "structure":
        rank = {"avo": 0, "asumis": 1, "laitos": 2}
        order = sorted(range(len(labels)), key=lambda j: (rank.get(labels[j], 9), labels[j]))
    if name == "life_stage":
        rank = {"children": 0, "working_age": 1, "elderly": 2}
        order = sorted(range(len(labels)), key=lambda j: (rank.get(labels[j], 9), labels[j]))
    labels = [labels[j] for j in order]
    for new, j in enumerate(order):
        remap[keep[j]] = new
    if used[0]:
        remap[-1] = len(labels)
        labels.append(missing)
    return _Dim(name, remap[codes], labels)


def _age_band_dim(events: pd.DataFrame, sel) -> _Dim:
    age = events["age"].to_numpy().astype(np.int64)
    age = age if sel is None else age[sel]
    edges = np.array([b[0] for b in AGE_BANDS[1:]])
    codes = np.searchsorted(edges, age, side="right")
    unknown = age < 0
    labels = list(AGE_BAND_LABELS)
    if unknown.any():
        codes = np.where(unknown, len(labels), codes)
        labels.append(UNKNOWN)
    return _Dim("age_band", codes, labels)


def _year_dim(years_sel: np.ndarray, years: list[int]) -> _Dim:
    codes = np.searchsorted(np.array(years), years_sel)
    return _Dim("year", codes.astype(np.int64), list(years))


def _year_mask(ev_years: np.ndarray, years: Sequence[int]) -> np.ndarray:
    """Event mask of `years` (a few equality tests beat np.isin on millions of events)."""
    if len(years) > 4:
        return np.isin(ev_years, years)
    mask = ev_years == years[0]
    for y in years[1:]:
        mask |= ev_years == y
    return mask


def _filter_mask(events: pd.DataFrame, dim: str, values: Sequence[str], ev_years: np.ndarray,
                 persons: np.ndarray, m: Membership | None) -> np.ndarray:
    values = [str(v) for v in values]
    if dim == "segment":
        if m is None:
            raise UserError(t("Segmenttirajaus vaatii segmentit.", "A segment filter needs the segments."))
        rows = []
        for v in values:
            if v not in m.names:
                raise UserError(t(f"Segmenttiä '{v}' ei ole.", f"No segment '{v}'."), [", ".join(m.names)])
            rows.append(m.names.index(v))
        mask = np.zeros(len(events), dtype=bool)
        for year in m.years:
            in_year = ev_years == year
            member = m.masks[year][rows].any(axis=0)
            mask |= in_year & member[persons]
        return mask
    if dim == "year":
        return _year_mask(ev_years, [int(v) for v in values])
    if dim == "age_band":
        age = events["age"].to_numpy().astype(np.int64)
        mask = np.zeros(len(events), dtype=bool)
        for v in values:
            if v not in _AGE_BAND_BY_LABEL:
                raise UserError(t(f"Ikäryhmä '{v}' on tuntematon.", f"Unknown age band '{v}'."),
                                [", ".join(AGE_BAND_LABELS)])
            lo, hi = _AGE_BAND_BY_LABEL[v]
            mask |= (age >= lo) & (age <= hi)
        return mask
    if dim == "level":
        codes = _level_codes(events, None)
        return np.isin(codes, [LEVEL_ORDER.index(v) for v in values if v in LEVEL_ORDER])
    if dim not in events.columns:
        raise UserError(t(f"Rajausta '{dim}' ei voi käyttää: tapahtumista puuttuu sarake.",
                          f"Cannot filter by '{dim}': the events have no such column."))
    codes, cats = codes_and_categories(events[dim])
    wanted = set(values)
    mask = category_mask(codes, cats, wanted)
    if UNCLASSIFIED in wanted or UNKNOWN in wanted:
        mask |= codes < 0
    return mask


def filter_base(filters: Mapping[str, Sequence[str]], m: Membership | None) -> PopulationBase:
    """The population base the filters imply (area, sex, ages, a single segment's limits). Several age
    groups that are not next to each other (0-6 and 65-74) have no single base: see `filter_bases`."""
    bases = filter_bases(filters, m)
    if len(bases) == 1:
        return bases[0]
    return PopulationBase(min(b.age_from for b in bases), max(b.age_to for b in bases), bases[0].sex,
                          bases[0].municipalities)


def _age_runs(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Age spans joined where they meet or overlap: [(0, 6), (7, 12), (65, 74)] -> [(0, 12), (65, 74)]."""
    runs: list[list[int]] = []
    for lo, hi in sorted(spans):
        if runs and lo <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], hi)
        else:
            runs.append([lo, hi])
    return [(lo, hi) for lo, hi in runs]


def filter_bases(filters: Mapping[str, Sequence[str]], m: Membership | None) -> list[PopulationBase]:
    """The residents the filters select as bases that do not overlap (one per run of adjacent age
    groups): their residents add up to the selection's residents."""
    base = PopulationBase()
    runs: list[tuple[int, int]] | None = None
    for dim, values in filters.items():
        values = [str(v) for v in values]
        if dim == "municipality":
            base = base.narrowed(PopulationBase(municipalities=tuple(values)))
        elif dim == "sex" and len(values) == 1:
            base = base.narrowed(PopulationBase(sex=values[0]))
        elif dim in ("age_band", "life_stage"):
            spans = [(_AGE_BAND_BY_LABEL.get(v) if dim == "age_band" else LIFE_STAGE_AGES.get(v)) for v in values]
            spans = [s for s in spans if s]
            if spans:
                found = _age_runs(spans)
                if runs is None:
                    runs = found
                else:  # two age filters: the ages in both
                    runs = _age_runs([(max(a, c), min(b, d)) for a, b in runs for c, d in found if max(a, c) <= min(b, d)])
                    runs = runs or [(1, 0)]  # nobody
        elif dim == "segment" and m is not None and len(values) == 1 and values[0] in m.names:
            base = base.narrowed(m.segments[m.names.index(values[0])].base)
    if runs is None:
        return [base]
    return [base.narrowed(PopulationBase(lo, hi)) for lo, hi in runs]


def selection_residents(population: PopulationIndex, years: Sequence[int], bases: Sequence[PopulationBase],
                        narrowed_by: PopulationBase | None = None) -> float:
    """Residents (resident-years over `years`) of the selection's `bases` (see `filter_bases`), each
    narrowed by a row's own base."""
    total = 0.0
    for base in bases:
        total += population.residents(years, base.narrowed(narrowed_by) if narrowed_by is not None else base)
    return total


def _row_base(dim: str, label, segment: Segment | None) -> PopulationBase:
    if dim == "municipality" and label not in (UNKNOWN,):
        return PopulationBase(municipalities=(str(label),))
    if dim == "sex" and label in ("1", "2"):
        return PopulationBase(sex=str(label))
    if dim == "age_band" and label in _AGE_BAND_BY_LABEL:
        lo, hi = _AGE_BAND_BY_LABEL[label]
        return PopulationBase(lo, hi)
    if dim == "life_stage" and label in LIFE_STAGE_AGES:
        lo, hi = LIFE_STAGE_AGES[label]
        return PopulationBase(lo, hi)
    if dim == "segment" and segment is not None:
        return segment.base
    return PopulationBase()


# ------------------------------------------------------------------------------ the table
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
               n_groups: int, n_persons: int, extra: Mapping[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    out = {
        "contacts": np.bincount(key, minlength=n_groups),
        "clients": _distinct_persons(key, persons, n_groups, n_persons),
        "units": np.bincount(key, weights=units, minlength=n_groups),
        "cost_eur": np.bincount(key, weights=cost, minlength=n_groups),
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
                               n_persons: int, extra: Mapping[str, np.ndarray] | None = None):
    """The segment cut of one year through membership patterns: persons with the same set of
    segments are summed together (contacts, euros, units, and distinct (person, group) cells for
    clients) into a small (patterns x groups) table, and each segment's figures are the sum of its
    patterns. Same figures as one pass per segment (`_segment_parts_by_loop`), without touching a
    (persons x groups) table for each segment."""
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
    euros = np.bincount(pat_key, weights=cost, minlength=size).reshape(n_patterns, n_groups)
    amount = np.bincount(pat_key, weights=units, minlength=size).reshape(n_patterns, n_groups)
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
    member = in_segment.astype(np.int64)
    member_f = in_segment.astype(np.float64)
    seg_contacts = member @ contacts
    seg_clients = member @ clients
    seg_cost = member_f @ euros
    seg_units = member_f @ amount
    seg_combo_clients = member @ combo_clients
    seg_extra = {name: member_f @ table for name, table in extras.items()}
    parts = []
    for s, segment in enumerate(m.segments):
        agg = {"contacts": seg_contacts[s], "clients": seg_clients[s], "units": seg_units[s], "cost_eur": seg_cost[s]}
        gagg = {"contacts": seg_contacts[s].reshape(-1, n_levels).sum(axis=1), "clients": seg_combo_clients[s],
                "units": seg_units[s].reshape(-1, n_levels).sum(axis=1),
                "cost_eur": seg_cost[s].reshape(-1, n_levels).sum(axis=1)}
        for name, table in seg_extra.items():
            agg[name] = table[s]
            gagg[name] = table[s].reshape(-1, n_levels).sum(axis=1)
        parts.append((segment, agg, gagg))
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


def traffic_light_table(
    events: pd.DataFrame,
    by: Sequence[str] = ("segment",),
    years: Sequence[int] | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    membership: Membership | None = None,
    population: pd.DataFrame | PopulationIndex | None = None,
) -> TrafficLightResult:
    """The figures by level for each combination of the `by` dimensions.

    `events`: classified events; `years`: the years to include (default: the latest year of the
    events); `filters`: {dimension: accepted values} (values of one dimension OR-ed, dimensions
    AND-ed; also 'level'); `membership`: segment membership (needed for the 'segment' dimension or
    filter); `population`: residents for €/resident (NaN where no population is known).
    Rows with no events are left out. Euros in euros, units as recorded (visits, care days, hours).
    """
    by = tuple(by)
    for dim in by:
        if dim not in DIMENSIONS:
            raise UserError(t(f"Tuntematon jaottelu '{dim}'.", f"Unknown dimension '{dim}'."), [", ".join(DIMENSIONS)])
    if len(set(by)) != len(by):
        raise UserError(t("Sama jaottelu on annettu kahdesti.", "The same dimension was given twice."))
    filters = {k: tuple(v) for k, v in (filters or {}).items() if v}
    for dim in filters:
        if dim not in DIMENSIONS and dim != "level":
            raise UserError(t(f"Tuntematon rajaus '{dim}'.", f"Unknown filter '{dim}'."), [", ".join(DIMENSIONS)])
    pop = population if isinstance(population, PopulationIndex) else PopulationIndex(population)
    arrays = _event_arrays(events)
    ev_years = arrays["years"]
    present = arrays["present"]
    if years is None:
        years = present[-1:]
    years = sorted(int(y) for y in years)
    if "segment" in by and membership is None:
        raise UserError(t("Segmenttijaottelu vaatii segmentit.", "The segment dimension needs the segments."))
    if membership is not None:
        missing = [y for y in years if y in present and y not in membership.masks]
        if missing and ("segment" in by or "segment" in filters):
            raise UserError(t(f"Segmenttejä ei ole laskettu vuodelle {missing[0]}.", f"No segments for {missing[0]}."))

    persons_all = arrays["persons"]
    n_persons = membership.n_persons if membership is not None else int(persons_all.max() + 1 if len(persons_all) else 0)
    mask = None if years == present else _year_mask(ev_years, years)
    for dim, values in filters.items():
        fm = _filter_mask(events, dim, values, ev_years, persons_all, membership)
        mask = fm if mask is None else (mask & fm)
    sel = None if mask is None else np.flatnonzero(mask)

    def take(a: np.ndarray) -> np.ndarray:
        return a if sel is None else a.take(sel)

    persons = take(persons_all)
    sel_years = take(ev_years) if (len(years) > 1 or "year" in by) else None  # one year: not needed
    cost = take(arrays["cost"])
    units = take(arrays["units"])
    level = take(arrays["level"])
    extra = {name: take(values) for name, values in arrays["extra"].items()}

    dims: list[_Dim] = []
    for dim in by:
        if dim == "segment":
            continue
        if dim == "age_band":
            dims.append(_age_band_dim(events, sel))
        elif dim == "year":
            dims.append(_year_dim(sel_years, years))
        else:
            if dim not in events.columns:
                raise UserError(t(f"Tapahtumista puuttuu sarake {dim}.", f"The events have no column {dim}."))
            missing = UNCLASSIFIED if dim in ("service", "aura", "structure", "life_stage") else UNKNOWN
            dims.append(_categorical_dim(events, dim, sel, missing))

    sizes = [len(d.labels) for d in dims] + [len(LEVEL_ORDER)]
    n_groups = int(np.prod(sizes))
    n_levels = len(LEVEL_ORDER)
    n_combos = n_groups // n_levels
    key = np.zeros(len(persons), dtype=np.int32 if n_groups < 1 << 31 else np.int64)
    for d in dims:  # in place: fewer fresh arrays of millions of events
        key *= len(d.labels)
        key += d.codes
    key *= n_levels
    key += level

    # one aggregate per part: the whole selection, or each segment (its members' events)
    parts: list[tuple[Segment | None, dict, dict]] = []
    lev_agg, clients_total = None, None
    if "segment" in by:
        assert membership is not None
        if len(years) == 1:
            parts, lev_agg, clients_total = _segment_parts_by_patterns(
                membership, years[0], key, persons, cost, units, n_groups, n_persons, extra)
        elif segment_years.fits(len(membership.segments), n_groups, n_persons):
            # several years by membership patterns (FTEs and ledger euros summed like the euros)
            parts, lev_agg, clients_total = segment_years.segment_parts_over_years(
                membership.masks, membership.segments, years, sel_years, key, level, persons, cost, units,
                n_groups, len(LEVEL_ORDER), n_persons, extra)
        else:
            parts = _segment_parts_by_loop(membership, years, sel_years, key, persons, cost, units, n_groups,
                                           n_persons, extra)
    else:
        parts.append((None, _aggregate(key, persons, cost, units, n_groups, n_persons, extra),
                      _aggregate(key // n_levels, persons, cost, units, n_combos, n_persons, extra)))

    frames = []
    group_frames = []
    for segment, agg, gagg in parts:
        gnz = np.flatnonzero(gagg["contacts"])
        gframe = pd.DataFrame({k: v[gnz] for k, v in gagg.items()})
        grest = gnz.copy()
        glabels = {}
        for d in reversed(dims):
            glabels[d.name] = np.asarray(d.labels, dtype=object)[grest % len(d.labels)]
            grest //= len(d.labels)
        ghead = pd.DataFrame({dim: (np.full(len(gnz), segment.name if segment else "", dtype=object)
                                    if dim == "segment" else glabels[dim]) for dim in by})
        group_frames.append(pd.concat([ghead, gframe], axis=1))
        nonzero = np.flatnonzero(agg["contacts"])
        frame = pd.DataFrame({k: v[nonzero] for k, v in agg.items()})
        rest = nonzero.copy()
        frame_level = rest % n_levels
        rest //= n_levels
        labels_cols = {}
        for d in reversed(dims):
            labels_cols[d.name] = np.asarray(d.labels, dtype=object)[rest % len(d.labels)]
            rest //= len(d.labels)
        ordered: dict[str, object] = {}
        for dim in by:
            if dim == "segment":
                ordered["segment"] = np.full(len(nonzero), segment.name if segment else "", dtype=object)
            else:
                ordered[dim] = labels_cols[dim]
        ordered["level"] = np.asarray(LEVEL_ORDER, dtype=object)[frame_level]
        head = pd.DataFrame(ordered)
        frame = pd.concat([head, frame], axis=1)
        frame["_segment"] = [segment] * len(frame) if segment is not None else None
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    selection_bases = filter_bases(filters, membership)

    # €/resident: the row's base from its own dimensions, narrowed by the filters
    eur_per_resident = np.full(len(rows), np.nan)
    if pop and len(rows):
        dim_cols = [d for d in by]
        for i, rec in enumerate(rows[dim_cols + ["_segment"]].itertuples(index=False)):
            base = PopulationBase()
            row_years = years
            for dim, label in zip(dim_cols, rec[:-1], strict=True):
                if dim == "year":
                    row_years = [int(label)]
                else:
                    base = base.narrowed(_row_base(dim, label, rec[-1]))
            res = selection_residents(pop, row_years, selection_bases, base)
            if res and res == res:
                eur_per_resident[i] = rows["cost_eur"].iat[i] / res
    if len(rows):
        rows["eur_per_resident"] = eur_per_resident
        rows["eur_per_client"] = np.where(rows["clients"] > 0, rows["cost_eur"] / rows["clients"].where(rows["clients"] > 0, 1), np.nan)
        rows = rows.drop(columns=["_segment"])
        rows["contacts"] = rows["contacts"].astype(np.int64)
        rows["clients"] = rows["clients"].astype(np.int64)
        _resource_ratios(rows)
    else:
        rows = pd.DataFrame(columns=list(by) + ["level", *MEASURES] + (list(RESOURCE_MEASURES) if extra else []))
    if group_frames:
        for frame in group_frames:
            _resource_ratios(frame)

    # totals of the selection: every person once
    if lev_agg is None:
        lev_agg = _aggregate(level, persons, cost, units, len(LEVEL_ORDER), n_persons, extra)
    total_res = selection_residents(pop, years, selection_bases) if pop else float("nan")
    level_totals = pd.DataFrame({"level": list(LEVEL_ORDER), **lev_agg})
    level_totals["eur_per_resident"] = level_totals["cost_eur"] / total_res if total_res and total_res == total_res else np.nan
    level_totals["eur_per_client"] = np.where(level_totals["clients"] > 0,
                                              level_totals["cost_eur"] / level_totals["clients"].clip(lower=1), np.nan)
    _resource_ratios(level_totals)
    if clients_total is None:
        clients_total = int(_distinct_cells(persons, max(n_persons, 1)).size) if len(persons) else 0
    cost_total = float(cost.sum())
    totals = {
        "contacts": int(len(persons)),
        "clients": clients_total,
        "units": float(units.sum()),
        "cost_eur": cost_total,
        "residents": None if not (total_res and total_res == total_res) else float(total_res),
        "eur_per_resident": (cost_total / total_res) if total_res and total_res == total_res else None,
        "eur_per_client": (cost_total / clients_total) if clients_total else None,
    }
    for name, values in extra.items():
        totals[name] = float(values.sum())
    if "fte" in extra:
        totals["contacts_per_fte"] = totals["contacts"] / totals["fte"] if totals["fte"] > 0 else None
    if "ledger_eur" in extra:
        totals["eur_per_contact"] = totals["ledger_eur"] / totals["contacts"] if totals["contacts"] else None
    group_totals = pd.concat(group_frames, ignore_index=True) if group_frames else None
    return TrafficLightResult(rows, totals, level_totals, by, years, dict(filters), group_totals)


def _resource_ratios(frame: pd.DataFrame) -> None:
    """Contacts per FTE and ledger euros per contact of each row that has the sums (NaN without a base)."""
    if "fte" in frame:
        fte = frame["fte"].to_numpy(dtype=float)
        frame["contacts_per_fte"] = np.where(fte > 0, frame["contacts"].to_numpy(dtype=float) / np.where(fte > 0, fte, 1),
                                             np.nan)
    if "ledger_eur" in frame:
        contacts = frame["contacts"].to_numpy(dtype=float)
        frame["eur_per_contact"] = np.where(contacts > 0, frame["ledger_eur"].to_numpy(dtype=float)
                                            / np.where(contacts > 0, contacts, 1), np.nan)


# ------------------------------------------------------------------------------ derived views
def level_shares(result: TrafficLightResult, measure: str = "cost_eur", dim: str | None = None) -> pd.DataFrame:
    """Per value of `dim` (default: the first dimension): the measure per level, its share of the
    row's total (0..1) and the row total. Columns: dim, green, yellow, red, unclassified,
    share_green, ..., total."""
    rows = result.rows
    dim = dim or (result.by[0] if result.by else None)
    if dim is None:
        frame = result.level_totals.set_index("level")[[measure]].T
        frame.index = [""]
    else:
        frame = rows.pivot_table(index=dim, columns="level", values=measure, aggfunc="sum", sort=False, observed=False)
    for level in LEVEL_ORDER:
        if level not in frame.columns:
            frame[level] = 0.0
    frame = frame[list(LEVEL_ORDER)].fillna(0.0).astype(float)
    total = frame.sum(axis=1)
    for level in LEVEL_ORDER:
        frame[f"share_{level}"] = np.where(total > 0, frame[level] / total.where(total > 0, 1), 0.0)
    frame["total"] = total
    frame.index.name = dim or "all"
    return frame.reset_index()


@dataclass(frozen=True)
class Target:
    """A target share: e.g. green share of euros for children and youth at least 40 % in 2027."""

    segment: str
    year: int
    level: str
    measure: str  # 'contacts', 'clients' or 'cost_eur'
    share: float  # 0..1
    at_least: bool = True
    id: int | None = None


def target_status(target: Target, shares: pd.DataFrame, dim: str = "segment") -> dict:
    """{'actual': share or None, 'status': 'met' | 'not_met' | 'no_data'} for a target against
    `level_shares(...)` of the target's year and measure."""
    row = shares[shares[dim] == target.segment]
    if row.empty or float(row["total"].iloc[0]) == 0:
        return {"actual": None, "status": "no_data"}
    actual = float(row[f"share_{target.level}"].iloc[0])
    met = actual >= target.share if target.at_least else actual <= target.share
    return {"actual": actual, "status": "met" if met else "not_met"}


def selection_mask(events: pd.DataFrame, years: Sequence[int], filters: Mapping[str, Sequence[str]] | None = None,
                   membership: Membership | None = None) -> np.ndarray:
    """Event mask of the years and filters (the same selection `traffic_light_table` uses)."""
    ev_years = event_years(events)
    mask = _year_mask(ev_years, list(years)) if len(years) else np.zeros(len(ev_years), dtype=bool)
    persons = person_codes(events)
    for dim, values in (filters or {}).items():
        if values:
            mask &= _filter_mask(events, dim, values, ev_years, persons, membership)
    return mask


DRILL_COLUMNS = ("service_code", "service_form", "visit_nature", "professional_group", "reasons")


def code_combinations(events: pd.DataFrame, years: Sequence[int], filters: Mapping[str, Sequence[str]] | None = None,
                      membership: Membership | None = None, top: int = 25) -> pd.DataFrame:
    """The aggregated code combinations behind a selection (e.g. one service of one segment): per
    distinct (service code, service form, visit nature, professional group, reasons) the contacts,
    distinct clients and euros, largest first. Never single persons: suppress before showing."""
    mask = selection_mask(events, years, filters, membership)
    cols = [c for c in DRILL_COLUMNS if c in events.columns]
    sub = events.loc[mask, cols + ["person_id", "cost_eur"]]
    if sub.empty:
        return pd.DataFrame(columns=[*cols, "contacts", "clients", "cost_eur"])
    keys = {c: sub[c].astype(object).where(sub[c].notna(), "") for c in cols}
    frame = pd.DataFrame({**keys, "person_id": sub["person_id"].to_numpy(), "cost_eur": sub["cost_eur"].to_numpy()})
    out = frame.groupby(cols, sort=False).agg(contacts=("cost_eur", "size"), clients=("person_id", "nunique"),
                                              cost_eur=("cost_eur", "sum")).reset_index()
    return out.sort_values(["contacts", "cost_eur"], ascending=False).head(top).reset_index(drop=True)
