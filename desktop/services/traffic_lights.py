"""Traffic-light actions shared by the CLI, the page and the workshop report: parsing the cut, the
figures of a store and their JSON form with small groups suppressed (the targets: traffic_light_targets)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from desktop.analysis import privacy
from desktop.analysis.disclosure import (
    ResourceHidden,
    Suppression,
    TrafficLightSuppression,
    hide_resources,
    hide_rows,
    resource_totals_hidden,
    service_cells_hidden,
    traffic_light_suppression,
    without_resources,
)
from desktop.analysis.segments import Membership
from desktop.analysis.traffic_lights import (
    DIMENSIONS,
    LEVEL_ORDER,
    MEASURES,
    RESOURCE_MEASURES,
    PopulationIndex,
    TrafficLightResult,
    traffic_light_table,
)
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.services import segments as segment_service
from desktop.store import Store


# ------------------------------------------------------------------------------ parsing the cut
def parse_by(text: str | None) -> tuple[str, ...]:
    """'segment,structure' -> ('segment', 'structure'); default ('segment',)."""
    if not text:
        return ("segment",)
    dims = tuple(d.strip() for d in text.split(",") if d.strip())
    bad = [d for d in dims if d not in DIMENSIONS]
    if bad:
        raise UserError(t(f"Tuntematon jaottelu '{bad[0]}'.", f"Unknown dimension '{bad[0]}'."),
                        [t("Sallitut: ", "Allowed: ") + ", ".join(DIMENSIONS)])
    return dims


def parse_years(year: int | None = None, years: str | None = None) -> list[int] | None:
    """--year Y or --years Y1-Y2 -> list of years; None = the latest year."""
    if year is not None and years:
        raise UserError(t("Anna joko --year tai --years, ei molempia.", "Give --year or --years, not both."))
    if year is not None:
        return [int(year)]
    if years:
        first, _, last = years.partition("-")
        try:
            a, b = int(first), int(last or first)
        except ValueError as exc:
            raise UserError(t(f"Vuosiväli '{years}' ei kelpaa (esim. 2022-2024).",
                              f"Year range '{years}' is not valid (e.g. 2022-2024).")) from exc
        if a > b:
            raise UserError(t(f"Vuosiväli {years} on väärin päin.", f"Year range {years} is reversed."))
        return list(range(a, b + 1))
    return None


def parse_filters(items: Sequence[str] | None) -> dict[str, tuple[str, ...]]:
    """['municipality=179', 'municipality=182', 'sex=2'] -> {'municipality': ('179', '182'), 'sex': ('2',)}.
    A value may also list several values separated by commas."""
    out: dict[str, list[str]] = {}
    for item in items or ():
        dim, sep, value = item.partition("=")
        dim = dim.strip()
        if not sep or not value.strip():
            raise UserError(t(f"Rajaus '{item}' ei ole muotoa ULOTTUVUUS=ARVO.", f"Filter '{item}' is not DIM=VALUE."))
        if dim not in DIMENSIONS and dim != "level":
            raise UserError(t(f"Tuntematon rajaus '{dim}'.", f"Unknown filter '{dim}'."),
                            [t("Sallitut: ", "Allowed: ") + ", ".join((*DIMENSIONS, "level"))])
        out.setdefault(dim, []).extend(v.strip() for v in value.split(",") if v.strip())
    return {k: tuple(v) for k, v in out.items()}


def check_filter_values(events: pd.DataFrame, filters: dict[str, tuple[str, ...]]) -> None:
    """A UserError (exit 2) naming a filter value that no event has, e.g. municipality=999, so that a
    mistyped value never gives an empty report with exit 0. Segments and age bands are checked where
    they are applied (desktop.analysis.traffic_light_cuts)."""
    from desktop.analysis.traffic_light_cuts import UNCLASSIFIED, UNKNOWN

    for dim, values in filters.items():
        if dim in ("segment", "age_band"):
            continue
        if dim == "level":
            allowed = list(LEVEL_ORDER)
        elif dim == "year":
            allowed = sorted({str(int(y)) for y in pd.unique(events["year"])}) if "year" in events else []
        elif dim in events.columns:
            column = events[dim]
            found = column.cat.categories if hasattr(column, "cat") else column.dropna().unique()
            allowed = sorted({str(v) for v in found})
        else:
            continue  # the mask says the column is missing
        wrong = [v for v in values if v not in allowed and v not in (UNCLASSIFIED, UNKNOWN)]
        if wrong:
            shown = ", ".join(allowed[:30]) + (" …" if len(allowed) > 30 else "")
            raise UserError(t(f"Rajaus {dim}={wrong[0]} ei kelpaa: yhdelläkään projektin tapahtumalla ei ole "
                              f"arvoa '{wrong[0]}'.",
                              f"The filter {dim}={wrong[0]} is not valid: no event of the project has the value "
                              f"'{wrong[0]}'."),
                            [t("Arvot: ", "Values: ") + shown])


# ------------------------------------------------------------------------------ figures
def years_to_read(store: Store, years: Sequence[int] | None) -> list[int] | None:
    """The event years a report of `years` (None: the latest year) reads; None = every year (a
    store whose events have no dates)."""
    if years:
        return list(years)
    present = store.years("events")
    return present[-1:] if present else None


class TrafficLightData:
    """What the page and the reports keep between redraws: classified events (with each event's part of
    its service's FTEs and ledger euros when the store has personnel or finance rows), segment membership
    of every year and the population index. `table(...)` is the fast part a filter change repeats.

    `years`: read only these years' events (a report of one year reads one year's chunks); a table
    of other years then reads those when asked. `self.years` is every year of the events either way.
    """

    def __init__(self, store: Store, events: pd.DataFrame | None = None, years=None):
        from desktop.services.resources import events_with_resources

        self.store = store
        self.loaded_years = None if years is None or events is not None else sorted({int(y) for y in years})
        events = segment_service.analysis_events(store, self.loaded_years) if events is None else events
        self.events, self.resources = events_with_resources(store, events)
        self.segments = segment_service.load_segments(store)
        self.membership: Membership = segment_service.membership(
            self.events, self.segments, None, segment_service.need_thresholds(store))
        if self.loaded_years is None:
            self._population = segment_service.load_population(store)
            self.population_index = PopulationIndex(self._population)
        else:  # the read years' residents; other years' (a table of other years) when first asked for
            self._population = None
            self.population_index = PopulationIndex(
                segment_service.load_population(store, self.loaded_years),
                lambda more: segment_service.load_population(store, more))
        self.years = list(self.membership.years)  # every year of the events, ascending
        if self.loaded_years is not None:
            self.years = sorted(set(store.years("events")) | set(self.years))
        self._other_years: dict[tuple[int, ...], TrafficLightData] = {}
        #: the data of every year, when read besides (the page reads it after its first picture)
        self.every_year: TrafficLightData | None = None
        self.min_group = privacy.min_group(store)

    def table(self, by=("segment",), years=None, filters=None) -> TrafficLightResult:
        if not self.years:
            raise UserError(t("Projektissa ei ole palvelutapahtumia.", "The project has no service-use events."))
        if years is not None:
            missing = [y for y in years if y not in self.years]
            if len(missing) == len(years):
                raise UserError(t(f"Vuosilta {', '.join(map(str, years))} ei ole tapahtumia.",
                                  f"No events for {', '.join(map(str, years))}."),
                                [t("Vuodet: ", "Years: ") + ", ".join(map(str, self.years))])
            years = [y for y in years if y in self.years]
        if self.loaded_years is not None and years is None:
            years = self.years[-1:]  # the latest year of the store, as for a whole load
        holding = self.for_years(years) if years is not None else self
        if holding is not self:
            return holding.table(by, years, filters)
        result = traffic_light_table(self.events, by, years, filters, self.membership, self.population_index)
        result.min_group = self.min_group
        if any(c in result.rows.columns for c in ("fte", "ledger_eur")):  # what the FTEs / euros may not show
            events, membership, n = self.events, self.membership, self.min_group
            result.service_cells_hidden = lambda: service_cells_hidden(events, by, result.years, filters, membership,
                                                                       n)  # computed when shown
        if self.resources is not None:  # what reached no event of the years: allocated + unallocated = imported
            for measure in self.resources.measures:
                result.totals[f"unallocated_{measure}"] = self.resources.unallocated(measure, result.years)
        return result

    @property
    def population(self) -> pd.DataFrame:
        """The whole population table, forecast years too (read when first asked for when only some
        years were read: `load_population`)."""
        if self._population is None:
            self._population = segment_service.load_population(self.store)
        return self._population

    @property
    def resource_measures(self) -> tuple[str, ...]:
        """The resource measures the store has data for (RESOURCE_MEASURES; empty without staff and ledger)."""
        if self.resources is None:
            return ()
        have = set(self.resources.measures)
        return tuple(m for m in RESOURCE_MEASURES if m in have or (m == "contacts_per_fte" and "fte" in have)
                     or (m == "eur_per_contact" and "ledger_eur" in have))

    def for_years(self, years) -> TrafficLightData:
        """Data holding `years`: this one, every year's (`every_year`, when read), or one that reads
        them (for callers that use the events or the membership directly, e.g. the code combinations
        behind a cell)."""
        if self.loaded_years is None or set(years) <= set(self.loaded_years):
            return self
        if self.every_year is not None:
            return self.every_year
        return self._for_years(years)

    def _for_years(self, years) -> TrafficLightData:
        """The figures of years this one did not read (read once, kept)."""
        key = tuple(sorted(years))
        if key not in self._other_years:
            self._other_years[key] = TrafficLightData(self.store, years=key)
        return self._other_years[key]


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float):
        return None if value != value else round(value, 2)
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def suppression(result: TrafficLightResult) -> TrafficLightSuppression:
    """What `result` hides (small groups and their complements), computed once per result."""
    cached = getattr(result, "_suppression", None)
    if cached is None or cached[0] != result.min_group:
        cached = (result.min_group, traffic_light_suppression(result, result.min_group))
        result._suppression = cached  # type: ignore[attr-defined]
    return cached[1]


def _mark(supp: Suppression, i: int) -> str | None:
    """The mark of a hidden entry for suppress_record: None (shown or primary) or ".."."""
    return privacy.SECONDARY if supp.secondary[i] else None


def result_rows(result: TrafficLightResult) -> list[dict]:
    """JSON-ready rows with small groups ("<5") and their complements ("..") hidden (other figures null)."""
    supp = suppression(result).rows
    resources = resource_hidden(result)
    out = []
    for i, rec in enumerate(result.rows.to_dict("records")):
        row = {k: _clean(v) for k, v in rec.items()}
        if "year" in row and row["year"] is not None:
            row["year"] = int(row["year"])
        row = privacy.suppress_record(row, n=result.min_group, hidden=_mark(supp, i))
        out.append(without_resources(row) if resources.rows[i] else row)
    return out


def resource_hidden(result: TrafficLightResult) -> ResourceHidden:
    """Which totals of `result` show no FTEs and ledger euros (disclosure.resource_totals_hidden), computed
    once per result and its suppression (the rows and the totals of one output ask for it)."""
    supp = suppression(result)
    cached = getattr(result, "_resource_hidden", None)
    if cached is None or cached[0] is not supp:
        cached = (supp, resource_totals_hidden(result, supp))
        result._resource_hidden = cached  # type: ignore[attr-defined]
    return cached[1]


def result_json(result: TrafficLightResult) -> dict:
    """The issue-6 schema: {"years": [...], "rows": [...], "totals": {...}} (+ the cut and filters).
    Every figure that would let a hidden cell be computed is hidden too (disclosure.py)."""
    supp = suppression(result)
    totals = {k: _clean(v) for k, v in result.totals.items()}
    totals = privacy.suppress_record(totals, n=result.min_group,
                                     hidden=privacy.SECONDARY if supp.total_hidden and not supp.total_primary else None)
    resources = resource_hidden(result)
    if resources.total:
        totals = without_resources(totals)
    by_level = []
    for i, rec in enumerate(result.level_totals.to_dict("records")):
        level = privacy.suppress_record({k: _clean(v) for k, v in rec.items()}, n=result.min_group,
                                        hidden=_mark(supp.levels, i))
        by_level.append(without_resources(level) if resources.levels[i] else level)
    totals["levels"] = by_level
    return {
        "years": result.years,
        "by": list(result.by),
        "filters": {k: list(v) for k, v in result.filters.items()},
        "rows": result_rows(result),
        "totals": totals,
    }


def display_table(result: TrafficLightResult) -> pd.DataFrame:
    """The rows as shown and exported (small groups and their complements hidden), column order
    dims, level, measures."""
    cols = [*result.by, "level", *MEASURES, *(m for m in RESOURCE_MEASURES if m in result.rows.columns)]
    shown = hide_rows(result.rows[cols].reset_index(drop=True), suppression(result).rows, result.min_group,
                      privacy.PERSON_COLUMNS, privacy.DERIVED_COLUMNS)
    return hide_resources(shown, resource_hidden(result).rows)


def level_totals_table(result: TrafficLightResult) -> pd.DataFrame:
    """The totals per level as shown and exported (the "Yhteensä" sheet)."""
    shown = hide_rows(result.level_totals.reset_index(drop=True), suppression(result).levels, result.min_group,
                      privacy.PERSON_COLUMNS, privacy.DERIVED_COLUMNS)
    return hide_resources(shown, resource_hidden(result).levels)


def group_totals_table(result: TrafficLightResult) -> pd.DataFrame:
    """The totals per group (over the levels) as shown, e.g. at the end of each bar."""
    groups = result.group_totals
    if groups is None:
        return pd.DataFrame(columns=[*result.by, "contacts", "clients", "units", "cost_eur"])
    supp = suppression(result).groups
    assert supp is not None
    shown = hide_rows(groups.reset_index(drop=True), supp, result.min_group, privacy.PERSON_COLUMNS,
                      privacy.DERIVED_COLUMNS)
    return hide_resources(shown, resource_hidden(result).groups)


def hidden_cells(result: TrafficLightResult, dim: str | None = None) -> dict[tuple[str, str], str]:
    """(group of `dim`, level) -> "<N" or ".." for every hidden row of a one-dimension result."""
    dim = dim or result.by[0]
    supp = suppression(result).rows
    out = {}
    for i, (group, level) in enumerate(result.rows[[dim, "level"]].itertuples(index=False)):
        if supp.hidden[i]:
            out[(str(group), str(level))] = privacy.small_label(result.min_group) if supp.primary[i] else privacy.SECONDARY
    return out


# ------------------------------------------------------------------------------ comparison
def comparison_table(own: TrafficLightData, reference: TrafficLightData, years=None, filters=None) -> pd.DataFrame:
    """Own figures beside a reference store's (another county, or a second store of the same county),
    per resident so that sizes compare: per segment present in both and level, €/resident of each,
    and the level's share of the segment's euros. Reference years default to the own years."""
    years = list(years) if years else own.years[-1:]
    ref_years = [y for y in years if y in reference.years] or reference.years[-1:]
    from desktop.analysis.disclosure import traffic_light_suppression

    mine = own.table(("segment",), years, filters)
    theirs = reference.table(("segment",), ref_years, filters)
    # each store's small groups and complements (traffic_light_suppression): €/resident times the public
    # residents gives the euros, so a hidden cell's €/resident is hidden; a segment's shares of its euros
    # are hidden whenever one of its levels is (the shown shares would give the hidden one's)
    mine_rows = mine.rows.assign(_hidden=traffic_light_suppression(mine, own.min_group).rows.hidden)
    theirs_rows = theirs.rows.assign(_hidden=traffic_light_suppression(theirs, reference.min_group).rows.hidden)
    names = [s for s in own.membership.names if s in reference.membership.names]
    rows = []
    for seg in names:
        a = mine_rows[mine_rows["segment"] == seg].set_index("level")
        b = theirs_rows[theirs_rows["segment"] == seg].set_index("level")
        a_total, b_total = float(a["cost_eur"].sum()), float(b["cost_eur"].sum())
        a_any, b_any = bool(a["_hidden"].any()), bool(b["_hidden"].any())
        for level in LEVEL_ORDER:
            in_a, in_b = level in a.index, level in b.index
            if not (in_a or in_b):
                continue
            hide_a, hide_b = in_a and bool(a.loc[level, "_hidden"]), in_b and bool(b.loc[level, "_hidden"])
            rows.append({
                "segment": seg, "level": level,
                "eur_per_resident": None if hide_a else float(a.loc[level, "eur_per_resident"]) if in_a else 0.0,
                "reference_eur_per_resident": None if hide_b else float(b.loc[level, "eur_per_resident"]) if in_b
                else 0.0,
                "cost_share": None if a_any else float(a.loc[level, "cost_eur"]) / a_total if in_a and a_total else 0.0,
                "reference_cost_share": None if b_any else float(b.loc[level, "cost_eur"]) / b_total if in_b and b_total
                else 0.0,
            })
    table = pd.DataFrame(rows, columns=["segment", "level", "eur_per_resident", "reference_eur_per_resident",
                                        "cost_share", "reference_cost_share"])
    table.attrs["years"], table.attrs["reference_years"] = years, ref_years
    return table
