"""Copying a whole project between a file and a server: a workshop copy of the team's project for
an offline laptop (server -> file) and publishing a file to the team (file -> server); file -> file
and server -> server work the same way.

Every table is copied row for row (ids, dictionary codes and column chunks as they are), so the
copy gives the same figures. The target is created and filled in ONE transaction: a failure or a
cancel leaves no file and no tables behind. No pseudonymisation key is copied: a project holds
only its key's fingerprint (meta `key_fingerprint`, desktop.store.keys), which travels with the
copy; the analysts who import person-level data into the copy hold the key itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, func, select, text

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import NullProgress, Progress
from desktop.store import keys
from desktop.store.db import Store, insert_rows
from desktop.store.location import Location, parse_location
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.tables import metadata
from desktop.store.tables.base import meta as meta_table

FETCH_ROWS = 5_000  # rows moved at a time (column chunks: a few megabytes each, fewer at a time)
FETCH_CHUNKS = 8


@dataclass
class CopyResult:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def as_json(self) -> dict:
        return {"source": self.source, "target": self.target, "rows": self.rows, "total": self.total}


def copy_project(source: Store | str | os.PathLike | Location, target: str | os.PathLike | Location,
                 progress: Progress | None = None) -> CopyResult:
    """Copy the project at `source` (an open store or a STORE argument) to a new file or an empty
    database `target`; returns what was copied."""
    progress = progress or NullProgress()
    own = not isinstance(source, Store)
    src = Store.open(source, readonly=True) if own else source
    try:
        if src.schema_version != SCHEMA_VERSION:
            raise UserError(t(
                f"Projektin {src.display} tietokantaversio on {src.schema_version}; kopioida voi version "
                f"{SCHEMA_VERSION}. Avaa projekti ensin tällä ohjelmaversiolla (tiimin projekti: sote-planner upgrade).",
                f"Project {src.display} has schema version {src.schema_version}; only version {SCHEMA_VERSION} "
                "can be copied. Open it with this app version first (a team project: sote-planner upgrade)."))
        dest = parse_location(target)
        result = CopyResult(src.display, dest.display)

        def fill(new: Store) -> None:
            assert new._bound is not None
            with src.read() as reading:
                _copy_all(reading, new._bound, dest.is_server, result, progress)

        created = Store.create(dest, initialise=fill)
        created.close()
        return result
    finally:
        if own:
            src.close()


def _tables() -> list[Table]:
    return [table for table in metadata.sorted_tables if table is not meta_table]


def _copy_all(reading: Connection, writing: Connection, to_server: bool, result: CopyResult,
              progress: Progress) -> None:
    tables = _tables()
    counts = {table.name: int(reading.execute(select(func.count()).select_from(table)).scalar_one())
              for table in tables}
    total = max(1, sum(counts.values()))
    done = 0
    meta = dict(reading.execute(select(meta_table.c.key, meta_table.c.value)).all())
    meta.pop(keys.LEGACY_META, None)  # never a key in a copy (a current project holds none anyway)
    writing.execute(meta_table.delete())
    writing.execute(meta_table.insert(), [{"key": k, "value": v} for k, v in meta.items()])
    for table in tables:
        columns = [c.name for c in table.columns]
        step = FETCH_CHUNKS if table.name == "column_chunk" else FETCH_ROWS
        query = select(*table.columns)
        pk = list(table.primary_key.columns)
        if pk:
            query = query.order_by(*pk)
        rows_done = 0
        stream = reading.execution_options(stream_results=True, yield_per=step).execute(query)
        for part in stream.partitions(step):
            rows = [tuple(row) for row in part]
            if to_server:
                _copy_in(writing, table.name, columns, rows)
            else:
                insert_rows(writing, table.name, columns, rows)
            rows_done += len(rows)
            done += len(rows)
            progress.report(done, total, t(f"Kopioidaan {table.name}: {rows_done:,} / {counts[table.name]:,} riviä",
                                           f"Copying {table.name}: {rows_done:,} / {counts[table.name]:,} rows")
                            .replace(",", " "))
        result.rows[table.name] = rows_done
        if to_server:
            _advance_sequence(writing, table)
    progress.report(total, total)


def _copy_in(conn: Connection, table: str, columns: list[str], rows: list[tuple]) -> None:
    """Rows into a PostgreSQL table through COPY (binary values, booleans and bytea as they are)."""
    if not rows:
        return
    quoted = ", ".join(f'"{c}"' for c in columns)
    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _advance_sequence(conn: Connection, table: Table) -> None:
    """Ids were copied as they are: the table's own id sequence continues after the largest."""
    column = table.autoincrement_column
    if column is None:
        return
    conn.execute(text(
        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
        f"coalesce(max(\"{column.name}\"), 1), max(\"{column.name}\") IS NOT NULL) FROM \"{table.name}\""))
