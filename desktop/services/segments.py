"""Segment actions shared by the CLI and the GUI: the shipped defaults, saving and loading the rules,
export and import (JSON, XLSX), the need-level thresholds, and the segment report (sizes, overlaps,
projection) over the store's classified events."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, select

from desktop.analysis import privacy
from desktop.analysis.segments import Membership, membership, population_years, project_clients, segment_sizes
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import (
    NeedThresholds,
    Segment,
    condition_from_dict,
    default_segments,
    segment_from_dict,
)
from desktop.services import edit_versions
from desktop.store import Store
from desktop.store.rows.imports import PopulationRow
from desktop.store.rows.segments import SegmentRow

SETTING_THRESHOLDS = "segments.need_thresholds"
EXPORT_FORMAT = "sote-planner-segments"


# ------------------------------------------------------------------------------ rules in the store
def install_defaults(store: Store) -> None:
    """Load the default segments and need-level thresholds into a new store (no-op if it has segments)."""
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")
        if conn.execute(select(SegmentRow.id).limit(1)).first() is None:
            _insert(conn, default_segments())
        if store.setting(SETTING_THRESHOLDS) is None:
            store.set_setting(SETTING_THRESHOLDS, NeedThresholds().to_dict(), conn=conn)


def _insert(conn, segments: list[Segment], start: int = 0) -> None:
    for i, s in enumerate(segments):
        conn.execute(SegmentRow.__table__.insert().values(
            name=s.name, name_en=s.name_en, kind=s.kind, position=start + i,
            condition_json=json.dumps(s.condition.to_dict(), ensure_ascii=False), description=s.description,
            active=True,
        ))


def _from_row(row) -> Segment:
    return Segment(row.name, condition_from_dict(json.loads(row.condition_json)), row.kind, row.name_en or "",
                   row.description or "")


def load_segments(store: Store, active_only: bool = True) -> list[Segment]:
    """The project's segments in list order."""
    table = SegmentRow.__table__
    query = select(table).order_by(table.c.position, table.c.id)
    if active_only:
        query = query.where(table.c.active.is_(True))
    with store.read() as conn:
        rows = conn.execute(query).all()
    return [_from_row(r) for r in rows]


def save_segments(store: Store, segments: list[Segment]) -> None:
    """Replace the project's segments with `segments` (in this order), in one transaction."""
    names = [s.name for s in segments]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise UserError(t(f"Segmentin nimi on kahdesti: {dupes[0]}.", f"Segment name given twice: {dupes[0]}."))
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")  # refused over a colleague's newer save
        conn.execute(delete(SegmentRow))
        _insert(conn, segments)


def need_thresholds(store: Store) -> NeedThresholds:
    return NeedThresholds.from_dict(store.setting(SETTING_THRESHOLDS))


def set_need_thresholds(store: Store, thresholds: NeedThresholds) -> None:
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")
        store.set_setting(SETTING_THRESHOLDS, thresholds.to_dict(), conn=conn)


# ------------------------------------------------------------------------------ export / import
def export_segments(store: Store, path: str | os.PathLike) -> Path:
    """Write the segment rules and need thresholds to FILE.json or FILE.xlsx."""
    path = Path(path)
    segments = load_segments(store)
    thresholds = need_thresholds(store)
    suffix = path.suffix.lower()
    if suffix == ".json":
        doc = {"format": EXPORT_FORMAT, "version": 1, "segments": [s.to_dict() for s in segments],
               "need_thresholds": thresholds.to_dict()}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "Segmentit"
        ws.append(["name", "name_en", "kind", "description", "condition"])
        for s in segments:
            ws.append([s.name, s.name_en, s.kind, s.description, json.dumps(s.condition.to_dict(), ensure_ascii=False)])
        th = wb.create_sheet("Palvelutarve")
        th.append(["threshold", "eur"])
        for key, value in thresholds.to_dict().items():
            th.append([key, value])
        wb.save(path)
    else:
        raise UserError(t(f"Tiedostomuoto {suffix or '?'} ei käy; käytä .json tai .xlsx.",
                          f"File type {suffix or '?'} is not supported; use .json or .xlsx."))
    edit_versions.stamp_file(path, store, "segments")  # importing it back checks nobody saved since
    return path


def read_segment_file(path: str | os.PathLike) -> tuple[list[Segment], NeedThresholds | None]:
    """Parse and validate a segments file; raises UserError naming the file and the bad segment."""
    path = Path(path)
    if not path.exists():
        raise UserError(t(f"Tiedostoa {path} ei löydy.", f"File {path} not found."))
    suffix = path.suffix.lower()
    records: list[dict] = []
    thresholds = None
    try:
        if suffix == ".json":
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
            if isinstance(doc, list):
                doc = {"segments": doc}
            if not isinstance(doc, dict) or not isinstance(doc.get("segments"), list):
                raise UserError(t(f"{path.name}: segmenttilista puuttuu.", f"{path.name}: no segment list."))
            records = doc["segments"]
            if doc.get("need_thresholds") is not None:
                thresholds = NeedThresholds.from_dict(doc["need_thresholds"])
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
            if "Segmentit" not in wb.sheetnames:
                raise UserError(t(f"{path.name}: välilehti Segmentit puuttuu.", f"{path.name}: sheet Segmentit missing."))
            rows = list(wb["Segmentit"].iter_rows(values_only=True))
            header = [str(h or "").strip() for h in rows[0]] if rows else []
            for line, row in enumerate(rows[1:], start=2):
                if not any(row):
                    continue
                rec = dict(zip(header, row, strict=False))
                try:
                    rec["condition"] = json.loads(rec.get("condition") or "{}")
                except json.JSONDecodeError as exc:
                    raise UserError(t(f"{path.name}, rivi {line}: ehto ei ole kelvollista JSONia ({exc.msg}).",
                                      f"{path.name}, line {line}: the condition is not valid JSON ({exc.msg}).")) from exc
                records.append(rec)
            if "Palvelutarve" in wb.sheetnames:
                values = {str(k): v for k, v in list(wb["Palvelutarve"].iter_rows(values_only=True))[1:] if k}
                thresholds = NeedThresholds.from_dict(values)
            wb.close()
        else:
            raise UserError(t(f"Tiedostomuoto {suffix or '?'} ei käy; käytä .json tai .xlsx.",
                              f"File type {suffix or '?'} is not supported; use .json or .xlsx."))
    except json.JSONDecodeError as exc:
        raise UserError(t(f"{path.name} ei ole kelvollista JSONia (rivi {exc.lineno}).",
                          f"{path.name} is not valid JSON (line {exc.lineno}).")) from exc
    segments = []
    for i, rec in enumerate(records, start=1):
        try:
            segments.append(segment_from_dict(rec))
        except UserError as exc:
            raise UserError(t(f"{path.name}, segmentti {i}: {exc.message}", f"{path.name}, segment {i}: {exc.message}"),
                            exc.problems) from exc
    names = [s.name for s in segments]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise UserError(t(f"{path.name}: segmentin nimi on kahdesti: {dupes[0]}.", f"{path.name}: name twice: {dupes[0]}."))
    return segments, thresholds


def import_segments(store: Store, path: str | os.PathLike) -> dict:
    """Read a segments file: segments with a known name are replaced, new ones added at the end,
    others kept. All or nothing. Returns {'updated': n, 'added': n}."""
    segments, thresholds = read_segment_file(path)
    current = load_segments(store, active_only=False)
    by_name = {s.name: s for s in segments}
    merged = [by_name.pop(s.name, s) for s in current]
    updated = len(segments) - len(by_name)
    merged.extend(s for s in segments if s.name in by_name)
    names = [s.name for s in merged]
    with edit_versions.based_on(store, "segments", edit_versions.file_base(path, store, "segments")), \
            store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")  # refused when a colleague saved after the export
        conn.execute(delete(SegmentRow))
        _insert(conn, merged)
        if thresholds is not None:
            store.set_setting(SETTING_THRESHOLDS, thresholds.to_dict(), conn=conn)
    return {"updated": updated, "added": len(by_name), "segments": names}


# ------------------------------------------------------------------------------ data for analyses
POPULATION_COLUMNS = ("municipality", "year", "age_from", "age_to", "sex", "count", "forecast")
#: rows fetched and turned into columns at a time (short steps: other threads, e.g. the GUI, get the GIL)
_POPULATION_CHUNK = 2048


def load_population(store: Store) -> pd.DataFrame:
    """The population table: municipality, year, age_from, age_to, sex, count (persons), forecast;
    one row per stored row, in the table's order."""
    table = PopulationRow.__table__
    query = select(*(table.c[name] for name in POPULATION_COLUMNS))
    columns: list[list] = [[] for _ in POPULATION_COLUMNS]
    with store.read() as conn:
        # the driver's plain tuples, turned into columns a chunk at a time: a frame built from
        # SQLAlchemy rows took 0.3 s for 36,000 rows (pandas probed every Row), this about 0.07 s
        cursor = conn.connection.cursor()
        try:
            cursor.execute(str(query.compile(conn)))
            while rows := cursor.fetchmany(_POPULATION_CHUNK):
                for column, values in zip(columns, zip(*rows, strict=True), strict=True):
                    column.extend(values)
        finally:
            cursor.close()
    if not columns[0]:
        return pd.DataFrame([], columns=list(POPULATION_COLUMNS))
    return pd.DataFrame(dict(zip(POPULATION_COLUMNS, columns, strict=True)))


def analysis_events(store: Store, years=None) -> pd.DataFrame:
    """The store's events with their classification (service, aura, structure, level, life stage);
    only the events of `years` when given (read from those years' chunks)."""
    from desktop.services.classification import classified_events

    return classified_events(store, years=years)


def store_membership(store: Store, events: pd.DataFrame | None = None, years=None) -> Membership:
    events = analysis_events(store) if events is None else events
    return membership(events, load_segments(store), years, need_thresholds(store))


# ------------------------------------------------------------------------------ what may be shown
RESOURCE_FIGURES = ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")
SIZE_FIGURES = ("events", "cost_eur", "per_1000", "share", "share_of_population", "change", *RESOURCE_FIGURES)


def size_columns(sizes: pd.DataFrame) -> list[str]:
    """The columns of the sizes table as shown (page, workshop report): the resource figures when the
    events carried them (FTEs, ledger euros, contacts per FTE, ledger euros per contact)."""
    return ["segment", "persons", "residents", "per_1000", "events", "cost_eur",
            *(c for c in RESOURCE_FIGURES if c in sizes.columns), "change"]


def segment_suppression(m: Membership, year: int, n: int, top: int = 15):
    """Small segments and combinations hidden, and their complements (desktop.analysis.disclosure):
    the segment sizes add up to the distinct persons shown as the total (conservatively: segments
    overlap), the largest exact combinations too, the combinations holding a segment add up to its
    size, and those holding two segments to their overlap (persons in both; the overlap matrix's
    diagonal is the size). Returns (segment sizes' Suppression, combinations' Suppression, the
    combinations); `overlap_suppression` gives the overlaps' too."""
    sizes, combos, _overlaps, inter = _suppression(m, year, n, top)
    return sizes, combos, inter


def overlap_suppression(m: Membership, year: int, n: int, top: int = 15):
    """The Suppression of the overlaps of segments i < j (in the order of `np.triu_indices`)."""
    return _suppression(m, year, n, top)[2]


def _suppression(m: Membership, year: int, n: int, top: int):
    import numpy as np

    from desktop.analysis.disclosure import Suppression, suppress

    sizes = m.masks[year].sum(axis=1).astype(float)
    inter = m.intersections(year, top)
    combos = np.array([c for _rows, c in inter], dtype=float)
    n_seg, n_combo = len(sizes), len(combos)
    total_at = n_seg + n_combo
    upper = np.triu_indices(n_seg, 1)
    overlaps = m.overlaps(year)[upper].astype(float)
    persons = np.concatenate([sizes, combos, [float(m.total_persons(year))], overlaps])
    is_total = np.zeros(len(persons), dtype=bool)
    is_total[total_at] = True
    lines = [np.append(np.arange(n_seg), total_at), np.append(np.arange(n_seg, total_at), total_at)]
    for i in range(n_seg):
        holding = [n_seg + k for k, (rows, _c) in enumerate(inter) if i in rows]
        lines.append(np.array([i, *holding]))
    for k, (i, j) in enumerate(zip(*upper, strict=True)):
        holding = [n_seg + c for c, (rows, _c) in enumerate(inter) if i in rows and j in rows]
        lines.append(np.array([*holding, total_at + 1 + k]))
    supp = suppress(persons, lines, n, is_total)

    def part(start: int, stop: int) -> Suppression:
        return Suppression(supp.primary[start:stop], supp.hidden[start:stop])

    return part(0, n_seg), part(n_seg, total_at), part(total_at + 1, len(persons)), inter


def shown_overlaps(m: Membership, year: int, n: int) -> pd.DataFrame:
    """The overlap matrix as it may be shown (persons in both segments; the diagonal: the segment's
    size): hidden counts "<N" or "..". Columns: segment, then one per segment."""
    import numpy as np

    matrix = m.overlaps(year).astype(object)
    sizes = segment_suppression(m, year, n)[0]
    pairs = overlap_suppression(m, year, n)
    marks = np.full(matrix.shape, None, dtype=object)
    for i in range(len(m.names)):
        marks[i, i] = _mark(sizes, i, n)
    for k, (i, j) in enumerate(zip(*np.triu_indices(len(m.names), 1), strict=True)):
        marks[i, j] = marks[j, i] = _mark(pairs, k, n)
    shown = np.where(marks == None, matrix, marks)  # noqa: E711 - elementwise
    frame = pd.DataFrame(shown, columns=m.names)
    frame.insert(0, "segment", m.names)
    return frame


def shown_projection(m: Membership, projection: pd.DataFrame, n: int) -> pd.DataFrame:
    """`project_clients` rows as they may be shown: an observed year's clients hidden as that year's
    segment size is ("<N" or ".."), a projected year's as the base year's (the projection scales it);
    small projected counts "<N"."""
    out = projection.copy()
    out["clients"] = out["clients"].astype(object)
    index = {name: i for i, name in enumerate(m.names)}
    marks: dict[int, list] = {}
    for year in sorted({int(y) for y in out.loc[out["kind"] == "observed", "year"]} |
                       {int(y) for y in out.get("base_year", pd.Series(dtype=int)).dropna()}):
        if year in m.masks:
            supp = segment_suppression(m, year, n)[0]
            marks[year] = [_mark(supp, i, n) for i in range(len(m.names))]
    for row, rec in enumerate(out.itertuples(index=False)):
        year = int(rec.year) if rec.kind == "observed" else int(rec.base_year)
        i = index.get(rec.segment)
        mark = marks.get(year, [None] * len(m.names))[i] if i is not None else None
        if mark is not None:
            out.iat[row, out.columns.get_loc("clients")] = mark
        elif rec.kind != "observed":
            out.iat[row, out.columns.get_loc("clients")] = privacy.shown_count(round(float(rec.clients)), n)
    return out


def _mark(supp, i: int, n: int) -> str | None:
    if not supp.hidden[i]:
        return None
    return privacy.small_label(n) if supp.primary[i] else privacy.SECONDARY


def shown_segment_sizes(m: Membership, sizes: pd.DataFrame, year: int, n: int) -> pd.DataFrame:
    """`segment_sizes` rows of `year` as they may be shown: hidden segments' counts "<N"/".." and their
    other figures None; the change from the previous year is hidden when either year is hidden; the FTEs
    and ledger euros of a segment with a hidden traffic-light cell too (disclosure.segments_with_hidden_cells)."""
    from desktop.analysis.disclosure import hide_rows, segments_with_hidden_cells

    this = sizes[sizes["year"] == year].reset_index(drop=True)
    supp = segment_suppression(m, year, n)[0]
    shown = hide_rows(this, supp, n, ("persons",), SIZE_FIGURES)
    resources = [c for c in RESOURCE_FIGURES if c in shown.columns]
    if resources:
        mask = segments_with_hidden_cells(m, year, n) & ~supp.hidden  # their FTEs would solve those cells
        for col in resources:
            shown[col] = shown[col].astype(object)
            shown.loc[mask, col] = None
    earlier = [y for y in m.years if y < year]
    if earlier and "change" in shown.columns:
        before = segment_suppression(m, earlier[-1], n)[0]
        shown["change"] = shown["change"].astype(object)
        shown.loc[before.hidden, "change"] = None
    return shown


def shown_intersections(m: Membership, year: int, n: int) -> pd.DataFrame:
    """The largest exact combinations of segments as they may be shown (persons "<N"/".." when hidden)."""
    from desktop.analysis.disclosure import hide_rows

    _sizes, supp, inter = segment_suppression(m, year, n)
    table = pd.DataFrame({"segment": [" + ".join(m.names[i] for i in rows) for rows, _c in inter],
                          "persons": [c for _r, c in inter]})
    return hide_rows(table, supp, n, ("persons",), ())


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
    # each event's part of its service's FTEs and ledger euros, as the Segmentit page reads them
    events = events_with_resources(store, events)[0]
    segments = load_segments(store)
    if not segments:
        raise UserError(t("Projektissa ei ole segmenttejä.", "The project has no segments."))
    m = membership(events, segments, None, need_thresholds(store))
    years = every_year or m.years
    if not years:
        raise UserError(t("Projektissa ei ole palvelutapahtumia.", "The project has no service-use events."))
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise UserError(t(f"Vuodelta {year} ei ole tapahtumia (vuodet: {', '.join(map(str, years))}).",
                          f"No events for {year} (years: {', '.join(map(str, years))})."))
    population = load_population(store)
    sizes = segment_sizes(m, population if len(population) else None)
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
    hidden = segment_suppression(m, year, n)[0]
    earlier = [y for y in m.years if y < year]
    hidden_before = segment_suppression(m, earlier[-1], n)[0].hidden if earlier else None
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
        shown = shown_segment_sizes(m, sizes, year, n)
        for row, rec in zip(out_segments, shown.to_dict("records"), strict=True):
            row.update({c: _json_figure(rec[c]) for c in resources})
    ov = shown_overlaps(m, year, n)
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
        "need_thresholds": need_thresholds(store).to_dict(),
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
