"""`load_population` reads the population table through the driver's plain tuples a chunk at a time;
its frame is the one built from SQLAlchemy rows before (same columns, dtypes, values and row order),
for any stored rows, for more rows than one chunk, and for an empty table."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from desktop.services import segments as svc
from desktop.services.new_project import create_project
from desktop.store.tables import imports as imports_tables


def reference_population(store) -> pd.DataFrame:
    """The frame as load_population built it before: a DataFrame of SQLAlchemy rows."""
    cols = [imports_tables.population.c.municipality, imports_tables.population.c.year, imports_tables.population.c.age_from, imports_tables.population.c.age_to,
            imports_tables.population.c.sex, imports_tables.population.c.count, imports_tables.population.c.forecast]
    with store.read() as conn:
        rows = conn.execute(select(*cols)).all()
    return pd.DataFrame(rows, columns=["municipality", "year", "age_from", "age_to", "sex", "count", "forecast"])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st_ = create_project(tmp_path_factory.mktemp("vaesto") / "vaesto.sote")
    yield st_
    st_.close()


def replace_rows(store, rows: list[tuple]) -> None:
    with store.transaction() as conn:
        conn.execute(delete(imports_tables.population))
        batch = store.add_batch(conn, "population", "vaesto.csv", row_count=len(rows))
        if rows:
            conn.execute(insert(imports_tables.population), [
                {"batch_id": batch, "municipality": r[0], "year": r[1], "age_from": r[2], "age_to": r[3],
                 "sex": r[4], "count": r[5], "forecast": r[6]} for r in rows])


def assert_same_as_before(store) -> pd.DataFrame:
    loaded = svc.load_population(store)
    pd.testing.assert_frame_equal(loaded, reference_population(store), check_exact=True)
    return loaded


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=4)
row = st.tuples(texts, st.integers(-(2**63), 2**63 - 1), st.integers(0, 120), st.integers(0, 120),
                st.sampled_from(["1", "2", "", "x"]) | texts,
                st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**53), 2**53),
                st.integers(0, 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, max_size=30))
def test_any_stored_rows_give_the_frame_built_from_sqlalchemy_rows(store, rows):
    replace_rows(store, rows)
    loaded = assert_same_as_before(store)
    assert len(loaded) == len(rows)


def test_more_rows_than_one_chunk_keep_their_order_and_types(store):
    rows = [(f"{m:03d}", 2020 + i % 12, a, a + i % 3, "12"[i % 2], 10.5 * i, int(i % 12 > 8))
            for i, (m, a) in enumerate((m, a) for m in (179, 182, 500) for a in range(0, 5000, 3))]
    assert len(rows) > 2 * svc._POPULATION_CHUNK
    replace_rows(store, rows)
    loaded = assert_same_as_before(store)
    assert list(loaded.columns) == list(svc.POPULATION_COLUMNS)
    assert loaded["municipality"].tolist() == [r[0] for r in rows]
    assert loaded["count"].tolist() == [r[5] for r in rows]
    assert loaded["year"].dtype == "int64" and loaded["count"].dtype == "float64"


def test_an_empty_table_gives_the_empty_frame(store):
    replace_rows(store, [])
    loaded = assert_same_as_before(store)
    assert loaded.empty and list(loaded.columns) == list(svc.POPULATION_COLUMNS)
