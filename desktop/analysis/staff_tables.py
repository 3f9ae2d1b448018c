"""Personnel tables: FTEs, head counts and wages by professional group, cost centre or service (and by
traffic-light level), with the wages of small groups suppressed.

Privacy: the wages of a group of fewer than `privacy.min_group` (5) employees would show what one or two
persons earn, so such a group's head count is written "<5" and its wages and wages per FTE are hidden
(None), like the person counts of the traffic-light tables, and **secondary suppression** follows
(desktop.analysis.disclosure): a table's total (and, for a table by two dimensions, each row's and
column's total) minus the shown wages never gives one hidden group's wages; such a complement's head
count is written "..". Where the export has no head count, the FTEs stand in for it (a group of 4.5 FTEs
has at least 5 persons only if some work part-time: hiding it is the safe side).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.analysis import privacy

STAFF_MEASURES = ("fte", "employees", "wages_eur", "wages_per_fte")
STAFF_HIDDEN = ("wages_eur", "wages_per_fte")  # hidden with a small group's head count (FTEs stay shown)


def group_size(table: pd.DataFrame) -> np.ndarray:
    """Employees per row; the FTEs where the head count is unknown."""
    employees = pd.to_numeric(table.get("employees"), errors="coerce") if "employees" in table else None
    fte = pd.to_numeric(table["fte"], errors="coerce").to_numpy(dtype=float)
    if employees is None:
        return fte
    heads = employees.to_numpy(dtype=float)
    return np.where(np.isnan(heads) | (heads <= 0), fte, heads)


def shown_staff_groups(frame: pd.DataFrame, by: str, within: tuple[str, str], min_group: int = privacy.MIN_GROUP,
                       years=None) -> pd.DataFrame:
    """Personnel rows (allocated or imported) of `years` (all when None) by `by` for display or export,
    largest FTE first, with a last row `total_label()` holding the totals; rows without a professional
    group are left out. Suppressed over the whole table `within` (two dimensions, `by` one of them) of
    which this is a margin (`personnel_table`): "<N" / ".." employees, no wages."""
    if years is not None:
        frame = frame[frame["year"].isin(list(years))]
    frame = frame[frame["professional_group"].fillna("").astype(str) != ""]
    shown = personnel_table(frame, (by,), min_group, within)
    rows = shown.rows.sort_values("fte", ascending=False, kind="stable").reset_index(drop=True)
    return pd.concat([rows, pd.DataFrame([{by: total_label(), **shown.total}])], ignore_index=True)


def total_label() -> str:
    from desktop.core.lang import t

    return t("Yhteensä", "Total")


@dataclass
class PersonnelTable:
    """A personnel table by one or two dimensions as it may be shown: `rows` (one per group or cell),
    `margins` (two dimensions: per dimension, its groups' totals over the other one) and `total`.
    Hidden groups: employees "<N" (small) or ".." (complement), wages and wages per FTE None."""

    by: tuple[str, ...]
    rows: pd.DataFrame
    margins: dict[str, pd.DataFrame]
    total: dict


def personnel_table(staff: pd.DataFrame, by: tuple[str, ...], min_group: int = privacy.MIN_GROUP,
                    within: tuple[str, ...] | None = None) -> PersonnelTable:
    """Staff rows (fte, wages_eur, employees and the `by` columns) summed by `by` (one or two of
    cost_centre, professional_group, service), with primary and complementary suppression over every
    line of the table: the groups with the total; for two dimensions each row's cells with the row's
    total, each column's cells with the column's total, and either dimension's totals with the total.

    `within`: the two-dimensional table the suppression runs over when `by` is one of its dimensions
    (e.g. professional groups within cost centre x professional group), so that the one-dimensional
    tables of the same rows hide alike: a cost centre of one small group is hidden in both."""
    from desktop.analysis.disclosure import Suppression, hide_rows, lines_by, suppress

    by = tuple(by)
    if within is not None and len(by) == 1 and len(within) == 2 and by[0] in within:
        whole = personnel_table(staff, tuple(within), min_group)
        return PersonnelTable(by, whole.margins[by[0]], {}, whole.total)
    frame = staff.assign(_size=group_size(staff), **{d: staff[d].fillna("").astype(str) for d in by})
    measures = ["fte", "employees", "wages_eur", "_size"]
    cells = _grouped(frame, list(by), measures)
    margins = {d: _grouped(frame, [d], measures) for d in by} if len(by) == 2 else {}
    total = _grouped(frame.assign(_all=""), ["_all"], measures).drop(columns="_all")
    parts = [cells, *margins.values(), total]
    sizes = np.concatenate([p["_size"].to_numpy(dtype=float) for p in parts])
    starts = np.cumsum([0, *(len(p) for p in parts)])
    grand = int(starts[-1]) - 1
    is_total = np.ones(len(sizes), dtype=bool)
    is_total[: len(cells)] = False
    lines = [np.append(np.arange(len(cells)), grand)] if len(by) == 1 else []
    for k in range(len(margins)):
        other = by[1 - k]
        at = {str(v): int(starts[1 + by.index(other)]) + i for i, v in enumerate(margins[other][other])}
        for line in lines_by(cells, [other]):
            lines.append(np.append(line, at[str(cells[other].iat[int(line[0])])]))
        lines.append(np.append(np.arange(starts[1 + k], starts[2 + k]), grand))
    supp = suppress(sizes, lines, min_group, is_total)

    def shown(part: pd.DataFrame, i: int) -> pd.DataFrame:
        sel = slice(int(starts[i]), int(starts[i + 1]))
        return hide_rows(part.drop(columns="_size"), Suppression(supp.primary[sel], supp.hidden[sel]), min_group,
                         ("employees",), STAFF_HIDDEN)

    total_shown = shown(total, len(parts) - 1).iloc[0].to_dict() if len(total) else {
        "fte": 0.0, "employees": 0, "wages_eur": 0.0, "wages_per_fte": None}
    return PersonnelTable(by, shown(cells, 0), {d: shown(m, 1 + k) for k, (d, m) in enumerate(margins.items())},
                          total_shown)


def _grouped(frame: pd.DataFrame, keys: list[str], measures: list[str]) -> pd.DataFrame:
    out = frame.groupby(keys, as_index=False, sort=True)[measures].sum()
    out = out[(out["fte"] > 0) | (out["_size"] > 0)].reset_index(drop=True)
    out["employees"] = out["employees"].where(out["employees"] > 0)  # not known (the FTEs stood in for it)
    fte, wages = out["fte"].to_numpy(dtype=float), out["wages_eur"].to_numpy(dtype=float)
    out["wages_per_fte"] = np.where((wages > 0) & (fte > 0), wages / np.where(fte > 0, fte, 1), np.nan)
    return out


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
