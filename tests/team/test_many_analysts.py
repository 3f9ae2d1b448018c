"""Many analysts at once on one team project: two processes importing different files at the same
time both land (dictionary codes and batch ids never collide), and readers are never blocked by a
writer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from desktop.services.new_project import create_project
from desktop.store import Store

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
HEADER = "Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Käynnin luonne;Ammattiluokka;Tuottaja;Kustannus\n"


def identity_codes(n: int) -> list[str]:
    """`n` fictitious identity codes (individual numbers 900-999, correct check characters)."""
    out = []
    for k in range(n):
        d, m, y, i = 1 + k % 28, 1 + (k // 28) % 12, 40 + (k // 336) % 60, 900 + k % 100
        number = int(f"{d:02d}{m:02d}{y:02d}{i:03d}")
        out.append(f"{d:02d}{m:02d}{y:02d}-{i:03d}{CHECK[number % 31]}")
    return out


def write_events(path, persons: list[str], rows: int, seed: int, municipality_names=("179", "Jyväskylä")) -> None:
    rng = np.random.default_rng(seed)
    forms = ["T11", "T21", "T22", "T40", f"X{seed}"]  # one service form only this file has
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for _ in range(rows):
            who = persons[rng.integers(0, len(persons))]
            fh.write(f"{who};{rng.integers(1, 29)}.{rng.integers(1, 13)}.2024;{municipality_names[rng.integers(0, 2)]};"
                     f"{forms[rng.integers(0, 5)]};SH;lääkäri;oma;{rng.integers(10, 500)},50\n")


def _cli(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ))


def _waiting_on_advisory_locks(server, database: str) -> int:
    return server.sql("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                      f"WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = '{database}'")[0][0]


def test_two_processes_importing_at_once_both_land(pg_server, tmp_path):
    people = identity_codes(3000)
    first, second = tmp_path / "pohjoinen.csv", tmp_path / "etela.csv"
    write_events(first, people[:2000], 6000, seed=1)
    write_events(second, people[1000:], 5000, seed=2)  # persons 1000-1999 are in both files
    database = pg_server.new_database("yhtaikaa")
    url = pg_server.url("analyst1", database)
    create_project(url).close()

    # hold the events' writer lock so that both imports are surely inside their transactions at once
    import psycopg

    holder = psycopg.connect(host="127.0.0.1", port=pg_server.port, user="analyst2", dbname=database)
    from desktop.store.server import APP_LOCK, _lock_key

    holder.execute("SELECT pg_advisory_xact_lock(%s, %s)", (APP_LOCK, _lock_key("dataset:events")))
    a = _cli("import", url, "events", str(first), "--json")
    b = _cli("import", pg_server.url("analyst2", database), "events", str(second), "--json")
    try:
        # no clock: each import either comes to wait for the held lock or ends (then the test fails)
        while _waiting_on_advisory_locks(pg_server, database) < 2:
            assert a.poll() is None and b.poll() is None, (a.communicate(), b.communicate())
            time.sleep(0.1)
        # both writers wait inside their transactions; a reader is not blocked meanwhile
        reader = subprocess.run([sys.executable, "-m", "desktop", "info", url, "--json"], capture_output=True,
                                text=True, timeout=60)
        assert reader.returncode == 0, reader.stderr
        assert json.loads(reader.stdout)["batches"] == []
    finally:
        holder.rollback()  # release: the imports go on, one after the other
        holder.close()
    out_a, err_a = a.communicate(timeout=300)
    out_b, err_b = b.communicate(timeout=300)
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    batches = {json.loads(out_a)["batch"], json.loads(out_b)["batch"]}
    assert len(batches) == 2

    # the same two files imported one after the other into a file: the same figures
    reference = tmp_path / "yksi.sote"
    for path in (first, second):
        assert subprocess.run([sys.executable, "-m", "desktop", "import", str(reference), "events", str(path)],
                              capture_output=True, env=dict(os.environ)).returncode == 0
    with Store.open(url, readonly=True) as team, Store.open(reference, readonly=True) as alone:
        assert team.row_count("events") == alone.row_count("events") == 11000
        for column in ("person_id", "municipality", "service_form"):
            with team.read() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT count(*), count(DISTINCT code), count(DISTINCT value) FROM dictionary "
                    "WHERE dataset = 'events' AND \"column\" = %s", (column,)).one()
            assert rows[0] == rows[1] == rows[2], column  # no code twice, no value twice
        team_events, own_events = team.load("events"), alone.load("events")
        # (the file has a key of its own: its pseudonyms differ, its persons and figures do not)
        assert team_events["person_id"].nunique() == own_events["person_id"].nunique() > 2500
        for column in ("service_form", "municipality"):
            assert sorted(team_events[column].astype(str)) == sorted(own_events[column].astype(str))
        assert team_events["cost_eur"].sum() == pytest.approx(own_events["cost_eur"].sum())
        # each person is one code in the team project: the same persons per service form
        grouped = {
            name: frame.assign(p=frame["person_id"].astype(str), f=frame["service_form"].astype(str))
            .groupby("f")["p"].nunique().to_dict()
            for name, frame in (("team", team_events), ("alone", own_events))
        }
        assert grouped["team"] == grouped["alone"]


def test_a_reader_sees_the_old_figures_while_an_import_is_open(pg_server, tmp_path):
    database = pg_server.new_database("lukija")
    url = pg_server.url("analyst1", database)
    path = tmp_path / "a.csv"
    write_events(path, identity_codes(300), 900, seed=5)
    writer = create_project(url)
    try:
        from desktop.services.importing import plan_import, run_import

        assert run_import(writer, plan_import(writer, path, kind="events")).rows == 900
        # a second import's transaction stays open while a colleague reports
        with writer.transaction() as conn:
            from desktop.store import columns

            batch = writer.add_batch(conn, "events", "kesken.csv", row_count=2)
            columns.write_columns(conn, "events", batch, {"date": np.array([19800, 19801], dtype=np.int32)},
                                  {"date": "num"})
            reader = subprocess.run([sys.executable, "-m", "desktop", "report", url, "traffic-light", "--json"],
                                    capture_output=True, text=True, timeout=120)
            assert reader.returncode == 0, reader.stderr
            assert json.loads(reader.stdout)["totals"]["contacts"] == 900
        with Store.open(url, readonly=True) as colleague:
            assert [b.file_name for b in colleague.batches()] == ["a.csv", "kesken.csv"]
    finally:
        writer.close()


def test_a_colleagues_import_reaches_an_open_project(pg_server, tmp_path):
    """An analyst with the project open sees a colleague's import on the next read (no stale cache)."""
    database = pg_server.new_database("tuore")
    path = tmp_path / "b.csv"
    write_events(path, identity_codes(200), 400, seed=6)
    mine = create_project(pg_server.url("analyst1", database))
    colleague = Store.open(pg_server.url("analyst2", database))
    try:
        assert len(mine.load("events")) == 0
        version = mine.data_version
        from desktop.services.importing import import_file

        import_file(colleague, path, kind="events")
        assert mine.data_version != version
        assert len(mine.load("events")) == 400
    finally:
        colleague.close()
        mine.close()


def test_a_read_sees_one_snapshot_while_a_colleague_removes_a_batch(pg_server, tmp_path):
    """Removing a batch drops dictionary values only it used and renumbers the codes of the rest
    (the privacy work): a colleague's read that began before must decode its chunks with the
    dictionary of the same moment, never with the renumbered one."""
    from desktop.services.importing import import_file
    from desktop.store import columns

    database = pg_server.new_database("tilannekuva")
    first, second = tmp_path / "eka.csv", tmp_path / "toka.csv"
    write_events(first, identity_codes(150), 300, seed=7)
    write_events(second, identity_codes(400)[250:], 300, seed=8)  # other persons, one form of its own
    mine = create_project(pg_server.url("analyst1", database))
    colleague = Store.open(pg_server.url("analyst2", database))
    try:
        import_file(mine, first, kind="events")
        import_file(mine, second, kind="events")
        before = mine.load("events").copy()
        with colleague.read() as conn:
            assert columns.row_count(conn, "events") == 600  # the read has begun
            mine.remove_batch(mine.batches()[0].id)  # the colleague's reading is not blocked meanwhile
            during = columns.load_columns(conn, "events")
        assert len(during) == 600
        for column in ("person_id", "service_form", "municipality"):
            assert list(during[column].astype(str)) == list(before[column].astype(str)), column
        after = colleague.load("events")
        assert len(after) == 300 and "X7" not in set(after["service_form"].astype(str))
    finally:
        colleague.close()
        mine.close()
