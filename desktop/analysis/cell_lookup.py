"""Which grid cell is under a map point: cells are squares of the grid's spacing around their centres
(metres); a point outside every populated cell is in none. Used by the map's hover text."""

from __future__ import annotations

import numpy as np


class CellLookup:
    def __init__(self, x: np.ndarray, y: np.ndarray, spacing: float):
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        self.spacing = float(spacing)
        if len(self.x):
            self.x0, self.y0 = self.x.min(), self.y.min()
            col = np.round((self.x - self.x0) / self.spacing).astype(np.int64)
            row = np.round((self.y - self.y0) / self.spacing).astype(np.int64)
            self.width = int(col.max()) + 1
            keys = row * self.width + col
            self.order = np.argsort(keys, kind="stable")
            self.keys = keys[self.order]

    def cell_at(self, px: float, py: float) -> int:
        """Position of the cell whose square holds (px, py), or -1."""
        if not len(self.x):
            return -1
        col = int(np.floor((px - self.x0) / self.spacing + 0.5))
        row = int(np.floor((py - self.y0) / self.spacing + 0.5))
        if col < 0 or row < 0 or col >= self.width:
            return -1
        key = row * self.width + col
        i = int(np.searchsorted(self.keys, key))
        return int(self.order[i]) if i < len(self.keys) and self.keys[i] == key else -1
