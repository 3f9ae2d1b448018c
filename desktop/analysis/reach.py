"""Reach goals and population-weighted coverage of a service network.

A reach goal says "P % of the target population has a qualifying site within M minutes from home".
Semantics (fixed by the planners' policy, seed 002):
- coverage is weighted by population (persons in a grid cell), never by counting cells;
- a cell is covered when the travel time to its nearest qualifying site is <= M (inclusive);
- cells with no route (NaN minutes) are not covered and are reported as their own count;
- the denominator is the whole target population of the grid.

Times come per grid cell as a float array in minutes (NaN = no route), from any travel source
(`reach_matrix`, `road_network`, `reach_estimate`). Everything here is vectorised numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop.core.errors import UserError
from desktop.core.lang import t

SITE_COLUMNS = ("site_id", "name", "type", "size", "x", "y", "municipality", "capacity")


@dataclass(frozen=True)
class ReachGoal:
    """A reach goal: qualifying site types and sizes (empty sizes = any size), the threshold in
    minutes (inclusive), the target share in %, the target population column of the grid and the
    travel mode of the times."""

    name: str
    site_types: tuple[str, ...]
    minutes: float
    target_pct: float = 95.0
    sizes: tuple[str, ...] = ()
    population_column: str = "population"
    mode: str = "car"
    id: int | None = None

    def qualifying(self, sites: pd.DataFrame) -> np.ndarray:
        """Boolean mask of the `sites` rows that count for this goal."""
        mask = sites["type"].astype(str).isin(self.site_types).to_numpy().copy()
        if self.sizes:
            mask &= sites["size"].fillna("").astype(str).isin(self.sizes).to_numpy()
        return mask

    def describe(self) -> str:
        sizes = "/".join(self.sizes) if self.sizes else t("kaikki koot", "any size")
        return f"{', '.join(self.site_types)} ({sizes}) <= {self.minutes:g} min, {self.target_pct:g} %"


@dataclass
class Nearest:
    """Per grid cell: minutes to the nearest site (NaN = no route) and that site's position in the
    site frame the times were computed for (-1 = none). `estimated_sites` names sites whose times
    are straight-line estimates although another source was asked for."""

    minutes: np.ndarray
    site: np.ndarray
    estimated_sites: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, n_cells: int) -> Nearest:
        return cls(np.full(n_cells, np.nan), np.full(n_cells, -1, dtype=np.int64))

    def combine(self, other: Nearest, offset: int = 0) -> Nearest:
        """The cell-wise nearer of two results; `other.site` positions are shifted by `offset`."""
        other_minutes = np.where(np.isnan(other.minutes), np.inf, other.minutes)
        mine = np.where(np.isnan(self.minutes), np.inf, self.minutes)
        take = other_minutes < mine
        minutes = np.where(take, other.minutes, self.minutes)
        site = np.where(take, np.where(other.site >= 0, other.site + offset, -1), self.site)
        return Nearest(minutes, site, self.estimated_sites + other.estimated_sites)


@dataclass
class Coverage:
    """Coverage of one goal: persons in the target population, covered, in no-route cells."""

    population: float
    covered: float
    no_route: float
    no_route_cells: int
    share_pct: float

    @property
    def not_covered(self) -> float:
        return self.population - self.covered


def population_weights(grid: pd.DataFrame, column: str) -> np.ndarray:
    """The target population per cell (persons, float64; missing -> 0)."""
    if column not in grid.columns:
        numeric = [c for c in grid.columns if c not in ("cell_id", "x", "y", "municipality")]
        raise UserError(
            t(
                f"Ruudukossa ei ole väestösaraketta '{column}'. Saatavilla: {', '.join(numeric) or '-'}.",
                f"The grid has no population column '{column}'. Available: {', '.join(numeric) or '-'}.",
            )
        )
    values = pd.to_numeric(grid[column], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    return np.nan_to_num(values, nan=0.0)


def coverage(weights: np.ndarray, minutes: np.ndarray, threshold: float) -> Coverage:
    """Population-weighted coverage: covered when minutes <= threshold; NaN = no route, not covered."""
    weights = np.asarray(weights, dtype=np.float64)
    minutes = np.asarray(minutes, dtype=np.float64)
    no_route = np.isnan(minutes)
    covered_mask = ~no_route & (minutes <= threshold)
    total = float(weights.sum())
    covered = float(weights[covered_mask].sum())
    return Coverage(
        population=total,
        covered=covered,
        no_route=float(weights[no_route].sum()),
        no_route_cells=int(np.count_nonzero(no_route & (weights > 0))),
        share_pct=100.0 * covered / total if total > 0 else 0.0,
    )


def group_codes(groups: pd.Series | np.ndarray) -> tuple[np.ndarray, list[str]]:
    """(each cell's group code, the groups' names sorted): what `by_group` counts by, made once."""
    codes, uniques = pd.factorize(pd.Series(groups).astype(object).fillna(""), sort=True)
    return codes, [str(u) for u in uniques]


def by_group(weights: np.ndarray, minutes: np.ndarray, threshold: float,
             groups: pd.Series | np.ndarray | tuple[np.ndarray, list[str]],
             covered_persons: np.ndarray | None = None) -> pd.DataFrame:
    """Coverage per group (e.g. municipality): columns group, population, covered, no_route, share_pct.
    `groups`: each cell's group, or `group_codes` of them. `covered_persons` per cell replaces "all
    persons of a cell within the threshold" (capacities)."""
    codes, uniques = groups if isinstance(groups, tuple) else group_codes(groups)
    n = len(uniques)
    minutes = np.asarray(minutes, dtype=np.float64)
    no_route = np.isnan(minutes)
    covered_mask = ~no_route & (minutes <= threshold)
    pop = np.bincount(codes, weights=weights, minlength=n)
    per_cell = np.where(covered_mask, weights, 0.0) if covered_persons is None else covered_persons
    cov = np.bincount(codes, weights=per_cell, minlength=n)
    nor = np.bincount(codes, weights=np.where(no_route, weights, 0.0), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(pop > 0, 100.0 * cov / pop, 0.0)
    return pd.DataFrame(
        {"group": list(uniques), "population": pop, "covered": cov, "no_route": nor, "share_pct": share}
    )


def cumulative_curve(weights: np.ndarray, minutes: np.ndarray, max_minutes: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Share (%) of the whole target population reached within t minutes, as step points (t, %).

    No-route cells never enter the curve, so it ends below 100 % when some exist."""
    weights = np.asarray(weights, dtype=np.float64)
    minutes = np.asarray(minutes, dtype=np.float64)
    total = weights.sum()
    ok = ~np.isnan(minutes) & (weights > 0)
    order = np.argsort(minutes[ok], kind="stable")
    m = minutes[ok][order]
    share = np.cumsum(weights[ok][order]) / total * 100.0 if total > 0 else np.zeros(len(m))
    if len(m):
        last = np.r_[m[1:] != m[:-1], True]  # one point per distinct time
        m, share = m[last], share[last]
    if max_minutes is not None and len(m):
        keep = m <= max_minutes
        m, share = m[keep], share[keep]
    return np.r_[0.0, m], np.r_[0.0, share]


def catchments(weights: np.ndarray, nearest: Nearest, n_sites: int, threshold: float | None = None) -> np.ndarray:
    """Persons for whom each site is the nearest (optionally only within `threshold` minutes)."""
    ok = nearest.site >= 0
    if threshold is not None:
        ok &= ~np.isnan(nearest.minutes) & (nearest.minutes <= threshold)
    return np.bincount(nearest.site[ok], weights=np.asarray(weights)[ok], minlength=n_sites)[:n_sites]


def sites_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """A clean site frame (site_id, name, type, size, x, y, municipality, capacity) from rows or a frame."""
    frame = pd.DataFrame(rows)
    for column in SITE_COLUMNS:
        if column not in frame.columns:
            frame[column] = "" if column not in ("x", "y", "capacity") else np.nan
    frame = frame[list(SITE_COLUMNS)].copy()
    frame["site_id"] = frame["site_id"].astype(str)
    for column in ("name", "type", "size", "municipality"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["x"] = frame["x"].astype(float)
    frame["y"] = frame["y"].astype(float)
    frame["capacity"] = pd.to_numeric(frame["capacity"], errors="coerce").astype(float)  # persons; NaN = no limit
    return frame.reset_index(drop=True)
