"""Ten years of a large county on a laptop (issue 18), whole processes as a planner runs them.

The data: one Finnish CSV of ten years 2015-2024 (tests/bench/ten_years.py), identity codes, imported
with `sote-planner import`; then `sote-planner report STORE traffic-light --by segment --json` for the
newest year and for all ten years. Baselines measured in the same run: the sqlite3 command line's
`.import` of the same file, and its query of the newest year's contacts, persons and euros from that
plain table. Peak memory is each process's own (wait4).

- `test_ten_years_small` (always runs): 2,000 events a year; the reports give exactly the figures of
  a whole load of the store; times printed, not checked.
- `test_ten_million_events` (--bench): 1 M events a year, 300,000 persons. Targets: the newest year
  <= 1.5 s and <= 1 GB, all ten years <= 4 s and <= 2 GB, the import not slower than sqlite3.
- `test_thirty_million_events` (--bench): 3 M events a year, 900,000 persons: import and all-years
  report within 4 GB.

Big files are written under the test's temporary folder and deleted at the end.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.bench.processes import app, app_env, best_of, line, run_measured, sqlite_import
from tests.bench.ten_years import YEARS, write_ten_year_csv

pytestmark = pytest.mark.skipif(shutil.which("sqlite3") is None, reason="sqlite3 command line tool missing")
NEWEST = ("traffic-light", "--by", "segment", "--json")
ALL_YEARS = ("traffic-light", "--by", "segment", "--years", f"{YEARS[0]}-{YEARS[-1]}", "--json")


PLAIN_COLUMNS = ("hetu", "pvm", "kunta", "muoto", "luonne", "tapa", "ammatti", "syy", "tuottaja", "kustannus")


def _sqlite_newest_year(db: Path, rows_expected: int) -> dict:
    """Baseline: the newest year's contacts, distinct persons and euros from the plain table."""
    sql = ("SELECT COUNT(*), COUNT(DISTINCT hetu), SUM(CAST(REPLACE(kustannus, ',', '.') AS REAL)) "
           f"FROM t WHERE pvm LIKE '%.{YEARS[-1]}'")
    result = best_of(["sqlite3", str(db), sql], 3)
    assert int(result["out"].split("|")[0]) == rows_expected, result["out"]
    return result


def _whole_load(store: Path, by, years) -> dict:
    """The JSON of the same report computed from every year's events (the reference)."""
    from desktop.services import traffic_light_targets as targets
    from desktop.services import traffic_lights as svc
    from desktop.store import open_store

    with open_store(store, readonly=True) as opened:
        data = svc.TrafficLightData(opened)
        doc = svc.result_json(data.table(by, years, {}))
        doc["targets"] = targets.targets_with_status(data, {})
    return json.loads(json.dumps(doc, ensure_ascii=False))


def _measure(folder: Path, per_year: int, persons: int, runs: int) -> dict:
    csv_path, store, home = folder / "kaynnit_2015_2024.csv", folder / "alue.sote", folder / "home"
    written = write_ten_year_csv(csv_path, per_year, persons)
    env = app_env(home)
    try:
        baseline = sqlite_import(csv_path, folder / "plain.db", PLAIN_COLUMNS)
        imported = run_measured(app("import", str(store), "events", str(csv_path), "--json"), env)
        assert imported["code"] == 0, imported["err"][-3000:]
        assert json.loads(imported["out"].strip().splitlines()[-1])["rows"] == written["rows"]
        query = _sqlite_newest_year(folder / "plain.db", per_year)
        newest = best_of(app("report", str(store), *NEWEST), runs, env)
        every = best_of(app("report", str(store), *ALL_YEARS), runs, env)
        rows = written["rows"]
        print(f"\n{rows:,} events of {written['persons']:,} persons, {csv_path.stat().st_size / 1e6:.0f} MB file, "
              f"project {store.stat().st_size / 1e6:.0f} MB")
        print(line("  sqlite3 .import (baseline)", baseline))
        print(line("  sote-planner import", imported, baseline))
        print(line("  sqlite3 newest-year query (baseline)", query))
        print(line("  report, newest year", newest, query))
        print(line("  report, all ten years", every, query))
        return {"baseline": baseline, "import": imported, "query": query, "newest": newest, "all": every,
                "store": store, "newest_doc": json.loads(newest["out"]), "all_doc": json.loads(every["out"])}
    finally:
        csv_path.unlink(missing_ok=True)
        (folder / "plain.db").unlink(missing_ok=True)


def test_ten_years_small(tmp_path):
    result = _measure(tmp_path, per_year=2_000, persons=600, runs=1)
    assert result["newest_doc"]["years"] == [YEARS[-1]]
    assert result["newest_doc"] == _whole_load(result["store"], ("segment",), None)
    assert result["all_doc"]["years"] == list(YEARS)
    assert result["all_doc"] == _whole_load(result["store"], ("segment",), list(YEARS))
    assert result["all_doc"]["totals"]["contacts"] == 10 * 2_000


@pytest.mark.bench
def test_ten_million_events(tmp_path):
    result = _measure(tmp_path, per_year=1_000_000, persons=300_000, runs=3)
    try:
        assert result["all_doc"]["totals"]["contacts"] == 10_000_000
        assert result["import"]["seconds"] <= result["baseline"]["seconds"]
        assert result["newest"]["seconds"] <= 1.5 and result["newest"]["peak_mb"] <= 1024
        assert result["all"]["seconds"] <= 4.0 and result["all"]["peak_mb"] <= 2048
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.bench
def test_thirty_million_events(tmp_path):
    result = _measure(tmp_path, per_year=3_000_000, persons=900_000, runs=1)
    try:
        assert result["all_doc"]["totals"]["contacts"] == 30_000_000
        assert result["import"]["peak_mb"] <= 4096
        assert result["all"]["peak_mb"] <= 4096
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)
