"""Commands load only the libraries they use (issue 18: a command on a small project starts quickly).

Each command runs in a fresh interpreter that then lists the heavy libraries it actually executed
(a module registered by `desktop.core.lazy.lazy_module` but never touched does not count). No clock:
what is pinned is which libraries load, the cause of the start-up time the benchmark
(tests/bench/test_command_startup_bench.py) measures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "numpy", "pandas", "scipy", "highspy", "matplotlib", "PySide6", "openpyxl")

#: our own parts a command may load only when it uses them (the figure commands use none of them)
OWN = ("desktop.importers", "desktop.services.importing", "desktop.services.network", "desktop.services.measures",
       "desktop.analysis.reach", "desktop.reports", "desktop.charts", "desktop.presenters", "desktop.ui")

SCRIPT = r"""
import contextlib, gc, io, json, os, sys, types
from desktop.cli import main
args, heavy, own_process = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3] == "own"
usual = gc.get_threshold()
with contextlib.redirect_stdout(io.StringIO()) as out:
    if own_process:  # as `sote-planner ARGS` runs: main() reads sys.argv
        sys.argv = ["sote-planner", *args]
        code = main()
    else:
        code = main(args)
loaded = [m for m in heavy if type(sys.modules.get(m)) is types.ModuleType]  # a lazy module not yet used is not
own = sorted({m for m in sys.modules if m.startswith("desktop.")})
blas = getattr(sys.modules.get("numpy"), "__config__", None) and os.environ.get("OPENBLAS_NUM_THREADS")
print(json.dumps({"code": code, "loaded": loaded, "out": out.getvalue(), "own": own, "frozen": gc.get_freeze_count(),
                  "thresholds_kept": gc.get_threshold() == usual, "blas_threads": blas}))
"""


def run_cli(args: list[str], home: Path, own_process: bool = False, libraries: tuple[str, ...] = HEAVY) -> dict:
    """`sote-planner ARGS` in a fresh interpreter (`own_process`: main() reading sys.argv, as the installed
    command runs): {'code', 'loaded' (the `libraries` executed), 'out', 'own' (our modules loaded),
    'frozen' (objects frozen out of garbage collection), 'thresholds_kept'}."""
    env = {**os.environ, "SOTE_PLANNER_HOME": str(home), "MPLCONFIGDIR": str(home / "mpl")}
    env.pop("OPENBLAS_NUM_THREADS", None)
    run = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(args), json.dumps(libraries),
                          "own" if own_process else "caller"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def loaded_by(args: list[str], home: Path, libraries: tuple[str, ...] = HEAVY) -> tuple[int, set[str], str]:
    """(exit code, the `libraries` executed, stdout) of `sote-planner ARGS` in a fresh interpreter."""
    result = run_cli(args, home, libraries=libraries)
    return result["code"], set(result["loaded"]), result["out"]


def own_parts(modules: list[str]) -> set[str]:
    """The parts of OWN among `modules`."""
    return {part for part in OWN for m in modules if m == part or m.startswith(part + ".")}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, Path]:
    """(a project with one imported event, the home folder holding its key), made by the command line."""
    tmp = tmp_path_factory.mktemp("lazy")
    one_row = tmp / "yksi.csv"
    one_row.write_text("Henkilötunnus;Käyntipäivä;Kustannus\r\n010203A910C;1.2.2024;12,50\r\n", encoding="cp1252")
    store = tmp / "pieni.sote"
    code, loaded, out = loaded_by(["import", str(store), "events", str(one_row)], tmp / "home")
    assert code == 0 and "1" in out
    # importing needs pandas; creating the project's defaults needs no optimiser, charts or Qt
    assert loaded.isdisjoint({"scipy", "highspy", "matplotlib", "PySide6", "openpyxl"}), loaded
    return store, tmp / "home"


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["report", "--help"], ["key", "list"]])
def test_help_version_and_keys_load_no_library(args, tmp_path):
    code, loaded, out = loaded_by(args, tmp_path / "home")
    assert code == 0 and out
    assert loaded == set()


@pytest.mark.parametrize("json_option", [[], ["--json"]])
def test_info_reads_the_store_without_the_orm_numpy_pandas_charts_or_qt(project, json_option):
    """`info` reads through the store's Core tables (desktop.store.tables): SQLAlchemy's ORM is not
    loaded."""
    store, home = project
    code, loaded, out = loaded_by(["info", str(store), *json_option], home,
                                  (*HEAVY, "sqlalchemy.orm"))
    assert code == 0 and "events" in out and "yksi.csv" in out  # the import batch too
    assert loaded == {"sqlalchemy"}


@pytest.mark.parametrize("args", [["report", "{store}", "traffic-light", "--json"], ["segments", "{store}", "--json"]])
def test_figure_commands_load_no_orm_optimiser_charts_or_qt(project, args):
    """The figures read through the store's Core tables (desktop.store.tables): SQLAlchemy's ORM is not
    loaded."""
    store, home = project
    code, loaded, out = loaded_by([a.format(store=store) for a in args], home,
                                  (*HEAVY, "sqlalchemy.orm"))
    assert code == 0 and json.loads(out)["years"] == [2024]
    assert loaded == {"sqlalchemy", "numpy", "pandas"}


@pytest.mark.parametrize("args", [["report", "{store}", "traffic-light", "--json"], ["segments", "{store}", "--json"]])
def test_figure_commands_load_no_import_network_measures_report_or_screen_code(project, args):
    store, home = project
    result = run_cli([a.format(store=store) for a in args], home)
    assert result["code"] == 0
    assert own_parts(result["own"]) == set()


@pytest.mark.parametrize("args", [["report", "{store}", "traffic-light", "--json"], ["segments", "{store}", "--json"]])
def test_a_command_in_its_own_process_freezes_what_loading_made_out_of_garbage_collection(project, args):
    """desktop.core.collector: `sote-planner ...` holds the collector back while the command loads its
    libraries, then freezes those objects out of every later collection and collects as usual."""
    store, home = project
    own = run_cli([a.format(store=store) for a in args], home, own_process=True)
    assert own["code"] == 0 and json.loads(own["out"])["years"] == [2024]
    assert own["frozen"] > 50_000  # SQLAlchemy's, pandas' and our modules' objects
    assert own["thresholds_kept"]  # the work collects as usual
    assert own["blas_threads"] == "1"  # numpy loaded with one OpenBLAS thread (no spinning thread per core)
    called = run_cli([a.format(store=store) for a in args], home)  # main(ARGS) from a caller's process: untouched
    assert called["out"] == own["out"]
    assert called["frozen"] == 0 and called["thresholds_kept"] and called["blas_threads"] is None


def test_a_one_row_import_into_a_new_project_freezes_what_loading_made(tmp_path):
    one_row = tmp_path / "yksi.csv"
    one_row.write_text("Henkilötunnus;Käyntipäivä;Kustannus\r\n010203A910C;1.2.2024;12,50\r\n", encoding="cp1252")
    result = run_cli(["import", str(tmp_path / "uusi.sote"), "events", str(one_row)], tmp_path / "home",
                     own_process=True)
    assert result["code"] == 0 and "1" in result["out"]
    assert result["frozen"] > 50_000 and result["thresholds_kept"]
    assert own_parts(result["own"]) <= {"desktop.importers", "desktop.services.importing", "desktop.services.network",
                                        "desktop.services.measures", "desktop.analysis.reach"}  # defaults, no report


def test_an_import_into_an_existing_project_loads_no_features_defaults_or_analyses(tmp_path):
    """The features' services load to create a new project's defaults only (services/new_project.py)."""
    home = tmp_path / "home"
    for n, day in enumerate(("1.2.2024", "2.2.2024")):
        (tmp_path / f"{n}.csv").write_text(f"Henkilötunnus;Käyntipäivä;Kustannus\r\n010203A910C;{day};12,50\r\n",
                                           encoding="cp1252")
    new = run_cli(["import", str(tmp_path / "p.sote"), "events", str(tmp_path / "0.csv")], home)
    existing = run_cli(["import", str(tmp_path / "p.sote"), "events", str(tmp_path / "1.csv")], home)
    assert new["code"] == existing["code"] == 0 and "#2" in existing["out"]
    features = {f"desktop.services.{f}" for f in ("classification", "segments", "measures", "network", "reference")}
    assert features <= set(new["own"])  # a new project's defaults
    assert features.isdisjoint(existing["own"])
    assert not any(m.startswith("desktop.analysis") for m in existing["own"])


@pytest.mark.parametrize("args", [["classification", "check", "{store}"],
                                  ["classification", "export", "{store}", "{tmp}/c.json"],
                                  ["measures", "{store}", "--json"], ["export", "{store}", "events", "{tmp}/e.csv"]])
def test_classification_measures_and_export_work_through_core_tables_without_the_orm(project, args, tmp_path):
    """The services read and write the store's Core tables (desktop.store.tables): these commands
    import no SQLAlchemy ORM."""
    store, home = project
    code, loaded, out = loaded_by([a.format(store=store, tmp=tmp_path) for a in args], home,
                                  (*HEAVY, "sqlalchemy.orm"))
    assert code == 0 and out.strip()
    assert "sqlalchemy" in loaded and "sqlalchemy.orm" not in loaded, loaded
    if "export" in args:
        assert (tmp_path / ("c.json" if "classification" in args else "e.csv")).stat().st_size > 0



def test_a_one_row_import_into_a_new_project_writes_its_defaults_without_the_orm(tmp_path):
    """A new project's defaults (municipalities, goals, measures) and the import itself are written
    through the store's Core tables: SQLAlchemy's ORM is not imported."""
    one_row = tmp_path / "yksi.csv"
    one_row.write_text("Henkilötunnus;Käyntipäivä;Kustannus\r\n010203A910C;1.2.2024;12,50\r\n", encoding="cp1252")
    code, loaded, out = loaded_by(["import", str(tmp_path / "uusi.sote"), "events", str(one_row)], tmp_path / "home",
                                  (*HEAVY, "sqlalchemy.orm"))
    assert code == 0 and "1" in out
    assert "sqlalchemy" in loaded and "sqlalchemy.orm" not in loaded, loaded
    code, _loaded, out = loaded_by(["measures", str(tmp_path / "uusi.sote"), "--json"], tmp_path / "home")
    assert code == 0 and json.loads(out)["goals"]  # the defaults were written


def test_the_process_entry_point_freezes_every_object_before_the_exit(tmp_path):
    """`python -m desktop` (like `sote-planner` and the bundle: desktop.cli.command_line) freezes every
    object before the interpreter's last collections, which would otherwise walk the libraries' objects
    at exit; `main()` called from a caller's process leaves the collector alone."""
    probe = ("import atexit, gc, runpy, sys; atexit.register(lambda: print('frozen', gc.get_freeze_count()));"
             "sys.argv = ['desktop', 'key', 'list']; runpy.run_module('desktop', run_name='__main__')")
    env = {**os.environ, "SOTE_PLANNER_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert int(run.stdout.split("frozen")[-1]) > 1_000
    called = run_cli(["key", "list"], tmp_path / "home")
    assert called["code"] == 0 and called["frozen"] == 0


@pytest.fixture(scope="module")
def network_project(tmp_path_factory) -> tuple[Path, Path]:
    """(a project with a grid, sites, a travel-time matrix, population and staff, the home folder),
    imported by the command line from the import corpus."""
    tmp = tmp_path_factory.mktemp("network")
    data = ROOT / "tests" / "data" / "imports"
    store = tmp / "verkko.sote"
    for kind, name in (("grid", "hki_grid_120.csv"), ("sites", "hki_sites.csv"),
                       ("travel-times", "hki_travel_times_cut.csv"), ("population", "population_bands.csv"),
                       ("staff", "staff_htv.csv"), ("finance", "finance_aura.csv")):
        code, _loaded, _out = loaded_by(["import", str(store), kind, str(data / name)], tmp / "home")
        assert code == 0, kind
    return store, tmp / "home"


@pytest.mark.parametrize("kind", ["population", "sites", "finance", "staff"])
def test_exporting_a_small_table_loads_no_numpy_or_pandas(network_project, kind, tmp_path):
    """The small tables are written with the csv module straight from the driver (services/export_tables.py)."""
    store, home = network_project
    out = tmp_path / f"{kind}.csv"
    code, loaded, _out = loaded_by(["export", str(store), kind, str(out)], home, (*HEAVY, "sqlalchemy.orm"))
    assert code == 0 and out.read_text("utf-8-sig").count("\n") > 1
    assert loaded == {"sqlalchemy"}


def test_reach_without_capacities_or_a_road_network_loads_no_optimiser_or_scipy(network_project):
    """HiGHS and SciPy (0.2 s to load) come with `--capacities` or a road network, not with a matrix."""
    store, home = network_project
    code, loaded, out = loaded_by(["reach", str(store), "--json"], home)
    assert code == 0 and json.loads(out)[0]["travel"] == "matrix"
    assert loaded == {"sqlalchemy", "numpy", "pandas"}
    code, loaded, out = loaded_by(["reach", str(store), "--json", "--capacities"], home)
    assert code == 0 and "capacity_optimal" in out
    assert {"highspy", "scipy"} <= loaded


@pytest.mark.parametrize(("args", "module"), [(["info", "{store}"], "info"), (["segments", "{store}", "--json"], "segments"),
                                              (["--lang", "en", "report", "{store}", "traffic-light", "--json"], "report")])
def test_a_command_imports_only_its_own_command_module(project, args, module):
    """The parser of the named command alone is built (desktop/commands/__init__.py command_module)."""
    store, home = project
    result = run_cli([a.format(store=store) for a in args], home)
    assert result["code"] == 0
    commands = {m for m in result["own"] if m.startswith("desktop.commands.") and not m.startswith("desktop.commands._")}
    assert commands == {f"desktop.commands.{module}"}


def test_the_overview_lists_every_command(tmp_path):
    from desktop.commands import COMMAND_NAMES

    result = run_cli(["--help"], tmp_path / "home")
    assert result["code"] == 0
    assert all(f"    {name}" in result["out"] for name in COMMAND_NAMES)


def test_privacy_loads_no_numpy_or_pandas(network_project):
    """`privacy` shows the key's fingerprint and the smallest group: the store's settings, no analysis."""
    store, home = network_project
    code, loaded, out = loaded_by(["privacy", str(store), "--json"], home, (*HEAVY, "sqlalchemy.orm"))
    assert code == 0 and json.loads(out)["min_group"] == 5
    assert loaded == {"sqlalchemy"}
