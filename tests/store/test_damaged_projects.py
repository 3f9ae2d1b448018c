"""Damaged and read-only projects through the command line (issue #15): damage is reported as damage
(exit 2, one Finnish sentence) before any write and before any figure; a project on read-only media
opens read-only; writing to it is refused at once. Real SQLite files, damaged the way disks do it."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


def _project(tmp_path: Path, name: str = "p.sote") -> Path:
    path = tmp_path / name
    assert main(["import", str(path), "events", str(DATA / "events_fi_cp1252.csv")]) == 0
    return path


def _cli(*args: str, read_only: Path | None = None, env_home: Path | None = None) -> subprocess.CompletedProcess:
    """The command line in a process of its own; with `read_only`, that file or folder is on read-only
    media for it (a read-only bind mount in a private mount namespace when run as root, whom file modes
    do not stop; the file mode otherwise)."""
    cmd = [sys.executable, "-m", "desktop", *args]
    env = {**os.environ, "HOME": str(env_home)} if env_home else None
    if read_only is not None and os.geteuid() == 0:
        q = shlex.quote(str(read_only))
        cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
               f"mount --bind {q} {q} && mount -o remount,ro,bind {q} && exec {shlex.join(cmd)}"]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def read_only_capable(tmp_path):
    if os.geteuid() == 0:
        probe = tmp_path / "probe"
        probe.mkdir()
        result = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                                 f"mount --bind {probe} {probe} && mount -o remount,ro,bind {probe} && ! touch {probe}/x"],
                                capture_output=True) if shutil.which("unshare") else None
        if result is None or result.returncode != 0:
            pytest.skip("no way to make read-only media here (root without mount namespaces)")


def _assert_damage(result, *words):
    assert result.returncode == 2, result.stderr
    assert "on vioittunut" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    for word in words:
        assert word in result.stderr


def test_damaged_column_chunk_is_reported_never_as_numbers(tmp_path):
    path = _project(tmp_path)
    con = sqlite3.connect(path)
    row_id, data = con.execute("SELECT id, data FROM column_chunk WHERE \"column\" = 'cost_eur'").fetchone()
    data = bytearray(data)
    data[12:16] = b"\x00\x11\x22\x33"  # four bytes inside the compressed costs
    con.execute("UPDATE column_chunk SET data = ? WHERE id = ?", (bytes(data), row_id))
    con.commit()
    con.close()
    for args in (["report", str(path), "traffic-light"], ["export", str(path), "events", str(tmp_path / "out.csv")]):
        result = _cli(*args)
        _assert_damage(result, "cost_eur")
        assert "€" not in result.stdout
    assert not (tmp_path / "out.csv").exists() or (tmp_path / "out.csv").stat().st_size == 0


def test_chunk_bytes_turned_to_text_are_damage(tmp_path):
    path = _project(tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE column_chunk SET data = CAST(data AS TEXT) || 'x' WHERE \"column\" = 'date'")
    con.commit()
    con.close()
    _assert_damage(_cli("report", str(path), "traffic-light"))


def test_damaged_page_info_and_import_refused(tmp_path):
    path = _project(tmp_path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'import_batch'").fetchone()[0]
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        fh.seek(page * (root - 1) + 8)
        fh.write(b"\xff" * 200)
    before = path.read_bytes()
    _assert_damage(_cli("info", str(path)))
    _assert_damage(_cli("import", str(path), "events", str(DATA / "events_pipe.csv")))
    assert path.read_bytes() == before  # nothing written


def test_failing_quick_check_refuses_writes_and_figures(tmp_path):
    path = _project(tmp_path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    # a row that breaks its table's declared rules: quick_check fails, ordinary reads still work
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_master SET sql = replace(sql, 'mode VARCHAR(32)', 'mode VARCHAR(32) NOT NULL') "
                "WHERE name = 'import_batch'")
    con.commit()
    con.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    check.close()
    before = path.read_bytes()
    _assert_damage(_cli("report", str(path), "traffic-light"))
    _assert_damage(_cli("import", str(path), "events", str(DATA / "events_pipe.csv")))
    assert path.read_bytes() == before


def test_schema_version_not_a_number(tmp_path):
    path = _project(tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '2b' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    _assert_damage(_cli("info", str(path)), "2b")
    _assert_damage(_cli("import", str(path), "events", str(DATA / "events_pipe.csv")), "2b")


def test_healthy_project_on_read_only_media_opens_read_only(tmp_path, read_only_capable):
    folder = tmp_path / "media"
    folder.mkdir()
    path = _project(folder)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    if os.geteuid() != 0:
        path.chmod(0o444)
        folder.chmod(0o555)
    try:
        result = _cli("info", str(path), read_only=folder)
        assert result.returncode == 0, result.stderr
        assert "events_fi_cp1252.csv" in result.stdout and "vioittunut" not in result.stderr
        result = _cli("report", str(path), "traffic-light", read_only=folder)
        assert result.returncode == 0, result.stderr
        # writing is refused at once, with the reason
        result = _cli("import", str(path), "events", str(DATA / "events_pipe.csv"), read_only=folder)
        assert result.returncode == 2 and "ei voi muuttaa" in result.stderr and "Traceback" not in result.stderr
        result = _cli("import", str(folder / "uusi.sote"), "events", str(DATA / "events_pipe.csv"), read_only=folder)
        assert result.returncode == 2 and "ei voi luoda" in result.stderr
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert not (folder / "uusi.sote").exists()


def test_read_only_project_file_in_writable_folder(tmp_path, read_only_capable):
    path = _project(tmp_path)
    before = path.read_bytes()
    if os.geteuid() != 0:
        path.chmod(0o444)
    try:
        result = _cli("import", str(path), "events", str(DATA / "events_pipe.csv"), read_only=path)
        assert result.returncode == 2, result.stderr
        assert "vain luku" in result.stderr and "Traceback" not in result.stderr
        assert _cli("info", str(path), read_only=path).returncode == 0
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_failed_import_into_new_project_leaves_nothing(tmp_path, capsys):
    path = tmp_path / "uusi.sote"
    assert main(["import", str(path), "events", str(DATA / "events_bad_values.csv")]) == 2
    assert "abc" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_missing_column_chunk_is_damage(tmp_path):
    path = _project(tmp_path)
    con = sqlite3.connect(path)
    con.execute("DELETE FROM column_chunk WHERE \"column\" = 'cost_eur'")
    con.commit()
    con.close()
    _assert_damage(_cli("report", str(path), "traffic-light"), "cost_eur", "0 riviä, muissa sarakkeissa 4")
