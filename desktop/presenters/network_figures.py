"""What the service network page shows of one goal's result, without Qt: the cumulative curve, the
map's layers, the grid cell under the pointer, the catchments per site, and the XLSX export of the
goals table. `network` is the page's `NetworkPresenter` (its store, reach context and what-if)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.analysis.reach import cumulative_curve
from desktop.charts.network_map import MapLayers
from desktop.charts.reach import CurveData
from desktop.presenters.network import NetworkPresenter


@dataclass(frozen=True)
class CellFacts:
    """One grid cell under the pointer: what the map's tooltip tells."""

    cell_id: str
    persons: float  # of the goal's target population
    population_column: str
    minutes: float  # to the nearest qualifying site; NaN without a route
    site_name: str | None  # that site (None without a route)
    limit: float  # the goal's time limit, minutes


def curve_data(result) -> list[CurveData]:
    """The cumulative curve of a GoalResult (share of the population reached by minutes)."""
    goal = result.goal
    minutes, share = cumulative_curve(result.weights, result.nearest.minutes)
    return [CurveData(goal.name, minutes, share, goal.minutes, goal.target_pct, result.coverage.share_pct,
                      result.estimate)]


def catchment_frame(result) -> pd.DataFrame:
    """Catchments per site (persons: nearest / within the limit / only this site), with capacities and
    the persons each serves when the figures are capacity-aware."""
    frame = result.site_catchments()
    frame["capacity"] = result.sites["capacity"].to_numpy(float)
    frame["assigned"] = result.capacity.assigned if result.capacity is not None else np.nan
    return frame


def map_layers(network: NetworkPresenter, result, attribution: str) -> MapLayers:
    """What the map draws for a GoalResult: the cells' minutes, the goal's qualifying sites (active,
    closed, added in the what-if), the municipal centres and borders (credited with `attribution`)
    and the municipalities below the target."""
    from desktop.services.borders import county_borders
    from desktop.services.network import municipal_centres

    goal, context = result.goal, network.context
    sites = context.sites.copy()
    sites["state"] = np.where(sites["site_id"].isin(network.closed), "closed", "active")
    sites = sites[goal.qualifying(sites)]
    if network.added:
        extra = pd.DataFrame(network.added).assign(state="added")
        sites = pd.concat([sites, extra[goal.qualifying(extra)]], ignore_index=True)
    centres = municipal_centres(network.store)
    borders = county_borders().for_codes(centres["code"]).around(context.cell_x, context.cell_y)
    below = result.below_target()
    return MapLayers(context.cell_x, context.cell_y, result.nearest.minutes, result.weights,
                     goal.minutes, sites, centres, goal.name, result.estimate,
                     {c: b.rings() for c, b in borders.municipalities.items()},
                     borders.region.rings() if borders.region is not None else None,
                     dict(zip(below["municipality"], below["name"], strict=True)),
                     attribution if borders.municipalities else "")


def cell_facts(network: NetworkPresenter, result, x: float, y: float) -> CellFacts | None:
    """The grid cell at (x, y) metres (ETRS-TM35FIN) for a GoalResult, or None outside every cell."""
    if result is None or network.lookup is None:
        return None
    cell = network.lookup.cell_at(x, y)
    if cell < 0:
        return None
    minutes, site = result.nearest.minutes[cell], result.nearest.site[cell]
    name = None if site < 0 or np.isnan(minutes) else result.sites["name"].iat[site]
    return CellFacts(network.context.grid["cell_id"].iat[cell], result.weights[cell],
                     result.goal.population_column, minutes, name, result.goal.minutes)


def export_table(network: NetworkPresenter, path: str | Path, row: int) -> Path:
    """The goals with their figures, and goal `row`'s municipalities and catchments (row -1: none),
    to an XLSX file; returns its path."""
    path = Path(path)
    rows = []
    for goal, r in zip(network.goals, network.results, strict=False):
        if isinstance(r, Exception):
            rows.append({"tavoite": goal.name, "virhe": str(r)})
            continue
        rows.append({"tavoite": goal.name, "tyypit": ", ".join(goal.site_types), "koot": ", ".join(goal.sizes),
                     "kohdeväestö": goal.population_column, "aikaraja_min": goal.minutes,
                     "tavoite_pct": goal.target_pct, "kattavuus_pct": round(r.coverage.share_pct, 3),
                     "toteutuu": "toteutuu" if r.met else "ei toteudu", "väestö": r.coverage.population,
                     "katettu": r.coverage.covered, "kattamatta": r.coverage.not_covered,
                     "ei_reittiä": r.coverage.no_route, "matka_ajat": r.travel, "arvio": r.estimate})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame(rows).to_excel(writer, sheet_name="Tavoitteet", index=False)
        if row >= 0 and not isinstance(network.results[row], Exception):
            network.results[row].by_municipality.to_excel(writer, sheet_name="Kunnittain", index=False)
            catchment_frame(network.results[row]).to_excel(writer, sheet_name="Vaikutusalueet", index=False)
    return path
