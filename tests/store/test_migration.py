"""Opening a store written by an older app version upgrades it after a backup copy."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop.store import Store
from desktop.store.migrations import SCHEMA_VERSION

FIXTURE = Path(__file__).parent.parent / "data" / "store" / "store_v1.sql"


def _make_v1(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(FIXTURE.read_text(encoding="utf-8"))
    con.close()


def test_v1_store_is_upgraded_with_backup(tmp_path):
    path = tmp_path / "vanha.sote"
    _make_v1(path)
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION
    backup = store.backup_path
    assert backup.exists() and "v1-varmuuskopio" in backup.name
    # the old data survived and the new columns exist with defaults
    batches = store.batches()
    assert [b.file_name for b in batches] == ["kaynnit_2023.csv"]
    assert batches[0].report_json == "{}"
    assert batches[0].app_version == ""
    assert store.row_count("events") == 3
    assert list(store.load("events")["sex"].astype(str)) == ["1", "2", "2"]
    # v3: sites have an optional capacity (none = no limit)
    from desktop.services.network import load_sites

    assert "capacity" in load_sites(store).columns
    with store.read() as conn:
        assert "capacity" in {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(site)")}
    store.close()
    # the backup is the untouched v1 file
    con = sqlite3.connect(backup)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "1"
    cols = {r[1] for r in con.execute("PRAGMA table_info(import_batch)")}
    assert "report_json" not in cols
    con.close()
    # opening again does not upgrade or back up again
    shutil.move(backup, tmp_path / "moved.sote")
    Store.open(path).close()
    assert not backup.exists()
