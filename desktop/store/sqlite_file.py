"""The file backend of a store: one SQLite file (`.sote`) per project.

What only a file has lives here: the OS lock against a second writer, WAL and pragmas, the version
read without SQLAlchemy, the backup copy before an upgrade, `backup_to` and the integrity check.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text

from desktop.core.errors import NotAStore, StoreInUse
from desktop.core.lang import t
from desktop.store.location import FileLocation
from desktop.store.lock import StoreLock

SQLITE_HEADER = b"SQLite format 3\x00"


def _set_pragmas(dbapi_conn, _record, readonly: bool) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    if not readonly:
        cur.execute("PRAGMA synchronous=NORMAL")
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
        url = f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true" if readonly else f"sqlite:///{path.as_posix()}"
        engine = create_engine(url, future=True)
        event.listen(engine, "connect", lambda c, r: _set_pragmas(c, r, readonly))
        return engine

    def exists(self) -> bool:
        return self.path.exists()

    def refuse_existing(self) -> None:
        if self.path.exists():
            raise NotAStore(t(f"Tiedosto {self.path} on jo olemassa.", f"The file {self.path} already exists."))
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def acquire(self, creating: bool = False) -> None:
        lock = StoreLock(self.path)
        if not lock.acquire():
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
        path = self.path
        try:
            con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
            try:
                row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            raise NotAStore(
                t(
                    f"{path.name} ei ole Sote-suunnittelijan projektitiedosto tai se on vioittunut ({exc}).",
                    f"{path.name} is not a Sote Planner project file or it is damaged ({exc}).",
                )
            ) from exc
        if row is None:
            raise NotAStore(t(f"{path.name}: tietokantaversio puuttuu.", f"{path.name}: schema version missing."))
        return int(row[0])

    # -------------------------------------------------------------- copies
    def backup_before_upgrade(self, version: int) -> Path:
        path = self.path
        backup = path.with_name(f"{path.stem}.v{version}-varmuuskopio{path.suffix}")
        n = 1
        while backup.exists():
            backup = path.with_name(f"{path.stem}.v{version}-varmuuskopio-{n}{path.suffix}")
            n += 1
        self.backup_to(backup)
        return backup

    def backup_to(self, dest: str | os.PathLike) -> Path:
        dest = Path(dest)
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
        return dest

    def integrity_ok(self, conn: Connection) -> bool:
        return conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"

    # ------------------------------------------------------------ writing
    def lock_dataset(self, conn: Connection, dataset: str) -> None:
        """SQLite has one writer at a time: nothing to do."""
