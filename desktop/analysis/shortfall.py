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
    population, share = frame["population"].tolist(), frame["share_pct"].tolist()
    codes = frame["municipality"].tolist()
    rows = [i for i, (p, c, s) in enumerate(zip(population, codes, share, strict=True))
            if p > 0 and str(c) != "" and s < float(target_pct)]
    rows.sort(key=lambda i: (share[i], codes[i]))  # stable: equal rows keep their order
    return frame.iloc[rows][BELOW_COLUMNS].reset_index(drop=True)
