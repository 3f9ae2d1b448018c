"""The service network page without Qt (Finnish: Palveluverkko): its load, the reach goals and their
figures, the what-if (sites switched off, sites added), goal edits with undo, scenarios and the question
to the new-site optimiser; what one goal's result shows is `desktop.presenters.network_figures`.

All figures come from `desktop.services.network` (the same code as `sote-planner reach`). The page
(`desktop.ui.pages.network_page`) shows this state in widgets and hands the planner's actions here;
after a what-if change it calls `evaluate()` and shows the results.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from desktop.analysis.cell_lookup import CellLookup
from desktop.analysis.reach import ReachGoal
from desktop.charts.network_map import cell_size
from desktop.core.command import FunctionCommand, UndoStack
from desktop.core.errors import UserError
from desktop.core.lang import t


def evaluate_goals(context, goals: list[ReachGoal], closed, added, capacities: bool = False) -> list:
    """Each goal's GoalResult for the what-if (site ids `closed` switched off, sites `added`), or the
    UserError that stopped it; with `capacities` the capacity-aware figures. Qt-free: the page runs it
    after a what-if change or a goal edit, and in the background on a load."""
    results = []
    for goal in goals:
        try:
            results.append(context.evaluate(goal, closed, added, capacities=capacities))
        except UserError as exc:
            results.append(exc)
    return results


@dataclass
class NetworkData:
    """What `load_network_data` hands to the page."""

    goals: list[ReachGoal]
    settings: dict  # travel_settings of the store
    context: object  # ReachContext, or None when it could not be built (`message` says why)
    message: str
    closed: set  # the what-if the results are for
    added: list
    results: list  # evaluate_goals of every goal
    seconds: float  # evaluation time of the results
    scenarios: list[str]  # names of the saved scenarios
    centres: object  # centre_requirements (DataFrame)
    comparison: object  # compare_scenarios (DataFrame)
    road: tuple[int, int] | None  # nodes and edges of the stored road network


def load_network_data(progress, store, travel: str, closed: set, added: list[dict],
                      capacities: bool = False) -> NetworkData:
    """The page's heavy load, run off the GUI thread (Qt-free): the goals and travel settings, a reach
    context over the store (`travel`: 'auto', 'matrix', 'road' or 'straight-line'), every goal
    evaluated for the what-if (`closed`, `added`), the centre rules, the scenario comparison and the
    size of the stored road network."""
    from desktop.services import edit_versions
    from desktop.services import network as svc

    edit_versions.begin_editing(store, "goals")  # saves are based on what is stored now
    goals = svc.list_goals(store)
    settings = svc.travel_settings(store)
    try:
        context = svc.build_context(store, travel)
    except UserError as exc:
        return NetworkData(goals, settings, None, str(exc), closed, added, [], 0.0, [], None, None, None)
    progress.check()
    started = time.perf_counter()
    results = evaluate_goals(context, goals, closed, added, capacities)
    seconds = time.perf_counter() - started
    progress.check()
    scenarios = [s["name"] for s in svc.list_scenarios(store)]
    centres = svc.centre_requirements(store, context.sites)
    comparison = svc.compare_scenarios(store, context)
    network = svc.load_road_network(store)
    road = (network.n_nodes, network.n_edges) if network is not None else None
    return NetworkData(goals, settings, context, "", closed, added, results, seconds, scenarios, centres,
                       comparison, road)


def edited_goal(goal: ReachGoal, column: str, value) -> ReachGoal | None:
    """`goal` with the goals table's `column` ('name', 'types', 'sizes', 'population', 'minutes',
    'target') set from the planner's typed `value` (lists comma-separated, decimals with a comma or a
    point); None when the text is no value of that column or changes nothing."""
    text = str(value)
    try:
        if column == "name":
            new = replace(goal, name=text.strip())
        elif column == "types":
            new = replace(goal, site_types=tuple(v.strip() for v in text.split(",") if v.strip()))
        elif column == "sizes":
            new = replace(goal, sizes=tuple(v.strip() for v in text.split(",") if v.strip()))
        elif column == "population":
            new = replace(goal, population_column=text.strip() or "population")
        elif column == "minutes":
            new = replace(goal, minutes=float(text.replace(",", ".")))
        elif column == "target":
            new = replace(goal, target_pct=float(text.replace(",", ".")))
        else:
            return None
    except ValueError:
        return None
    return None if new == goal else new


class NetworkPresenter:
    """The network page's state: the store, its reach context, the goals and their results for the
    what-if (`closed` site ids, `added` sites), undoable goal edits and the optimiser's last answer.

    `goals_listeners` are called after an edit, undo or redo has written the goals to the store (the
    page evaluates and shows them again)."""

    def __init__(self) -> None:
        self.store = None
        self.context = None
        self.goals: list[ReachGoal] = []
        self.results: list = []
        self.closed: set[str] = set()
        self.added: list[dict] = []
        self.capacities = False  # capacity-aware figures
        self.lookup: CellLookup | None = None  # the grid's cells by position, for the map's tooltip
        self.undo_stack = UndoStack()
        self.goals_listeners: list[Callable[[], None]] = []
        self.optimum: dict | None = None  # the optimiser's last answer
        self.optimum_goal: ReachGoal | None = None  # the goal it answered

    # ------------------------------------------------------------------ loading
    def load_args(self) -> tuple:
        """The arguments of `load_network_data` after the progress and the travel source: the store
        and a copy of the what-if (the page may change its own meanwhile)."""
        return self.store, set(self.closed), [dict(a) for a in self.added], self.capacities

    def clear(self) -> None:
        """Nothing loaded (no project, or the load failed)."""
        self.context = None
        self.goals, self.results = [], []

    def take_loaded(self, data: NetworkData) -> list | None:
        """Keep a finished load; returns its results when they are for the current what-if, None when
        it changed meanwhile (then `evaluate()`), or when there is no context (`data.message` says why)."""
        self.goals = data.goals
        self.context = data.context
        if self.context is None:
            self.results = []
            return None
        self.lookup = CellLookup(self.context.cell_x, self.context.cell_y,
                                 cell_size(self.context.cell_x, self.context.cell_y))
        capacity_aware = all(getattr(r, "capacity", None) is not None for r in data.results
                             if not isinstance(r, Exception))
        if data.closed == self.closed and data.added == self.added and capacity_aware == self.capacities:
            self.results = data.results
            return data.results
        return None

    def evaluate(self) -> list:
        """Evaluate every goal for the current what-if (kept in `results`, also returned)."""
        self.results = evaluate_goals(self.context, self.goals, self.closed, self.added, self.capacities)
        return self.results

    def site_types(self) -> list[str]:
        return sorted(set(self.context.sites["type"])) if self.context is not None else []

    # ------------------------------------------------------------------ what the figures rest on
    def travel_kinds(self) -> list[str]:
        """The travel-time sources of the results ('matrix', 'road', 'straight-line'), sorted."""
        return sorted({r.travel for r in self._figures()})

    def estimated(self) -> bool:
        """True when some figure rests on the straight-line estimate."""
        return any(r.estimate for r in self._figures())

    def snap(self) -> dict | None:
        """How the grid's cells were snapped to the road network (the first result that says), or None."""
        return next((r.snap for r in self._figures() if r.snap), None)

    def _figures(self) -> list:
        return [r for r in self.results if not isinstance(r, Exception)]

    # ------------------------------------------------------------------ goals (undoable)
    def push_goals(self, text: str, new: list[ReachGoal]) -> None:
        """Write `new` as the goals, undoably (`text` names the step); UserError for a goal that is not
        valid (nothing written)."""
        from desktop.services.network import validate_goal

        old = list(self.goals)
        for goal in new:
            validate_goal(goal)
        self.undo_stack.push(FunctionCommand(text, lambda: self._write_goals(new), lambda: self._write_goals(old)))

    def _write_goals(self, goals: list[ReachGoal]) -> None:
        from desktop.services.network import replace_goals

        self.goals = replace_goals(self.store, goals)
        for listener in self.goals_listeners:
            listener()

    def with_goal(self, row: int, goal: ReachGoal) -> list[ReachGoal]:
        new = list(self.goals)
        new[row] = goal
        return new

    def with_new_goal(self) -> list[ReachGoal]:
        """The goals and a new one: "Uusi tavoite n", 30 minutes to a site of the first type."""
        names = {g.name for g in self.goals}
        n = 1
        while f"Uusi tavoite {n}" in names:
            n += 1
        types = tuple(self.site_types()[:1]) if self.context is not None else ("sote-keskus",)
        return self.goals + [ReachGoal(f"Uusi tavoite {n}", types or ("sote-keskus",), 30)]

    def without_goal(self, row: int) -> list[ReachGoal]:
        return self.goals[:row] + self.goals[row + 1:]

    # ------------------------------------------------------------------ what-if
    def set_site_active(self, site_id: str, active: bool) -> None:
        """Switch a site on or off (an added site switched off is removed)."""
        site_id = str(site_id)
        if site_id in {a["site_id"] for a in self.added}:
            if not active:
                self.added = [a for a in self.added if a["site_id"] != site_id]
        elif active:
            self.closed.discard(site_id)
        else:
            self.closed.add(site_id)

    def add_site(self, x: float, y: float, site_type: str, size: str = "") -> dict:
        """Add a what-if site at (x, y) metres (ETRS-TM35FIN); returns it."""
        n = len(self.added) + 1
        ids = {a["site_id"] for a in self.added}
        while f"uusi-{n}" in ids:
            n += 1
        site = {"site_id": f"uusi-{n}", "name": t("Uusi {0}", "New {0}").format(n), "type": site_type,
                "size": size, "x": float(x), "y": float(y), "municipality": ""}
        self.added.append(site)
        return site

    def reset_what_if(self) -> None:
        self.closed.clear()
        self.added = []

    def save_scenario(self, name: str, added: list[dict] | None = None) -> None:
        """Save the what-if (or the closed sites with `added`) as scenario `name`; UserError for a bad name."""
        from desktop.services.network import save_scenario

        save_scenario(self.store, name, sorted(self.closed), self.added if added is None else added)

    def load_scenario(self, name: str) -> bool:
        """Make the saved scenario `name` the what-if; False when there is none of that name."""
        from desktop.services.network import list_scenarios

        for s in list_scenarios(self.store):
            if s["name"] == name:
                self.closed = set(s["closed"])
                self.added = [dict(a) for a in s["added"]]
                return True
        return False

    def scenario_names(self) -> list[str]:
        from desktop.services.network import list_scenarios

        return [s["name"] for s in list_scenarios(self.store)]

    def comparison(self) -> pd.DataFrame:
        """Coverage % of every goal in the current network and in each saved scenario."""
        from desktop.services.network import compare_scenarios

        return compare_scenarios(self.store, self.context)

    def apply_travel_settings(self, detour: float, car_kmh: float, access_kmh: float, max_snap_m: float) -> None:
        """Store the straight-line estimate's detour factor and car speed and the road network's access
        speed (0: none) and largest snapping distance (not in a read-only project)."""
        from desktop.services.network import set_travel_settings, travel_settings

        settings = travel_settings(self.store)
        settings["straight_line"]["detour_factor"] = detour
        settings["straight_line"]["speeds_kmh"]["car"] = car_kmh
        settings["access_speed_kmh"] = access_kmh or None
        settings["max_snap_m"] = max_snap_m
        if not self.store.readonly:
            set_travel_settings(self.store, settings)

    # ------------------------------------------------------------------ new sites (the optimiser)
    def find_new_sites(self, question: dict, run: Callable[[Callable], dict]) -> dict:
        """Answer the "Uudet toimipisteet" question (`NewSitesPanel.request()`: the goal's name, the
        candidates and keyword arguments of `optimize_sites`); `run(task)` runs `task(progress)` (the
        page: in the background with a progress dialog). UserError when it cannot be answered."""
        from desktop.services.network import goal_by_name
        from desktop.services.new_sites import optimize_sites

        self.optimum = None
        question = dict(question)
        goal = goal_by_name(self.store, question.pop("goal_name"))
        if "max_sites" not in question:
            question["target_pct"] = goal.target_pct
        candidates = question.pop("candidates")
        context = self.context
        result = run(lambda _p: optimize_sites(self.store, candidates, goal=goal, context=context, **question))
        self.optimum, self.optimum_goal = result, goal
        return result

    def optimum_sites(self) -> list[dict]:
        """The last answer's new sites as what-if sites of the goal's type and smallest qualifying size."""
        result, goal = self.optimum, self.optimum_goal
        if not result or goal is None:
            return []
        size = goal.sizes[0] if goal.sizes else ""
        out = []
        for site in result["new_sites"]:
            added = {"site_id": f"uusi-{site['site_id']}", "name": t("Uusi: {0}", "New: {0}").format(site["name"]),
                     "type": goal.site_types[0], "size": size, "x": site["x"], "y": site["y"],
                     "municipality": site["municipality"]}
            if "capacity" in site:
                added["capacity"] = site["capacity"]
            out.append(added)
        return out

    def with_optimum_sites(self) -> list[dict]:
        """The added sites and the last answer's new sites not yet among them."""
        known = {a["site_id"] for a in self.added}
        return self.added + [s for s in self.optimum_sites() if s["site_id"] not in known]

    def add_optimum_sites(self) -> int:
        """Add the last answer's new sites to the what-if; returns the row of their goal (-1: no sites)."""
        if not self.optimum_sites():
            return -1
        self.added = self.with_optimum_sites()
        return [g.name for g in self.goals].index(self.optimum_goal.name)
