"""Traffic lights by segment over every year of a demo that has personnel and books (FTEs and ledger euros
on the events): the segment cut over several years by membership patterns carries them, where it used to
fall back to one pass per segment whenever resource measures were present.

Baselines measured in the same run:
- whole process: `report DEMO traffic-light --by segment --years FIRST-LAST --json` against the same report
  on a copy of the demo whose staff and ledger batches were removed (the figures without resources);
  wall and CPU seconds, ratio, peak memory of each process;
- in process (CPU seconds, the best of three): the table with resources by patterns, the same table by one
  pass per segment (how resources were summed before), and the events without the resource columns.

`test_small_demo_resource_segments_over_years` always runs: the small demo, the two paths give the same
figures and the report's JSON is the in-process table's; times printed. The full demo (2.9 M events) runs
with `--bench`.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from desktop.analysis import segment_years
from desktop.analysis import traffic_lights as tl
from desktop.services import traffic_lights as svc
from desktop.store import open_store

from .processes import app, app_env, best_of, line


def _without_resources(source: Path, target: Path) -> Path:
    """A copy of `source` without its staff and finance import batches (removed as the app removes them)."""
    shutil.copy(source, target)
    with open_store(target) as store:
        for batch in store.batches():
            if batch.kind in ("staff", "finance"):
                store.remove_batch(batch.id)
        assert store.row_count("staff") == 0 and store.row_count("finance") == 0
    return target


def _cpu(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _in_process(path: Path, monkeypatch) -> dict:
    """CPU seconds of the segment table over every year: by patterns with resources, by the loop with
    resources, and without the resource columns; and the two resource results."""
    with open_store(path, readonly=True) as store:
        data = svc.TrafficLightData(store)
    years = data.years
    assert len(years) > 1 and {"fte", "ledger_eur"} <= set(data.events.columns)
    plain = data.events.drop(columns=["fte", "ledger_eur"])

    def table(events):
        return tl.traffic_light_table(events, ("segment",), years, {}, data.membership, data.population_index)

    table(data.events), table(plain)  # per-frame arrays built once, as on the page
    out = {"patterns": _cpu(lambda: table(data.events)), "plain": _cpu(lambda: table(plain)),
           "fast": table(data.events)}
    with monkeypatch.context() as patch:
        patch.setattr(segment_years, "fits", lambda *args: False)
        out["loop"] = _cpu(lambda: table(data.events))
        out["slow"] = table(data.events)
    return out


def _same_figures(fast: tl.TrafficLightResult, slow: tl.TrafficLightResult) -> None:
    import pandas as pd

    for a, b in ((fast.rows, slow.rows), (fast.level_totals, slow.level_totals)):
        assert a[["contacts", "clients"]].equals(b[["contacts", "clients"]])
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)


def _report(path: Path, years: list[int], home: Path, runs: int) -> dict:
    cmd = app("report", str(path), "traffic-light", "--by", "segment", "--years", f"{years[0]}-{years[-1]}", "--json")
    return best_of(cmd, runs, app_env(home))


def _measure(demo: Path, tmp_path: Path, monkeypatch, runs: int) -> dict:
    bare = _without_resources(demo, tmp_path / "ilman-resursseja.sote")
    inner = _in_process(demo, monkeypatch)
    _same_figures(inner["fast"], inner["slow"])
    years = inner["fast"].years
    home = Path(os.environ["SOTE_PLANNER_HOME"])
    with_resources = _report(demo, years, home, runs)
    baseline = _report(bare, years, home, runs)
    doc = json.loads(with_resources["out"])
    assert doc["totals"]["fte"] == pytest.approx(inner["fast"].totals["fte"], abs=0.01)
    assert "fte" not in json.loads(baseline["out"])["totals"]
    print(f"\nsegment table over {years[0]}-{years[-1]}, CPU s in process: with resources by patterns "
          f"{inner['patterns']:.3f}, by one pass per segment (before) {inner['loop']:.3f}, without resources "
          f"(baseline) {inner['plain']:.3f}; ratios to the baseline {inner['patterns'] / inner['plain']:.2f} "
          f"(before {inner['loop'] / inner['plain']:.2f})")
    print(line("report --json with resources", with_resources, baseline))
    print(line("report --json without resources (baseline)", baseline))
    return {"inner": inner, "report": with_resources, "baseline": baseline}


def test_small_demo_resource_segments_over_years(tmp_path, monkeypatch):
    from desktop.ui.selftest import build_small_store

    found = _measure(build_small_store(tmp_path), tmp_path, monkeypatch, 1)
    assert found["inner"]["fast"].totals["ledger_eur"] > 0


@pytest.mark.bench
def test_full_demo_resource_segments_over_years(tmp_path, monkeypatch):
    from desktop.demo import build_demo

    demo = build_demo(tmp_path / "full.sote", "full")
    found = _measure(Path(demo), tmp_path, monkeypatch, 3)
    inner = found["inner"]
    assert inner["patterns"] <= 2.0 * inner["plain"]  # resources were 5-6 times the baseline by the loop
    assert inner["patterns"] < inner["loop"]
    assert found["report"]["seconds"] <= 1.3 * found["baseline"]["seconds"]
    assert found["report"]["peak_mb"] <= 1.3 * found["baseline"]["peak_mb"]
