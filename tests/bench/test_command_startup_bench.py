"""Commands on a small project, start to exit (issue 18: at most 0.5 s), and a one-row import into a
new project; baselines measured in the same run: the interpreter alone and the interpreter importing
the libraries each command loads (tests/cli/test_lazy_imports.py pins them): SQLAlchemy Core, numpy,
pandas, with the garbage collector held back as a command in its own process holds it
(desktop.core.collector).

Two small projects: the self-test project (desktop/ui/selftest.py build_small_store: 87,000 events of
two years, 35,000 population rows, staff and ledger rows, a grid of 14,000 cells and a travel-time
matrix of 1.5 M rows) and a network project imported from the test corpus (a grid of 120 cells, its
sites and travel times, a population table).

- `test_small_project_commands` (always runs): every command succeeds; times printed, each with its
  CPU ratio to its floor (the libraries it loads).
- `test_small_project_command_within_half_a_second` (--bench): best of 5; every command at most 0.5 s.
"""

from __future__ import annotations

import sys

import pytest

from tests.bench.processes import ROOT, app, app_env, best_of, line

CORE = "python + sqlalchemy core (baseline)"
HELD_CORE = "python + sqlalchemy core + pandas, collector held (baseline)"
HELD_NUMPY = "python + sqlalchemy core + numpy, collector held (baseline)"
HELD = "python + sqlalchemy + pandas, collector held (baseline)"
#: numpy's OpenBLAS with one thread, as a command sets it (desktop/cli.py): no spinning thread per core
HELD_BY_COMMAND = "import gc, os; gc.disable(); os.environ.setdefault('OPENBLAS_NUM_THREADS', '1'); "
BASELINES = {
    "python (baseline)": "pass",
    CORE: "import sqlalchemy",
    HELD_NUMPY: HELD_BY_COMMAND + "import sqlalchemy, numpy",
    HELD_CORE: HELD_BY_COMMAND + "import sqlalchemy, pandas",
    HELD: HELD_BY_COMMAND + "import sqlalchemy.orm, pandas",
}

#: label -> (arguments, its floor); {store}: the self-test project, {net}: the network project, {tmp}: a folder
COMMANDS = {
    "info": (("info", "{store}"), CORE),
    "privacy --json": (("privacy", "{store}", "--json"), CORE),
    "export population": (("export", "{store}", "population", "{tmp}/vaesto.csv"), CORE),
    "measures --json": (("measures", "{store}", "--json"), HELD_NUMPY),
    "report traffic-light --json": (("report", "{store}", "traffic-light", "--json"), HELD_CORE),
    "report traffic-light --by segment --json": (("report", "{store}", "traffic-light", "--by", "segment", "--json"),
                                                 HELD_CORE),
    "report reconciliation": (("report", "{store}", "reconciliation"), HELD_CORE),
    "report personnel": (("report", "{store}", "personnel"), HELD_CORE),
    "segments --json": (("segments", "{store}", "--json"), HELD_CORE),
    "segments export": (("segments", "export", "{store}", "{tmp}/segmentit.json"), HELD_CORE),
    "classification check": (("classification", "check", "{store}"), HELD_CORE),
    "classification export": (("classification", "export", "{store}", "{tmp}/luokitus.json"), HELD_CORE),
    "export events": (("export", "{store}", "events", "{tmp}/tapahtumat.csv"), HELD_CORE),
    "reach --json (network project)": (("reach", "{net}", "--json"), HELD_CORE),
    "reach --json (1.5 M travel times)": (("reach", "{store}", "--json"), HELD_CORE),
}
ONE_ROW = "import one row into a new project"
NETWORK_FILES = (("grid", "hki_grid_120.csv"), ("sites", "hki_sites.csv"), ("travel-times", "hki_travel_times_cut.csv"),
                 ("population", "population_bands.csv"))


def _measure(tmp_path, runs: int) -> dict:
    from desktop.ui.selftest import build_small_store

    store = build_small_store(tmp_path)
    env = app_env(tmp_path / "home")
    net = tmp_path / "verkko.sote"
    for kind, name in NETWORK_FILES:
        best_of(app("import", str(net), kind, str(ROOT / "tests" / "data" / "imports" / name)), 1, env)
    one_row = tmp_path / "yksi.csv"
    one_row.write_text("Henkilötunnus;Käyntipäivä;Kustannus\r\n010203A910C;1.2.2024;12,50\r\n", encoding="cp1252")
    results = {label: best_of([sys.executable, "-c", code], runs, env) for label, code in BASELINES.items()}
    for label, (args, _floor) in COMMANDS.items():
        results[label] = best_of(app(*(a.format(store=store, net=net, tmp=tmp_path) for a in args)), runs, env)
    new = tmp_path / "uusi.sote"

    def fresh() -> None:
        for path in tmp_path.glob("uusi.sote*"):
            path.unlink()

    results[ONE_ROW] = best_of(app("import", str(new), "events", str(one_row)), runs, env, before=fresh)
    floors = {**{label: floor for label, (_args, floor) in COMMANDS.items()}, ONE_ROW: HELD}
    print()
    for label, result in results.items():
        floor = results.get(floors.get(label, ""))
        cpu = f" (CPU ratio {result['cpu'] / floor['cpu']:.2f})" if floor else ""
        print(line(f"  {label}", result, floor) + cpu)
    return results


def test_small_project_commands(tmp_path):
    results = _measure(tmp_path, 1)
    assert "events" in results["info"]["out"]
    assert results[ONE_ROW]["code"] == 0
    assert (tmp_path / "vaesto.csv").stat().st_size > 0 and (tmp_path / "tapahtumat.csv").stat().st_size > 0
    assert '"travel": "matrix"' in results["reach --json (network project)"]["out"]


@pytest.mark.bench
def test_small_project_command_within_half_a_second(tmp_path):
    results = _measure(tmp_path, 5)
    over = {label: round(results[label]["seconds"], 2) for label in [*COMMANDS, ONE_ROW] if results[label]["seconds"] > 0.5}
    assert over == {}, over
