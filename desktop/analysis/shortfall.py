"""Municipalities that fall short of a goal: a goal can be met for the county as a whole while some
municipalities are far below it (seed 002 asks for 95 % of Keski-Suomi's residents, and the
planners must see where the rest live). One definition, used by the goals table, the map, `reach
--json` and the workshop report."""

from __future__ import annotations

import pandas as pd

BELOW_COLUMNS = ["municipality", "name", "share_pct", "population", "covered"]


def below_target(by_municipality: pd.DataFrame, target_pct: float) -> pd.DataFrame:
    """The municipalities whose coverage share is under `target_pct` (strictly, unrounded), lowest share
    first. `by_municipality` has columns municipality, name, population, covered, share_pct (as
    `ReachContext.evaluate` gives them). Municipalities with no target population and cells with no
    municipality code are not municipalities that fall short and are left out."""
    frame = by_municipality
    short = frame[(frame["population"] > 0) & (frame["municipality"].astype(str) != "")
                  & (frame["share_pct"] < float(target_pct))]
    return short.sort_values(["share_pct", "municipality"], kind="stable")[BELOW_COLUMNS].reset_index(drop=True)
