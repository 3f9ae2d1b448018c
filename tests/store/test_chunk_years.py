"""Column chunks know their calendar years: a load of some years reads only their chunks and gives
exactly the rows a whole load would give for those years (in the same order), for events written
year by year, events whose years are interleaved, older stores without year ranges (read-only and
upgraded) and chunks that do not line up across columns."""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd
import pytest

from desktop.core.datasets import day_number
from desktop.store import Store, columns
from desktop.store.migrations import SCHEMA_VERSION

KINDS = {"date": "num", "sex": "dict", "cost_eur": "num"}


def _dates(years: list[int], rng) -> np.ndarray:
    return np.array([day_number(y) + int(rng.integers(0, 365)) for y in years], dtype=np.int32)


def _write(store: Store, dates: np.ndarray, name: str) -> None:
    n = len(dates)
    with store.transaction() as conn:
        batch = store.add_batch(conn, "events", name, row_count=n)
        sex = columns.encode(conn, "events", "sex", pd.Series(["1", "2", "2"] * n)[:n])
        columns.write_columns(conn, "events", batch, {"date": dates, "sex": sex,
                                                      "cost_eur": np.arange(n) * 0.5 + len(name)}, KINDS)


def _years_of(frame: pd.DataFrame) -> np.ndarray:
    return columns.event_years(frame["date"].to_numpy())


def _expect_same_rows(store: Store, years) -> pd.DataFrame:
    whole = store.load("events")
    part = store.load("events", years=tuple(years))
    expected = whole[np.isin(_years_of(whole), years)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, expected)
    return part


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(columns.writing, "CHUNK_ROWS", 50)  # several chunks per year
    store = Store.create(tmp_path / "p.sote")
    rng = np.random.default_rng(4)
    _write(store, np.sort(_dates([2021] * 70 + [2022] * 120 + [2023] * 30, rng)), "vuodet.csv")  # a yearly export
    _write(store, _dates(list(rng.choice([2021, 2022, 2023], 400)), rng), "sekaisin.csv")  # years interleaved
    yield store
    store.close()


def test_rows_grouped_by_year_get_chunks_of_one_year(store):
    with store.read() as conn:
        chunks = conn.exec_driver_sql(
            "SELECT batch_id, year_min, year_max, nrows FROM column_chunk WHERE \"column\" = 'date' "
            "ORDER BY batch_id, chunk_no").all()
    sorted_batch = [(low, high, n) for batch, low, high, n in chunks if batch == 1]
    assert sorted_batch == [(2021, 2021, 50), (2021, 2021, 20), (2022, 2022, 50), (2022, 2022, 50),
                            (2022, 2022, 20), (2023, 2023, 30)]
    # interleaved years stay in their order: chunks of CHUNK_ROWS rows record the range of their years
    assert [(low, high, n) for batch, low, high, n in chunks if batch == 2] == [(2021, 2023, 50)] * 8
    assert store.years("events") == [2021, 2022, 2023]


@pytest.mark.parametrize("years", [[2021], [2022], [2023], [2021, 2023], [2021, 2022, 2023], [2019]])
def test_a_load_of_some_years_is_the_whole_load_filtered(store, years):
    part = _expect_same_rows(store, years)
    assert set(_years_of(part)) <= set(years)


def test_a_load_of_one_year_reads_only_that_years_chunks_of_grouped_rows(store, monkeypatch):
    read: list[int] = []
    real = columns.reading._fetch

    def counting(conn, ids):
        read.extend(ids)
        return real(conn, ids)

    monkeypatch.setattr(columns.reading, "_fetch", counting)
    with store.read() as conn:
        columns.load_columns(conn, "events", ["cost_eur"], batch_ids=[1], years=[2023])
        ids = conn.exec_driver_sql("SELECT id FROM column_chunk WHERE \"column\" = 'cost_eur' AND batch_id = 1 "
                                   "AND year_min = 2023").scalars().all()
    assert sorted(read) == sorted(ids) and len(ids) == 1


def test_chunks_not_lined_up_across_columns_still_give_the_right_rows(store):
    with store.transaction() as conn:  # a column added later to every batch in chunks of its own
        for batch in (1, 2):
            n = columns.row_count(conn, "events", [batch])
            columns.write_columns(conn, "events", batch, {"extra": np.arange(n, dtype=np.float64)}, {"extra": "num"})
    part = _expect_same_rows(store, [2022])
    assert "extra" in part.columns and len(part) > 0


def _as_schema_3(path) -> None:
    """The store as schema 3 wrote it: no year ranges."""
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE column_chunk DROP COLUMN year_min")
    con.execute("ALTER TABLE column_chunk DROP COLUMN year_max")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()


def test_an_older_store_read_only_and_upgraded_gives_the_same_rows(store):
    path = store.path
    expected = {y: store.load("events", years=(y,)) for y in (2021, 2022, 2023)}
    store.close()
    _as_schema_3(path)
    old = Store.open(path, readonly=True)  # not upgraded: the years come from the dates
    assert old.years("events") == [2021, 2022, 2023]
    for year, frame in expected.items():
        pd.testing.assert_frame_equal(old.load("events", years=(year,)), frame)
    old.close()
    upgraded = Store.open(path)
    assert upgraded.schema_version == SCHEMA_VERSION >= 5
    with upgraded.read() as conn:
        ranges = conn.exec_driver_sql("SELECT DISTINCT batch_id, year_min, year_max FROM column_chunk "
                                      "WHERE dataset = 'events' ORDER BY 1, 2").all()
    assert ranges == [(1, 2021, 2021), (1, 2022, 2022), (1, 2023, 2023), (2, 2021, 2023)]
    for year, frame in expected.items():
        pd.testing.assert_frame_equal(upgraded.load("events", years=(year,)), frame)
    upgraded.close()


def test_datasets_without_dates_load_whole(tmp_path):
    store = Store.create(tmp_path / "p.sote")
    with store.transaction() as conn:
        batch = store.add_batch(conn, "grid", "ruudut.csv", row_count=3)
        columns.write_columns(conn, "grid", batch, {"x": np.arange(3.0)}, {"x": "num"})
    assert store.years("grid") == []
    assert list(store.load("grid", years=(2024,))["x"]) == [0.0, 1.0, 2.0]
    store.close()
