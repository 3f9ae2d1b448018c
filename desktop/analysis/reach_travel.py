"""One travel source for a computation: the imported matrix, a road network or the straight-line
estimate, with the estimate filling in for sites the matrix does not know (e.g. a what-if site).
Which source was used, and whether any figure is an estimate, travels with every result."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis.reach import Nearest
from desktop.analysis.reach_estimate import StraightLineTravel


class TravelModel:
    """`primary` is a MatrixTravel, a RoadTravel or None (estimate only)."""

    def __init__(self, primary, estimate: StraightLineTravel):
        self.primary = primary
        self.estimator = estimate

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
            return self.primary.known_destinations(sites["site_id"].tolist())
        return np.ones(len(sites), dtype=bool)

    def nearest(self, sites: pd.DataFrame) -> Nearest:
        """Nearest of `sites` for every grid cell; positions index `sites` rows."""
        if self.primary is None:
            return self.estimator.nearest(sites)
        known = self.known(sites)
        known_pos = np.flatnonzero(known)
        result = self.primary.nearest(sites.iloc[known_pos])
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
            part = sites.iloc[pos]
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
