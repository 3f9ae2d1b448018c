"""Secondary suppression: no hidden cell can be computed back from the totals shown beside it.

Primary suppression (desktop.analysis.privacy) hides every group of 1..N-1 persons. That alone does
not hold: when a row shows its total, total − the other cells of the row gives the hidden cell's
euros, contacts and persons exactly. This module chooses *complementary cell suppression* (rather
than rounding the totals, which would leave every euro figure inexact and still narrow a hidden cell
to the rounding interval): in every *line* of a table — the cells of a row with the row's total,
the cells of a column with the column's total, the row totals with the grand total — either nothing
is hidden or at least two entries are. When a line has exactly one hidden entry, its smallest other
non-empty entry (cells before totals, fewest persons first) is hidden too, and this is repeated
until every line holds. A subtraction along any one line then gives at most the sum of two or more
hidden cells, never one of them.

Hidden by the first rule: the count is written "<N"; hidden by the second: "..". Every other
figure of a hidden entry (contacts, units, euros, per-resident and per-client euros, shares) is
hidden with it. Lines are drawn conservatively: for tables cut by several dimensions, the lines
along every dimension count, also where their total is shown only on another page or chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

SECONDARY = ".."


@dataclass
class Suppression:
    """Per entry: hidden because it is a small group (`primary`), or hidden (`hidden`: primary or
    complementary)."""

    primary: np.ndarray
    hidden: np.ndarray

    @property
    def secondary(self) -> np.ndarray:
        return self.hidden & ~self.primary


def suppress(persons: np.ndarray, lines: Iterable[np.ndarray], min_group: int,
             is_total: np.ndarray | None = None, unshown: np.ndarray | None = None) -> Suppression:
    """Primary and complementary suppression of entries with person counts `persons`.

    `lines`: arrays of entry indices that add up (cells and the total they sum to, or cells whose
    total is shown elsewhere); `is_total` marks totals (hidden as complements only when a line has
    no other candidate); `unshown` marks entries that are never shown (a part of a line the reader
    does not see: it counts as hidden there when it holds anyone; the caller does not show it)."""
    persons = np.asarray(persons, dtype=float)
    persons = np.where(np.isnan(persons), 0.0, persons)
    primary = (persons > 0) & (persons < min_group)
    hidden = primary.copy()
    unknown = np.zeros(len(persons), dtype=bool) if unshown is None else np.asarray(unshown, dtype=bool) & (persons > 0)
    hidden |= unknown
    total_rank = np.zeros(len(persons)) if is_total is None else np.asarray(is_total, dtype=float)
    lines = [np.asarray(line, dtype=np.int64) for line in lines if len(line) > 1]
    changed = bool(hidden.any()) and bool(lines)
    if changed:
        counts, blocked, lines_of = _line_counts(lines, hidden, unknown)
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if counts[i] != 1 or blocked[i]:
                continue  # none hidden, two or more, or the one is never shown: nothing to give away
            open_ = line[~hidden[line] & (persons[line] > 0)]
            if not len(open_):
                continue  # the hidden entry is the only non-empty one: its total is the same group, hidden too
            order = np.lexsort((open_, persons[open_], total_rank[open_]))
            entry = int(open_[order[0]])
            hidden[entry] = True
            for j in lines_of(entry):
                counts[j] += 1
            changed = True
    return Suppression(primary & ~unknown, hidden & ~unknown)


def _line_counts(lines: list[np.ndarray], hidden: np.ndarray, unknown: np.ndarray):
    """Per line its hidden entries (`hidden[line].sum()`, a list kept up to date by the caller), whether it
    holds an entry never shown (`unknown[line].any()`), and the lines holding an entry (once per place it
    holds it): the suppression loop then tests each line with two list look-ups instead of array sums."""
    flat = np.concatenate(lines)
    line_of = np.repeat(np.arange(len(lines)), [len(line) for line in lines])
    counts = np.bincount(line_of, weights=hidden[flat], minlength=len(lines)).astype(np.int64).tolist()
    blocked = (np.bincount(line_of, weights=unknown[flat], minlength=len(lines)) > 0).tolist()
    order = np.argsort(flat, kind="stable")
    by_entry, owners = flat[order], line_of[order]

    def lines_of(entry: int) -> list[int]:
        lo, hi = np.searchsorted(by_entry, [entry, entry + 1])
        return owners[lo:hi].tolist()

    return counts, blocked, lines_of


class _TextCodes:
    """A frame's columns as text (`astype(str)`) and their factorized codes, each made once for the
    several lines drawn along them."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._text: dict[str, np.ndarray] = {}
        self._codes: dict[str, np.ndarray] = {}

    def text(self, column: str) -> np.ndarray:
        if column not in self._text:
            self._text[column] = self.frame[column].astype(str).to_numpy()
        return self._text[column]

    def codes(self, column: str) -> np.ndarray:
        if column not in self._codes:
            self._codes[column] = pd.factorize(self.text(column))[0]
        return self._codes[column]


def lines_by(frame: pd.DataFrame, keys: Sequence[str], offset: int = 0,
             columns: _TextCodes | None = None) -> list[np.ndarray]:
    """Entry indices (`offset` + row position) of each group of `frame`'s rows sharing `keys`
    (`columns`: the frame's text codes, when several lines are drawn on it)."""
    if not len(frame):
        return []
    if not keys:
        return [offset + np.arange(len(frame))]
    columns = columns or _TextCodes(frame)
    codes = [columns.codes(k) for k in keys]
    key = np.zeros(len(frame), dtype=np.int64)
    for c in codes:
        key = key * (int(c.max()) + 1) + c
    order = np.argsort(key, kind="stable")
    bounds = (np.flatnonzero(np.diff(key[order])) + 1).tolist()
    order += offset
    return [order[a:b] for a, b in zip([0, *bounds], [*bounds, len(order)], strict=True)]  # np.split's parts


def hide_rows(table: pd.DataFrame, supp: Suppression, min_group: int, person_columns: Sequence[str],
              hidden_columns: Sequence[str]) -> pd.DataFrame:
    """A copy of `table` (one row per entry) as shown: counts of hidden rows become "<N" or "..",
    the other figures of hidden rows None."""
    out = table.copy()
    if not supp.hidden.any():
        return out
    primary, secondary, hidden = supp.primary, supp.secondary, supp.hidden
    for col in dict.fromkeys([*person_columns, *hidden_columns]):  # each column once, as objects
        if col not in out.columns:
            continue
        values = out[col].astype(object).to_numpy(copy=True)
        if col in person_columns:
            values[primary] = f"<{min_group}"
            values[secondary] = SECONDARY
        if col in hidden_columns:
            values[hidden] = None
        out[col] = pd.Series(values, index=out.index, dtype=object, copy=False)
    return out


def one_dimension(table: pd.DataFrame, min_group: int, persons: str = "clients",
                  total_persons: float | None = None) -> Suppression:
    """Suppression of a one-dimensional table (one row per group) whose groups add up to a total
    (shown or not: conservative). `total_persons`: the total's own count (an extra entry at the end
    of the masks is dropped again)."""
    counts = pd.to_numeric(table[persons], errors="coerce").to_numpy(dtype=float)
    total = float(np.nansum(counts)) if total_persons is None else float(total_persons)
    entries = np.append(counts, total)
    is_total = np.zeros(len(entries), dtype=bool)
    is_total[-1] = True
    supp = suppress(entries, [np.arange(len(entries))], min_group, is_total)
    return Suppression(supp.primary[:-1], supp.hidden[:-1])


# ------------------------------------------------------------------------------ traffic-light tables
@dataclass
class TrafficLightSuppression:
    """What is hidden in a traffic-light result: its rows (group x level), group totals (over the
    levels), level totals (over the groups) and the grand total."""

    rows: Suppression
    groups: Suppression | None
    levels: Suppression
    total_hidden: bool
    total_primary: bool


def traffic_light_suppression(result, min_group: int) -> TrafficLightSuppression:
    """Suppression of a `TrafficLightResult` with every margin it can be shown with: each group's
    levels and its total, each level over the groups (and along every dimension of a multi-way
    cut) and its total, the group totals and the level totals with the grand total."""
    rows = result.rows
    groups = result.group_totals
    levels = result.level_totals
    dims = list(result.by)
    n_rows = len(rows)
    n_groups = 0 if groups is None else len(groups)
    level_at = n_rows + n_groups
    grand = level_at + len(levels)
    persons = np.concatenate([
        pd.to_numeric(rows["clients"], errors="coerce").to_numpy(dtype=float) if n_rows else np.empty(0),
        groups["clients"].to_numpy(dtype=float) if n_groups else np.empty(0),
        levels["clients"].to_numpy(dtype=float),
        [float(result.totals.get("clients") or 0)],
    ])
    is_total = np.zeros(len(persons), dtype=bool)
    is_total[n_rows:] = True
    lines: list[np.ndarray] = []
    group_index: dict[tuple, int] = {}
    row_text, group_text = _TextCodes(rows), _TextCodes(groups) if n_groups else None
    if group_text is not None:
        keys = zip(*(group_text.text(d) for d in dims), strict=True) if dims else [()] * n_groups
        group_index = {key: n_rows + i for i, key in enumerate(keys)}
    for line in lines_by(rows, dims, columns=row_text):
        first = int(line[0])
        key = tuple(row_text.text(d)[first] for d in dims)
        extra = [group_index[key]] if key in group_index else []
        lines.append(np.concatenate([line, extra]).astype(np.int64))
    level_index = {str(lv): level_at + i for i, lv in enumerate(levels["level"])}
    for line in lines_by(rows, ["level"], columns=row_text):
        lines.append(np.append(line, level_index[str(rows["level"].iat[int(line[0])])]))
    if len(dims) > 1:  # along each dimension, the others and the level fixed (their totals show elsewhere)
        for d in dims:
            others = [o for o in dims if o != d]
            lines += lines_by(rows, [*others, "level"], columns=row_text)
            if group_text is not None:
                lines += lines_by(groups, others, offset=n_rows, columns=group_text)
    if n_groups:
        lines.append(np.append(np.arange(n_rows, n_rows + n_groups), grand))
    lines.append(np.arange(level_at, grand + 1))
    supp = suppress(persons, lines, min_group, is_total)

    def part(start: int, stop: int) -> Suppression:
        return Suppression(supp.primary[start:stop], supp.hidden[start:stop])

    return TrafficLightSuppression(
        rows=part(0, n_rows),
        groups=part(n_rows, level_at) if n_groups else None,
        levels=part(level_at, grand),
        total_hidden=bool(supp.hidden[grand]),
        total_primary=bool(supp.primary[grand]),
    )


RESOURCE_FIGURES = ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")


def service_cells_hidden(events: pd.DataFrame, by: Sequence[str], years, filters, membership,
                         min_group: int) -> pd.DataFrame:
    """The (*by, level) keys of the rows of the cut `by` that hold a cell hidden (small or complement) in
    the same cut refined by service (same years and filters). A row's FTEs and ledger euros are the sums
    over its services of each service's cell euros times the service's public books/euros ratio: beside
    its euros they are a second, differently weighted sum, and two hidden service cells are solved from
    the two. So they are shown only when none of the row's service cells is hidden."""
    from desktop.analysis.traffic_lights import traffic_light_table

    keys = [*by, "level"]
    # without the population: what is hidden depends on the clients only (no €/resident computed)
    refined = traffic_light_table(events, (*by, "service") if "service" not in by else tuple(by), years, filters,
                                  membership, clients_only=True)
    hidden = np.flatnonzero(traffic_light_suppression(refined, min_group).rows.hidden)
    # the hidden rows' keys as text, each once in the order first met (as .astype(str).drop_duplicates())
    text = [refined.rows[k].astype(str).to_numpy()[hidden] for k in keys]
    found = list(dict.fromkeys(zip(*text, strict=True)))
    return pd.DataFrame({k: np.array([key[i] for key in found], dtype=object) for i, k in enumerate(keys)}).astype(str)


@dataclass
class ResourceHidden:
    """Which figures of a traffic-light result show no allocated resource figures (FTEs, ledger euros
    and their ratios): `rows`, `groups`, `levels` (boolean masks) and `total`."""

    rows: np.ndarray
    groups: np.ndarray | None
    levels: np.ndarray
    total: bool


def resource_totals_hidden(result, supp: TrafficLightSuppression) -> ResourceHidden:
    """The FTEs and ledger euros of a row, group total, level total or grand total are hidden when it
    holds a hidden row or a hidden service cell (`result.service_cells_hidden`): with its euros they
    would solve the hidden cells (service_cells_hidden). Unfiltered, the level totals and the grand total
    are whole services' books (no person's euros in them): shown. Filtered they are the selection's part:
    hidden like the rest. The group and level totals' lines then hold two or more such totals whenever
    they hold one (the grand total sums every hidden row)."""
    rows = result.rows
    dims = list(result.by)
    cells = result.service_cells_hidden
    if callable(cells):  # computed on first use (desktop.services.traffic_lights.TrafficLightData.table)
        cells = result.service_cells_hidden = cells()
    with_cell = set() if cells is None else {tuple(k) for k in cells.itertuples(index=False, name=None)}
    row_keys = list(zip(*(rows[k].astype(str).to_numpy() for k in [*dims, "level"]), strict=True)) if len(rows) else []
    row_mask = np.array([k in with_cell for k in row_keys], dtype=bool) | supp.rows.hidden
    filtered = bool(result.filters)
    groups = None
    if result.group_totals is not None and len(result.group_totals):
        with_hidden = {k[:len(dims)] for k, h in zip(row_keys, row_mask, strict=True) if h}
        keys = result.group_totals[dims].astype(str).itertuples(index=False, name=None)
        groups = np.array([tuple(k) in with_hidden for k in keys], dtype=bool) | supp.groups.hidden
    if filtered:
        hidden_levels = {k[-1] for k, h in zip(row_keys, row_mask, strict=True) if h}
        levels = result.level_totals["level"].astype(str).isin(hidden_levels).to_numpy() | supp.levels.hidden
        total = bool(row_mask.any()) or supp.total_hidden
    else:
        levels, total = supp.levels.hidden.copy(), supp.total_hidden
    return ResourceHidden(row_mask, groups, levels, total)


def segments_with_hidden_cells(m, year: int, n: int) -> np.ndarray:
    """Per segment: its FTEs and ledger euros are not shown because a cell of its traffic-light row
    (segment x level, `year`, no filters) is hidden. A segment's cells lie in services of different
    levels, each with a public books/euros ratio, so its resource totals beside its euros would be a
    second sum over the hidden cells and solve two of them (`resource_totals_hidden`: the traffic-light
    group totals are hidden alike). `m`: a desktop.analysis.segments.Membership."""
    from desktop.analysis.traffic_lights import traffic_light_table

    if year not in m.years or not len(m.names):
        return np.zeros(len(m.names), dtype=bool)
    events = m.year_events[year].events
    result = traffic_light_table(events, ("segment",), [year], {}, m)
    hidden = traffic_light_suppression(result, n).rows.hidden
    names = set(result.rows.loc[hidden, "segment"].astype(str))
    names |= set(service_cells_hidden(events, ("segment",), [year], {}, m, n)["segment"])
    return np.array([name in names for name in m.names], dtype=bool)


def without_resources(record: dict) -> dict:
    """A JSON record with its resource figures None."""
    return {k: (None if k in RESOURCE_FIGURES else v) for k, v in record.items()}


def hide_resources(table: pd.DataFrame, mask: np.ndarray | None) -> pd.DataFrame:
    """`table` with the resource figures of the rows of `mask` None (in place; returned)."""
    if mask is None or not mask.any():
        return table
    for col in RESOURCE_FIGURES:
        if col in table.columns:
            table[col] = table[col].astype(object)
            table.loc[mask, col] = None
    return table
