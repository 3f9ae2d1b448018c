"""One travel source for a computation: the imported matrix, a road network or the straight-line
estimate. A site the matrix does not know by its id (e.g. a what-if site) takes the matrix times of
a destination at the same place: the grid cell it lies in when the matrix runs cell to cell (such
as the Helsinki Travel Time Matrix), or a known site within that distance; only otherwise does the
estimate fill in. Which source was used, and
whether any figure is an estimate, travels with every result."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis.reach import Nearest
from desktop.analysis.reach_estimate import StraightLineTravel


class TravelModel:
    """`primary` is a MatrixTravel, a RoadTravel or None (estimate only)."""

    def __init__(self, primary, estimate: StraightLineTravel, anchors: pd.DataFrame | None = None):
        """`anchors`: places the matrix may know as destinations (site_id, x, y): grid cells, sites."""
        self.primary = primary
        self.estimator = estimate
        self.anchors = anchors
        self._tree = None

    def _matrix_ids(self, sites: pd.DataFrame) -> list[str | None]:
        """Per site, the destination id to look up in the matrix: its own id, else the id of a known
        destination at the same place (within 0.75 grid spacings), else None."""
        ids = sites["site_id"].astype(str).tolist()
        known = self.primary.known_destinations(ids)
        out: list[str | None] = [i if k else None for i, k in zip(ids, known, strict=True)]
        if known.all() or self.anchors is None or not len(self.anchors):
            return out
        if self._tree is None:
            from scipy.spatial import cKDTree

            cells = self.estimator.cells
            steps = [np.diff(np.unique(np.round(cells[:, k], 3))) for k in (0, 1)]
            steps = [st.min() for st in steps if len(st)]
            self._reach_m = 0.75 * float(min(steps)) if steps else 0.0
            ok = self.primary.known_destinations(self.anchors["site_id"].astype(str).tolist())
            self._anchor_ids = self.anchors["site_id"].astype(str).to_numpy()[ok]
            xy = self.anchors[["x", "y"]].to_numpy(float)[ok]
            self._tree = cKDTree(xy) if len(xy) else None
        if self._tree is None:
            return out
        missing = [i for i, k in enumerate(known) if not k]
        dist, nearest = self._tree.query(sites[["x", "y"]].to_numpy(float)[missing], k=1)
        for i, d, a in zip(missing, dist, nearest, strict=True):
            if d <= self._reach_m:
                out[i] = str(self._anchor_ids[a])
        return out

    @property
    def kind(self) -> str:
        return self.primary.kind if self.primary is not None else "straight-line"

    @property
    def estimate(self) -> bool:
        return self.primary is None

    def known(self, sites: pd.DataFrame) -> np.ndarray:
        """Mask of the sites the primary source gives times for (all, unless it is a matrix)."""
        if self.primary is None:
            return np.zeros(len(sites), dtype=bool)
        if hasattr(self.primary, "known_destinations"):
            return np.array([i is not None for i in self._matrix_ids(sites)], dtype=bool)
        return np.ones(len(sites), dtype=bool)

    def _primary_frame(self, sites: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
        """The rows at `positions`, with matrix ids substituted where a site borrows its cell's times."""
        part = sites.iloc[positions]
        if hasattr(self.primary, "known_destinations"):
            ids = self._matrix_ids(sites)
            part = part.assign(site_id=[ids[p] for p in positions])
        return part

    def nearest(self, sites: pd.DataFrame) -> Nearest:
        """Nearest of `sites` for every grid cell; positions index `sites` rows."""
        if self.primary is None:
            return self.estimator.nearest(sites)
        known = self.known(sites)
        known_pos = np.flatnonzero(known)
        result = self.primary.nearest(self._primary_frame(sites, known_pos))
        result.site = _remap(result.site, known_pos)
        if known.all():
            return result
        unknown_pos = np.flatnonzero(~known)
        extra = self.estimator.nearest(sites.iloc[unknown_pos])
        extra.site = _remap(extra.site, unknown_pos)
        extra.estimated_sites = sites["site_id"].iloc[unknown_pos].astype(str).tolist()
        return result.combine(extra)

    def cells_within(self, sites: pd.DataFrame, minutes: float) -> list[np.ndarray]:
        """For each site (or candidate) row, the grid positions within `minutes` (inclusive)."""
        known = self.known(sites)
        out: list[np.ndarray] = [np.empty(0, np.int64)] * len(sites)
        if known.any():
            pos = np.flatnonzero(known)
            part = self._primary_frame(sites, pos)
            if hasattr(self.primary, "known_destinations"):
                found = self.primary.cells_within(part["site_id"].tolist(), minutes)
            else:
                found = self.primary.cells_within(part["x"].to_numpy(float), part["y"].to_numpy(float), minutes)
            for p, f in zip(pos, found, strict=True):
                out[p] = f
        if not known.all():
            pos = np.flatnonzero(~known)
            part = sites.iloc[pos]
            found = self.estimator.cells_within(part["x"].to_numpy(float), part["y"].to_numpy(float), minutes)
            for p, f in zip(pos, found, strict=True):
                out[p] = f
        return out


def _remap(site: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Positions in a subset -> positions in the full frame (-1 stays -1)."""
    out = np.full(len(site), -1, dtype=np.int64)
    ok = site >= 0
    out[ok] = positions[site[ok]]
    return out
