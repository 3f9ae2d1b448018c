"""What of the segment figures may be shown: small segments, combinations and overlaps hidden with
their complements (desktop.analysis.disclosure), and the sizes, overlaps, combinations and
projection as the page, the report and the workshop show them."""

from __future__ import annotations

import pandas as pd

from desktop.analysis import privacy
from desktop.analysis.segments import Membership

# ------------------------------------------------------------------------------ what may be shown
RESOURCE_FIGURES = ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")
SIZE_FIGURES = ("events", "cost_eur", "per_1000", "share", "share_of_population", "change", *RESOURCE_FIGURES)


def size_columns(sizes: pd.DataFrame) -> list[str]:
    """The columns of the sizes table as shown (page, workshop report): the resource figures when the
    events carried them (FTEs, ledger euros, contacts per FTE, ledger euros per contact)."""
    return ["segment", "persons", "residents", "per_1000", "events", "cost_eur",
            *(c for c in RESOURCE_FIGURES if c in sizes.columns), "change"]


def segment_suppression(m: Membership, year: int, n: int, top: int = 15, memo: dict | None = None):
    """Small segments and combinations hidden, and their complements (desktop.analysis.disclosure):
    the segment sizes add up to the distinct persons shown as the total (conservatively: segments
    overlap), the largest exact combinations too, the combinations holding a segment add up to its
    size, and those holding two segments to their overlap (persons in both; the overlap matrix's
    diagonal is the size). Returns (segment sizes' Suppression, combinations' Suppression, the
    combinations); `overlap_suppression` gives the overlaps' too. `memo`: a dict kept by a caller that
    asks for the same year's several times (one report of `m`): each year computed once."""
    sizes, combos, _overlaps, inter = _suppression(m, year, n, top, memo)
    return sizes, combos, inter


def overlap_suppression(m: Membership, year: int, n: int, top: int = 15, memo: dict | None = None):
    """The Suppression of the overlaps of segments i < j (in the order of `np.triu_indices`)."""
    return _suppression(m, year, n, top, memo)[2]


def _suppression(m: Membership, year: int, n: int, top: int, memo: dict | None = None):
    if memo is None:
        return _suppressed(m, year, n, top)
    if (year, n, top) not in memo:
        memo[(year, n, top)] = _suppressed(m, year, n, top)
    return memo[(year, n, top)]


def _suppressed(m: Membership, year: int, n: int, top: int):
    import numpy as np

    from desktop.analysis.disclosure import Suppression, suppress

    sizes = m.masks[year].sum(axis=1).astype(float)
    inter = m.intersections(year, top)
    combos = np.array([c for _rows, c in inter], dtype=float)
    n_seg, n_combo = len(sizes), len(combos)
    total_at = n_seg + n_combo
    upper = np.triu_indices(n_seg, 1)
    overlaps = m.overlaps(year)[upper].astype(float)
    persons = np.concatenate([sizes, combos, [float(m.total_persons(year))], overlaps])
    is_total = np.zeros(len(persons), dtype=bool)
    is_total[total_at] = True
    lines = [np.append(np.arange(n_seg), total_at), np.append(np.arange(n_seg, total_at), total_at)]
    for i in range(n_seg):
        holding = [n_seg + k for k, (rows, _c) in enumerate(inter) if i in rows]
        lines.append(np.array([i, *holding]))
    for k, (i, j) in enumerate(zip(*upper, strict=True)):
        holding = [n_seg + c for c, (rows, _c) in enumerate(inter) if i in rows and j in rows]
        lines.append(np.array([*holding, total_at + 1 + k]))
    supp = suppress(persons, lines, n, is_total)

    def part(start: int, stop: int) -> Suppression:
        return Suppression(supp.primary[start:stop], supp.hidden[start:stop])

    return part(0, n_seg), part(n_seg, total_at), part(total_at + 1, len(persons)), inter


def shown_overlaps(m: Membership, year: int, n: int, memo: dict | None = None) -> pd.DataFrame:
    """The overlap matrix as it may be shown (persons in both segments; the diagonal: the segment's
    size): hidden counts "<N" or "..". Columns: segment, then one per segment. `memo`: as in
    `segment_suppression`."""
    import numpy as np

    matrix = m.overlaps(year).astype(object)
    sizes = segment_suppression(m, year, n, memo=memo)[0]
    pairs = overlap_suppression(m, year, n, memo=memo)
    marks = np.full(matrix.shape, None, dtype=object)
    for i in range(len(m.names)):
        marks[i, i] = _mark(sizes, i, n)
    for k, (i, j) in enumerate(zip(*np.triu_indices(len(m.names), 1), strict=True)):
        marks[i, j] = marks[j, i] = _mark(pairs, k, n)
    shown = np.where(marks == None, matrix, marks)  # noqa: E711 - elementwise
    frame = pd.DataFrame(shown, columns=m.names)
    frame.insert(0, "segment", m.names)
    return frame


def shown_projection(m: Membership, projection: pd.DataFrame, n: int) -> pd.DataFrame:
    """`project_clients` rows as they may be shown: an observed year's clients hidden as that year's
    segment size is ("<N" or ".."), a projected year's as the base year's (the projection scales it);
    small projected counts "<N"."""
    out = projection.copy()
    out["clients"] = out["clients"].astype(object)
    index = {name: i for i, name in enumerate(m.names)}
    marks: dict[int, list] = {}
    for year in sorted({int(y) for y in out.loc[out["kind"] == "observed", "year"]} |
                       {int(y) for y in out.get("base_year", pd.Series(dtype=int)).dropna()}):
        if year in m.masks:
            supp = segment_suppression(m, year, n)[0]
            marks[year] = [_mark(supp, i, n) for i in range(len(m.names))]
    for row, rec in enumerate(out.itertuples(index=False)):
        year = int(rec.year) if rec.kind == "observed" else int(rec.base_year)
        i = index.get(rec.segment)
        mark = marks.get(year, [None] * len(m.names))[i] if i is not None else None
        if mark is not None:
            out.iat[row, out.columns.get_loc("clients")] = mark
        elif rec.kind != "observed":
            out.iat[row, out.columns.get_loc("clients")] = privacy.shown_count(round(float(rec.clients)), n)
    return out


def _mark(supp, i: int, n: int) -> str | None:
    if not supp.hidden[i]:
        return None
    return privacy.small_label(n) if supp.primary[i] else privacy.SECONDARY


def shown_segment_sizes(m: Membership, sizes: pd.DataFrame, year: int, n: int, memo: dict | None = None) -> pd.DataFrame:
    """`segment_sizes` rows of `year` as they may be shown: hidden segments' counts "<N"/".." and their
    other figures None; the change from the previous year is hidden when either year is hidden; the FTEs
    and ledger euros of a segment with a hidden traffic-light cell too (disclosure.segments_with_hidden_cells).
    `memo`: as in `segment_suppression`."""
    from desktop.analysis.disclosure import hide_rows, segments_with_hidden_cells

    this = sizes[sizes["year"] == year].reset_index(drop=True)
    supp = segment_suppression(m, year, n, memo=memo)[0]
    shown = hide_rows(this, supp, n, ("persons",), SIZE_FIGURES)
    resources = [c for c in RESOURCE_FIGURES if c in shown.columns]
    if resources:
        mask = segments_with_hidden_cells(m, year, n) & ~supp.hidden  # their FTEs would solve those cells
        for col in resources:
            shown[col] = shown[col].astype(object)
            shown.loc[mask, col] = None
    earlier = [y for y in m.years if y < year]
    if earlier and "change" in shown.columns:
        before = segment_suppression(m, earlier[-1], n, memo=memo)[0]
        shown["change"] = shown["change"].astype(object)
        shown.loc[before.hidden, "change"] = None
    return shown


def shown_intersections(m: Membership, year: int, n: int) -> pd.DataFrame:
    """The largest exact combinations of segments as they may be shown (persons "<N"/".." when hidden)."""
    from desktop.analysis.disclosure import hide_rows

    _sizes, supp, inter = segment_suppression(m, year, n)
    table = pd.DataFrame({"segment": [" + ".join(m.names[i] for i in rows) for rows, _c in inter],
                          "persons": [c for _r, c in inter]})
    return hide_rows(table, supp, n, ("persons",), ())
