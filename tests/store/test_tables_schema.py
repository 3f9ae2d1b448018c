"""The store's tables are declared once, with SQLAlchemy Core (`desktop.store.tables`); nothing in the
app uses SQLAlchemy's ORM. Reading a store needs no ORM (issue 18: `info`
starts quicker), and the schema is the one of schema version 7 as the ORM classes declared it
(tests/data/store/schema_v7_*.sql, written by main before the tables moved to Core): a new project
file's `sqlite_master` and a team project's PostgreSQL DDL, statement by statement.

A deliberate schema change comes with a migration step (desktop.store.migrations) and new pinned files:
`python -m tests.store.test_tables_schema` writes them for the current SCHEMA_VERSION."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.store import Store
from desktop.store.migrations import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
PINNED = ROOT / "tests" / "data" / "store"


def sqlite_schema(path: Path) -> str:
    """Every table, index and automatic index of a store file, in name order (SQLite lists them in the
    order they were created, and SQLAlchemy creates a table's indexes in no fixed order)."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        con.close()
    return "".join(f"-- {kind} {name} on {table}\n{(sql or '(automatic)').strip()};\n\n" for kind, name, table, sql in rows)


def postgresql_schema() -> str:
    """The DDL a team project's database gets (compiled for PostgreSQL, no server needed)."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable

    from desktop.store.tables import metadata

    dialect = postgresql.dialect()
    parts = []
    for table in sorted(metadata.tables.values(), key=lambda t: t.name):
        parts.append(str(CreateTable(table).compile(dialect=dialect)).strip() + ";\n")
        for index in sorted(table.indexes, key=lambda i: i.name):
            parts.append(str(CreateIndex(index).compile(dialect=dialect)).strip() + ";\n")
    return "\n".join(parts)


def _pinned(kind: str) -> str:
    return (PINNED / f"schema_v{SCHEMA_VERSION}_{kind}.sql").read_text(encoding="utf-8")


def test_new_project_file_has_the_pinned_schema(tmp_path):
    Store.create(tmp_path / "uusi.sote").close()
    assert sqlite_schema(tmp_path / "uusi.sote") == _pinned("sqlite")


def test_team_project_ddl_is_the_pinned_one():
    assert postgresql_schema() == _pinned("postgresql")


PROBE = r"""
import json, sys
import desktop.store.tables as tables
print(json.dumps({"declared": sorted(tables.metadata.tables), "orm": "sqlalchemy.orm" in sys.modules}))
"""


def test_every_table_is_declared_with_core_and_loads_no_orm(tmp_path):
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads(run.stdout)
    assert found["orm"] is False  # the tables alone load no ORM
    Store.create(tmp_path / "uusi.sote").close()
    with sqlite3.connect(tmp_path / "uusi.sote") as con:
        created = sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                   "AND name NOT LIKE 'sqlite_%'"))
    assert found["declared"] == created  # a new project has exactly the declared tables
    assert "import_batch" in created and "meta" in created


def test_batches_read_without_the_orm_give_the_columns_as_attributes(tmp_path):
    with Store.create(tmp_path / "uusi.sote") as store:
        with store.transaction() as conn:
            first = store.add_batch(conn, "events", "kaynnit.csv", file_size=10, row_count=3, mode="append",
                                    report={"warnings": ["x"]})
            store.add_batch(conn, "population", "vaesto.csv")
        batches = store.batches()
    assert [(b.id, b.kind, b.file_name) for b in batches] == [(first, "events", "kaynnit.csv"),
                                                             (first + 1, "population", "vaesto.csv")]
    assert (batches[0].file_size, batches[0].row_count, batches[0].rejected_count, batches[0].mode) == (10, 3, 0, "append")
    assert json.loads(batches[0].report_json) == {"warnings": ["x"]} and batches[1].mode is None
    assert batches[1].sha256 == "" and batches[1].report_json == "{}"  # the tables' insert defaults


if __name__ == "__main__":  # write the pinned files for the current SCHEMA_VERSION
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Store.create(Path(tmp) / "uusi.sote").close()
        (PINNED / f"schema_v{SCHEMA_VERSION}_sqlite.sql").write_text(sqlite_schema(Path(tmp) / "uusi.sote"), encoding="utf-8")
    (PINNED / f"schema_v{SCHEMA_VERSION}_postgresql.sql").write_text(postgresql_schema(), encoding="utf-8")
