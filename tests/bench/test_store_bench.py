"""Opening a store with millions of events: time to the events frame (and, once the analyses exist,
to the traffic-light figures) and peak memory, measured in a fresh process.

Full size (3.5 M events, 1.5 M persons) runs with `pytest tests/bench --bench`; the small version
always runs and checks the same code path.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.bench.synthetic_events import build_event_store

PROBE = r"""
import json, resource, sys, time
from desktop.store import Store
import pandas, numpy  # the app has these loaded before a store is opened
try:
    from desktop.services.traffic_lights import traffic_light_figures
except ImportError:
    traffic_light_figures = None
t0 = time.perf_counter()
store = Store.open(sys.argv[1], readonly=True)
events = store.load("events")
t_load = time.perf_counter() - t0
figures = None
if traffic_light_figures is not None:
    figures = traffic_light_figures(store)
t_ready = time.perf_counter() - t0
try:  # VmHWM: this process's own peak (ru_maxrss can carry the forking parent's peak on Linux)
    peak_mb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
except OSError:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": len(events), "load_s": t_load, "ready_s": t_ready,
                  "figures": figures is not None, "peak_mb": peak_mb}))
"""


def _baseline_sqlite_select(path) -> float:
    """Baseline: the same store's chunk table read row-wise by the sqlite3 module (I/O floor)."""
    import sqlite3

    t0 = time.perf_counter()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    n = sum(len(r[0]) for r in con.execute("SELECT data FROM column_chunk"))
    con.close()
    assert n > 0
    return time.perf_counter() - t0


def _measure(path) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_open_small_store(tmp_path):
    path = build_event_store(tmp_path / "small.sote", n=50_000, persons=20_000)
    result = _measure(path)
    assert result["rows"] == 50_000
    print(f"\nsmall store open: load {result['load_s']:.3f} s, ready {result['ready_s']:.3f} s, "
          f"peak {result['peak_mb']:.0f} MB")


@pytest.mark.bench
def test_open_full_store(tmp_path):
    t0 = time.perf_counter()
    path = build_event_store(tmp_path / "full.sote", n=3_500_000, persons=1_500_000)
    build_s = time.perf_counter() - t0
    baseline = _baseline_sqlite_select(path)
    result = _measure(path)
    size_mb = path.stat().st_size / 1e6
    print(f"\n3.5 M events: store {size_mb:.0f} MB built in {build_s:.1f} s; open+load {result['load_s']:.2f} s, "
          f"open+traffic-light figures {result['ready_s']:.2f} s (figures computed: {result['figures']}), "
          f"peak {result['peak_mb']:.0f} MB; raw BLOB read baseline {baseline:.2f} s "
          f"(ratio {result['load_s'] / baseline:.2f})")
    assert result["rows"] == 3_500_000
    assert result["ready_s"] <= 1.5
    assert result["peak_mb"] <= 1024
