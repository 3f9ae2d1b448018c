"""Catchments per site: for each qualifying site of a goal,
- `population_nearest`: persons for whom it is the nearest qualifying site and who reach it within
  the threshold (these sum to the goal's covered persons: every covered cell has one nearest site);
- `population_within`: persons who reach it within the threshold, whichever site is nearer;
- `population_only`: persons who reach no other qualifying site within the threshold, i.e. the
  coverage lost if this site closed.
Persons are population-weighted cells; thresholds are inclusive, as everywhere in reach."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis.reach import Nearest

CATCHMENT_COLUMNS = ["site_id", "name", "type", "size", "municipality", "population_nearest", "population_within",
                     "population_only"]


def site_catchments(weights: np.ndarray, nearest: Nearest, sites: pd.DataFrame, within: list[np.ndarray],
                    threshold: float) -> pd.DataFrame:
    """`sites` are the qualifying sites (positions = `nearest.site`), `within[j]` the grid positions
    site j reaches within `threshold` minutes. Returns CATCHMENT_COLUMNS, one row per site."""
    weights = np.asarray(weights, dtype=np.float64)
    n_sites = len(sites)
    minutes = nearest.minutes
    covered = (nearest.site >= 0) & ~np.isnan(minutes) & (minutes <= threshold)
    persons_nearest = np.bincount(nearest.site[covered], weights=weights[covered], minlength=n_sites)[:n_sites]
    lengths = np.array([len(w) for w in within], dtype=np.int64)
    cells = np.concatenate(within).astype(np.int64) if n_sites and lengths.sum() else np.empty(0, np.int64)
    owner = np.repeat(np.arange(n_sites), lengths)
    persons_within = np.bincount(owner, weights=weights[cells], minlength=n_sites)[:n_sites]
    reach_count = np.bincount(cells, minlength=len(weights))
    alone = reach_count[cells] == 1
    persons_only = np.bincount(owner[alone], weights=weights[cells[alone]], minlength=n_sites)[:n_sites]
    frame = sites[["site_id", "name", "type", "size", "municipality"]].reset_index(drop=True).copy()
    frame["population_nearest"] = persons_nearest
    frame["population_within"] = persons_within
    frame["population_only"] = persons_only
    return frame[CATCHMENT_COLUMNS]
