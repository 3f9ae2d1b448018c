"""The data the segment analyses read (the population table, the classified events, the membership
of persons in segments) and the segment report of a year (sizes, overlaps, projection)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from desktop.analysis import privacy
from desktop.analysis.segments import (
    Membership,
    ResidentRows,
    membership,
    population_years,
    project_clients,
    segment_sizes,
)
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import Segment
from desktop.services.segments.rules import load_segments, need_thresholds
from desktop.services.segments.shown import (
    RESOURCE_FIGURES,
    segment_suppression,
    shown_overlaps,
    shown_segment_sizes,
)
from desktop.store import Store
from desktop.store.tables.imports import population as POPULATION

# ------------------------------------------------------------------------------ data for analyses
POPULATION_COLUMNS = ("municipality", "year", "age_from", "age_to", "sex", "count", "forecast")
#: rows fetched and turned into columns at a time (short steps: other threads, e.g. the GUI, get the GIL)
_POPULATION_CHUNK = 2048


def load_population(store: Store, years: Iterable[int] | None = None) -> pd.DataFrame:
    """The population table: municipality, year, age_from, age_to, sex, count (persons), forecast;
    one row per stored row, in the table's order. `years`: only those years' rows (a report of one
    year reads one of a forecast's many years)."""
    columns = _population_columns(store, POPULATION_COLUMNS, years)
    if not columns[0]:
        return pd.DataFrame([], columns=list(POPULATION_COLUMNS))
    return pd.DataFrame(dict(zip(POPULATION_COLUMNS, columns, strict=True)))


def load_resident_rows(store: Store, years: Iterable[int], segments: list[Segment]) -> ResidentRows:
    """The population rows of `years` as the segment sizes read them (`segment_sizes`): year, ages and
    count, with sex and municipality only when a segment's residents are limited by them; no frame (a
    frame of the strings took 5 ms for two years of a small region)."""
    names = ["year", "age_from", "age_to", "count"]
    bases = [s.base for s in segments]
    names += [c for c, needed in (("sex", any(b.sex for b in bases)),
                                  ("municipality", any(b.municipalities for b in bases))) if needed]
    columns = _population_columns(store, names, years)
    return ResidentRows({c: np.array(v, dtype=object) if c in ("sex", "municipality") else np.array(v)
                         for c, v in zip(names, columns, strict=True)})


def _population_columns(store: Store, names, years: Iterable[int] | None) -> list[list]:
    """The population table's columns `names` (of `years`' rows) as lists, in the table's order."""
    columns: list[list] = [[] for _ in names]
    with store.read() as conn:
        # written SQL (compiling the select took 0.6 ms), the years as integer literals
        quote = conn.dialect.identifier_preparer.quote
        sql = f"SELECT {', '.join(quote(n) for n in names)} FROM {quote(POPULATION.name)}"
        if years is not None:
            sql += f" WHERE {quote('year')} IN ({', '.join(str(y) for y in sorted({int(y) for y in years})) or 'NULL'})"
        # the driver's plain tuples, turned into columns a chunk at a time: a frame built from
        # SQLAlchemy rows took 0.3 s for 36,000 rows (pandas probed every Row), this about 0.07 s
        cursor = conn.connection.cursor()
        try:
            cursor.execute(sql)
            while rows := cursor.fetchmany(_POPULATION_CHUNK):
                for column, values in zip(columns, zip(*rows, strict=True), strict=True):
                    column.extend(values)
        finally:
            cursor.close()
    return columns


def analysis_events(store: Store, years=None) -> pd.DataFrame:
    """The store's events with their classification (service, aura, structure, level, life stage);
    only the events of `years` when given (read from those years' chunks)."""
    from desktop.services.classification import classified_events

    return classified_events(store, years=years)


def store_membership(store: Store, events: pd.DataFrame | None = None, years=None) -> Membership:
    events = analysis_events(store) if events is None else events
    return membership(events, load_segments(store), years, need_thresholds(store))


# ------------------------------------------------------------------------------ the segment report
def segment_report(store: Store, year: int | None = None, project_to: int | None = None,
                   events: pd.DataFrame | None = None) -> dict:
    """Per segment for `year` (default: the latest year with events): persons, share of the segment's
    population, events, euros, change from the previous year and the projected clients up to
    `project_to`; `total_persons` counts each person once; pairwise overlaps. Groups of 1-4 persons
    are "<5" and their other figures null. Only the year's events and the previous year's (for the
    change) are read."""
    from desktop.services.resources import events_with_resources

    every_year = None
    if events is None:
        every_year, events = _report_events(store, year)
    # each event's part of its service's FTEs and ledger euros, as the Segmentit page reads them (the
    # report's year only: the year before gives its changes, and no FTEs are shown for it)
    shown_year = int(year) if year is not None else every_year[-1] if every_year else None
    events = events_with_resources(store, events, None if shown_year is None else [shown_year])[0]
    segments = load_segments(store)
    if not segments:
        raise UserError(t("Projektissa ei ole segmenttejä.", "The project has no segments."))
    thresholds = need_thresholds(store)
    m = membership(events, segments, None, thresholds)
    years = every_year or m.years
    if not years:
        raise UserError(t("Projektissa ei ole palvelutapahtumia.", "The project has no service-use events."))
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise UserError(t(f"Vuodelta {year} ei ole tapahtumia (vuodet: {', '.join(map(str, years))}).",
                          f"No events for {year} (years: {', '.join(map(str, years))})."))
    # the sizes of the year need its residents; a projection the forecast's years too (as a frame)
    if project_to is not None:
        population = load_population(store)
    else:
        population = load_resident_rows(store, [year], segments)
    sizes = segment_sizes(m, population if len(population) else None, [year])
    this_year = sizes[sizes["year"] == year].reset_index(drop=True)
    projected: dict[str, dict[str, float]] = {}
    project_years: list[int] = []
    if project_to is not None:
        project_years = [y for y in population_years(population) if year < y <= int(project_to)]
        if int(project_to) not in project_years:
            raise UserError(t(f"Väestöennustetta vuodelle {project_to} ei ole.", f"No population forecast for {project_to}."))
        proj = project_clients(m, population, year, project_years)
        proj = proj[proj["kind"] == "projected"]
        for rec in proj.itertuples(index=False):
            projected.setdefault(rec.segment, {})[str(rec.year)] = float(rec.clients)
    n = privacy.min_group(store)
    memo: dict = {}  # each year's suppression computed once for the sizes, changes and overlaps
    hidden = segment_suppression(m, year, n, memo=memo)[0]
    earlier = [y for y in m.years if y < year]
    hidden_before = segment_suppression(m, earlier[-1], n, memo=memo)[0].hidden if earlier else None
    out_segments = []
    for i, (s, rec) in enumerate(zip(segments, this_year.itertuples(index=False), strict=True)):
        share = rec.share if rec.share == rec.share else None
        row = {
            "name": s.name, "name_en": s.name_en, "kind": s.kind, "persons": int(rec.persons),
            "residents": None if rec.residents != rec.residents else round(float(rec.residents), 1),
            "share_of_population": share, "per_1000": None if share is None else float(rec.per_1000),
            "events": int(rec.events), "cost_eur": round(float(rec.cost_eur), 2),
            "change": None if rec.change != rec.change else int(rec.change),
            "projected": {y: _shown_projection(v, n) for y, v in projected.get(s.name, {}).items()},
        }
        if hidden.hidden[i]:
            mark = privacy.small_label(n) if hidden.primary[i] else privacy.SECONDARY
            row.update(persons=mark, share_of_population=None, per_1000=None, events=None, cost_eur=None, change=None,
                       projected={y: mark for y in row["projected"]})  # the projection scales the hidden count
        if hidden_before is not None and hidden_before[i]:
            row["change"] = None  # this year's count minus the change would give last year's hidden count
        out_segments.append(row)
    resources = [c for c in RESOURCE_FIGURES if c in sizes.columns]
    if resources:  # the page's sizes table's resource columns, hidden with the segment as there
        shown = shown_segment_sizes(m, sizes, year, n, memo)
        columns = {c: shown[c].tolist() for c in resources}  # (to_dict loads a pandas module of its own)
        for i, row in enumerate(out_segments):
            row.update({c: _json_figure(columns[c][i]) for c in resources})
    ov = shown_overlaps(m, year, n, memo)
    overlaps = []
    for i in range(len(segments)):
        for j in range(i + 1, len(segments)):
            value = ov.iat[i, j + 1]
            overlaps.append({"a": segments[i].name, "b": segments[j].name,
                             "persons": value if isinstance(value, str) else int(value)})
    return {
        "year": year,
        "years": years,
        "segments": out_segments,
        "total_persons": privacy.shown_count(m.total_persons(year), n),
        "clients": privacy.shown_count(int(m.active[year].sum()), n),
        "overlaps": overlaps,
        "projection": {"base_year": year, "years": project_years} if project_years else None,
        "need_thresholds": thresholds.to_dict(),
    }


def _report_events(store: Store, year: int | None) -> tuple[list[int] | None, pd.DataFrame]:
    """(every event year of the store, the events a report of `year` needs: that year's and the
    previous year's); (None, every event) when the store's years are not known from its chunks."""
    present = store.years("events")
    wanted = (present[-1] if year is None else int(year)) if present else None
    if wanted not in present:
        return None, analysis_events(store)
    before = [y for y in present if y < wanted][-1:]
    return present, analysis_events(store, years=[*before, wanted])


def _json_figure(value) -> float | None:
    """A figure of the sizes table for JSON: to two decimals, None when hidden or not defined."""
    if value is None or value != value:
        return None
    return round(float(value), 2)


def _shown_projection(value: float, n: int = privacy.MIN_GROUP) -> int | str:
    return privacy.shown_count(int(round(value)), n)
