"""Personnel tables: FTEs, head counts and wages by professional group (and by service or traffic-light
level), with the wages of small groups suppressed.

Privacy: the wages of a group of fewer than `privacy.MIN_GROUP` (5) employees would show what one or two
persons earn, so such a group's head count is written "<5" and its wages and wages per FTE are hidden
(None), like the person counts of the traffic-light tables. Where the export has no head count, the FTEs
stand in for it (a group of 4.5 FTEs has at least 5 persons only if some work part-time: hiding it is the
safe side).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis import privacy

STAFF_MEASURES = ("fte", "employees", "wages_eur", "wages_per_fte")


def group_size(table: pd.DataFrame) -> np.ndarray:
    """Employees per row; the FTEs where the head count is unknown."""
    employees = pd.to_numeric(table.get("employees"), errors="coerce") if "employees" in table else None
    fte = pd.to_numeric(table["fte"], errors="coerce").to_numpy(dtype=float)
    if employees is None:
        return fte
    heads = employees.to_numpy(dtype=float)
    return np.where(np.isnan(heads) | (heads <= 0), fte, heads)


def suppress_small_staff_groups(table: pd.DataFrame) -> pd.DataFrame:
    """A copy for display or export: rows of 1..4 employees get employees "<5" and no wages (None)."""
    out = table.copy()
    size = group_size(out)
    small = (size > 0) & (size < privacy.MIN_GROUP)
    if not small.any():
        return out
    for col in ("employees", "wages_eur", "wages_per_fte"):
        if col in out:
            out[col] = out[col].astype(object)
            out.loc[small, col] = privacy.SUPPRESSED if col == "employees" else None
    return out


def staff_by(services: pd.DataFrame, by: str = "professional_group", years=None) -> pd.DataFrame:
    """Allocated personnel (desktop.analysis.allocation.Allocation.services) summed by `by`
    ('professional_group' or 'service') over `years` (all when None): fte, employees, wages_eur,
    wages_per_fte; largest FTE first; NOT suppressed (see `suppress_small_staff_groups`)."""
    frame = services if years is None else services[services["year"].isin(list(years))]
    frame = frame[frame["professional_group"] != ""] if by == "professional_group" else frame
    grouped = frame.groupby(by, as_index=False, sort=False)[["fte", "employees", "wages_eur"]].sum()
    grouped = grouped[grouped["fte"] > 0]
    grouped["wages_per_fte"] = np.where(grouped["wages_eur"] > 0, grouped["wages_eur"] / grouped["fte"], np.nan)
    return grouped.sort_values("fte", ascending=False).reset_index(drop=True)


def staff_by_level(services: pd.DataFrame, level_shares: pd.DataFrame, years=None) -> pd.DataFrame:
    """FTEs of each professional group in green / yellow / red / unclassified services.

    `services`: Allocation.services with service *names* in `service`; `level_shares`: year, service, level,
    share (each service's event euros split by level in a year; its events when it has no euros). Columns:
    professional_group, green, yellow, red, unclassified, fte (the group's allocated FTEs that reached
    events), share_green, share_yellow, share_red, share_unclassified."""
    levels = ("green", "yellow", "red", "unclassified")
    frame = services if years is None else services[services["year"].isin(list(years))]
    frame = frame[(frame["professional_group"] != "") & (frame["fte"] > 0)]
    merged = frame.merge(level_shares, on=["year", "service"], how="inner")
    merged["part"] = merged["fte"] * merged["share"]
    table = merged.pivot_table(index="professional_group", columns="level", values="part", aggfunc="sum",
                               fill_value=0.0, observed=False)
    for level in levels:
        if level not in table:
            table[level] = 0.0
    table = table[list(levels)]
    table["fte"] = table.sum(axis=1)
    for level in levels:
        table[f"share_{level}"] = np.where(table["fte"] > 0, table[level] / table["fte"].where(table["fte"] > 0, 1), 0.0)
    return table.sort_values("fte", ascending=False).reset_index()
