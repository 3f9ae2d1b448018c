"""The project store: one `Store` API over two backends (`desktop.store.sqlite_file.FileBackend`,
`desktop.store.server.ServerBackend`): `open_store(arg)` takes a file path or a `postgresql://` URL.

`Store` is put together from its parts: opening, creating, upgrading and closing
(`desktop.store.opening`), reads, short transactions for every write and the versions caches key on
(`desktop.store.transactions`); here its facts (meta, settings), import batches and datasets.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Row, delete, func, select

from desktop import __version__
from desktop.core.errors import NotAStore
from desktop.core.identity import masked
from desktop.core.lang import t
from desktop.store import columns as colstore
from desktop.store import sqlite_health as health
from desktop.store.location import Location
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.opening import StoreOpening
from desktop.store.tables import metadata
from desktop.store.tables.base import meta as meta_table
from desktop.store.tables.base import setting as setting_table
from desktop.store.tables.imports import import_batch
from desktop.store.transactions import StoreTransactions
from desktop.store.versions import COLUMN_TABLES, TableVersions

if TYPE_CHECKING:
    import pandas as pd

COLUMN_DATASETS = ("events", "grid", "travel_times")


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class Store(StoreOpening, StoreTransactions):
    """An open project store. Use `open_store()` or `Store.open()` / `Store.create()`.

    Writes go through `transaction()` (one transaction: all or nothing). Large datasets are read
    with `load(dataset)`, cached until this process writes that dataset's tables (for a team project
    on a server, also when another analyst imports or saves); other caches key themselves on
    `version(...)` of the tables they read (desktop.store.versions).
    """

    def __init__(self, backend, engine: Engine, readonly: bool):
        self.backend = backend
        self.location: Location = backend.location
        self.engine = engine
        self.readonly = readonly
        self.read_only_role = False  # a server role without write rights (readonly is then True)
        self.created = False
        self.backup_path: Path | None = None
        self.upgraded_from: int | None = None  # a server schema upgraded when opened
        self._cache: dict[tuple, Any] = {}
        self._data_version = 0  # bumped by every write (of any table) and by another analyst's
        self.versions = TableVersions(engine)  # writes per table: caches keyed per dataset
        self._stamp: tuple | None = None
        self._bound: Connection | None = None  # the creating transaction, while defaults are installed
        # edited area -> the stored version its editor is based on (desktop.services.edit_versions);
        # a save's new version waits in pending_bases until its transaction commits
        self.edit_bases: dict[str, int] = {}
        self.pending_bases: dict[str, int] = {}

    # ----------------------------------------------------------------- identity
    @property
    def path(self) -> Path | None:
        """The project file; None for a team project on a server."""
        return self.backend.path

    @property
    def is_server(self) -> bool:
        return self.backend.is_server

    @property
    def name(self) -> str:
        """The file's stem or the database's name."""
        return self.location.name

    @property
    def display(self) -> str:
        """Where the project is, for people: the path or the URL without any password."""
        return self.location.display

    # ------------------------------------------------------------ a new store
    def _initialise(self, initialise: Callable[[Store], None] | None) -> None:
        """Tables, meta and (optionally) the shipped defaults in one transaction."""
        store_id = uuid.uuid4().hex
        facts = {
            "schema_version": str(SCHEMA_VERSION),
            "store_id": store_id,
            "created_at": now_iso(),
            "app_version": __version__,
        }
        with self.engine.begin() as conn:
            if self.is_server:
                self.backend.lock_schema(conn)
                self.backend.own_as_team(conn)
                if self.backend.read_version(conn) is not None:  # another analyst created it meanwhile
                    return
            # a new file is empty: no need to ask SQLite about each of the 30 tables first (a server's database may
            # hold other tables, it is asked)
            metadata.create_all(conn, checkfirst=self.is_server)
            for key, value in facts.items():
                conn.execute(meta_table.insert().values(key=key, value=value))
            if initialise is not None:
                self._bound = conn
                try:
                    initialise(self)
                finally:
                    self._bound = None
        self.created = True
        self.changed()

    # ------------------------------------------------------------------- meta
    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        conn.execute(delete(meta_table).where(meta_table.c.key == key))
        conn.execute(meta_table.insert().values(key=key, value=value))

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as conn:
            value = conn.execute(select(meta_table.c.value).where(meta_table.c.key == key)).scalar_one_or_none()
        return default if value is None else value

    @property
    def schema_version(self) -> int:
        return health.schema_version(self.meta("schema_version", "0") or 0, self.name)

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or with None remove) a fact about the store in its own transaction."""
        with self.transaction() as conn:
            if value is None:
                conn.execute(delete(meta_table).where(meta_table.c.key == key))
            else:
                self._set_meta(conn, key, value)

    def set_meta_once(self, key: str, value: str) -> str:
        """Set a fact unless it is already set (a team project: another analyst may set it at the
        same moment; the first one stays); returns the value that is stored."""
        with self.transaction() as conn:
            self.backend.lock_meta(conn, key)
            stored = conn.execute(select(meta_table.c.value).where(meta_table.c.key == key)).scalar_one_or_none()
            if stored:
                return stored
            self._set_meta(conn, key, value)
        return value

    def setting(self, key: str, default: Any = None) -> Any:
        with self.read() as conn:
            raw = conn.execute(select(setting_table.c.value_json).where(setting_table.c.key == key)).scalar_one_or_none()
        return default if raw is None else json.loads(raw)

    def set_setting(self, key: str, value: Any, conn: Connection | None = None) -> None:
        def write(c: Connection) -> None:
            c.execute(delete(setting_table).where(setting_table.c.key == key))
            c.execute(setting_table.insert().values(key=key, value_json=json.dumps(value)))

        if conn is not None:
            write(conn)
        else:
            with self.transaction() as c:
                write(c)

    # ---------------------------------------------------------------- batches
    def add_batch(
        self,
        conn: Connection,
        kind: str,
        file_name: str,
        file_size: int = 0,
        sha256: str = "",
        row_count: int = 0,
        rejected_count: int = 0,
        mode: str | None = None,
        report: dict | None = None,
    ) -> int:
        """Record an import batch inside the caller's transaction; returns its id. Identity codes in
        the file name and the report are masked (they are kept in the file and shown)."""
        result = conn.execute(
            import_batch.insert().values(
                kind=kind,
                file_name=masked(file_name),
                file_size=file_size,
                sha256=sha256,
                row_count=row_count,
                rejected_count=rejected_count,
                imported_at=now_iso(),
                app_version=__version__,
                mode=mode,
                report_json=masked(json.dumps(report or {}, ensure_ascii=False)),
            )
        )
        return int(result.inserted_primary_key[0])

    def batches(self) -> list[Row]:
        """The import batches, oldest first: rows with the columns of `import_batch` as attributes
        (`batch.id`, `batch.kind`, `batch.file_name`, `batch.row_count`...)."""
        with self.read() as conn:
            return list(conn.execute(select(import_batch).order_by(import_batch.c.id)))

    def remove_batch(self, batch_id: int) -> None:
        """Remove an import batch and every row it brought (cannot be undone). Nothing of the batch
        stays in the project: dictionary values only it used go too, and a file is rewritten."""
        with self.transaction() as conn:
            colstore.delete_batch_columns(conn, batch_id)
            n = conn.execute(delete(import_batch).where(import_batch.c.id == batch_id)).rowcount
            if not n:
                raise NotAStore(t(f"Tuontierää {batch_id} ei ole.", f"No import batch {batch_id}."))
            for dataset in COLUMN_DATASETS:
                colstore.prune_dictionaries(conn, dataset)  # holds the dataset's writer lock on a server
        self.scrub()

    # --------------------------------------------------------------- datasets
    def load(self, dataset: str, columns: tuple[str, ...] | None = None, decode: bool | tuple = True,
             years: tuple[int, ...] | None = None) -> pd.DataFrame:
        """A column-stored dataset (events, grid, travel_times) as a DataFrame, cached. `years`: only
        the rows dated in these calendar years (read from their chunks only)."""
        key = (dataset, columns, decode, years)
        version = self.version(*COLUMN_TABLES)  # a team project: another analyst's import empties the cache
        frame = self._cache.get(key)
        if frame is None:
            with self.read() as conn:
                frame = colstore.load_columns(conn, dataset, columns, decode=decode, years=years)
            if version == self.version(*COLUMN_TABLES):  # a write during a background load: its result is not kept
                self._cache[key] = frame
        return frame

    def years(self, dataset: str) -> list[int]:
        """The calendar years of a dataset's rows (events), ascending, without loading the rows."""
        key = (dataset, "years")
        version = self.version(*COLUMN_TABLES)  # a team project: another analyst's import empties the cache
        found = self._cache.get(key)
        if found is None:
            with self.read() as conn:
                found = colstore.dataset_years(conn, dataset)
            if version == self.version(*COLUMN_TABLES):
                self._cache[key] = found
        return list(found)

    def row_count(self, dataset: str) -> int:
        with self.read() as conn:
            return colstore.row_count(conn, dataset)

    def table_count(self, table) -> int:
        with self.read() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def integrity_ok(self) -> bool:
        with self.read() as conn:
            return self.backend.integrity_ok(conn)


def open_store(target: str | os.PathLike | Location, readonly: bool = False, create: bool = False,
               upgrade_schema: bool = False) -> Store:
    """THE way from the user's STORE argument (a `.sote` path or a `postgresql://` URL) to a store."""
    return Store.open(target, readonly=readonly, create=create, upgrade_schema=upgrade_schema)



def insert_rows(conn: Connection, table: str, columns: tuple[str, ...] | list[str], rows: list[tuple]) -> None:
    """Many rows given by position, through the driver's own executemany (SQLite's is quickest with
    tuples; psycopg pipelines them)."""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(mark for _ in columns)
    conn.exec_driver_sql(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
