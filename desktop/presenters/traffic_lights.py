"""The traffic lights page without Qt (Finnish: Liikennevalot): its background loads, the choices of
its year box and slicers, the filters every chart applies, the drill-down from a clicked bar and the
table under the chart; which report page each tab shows is `desktop.presenters.traffic_light_charts`.

Figures come from desktop.services.traffic_lights, pictures from desktop.reports.traffic_light (the
same functions the PDF report uses). The page (`desktop.ui.pages.traffic_lights_page`) shows this state
in widgets and hands the planner's clicks here; tests drive it without Qt.
"""

from __future__ import annotations

from desktop.analysis import privacy
from desktop.analysis.traffic_lights import AGE_BAND_LABELS, code_combinations
from desktop.presenters.traffic_light_charts import chart_page

#: the tabs of the page, in order
CHARTS = ("central", "shift", "structure", "pareto", "municipalities", "comparison", "staff", "books")
#: what a click on a chart can filter the page to
DRILLS = ("segment", "service", "structure", "municipality")
#: the slicers' columns of the events, in the order of the page's slicers
SLICERS = ("municipality", "sex", "producer", "age_band")
#: the measures the resource data adds to the measure box
RESOURCE_MEASURES = ("fte", "ledger_eur")


def load_traffic_lights(progress, store) -> tuple:
    """The page's heavy first load, run off the GUI thread: `(TrafficLightData, central)` where central
    is the segment table of the latest year without filters (what the page draws first), or None
    when the store has no events. Only the latest year's events are read when the store has several
    (the page then reads every year in the background: `load_all_years`)."""
    from desktop.services.traffic_lights import TrafficLightData

    years = store.years("events")
    data = TrafficLightData(store, years=years[-1:] if len(years) > 1 else None)
    progress.check()
    central = data.table(("segment",), data.years[-1:], {}) if data.years else None
    return data, central


def load_all_years(progress, store):
    """Every year's figures, read after the first picture (year ranges, comparisons, reports)."""
    from desktop.services.traffic_lights import TrafficLightData

    return TrafficLightData(store)


class TrafficLightsPresenter:
    """The traffic lights page's state: the store's figures (`data`, a TrafficLightData), a read-only
    reference store's figures for the comparison (`reference`), what the planner drilled into by
    clicking the charts (`drill`, e.g. [("segment", "Iäkkäät"), ("service", "Kotihoito")]: filters of
    every chart until "Takaisin") and the report page last shown (`current_page`)."""

    def __init__(self) -> None:
        self.store = None
        self.data = None
        self.reference = None  # TrafficLightData of a read-only reference store
        self.reference_name = ""
        self.current_page = None  # ReportPage of the chart shown
        self.drill: list[tuple[str, str]] = []
        self.prepared = None  # (years, result) of the central table computed by the background load

    # ------------------------------------------------------------------ loading
    def clear(self) -> None:
        """Nothing loaded (a new load starts, no project, or the load failed)."""
        self.data = None
        self.prepared = None
        self.drill = []

    def take_loaded(self, result: tuple) -> bool:
        """Keep a finished `load_traffic_lights`; False when the store has no events (nothing to show)."""
        data, central = result
        if not data.years:
            return False
        self.data = data
        self.prepared = (data.years[-1:], central)
        return True

    def needs_all_years(self) -> bool:
        """Only the latest year was read: the page reads every year next, in the background."""
        return self.data is not None and self.data.loaded_years is not None and self.store is not None

    def take_all_years(self, every_year) -> None:
        """Every year is read: later pictures of any year need no reading on the GUI thread."""
        if self.data is not None and every_year.years == self.data.years:
            self.data.every_year = every_year

    # ------------------------------------------------------------------ the choices of the filters
    def year_choices(self) -> list[tuple[str, object]]:
        """The year box's (text, value): each year, newest first, then the ranges from the first year
        (clients counted once over the years), e.g. ("2022–2024", (2022, 2024))."""
        years = self.data.years
        choices: list[tuple[str, object]] = [(str(year), year) for year in reversed(years)]
        choices += [(f"{years[0]}–{last}", (years[0], last)) for last in years[1:]]
        return choices

    def slicer_values(self, column: str) -> list[str]:
        """The values a slicer offers: those of the events' `column`, sorted (age bands: all bands)."""
        if column == "age_band":
            return list(AGE_BAND_LABELS)
        events = self.data.events
        if column not in events.columns:
            return []
        found = events[column].cat.categories if hasattr(events[column], "cat") else events[column].unique()
        return sorted(str(v) for v in found)

    def municipality_names(self) -> dict[str, str]:
        """The slicer's labels of the municipality codes, e.g. {"179": "179 Jyväskylä"}."""
        from desktop.reports.traffic_light import municipality_names

        try:
            names = municipality_names(self.store) if self.store is not None else {}
        except Exception:  # noqa: BLE001 - without names the codes still work
            names = {}
        return {code: f"{code} {name}" for code, name in names.items()}

    def resource_measures(self) -> list[str]:
        """FTEs and ledger euros when the store has personnel or finance rows."""
        return [m for m in RESOURCE_MEASURES if m in self.data.resource_measures]

    def years(self, choice) -> list[int]:
        """The years of the year box's `choice`: a year, every year of a range, or the latest year."""
        if isinstance(choice, tuple):
            return [y for y in self.data.years if choice[0] <= y <= choice[1]]
        return [int(choice)] if choice is not None else (self.data.years[-1:] if self.data else [])

    def filters(self, ticked: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """The slicers' ticked values (`ticked` by column; a slicer with nothing ticked is left out:
        every value), narrowed by the drill-down, e.g. {'municipality': ('179', '182')}."""
        out = {dim: values for dim, values in ticked.items() if values}
        for dim, value in self.drill:  # a clicked bar narrows the slicers' choice
            out[dim] = (value,)
        return out

    # ------------------------------------------------------------------ drill-down
    @property
    def drill_segment(self) -> str | None:
        return dict(self.drill).get("segment")

    @property
    def drill_service(self) -> str | None:
        return dict(self.drill).get("service")

    def central_dimension(self) -> str:
        """The first chart's rows: segments, or a drilled segment's services."""
        return "service" if self.drill_segment is not None and self.drill_service is None else "segment"

    def drill_target(self, key) -> tuple[str, str] | None:
        """What a click on a bar, a point or a cell of a chart (its `key`) filters the page to, e.g. a
        segment's bar to its services, a service's bar to the segments that use it; None: no filter."""
        if isinstance(key, tuple) and len(key) == 2 and key[0] in DRILLS:
            return str(key[0]), str(key[1])
        return None

    def drill_into(self, dim: str, value: str) -> bool:
        """Filter every chart of the page to `dim` = `value` (a step "Takaisin" undoes); False when
        the page is filtered to it already."""
        if (dim, value) in self.drill:
            return False
        self.drill = [(d, v) for d, v in self.drill if d != dim] + [(dim, value)]
        return True

    def drill_to_segment(self, segment: str) -> None:
        """The services behind a segment's bar (by level, small groups suppressed)."""
        self.drill = [("segment", segment)]

    def drill_up(self) -> None:
        """One step back from the last click."""
        if self.drill:
            self.drill.pop()

    def row_drill(self, frame, row: int) -> tuple[str, str] | None:
        """What a double click on the table's `row` drills into: from a drilled segment's services to a
        service's code combinations, from the segments to a segment's services; None: nothing."""
        if self.drill_segment is not None and self.drill_service is None and "service" in frame.columns:
            return "service", str(frame.iloc[row]["service"])
        if self.drill_segment is None and "segment" in frame.columns:
            return "segment", str(frame.iloc[row]["segment"])
        return None

    # ------------------------------------------------------------------ what the page shows
    def chart(self, key: str, years: list[int], filters: dict, measure: str):
        """The report page of the chart `key` (one of CHARTS) for the page's choices, kept as
        `current_page`; raises UserError saying why the chart cannot be drawn."""
        dim, result = self.central_dimension(), None
        if key == "central":
            prepared, self.prepared = self.prepared, None
            if prepared is not None and prepared[0] == years and not filters and dim == "segment":
                result = prepared[1]  # computed by the background load
        page = chart_page(self, key, years, filters, measure, dim, result)
        self.current_page = page
        return page

    def shows_code_combinations(self) -> bool:
        """The table shows a drilled service's aggregated code combinations (not the chart's table)."""
        return self.drill_segment is not None and self.drill_service is not None

    def table(self, years: list[int], filters: dict):
        """The table under the chart: a drilled service's code combinations (small groups suppressed),
        else the shown chart's table (None before any chart)."""
        if self.shows_code_combinations():
            held = self.data.for_years(years)
            combos = code_combinations(held.events, years, dict(filters), held.membership)
            return privacy.suppress_table(combos, n=self.data.min_group)
        return self.current_page.table if self.current_page is not None else None

    def open_reference(self, path: str) -> None:
        """Read another store read-only as the reference of the comparison chart (UserError: why not)."""
        from desktop.services.traffic_lights import TrafficLightData
        from desktop.store import open_store

        reference = open_store(path, readonly=True)
        try:
            self.reference = TrafficLightData(reference)
            self.reference_name = str(reference.setting("region_name") or reference.name)
            self.reference.events  # noqa: B018 - loaded while the store is open
        finally:
            reference.close()

    def targets(self):
        """The store's targets with their status, as the targets dialog lists them, and their ids (by
        row); (None, []) while the page loads the store again (the list follows at the next open)."""
        import pandas as pd

        from desktop.services.traffic_light_targets import list_targets, targets_with_status

        if self.data is None:
            return None, []
        rows = targets_with_status(self.data)
        ids = [target.id for target in list_targets(self.store)]
        frame = pd.DataFrame(rows, columns=["segment", "year", "level", "measure", "share", "actual", "status"])
        return frame.rename(columns={"share": "target"}), ids

    def add_target(self, segment: str, year: int, level: str, measure: str, share: float, at_least: bool) -> None:
        """Add (or replace) a target: `share` of `measure` in `level` services (a fraction, at least or
        at most); UserError when the store does not take it."""
        from desktop.analysis.traffic_lights import Target
        from desktop.services.traffic_light_targets import set_target

        set_target(self.store, Target(segment, year, level, measure, share, at_least))

    def delete_targets(self, ids) -> None:
        from desktop.services.traffic_light_targets import delete_target

        for target_id in ids:
            delete_target(self.store, target_id)

    def own_name(self) -> str:
        return str(self.store.setting("region_name") or self.store.name)

    def workshop_events(self):
        """The page's events of every year for the workshop report, or None when only the latest year
        is read (the report then reads them itself)."""
        complete = self.data if self.data.loaded_years is None else self.data.every_year
        return complete.events if complete is not None else None
