"""The pseudonymisation key of a team project: never in the database; the analyst whose first
person-level import gave the project its key holds it, another analyst (another user folder) is
refused until they take the key file in; a viewer needs no key."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli import main
from desktop.services.exporting import dataset_frame
from desktop.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "imports"


def test_analyst_b_is_refused_without_the_key_and_accepted_after_key_import(pg_server, tmp_path, monkeypatch, capsys):
    home_a, home_b, home_viewer = tmp_path / "analyytikko-a", tmp_path / "analyytikko-b", tmp_path / "katselija"
    database = pg_server.new_database("avaimet")
    url_a, url_b = pg_server.url("analyst1", database), pg_server.url("analyst2", database)

    monkeypatch.setenv("SOTE_PLANNER_HOME", str(home_a))
    assert main(["import", url_a, "events", str(DATA / "events_fi_cp1252.csv")]) == 0
    capsys.readouterr()
    assert main(["key", "show", url_a, "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    fingerprint = status["fingerprint"]
    assert fingerprint and status["available"]
    meta = dict(pg_server.sql("SELECT key, value FROM meta", database=database))
    assert meta["key_fingerprint"] == fingerprint and "pseudonym_secret" not in meta
    assert (home_a / "keys" / f"{fingerprint}.key").exists()
    shared = tmp_path / "tiimin-avain.key"
    assert main(["key", "export", url_a, str(shared)]) == 0  # A hands the key to B
    capsys.readouterr()

    with Store.open(url_a, readonly=True) as store:
        persons_a = sorted(dataset_frame(store, "events")["person_id"].astype(str))

    monkeypatch.setenv("SOTE_PLANNER_HOME", str(home_b))
    assert main(["key", "show", url_b, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"fingerprint": fingerprint, "available": False, "path": None}
    again = ["import", url_b, "events", str(DATA / "events_fi_cp1252.csv"), "--replace"]
    assert main(again) == 2
    err = capsys.readouterr().err
    assert f"Projektin {pg_server.url('analyst2', database)} pseudonymisointiavainta (tunniste {fingerprint})" in err
    assert "sote-planner key import" in err and "Traceback" not in err
    with Store.open(url_b, readonly=True) as store:
        assert [b.file_name for b in store.batches()] == ["events_fi_cp1252.csv"]  # nothing changed
    # reports need no key
    assert main(["report", url_b, "traffic-light", "--json"]) == 0

    assert main(["key", "import", str(shared)]) == 0
    capsys.readouterr()
    assert main(again) == 0, capsys.readouterr().err
    with Store.open(url_b, readonly=True) as store:
        assert len(store.batches()) == 1 and store.meta("key_fingerprint") == fingerprint
        # the same key: B's import of the same persons gives A's pseudonyms
        assert sorted(dataset_frame(store, "events")["person_id"].astype(str)) == persons_a

    # a viewer opens, reports and exports without any key
    monkeypatch.setenv("SOTE_PLANNER_HOME", str(home_viewer))
    viewer = pg_server.url("viewer1", database)
    assert main(["report", viewer, "traffic-light", "--json"]) == 0
    assert main(["export", viewer, "events", str(tmp_path / "e.csv")]) == 0
    assert not list(home_viewer.rglob("*.key"))
