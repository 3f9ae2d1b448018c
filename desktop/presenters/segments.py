"""The segments page without Qt: the working copy of the segment rules and the need thresholds, their
undo stack, the background load, the live person count and the saving.

Edits change the working copy (`segments`, `thresholds`) through command objects on `undo_stack`
(desktop.presenters.segment_edits); "Tallenna" (`save()`) writes both to the store in one go. After an
edit, undo or redo the presenter tells its listeners: `on_segments(row)` (the list changed: show it with
`row` selected) or `on_thresholds()`. The figures of the views are desktop.presenters.segment_figures.

The view (desktop.ui.pages.segments_page) calls these methods from its widgets; tests drive it without Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.analysis import privacy
from desktop.core.command import UndoStack
from desktop.core.errors import UserError
from desktop.core.numbers import number
from desktop.core.segments import NeedThresholds, Segment
from desktop.presenters.segment_edits import SegmentEdits
from desktop.presenters.segment_figures import SegmentFigures


@dataclass
class SegmentsData:
    """What `load_segments_data` hands to the page."""

    segments: list[Segment]
    thresholds: NeedThresholds
    population: object  # DataFrame: municipality, year, age_from, age_to, sex, count, forecast
    events: object  # the classified events (DataFrame), None when there are none to use
    message: str  # why there are no events or no membership (a UserError's text), else ""
    years: list[int]  # years of the events, newest first
    membership: object  # Membership of every segment in every year (all evaluated), or None
    sizes: object  # segment_sizes of `membership` (every year), or None
    projection: object  # project_clients of `membership` from the newest year, or None (no forecast)


def load_segments_data(progress, store) -> SegmentsData:
    """The page's heavy load, run off the GUI thread (Qt-free): the saved segments and need
    thresholds, the population, the classified events, and the membership of every segment in every
    year with its sizes table (the first picture) and the projection from the newest year (the
    forecast view, 0.3 s on a county's events), exactly as the page computed them before."""
    from desktop.analysis.segments import (
        distinct_years,
        event_years,
        membership,
        population_years,
        project_clients,
        segment_sizes,
    )
    from desktop.services import edit_versions
    from desktop.services import segments as svc

    edit_versions.begin_editing(store, "segments")  # saves are based on what is stored now
    segments = svc.load_segments(store)
    thresholds = svc.need_thresholds(store)
    population = svc.load_population(store)
    progress.check()
    events, message = None, ""
    try:
        from desktop.services.resources import events_with_resources

        # each event's part of its service's FTEs and ledger euros (none without personnel and books)
        events = events_with_resources(store, svc.analysis_events(store))[0]
    except UserError as exc:
        message = str(exc)
    years = list(reversed(distinct_years(event_years(events)))) if events is not None and len(events) else []
    found = sizes = projection = None
    if events is not None and segments and years:
        progress.check()
        try:
            found = membership(events, segments, None, thresholds)
            for year in found.years:  # the earlier years too, here rather than on the GUI thread later
                found.masks[year]
        except UserError as exc:
            events, found, message = None, None, str(exc)
        if found is not None:
            progress.check()
            pop = population if len(population) else None
            sizes = segment_sizes(found, pop)
            forecast = [y for y in population_years(pop) if y > years[0]] if pop is not None else []
            if forecast and years[0] in population_years(pop):
                progress.check()
                projection = project_clients(found, pop, years[0], forecast)
    return SegmentsData(segments, thresholds, population, events, message, years, found, sizes, projection)


class SegmentsPresenter(SegmentEdits, SegmentFigures):
    """The working copy (segments, thresholds), the undo stack, the loaded events and the membership."""

    def __init__(self) -> None:
        self.store = None
        self.segments: list[Segment] = []
        self.thresholds = NeedThresholds()
        self.events = None
        self.population = None
        self.membership = None
        self.undo_stack = UndoStack()
        self.last_count_seconds = 0.0
        self._sizes = None  # (membership, its segment_sizes table): computed once per membership
        self._projection = None  # (membership, {base year: its project_clients table})
        #: after an edit, undo or redo of the segment list: the row to select
        self.on_segments: list[Callable[[int], None]] = []
        #: after an edit, undo or redo of the need thresholds
        self.on_thresholds: list[Callable[[], None]] = []

    # ------------------------------------------------------------------ loads
    def reset(self) -> None:
        """Before a load: drop the figures and the unsaved edits (a load reads the saved rules)."""
        self.events = self.membership = None
        self._sizes = self._projection = None
        self.undo_stack.clear()

    def load_job(self, load: Callable = load_segments_data) -> Callable | None:
        """The background work of a refresh (`job(progress)`: `load(progress, store)`), None without a store."""
        self.reset()
        if self.store is None:
            self.segments = []
            return None
        store = self.store
        return lambda progress: load(progress, store)

    def loaded(self, data: SegmentsData) -> None:
        """Take a finished load: the saved rules, the events and the membership computed with them."""
        self.segments = data.segments
        self.thresholds = data.thresholds
        self.population = data.population
        self.events = data.events
        # the membership first: the selected segment's count then comes from it, not from a recount
        self.membership = data.membership
        self._sizes = (data.membership, data.sizes) if data.sizes is not None else None
        self._projection = (data.membership, {data.years[0]: data.projection}) if data.projection is not None \
            else None

    def load_failed(self) -> None:
        """Nothing to show or edit."""
        self.segments = []

    def min_group(self) -> int:
        """The project's smallest group shown as a figure (privacy.min_group)."""
        return privacy.min_group(self.store) if self.store is not None else privacy.MIN_GROUP

    # ------------------------------------------------------------------ figures of the selection
    def count_text(self, row: int, year: int | None) -> str:
        """Persons of segment `row` in `year` as shown ("1 234 (2024)", small groups "<5"), "–" when
        there is nothing to count; from the membership when it holds the segment, else counted alone
        (the live count after an edit). Raises UserError when the rule cannot be evaluated."""
        from desktop.analysis.segments import membership

        if not 0 <= row < len(self.segments) or self.events is None or year is None:
            return "–"
        segment = self.segments[row]
        m = self.membership
        if m is not None and year in m.masks and row < len(m.segments) and m.segments[row] == segment:
            persons = int(m.persons(year)[row])
        else:
            start = time.perf_counter()
            persons = int(membership(self.events, [segment], [year], self.thresholds).persons(year)[0])
            self.last_count_seconds = time.perf_counter() - start
        return f"{number(privacy.shown_count(persons, self.min_group()))} ({year})"

    def covers(self, year: int | None) -> bool:
        """True when the membership holds `year` already (another year needs no recount)."""
        return self.membership is not None and year in self.membership.masks

    def recompute(self, year: int | None) -> None:
        """The membership of every segment anew (after an edit); raises UserError (the events are then
        dropped: nothing more is counted until the next load)."""
        from desktop.analysis.segments import membership

        self.membership = None
        self._sizes = self._projection = None
        if self.events is not None and self.segments and year is not None:
            try:
                self.membership = membership(self.events, self.segments, None, self.thresholds)
            except UserError:
                self.events = None
                raise

    def values_for(self, column: str) -> list[str]:
        """Values of an event column present in the store (completion in the rule tree)."""
        if self.events is None or column not in self.events.columns:
            return []
        return [str(v) for v in self.events[column].dropna().unique()[:5000]]

    # ------------------------------------------------------------------ saving
    def save(self) -> None:
        """Write the segments and the need thresholds to the store; raises SaveConflict (a colleague
        saved first) or UserError."""
        from desktop.services import segments as svc

        svc.save_segments(self.store, self.segments)
        svc.set_need_thresholds(self.store, self.thresholds)
        self.undo_stack.set_clean()

    def save_into(self) -> Callable:
        """Writes the working copy as it is now into another store (a conflict's "save as a copy")."""
        from desktop.services import segments as svc

        segments, thresholds = list(self.segments), self.thresholds

        def save(copy) -> None:
            svc.save_segments(copy, segments)
            svc.set_need_thresholds(copy, thresholds)

        return save

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()
