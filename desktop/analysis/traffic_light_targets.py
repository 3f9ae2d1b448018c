"""Views derived from the traffic-light figures: each level's share of a row (green share of euros by
segment), and targets on those shares (e.g. green share of euros for children and youth at least 40 %
in 2027) with their status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from desktop.analysis.traffic_light_cuts import LEVEL_ORDER

if TYPE_CHECKING:
    from desktop.analysis.traffic_lights import TrafficLightResult


def level_shares(result: TrafficLightResult, measure: str = "cost_eur", dim: str | None = None) -> pd.DataFrame:
    """Per value of `dim` (default: the first dimension): the measure per level, its share of the
    row's total (0..1) and the row total. Columns: dim, green, yellow, red, unclassified,
    share_green, ..., total."""
    rows = result.rows
    dim = dim or (result.by[0] if result.by else None)
    if dim is None:
        frame = result.level_totals.set_index("level")[[measure]].T
        frame.index = [""]
    else:
        frame = rows.pivot_table(index=dim, columns="level", values=measure, aggfunc="sum", sort=False, observed=False)
    for level in LEVEL_ORDER:
        if level not in frame.columns:
            frame[level] = 0.0
    frame = frame[list(LEVEL_ORDER)].fillna(0.0).astype(float)
    total = frame.sum(axis=1)
    for level in LEVEL_ORDER:
        frame[f"share_{level}"] = np.where(total > 0, frame[level] / total.where(total > 0, 1), 0.0)
    frame["total"] = total
    frame.index.name = dim or "all"
    return frame.reset_index()


@dataclass(frozen=True)
class Target:
    """A target share: e.g. green share of euros for children and youth at least 40 % in 2027."""

    segment: str
    year: int
    level: str
    measure: str  # 'contacts', 'clients' or 'cost_eur'
    share: float  # 0..1
    at_least: bool = True
    id: int | None = None


def target_status(target: Target, shares: pd.DataFrame, dim: str = "segment") -> dict:
    """{'actual': share or None, 'status': 'met' | 'not_met' | 'no_data'} for a target against
    `level_shares(...)` of the target's year and measure."""
    row = shares[shares[dim] == target.segment]
    if row.empty or float(row["total"].iloc[0]) == 0:
        return {"actual": None, "status": "no_data"}
    actual = float(row[f"share_{target.level}"].iloc[0])
    met = actual >= target.share if target.at_least else actual <= target.share
    return {"actual": actual, "status": "met" if met else "not_met"}
