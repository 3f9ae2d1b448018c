"""Commands on a small project, start to exit (issue 18: at most 0.5 s), and a one-row import into a
new project; baselines measured in the same run: the interpreter alone and the interpreter importing
the libraries every project command needs (SQLAlchemy: its Core for `info` and the figures, with its ORM
for the import; pandas for the analyses).

- `test_small_project_commands` (always runs): every command succeeds; times printed, with each command's
  CPU ratio to its floor (FLOOR).
- `test_small_project_command_within_half_a_second` (--bench): `info` at most 0.5 s (best of 5).
"""

from __future__ import annotations

import sys

import pytest

from tests.bench.processes import app, app_env, best_of, line

COMMANDS = {
    "info": ("info", "{store}"),
    "report traffic-light --json": ("report", "{store}", "traffic-light", "--json"),
    "segments --json": ("segments", "{store}", "--json"),
}
#: each command's floor: the libraries it loads (tests/cli/test_lazy_imports.py pins them), nothing else; the
#: figure commands (SQLAlchemy Core, no ORM) and the import load them with the garbage collector held back
#: (desktop.core.collector), and so does their floor (the plain one spends about 0.08 s CPU collecting)
HELD_CORE = "python + sqlalchemy core + pandas, collector held (baseline)"
HELD = "python + sqlalchemy + pandas, collector held (baseline)"
FLOOR = {"info": "python + sqlalchemy core (baseline)", "report traffic-light --json": HELD_CORE,
         "segments --json": HELD_CORE, "import one row into a new project": HELD}


def _measure(tmp_path, runs: int) -> dict:
    from desktop.ui.selftest import build_small_store

    store = build_small_store(tmp_path)
    env = app_env(tmp_path / "home")
    one_row = tmp_path / "yksi.csv"
    one_row.write_text("Henkilötunnus;Käyntipäivä;Kustannus\r\n010203A910C;1.2.2024;12,50\r\n", encoding="cp1252")
    results = {
        "python (baseline)": best_of([sys.executable, "-c", "pass"], runs, env),
        # info reads through Core tables only (no ORM: tests/cli/test_lazy_imports.py pins it)
        "python + sqlalchemy core (baseline)": best_of([sys.executable, "-c", "import sqlalchemy"], runs, env),
        "python + sqlalchemy (baseline)": best_of([sys.executable, "-c", "import sqlalchemy.orm"], runs, env),
        "python + sqlalchemy + pandas (baseline)": best_of([sys.executable, "-c", "import sqlalchemy.orm, pandas"],
                                                           runs, env),
        HELD_CORE: best_of([sys.executable, "-c", "import gc; gc.disable(); import sqlalchemy, pandas"], runs, env),
        HELD: best_of([sys.executable, "-c", "import gc; gc.disable(); import sqlalchemy.orm, pandas"], runs, env),
    }
    for label, args in COMMANDS.items():
        results[label] = best_of(app(*(a.format(store=store) for a in args)), runs, env)
    new = tmp_path / "uusi.sote"

    def fresh() -> None:
        for path in tmp_path.glob("uusi.sote*"):
            path.unlink()

    results["import one row into a new project"] = best_of(app("import", str(new), "events", str(one_row)), runs,
                                                           env, before=fresh)
    print()
    for label, result in results.items():
        floor = results.get(FLOOR.get(label, ""))
        cpu = f" (CPU ratio {result['cpu'] / floor['cpu']:.2f})" if floor else ""
        print(line(f"  {label}", result, floor) + cpu)
    return results


def test_small_project_commands(tmp_path):
    results = _measure(tmp_path, 1)
    assert "events" in results["info"]["out"]
    assert results["import one row into a new project"]["code"] == 0


@pytest.mark.bench
def test_small_project_command_within_half_a_second(tmp_path):
    results = _measure(tmp_path, 5)
    assert results["info"]["seconds"] <= 0.5
