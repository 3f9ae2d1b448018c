"""Explicit schema upgrade path.

`SCHEMA_VERSION` is the version this app writes. A store of an older version is upgraded step by
step after a backup copy is taken (see `Store.open`); a store of a newer version is refused.
New tables are created by `desktop.store.tables.metadata.create_all` (idempotent); changes to existing tables are
steps here, one function per version.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, text

SCHEMA_VERSION = 7
KEY_OUTSIDE_VERSION = 3  # from this version on the pseudonymisation key is never inside the file


def _columns(conn: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(conn).get_columns(table)}


def _v1_to_v2(conn: Connection) -> None:
    """v2 keeps each import's report (rejected rows, warnings, mapping) and the app version."""
    cols = _columns(conn, "import_batch")
    if "report_json" not in cols:
        conn.execute(text("ALTER TABLE import_batch ADD COLUMN report_json TEXT NOT NULL DEFAULT '{}'"))
    if "app_version" not in cols:
        conn.execute(text("ALTER TABLE import_batch ADD COLUMN app_version VARCHAR(32) NOT NULL DEFAULT ''"))


def mask_old_codes(conn: Connection) -> None:
    """Mask identity codes older versions kept in file names, batch reports, import profiles and the
    text values of the events (and every other column dataset); the caller rewrites the file."""
    from desktop.core.identity import masked
    from desktop.store.columns import mask_dictionary_codes

    mask_dictionary_codes(conn)
    report = "report_json" if "report_json" in _columns(conn, "import_batch") else "''"  # a v1 file has none
    for batch_id, name, text_ in conn.execute(text(f"SELECT id, file_name, {report} FROM import_batch")).all():
        if (masked(name), masked(text_)) != (name, text_):
            conn.execute(text("UPDATE import_batch SET file_name = :n WHERE id = :i"), {"n": masked(name), "i": batch_id})
            if report == "report_json":
                conn.execute(text("UPDATE import_batch SET report_json = :r WHERE id = :i"),
                             {"r": masked(text_), "i": batch_id})
    if "import_profile" in inspect(conn).get_table_names():
        for name, mapping, options in conn.execute(
                text("SELECT name, mapping_json, options_json FROM import_profile")).all():
            if (masked(mapping), masked(options)) != (mapping, options):
                conn.execute(text("UPDATE import_profile SET mapping_json = :m, options_json = :o WHERE name = :n"),
                             {"m": masked(mapping), "o": masked(options), "n": name})


def _v2_to_v3(conn: Connection) -> None:
    """v3 keeps the pseudonymisation key outside the project: it moves to the opening user's key
    folder and only its fingerprint stays; identity codes in names and reports are masked (Store.open
    then rewrites the file without the old bytes)."""
    from desktop.store.keys import move_legacy_key

    move_legacy_key(conn)
    mask_old_codes(conn)


def _v3_to_v4(conn: Connection) -> None:
    """v4: finance rows may name their cost centre (kustannuspaikka); the staff table is new (create_all)."""
    if inspect(conn).has_table("finance") and "cost_centre" not in _columns(conn, "finance"):
        conn.execute(text("ALTER TABLE finance ADD COLUMN cost_centre TEXT"))


def _v4_to_v5(conn: Connection) -> None:
    """v5 records each column chunk's calendar years, so a report of one year reads only its chunks."""
    from desktop.store.columns import fill_year_ranges

    cols = _columns(conn, "column_chunk")
    for name in ("year_min", "year_max"):
        if name not in cols:
            conn.execute(text(f"ALTER TABLE column_chunk ADD COLUMN {name} INTEGER"))
    fill_year_ranges(conn)


def _v5_to_v6(conn: Connection) -> None:
    """v6 gives service sites an optional capacity (persons they can serve)."""
    if "capacity" not in _columns(conn, "site"):
        conn.execute(text("ALTER TABLE site ADD COLUMN capacity FLOAT"))


def _v6_to_v7(conn: Connection) -> None:
    """v7 keeps a save counter per edited area (classification, segments, goals, measures), so that a
    save over a colleague's newer save is refused (team projects on a server, and files)."""
    from desktop.store.tables.base import edit_version

    edit_version.create(conn, checkfirst=True)


# version reached -> step that reaches it from the previous version
STEPS: dict[int, Callable[[Connection], None]] = {2: _v1_to_v2, 3: _v2_to_v3, 4: _v3_to_v4, 5: _v4_to_v5,
                                                  6: _v5_to_v6, 7: _v6_to_v7}


def upgrade(conn: Connection, from_version: int) -> None:
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        STEPS[version](conn)
