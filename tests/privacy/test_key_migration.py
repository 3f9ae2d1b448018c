"""A project of an older version keeps its key inside: opening it for writing moves the key to the
opening user's key folder and rewrites the file (and its upgrade backup) without the old bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.cli import main
from desktop.paths import key_dir
from desktop.store import Store
from desktop.store.keys import fingerprint, read_key_file
from desktop.store.migrations import SCHEMA_VERSION
from tests.privacy.helpers import files_beside, identity_codes, raw_hits, write_events
from tests.store.test_migration import _make_v1

V1_SECRET = "72475ad6c5b18e0a540eba65d24ea9ad40099797816efd73b26d496526f7d16f"  # in tests/data/store/store_v1.sql


def _meta(path: Path) -> dict[str, str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT key, value FROM meta"))
    finally:
        con.close()


def _as_version_2(path: Path) -> str:
    """Turn a project made now back into what schema 2 wrote: the key inside, no fingerprint, no key file."""
    key_file = next(key_dir().glob("*.key"))
    secret = read_key_file(key_file).secret.hex()
    con = sqlite3.connect(path)
    con.execute("PRAGMA secure_delete=OFF")
    con.execute("DELETE FROM meta WHERE key='key_fingerprint'")
    con.execute("INSERT INTO meta (key, value) VALUES ('pseudonym_secret', ?)", (secret,))
    con.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    con.commit()
    con.close()
    for leftover in key_dir().iterdir():
        leftover.unlink()
    return secret


def test_an_old_project_gives_up_its_key_when_opened_for_writing(tmp_path, capsys):
    codes = identity_codes(20)
    path = tmp_path / "vanha.sote"
    assert main(["import", str(path), "events", str(write_events(tmp_path / "a.csv", codes))]) == 0
    secret = _as_version_2(path)
    con = sqlite3.connect(path)  # older versions kept a code in a file name as it was
    con.execute("UPDATE import_batch SET file_name = ?", (f"asiakas_{codes[0]}.csv",))
    con.commit()
    con.close()
    needles = [secret, secret.upper(), codes[0]]
    assert set(raw_hits([path], needles)["vanha.sote"]) >= {secret, codes[0]}  # the old layout: readable in the file

    # read-only use works as it is and changes nothing (reports need no key)
    before = path.read_bytes()
    assert main(["report", str(path), "traffic-light", "--json"]) == 0
    assert path.read_bytes() == before and not list(key_dir().glob("*.key"))

    # opening for writing (a new import) moves the key out; the same persons link again
    capsys.readouterr()
    assert main(["import", str(path), "events", str(write_events(tmp_path / "b.csv", codes, seed=11))]) == 0
    meta = _meta(path)
    assert "pseudonym_secret" not in meta and meta["schema_version"] == str(SCHEMA_VERSION)
    moved = read_key_file(key_dir() / f"{meta['key_fingerprint']}.key")
    assert moved.secret.hex() == secret and meta["key_fingerprint"] == fingerprint(moved.secret)
    beside = files_beside(path)
    assert any("v2-varmuuskopio" in p.name for p in beside)  # the upgrade backup, scanned too
    raw = [secret.encode(), bytes.fromhex(secret)]
    assert raw_hits(beside, needles) == {}
    assert not any(r in p.read_bytes() for p in beside for r in raw)
    with Store.open(path, readonly=True) as store:
        assert store.batches()[0].file_name == "asiakas_******-****.csv"
        assert store.row_count("events") == 2 * 2 * len(codes)
        persons = store.load("events", ("person_id",), decode=False)["person_id"]
        assert persons.max() + 1 == len(codes)


def test_the_v1_fixture_loses_its_key_on_upgrade(tmp_path):
    path = tmp_path / "v1.sote"
    _make_v1(path)
    assert raw_hits([path], [V1_SECRET])
    store = Store.open(path)
    store.close()
    assert raw_hits(files_beside(path), [V1_SECRET]) == {}
    assert (key_dir() / f"{_meta(path)['key_fingerprint']}.key").exists()
    assert _meta(store.backup_path)["key_fingerprint"] == _meta(path)["key_fingerprint"]
