"""A synthetic car travel-time matrix from populated grid cells to the demo sites.

minutes = access + road distance (straight line x 1.3 x a lake factor of the cell) driven at about
40 km/h for the first 5 km (towns, villages) and 70 km/h beyond, with a deterministic +-8 % jitter per
cell-site pair. Access is 3 minutes plus 0.6 minutes per km from the cell to the nearest centre or
village (forest and gravel roads, at most 15 km counted); the lake factor (about 0.9-1.5, one per cell)
stands for the detours around Keski-Suomi's lakes. Pairs over 120 minutes are left out, and so are a
few sparsely populated cells with no route at all (islands).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.demo.geography import PopulationGrid, settlements
from desktop.demo.sites import Site

TRAVEL_SEED = 7070
MAX_MINUTES = 120.0
DETOUR = 1.3
TOWN_KMH, RURAL_KMH = 40.0, 70.0
TOWN_KM = 5.0
ACCESS_MIN = 3.0
REMOTE_MIN_PER_KM = 0.6
REMOTE_KM_MAX = 15.0
NO_ROUTE_SHARE = 0.002


@dataclass(frozen=True)
class TravelTimes:
    origin: np.ndarray  # index into the grid's cells
    destination: np.ndarray  # index into the site list
    minutes: np.ndarray  # float32

    def __len__(self) -> int:
        return len(self.origin)


def car_minutes(distance_m: np.ndarray, access_min: float | np.ndarray = ACCESS_MIN,
                detour: float | np.ndarray = DETOUR) -> np.ndarray:
    """Car travel minutes for straight-line distances in metres (without jitter)."""
    road_km = distance_m / 1000.0 * detour
    town = np.minimum(road_km, TOWN_KM)
    rural = np.maximum(road_km - TOWN_KM, 0.0)
    return access_min + 60.0 * (town / TOWN_KMH + rural / RURAL_KMH)


def remoteness_km(grid: PopulationGrid) -> np.ndarray:
    """Distance from each cell to the nearest municipal centre or village, km."""
    places = settlements()
    px = np.array([p.x for p in places])
    py = np.array([p.y for p in places])
    best = np.full(len(grid), np.inf)
    for x, y in zip(px, py, strict=True):  # ~100 places, vectorised over cells
        best = np.minimum(best, np.hypot(grid.x - x, grid.y - y))
    return best / 1000.0


def build_travel_times(grid: PopulationGrid, sites: list[Site], seed: int = TRAVEL_SEED) -> TravelTimes:
    """Every populated cell to every site within MAX_MINUTES by car, cells x sites vectorised."""
    rng = np.random.default_rng(seed)
    n_cells = len(grid)
    sx = np.array([s.x for s in sites])
    sy = np.array([s.y for s in sites])
    no_route = rng.random(n_cells) < NO_ROUTE_SHARE
    no_route &= grid.population < 20  # only sparsely populated cells (islands, roadless forest)
    access = ACCESS_MIN + REMOTE_MIN_PER_KM * np.minimum(remoteness_km(grid), REMOTE_KM_MAX)
    detour = DETOUR * np.clip(rng.lognormal(0.0, 0.15, n_cells), 0.7, 1.15)
    origins, dests, minutes = [], [], []
    block = 2048
    for start in range(0, n_cells, block):  # blocks keep memory small
        stop = min(start + block, n_cells)
        dx = grid.x[start:stop, None] - sx[None, :]
        dy = grid.y[start:stop, None] - sy[None, :]
        mins = car_minutes(np.hypot(dx, dy), access[start:stop, None], detour[start:stop, None])
        mins *= rng.uniform(0.92, 1.08, size=mins.shape)
        keep = (mins <= MAX_MINUTES) & ~no_route[start:stop, None]
        o, d = np.nonzero(keep)
        origins.append((o + start).astype(np.int32))
        dests.append(d.astype(np.int32))
        minutes.append(np.round(mins[o, d], 1).astype(np.float32))
    return TravelTimes(np.concatenate(origins), np.concatenate(dests), np.concatenate(minutes))
