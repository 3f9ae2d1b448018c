"""Every command on a damaged or foreign project, and an unexpected error, through real processes
(issue #15): damage is exit 2 with one Finnish sentence, an unexpected error one line naming the log
file with exit 1, never a traceback; `--lang=en` is honoured like `--lang en`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"

COMMANDS = [
    ["info", "{p}"], ["info", "{p}", "--json"], ["report", "{p}", "traffic-light"], ["report", "{p}", "workshop", "--pdf", "{t}/r.pdf"],
    ["export", "{p}", "events", "{t}/e.csv"], ["segments", "{p}"], ["segments", "export", "{p}", "{t}/s.json"],
    ["classification", "export", "{p}", "{t}/c.xlsx"], ["classification", "check", "{p}"], ["measures", "{p}"],
    ["reach", "{p}"], ["optimize", "{p}", "--candidates", "ruudut", "--minutes", "5", "--max-sites", "1"],
    ["import", "{p}", "events", str(DATA / "events_pipe.csv")],
]


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")})


@pytest.fixture(scope="module")
def damaged_project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "p.sote"
    assert main(["import", str(path), "events", str(DATA / "events_fi_cp1252.csv")]) == 0
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_master SET sql = replace(sql, 'mode VARCHAR(32)', 'mode VARCHAR(32) NOT NULL') "
                "WHERE name = 'import_batch'")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_refuses_a_damaged_project(damaged_project, tmp_path, command):
    before = damaged_project.read_bytes()
    args = [a.replace("{p}", str(damaged_project)).replace("{t}", str(tmp_path)) for a in command]
    result = _run(args, tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "on vioittunut" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert damaged_project.read_bytes() == before


def test_unexpected_error_inside_a_reader_is_one_line(tmp_path):
    # a failure deep inside pandas while a file is read (as a bug there would be): one line and the log
    code = ("import pandas, sys\n"
            "def broken(*a, **k):\n    raise ValueError('buffer overflow caught - possible malformed input file.\\nmore')\n"
            "pandas.read_csv = broken\n"
            "from desktop.cli import main\n"
            f"sys.exit(main(['import', {str(tmp_path / 'p.sote')!r}, 'sites', {str(DATA / 'hki_sites.csv')!r}]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("Odottamaton virhe (ValueError: buffer overflow caught") and ".log" in lines[0]
    log = lines[0].split("lokitiedostoon ")[1].strip()
    assert "Traceback" in Path(log).read_text(encoding="utf-8")
    assert not (tmp_path / "p.sote").exists()


def test_lang_with_equals(tmp_path):
    result = _run(["--lang=en", "info", str(tmp_path / "missing.sote")], tmp_path)
    assert result.returncode == 2 and "not found" in result.stderr
    result = _run(["--lang=en", "import", str(tmp_path / "p.sote"), "events", str(tmp_path / "missing.csv")], tmp_path)
    assert result.returncode == 2 and "not found" in result.stderr and "ei löydy" not in result.stderr
