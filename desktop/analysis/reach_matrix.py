"""Nearest-site times from an imported travel-time matrix (origin cell -> destination, minutes).

The matrix rows of one travel mode are indexed once: origins mapped to grid positions, destinations
to destination codes, rows sorted by (origin, minutes) with NaN (no route) last. The nearest
qualifying destination of every origin is then the first selected row of each origin run: a boolean
gather and one comparison over the rows, about 10-20 ms per million rows, so a what-if update is
cheap. Rows whose origin is not a grid cell, or whose destination is unknown, are counted and left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.analysis.reach import Nearest


@dataclass
class MatrixReport:
    rows: int
    used_rows: int
    unknown_origins: int  # distinct origin ids not in the grid
    no_route_rows: int


class MatrixTravel:
    """Index of one mode's matrix rows for repeated nearest-site queries.

    `origins` and `destinations` are id arrays (str, Categorical or anything pandas can factorise),
    `minutes` float (NaN or negative = no route). `cell_ids` are the grid's cell ids in grid order.
    """

    kind = "matrix"
    estimate = False

    def __init__(self, cell_ids, origins, destinations, minutes):
        cell_index = pd.Index(pd.Series(cell_ids).astype(str).to_numpy())
        if not cell_index.is_unique:
            cell_index = cell_index.drop_duplicates()  # first occurrence wins
        self.n_cells = len(pd.Series(cell_ids))
        origin_codes, origin_values = _codes(origins)
        dest_codes, dest_values = _codes(destinations)
        origin_row_of_code = cell_index.get_indexer(pd.Index(origin_values.astype(str)))
        origin_row = np.where(origin_codes >= 0, origin_row_of_code[origin_codes], -1) if len(origin_codes) else origin_codes
        minutes = np.asarray(minutes, dtype=np.float64)
        minutes = np.where(minutes < 0, np.nan, minutes)
        keep = (origin_row >= 0) & (dest_codes >= 0)
        unknown = np.unique(origin_codes[(origin_row < 0) & (origin_codes >= 0)])
        self.report = MatrixReport(
            rows=len(minutes), used_rows=int(keep.sum()), unknown_origins=int(len(unknown)),
            no_route_rows=int(np.isnan(minutes).sum()),
        )
        o, d, m = origin_row[keep].astype(np.int32), dest_codes[keep].astype(np.int32), minutes[keep]
        order = np.lexsort((m, o))  # NaN sorts last within each origin
        self.origin, self.dest, self.minutes = o[order], d[order], m[order].astype(np.float64)
        self.dest_values = pd.Index(dest_values.astype(str))
        self._known = set(np.unique(self.dest).tolist())

    def known_destinations(self, ids) -> np.ndarray:
        """Mask: which of the destination ids have rows in this matrix."""
        codes = self.dest_values.get_indexer(pd.Index([str(i) for i in ids]))
        return np.array([c >= 0 and c in self._known for c in codes], dtype=bool)

    def nearest(self, sites: pd.DataFrame) -> Nearest:
        """Nearest of `sites` (column site_id) for every grid cell; positions index `sites` rows.
        Sites with no matrix rows are ignored here (the caller estimates them)."""
        ids = sites["site_id"].astype(str).tolist()
        codes = self.dest_values.get_indexer(pd.Index(ids))
        position_of_code = np.full(len(self.dest_values) + 1, -1, dtype=np.int64)
        for pos, code in enumerate(codes):
            if code >= 0 and position_of_code[code] < 0:
                position_of_code[code] = pos
        result = Nearest.empty(self.n_cells)
        if not len(ids):
            return result
        selected = position_of_code[self.dest] >= 0
        o = self.origin[selected]
        if not len(o):
            return result
        first = np.flatnonzero(np.r_[True, o[1:] != o[:-1]])
        cells = o[first]
        result.minutes[cells] = self.minutes[selected][first]
        result.site[cells] = position_of_code[self.dest[selected][first]]
        # a cell whose only rows are "no route" has NaN minutes but no nearest site
        result.site[np.isnan(result.minutes)] = -1
        return result

    def cells_within(self, ids, minutes: float) -> list[np.ndarray]:
        """For each destination id, the grid positions reached within `minutes` (inclusive)."""
        codes = self.dest_values.get_indexer(pd.Index([str(i) for i in ids]))
        ok = ~np.isnan(self.minutes) & (self.minutes <= minutes)
        d, o = self.dest[ok], self.origin[ok]
        order = np.argsort(d, kind="stable")
        d, o = d[order], o[order]
        starts = np.searchsorted(d, codes, side="left")
        ends = np.searchsorted(d, codes, side="right")
        return [np.unique(o[s:e]).astype(np.int64) if c >= 0 else np.empty(0, np.int64)
                for c, s, e in zip(codes, starts, ends, strict=True)]


def _codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 missing) and the distinct values of an id column, cheaply for Categoricals."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        values = values.array
    if isinstance(values, pd.Categorical):
        return np.asarray(values.codes, dtype=np.int64), np.asarray(values.categories, dtype=object)
    codes, uniques = pd.factorize(pd.Series(values).astype(object))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)
