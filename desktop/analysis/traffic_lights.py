"""The traffic-light figures: contacts, clients, units, euros, €/resident and €/client by level,
cut by segment, life-cycle group, AURA class, service, structure, producer, municipality, sex, age
band and year, for a year or a range of years, with filters.

Clients are distinct persons: counted once within each group (row) and once in each total, also when
a person is in several segments or used several levels. €/resident divides the group's euros by the
residents of the group's population base (its year(s), municipality, sex, age band or life-cycle
group, segment age limits and the filters), taken from the imported population.

Everything is vectorised over the events: group keys are mixed-radix integers of category codes;
sums are `np.bincount`; distinct persons are marked in a (groups x persons) boolean table.

The code is split by what it holds: traffic_light_cuts (dimensions, levels, age bands, filters, the
drill-down), traffic_light_residents (the residents behind €/resident), traffic_light_sums (the
vectorised sums and the segment cut) and traffic_light_targets (level shares and targets). This module
computes the table and keeps the names callers import from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from desktop.analysis import segment_years
from desktop.analysis.segments import Membership
from desktop.analysis.traffic_light_cuts import (
    AGE_BAND_LABELS,
    DIMENSIONS,
    LEVEL_ORDER,
    MEASURES,
    RESOURCE_MEASURES,
    UNCLASSIFIED,
    UNKNOWN,
    _age_band_dim,
    _categorical_dim,
    _Dim,
    _filter_mask,
    _year_dim,
    _year_mask,
    code_combinations,
    selection_mask,
)
from desktop.analysis.traffic_light_residents import (
    PopulationIndex,
    _row_base,
    filter_bases,
    selection_residents,
)
from desktop.analysis.traffic_light_sums import (
    _aggregate,
    _distinct_cells,
    _event_arrays,
    _segment_parts_by_loop,
    _segment_parts_by_patterns,
)
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import PopulationBase, Segment

if TYPE_CHECKING:  # loaded when first asked for (`__getattr__`)
    from desktop.analysis.traffic_light_targets import Target, level_shares, target_status

#: the names callers import from here (the parts above hold them; the targets' when first asked for: `__getattr__`)
__all__ = [
    "AGE_BAND_LABELS", "DIMENSIONS", "LEVEL_ORDER", "MEASURES", "RESOURCE_MEASURES", "PopulationIndex", "Target",
    "TrafficLightResult", "code_combinations", "filter_bases", "level_shares", "selection_mask",
    "selection_residents", "target_status", "traffic_light_table",
]


def __getattr__(name: str):
    """Target, level_shares and target_status (desktop.analysis.traffic_light_targets), loaded when first
    asked for: a report of a project without targets never needs them."""
    if name in ("Target", "level_shares", "target_status"):
        from desktop.analysis import traffic_light_targets

        return getattr(traffic_light_targets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    #: the (*by, level) keys of rows holding a service cell hidden in the cut refined by service (set
    #: when the events carry FTEs / ledger euros: desktop.analysis.disclosure.service_cells_hidden; or a
    #: function giving them, called on first use)
    service_cells_hidden: pd.DataFrame | Callable[[], pd.DataFrame] | None = None


def traffic_light_table(
    events: pd.DataFrame,
    by: Sequence[str] = ("segment",),
    years: Sequence[int] | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    membership: Membership | None = None,
    population: pd.DataFrame | PopulationIndex | None = None,
    clients_only: bool = False,
) -> TrafficLightResult:
    """The figures by level for each combination of the `by` dimensions.

    `events`: classified events; `years`: the years to include (default: the latest year of the
    events); `filters`: {dimension: accepted values} (values of one dimension OR-ed, dimensions
    AND-ed; also 'level'); `membership`: segment membership (needed for the 'segment' dimension or
    filter); `population`: residents for €/resident (NaN where no population is known).
    Rows with no events are left out. Euros in euros, units as recorded (visits, care days, hours).
    `clients_only`: a table read for its contacts and clients (what is hidden): without the FTEs and ledger
    euros, and, where one year is summed, with units and euros (of rows and levels) left zero.
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
    extra = {} if clients_only else {name: take(values) for name, values in arrays["extra"].items()}

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
                membership, years[0], key, persons, cost, units, n_groups, n_persons, extra,
                **({"weighted": False} if clients_only else {}))
        elif segment_years.fits(len(membership.segments), n_groups, n_persons):
            # several years by membership patterns (FTEs and ledger euros summed like the euros)
            parts, lev_agg, clients_total = segment_years.segment_parts_over_years(
                membership.masks, membership.segments, years, sel_years, key, level, persons, cost, units,
                n_groups, len(LEVEL_ORDER), n_persons, extra)
        else:
            parts = _segment_parts_by_loop(membership, years, sel_years, key, persons, cost, units, n_groups,
                                           n_persons, extra)
    else:
        parts.append((None, _aggregate(key, persons, cost, units, n_groups, n_persons, extra, not clients_only),
                      _aggregate(key // n_levels, persons, cost, units, n_combos, n_persons, extra, not clients_only)))

    # each part's columns gathered, then one frame (a frame per part and a concat cost more than the sums)
    row_cols: dict[str, list[np.ndarray]] = {}
    group_cols: dict[str, list[np.ndarray]] = {}
    owners: list[np.ndarray] = []
    for segment, agg, gagg in parts:
        seg_name = segment.name if segment else ""
        gnz = np.flatnonzero(gagg["contacts"])
        grest = gnz.copy()
        glabels = {}
        for d in reversed(dims):
            glabels[d.name] = np.asarray(d.labels, dtype=object)[grest % len(d.labels)]
            grest //= len(d.labels)
        for dim in by:
            _gather(group_cols, dim, np.full(len(gnz), seg_name, dtype=object) if dim == "segment" else glabels[dim])
        for k, v in gagg.items():
            _gather(group_cols, k, v[gnz])
        nonzero = np.flatnonzero(agg["contacts"])
        rest = nonzero.copy()
        frame_level = rest % n_levels
        rest //= n_levels
        labels_cols = {}
        for d in reversed(dims):
            labels_cols[d.name] = np.asarray(d.labels, dtype=object)[rest % len(d.labels)]
            rest //= len(d.labels)
        for dim in by:
            _gather(row_cols, dim, np.full(len(nonzero), seg_name, dtype=object) if dim == "segment"
                    else labels_cols[dim])
        _gather(row_cols, "level", np.asarray(LEVEL_ORDER, dtype=object)[frame_level])
        for k, v in agg.items():
            _gather(row_cols, k, v[nonzero])
        owner = np.empty(len(nonzero), dtype=object)  # the row's Segment (its population base), None without
        owner.fill(segment)
        owners.append(owner)
    row_columns = _joined_columns(row_cols) if parts else {}
    n_rows = len(next(iter(row_columns.values()))) if row_columns else 0
    selection_bases = filter_bases(filters, membership)

    # €/resident: the row's base from its own dimensions, narrowed by the filters
    eur_per_resident = np.full(n_rows, np.nan)
    if pop and n_rows:
        dim_cols = [d for d in by]
        row_owner = np.concatenate(owners) if len(owners) > 1 else owners[0]
        row_cost = row_columns["cost_eur"]
        for i, rec in enumerate(zip(*(row_columns[d] for d in dim_cols), row_owner, strict=True)):
            base = PopulationBase()
            row_years = years
            for dim, label in zip(dim_cols, rec[:-1], strict=True):
                if dim == "year":
                    row_years = [int(label)]
                else:
                    base = base.narrowed(_row_base(dim, label, rec[-1]))
            res = selection_residents(pop, row_years, selection_bases, base)
            if res and res == res:
                eur_per_resident[i] = row_cost[i] / res
    if n_rows:
        clients = row_columns["clients"]
        row_columns["eur_per_resident"] = eur_per_resident
        row_columns["eur_per_client"] = np.where(clients > 0, row_columns["cost_eur"] / np.where(clients > 0, clients, 1),
                                                 np.nan)
        row_columns["contacts"] = row_columns["contacts"].astype(np.int64)
        row_columns["clients"] = clients.astype(np.int64)
        _resource_ratios(row_columns)
        rows = pd.DataFrame(row_columns)
    else:
        rows = pd.DataFrame(columns=list(by) + ["level", *MEASURES] + (list(RESOURCE_MEASURES) if extra else []))
    group_totals = None
    if parts:
        group_columns = _joined_columns(group_cols)
        _resource_ratios(group_columns)
        group_totals = pd.DataFrame(group_columns)

    # totals of the selection: every person once
    if lev_agg is None:
        lev_agg = _aggregate(level, persons, cost, units, len(LEVEL_ORDER), n_persons, extra, not clients_only)
    total_res = selection_residents(pop, years, selection_bases) if pop else float("nan")
    level_columns = {"level": list(LEVEL_ORDER), **lev_agg}
    level_cost, level_clients = np.asarray(lev_agg["cost_eur"]), np.asarray(lev_agg["clients"])
    level_columns["eur_per_resident"] = (level_cost / total_res if total_res and total_res == total_res
                                         else np.full(len(LEVEL_ORDER), np.nan))
    level_columns["eur_per_client"] = np.where(level_clients > 0, level_cost / np.maximum(level_clients, 1), np.nan)
    _resource_ratios(level_columns)
    level_totals = pd.DataFrame(level_columns)
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
    return TrafficLightResult(rows, totals, level_totals, by, years, dict(filters), group_totals)


def _gather(columns: dict[str, list[np.ndarray]], name: str, values: np.ndarray) -> None:
    columns.setdefault(name, []).append(values)


def _joined_columns(columns: dict[str, list[np.ndarray]]) -> dict[str, np.ndarray | pd.Series]:
    """The gathered parts' columns joined (in the order first gathered), with the dtypes that
    concatenating a frame per part gave: a label column is text (str) only when no part is empty
    (an empty part's labels were plain objects), else objects as they are (no text inferred)."""
    any_empty = any(not len(part) for part in next(iter(columns.values()), []))  # every column's parts: same lengths
    joined = {}
    for name, parts in columns.items():
        values = np.concatenate(parts) if len(parts) > 1 else parts[0]
        joined[name] = pd.Series(values, dtype=object, copy=False) if any_empty and values.dtype == object else values
    return joined


def _resource_ratios(columns: dict) -> None:
    """Contacts per FTE and ledger euros per contact of each row that has the sums (NaN without a base),
    added to a frame's `columns`."""
    if "fte" in columns:
        fte = np.asarray(columns["fte"], dtype=float)
        contacts = np.asarray(columns["contacts"], dtype=float)
        columns["contacts_per_fte"] = np.where(fte > 0, contacts / np.where(fte > 0, fte, 1), np.nan)
    if "ledger_eur" in columns:
        contacts = np.asarray(columns["contacts"], dtype=float)
        columns["eur_per_contact"] = np.where(contacts > 0, np.asarray(columns["ledger_eur"], dtype=float)
                                              / np.where(contacts > 0, contacts, 1), np.nan)
