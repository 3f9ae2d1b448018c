"""A killed import process (SIGKILL while its write transaction is open) leaves the store exactly as
it was, and the store passes PRAGMA integrity_check."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.importing import import_file
from desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]
N = 120_000

SCRIPT = r"""
import sys, time
from desktop.core.progress import Progress
from desktop.services.importing import import_file
from desktop.store import Store

class StallWhileSaving(Progress):
    # stands for a slow disk: once the final write has begun inside the transaction, wait to be killed
    def report(self, done, total, text=""):
        if text.startswith("Tallennetaan") and done > 0.86:  # inside write_columns: the dictionary is written
            print("WRITING", flush=True)
            time.sleep(60)

import desktop.services.importing.event_writer as event_writer
event_writer.IMPORT_CACHE_KIB = -256  # a small page cache: the open transaction spills pages into the WAL
store = Store.open(sys.argv[1])
import_file(store, sys.argv[2], kind="events", progress=StallWhileSaving())
print("FINISHED", flush=True)
"""


def _snapshot(path: Path) -> dict:
    store = Store.open(path, readonly=True)
    try:
        with store.read() as conn:
            tables = {
                name: conn.exec_driver_sql(f'SELECT COUNT(*) FROM "{name}"').scalar_one()
                for name in ("import_batch", "dictionary", "column_chunk", "dataset_column")
            }
        return {"tables": tables, "events": store.row_count("events"), "ok": store.integrity_ok(),
                "batches": [b.id for b in store.batches()]}
    finally:
        store.close()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_sigkill_during_the_write_leaves_the_store_unchanged(tmp_path, data):
    path = tmp_path / "tapettu.sote"
    store = Store.create(path)
    import_file(store, data / "events_fi_cp1252.csv")
    store.close()
    before = _snapshot(path)
    big = tmp_path / "iso.csv"
    # enough distinct persons that the open transaction spills pages into the WAL file
    rows = ["hetu;pvm;kunta;kustannus"] + [f"B{i};{1 + i % 28}.2.2024;179;{i % 90},25" for i in range(N)]
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(path), str(big)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line == "WRITING", proc.stderr.read()
        # the open transaction has written already: the WAL holds uncommitted pages
        assert Path(str(path) + "-wal").stat().st_size > 0
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    after = _snapshot(path)
    assert after == before and after["ok"]
    # and the store is usable: an import now goes through
    store = Store.open(path)
    try:
        result = import_file(store, data / "events_pipe.csv")
        assert store.row_count("events") == before["events"] + result.rows
    finally:
        store.close()
