"""The command line frame: help, version, exit codes, languages, info."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from desktop import __version__
from desktop.cli import main
from desktop.store import Store, columns


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, env=env)


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("gui", "info"):
        assert command in out


def test_bad_usage_exits_2_in_finnish(capsys):
    assert main(["info"]) == 2
    assert "Virheellinen komento" in capsys.readouterr().err


def test_english_with_flag_and_lang(tmp_path, monkeypatch, capsys):
    assert main(["--lang", "en", "info", str(tmp_path / "missing.sote")]) == 2
    assert "not found" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert main(["info", str(tmp_path / "missing.sote")]) == 2
    assert "not found" in capsys.readouterr().err


def test_missing_store_is_bad_input(tmp_path, capsys):
    assert main(["info", str(tmp_path / "missing.sote")]) == 2
    assert "ei löydy" in capsys.readouterr().err


def test_unexpected_error_exits_1_with_log(monkeypatch, tmp_path, capsys):
    import desktop.services.project_info as pi

    def boom(store):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(pi, "project_info", boom)
    Store.create(tmp_path / "p.sote").close()
    assert main(["info", str(tmp_path / "p.sote")]) == 1
    err = capsys.readouterr().err
    assert "Odottamaton virhe" in err and ".log" in err
    log = err.split("lokitiedostoon ")[1].strip()
    assert "ZeroDivisionError" in open(log, encoding="utf-8").read()


def test_info_json_reports_datasets_and_batches(place):
    path = place.target("p")  # a file and a team project on the test server
    store = Store.create(path)
    with store.transaction() as conn:
        batch = store.add_batch(conn, "events", "kaynnit.csv", row_count=3)
        days = np.array([19400, 19800, 19900], dtype=np.int32)  # 2023-02-11, 2024-03-17, 2024-06-25
        columns.write_columns(conn, "events", batch, {"date": days}, {"date": "num"})
    store.close()
    result = run_cli("info", str(path), "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    events = next(d for d in info["datasets"] if d["kind"] == "events")
    assert events == {"kind": "events", "rows": 3, "years": [2023, 2024]}
    assert info["batches"][0]["file_name"] == "kaynnit.csv"
    assert info["schema_version"] >= 2
    text = run_cli("info", str(path))
    assert "kaynnit.csv" in text.stdout and "events" in text.stdout


def test_broken_pipe_is_not_an_error(monkeypatch, capsys):
    """`sote-planner --help | head -1`: the reader going away is not an unexpected error."""

    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["--help"]) == 0
    assert "Odottamaton" not in capsys.readouterr().err
