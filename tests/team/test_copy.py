"""`sote-planner copy`: a whole project file -> server (publishing) and server -> file (a workshop
laptop), all or nothing, with progress; the pseudonymisation key never goes into the database (only
its fingerprint travels)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.errors import Cancelled, NotAStore
from desktop.core.progress import Progress
from desktop.services.exporting import dataset_frame
from desktop.store import Store, keys
from desktop.store.copying import copy_project

DATA = Path(__file__).resolve().parents[1] / "data" / "imports"


class Recorder(Progress):
    def __init__(self, cancel_after: int | None = None):
        super().__init__()
        self.reports: list[tuple[float, float, str]] = []
        self.cancel_after = cancel_after

    def report(self, done, total, text=""):
        self.reports.append((done, total, text))
        if self.cancel_after is not None and len(self.reports) >= self.cancel_after:
            self.cancel()
        self.check()


def _tables(pg_server, database):
    return {r[0] for r in pg_server.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", database=database)}


def test_publishing_a_file_carries_only_the_key_fingerprint_and_links_later_imports(pg_server, tmp_path):
    source = tmp_path / "oma.sote"
    assert main(["import", str(source), "events", str(DATA / "events_fi_cp1252.csv")]) == 0
    with Store.open(source, readonly=True) as s:
        store_id, fingerprint = s.meta("store_id"), s.meta("key_fingerprint")
    secret = keys.find_key(fingerprint).secret  # in the user's key folder, not in the file
    database = pg_server.new_database("julkaisu")
    url = pg_server.url("analyst1", database)
    progress = Recorder()
    result = copy_project(source, url, progress=progress)
    assert result.rows["import_batch"] == 1 and result.total > 100
    assert progress.reports[-1][0] == progress.reports[-1][1]  # reached 100 %
    assert any("Kopioidaan column_chunk" in text for _d, _t, text in progress.reports)
    meta = dict(pg_server.sql("SELECT key, value FROM meta", database=database))
    assert meta["key_fingerprint"] == fingerprint and "pseudonym_secret" not in meta
    assert not any(secret.hex() in value for value in meta.values())  # no key anywhere in the database
    # the same persons imported again into the team project get the same pseudonyms
    assert main(["import", url, "events", str(DATA / "events_fi_cp1252.csv"), "--replace"]) == 0
    with Store.open(url, readonly=True) as team, Store.open(source, readonly=True) as own:
        assert team.meta("store_id") == store_id
        ids = sorted(dataset_frame(team, "events")["person_id"].astype(str))
        assert ids == sorted(dataset_frame(own, "events")["person_id"].astype(str))


def test_a_cancelled_or_failed_copy_leaves_nothing(pg_server, tmp_path):
    source = tmp_path / "lahde.sote"
    assert main(["import", str(source), "events", str(DATA / "events_fi_cp1252.csv")]) == 0
    database = pg_server.new_database("kesken")
    with pytest.raises(Cancelled):
        copy_project(source, pg_server.url("analyst1", database), progress=Recorder(cancel_after=3))
    assert _tables(pg_server, database) == set()
    url = pg_server.url("analyst1", pg_server.new_database("valmis"))
    copy_project(source, url)
    target = tmp_path / "tyopaja.sote"
    with pytest.raises(Cancelled):
        copy_project(url, target, progress=Recorder(cancel_after=3))
    assert not target.exists() and not Path(f"{target}-wal").exists()


def test_targets_that_exist_are_refused(pg_server, tmp_path, capsys):
    source = tmp_path / "a.sote"
    assert main(["import", str(source), "events", str(DATA / "events_pipe.csv")]) == 0
    url = pg_server.url("analyst1", pg_server.new_database("kohde"))
    assert main(["copy", str(source), url]) == 0
    capsys.readouterr()
    assert main(["copy", str(source), url]) == 2
    assert "on jo projekti" in capsys.readouterr().err
    assert main(["copy", url, str(source)]) == 2
    assert "on jo olemassa" in capsys.readouterr().err
    with pytest.raises(NotAStore):
        copy_project(tmp_path / "puuttuu.sote", tmp_path / "b.sote")
