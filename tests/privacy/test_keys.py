"""The pseudonymisation key lives outside the project: another user's copy reads and reports but
cannot link a new import; the right key (exported, imported) links the same persons again."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import open_store
from desktop.store.keys import KEY_ENV, fingerprint, read_key_file
from tests.privacy.helpers import identity_codes, write_events


def person_ids(path: Path) -> list[str]:
    with open_store(path, readonly=True) as store:
        events = store.load("events", ("person_id",), decode=("person_id",))
    return sorted(set(events["person_id"].astype(str)))


def batches(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT COUNT(*) FROM import_batch").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def project(tmp_path):
    """A project made by user A (the test's own user folder) from 40 persons' events."""
    codes = identity_codes(40)
    path = tmp_path / "a" / "alue.sote"
    path.parent.mkdir()
    assert main(["import", str(path), "events", str(write_events(tmp_path / "asiakkaat.csv", codes))]) == 0
    return path, codes


def test_the_project_keeps_only_the_fingerprint_and_the_key_is_in_the_users_folder(project, capsys):
    path, _codes = project
    capsys.readouterr()
    assert main(["key", "show", str(path), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    key_file = Path(status["path"])
    assert status["available"] and key_file.parent.name == "keys"
    key = read_key_file(key_file)
    assert status["fingerprint"] == fingerprint(key.secret) == key.fingerprint
    data = path.read_bytes()
    assert key.secret.hex().encode() not in data and key.secret not in data
    assert main(["key", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["keys"]
    assert listed == [{"fingerprint": key.fingerprint, "path": str(key_file), "default": True}]


def test_a_copy_opened_by_another_user_reads_and_reports_but_cannot_link_a_new_import(
        project, tmp_path, monkeypatch, capsys):
    path, codes = project
    home_a = os.environ["SOTE_PLANNER_HOME"]
    copy = tmp_path / "b" / "kopio.sote"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    monkeypatch.setenv("SOTE_PLANNER_HOME", str(tmp_path / "home-b"))  # another user: no keys
    for args in (["info", str(copy), "--json"], ["report", str(copy), "traffic-light", "--json"],
                 ["segments", str(copy), "--json"], ["export", str(copy), "events", str(tmp_path / "b.csv")]):
        assert main(args) == 0, args
    assert "Henkilötunnus" not in (tmp_path / "b.csv").read_text(encoding="utf-8")  # pseudonyms only
    capsys.readouterr()
    assert main(["key", "show", str(copy)]) == 0
    assert "ei tällä koneella" in capsys.readouterr().out

    new = write_events(tmp_path / "uudet.csv", codes[:10], seed=9)
    assert main(["import", str(copy), "events", str(new)]) == 2
    err = capsys.readouterr().err
    assert "pseudonymisointiavainta" in err and "key import" in err and "mitään ei tuotu" in err
    assert "Traceback" not in err
    assert batches(copy) == 1

    # a key of their own given explicitly: refused too (it would make other pseudonyms)
    assert main(["key", "create"]) == 0
    own = next((tmp_path / "home-b" / "keys").glob("*.key"))
    assert main(["import", str(copy), "events", str(new), "--key", str(own)]) == 2
    assert "ei ole projektin" in capsys.readouterr().err
    monkeypatch.setenv(KEY_ENV, str(own))
    assert main(["import", str(copy), "events", str(new)]) == 2
    monkeypatch.delenv(KEY_ENV)
    assert batches(copy) == 1
    before = person_ids(copy)

    # the project's key, exported by user A and imported by user B: the same persons link again
    monkeypatch.setenv("SOTE_PLANNER_HOME", home_a)
    handed = tmp_path / "avain-kollegalle.key"
    assert main(["key", "export", str(path), str(handed)]) == 0
    monkeypatch.setenv("SOTE_PLANNER_HOME", str(tmp_path / "home-b"))
    assert main(["key", "import", str(handed)]) == 0
    assert main(["import", str(copy), "events", str(new)]) == 0
    assert person_ids(copy) == before  # ten known persons: no new pseudonym


def test_a_key_file_from_the_environment_or_the_command_line(tmp_path, monkeypatch, capsys):
    """The county's IT hands out one key file: projects made with it need no key folder at all."""
    assert main(["key", "create", "--no-default", "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    it_key = tmp_path / "it" / "maakunta.key"
    assert main(["key", "export", made["fingerprint"], str(it_key)]) == 0
    monkeypatch.setenv("SOTE_PLANNER_HOME", str(tmp_path / "home-c"))
    monkeypatch.setenv(KEY_ENV, str(it_key))
    codes = identity_codes(12)
    path = tmp_path / "c.sote"
    assert main(["import", str(path), "events", str(write_events(tmp_path / "c.csv", codes))]) == 0
    capsys.readouterr()
    assert main(["key", "show", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fingerprint"] == made["fingerprint"]
    assert not (tmp_path / "home-c" / "keys").exists() or not list((tmp_path / "home-c" / "keys").glob("*.key"))
    monkeypatch.delenv(KEY_ENV)
    assert main(["import", str(path), "events", str(write_events(tmp_path / "c2.csv", codes, seed=5))]) == 2
    assert main(["import", str(path), "events", str(tmp_path / "c2.csv"), "--key", str(it_key)]) == 0


def test_a_bad_key_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "rikki.key"
    bad.write_text("avain: 1234\n", encoding="utf-8")
    assert main(["key", "import", str(bad)]) == 2
    assert "ei ole Sote-suunnittelijan avaintiedosto" in capsys.readouterr().err
    assert main(["key", "import", str(tmp_path / "puuttuu.key")]) == 2
    assert "ei löydy" in capsys.readouterr().err
