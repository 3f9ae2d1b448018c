"""`sote-planner demo PATH --size small`: builds, summarises, and refuses an existing file."""

from __future__ import annotations

import json

from desktop.cli import main
from desktop.store import open_store


def test_demo_command_builds_and_refuses_existing(tmp_path, capsys):
    path = tmp_path / "demo.sote"
    assert main(["demo", str(path), "--size", "small", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["synthetic"] is True and summary["size"] == "small"
    with open_store(path, readonly=True) as store:
        assert summary["events"] == store.row_count("events") > 50_000
        assert summary["grid_cells"] == store.row_count("grid")
    size_before = path.stat().st_size
    assert main(["demo", str(path), "--size", "small"]) == 2
    err = capsys.readouterr().err
    assert "on jo olemassa" in err and str(path) in err
    assert path.stat().st_size == size_before


def test_demo_command_english_and_bad_size(tmp_path, capsys):
    existing = tmp_path / "x.sote"
    existing.write_bytes(b"not a store")
    assert main(["--lang", "en", "demo", str(existing)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["demo", str(tmp_path / "y.sote"), "--size", "huge"]) == 2
    assert not (tmp_path / "y.sote").exists()


def test_demo_command_prints_one_line_summary(tmp_path, capsys):
    path = tmp_path / "demo.sote"
    assert main(["demo", str(path), "--size", "small"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Demo valmis:") and "synteettinen" in out[0]


def test_demo_summary_in_english_uses_english_figures(tmp_path, capsys):
    import re

    from desktop.core.lang import language, set_language

    path = tmp_path / "demo.sote"
    before = language()
    try:
        assert main(["--lang", "en", "demo", str(path), "--size", "small"]) == 0
    finally:
        set_language(before)  # the language is process-wide
    out = capsys.readouterr().out.strip().splitlines()[0]
    assert out.startswith("Demo ready:") and "service events" in out
    assert re.search(r"\d{1,3},\d{3} service events", out) and re.search(r"\d+\.\d s\.$", out)


def test_demo_command_builds_a_team_project_on_a_server(pg_server, capsys):
    url = pg_server.url("analyst1", pg_server.new_database("demo"))
    assert main(["demo", url, "--size", "small", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["store"] == url and summary["synthetic"] is True
    with open_store(url, readonly=True) as store:
        assert store.is_server and summary["events"] == store.row_count("events") > 50_000
    assert main(["demo", url, "--size", "small"]) == 2  # never over an existing project
    assert "on jo projekti" in capsys.readouterr().err
