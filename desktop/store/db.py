"""Opening, creating, upgrading a store (a `.sote` file or a team's PostgreSQL database); short
transactions for every write.

One `Store` API over two backends (`desktop.store.sqlite_file.FileBackend`,
`desktop.store.server.ServerBackend`): `open_store(arg)` takes a file path or a `postgresql://` URL.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, delete, func, select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.core.errors import NotAStore, ReadOnlyRole, SchemaOutdated, StoreInUse, StoreTooNew, UserError
from desktop.core.identity import masked
from desktop.core.lang import t
from desktop.store import columns as colstore
from desktop.store import sqlite_health as health
from desktop.store.location import FileLocation, Location, ServerLocation, parse_location
from desktop.store.migrations import SCHEMA_VERSION, upgrade
from desktop.store.rows import Base
from desktop.store.rows.base import MetaRow, SettingRow
from desktop.store.rows.imports import ImportBatchRow
from desktop.store.server import ServerBackend, read_only_message
from desktop.store.sqlite_file import SQLITE_HEADER, FileBackend  # noqa: F401 - SQLITE_HEADER kept for importers

if TYPE_CHECKING:
    import pandas as pd

COLUMN_DATASETS = ("events", "grid", "travel_times")


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _backend(location: Location):
    return ServerBackend(location) if location.is_server else FileBackend(location)


class Store:
    """An open project store. Use `open_store()` or `Store.open()` / `Store.create()`.

    Writes go through `transaction()` (one transaction: all or nothing). Large datasets are read
    with `load(dataset)`, cached until the store changes (for a team project on a server, also
    when another analyst imports or saves).
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
        self._data_version = 0
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

    # ----------------------------------------------------------------- opening
    @classmethod
    def create(cls, target: str | os.PathLike | Location,
               initialise: Callable[[Store], None] | None = None) -> Store:
        """Create a new, empty store (fails if the file exists or the database holds a project).

        `initialise(store)` (e.g. installing the shipped defaults) runs inside the creating
        transaction: a failure leaves no file and no tables behind. A file is owner-only (0600, and so
        are SQLite's -wal and -shm files). The store holds no pseudonymisation key, only (after the
        first person-level import) its fingerprint (desktop.store.keys)."""
        location = parse_location(target)
        if location.is_server:
            store = cls._open_server(location, readonly=False, create=True, upgrade_schema=False, initialise=initialise)
            if not store.created:
                store.close()
                raise NotAStore(t(f"Tietokannassa {location.display} on jo projekti.",
                                  f"The database {location.display} already holds a project."))
            return store
        backend = FileBackend(location)
        backend.refuse_existing()
        backend.acquire(creating=True)
        backend.create_file()
        engine = backend.make_engine(readonly=False)
        store = cls(backend, engine, readonly=False)
        try:
            with engine.begin() as conn:
                backend.journal(conn)
            store._initialise(initialise)
        except BaseException:
            engine.dispose()
            backend.release()
            backend.discard_new()
            raise
        store.created = True
        return store

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
            Base.metadata.create_all(conn)
            for key, value in facts.items():
                conn.execute(MetaRow.__table__.insert().values(key=key, value=value))
            if initialise is not None:
                self._bound = conn
                try:
                    initialise(self)
                finally:
                    self._bound = None
        self.created = True
        self.changed()

    @classmethod
    def open(cls, target: str | os.PathLike | Location, readonly: bool = False, create: bool = False,
             upgrade_schema: bool = False, initialise: Callable[[Store], None] | None = None) -> Store:
        """Open an existing store.

        A file of an older schema is upgraded after a backup copy; a server database of an older
        schema only with `upgrade_schema` (SchemaOutdated otherwise). `create`: a missing file or an
        empty database becomes a new store (`initialise` runs in its creating transaction).
        Raises StoreInUse when another instance holds a file for writing (unless `readonly`),
        StoreTooNew for a newer schema, NotAStore for other files and databases.
        """
        location = parse_location(target)
        if location.is_server:
            return cls._open_server(location, readonly, create, upgrade_schema, initialise)
        return cls._open_file(location, readonly, create, initialise)

    @classmethod
    def _open_file(cls, location: FileLocation, readonly: bool, create: bool, initialise) -> Store:
        backend = FileBackend(location)
        path = location.path
        if not backend.exists() and create and not readonly:
            return cls.create(location, initialise)
        backend.check_header()
        if not readonly:
            backend.acquire()
        try:
            version = backend.read_version()
            if version > SCHEMA_VERSION:
                raise StoreTooNew(
                    t(
                        f"Projekti {path.name} on tehty uudemmalla ohjelmaversiolla (tietokantaversio {version}, "
                        f"tämä ohjelma tuntee version {SCHEMA_VERSION}). Päivitä Sote-suunnittelija; "
                        "tiedostoa ei muutettu.",
                        f"Project {path.name} was written by a newer app (schema {version}, this app knows "
                        f"{SCHEMA_VERSION}). Update Sote Planner; the file was not changed.",
                    )
                )
            engine = backend.make_engine(readonly)
            store = cls(backend, engine, readonly)
            if not readonly:
                if version < SCHEMA_VERSION:
                    store.backup_path = backend.backup_before_upgrade(version)
                    with engine.begin() as conn:
                        upgrade(conn, version)
                        Base.metadata.create_all(conn)
                        store._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
                    backend.after_upgrade(version)  # e.g. the old key's bytes rewritten away
                    store.changed()
                else:
                    with engine.begin() as conn:
                        Base.metadata.create_all(conn)  # tables added within this version
                with engine.begin() as conn:
                    backend.journal(conn)
            return store
        except Exception:
            backend.release()
            raise

    @classmethod
    def _open_server(cls, location: ServerLocation, readonly: bool, create: bool, upgrade_schema: bool,
                     initialise) -> Store:
        backend = ServerBackend(location)
        engine = backend.make_engine(readonly=False)
        try:
            backend.connect_check(engine)
            with engine.connect() as conn:
                version = backend.read_version(conn)
            store = cls(backend, engine, readonly=False)
            if version is None:
                if not create or readonly:
                    raise NotAStore(t(
                        f"Tietokannassa {location.display} ei ole vielä projektia. Ensimmäinen tuonti luo sen: "
                        f"sote-planner import {location.display} events TIEDOSTO.csv",
                        f"The database {location.display} holds no project yet. The first import creates it: "
                        f"sote-planner import {location.display} events FILE.csv"))
                store._initialise(initialise)
                with engine.connect() as conn:
                    version = backend.read_version(conn)
            if version > SCHEMA_VERSION:
                raise StoreTooNew(t(
                    f"Tiimin projektin {location.display} tietokantarakenne on uudemmalta ohjelmaversiolta (versio "
                    f"{version}, tämä ohjelma tuntee version {SCHEMA_VERSION}). Päivitä Sote-suunnittelija; "
                    "tietokantaa ei muutettu.",
                    f"The team project {location.display} has a schema of a newer app (version {version}, this app "
                    f"knows {SCHEMA_VERSION}). Update Sote Planner; the database was not changed."))
            if version < SCHEMA_VERSION:
                if not upgrade_schema or readonly:
                    raise SchemaOutdated(t(
                        f"Tiimin projektin {location.display} tietokantarakenne on vanhempaa versiota {version}; tämä "
                        f"ohjelma käyttää versiota {SCHEMA_VERSION}. Rakennetta ei päivitetä kysymättä, koska koko "
                        "tiimin on sen jälkeen käytettävä uutta ohjelmaversiota. Päivitä se komennolla "
                        f"'sote-planner upgrade {location.display}' (tai vastaa Kyllä sovelluksen kysymykseen); "
                        "tietokantaa ei muutettu.",
                        f"The team project {location.display} has an older schema, version {version}; this app uses "
                        f"version {SCHEMA_VERSION}. It is not upgraded without asking, since the whole team must "
                        f"then use the new app version. Upgrade it with 'sote-planner upgrade {location.display}' "
                        "(or answer Yes in the app); the database was not changed."))
                store.upgraded_from = store._upgrade_server()
            with engine.connect() as conn:
                may_write = backend.may_write(conn)
                missing = {t_.name for t_ in Base.metadata.sorted_tables} - backend.table_names(conn)
            if missing and may_write and not readonly:
                with engine.begin() as conn:  # tables added within this version
                    backend.lock_schema(conn)
                    backend.own_as_team(conn)
                    Base.metadata.create_all(conn)
            if readonly or not may_write:
                engine.dispose()
                store.engine = backend.make_engine(readonly=True)
                store.readonly = True
                store.read_only_role = not may_write
            return store
        except BaseException:
            engine.dispose()
            raise

    def _upgrade_server(self) -> int:
        """Upgrade the database's schema in one transaction (DDL included); returns the old version."""
        with self.engine.begin() as conn:
            self.backend.lock_schema(conn)
            self.backend.own_as_team(conn)
            version = self.backend.read_version(conn)  # another analyst may have upgraded meanwhile
            if version is not None and version < SCHEMA_VERSION:
                upgrade(conn, version)
                Base.metadata.create_all(conn)
                self._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
        return int(version or SCHEMA_VERSION)

    def backup_to(self, dest: str | os.PathLike, progress=None) -> Path:
        """A consistent, self-contained project file (no WAL), e.g. for a workshop laptop."""
        if self.is_server:
            from desktop.store.copying import copy_project

            copy_project(self, dest, progress=progress)
            return Path(dest)
        return self.backend.backup_to(dest)

    def scrub(self) -> None:
        """A file: rewrite it so that deleted values are gone from it (secure_delete, VACUUM, a
        truncating WAL checkpoint). A team project: nothing (the server's own VACUUM reclaims
        deleted rows; the database files are the county's server's to keep)."""
        self.backend.scrub()
        self.changed()

    def close(self) -> None:
        self._cache.clear()
        self.engine.dispose()
        if not self.is_server:
            self.backend.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    def read_only_error(self) -> UserError:
        if self.read_only_role:
            return ReadOnlyRole(read_only_message(self.location))
        return StoreInUse(t("Projekti on avattu vain luku -tilassa.", "The project is open read-only."))

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing write. Any exception rolls everything back."""
        if self._bound is not None:  # part of the creating transaction
            yield self._bound
            return
        if self.readonly:
            raise self.read_only_error()
        self.pending_bases.clear()
        try:
            with self.engine.begin() as conn:
                yield conn
        except BaseException:
            self.pending_bases.clear()
            raise
        self.edit_bases.update(self.pending_bases)
        self.pending_bases.clear()
        self.changed()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session that commits on success and rolls back on error."""
        if self.readonly:
            raise self.read_only_error()
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session
        self.changed()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading; a team project's reads see one snapshot of the database (a
        colleague's batch removal renumbers dictionary codes: chunks and dictionary must agree)."""
        if self._bound is not None:
            yield self._bound
            return
        with self.engine.connect() as conn:
            yield self.backend.for_reading(conn)

    def lock_dataset(self, conn: Connection, dataset: str) -> None:
        """Inside a write transaction: the one writer of `dataset`'s dictionary and chunks until the
        transaction ends (a team project: another analyst's import of the same dataset waits)."""
        self.backend.lock_dataset(conn, dataset)

    def changed(self) -> None:
        """Forget cached datasets (called after every write)."""
        self._cache.clear()
        self._data_version += 1
        self._stamp = None

    @property
    def data_version(self) -> int:
        """A number that changes whenever the store's data changes (a team project: also by
        another analyst's import, batch removal or save)."""
        if self.is_server and self._bound is None:
            self.refresh()
        return self._data_version

    def refresh(self) -> bool:
        """A team project: forget cached data when another analyst changed it. True if so."""
        if not self.is_server:
            return False
        with self.engine.connect() as conn:
            stamp = self.backend.data_stamp(conn)
        changed = self._stamp is not None and stamp != self._stamp
        if changed:
            self._cache.clear()
            self._data_version += 1
        self._stamp = stamp
        return changed

    # ------------------------------------------------------------------- meta
    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        conn.execute(delete(MetaRow).where(MetaRow.key == key))
        conn.execute(MetaRow.__table__.insert().values(key=key, value=value))

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as conn:
            value = conn.execute(select(MetaRow.value).where(MetaRow.key == key)).scalar_one_or_none()
        return default if value is None else value

    @property
    def schema_version(self) -> int:
        return health.schema_version(self.meta("schema_version", "0") or 0, self.name)

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or with None remove) a fact about the store in its own transaction."""
        with self.transaction() as conn:
            if value is None:
                conn.execute(delete(MetaRow).where(MetaRow.key == key))
            else:
                self._set_meta(conn, key, value)

    def set_meta_once(self, key: str, value: str) -> str:
        """Set a fact unless it is already set (a team project: another analyst may set it at the
        same moment; the first one stays); returns the value that is stored."""
        with self.transaction() as conn:
            self.backend.lock_meta(conn, key)
            stored = conn.execute(select(MetaRow.value).where(MetaRow.key == key)).scalar_one_or_none()
            if stored:
                return stored
            self._set_meta(conn, key, value)
        return value

    def setting(self, key: str, default: Any = None) -> Any:
        with self.read() as conn:
            raw = conn.execute(select(SettingRow.value_json).where(SettingRow.key == key)).scalar_one_or_none()
        return default if raw is None else json.loads(raw)

    def set_setting(self, key: str, value: Any, conn: Connection | None = None) -> None:
        def write(c: Connection) -> None:
            c.execute(delete(SettingRow).where(SettingRow.key == key))
            c.execute(SettingRow.__table__.insert().values(key=key, value_json=json.dumps(value)))

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
            ImportBatchRow.__table__.insert().values(
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

    def batches(self) -> list[ImportBatchRow]:
        with Session(self.engine) as session:
            rows = list(session.scalars(select(ImportBatchRow).order_by(ImportBatchRow.id)))
            session.expunge_all()
        return rows

    def remove_batch(self, batch_id: int) -> None:
        """Remove an import batch and every row it brought (cannot be undone). Nothing of the batch
        stays in the project: dictionary values only it used go too, and a file is rewritten."""
        with self.transaction() as conn:
            colstore.delete_batch_columns(conn, batch_id)
            n = conn.execute(delete(ImportBatchRow).where(ImportBatchRow.id == batch_id)).rowcount
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
        version = self.data_version  # a team project: another analyst's import empties the cache
        frame = self._cache.get(key)
        if frame is None:
            with self.read() as conn:
                frame = colstore.load_columns(conn, dataset, columns, decode=decode, years=years)
            if version == self.data_version:  # a write during a background load: its result is not kept
                self._cache[key] = frame
        return frame

    def years(self, dataset: str) -> list[int]:
        """The calendar years of a dataset's rows (events), ascending, without loading the rows."""
        key = (dataset, "years")
        version = self.data_version  # a team project: another analyst's import empties the cache
        found = self._cache.get(key)
        if found is None:
            with self.read() as conn:
                found = colstore.dataset_years(conn, dataset)
            if version == self.data_version:
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
