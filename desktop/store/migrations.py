"""Explicit schema upgrade path.

`SCHEMA_VERSION` is the version this app writes. A store of an older version is upgraded step by
step after a backup copy is taken (see `Store.open`); a store of a newer version is refused.
New tables are created by `Base.metadata.create_all` (idempotent); changes to existing tables are
steps here, one function per version.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, text

SCHEMA_VERSION = 3


def _columns(conn: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(conn).get_columns(table)}


def _v1_to_v2(conn: Connection) -> None:
    """v2 keeps each import's report (rejected rows, warnings, mapping) and the app version."""
    cols = _columns(conn, "import_batch")
    if "report_json" not in cols:
        conn.execute(text("ALTER TABLE import_batch ADD COLUMN report_json TEXT NOT NULL DEFAULT '{}'"))
    if "app_version" not in cols:
        conn.execute(text("ALTER TABLE import_batch ADD COLUMN app_version VARCHAR(32) NOT NULL DEFAULT ''"))


def _v2_to_v3(conn: Connection) -> None:
    """v3 keeps a save counter per edited area (classification, segments, goals, measures), so that a
    save over a colleague's newer save is refused (team projects on a server, and files)."""
    from desktop.store.rows.base import EditVersionRow

    EditVersionRow.__table__.create(conn, checkfirst=True)


# version reached -> step that reaches it from the previous version
STEPS: dict[int, Callable[[Connection], None]] = {2: _v1_to_v2, 3: _v2_to_v3}


def upgrade(conn: Connection, from_version: int) -> None:
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        STEPS[version](conn)
