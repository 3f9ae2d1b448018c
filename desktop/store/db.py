"""Opening, creating, upgrading and locking a store file; short transactions for every write."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, select, text
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.core.errors import NotAStore, StoreInUse, StoreTooNew
from desktop.core.identity import masked
from desktop.core.lang import t
from desktop.core.private_files import create_private, make_private
from desktop.store import columns as colstore
from desktop.store import sqlite_health as health
from desktop.store.lock import StoreLock
from desktop.store.migrations import KEY_OUTSIDE_VERSION, SCHEMA_VERSION, upgrade
from desktop.store.rows import Base
from desktop.store.rows.base import MetaRow, SettingRow
from desktop.store.rows.imports import ImportBatchRow
from desktop.store.versions import COLUMN_TABLES, TableVersions

if TYPE_CHECKING:
    import pandas as pd

SQLITE_HEADER = b"SQLite format 3\x00"
COLUMN_DATASETS = ("events", "grid", "travel_times")


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _set_pragmas(dbapi_conn, _record, readonly: bool) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    if not readonly:
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA secure_delete=ON")  # deleted values are overwritten, not left in free pages
    cur.close()


class Store:
    """An open project store. Use `open_store()` or `Store.open()` / `Store.create()`.

    Writes go through `transaction()` (one SQLite transaction: all or nothing). Large datasets are
    read with `load(dataset)`, cached until this process writes that dataset's tables; other caches
    key themselves on `version(...)` of the tables they read (desktop.store.versions).
    """

    def __init__(self, path: Path, engine: Engine, readonly: bool, lock: StoreLock | None):
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self._lock = lock
        self._cache: dict[tuple, Any] = {}
        self.data_version = 0  # bumped by every write (of any table)
        self.versions = TableVersions(engine)

    # ----------------------------------------------------------------- opening
    @staticmethod
    def _engine(path: Path, readonly: bool) -> Engine:
        if readonly:
            url = f"sqlite:///{health.readonly_uri(path)}&uri=true"
        else:
            url = f"sqlite:///{path.as_posix()}"
        engine = create_engine(url, future=True)
        event.listen(engine, "connect", lambda c, r: _set_pragmas(c, r, readonly))
        return engine

    @classmethod
    def create(cls, path: str | os.PathLike) -> Store:
        """Create a new, empty store (fails if the file exists). The file is owner-only (0600), and so
        are SQLite's -wal and -shm files (SQLite gives them the database file's permissions). The store
        holds no pseudonymisation key (desktop.store.keys)."""
        path = Path(path)
        if path.exists():
            raise NotAStore(t(f"Tiedosto {path} on jo olemassa.", f"The file {path} already exists."))
        path.parent.mkdir(parents=True, exist_ok=True)
        health.refuse_if_read_only(path)
        lock = StoreLock(path)
        if not _acquire(lock, path):
            raise StoreInUse(t(f"Tiedosto {path} on toisen ohjelman käytössä.", f"{path} is in use."))
        try:
            create_private(path)  # an empty file is an empty database to SQLite
        except OSError:
            lock.release()
            raise
        engine = cls._engine(path, readonly=False)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            with engine.begin() as conn:
                Base.metadata.create_all(conn)
                for key, value in {
                    "schema_version": str(SCHEMA_VERSION),
                    "store_id": uuid.uuid4().hex,
                    "created_at": now_iso(),
                    "app_version": __version__,
                }.items():
                    conn.execute(MetaRow.__table__.insert().values(key=key, value=value))
        except Exception:
            engine.dispose()
            lock.release()
            path.unlink(missing_ok=True)
            raise
        return cls(path, engine, readonly=False, lock=lock)

    @classmethod
    def open(cls, path: str | os.PathLike, readonly: bool = False, create: bool = False) -> Store:
        """Open an existing store, upgrading an older schema after a backup copy.

        Raises StoreInUse when another instance holds it for writing (unless `readonly`),
        StoreTooNew for a newer schema, NotAStore for other files.
        """
        path = Path(path)
        if not path.exists():
            if create and not readonly:
                return cls.create(path)
            raise NotAStore(t(f"Tiedostoa {path} ei löydy.", f"File {path} not found."))
        if not path.is_file():  # a folder, a named pipe or a device (reading a pipe would wait for ever)
            raise NotAStore(t(f"{path.name} ei ole projektitiedosto (ei tavallinen tiedosto).",
                              f"{path.name} is not a project file (not a regular file)."))
        with open(path, "rb") as fh:
            header = fh.read(16)
        if header != SQLITE_HEADER:
            raise NotAStore(
                t(
                    f"{path.name} ei ole Sote-suunnittelijan projektitiedosto (ei SQLite-tietokanta).",
                    f"{path.name} is not a Sote Planner project file (not an SQLite database).",
                )
            )
        lock = None
        if not readonly:
            health.refuse_if_read_only(path)
            lock = StoreLock(path)
            if not _acquire(lock, path):
                raise StoreInUse(
                    t(
                        f"Projekti {path.name} on jo auki toisessa Sote-suunnittelijan ikkunassa. "
                        "Sulje se tai avaa projekti vain luku -tilassa.",
                        f"Project {path.name} is already open in another Sote Planner window. "
                        "Close it there or open the project read-only.",
                    )
                )
        try:
            version = cls._read_version(path)
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
            engine = cls._engine(path, readonly)
            store = cls(path, engine, readonly, lock)
            if not readonly:
                if version < SCHEMA_VERSION:
                    store.backup_path = store._backup_before_upgrade(version)
                    with engine.begin() as conn:
                        upgrade(conn, version)
                        Base.metadata.create_all(conn)
                        store._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
                    if version < KEY_OUTSIDE_VERSION:
                        store.scrub()  # the key moved out: its old bytes must not stay in free pages
                        make_private(path)  # older versions created project files world-readable
                else:
                    with engine.begin() as conn:
                        Base.metadata.create_all(conn)  # tables added within this version
                with engine.begin() as conn:
                    conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            return store
        except Exception:
            if lock is not None:
                lock.release()
            raise

    @staticmethod
    def _read_version(path: Path) -> int:
        """The schema version, after SQLite's quick check of the whole file (a damaged store is
        refused here, before any write and before any figure)."""
        try:
            con = sqlite3.connect(health.readonly_uri(path), uri=True)
            try:
                row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                health.check_health(con, path.name)
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            damage = health.as_damage(exc, path.name)
            if damage is not None:
                raise damage from exc
            raise NotAStore(
                t(
                    f"{path.name} ei ole Sote-suunnittelijan projektitiedosto tai se on vioittunut ({exc}).",
                    f"{path.name} is not a Sote Planner project file or it is damaged ({exc}).",
                )
            ) from exc
        if row is None:
            raise NotAStore(t(f"{path.name}: tietokantaversio puuttuu.", f"{path.name}: schema version missing."))
        return health.schema_version(row[0], path.name)

    def _backup_before_upgrade(self, version: int) -> Path:
        backup = self.path.with_name(f"{self.path.stem}.v{version}-varmuuskopio{self.path.suffix}")
        n = 1
        while backup.exists():
            backup = self.path.with_name(f"{self.path.stem}.v{version}-varmuuskopio-{n}{self.path.suffix}")
            n += 1
        self.backup_to(backup)
        if version < KEY_OUTSIDE_VERSION:
            _move_key_out_of(backup)  # the backup must not keep the key the project gives up
        return backup

    def backup_to(self, dest: str | os.PathLike) -> Path:
        """A consistent, self-contained copy (no WAL) of the store, e.g. for a workshop laptop.
        The copy is owner-only (0600) and holds no key (the project holds none)."""
        dest = Path(dest)
        create_private(dest, exclusive=False)
        src = sqlite3.connect(f"file:{self.path.as_posix()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(dest)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        make_private(dest)
        return dest

    def scrub(self) -> None:
        """Rewrite the file so that deleted values are gone from it (SQLite keeps deleted content in
        free pages and in the WAL): secure_delete, VACUUM, then a truncating WAL checkpoint.
        SQLite-specific file hygiene; a server store does not need it."""
        _scrub_file(self.path)
        self.changed()

    def close(self) -> None:
        self._cache.clear()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing write. Any exception rolls everything back."""
        if self.readonly:
            raise StoreInUse(t("Projekti on avattu vain luku -tilassa.", "The project is open read-only."))
        with self.engine.begin() as conn:
            yield conn
        self.changed()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session that commits on success and rolls back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session
        if not self.readonly:
            self.changed()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def changed(self) -> None:
        """Forget the cached datasets whose tables were written (called after every write)."""
        if self.versions.touches(self.versions.changed(), *COLUMN_TABLES):
            self._cache.clear()
        self.data_version += 1

    def version(self, *names: str) -> tuple:
        """A cache key that changes when one of these datasets / tables / table-name prefixes ("classification_")
        is written, and only then (a rating edit does not change `version("events")`)."""
        return self.versions.version(*names)

    def version_except(self, *prefixes: str) -> tuple:
        """A cache key that changes when any table not starting with one of `prefixes` is written."""
        return self.versions.version_except(*prefixes)

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
        return health.schema_version(self.meta("schema_version", "0") or 0, self.path.name)

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or with None remove) a fact about the store in its own transaction."""
        with self.transaction() as conn:
            if value is None:
                conn.execute(delete(MetaRow).where(MetaRow.key == key))
            else:
                self._set_meta(conn, key, value)

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
        stays in the file: dictionary values only it used go too, and the file is rewritten."""
        with self.transaction() as conn:
            colstore.delete_batch_columns(conn, batch_id)
            n = conn.execute(delete(ImportBatchRow).where(ImportBatchRow.id == batch_id)).rowcount
            if not n:
                raise NotAStore(t(f"Tuontierää {batch_id} ei ole.", f"No import batch {batch_id}."))
            for dataset in COLUMN_DATASETS:
                colstore.prune_dictionaries(conn, dataset)
        self.scrub()

    # --------------------------------------------------------------- datasets
    def load(self, dataset: str, columns: tuple[str, ...] | None = None, decode: bool | tuple = True,
             years: tuple[int, ...] | None = None) -> pd.DataFrame:
        """A column-stored dataset (events, grid, travel_times) as a DataFrame, cached. `years`: only
        the rows dated in these calendar years (read from their chunks only)."""
        key = (dataset, columns, decode, years)
        frame = self._cache.get(key)
        if frame is None:
            version = self.version(*COLUMN_TABLES)
            with self.read() as conn:
                frame = colstore.load_columns(conn, dataset, columns, decode=decode, years=years)
            if version == self.version(*COLUMN_TABLES):  # a write during a background load: its result is not kept
                self._cache[key] = frame
        return frame

    def years(self, dataset: str) -> list[int]:
        """The calendar years of a dataset's rows (events), ascending, without loading the rows."""
        key = (dataset, "years")
        found = self._cache.get(key)
        if found is None:
            version = self.version(*COLUMN_TABLES)
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
            return conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"


def _scrub_file(path: Path) -> None:
    con = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        con.execute("PRAGMA secure_delete=ON")
        con.execute("VACUUM")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def _move_key_out_of(path: Path) -> None:
    """Move a key kept inside the SQLite file at `path` (an older version's store or its backup)
    to the user's key folder, mask identity codes in its names and reports, and rewrite the file."""
    from desktop.store.keys import move_legacy_key
    from desktop.store.migrations import mask_old_codes

    engine = create_engine(f"sqlite:///{path.as_posix()}", future=True)
    try:
        with engine.begin() as conn:
            move_legacy_key(conn)
            mask_old_codes(conn)
    finally:
        engine.dispose()
    _scrub_file(path)


def _acquire(lock: StoreLock, path: Path) -> bool:
    """Take the store's lock; a folder that refuses the lock file is a read-only folder."""
    try:
        return lock.acquire()
    except OSError as exc:
        raise health.read_only_error(path, exc.strerror or str(exc)) from exc


def open_store(path: str | os.PathLike, readonly: bool = False, create: bool = False) -> Store:
    return Store.open(path, readonly=readonly, create=create)


def copy_store(src: Path, dest: Path) -> None:
    shutil.copy2(src, dest)
