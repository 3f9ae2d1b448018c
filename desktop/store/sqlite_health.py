"""SQLite-specific checks made when a store file is opened: is it damaged, can it be written, and
how to read it when it cannot (read-only media). Kept apart from `db.py` so that another backend
(PostgreSQL) has nothing of this to carry.

- A damaged file (failing `PRAGMA quick_check`, an unreadable page, a schema version that is not a
  number) is refused before any write and before any figure: `StoreDamaged`, exit 2 on the command line.
- A store on read-only media or in a read-only folder is opened for reading with `immutable=1`
  (SQLite cannot even read a WAL database there otherwise); opening it for writing is refused at
  once with `StoreReadOnly`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop.core.errors import StoreDamaged, StoreReadOnly
from desktop.core.lang import t

# SQLite's words for a damaged file (sqlite3.DatabaseError texts)
DAMAGE_WORDS = ("malformed", "not a database", "disk image", "could not decode", "corrupt")


def damaged(name: str, detail: str) -> StoreDamaged:
    """The planner's sentence for a damaged project `name`; `detail` is SQLite's own word for it."""
    detail = " ".join(str(detail).split())[:200]
    name = f"{name} " if name else ""
    return StoreDamaged(
        t(
            f"Projekti {name}on vioittunut ({detail}). Sitä ei muutettu eikä siitä näytetä lukuja. "
            "Palauta projekti varmuuskopiosta tai tuo aineistot uuteen projektiin.",
            f"Project {name}is damaged ({detail}). It was not changed and no figures are shown from it. "
            "Restore the project from a backup or import the data into a new project.",
        )
    )


def as_damage(exc: BaseException, name: str) -> StoreDamaged | None:
    """`exc` (an SQLite or SQLAlchemy error) as a damage report, or None when it is something else."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.DatabaseError) and any(w in str(orig).lower() for w in DAMAGE_WORDS):
        return damaged(name, str(orig))
    return None


def read_only_reason(path: Path) -> str | None:
    """Why `path` (an existing store or a new one) cannot be written, or None when it can."""
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK):
        return t(f"kansioon {folder} ei voi kirjoittaa", f"the folder {folder} cannot be written")
    if path.exists() and not os.access(path, os.W_OK):
        return t(f"tiedosto {path.name} on vain luku -tilassa", f"the file {path.name} is read-only")
    return None


def read_only_error(path: Path, reason: str) -> StoreReadOnly:
    if not path.exists():
        return StoreReadOnly(t(f"Projektia {path.name} ei voi luoda: {reason}. Valitse kansio, johon voit tallentaa.",
                               f"Project {path.name} cannot be created: {reason}. Choose a folder you can save in."))
    return StoreReadOnly(
        t(
            f"Projektia {path.name} ei voi muuttaa: {reason}. Avaa se vain luku -tilassa tai kopioi se "
            "kansioon, johon voit tallentaa. Mitään ei muutettu.",
            f"Project {path.name} cannot be changed: {reason}. Open it read-only or copy it to a folder "
            "you can save in. Nothing was changed.",
        )
    )


def refuse_if_read_only(path: Path) -> None:
    """Raise StoreReadOnly when the store at `path` (existing or to be created) cannot be written."""
    reason = read_only_reason(path)
    if reason:
        raise read_only_error(path, reason)


def readonly_uri(path: Path) -> str:
    """The SQLite URI to read `path` with: `mode=ro`, or `immutable=1` when the file or its folder
    cannot be written (read-only media: the WAL index cannot be made there) and no WAL content waits."""
    base = f"file:{path.as_posix()}"
    if read_only_reason(path) is None:
        return base + "?mode=ro"
    try:
        con = sqlite3.connect(base + "?mode=ro", uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return base + "?mode=ro"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        pass
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreReadOnly(
            t(
                f"Projektia {path.name} ei voi lukea tästä kansiosta: sen viimeisimmät muutokset ovat "
                f"erillisessä tiedostossa {wal.name}. Kopioi molemmat tiedostot kansioon, johon voit tallentaa.",
                f"Project {path.name} cannot be read from this folder: its latest changes are in the separate "
                f"file {wal.name}. Copy both files to a folder you can save in.",
            )
        )
    return base + "?immutable=1"


def check_health(con: sqlite3.Connection, name: str) -> None:
    """`PRAGMA quick_check` (about 0.2 s per 70 MB): raise StoreDamaged unless it says ok."""
    try:
        rows = con.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:  # Python's sqlite3 raises on some damage instead of returning rows
        raise damaged(name, str(exc)) from exc
    if [r[0] for r in rows] != ["ok"]:
        raise damaged(name, "; ".join(str(r[0]) for r in rows))


def schema_version(value: str | None, name: str) -> int:
    """The stored schema version as a number; a value that is not one means a damaged file."""
    try:
        return int(str(value).strip())
    except ValueError:
        raise damaged(name, t(f"tietokantaversio '{value}' ei ole luku", f"schema version '{value}' is not a number")) from None
