"""Nearest-site times from an imported travel-time matrix (origin cell -> destination, minutes).

The matrix rows of one travel mode are indexed once: origins mapped to grid positions (32-bit). A
matrix that gives nearly every cell a time to every site (a county's matrix) is then held as a row
of times per site (one scatter); a sparser one (a metropolitan matrix of many destinations) as its
rows grouped by destination with one stable radix sort. A goal's nearest site per cell and the cells
within its threshold read only the qualifying sites' rows: six goals on the self-test project's
1.5 M-row matrix take a few milliseconds, and a what-if update is cheap. Rows whose origin is not a
grid cell, or whose destination is unknown, are counted and left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.analysis.reach import Nearest

#: a matrix is held as a row of times per site when that table (sites x cells) is at most twice its rows
#: (or this small) and at most DENSE_MAX_CELLS entries (128 MB of float32)
DENSE_MIN_CELLS = 1 << 20
DENSE_MAX_CELLS = 1 << 25


@dataclass
class MatrixReport:
    rows: int
    used_rows: int
    unknown_origins: int  # distinct origin ids not in the grid
    no_route_rows: int


class MatrixTravel:
    """Index of one mode's matrix rows for repeated nearest-site queries.

    `origins` and `destinations` are id arrays (str, Categorical or anything pandas can factorise),
    `minutes` float (NaN or negative = no route; float32 kept as it is). `cell_ids` are the grid's cell ids in grid order.
    """

    kind = "matrix"
    estimate = False

    def __init__(self, cell_ids, origins, destinations, minutes):
        cell_index = pd.Index(pd.Series(cell_ids).astype(str).to_numpy())
        self.n_cells = len(cell_index)
        first_of_id = np.flatnonzero(~cell_index.duplicated())  # a repeated cell id: the first wins
        cell_index = cell_index[first_of_id]
        origin_codes, origin_values = _codes(origins)
        dest_codes, dest_values = _codes(destinations)
        found = cell_index.get_indexer(pd.Index(origin_values.astype(str)))
        # the grid row of each origin code, 32-bit; the trailing -1 is what a missing origin (code -1) picks
        row_of_code = np.append(np.where(found >= 0, first_of_id[np.maximum(found, 0)], -1), -1).astype(np.int32)
        origin_row = row_of_code[origin_codes]
        minutes = np.asarray(minutes)
        if minutes.dtype not in (np.float32, np.float64):  # a stored matrix's float32 kept: half the memory
            minutes = minutes.astype(np.float64)
        no_route = ~(minutes >= 0)  # negative or NaN
        keep = (origin_row >= 0) & (dest_codes >= 0)
        unknown = np.unique(origin_codes[(origin_row < 0) & (origin_codes >= 0)])
        self.report = MatrixReport(
            rows=len(minutes), used_rows=int(keep.sum()), unknown_origins=int(len(unknown)),
            no_route_rows=int(no_route.sum()),
        )
        if self.report.no_route_rows:
            minutes = np.where(no_route, np.inf, minutes)  # inf = no route
        if not keep.all():  # rows of unknown origins or destinations left out (a copy only then)
            origin_row, dest_codes, minutes = origin_row[keep], dest_codes[keep], minutes[keep]
        self.dest_values = pd.Index(dest_values.astype(str))
        n_dest = len(self.dest_values)
        self._sites: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._dense: np.ndarray | None = None
        if n_dest * self.n_cells <= min(max(2 * len(minutes), DENSE_MIN_CELLS), DENSE_MAX_CELLS):
            # nearly every cell has a time to every site (a county's matrix): a row of times per site,
            # one scatter instead of a sort, and a goal's sites are read row by row
            self._dense = _dense_times(dest_codes, origin_row, minutes, n_dest, self.n_cells)
        counts = np.bincount(dest_codes, minlength=n_dest)
        self._has_rows = counts > 0  # a site whose every row says "no route" has rows: it is not estimated
        if self._dense is not None:
            return
        # otherwise the rows grouped by destination, each site's rows one slice of `order`: a goal touches
        # its own sites' rows only. The stable sort keeps the file's order within a site; destination codes
        # fit 16 bits in any real matrix, and numpy then sorts by radix
        order = np.argsort(dest_codes.astype(np.int16) if n_dest <= np.iinfo(np.int16).max else dest_codes,
                           kind="stable")
        self.origin, self.minutes, self.order = origin_row, minutes, order  # a site's rows: order[start:stop]
        self.starts = np.zeros(n_dest + 1, dtype=np.int64)
        np.cumsum(counts, out=self.starts[1:])

    def known_destinations(self, ids) -> np.ndarray:
        """Mask: which of the destination ids have rows in this matrix."""
        codes = self.dest_values.get_indexer(pd.Index([str(i) for i in ids]))
        return np.array([c >= 0 and bool(self._has_rows[c]) for c in codes], dtype=bool)

    def _site_rows(self, code: int) -> tuple[np.ndarray, np.ndarray]:
        """(grid positions ascending, each once; minutes) of one destination's rows: a repeated origin
        keeps its shortest time. Kept for the next goal or what-if (at most the matrix once more)."""
        found = self._sites.get(code)
        if found is None:
            found = self._sites[code] = self._gather_site(code)
        return found

    def _gather_site(self, code: int) -> tuple[np.ndarray, np.ndarray]:
        """A site's rows from the grouped layout (the row-per-site layout is read directly)."""
        rows = self.order[self.starts[code]:self.starts[code + 1]]
        origin, minutes = self.origin[rows], self.minutes[rows]
        if len(origin) > 1 and not (origin[1:] > origin[:-1]).all():  # a repeated origin, or not ascending
            order = np.lexsort((minutes, origin))
            origin, minutes = origin[order], minutes[order]
            first = np.ones(len(origin), dtype=bool)
            first[1:] = origin[1:] != origin[:-1]
            origin, minutes = origin[first], minutes[first]
        return origin, minutes

    def nearest(self, sites: pd.DataFrame) -> Nearest:
        """Nearest of `sites` (column site_id) for every grid cell; positions index `sites` rows.
        Sites with no matrix rows are ignored here (the caller estimates them). Ties: the site listed
        first; a site listed twice counts at its first position."""
        codes = self.dest_values.get_indexer(pd.Index(sites["site_id"].astype(str).tolist()))
        result = Nearest.empty(self.n_cells)
        best = np.full(self.n_cells, np.inf)
        seen: set[int] = set()
        for position, code in enumerate(codes.tolist()):
            if code < 0 or code in seen:
                continue
            seen.add(code)
            if self._dense is not None:  # the site's row of times, every cell at once
                nearer = self._dense[code] < best  # float64 best; strictly: a tie keeps the site listed earlier
                np.copyto(best, self._dense[code], where=nearer)
                result.site[nearer] = position
                continue
            origin, minutes = self._site_rows(code)
            nearer = minutes < best[origin]
            origin = origin[nearer]
            best[origin] = minutes[nearer]
            result.site[origin] = position
        result.minutes = np.where(np.isfinite(best), best, np.nan)
        return result

    def cells_within(self, ids, minutes: float) -> list[np.ndarray]:
        """For each destination id, the grid positions reached within `minutes` (inclusive), ascending."""
        codes = self.dest_values.get_indexer(pd.Index([str(i) for i in ids]))
        out = []
        for code in codes.tolist():
            if code < 0:
                out.append(np.empty(0, np.int64))
                continue
            # a float64 limit: a Python float would be compared in the times' float32 (30.0 <= 29.9999999)
            if self._dense is not None:
                out.append(np.flatnonzero(self._dense[code] <= np.float64(minutes)))
                continue
            origin, times = self._site_rows(code)
            out.append(origin[times <= np.float64(minutes)].astype(np.int64))
        return out


def _dense_times(dest: np.ndarray, origin: np.ndarray, minutes: np.ndarray, n_dest: int, n_cells: int) -> np.ndarray:
    """(n_dest, n_cells) minutes, inf where the matrix has no row; a pair given twice keeps its shortest time."""
    dense = np.full((n_dest, n_cells), np.inf, dtype=minutes.dtype)
    flat = dest.astype(np.int32) * np.int32(n_cells) + origin.astype(np.int32)  # < DENSE_MAX_CELLS < 2**31
    cells = dense.reshape(-1)
    cells[flat] = minutes
    if not np.array_equal(cells[flat], minutes):  # a repeated pair with another time: take the shortest
        cells.fill(np.inf)
        np.minimum.at(cells, flat, minutes)
    return dense


def _codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Signed integer codes (-1 missing) and the distinct values of an id column, cheaply for Categoricals."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        values = values.array
    if isinstance(values, pd.Categorical):  # codes as stored (8 or 16 bits: less memory to touch)
        return np.asarray(values.codes), np.asarray(values.categories, dtype=object)
    codes, uniques = pd.factorize(pd.Series(values).astype(object))
    return codes, np.asarray(uniques, dtype=object)
