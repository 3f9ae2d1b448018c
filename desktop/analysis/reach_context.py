"""Everything one reach computation needs, held together: the grid, the sites, the travel source per
mode, and the evaluation of a goal for the current network or a what-if (sites switched off, sites
added). Plain data in, plain results out; the service layer loads it from the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from desktop.analysis.reach import (
    Coverage,
    Nearest,
    ReachGoal,
    by_group,
    catchments,
    coverage,
    group_codes,
    population_weights,
    sites_frame,
)
from desktop.analysis.reach_estimate import StraightLineParams, StraightLineTravel
from desktop.analysis.reach_matrix import MatrixTravel
from desktop.analysis.reach_travel import TravelModel
from desktop.analysis.shortfall import below_target
from desktop.analysis.site_catchments import site_catchments
from desktop.core.errors import UserError
from desktop.core.lang import t

if TYPE_CHECKING:  # HiGHS and scipy.sparse (0.2 s to load) only when a goal counts capacities
    from desktop.analysis.capacity import CapacityAssignment

TRAVEL_CHOICES = ("auto", "matrix", "road", "straight-line")


@dataclass
class GoalResult:
    goal: ReachGoal
    coverage: Coverage
    nearest: Nearest
    sites: pd.DataFrame  # the qualifying sites the times were computed for (positions = nearest.site)
    by_municipality: pd.DataFrame  # municipality, name, population, covered, no_route, share_pct
    travel: str  # 'matrix', 'road' or 'straight-line'
    estimate: bool  # True when any figure rests on the straight-line estimate
    weights: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0))
    snap: dict | None = None  # road network only: snapping distances, far (flagged) cells and their persons
    model: TravelModel | None = field(repr=False, default=None)  # the travel source the times came from
    capacity: CapacityAssignment | None = None  # evaluated with capacities: the assignment to sites
    uncapacitated: Coverage | None = None  # evaluated with capacities: the coverage without them

    @property
    def met(self) -> bool:
        return self.coverage.share_pct >= self.goal.target_pct

    def below_target(self) -> pd.DataFrame:
        """The municipalities whose share is under the goal's target (see analysis.shortfall)."""
        return below_target(self.by_municipality, self.goal.target_pct)

    def site_catchments(self) -> pd.DataFrame:
        """Per qualifying site: persons nearest to it (covered), within its threshold, and only it covers."""
        within = self.model.cells_within(self.sites, self.goal.minutes) if len(self.sites) else []
        return site_catchments(self.weights, self.nearest, self.sites, within, self.goal.minutes)

    def catchments(self, within_threshold: bool = False) -> pd.DataFrame:
        """Each qualifying site's catchment: persons for whom it is the nearest site."""
        persons = catchments(self.weights, self.nearest, len(self.sites),
                             self.goal.minutes if within_threshold else None)
        frame = self.sites[["site_id", "name", "type", "size", "municipality"]].copy()
        frame["population"] = persons
        return frame


class ReachContext:
    """Grid + sites + travel sources. `matrix_rows(mode)` returns (origins, destinations, minutes) of
    one mode or None; `road` is a RoadTravel or None."""

    def __init__(
        self,
        grid: pd.DataFrame,
        sites: pd.DataFrame,
        matrix_rows: Callable[[str], tuple | None] | None = None,
        road=None,
        travel: str = "auto",
        straight_line: StraightLineParams | None = None,
        municipality_names: dict[str, str] | None = None,
    ):
        if travel not in TRAVEL_CHOICES:
            raise UserError(t(f"Tuntematon matka-aikalähde '{travel}'. Vaihtoehdot: {', '.join(TRAVEL_CHOICES)}.",
                              f"Unknown travel source '{travel}'. Choices: {', '.join(TRAVEL_CHOICES)}."))
        if len(grid) == 0:
            raise UserError(t("Projektissa ei ole väestöruudukkoa. Tuo ensin ruudukko (grid).",
                              "The project has no population grid. Import a grid first."))
        self.grid = grid.reset_index(drop=True)
        self.sites = sites_frame(sites)
        self.travel = travel
        self.params = straight_line or StraightLineParams()
        self.road = road
        self.municipality_names = municipality_names or {}
        self._matrix_rows = matrix_rows
        self._models: dict[str, TravelModel] = {}
        self._weights: dict[str, np.ndarray] = {}
        self.cell_x = self.grid["x"].to_numpy(np.float64)
        self.cell_y = self.grid["y"].to_numpy(np.float64)
        self.municipality = (self.grid["municipality"].astype(object).fillna("").astype(str).to_numpy()
                             if "municipality" in self.grid.columns else np.full(len(self.grid), ""))
        self._municipality_codes: tuple[np.ndarray, list[str]] | None = None

    # --------------------------------------------------------------- sources
    def weights(self, column: str) -> np.ndarray:
        if column not in self._weights:
            self._weights[column] = population_weights(self.grid, column)
        return self._weights[column]

    def model(self, mode: str) -> TravelModel:
        """The travel model of a mode (built once; the matrix index is the costly part)."""
        if mode in self._models:
            return self._models[mode]
        estimator = StraightLineTravel(self.cell_x, self.cell_y, self.params, mode)
        primary = None
        if self.travel in ("auto", "matrix"):
            rows = self._matrix_rows(mode) if self._matrix_rows else None
            if rows is not None and len(rows[2]):
                primary = MatrixTravel(self.grid["cell_id"], *rows)
            elif self.travel == "matrix":
                raise UserError(t(f"Projektissa ei ole matka-aikamatriisia kulkutavalle '{mode}'.",
                                  f"The project has no travel-time matrix for mode '{mode}'."))
        if primary is None and self.travel in ("auto", "road") and self.road is not None:
            primary = self.road
        elif primary is None and self.travel == "road":
            raise UserError(t("Projektissa ei ole tieverkkoa.", "The project has no road network."))
        anchors = None
        if primary is not None:  # places a what-if site may borrow matrix times from
            anchors = pd.concat([pd.DataFrame({"site_id": self.grid["cell_id"].astype(str), "x": self.cell_x,
                                               "y": self.cell_y}), self.sites[["site_id", "x", "y"]]],
                                ignore_index=True)
        model = TravelModel(primary, estimator, anchors)
        self._models[mode] = model
        return model

    # --------------------------------------------------------------- what-if
    def network(self, closed: Iterable[str] = (), added: pd.DataFrame | list[dict] | None = None) -> pd.DataFrame:
        """The site network of a what-if: existing sites minus `closed` ids plus `added` sites."""
        closed = {str(c) for c in closed}
        sites = self.sites[~self.sites["site_id"].isin(closed)] if closed else self.sites
        if added is not None and len(added):
            sites = pd.concat([sites, sites_frame(added)], ignore_index=True)
        return sites.reset_index(drop=True)

    def evaluate(self, goal: ReachGoal, closed: Iterable[str] = (), added=None,
                 sites: pd.DataFrame | None = None, capacities: bool = False) -> GoalResult:
        """Coverage of `goal` over the current network or a what-if. With `capacities`, a person counts
        as covered only when a qualifying site within the threshold has room (see analysis.capacity):
        coverage and the municipalities' figures are then the capacity-aware ones, the plain figures
        stay in `uncapacitated`."""
        weights = self.weights(goal.population_column)
        network = self.network(closed, added) if sites is None else sites
        qualifying = network[goal.qualifying(network)].reset_index(drop=True)
        model = self.model(goal.mode)
        nearest = model.nearest(qualifying)
        cov = coverage(weights, nearest.minutes, goal.minutes)
        assignment, plain = None, None
        if capacities:
            within = model.cells_within(qualifying, goal.minutes) if len(qualifying) else []
            from desktop.analysis.capacity import assign_with_capacities

            assignment = assign_with_capacities(weights, within, qualifying["capacity"].to_numpy(float))
            plain = cov
            cov = Coverage(cov.population, assignment.covered, cov.no_route, cov.no_route_cells,
                           100.0 * assignment.covered / cov.population if cov.population > 0 else 0.0)
        if self._municipality_codes is None:  # counted by for every goal: factorised once
            self._municipality_codes = group_codes(self.municipality)
        groups = by_group(weights, nearest.minutes, goal.minutes, self._municipality_codes,
                          assignment.cell_assigned if assignment is not None else None)
        groups = groups.rename(columns={"group": "municipality"})
        groups.insert(1, "name", [self.municipality_names.get(c, c) for c in groups["municipality"]])
        snap = None
        if model.kind == "road":
            cell_snap = model.primary.cell_snap
            snap = {**cell_snap.summary(), "far_population": float(weights[cell_snap.far].sum()),
                    "max_snap_m": model.primary.max_snap_m}
            site_snap = model.primary.last_site_snap
            if site_snap is not None and len(site_snap.far) == len(qualifying):
                snap["far_sites"] = qualifying["site_id"][site_snap.far].astype(str).tolist()
        return GoalResult(
            goal=goal, coverage=cov, nearest=nearest, sites=qualifying, by_municipality=groups,
            travel=model.kind, estimate=model.estimate or bool(nearest.estimated_sites), weights=weights, snap=snap,
            model=model, capacity=assignment, uncapacitated=plain,
        )
