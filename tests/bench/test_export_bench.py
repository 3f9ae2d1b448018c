"""`sote-planner export STORE events FILE.csv` gives every stored row back: time and peak memory against
the sqlite3 command line writing a plain table of the same rows to CSV, measured in the same run.

Full size (3.5 M events) with `pytest tests/bench --bench`; the small version always runs and checks
that every row comes back, byte for byte as pandas' to_csv wrote them before the fast writer.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time

import pytest

from desktop.store import Store
from tests.bench.synthetic_events import build_event_store
from tests.importers.test_export_exact_bytes import pandas_events_file

PROBE = r"""
import json, sys, time
from desktop.cli import main
t0 = time.perf_counter()
code = main(["export", sys.argv[1], "events", sys.argv[2]])
elapsed = time.perf_counter() - t0
peak_mb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"code": code, "seconds": elapsed, "peak_mb": peak_mb}))
"""


def _export(store_path, out_path) -> dict:
    import json

    run = subprocess.run([sys.executable, "-c", PROBE, str(store_path), str(out_path)],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def _sqlite_baseline(csv_path, tmp_path) -> float:
    """sqlite3 CLI: .import our exported file into a plain table, then time writing it back to CSV."""
    db = tmp_path / "plain.db"
    script = f".mode csv\n.separator ;\n.import '{csv_path}' events\n"
    subprocess.run(["sqlite3", str(db)], input=script, text=True, check=True)
    t0 = time.perf_counter()
    subprocess.run(["sqlite3", "-csv", "-header", "-separator", ";", str(db), "SELECT * FROM events"],
                   stdout=open(tmp_path / "plain.csv", "w"), check=True)
    return time.perf_counter() - t0


def _rows(path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return sum(1 for _ in csv.reader(fh, delimiter=";")) - 1


def _run(tmp_path, n, persons, exact=False):
    store = build_event_store(tmp_path / "e.sote", n=n, persons=persons)
    out = tmp_path / "events.csv"
    result = _export(store, out)
    assert result["code"] == 0
    assert _rows(out) == n
    if exact:
        with Store.open(store, readonly=True) as opened:
            assert out.read_bytes() == pandas_events_file(opened)
    baseline = _sqlite_baseline(out, tmp_path) if shutil.which("sqlite3") else None
    ratio = f"{result['seconds'] / baseline:.2f}" if baseline else "n/a (no sqlite3 CLI)"
    print(f"\nexport {n:,} events: {result['seconds']:.2f} s, peak {result['peak_mb']:.0f} MB; "
          f"sqlite3 CLI writing the same rows as CSV {baseline if baseline is None else round(baseline, 2)} s; "
          f"ratio {ratio}")
    result["baseline"] = baseline
    return result


def test_export_small_gives_every_row_back_exactly(tmp_path):
    _run(tmp_path, 30_000, 10_000, exact=True)


@pytest.mark.bench
def test_export_full(tmp_path):
    result = _run(tmp_path, 3_500_000, 1_500_000)
    assert result["peak_mb"] <= 600  # the pandas writer before: 591-608 MB
    if result["baseline"]:
        assert result["seconds"] <= 1.5 * result["baseline"]
