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

SCRIPT = r"""
import contextlib, io, json, sys, types
from desktop.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(json.loads(sys.argv[1]))
heavy = json.loads(sys.argv[2])
loaded = [m for m in heavy if type(sys.modules.get(m)) is types.ModuleType]  # a lazy module not yet used is not
print(json.dumps({"code": code, "loaded": loaded, "out": out.getvalue()}))
"""


def loaded_by(args: list[str], home: Path, libraries: tuple[str, ...] = HEAVY) -> tuple[int, set[str], str]:
    """(exit code, the `libraries` executed, stdout) of `sote-planner ARGS` in a fresh interpreter."""
    env = {**os.environ, "SOTE_PLANNER_HOME": str(home), "MPLCONFIGDIR": str(home / "mpl")}
    run = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(args), json.dumps(libraries)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    return result["code"], set(result["loaded"]), result["out"]


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
    """`info` reads through the store's Core tables (desktop.store.tables): SQLAlchemy's ORM and the
    store's ORM classes (desktop.store.rows) are not even imported."""
    store, home = project
    code, loaded, out = loaded_by(["info", str(store), *json_option], home,
                                  (*HEAVY, "sqlalchemy.orm", "desktop.store.rows"))
    assert code == 0 and "events" in out and "yksi.csv" in out  # the import batch too
    assert loaded == {"sqlalchemy"}


@pytest.mark.parametrize("args", [["report", "{store}", "traffic-light", "--json"], ["segments", "{store}", "--json"]])
def test_figure_commands_load_no_optimiser_charts_or_qt(project, args):
    store, home = project
    code, loaded, out = loaded_by([a.format(store=store) for a in args], home)
    assert code == 0 and json.loads(out)["years"] == [2024]
    assert loaded == {"sqlalchemy", "numpy", "pandas"}
