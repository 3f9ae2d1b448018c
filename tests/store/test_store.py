"""The store: creation, transactions, column datasets, batches, locking, upgrades."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

from desktop.core.errors import NotAStore, StoreInUse, StoreTooNew
from desktop.store import Store, columns
from desktop.store.migrations import SCHEMA_VERSION


def _write_events(store: Store, n: int, name: str = "a.csv") -> int:
    with store.transaction() as conn:
        batch = store.add_batch(conn, "events", name, row_count=n)
        sex = columns.encode(conn, "events", "sex", pd.Series(["1", "2"] * (n // 2) + ["1"] * (n % 2)))
        cost = np.arange(n, dtype=np.float64) * 1.25
        columns.write_columns(conn, "events", batch, {"sex": sex, "cost_eur": cost}, {"sex": "dict", "cost_eur": "num"})
    return batch


def test_create_sets_meta_and_wal(tmp_path):
    store = Store.create(tmp_path / "p.sote")
    assert store.schema_version == SCHEMA_VERSION
    with store.read() as conn:  # no pseudonymisation key inside the project (desktop.store.keys)
        assert conn.exec_driver_sql("SELECT key FROM meta ORDER BY key").scalars().all() == [
            "app_version", "created_at", "schema_version", "store_id"]
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    store.close()


def test_column_dataset_roundtrip_and_batch_removal(tmp_path):
    store = Store.create(tmp_path / "p.sote")
    b1 = _write_events(store, 5, "a.csv")
    b2 = _write_events(store, 3, "b.csv")
    frame = store.load("events")
    assert list(frame["sex"].astype(str)) == ["1", "2", "1", "2", "1", "1", "2", "1"]
    assert frame["cost_eur"].sum() == pytest.approx((0 + 1 + 2 + 3 + 4 + 0 + 1 + 2) * 1.25)
    assert store.row_count("events") == 8
    store.remove_batch(b1)
    assert store.row_count("events") == 3
    assert [b.id for b in store.batches()] == [b2]
    assert len(store.load("events")) == 3  # cache was invalidated by the write


def test_a_load_overlapping_a_write_is_not_cached(tmp_path, monkeypatch):
    """A page loading in the background while an import commits may read the older rows; that
    result must not stay in the cache (the next load reads the store again)."""
    store = Store.create(tmp_path / "p.sote")
    _write_events(store, 5, "a.csv")
    real = columns.load_columns

    def load_while_a_batch_is_written(conn, *args, **kwargs):
        frame = real(conn, *args, **kwargs)  # the older rows ...
        _write_events(store, 3, "b.csv")  # ... while another thread writes a batch
        return frame

    monkeypatch.setattr(columns, "load_columns", load_while_a_batch_is_written)
    assert len(store.load("events")) == 5
    monkeypatch.undo()
    assert len(store.load("events")) == 8
    store.close()


def test_dictionary_codes_agree_across_batches(tmp_path):
    store = Store.create(tmp_path / "p.sote")
    with store.transaction() as conn:
        a = columns.encode(conn, "events", "municipality", ["179", "077", None, ""])
        b = columns.encode(conn, "events", "municipality", ["077", "992", "179"])
    assert list(a) == [0, 1, -1, -1]
    assert list(b) == [1, 2, 0]


def test_large_dataset_is_chunked(tmp_path, monkeypatch):
    monkeypatch.setattr(columns.writing, "CHUNK_ROWS", 1000)
    store = Store.create(tmp_path / "p.sote")
    _write_events(store, 2500)
    with store.read() as conn:
        chunks = conn.exec_driver_sql("SELECT COUNT(*) FROM column_chunk WHERE column='cost_eur'").scalar_one()
    assert chunks == 3
    assert np.array_equal(store.load("events")["cost_eur"].to_numpy(), np.arange(2500) * 1.25)


def test_failed_transaction_changes_nothing(tmp_path):
    store = Store.create(tmp_path / "p.sote")
    _write_events(store, 4)
    with pytest.raises(RuntimeError):
        with store.transaction() as conn:
            batch = store.add_batch(conn, "events", "bad.csv")
            codes = columns.encode(conn, "events", "sex", ["3", "3"])
            columns.write_columns(conn, "events", batch, {"sex": codes, "cost_eur": np.ones(2)},
                                  {"sex": "dict", "cost_eur": "num"})
            raise RuntimeError("validation failed late")
    assert store.row_count("events") == 4
    assert len(store.batches()) == 1
    with store.read() as conn:
        assert columns.dictionary(conn, "events", "sex") == ["1", "2"]
    assert store.integrity_ok()


def test_second_instance_is_told_and_can_read(tmp_path):
    path = tmp_path / "p.sote"
    store = Store.create(path)
    _write_events(store, 2)
    with pytest.raises(StoreInUse, match="jo auki"):
        Store.open(path)
    # another process is refused too (the lock is an OS lock, not a flag in this process)
    code = textwrap.dedent(f"""
        from desktop.store import Store
        from desktop.core.errors import StoreInUse
        try:
            Store.open({str(path)!r})
        except StoreInUse:
            raise SystemExit(3)
        raise SystemExit(0)
    """)
    assert subprocess.run([sys.executable, "-c", code]).returncode == 3
    reader = Store.open(path, readonly=True)
    assert reader.row_count("events") == 2
    with pytest.raises(StoreInUse):
        with reader.transaction():
            pass
    reader.close()
    store.close()
    Store.open(path).close()  # released: can be opened for writing again


def test_lock_of_killed_process_is_released(tmp_path):
    path = tmp_path / "p.sote"
    Store.create(path).close()
    code = f"import os; from desktop.store import Store; s = Store.open({str(path)!r}); os.kill(os.getpid(), 9)"
    subprocess.run([sys.executable, "-c", code])
    assert (tmp_path / "p.sote.lock").exists()  # left behind, but the OS lock is gone
    Store.open(path).close()


def test_not_a_store(tmp_path):
    text_file = tmp_path / "x.sote"
    text_file.write_text("hello")
    with pytest.raises(NotAStore, match="ei ole"):
        Store.open(text_file)
    other_db = tmp_path / "other.sote"
    sqlite3.connect(other_db).execute("CREATE TABLE t(a)").connection.commit()
    with pytest.raises(NotAStore):
        Store.open(other_db)
    with pytest.raises(NotAStore):
        Store.open(tmp_path / "missing.sote")


def test_newer_store_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "p.sote"
    Store.create(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="uudemmalla"):
        Store.open(path)
    assert path.read_bytes() == before


def test_backup_copy_is_self_contained(tmp_path):
    store = Store.create(tmp_path / "p.sote")
    _write_events(store, 7)
    copy = store.backup_to(tmp_path / "copy.sote")
    store.close()
    assert not (tmp_path / "copy.sote-wal").exists()
    assert Store.open(copy, readonly=True).row_count("events") == 7


def test_settings_roundtrip(tmp_path):
    store = Store.create(tmp_path / "p.sote")
    store.set_setting("region_name", "Keski-Suomi")
    store.set_setting("region_name", {"a": [1, 2]})
    assert store.setting("region_name") == {"a": [1, 2]}
    assert store.setting("missing", 5) == 5
