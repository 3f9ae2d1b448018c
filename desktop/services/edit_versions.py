"""Versions of what planners edit together: the classification, the segment rules, the reach goals
and the development measures. Every save bumps its area's version (`edit_version` table); a save
that was based on an older version than the stored one is refused with `SaveConflict` (reload or
save as a copy), never a silent overwrite of a colleague's save. Files work the same way.

An editor says what it is based on with `begin_editing(store, area)` when it (re)loads; the
command line takes the version written into an exported file (`based_on`). A save with no base
(installing defaults, a plain import) does not check. Inside the save's transaction:

    with store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")
        ...
"""

from __future__ import annotations

import getpass
import json
import weakref
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, text, update

from desktop.core.errors import SaveConflict
from desktop.core.lang import t
from desktop.store import Store
from desktop.store.db import now_iso
from desktop.store.tables.base import edit_version as V

AREAS = {
    "classification": ("Palveluluokitus", "The service classification"),
    "segments": ("Segmenttisäännöt", "The segment rules"),
    "goals": ("Saavutettavuustavoitteet", "The reach goals"),
    "measures": ("Kehittämistoimenpiteet", "The development measures"),
}


@dataclass(frozen=True)
class EditVersion:
    area: str
    version: int
    saved_at: str = ""
    saved_by: str = ""


def current(store: Store, area: str) -> EditVersion:
    with store.read() as conn:
        return current_in(conn, area)


def current_in(conn: Connection, area: str) -> EditVersion:
    row = conn.execute(select(V.c.version, V.c.saved_at, V.c.saved_by).where(V.c.area == area)).first()
    return EditVersion(area, 0) if row is None else EditVersion(area, int(row[0]), row[1] or "", row[2] or "")


def begin_editing(store: Store, area: str) -> int:
    """The editor of `area` shows what is stored now: its saves are based on this version."""
    version = current(store, area).version
    store.edit_bases[area] = version
    return version


def stop_editing(store: Store, area: str) -> None:
    store.edit_bases.pop(area, None)


def _saver(conn: Connection) -> str:
    if conn.dialect.name == "postgresql":
        return str(conn.execute(text("SELECT current_user")).scalar_one())
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on this system
        return ""


def claim(conn: Connection, store: Store, area: str) -> int:
    """Inside a save's transaction: refuse the save if someone saved `area` after the version this
    store's editor is based on; otherwise bump the version (the editor's base follows on commit).
    A team project: concurrent savers of one area wait for each other (row lock) and the later
    one is refused."""
    base = store.edit_bases.get(area)
    who, when = _saver(conn), now_iso()
    where = [V.c.area == area] + ([V.c.version == base] if base is not None else [])
    new = conn.execute(update(V).where(*where).values(version=V.c.version + 1, saved_at=when, saved_by=who)
                       .returning(V.c.version)).scalar_one_or_none()
    if new is None:
        stored = current_in(conn, area)
        if stored.version == 0 and not stored.saved_at and (base or 0) == 0:
            conn.execute(insert(V).values(area=area, version=1, saved_at=when, saved_by=who))
            new = 1
        else:
            raise conflict_error(area, base, stored)
    if area in store.edit_bases:
        store.pending_bases[area] = int(new)
    return int(new)


def conflict_error(area: str, base: int | None, stored: EditVersion) -> SaveConflict:
    fi, en = AREAS.get(area, (area, area))
    who = stored.saved_by or t("toinen käyttäjä", "another user")
    when = stored.saved_at[:16].replace("T", " ")
    return SaveConflict(t(
        f"{fi}: {who} tallensi uudemman version ({stored.version}, {when}) sen jälkeen, kun avasit version "
        f"{base}. Tallennustasi ei tehty, jotta hänen muutoksensa eivät katoa. Lataa uusin versio uudelleen "
        "(omat muutoksesi hylätään) tai tallenna muutoksesi projektin kopioon.",
        f"{en}: {who} saved a newer version ({stored.version}, {when}) after you opened version {base}. "
        "Your save was not made, so that their changes are not lost. Reload the newest version (your changes "
        "are dropped) or save your changes into a copy of the project."), area, base, stored.version)


# ------------------------------------------------------------------ files carry their base
BASE_SHEET = "Perusversio"
BASE_KEY = "based_on"


def stamp_file(path, store: Store, area: str) -> None:
    """Write into an exported file (.json, .xlsx) the version of `area` it shows, so that importing
    it later is refused when a colleague saved a newer version meanwhile."""
    from pathlib import Path

    path = Path(path)
    version = current(store, area)
    suffix = path.suffix.lower()
    if suffix == ".json":
        doc = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict):
            doc[BASE_KEY] = {"area": area, "version": version.version, "project": store.meta("store_id") or ""}
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        if BASE_SHEET in wb.sheetnames:
            del wb[BASE_SHEET]
        ws = wb.create_sheet(BASE_SHEET)
        ws.append(["alue", area])
        ws.append(["versio", version.version])
        ws.append(["projekti", store.meta("store_id") or ""])
        ws.append(["huom", t("Älä muuta: tuonti tarkistaa, ettei kukaan ole tallentanut tämän jälkeen.",
                             "Do not change: importing checks that nobody saved after this.")])
        ws.sheet_state = "hidden"
        wb.save(path)


def file_base(path, store: Store, area: str) -> int | None:
    """The version of `area` an exported file of this project was based on; None for a file without
    one or from another project."""
    from pathlib import Path

    path = Path(path)
    suffix = path.suffix.lower()
    if store in _OWN_COPIES:
        return None
    try:
        if suffix == ".json":
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
            base = doc.get(BASE_KEY) if isinstance(doc, dict) else None
            if isinstance(base, dict) and base.get("area") == area and isinstance(base.get("version"), int) \
                    and base.get("project") == store.meta("store_id"):
                return int(base["version"])
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                if BASE_SHEET not in wb.sheetnames:
                    return None
                rows = {str(r[0]): r[1] for r in wb[BASE_SHEET].iter_rows(values_only=True) if r and r[0]}
            finally:
                wb.close()
            if rows.get("alue") == area and isinstance(rows.get("versio"), int) \
                    and rows.get("projekti") == store.meta("store_id"):
                return int(rows["versio"])
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None  # the reader names what is wrong with the file
    return None


_OWN_COPIES: weakref.WeakSet = weakref.WeakSet()


def own_copy(store: Store) -> Store:
    """`store` is the planner's own copy made to keep their changes ('save as a copy'): a file's base
    is not checked there (the copy's versions came from the project it was copied from)."""
    _OWN_COPIES.add(store)
    return store


@contextmanager
def based_on(store: Store, area: str, base: int | None) -> Iterator[None]:
    """Saves of `area` inside are based on `base` (from a file); the editor's own base comes back after."""
    if base is None:
        yield
        return
    had = area in store.edit_bases
    previous = store.edit_bases.get(area)
    store.edit_bases[area] = base
    try:
        yield
    finally:
        if had:
            store.edit_bases[area] = previous  # type: ignore[assignment]
        else:
            store.edit_bases.pop(area, None)
