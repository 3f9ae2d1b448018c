"""Roles and schema versions of a team project: a viewer opens, reports, exports and copies, and
any write is refused with a clear message (exit 2); an older schema is upgraded only when asked,
in one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.errors import ReadOnlyRole, SchemaOutdated, StoreTooNew
from desktop.services import segments
from desktop.store import Store
from desktop.store.migrations import SCHEMA_VERSION

DATA = Path(__file__).resolve().parents[1] / "data" / "imports"


@pytest.fixture
def project(pg_server):
    """A team project with events and population, made by analyst1; (database, analyst URL)."""
    database = pg_server.new_database("rooli")
    url = pg_server.url("analyst1", database)
    assert main(["import", url, "events", str(DATA / "events_fi_cp1252.csv")]) == 0
    assert main(["import", url, "population", str(DATA / "population_bands.csv")]) == 0
    return database, url


def test_a_viewer_reads_reports_exports_and_copies(pg_server, project, tmp_path, capsys):
    database, url = project
    viewer = pg_server.url("viewer1", database)
    assert main(["report", url, "traffic-light", "--json"]) == 0
    own = json.loads(capsys.readouterr().out)
    assert main(["report", viewer, "traffic-light", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == own
    for args in (["info", viewer, "--json"], ["segments", viewer, "--json"], ["classification", "check", viewer],
                 ["measures", viewer], ["export", viewer, "events", str(tmp_path / "e.csv")],
                 ["copy", viewer, str(tmp_path / "tyopaja.sote")]):
        assert main(args) == 0, capsys.readouterr().err
    assert (tmp_path / "e.csv").stat().st_size > 100
    with Store.open(tmp_path / "tyopaja.sote", readonly=True) as copy:
        assert copy.row_count("events") == 4
    with Store.open(viewer) as store:  # opened for writing: the role makes it read-only
        assert store.readonly and store.read_only_role


def test_a_viewers_writes_exit_2_with_a_clear_message(pg_server, project, tmp_path, capsys):
    database, _url = project
    viewer = pg_server.url("viewer1", database)
    segments_file = tmp_path / "s.json"
    assert main(["segments", "export", viewer, str(segments_file)]) == 0
    classification_file = tmp_path / "c.json"
    assert main(["classification", "export", viewer, str(classification_file)]) == 0
    capsys.readouterr()
    for args in (["import", viewer, "events", str(DATA / "events_utf8_bom_comma.csv")],
                 ["segments", "import", viewer, str(segments_file)],
                 ["classification", "import", viewer, str(classification_file)]):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert "Tietokantaroolilla viewer1 on tiimin projektiin" in err and "vain lukuoikeus" in err, args
        assert "Traceback" not in err and "Odottamaton" not in err
    with Store.open(viewer) as store:
        assert store.row_count("events") == 4 and len(store.batches()) == 2


def test_a_refused_write_is_caught_at_the_store_boundary(pg_server, project):
    """A role that may write some tables but not others: the server's 'permission denied' becomes
    the same Finnish message, and nothing is changed."""
    database, url = project
    pg_server.sql(["GRANT INSERT, UPDATE, DELETE ON meta TO viewer1"], database=database)
    with Store.open(pg_server.url("viewer1", database)) as store:
        assert not store.readonly  # it looked writable
        before = [s.name for s in segments.load_segments(store)]
        with pytest.raises(ReadOnlyRole, match="vain lukuoikeus"):
            segments.save_segments(store, segments.load_segments(store)[:1])
        assert [s.name for s in segments.load_segments(store)] == before
        with pytest.raises(ReadOnlyRole):
            store.remove_batch(store.batches()[0].id)
        assert len(store.batches()) == 2


def _as_version_2(pg_server, database: str) -> None:
    """What a version-2 schema looked like: the key inside the project and identity codes in batch
    file names (both gone in version 3), no cost centres of finance rows and no staff table (4), no
    year ranges of column chunks (5), no capacities of sites (6), no edit_version table (7)."""
    from desktop.store.keys import find_key

    fingerprint = pg_server.sql("SELECT value FROM meta WHERE key = 'key_fingerprint'", database=database)[0][0]
    secret = find_key(fingerprint).secret.hex()
    pg_server.sql(["DROP TABLE edit_version", "DROP TABLE staff", "ALTER TABLE finance DROP COLUMN cost_centre",
                   "ALTER TABLE column_chunk DROP COLUMN year_min", "ALTER TABLE column_chunk DROP COLUMN year_max", "ALTER TABLE site DROP COLUMN capacity",
                   "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
                   "DELETE FROM meta WHERE key = 'key_fingerprint'",
                   f"INSERT INTO meta (key, value) VALUES ('pseudonym_secret', '{secret}')",
                   "UPDATE import_batch SET file_name = 'potilaat_131052-308T.csv' WHERE kind = 'events'"],
                  database=database)


def _tables(pg_server, database: str) -> set[str]:
    return {r[0] for r in pg_server.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
                                        database=database)}


def test_an_older_server_schema_is_upgraded_only_when_asked(pg_server, project, capsys):
    database, url = project
    _as_version_2(pg_server, database)
    for args in (["info", url], ["import", url, "events", str(DATA / "events_pipe.csv")], ["report", url, "traffic-light"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "vanhempaa versiota 2" in err and f"sote-planner upgrade {url}" in err
    assert "edit_version" not in _tables(pg_server, database)  # nothing was changed
    assert main(["upgrade", pg_server.url("viewer1", database)]) == 2  # a viewer may not upgrade
    assert "vain lukuoikeus" in capsys.readouterr().err
    assert main(["upgrade", url]) == 0
    assert f"päivitettiin versioon {SCHEMA_VERSION}" in capsys.readouterr().out
    assert "edit_version" in _tables(pg_server, database)
    # every step ran on the server: the key moved out to the upgrading analyst's key folder (only its
    # fingerprint stays), the identity code in the file name is masked, the save counters exist
    meta = dict(pg_server.sql("SELECT key, value FROM meta", database=database))
    assert "pseudonym_secret" not in meta and meta["key_fingerprint"]
    assert pg_server.sql("SELECT file_name FROM import_batch WHERE kind = 'events'", database=database) == [
        ("potilaat_******-****.csv",)]
    assert pg_server.sql("SELECT DISTINCT year_min, year_max FROM column_chunk WHERE dataset = 'events'",
                         database=database) == [(2024, 2024)]  # the chunks' years, read from their dates
    assert {"staff", "edit_version"} <= _tables(pg_server, database)
    assert pg_server.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'site' "
                         "AND column_name = 'capacity'", database=database) == [(1,)]
    assert main(["info", url, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["schema_version"] == SCHEMA_VERSION and len(info["batches"]) == 2
    assert main(["upgrade", url]) == 0
    assert "on jo versiota" in capsys.readouterr().out
    # the tables keep belonging to the team: another analyst writes after the upgrade
    assert pg_server.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'edit_version'", database=database) == [
        ("sote_team",)]
    assert main(["import", pg_server.url("analyst2", database), "events", str(DATA / "events_pipe.csv")]) == 0


def test_a_failed_upgrade_leaves_the_old_schema_whole(pg_server, project, monkeypatch):
    """The upgrade's DDL and data changes are one transaction: a failing step rolls all of it back."""
    from desktop.store import migrations

    database, url = project
    _as_version_2(pg_server, database)
    last = max(migrations.STEPS)
    real = migrations.STEPS[last]

    def fails_halfway(conn):
        real(conn)  # the new table is created...
        raise RuntimeError("levy täynnä kesken päivityksen")  # ...and then the step fails

    monkeypatch.setitem(migrations.STEPS, last, fails_halfway)
    with pytest.raises(RuntimeError):
        Store.open(url, upgrade_schema=True)
    assert "edit_version" not in _tables(pg_server, database)
    assert pg_server.sql("SELECT value FROM meta WHERE key = 'schema_version'", database=database) == [("2",)]
    assert pg_server.sql("SELECT count(*) FROM meta WHERE key = 'pseudonym_secret'", database=database) == [(1,)]
    monkeypatch.setitem(migrations.STEPS, last, real)
    with Store.open(url, upgrade_schema=True) as store:
        assert store.upgraded_from == 2 and store.schema_version == SCHEMA_VERSION


def test_a_newer_schema_and_a_foreign_database_are_refused(pg_server, project, capsys):
    database, url = project
    pg_server.sql(f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'", database=database)
    with pytest.raises(StoreTooNew):
        Store.open(url)
    assert main(["info", url]) == 2
    assert "uudemmalta ohjelmaversiolta" in capsys.readouterr().err
    other = pg_server.new_database("muu")
    pg_server.sql("CREATE TABLE asiakkaat (id int)", database=other)
    foreign = pg_server.url("analyst1", other)
    assert main(["import", foreign, "events", str(DATA / "events_pipe.csv")]) == 2
    assert "muita tauluja (asiakkaat)" in capsys.readouterr().err
    assert _tables(pg_server, other) == {"asiakkaat"}
    empty = pg_server.url("analyst1", pg_server.new_database("tyhja"))
    assert main(["info", empty]) == 2
    assert "ei ole vielä projektia" in capsys.readouterr().err
    _as_version_2(pg_server, database)
    with pytest.raises(SchemaOutdated):  # read-only opens are not upgraded either
        Store.open(url, readonly=True)


def test_first_import_creates_the_schema_for_the_whole_team(pg_server):
    database = pg_server.new_database("eka")
    assert main(["import", pg_server.url("analyst2", database), "events", str(DATA / "events_pipe.csv")]) == 0
    owners = {r[0] for r in pg_server.sql("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'",
                                          database=database)}
    assert owners == {"sote_team"}
    with Store.open(pg_server.url("analyst1", database)) as store:
        assert not store.readonly and store.schema_version == SCHEMA_VERSION
        assert store.meta("pseudonym_secret") is None  # no key in the database, only its fingerprint
        assert store.meta("key_fingerprint")
