"""Import profiles: a named column mapping (and sheet or travel mode) for a kind of file, saved in the
project and chosen again for the next file of the same shape."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, select

from desktop.core.errors import UserError
from desktop.core.identity import masked
from desktop.core.lang import t
from desktop.store import Store
from desktop.store.tables import imports as tables

if TYPE_CHECKING:
    from desktop.services.importing.plan import ImportPlan


def list_profiles(store: Store, kind: str | None = None) -> list[dict]:
    with store.read() as conn:
        query = select(tables.import_profile).order_by(tables.import_profile.c.name)
        if kind:
            query = query.where(tables.import_profile.c.kind == kind)
        rows = conn.execute(query).all()
    return [
        {"name": r.name, "kind": r.kind, "mapping": json.loads(r.mapping_json or "{}"),
         "options": json.loads(r.options_json or "{}")}
        for r in rows
    ]


def load_profile(store: Store, name: str) -> dict:
    for profile in list_profiles(store):
        if profile["name"] == name:
            return profile
    names = ", ".join(p["name"] for p in list_profiles(store)) or t("ei yhtään", "none")
    raise UserError(t(f"Tuontiprofiilia '{name}' ei ole. Profiilit: {names}.",
                      f"No import profile '{name}'. Profiles: {names}."))


def _save_profile(conn: Connection, name: str, plan: ImportPlan) -> None:
    options = {"mode": plan.mode} if plan.kind == "travel-times" else {}
    if plan.source.layer:
        options["sheet"] = plan.source.layer
    save_profile_row(conn, name, plan.kind, plan.mapping, options)


def save_profile_row(conn: Connection, name: str, kind: str, mapping: dict, options: dict | None = None) -> None:
    """Identity codes in the name, the column names or the options are masked (a file without a
    header row gives its first data row as column names)."""
    name = masked(name.strip())
    if not name:
        raise UserError(t("Anna profiilille nimi.", "Give the profile a name."))
    conn.execute(delete(tables.import_profile).where(tables.import_profile.c.name == name))
    conn.execute(
        tables.import_profile.insert().values(
            name=name, kind=kind, mapping_json=masked(json.dumps(mapping, ensure_ascii=False)),
            options_json=masked(json.dumps(options or {}, ensure_ascii=False)),
        )
    )


def save_profile(store: Store, name: str, kind: str, mapping: dict, options: dict | None = None) -> None:
    """Save (or overwrite) a named column mapping for a kind of file."""
    with store.transaction() as conn:
        save_profile_row(conn, name, kind, mapping, options)


def delete_profile(store: Store, name: str) -> None:
    with store.transaction() as conn:
        n = conn.execute(delete(tables.import_profile).where(tables.import_profile.c.name == name)).rowcount
    if not n:
        raise UserError(t(f"Tuontiprofiilia '{name}' ei ole.", f"No import profile '{name}'."))
