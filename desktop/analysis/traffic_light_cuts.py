"""The ways the traffic-light figures are cut: the dimensions (segment, life-cycle group, AURA class,
service, structure, producer, municipality, sex, age band, year), the levels, the age bands; each
dimension as integer codes of the selected events; filters as event masks; and the code combinations
behind a selection (the drill-down)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.analysis.disclosure import RESOURCE_FIGURES
from desktop.analysis.event_columns import category_mask, codes_and_categories, event_years, person_codes
from desktop.analysis.segments import Membership
from desktop.core.errors import UserError
from desktop.core.lang import t

DIMENSIONS = ("segment", "life_stage", "aura", "service", "structure", "producer", "municipality", "sex",
              "age_band", "year")
LEVEL_ORDER = ("green", "yellow", "red", "unclassified")
MEASURES = ("contacts", "clients", "units", "cost_eur", "eur_per_resident", "eur_per_client")
#: per-event resource columns (desktop.services.resources) summed like euros when the events have them
RESOURCE_SUMS = ("fte", "ledger_eur")
#: the measures they add to rows and totals: FTEs, ledger euros, contacts per FTE, ledger euros per contact
RESOURCE_MEASURES = RESOURCE_FIGURES  # FTEs, ledger euros and their ratios (one list: analysis.disclosure)
LIFE_STAGE_AGES = {"children": (0, 17), "working_age": (18, 64), "elderly": (65, 200)}
AGE_BANDS = ((0, 6), (7, 12), (13, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74),
             (75, 84), (85, 200))
UNCLASSIFIED = "unclassified"
UNKNOWN = "unknown"


def age_band_label(band: tuple[int, int]) -> str:
    return f"{band[0]}+" if band[1] >= 200 else f"{band[0]}-{band[1]}"


AGE_BAND_LABELS = tuple(age_band_label(b) for b in AGE_BANDS)
_AGE_BAND_BY_LABEL = dict(zip(AGE_BAND_LABELS, AGE_BANDS, strict=True))


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
