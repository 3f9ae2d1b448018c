"""The development measures page without Qt: the tracker it shows, its edits and their undo.

`MeasuresPresenter` holds what the Kehittämistoimenpiteet page works on: the open store, the tracker
read from it (goals > focus areas > measures with monthly ratings 1-5), the undo stack of the edits
(each edit is saved to the store at once and can be undone) and the linked figures per year of the
selected measure. The page (desktop.ui.pages.measures_page) only shows what this gives and passes the
planner's clicks to it; its Qt model (desktop.ui.models.measures_models) reads the tree built here.

Edits return True when the store changed (False when there was nothing to change) and raise
`UserError` with a sentence for the planner when the edit is refused; nothing changes then.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.charts.numbers import number
from desktop.core.command import Command, UndoStack
from desktop.core.lang import t
from desktop.core.measures import Month, Tracker, rating_label
from desktop.services import edit_versions
from desktop.services import measures as svc
from desktop.store import Store

#: the detail columns after the months, in order
DETAILS = ("responsible", "notes", "indicators")


@dataclass
class TreeNode:
    """One row of the tracker's tree: a goal, a focus area under one goal, or a measure."""

    kind: str  # 'goal', 'area' (a focus area under one goal) or 'measure'
    goal_id: int
    area_id: int = 0
    measure_id: int = 0
    parent: TreeNode | None = None
    children: list[TreeNode] = field(default_factory=list)
    row: int = 0

    @property
    def key(self) -> tuple:
        return (self.kind, self.goal_id, self.area_id, self.measure_id)


def build_tree(tracker: Tracker) -> list[TreeNode]:
    """Goals in their order; under each, the focus areas that have measures of that goal."""
    roots = []
    for gi, goal in enumerate(sorted(tracker.goals, key=lambda g: (g.position, g.id))):
        gnode = TreeNode("goal", goal.id, row=gi)
        for area in sorted(tracker.areas, key=lambda a: (a.position, a.id)):
            measures = tracker.measures_of(goal.id, area.id)
            if not measures:
                continue
            anode = TreeNode("area", goal.id, area.id, parent=gnode, row=len(gnode.children))
            anode.children = [TreeNode("measure", goal.id, area.id, m.id, parent=anode, row=i)
                              for i, m in enumerate(measures)]
            gnode.children.append(anode)
        roots.append(gnode)
    return roots


def tree_shape(roots: list[TreeNode]) -> list:
    """The keys of the tree, nested: equal shapes need no reset of the view."""
    return [(g.key, [(a.key, [m.key for m in a.children]) for a in g.children]) for g in roots]


def figure_text(value: float | None) -> str:
    """One decimal in the UI language: '1 234,5' (Finnish: no-break space thousands, decimal comma) or '1,234.5'."""
    return number(value, 1)


@dataclass(frozen=True)
class MeasureDetails:
    """The selected measure beside its linked figures: years as rows, the year's last rating first."""

    title: str
    history: str
    years: list[int]
    headers: list[str]
    tips: list[str]
    columns: list[list[str]]
    note: str


class MeasuresPresenter:
    """The tracker of one store, its edits and their undo (see the module docstring)."""

    def __init__(self) -> None:
        self.store: Store | None = None
        self.tracker = Tracker()
        self.undo_stack = UndoStack()
        self._figure_cache: dict[tuple, object] = {}
        self.attempt: tuple[Callable[[], None], Command | None] = (lambda: None, None)  # the last edit tried

    # ------------------------------------------------------------------ store
    def set_store(self, store: Store | None) -> None:
        """Work on `store`: the history of the store before is forgotten (it may already be closed)."""
        self.store = None
        self.undo_stack.clear()
        self._figure_cache.clear()
        self.store = store

    @property
    def writable(self) -> bool:
        return self.store is not None and not self.store.readonly

    def load(self) -> Tracker:
        """Read the tracker from the store (an empty one without a store); edits are based on it."""
        if self.store is None:
            self.tracker = Tracker()
        else:
            edit_versions.begin_editing(self.store, "measures")  # a colleague's later save refuses our edits
            self.tracker = svc.load_tracker(self.store)
        return self.tracker

    # ------------------------------------------------------------------- undo
    def push(self, command: Command) -> bool:
        """Do `command` and keep it for undo; a refused edit raises UserError (SaveConflict when a
        colleague saved the tracker after it was read) and changes nothing."""
        self.attempt = (command.do, command)
        self.undo_stack.push(command)
        return True

    def undo(self) -> str | None:
        """Undo the last edit; its text ('Arvio ...'), or None when there was nothing to undo."""
        if not self.undo_stack.can_undo():
            return None
        command = self.undo_stack.done[-1]
        self.attempt = (command.undo, command)
        self.undo_stack.undo()
        return command.text

    def redo(self) -> bool:
        if not self.undo_stack.can_redo():
            return False
        command = self.undo_stack.undone[-1]
        self.attempt = (command.do, command)
        return self.undo_stack.redo()

    def attempt_in(self, copy: Store) -> None:
        """Make the last edit, undo or redo tried (refused by a colleague's save) in `copy`, the
        planner's copy of the project."""
        again, command = self.attempt
        if command is not None and hasattr(command, "store"):
            own, command.store = command.store, copy
            try:
                again()
            finally:
                command.store = own

    def undo_text(self) -> str | None:
        return self.undo_stack.done[-1].text if self.undo_stack.can_undo() else None

    # ------------------------------------------------------------------ edits
    def rate(self, measure_id: int, month: Month, value) -> bool:
        """Rate `measure_id` in `month` (1-5; None, '' or 0 clears the rating)."""
        value = None if value in (None, "", 0) else int(value)
        if value == self.tracker.rating(measure_id, month):
            return False
        return self.push(svc.SetRating(self.store, measure_id, month, value))

    def edit_field(self, kind: str, item_id: int, name: str, value) -> bool:
        """Set a goal's, area's or measure's `name`, `notes` or (a measure's) `responsible`."""
        item = {"goal": self.tracker.goal, "area": self.tracker.area, "measure": self.tracker.measure}[kind](item_id)
        if str(value) == str(getattr(item, name) or ""):
            return False
        return self.push(svc.EditField(self.store, kind, item_id, name, value))

    def edit_node(self, node: TreeNode, name: str, value) -> bool:
        item_id = {"goal": node.goal_id, "area": node.area_id, "measure": node.measure_id}[node.kind]
        return self.edit_field(node.kind, item_id, name, value)

    def save_notes(self, measure_id: int, text: str) -> bool:
        return self.edit_field("measure", measure_id, "notes", text.strip())

    def add_goal(self, name: str) -> bool:
        return bool(name and name.strip()) and self.push(svc.AddGoal(self.store, name))

    def add_measure(self, goal_id: int, area: int | str, name: str, responsible: str = "") -> tuple | None:
        """Add a measure under `goal_id` and `area` (an id, or the name of a new focus area); the key of its row."""
        command = svc.AddMeasure(self.store, goal_id, area, name, responsible)
        self.push(command)
        return ("measure", goal_id, command.area_id, command.id)

    def move_measure(self, measure_id: int, goal_id: int, area: int | str) -> tuple | None:
        """Move a measure under another goal or area; the key of its new row (None: it is there already)."""
        measure = self.tracker.measure(measure_id)
        if (goal_id, area) == (measure.goal_id, measure.area_id):
            return None
        command = svc.MoveMeasure(self.store, measure_id, goal_id, area)
        self.push(command)
        return ("measure", goal_id, command.area_id, measure_id)

    def delete(self, node: TreeNode) -> bool:
        """Delete the measure, the focus area (under every goal) or the goal of `node`, with their ratings."""
        if node.kind == "measure":
            return self.push(svc.DeleteMeasure(self.store, node.measure_id))
        if node.kind == "area":
            return self.push(svc.DeleteArea(self.store, node.area_id))
        return self.push(svc.DeleteGoal(self.store, node.goal_id))

    def add_month(self) -> bool:
        return self.push(svc.AddMonth(self.store))

    def link_indicator(self, measure_id: int, name: str) -> bool:
        current = list(self.tracker.measure(measure_id).indicators)
        return self.push(svc.SetIndicators(self.store, measure_id, current + [name]))

    def unlink_indicator(self, measure_id: int, position: int) -> bool:
        """Remove the linked figure at `position` (0 = the first linked; outside them: the last one)."""
        current = list(self.tracker.measure(measure_id).indicators)
        if not current:
            return False
        drop = current[position] if 0 <= position < len(current) else current[-1]
        return self.push(svc.SetIndicators(self.store, measure_id, [n for n in current if n != drop]))

    def linkable_indicators(self, measure_id: int) -> list:
        """The figures the store can compute that the measure does not link yet (name, label)."""
        linked = set(self.tracker.measure(measure_id).indicators)
        return [p for p in svc.available_indicators(self.store) if p.name not in linked]

    # ------------------------------------------------------------------ files
    def import_excel(self, path: str) -> svc.ImportRecords:
        """Merge the ratings of a tracker workbook (an undoable edit); the done command (its `.result`)."""
        from pathlib import Path

        from desktop.importers.measures_xlsx import read_tracker_xlsx

        records, months = read_tracker_xlsx(path)
        command = svc.ImportRecords(self.store, records, months, Path(path).name)
        self.push(command)
        return command

    def export_excel(self, path: str) -> None:
        svc.export_measures_xlsx(self.store, path)

    def export_chart(self, kind: str, path: str) -> None:
        svc.export_chart(self.store, kind, path)

    # ---------------------------------------------------------------- details
    def details(self, measure_id: int) -> MeasureDetails:
        """The measure's rating history and, per year, its last rating beside each linked figure."""
        tracker, measure = self.tracker, self.tracker.measure(measure_id)
        history = tracker.history(measure_id)
        if history:
            history_text = t("Arviohistoria: ", "Rating history: ") + ", ".join(
                f"{mo.label()}: {rating_label(v)}" for mo, v in history)
        else:
            history_text = t("Ei arvioita vielä.", "No ratings yet.")
        key = (self.store.data_version, "years")
        if key not in self._figure_cache:  # reading the event years of millions of events: once per change
            self._figure_cache[key] = svc.indicator_years(self.store)
        data_years = self._figure_cache[key]
        years = sorted(set(data_years) | {mo.year for mo, _ in history})
        headers = [t("Arvio\n(vuoden viimeisin)", "Rating\n(latest of the year)")]
        # a rating of an earlier year is not this year's status: a year without ratings says so
        columns = [[rating_label(last[1]) if (last := tracker.latest(measure_id, until=Month(y, 12)))
                    and last[0].year == y else t("ei arviota", "no rating")
                    for y in years]]
        tips = [t("Toimenpiteen viimeisin arvio kyseisen vuoden aikana", "The measure's last rating during that year")]
        notes = []
        for name in measure.indicators:
            key = (self.store.data_version, name, tuple(data_years))
            result = self._figure_cache.get(key)
            if result is None:
                result = svc.indicator_values(self.store, name, data_years)
                self._figure_cache[key] = result
            label = result.label  # labels name their unit ("Asiakkaita / 1 000 asukasta: ...")
            headers.append("\n".join(textwrap.wrap(label, 18)[:5]))
            tips.append(label)
            columns.append([figure_text(result.values.get(y)) if y in result.values else "" for y in years])
            if result.note:
                notes.append(f"{result.label}: {result.note}")
        if not measure.indicators:
            notes.append(t("Ei linkitettyjä mittareita. Linkitä mittari nähdäksesi, liikkuvatko luvut.",
                           "No linked indicators. Link one to see whether the figures move."))
        elif not data_years:
            notes.append(t("Projektissa ei ole palvelutapahtumia, joten mittareille ei ole lukuja.",
                           "The project has no service events, so there are no figures for indicators."))
        return MeasureDetails(measure.name, history_text, years, headers, tips, columns, "\n".join(notes))

    # --------------------------------------------------------------- heat map
    def heatmap_choices(self) -> list[tuple[str, int | None]]:
        """The heat map's choice: all goals (None), then each goal numbered in its order."""
        goals = sorted(self.tracker.goals, key=lambda g: (g.position, g.id))
        return [(t("kaikki hyötytavoitteet", "all benefit goals"), None)] + [
            (f"{i}. {g.name}", g.id) for i, g in enumerate(goals, 1)]

    def first_goal_id(self) -> int | None:
        goals = sorted(self.tracker.goals, key=lambda g: (g.position, g.id))
        return goals[0].id if goals else None

    def heatmap_view(self, goal_id: int | None) -> tuple[Tracker, str | None, str]:
        """(tracker, title, captions) of the heat map: the measures of `goal_id`, or all (None, or a goal gone)."""
        goals = sorted(self.tracker.goals, key=lambda g: (g.position, g.id))
        goal = next((g for g in goals if g.id == goal_id), None)
        if goal is None:
            return self.tracker, None, "goal"
        measures = self.tracker.measures_of(goal_id=goal.id)
        keep = {m.id for m in measures}
        sub = Tracker(self.tracker.goals, self.tracker.areas, measures, self.tracker.months,
                      {key: r for key, r in self.tracker.ratings.items() if key[0] in keep})
        name = goal.name if len(goal.name) <= 60 else goal.name[:59].rstrip() + "…"  # the title fits the picture
        title = t("Arviot kuukausittain: {0}", "Ratings by month: {0}").format(f"{goals.index(goal) + 1}. {name}")
        return sub, title, "area"
