"""Straight-line travel-time estimate: distance x detour factor / speed.

Used when neither an imported matrix nor a road network is there (and for what-if sites the matrix
does not know). Every result computed this way is labelled an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop.analysis.reach import Nearest
from desktop.core.errors import UserError
from desktop.core.lang import t

# km/h on a straight line after the detour factor, per travel mode
DEFAULT_SPEEDS_KMH = {"car": 60.0, "pt": 25.0, "bike": 15.0, "walk": 5.0}
DEFAULT_DETOUR = 1.3


@dataclass
class StraightLineParams:
    """Detour factor (network distance / straight distance) and speeds per mode (km/h)."""

    detour_factor: float = DEFAULT_DETOUR
    speeds_kmh: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SPEEDS_KMH))
    default_speed_kmh: float = 50.0

    def speed(self, mode: str) -> float:
        speed = float(self.speeds_kmh.get(mode, self.default_speed_kmh))
        if speed <= 0 or self.detour_factor <= 0:
            raise UserError(t("Nopeuden ja kiertokertoimen on oltava positiivisia.",
                              "Speed and detour factor must be positive."))
        return speed

    def minutes_per_metre(self, mode: str) -> float:
        return self.detour_factor / (self.speed(mode) * 1000.0 / 60.0)

    def to_dict(self) -> dict:
        return {"detour_factor": self.detour_factor, "speeds_kmh": dict(self.speeds_kmh),
                "default_speed_kmh": self.default_speed_kmh}

    @classmethod
    def from_dict(cls, data: dict | None) -> StraightLineParams:
        data = data or {}
        return cls(
            detour_factor=float(data.get("detour_factor", DEFAULT_DETOUR)),
            speeds_kmh={**DEFAULT_SPEEDS_KMH, **{k: float(v) for k, v in (data.get("speeds_kmh") or {}).items()}},
            default_speed_kmh=float(data.get("default_speed_kmh", 50.0)),
        )


def straight_line_minutes(distance_m: np.ndarray, params: StraightLineParams, mode: str) -> np.ndarray:
    """Estimated minutes for straight-line distances in metres."""
    return np.asarray(distance_m, dtype=np.float64) * params.minutes_per_metre(mode)


class StraightLineTravel:
    """Nearest-site times by straight-line estimate for a fixed set of grid cells (x, y in metres)."""

    kind = "straight-line"
    estimate = True

    def __init__(self, cell_x: np.ndarray, cell_y: np.ndarray, params: StraightLineParams | None = None,
                 mode: str = "car"):
        self.cells = np.column_stack([np.asarray(cell_x, float), np.asarray(cell_y, float)])
        self.params = params or StraightLineParams()
        self.mode = mode

    def nearest(self, sites: pd.DataFrame) -> Nearest:
        """Nearest of `sites` (columns x, y) for every cell; positions index `sites` rows."""
        n = len(self.cells)
        if len(sites) == 0:
            return Nearest.empty(n)
        from scipy.spatial import cKDTree  # here: scipy.spatial takes a quarter second to load

        tree = cKDTree(np.column_stack([sites["x"].to_numpy(float), sites["y"].to_numpy(float)]))
        dist, pos = tree.query(self.cells, k=1)
        return Nearest(straight_line_minutes(dist, self.params, self.mode), pos.astype(np.int64))

    def cells_within(self, x: np.ndarray, y: np.ndarray, minutes: float) -> list[np.ndarray]:
        """For each point (x, y), the cell positions within `minutes` by the estimate (inclusive)."""
        from scipy.spatial import cKDTree

        radius = minutes / self.params.minutes_per_metre(self.mode)
        tree = cKDTree(self.cells)
        points = np.column_stack([np.asarray(x, float), np.asarray(y, float)])
        # a hair of slack so that the inclusive threshold is not lost to rounding
        found = tree.query_ball_point(points, r=radius * (1 + 1e-9) + 1e-6)
        mpm = self.params.minutes_per_metre(self.mode)
        out = []
        for point, cells in zip(points, found, strict=True):
            cells = np.asarray(sorted(cells), dtype=np.int64)
            dist = np.hypot(*(self.cells[cells] - point).T) if len(cells) else np.empty(0)
            out.append(cells[dist * mpm <= minutes])  # same formula as nearest(): exact inclusive test
        return out
