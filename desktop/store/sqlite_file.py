"""The file backend of a store: one SQLite file (`.sote`) per project.

What only a file has lives here: the OS lock against a second writer, WAL and pragmas, the version
read without SQLAlchemy, the backup copy before an upgrade, `backup_to` and the integrity check;
the checks for damaged and read-only files (desktop.store.sqlite_health) and the file's privacy
(owner-only files, `scrub` rewriting deleted values away, an older file's key moved out).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text

from desktop.core.errors import NotAStore, StoreInUse
from desktop.core.lang import t
from desktop.core.private_files import create_private, make_private
from desktop.store import sqlite_health as health
from desktop.store.location import FileLocation
from desktop.store.lock import StoreLock
from desktop.store.migrations import KEY_OUTSIDE_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"


def _set_pragmas(dbapi_conn, _record, readonly: bool) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    if not readonly:
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA secure_delete=ON")  # deleted values are overwritten, not left in free pages
    cur.close()


class FileBackend:
    is_server = False

    def __init__(self, location: FileLocation):
        self.location = location
        self.path = location.path
        self._lock: StoreLock | None = None

    # ------------------------------------------------------------- opening
    def make_engine(self, readonly: bool) -> Engine:
        path = self.path
        url = f"sqlite:///{health.readonly_uri(path)}&uri=true" if readonly else f"sqlite:///{path.as_posix()}"
        engine = create_engine(url, future=True)
        event.listen(engine, "connect", lambda c, r: _set_pragmas(c, r, readonly))
        return engine

    def exists(self) -> bool:
        return self.path.exists()

    def refuse_existing(self) -> None:
        if self.path.exists():
            raise NotAStore(t(f"Tiedosto {self.path} on jo olemassa.", f"The file {self.path} already exists."))
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def create_file(self) -> None:
        """The new project file, empty and owner-only (0600) before SQLite opens it: SQLite gives its
        -wal and -shm files the database file's permissions. An empty file is an empty database."""
        try:
            create_private(self.path)
        except OSError:
            self.release()
            raise

    def acquire(self, creating: bool = False) -> None:
        """Take the file's lock for writing. A file or folder that cannot be written is refused at
        once (StoreReadOnly), as is a file another window writes (StoreInUse)."""
        health.refuse_if_read_only(self.path)
        lock = StoreLock(self.path)
        try:
            acquired = lock.acquire()
        except OSError as exc:  # a folder that refuses the lock file is a read-only folder
            raise health.read_only_error(self.path, exc.strerror or str(exc)) from exc
        if not acquired:
            if creating:
                raise StoreInUse(t(f"Tiedosto {self.path} on toisen ohjelman käytössä.", f"{self.path} is in use."))
            raise StoreInUse(
                t(
                    f"Projekti {self.path.name} on jo auki toisessa Sote-suunnittelijan ikkunassa. "
                    "Sulje se tai avaa projekti vain luku -tilassa.",
                    f"Project {self.path.name} is already open in another Sote Planner window. "
                    "Close it there or open the project read-only.",
                )
            )
        self._lock = lock

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def journal(self, conn: Connection) -> None:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")

    def discard_new(self) -> None:
        """A store whose creation failed leaves nothing behind."""
        self.path.unlink(missing_ok=True)

    def check_header(self) -> None:
        if not self.path.exists():
            raise NotAStore(t(f"Tiedostoa {self.path} ei löydy.", f"File {self.path} not found."))
        if not self.path.is_file():  # a folder, a named pipe or a device (reading a pipe would wait for ever)
            raise NotAStore(t(f"{self.path.name} ei ole projektitiedosto (ei tavallinen tiedosto).",
                              f"{self.path.name} is not a project file (not a regular file)."))
        with open(self.path, "rb") as fh:
            header = fh.read(16)
        if header != SQLITE_HEADER:
            raise NotAStore(
                t(
                    f"{self.path.name} ei ole Sote-suunnittelijan projektitiedosto (ei SQLite-tietokanta).",
                    f"{self.path.name} is not a Sote Planner project file (not an SQLite database).",
                )
            )

    def read_version(self) -> int:
        """The schema version, after SQLite's quick check of the whole file (a damaged store is
        refused here, before any write and before any figure)."""
        path = self.path
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

    # -------------------------------------------------------------- copies
    def backup_before_upgrade(self, version: int) -> Path:
        path = self.path
        backup = path.with_name(f"{path.stem}.v{version}-varmuuskopio{path.suffix}")
        n = 1
        while backup.exists():
            backup = path.with_name(f"{path.stem}.v{version}-varmuuskopio-{n}{path.suffix}")
            n += 1
        self.backup_to(backup)
        if version < KEY_OUTSIDE_VERSION:
            _move_key_out_of(backup)  # the backup must not keep the key the project gives up
        return backup

    def after_upgrade(self, version: int) -> None:
        """A file upgraded from `version`: an older file's key moved out, so its old bytes must not stay
        in free pages, and older versions created project files world-readable."""
        if version < KEY_OUTSIDE_VERSION:
            self.scrub()
            make_private(self.path)

    def backup_to(self, dest: str | os.PathLike) -> Path:
        """A consistent, self-contained copy (no WAL), owner-only (0600); it holds no key (the project
        holds none)."""
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
        free pages and in the WAL)."""
        scrub_file(self.path)

    def integrity_ok(self, conn: Connection) -> bool:
        return conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"

    def for_reading(self, conn: Connection) -> Connection:
        return conn

    # ------------------------------------------------------------ writing
    def lock_dataset(self, conn: Connection, dataset: str) -> None:
        """SQLite has one writer at a time: nothing to do."""

    def lock_meta(self, conn: Connection, key: str) -> None:
        """SQLite has one writer at a time: nothing to do."""


def scrub_file(path: Path) -> None:
    """secure_delete, VACUUM, then a truncating WAL checkpoint."""
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
    scrub_file(path)
