"""Nearest-site times from an imported travel-time matrix (origin cell -> destination, minutes).

The matrix rows of one travel mode are indexed once: origins mapped to grid positions, destinations
to destination codes (no sorting). The nearest qualifying destination of every origin is then a
boolean gather of the qualifying rows and one `np.minimum.at` over them, about 50 ms per million
rows, so a what-if update is cheap. Rows whose origin is not a grid cell, or whose destination is unknown, are counted and left out.
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
        self.n_cells = len(cell_index)
        first_of_id = np.flatnonzero(~cell_index.duplicated())  # a repeated cell id: the first wins
        cell_index = cell_index[first_of_id]
        origin_codes, origin_values = _codes(origins)
        dest_codes, dest_values = _codes(destinations)
        found = cell_index.get_indexer(pd.Index(origin_values.astype(str)))
        origin_row_of_code = np.where(found >= 0, first_of_id[np.maximum(found, 0)], -1)
        origin_row = np.where(origin_codes >= 0, origin_row_of_code[origin_codes], -1) if len(origin_codes) else origin_codes
        minutes = np.asarray(minutes, dtype=np.float64)
        minutes = np.where(minutes < 0, np.nan, minutes)
        keep = (origin_row >= 0) & (dest_codes >= 0)
        unknown = np.unique(origin_codes[(origin_row < 0) & (origin_codes >= 0)])
        self.report = MatrixReport(
            rows=len(minutes), used_rows=int(keep.sum()), unknown_origins=int(len(unknown)),
            no_route_rows=int(np.isnan(minutes).sum()),
        )
        self.origin = origin_row[keep].astype(np.intp)
        self.dest = dest_codes[keep].astype(np.intp)
        self.minutes = np.where(np.isnan(minutes[keep]), np.inf, minutes[keep])  # inf = no route
        self.dest_values = pd.Index(dest_values.astype(str))
        self._has_rows = np.bincount(self.dest, minlength=len(self.dest_values)) > 0
        self._by_destination: tuple[np.ndarray, np.ndarray] | None = None

    def known_destinations(self, ids) -> np.ndarray:
        """Mask: which of the destination ids have rows in this matrix."""
        codes = self.dest_values.get_indexer(pd.Index([str(i) for i in ids]))
        return np.array([c >= 0 and bool(self._has_rows[c]) for c in codes], dtype=bool)

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
        site_of_row = position_of_code[self.dest]
        selected = site_of_row >= 0
        o, m = self.origin[selected], self.minutes[selected]
        best = np.full(self.n_cells, np.inf)
        np.minimum.at(best, o, m)
        hit = np.isfinite(m) & (m == best[o])  # rows that are their origin's minimum
        first = np.full(self.n_cells, np.iinfo(np.int64).max)
        np.minimum.at(first, o[hit], site_of_row[selected][hit])  # ties: the site listed first
        reached = first < np.iinfo(np.int64).max
        result.site[reached] = first[reached]
        result.minutes = np.where(np.isfinite(best), best, np.nan)
        return result

    def _destination_order(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows ordered by destination, where each destination code's rows start: len = codes + 1),
        built on the first call: one stable sort for every later `cells_within`."""
        if self._by_destination is None:
            # destination codes fit 16 bits in any real matrix: numpy then sorts stably by radix, 4x faster
            codes = self.dest.astype(np.int16) if len(self.dest_values) <= np.iinfo(np.int16).max else self.dest
            order = np.argsort(codes, kind="stable")
            starts = np.zeros(len(self.dest_values) + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.dest, minlength=len(self.dest_values)), out=starts[1:])
            self._by_destination = order, starts
        return self._by_destination

    def cells_within(self, ids, minutes: float) -> list[np.ndarray]:
        """For each destination id, the grid positions reached within `minutes` (inclusive)."""
        codes = self.dest_values.get_indexer(pd.Index([str(i) for i in ids]))
        order, starts = self._destination_order()
        out = []
        for code in codes:
            if code < 0:
                out.append(np.empty(0, np.int64))
                continue
            rows = order[starts[code]:starts[code + 1]]
            out.append(np.unique(self.origin[rows[self.minutes[rows] <= minutes]]).astype(np.int64))
        return out


def _codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 missing) and the distinct values of an id column, cheaply for Categoricals."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        values = values.array
    if isinstance(values, pd.Categorical):
        return np.asarray(values.codes, dtype=np.int64), np.asarray(values.categories, dtype=object)
    codes, uniques = pd.factorize(pd.Series(values).astype(object))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)
