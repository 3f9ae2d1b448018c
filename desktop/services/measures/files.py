"""The tracker in files: merging records read from a file (the shipped Keski-Suomi example, an Excel
tracker) by name, the undoable import, the new project's benefit goals, Excel export and chart files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, delete, func, insert, select, update

from desktop.core.command import Command
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.measures import MeasureRecord, Month, name_key
from desktop.core.progress import NullProgress, Progress
from desktop.paths import resources_dir
from desktop.services import edit_versions
from desktop.services.measures.rows import (
    ALL_TABLES,
    A,
    G,
    M,
    R,
    check_name,
    ensure_month,
    next_position,
    saving,
    set_links,
    write_rating,
)
from desktop.services.measures.tracker import load_tracker
from desktop.store import Store

SEED_EXAMPLE = "keski-suomi-oma-arviointi-2020.csv"


@dataclass
class MergeResult:
    """What a merge of records did (counts of goals, focus areas, measures and ratings)."""

    goals_added: int = 0
    areas_added: int = 0
    measures_added: int = 0
    measures_updated: int = 0
    ratings_set: int = 0
    ratings_removed: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def merge_records(conn: Connection, records: list[MeasureRecord], months: Iterable[Month]) -> MergeResult:
    """Write measures read from a file inside the caller's transaction.

    Goals, focus areas and measures are matched by name (spaces and case ignored) and created when
    missing; measures not in the file are kept. For every month of the file a rating cell replaces the
    stored rating, an empty cell removes it. Responsible, notes and links are replaced when given.
    """
    res = MergeResult()
    goals = {name_key(r.name): r.id for r in conn.execute(select(G.c.id, G.c.name))}
    areas = {name_key(r.name): r.id for r in conn.execute(select(A.c.id, A.c.name))}
    measures = {(r.goal_id, r.area_id, name_key(r.name)): r.id for r in conn.execute(select(M.c.id, M.c.goal_id, M.c.area_id, M.c.name))}
    for month in months:
        ensure_month(conn, month)

    def get_id(index: dict, table, name: str) -> tuple[int, bool]:
        key = name_key(name)
        if key in index:
            return index[key], False
        new_id = int(conn.execute(insert(table).values(name=check_name(name), notes="", position=next_position(conn, table))).inserted_primary_key[0])
        index[key] = new_id
        return new_id, True

    for rec in records:
        goal_id, added = get_id(goals, G, rec.goal)
        res.goals_added += added
        area_id, added = get_id(areas, A, rec.area)
        res.areas_added += added
        key = (goal_id, area_id, name_key(rec.name))
        mid = measures.get(key)
        if mid is None:
            mid = int(
                conn.execute(
                    insert(M).values(
                        goal_id=goal_id, area_id=area_id, name=check_name(rec.name), responsible=rec.responsible or "",
                        notes=rec.notes or "", position=next_position(conn, M, goal_id=goal_id, area_id=area_id),
                    )
                ).inserted_primary_key[0]
            )
            measures[key] = mid
            res.measures_added += 1
        else:
            values = {k: v for k, v in (("responsible", rec.responsible), ("notes", rec.notes)) if v is not None}
            if values:
                conn.execute(update(M).where(M.c.id == mid).values(**values))
            res.measures_updated += 1
        if rec.indicators is not None:
            set_links(conn, mid, rec.indicators)
        for month, value in rec.ratings.items():
            if value is None:
                res.ratings_removed += conn.execute(delete(R).where(R.c.measure_id == mid, R.c.month == str(month))).rowcount
            else:
                write_rating(conn, mid, month, value)
                res.ratings_set += 1
    return res


class ImportRecords(Command):
    """Merge records read from a file as one undoable step (undo restores the tracker as it was)."""

    def __init__(self, store: Store, records: list[MeasureRecord], months: list[Month], file_name: str = ""):
        self.store, self.records, self.months = store, records, months
        self.before: list[tuple[object, list[dict]]] = []
        self.result = MergeResult()
        self.text = t(f"Tuo {file_name}", f"Import {file_name}")

    def do(self) -> None:
        with saving(self.store) as conn:
            self.before = [(tb, [dict(r._mapping) for r in conn.execute(select(tb))]) for tb in ALL_TABLES]
            self.result = merge_records(conn, self.records, self.months)

    def undo(self) -> None:
        with saving(self.store) as conn:
            for tb in reversed(ALL_TABLES):
                conn.execute(delete(tb))
            for tb, rows in self.before:
                for row in rows:
                    conn.execute(insert(tb).values(**row))


def read_seed_example(path: Path | None = None) -> tuple[list[MeasureRecord], list[Month]]:
    """The shipped example (Keski-Suomi self-assessment, October 2020) as records and months."""
    path = path or resources_dir() / "measures" / SEED_EXAMPLE
    records, months = [], []
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# MONTHS:"):
            months = [Month.parse(m) for m in line.split(":", 1)[1].split(";") if m.strip()]
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(";")
        if header is None:
            header = fields
            continue
        row = dict(zip(header, fields, strict=False))
        ratings = {Month.parse(k): int(v) for k, v in row.items() if k[:1].isdigit() and v.strip()}
        records.append(MeasureRecord(row["hyötytavoite"], row["kärki"], row["kehittämistoimenpide"], ratings,
                                     notes=row.get("huomiot", "").strip() or None))
    return records, months


def install_defaults(store: Store) -> None:
    """New projects start with the programme's five benefit goals (THL hyötytavoitteet), no measures."""
    records, _months = read_seed_example()
    with saving(store) as conn:
        if conn.execute(select(func.count()).select_from(G)).scalar_one():
            return
        seen: list[str] = []
        for rec in records:
            if rec.goal not in seen:
                seen.append(rec.goal)
        for pos, name in enumerate(seen, start=1):
            conn.execute(insert(G).values(name=name, notes="", position=pos))


def install_seed_example(store: Store) -> MergeResult:
    """Load the seed's 97 measures with their October 2020 ratings (months 10-12/2020 followed).

    Merges by name, so running it on a store that already has the goals adds only what is missing.
    """
    records, months = read_seed_example()
    with saving(store) as conn:
        return merge_records(conn, records, months)


def import_measures_xlsx(store: Store, path: str | os.PathLike, progress: Progress | None = None) -> MergeResult:
    """Read and validate an Excel tracker, then merge it in one transaction. A bad file changes nothing."""
    from desktop.importers.measures_xlsx import read_tracker_xlsx

    progress = progress or NullProgress()
    progress.report(0, 2, t("Luetaan Excel-tiedostoa", "Reading the Excel file"))
    records, months = read_tracker_xlsx(path)
    progress.report(1, 2, t("Tallennetaan", "Saving"))
    with edit_versions.based_on(store, "measures", edit_versions.file_base(path, store, "measures")), \
            saving(store) as conn:  # refused when a colleague saved after the export
        result = merge_records(conn, records, months)
    progress.report(2, 2, t("Valmis", "Done"))
    return result


def export_measures_xlsx(store: Store, path: str | os.PathLike) -> Path:
    """Write the tracker as an Excel file laid out like the seed's tables (see importers.measures_xlsx)."""
    from desktop.importers.measures_xlsx import write_tracker_xlsx

    written = write_tracker_xlsx(load_tracker(store), path)
    edit_versions.stamp_file(written, store, "measures")  # importing it back checks nobody saved since
    return written


CHART_KINDS = ("heatmap", "goals", "areas")


def export_chart(store: Store, kind: str, path: str | os.PathLike) -> Path:
    """Draw a measures chart ('heatmap', 'goals' or 'areas') to PNG, SVG or PDF by the file suffix;
    .xlsx writes the table behind the chart instead."""
    from matplotlib.figure import Figure

    from desktop.charts import measures as charts

    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if kind not in CHART_KINDS:
        raise UserError(t(f"Tuntematon kuva '{kind}'; vaihtoehdot: {', '.join(CHART_KINDS)}.",
                          f"Unknown chart '{kind}'; choose one of {', '.join(CHART_KINDS)}."))
    tracker = load_tracker(store)
    if suffix == "xlsx":
        from desktop.importers.measures_xlsx import write_distribution_xlsx, write_tracker_xlsx

        if kind == "heatmap":
            return write_tracker_xlsx(tracker, path)
        return write_distribution_xlsx(tracker, "goal" if kind == "goals" else "area", path)
    if suffix not in ("png", "svg", "pdf"):
        raise UserError(t(f"Kuvan tiedostomuoto .{suffix} ei käy; käytä .png, .svg, .pdf tai .xlsx.",
                          f"Cannot write .{suffix}; use .png, .svg, .pdf or .xlsx."))
    if kind == "heatmap":
        fig = Figure(figsize=charts.heatmap_size(tracker))
        charts.draw_rating_heatmap(fig, tracker)
    else:
        by = "goal" if kind == "goals" else "area"
        fig = Figure(figsize=charts.distribution_size(tracker, by))
        charts.draw_rating_distribution(fig, tracker, by=by)
    fig.savefig(path, format=suffix, dpi=150 if suffix == "png" else None)
    return path
