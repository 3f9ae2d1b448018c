"""`sote-planner export STORE population|sites|finance|staff FILE` writes, without pandas, the bytes
pandas' to_csv wrote from `read_sql` (the reference here: `dataset_frame` still reads with pandas):
texts with the separator, quotes and line breaks quoted, numbers as '%.10g', missing values empty."""

from __future__ import annotations

import csv
import io
import math

import pytest
from sqlalchemy import insert

from desktop.cli import main
from desktop.services.export_events import CSV_OPTIONS
from desktop.services.export_tables import cell
from desktop.services.exporting import dataset_frame
from desktop.store import Store
from desktop.store.tables.imports import finance, population, site, staff

TEXTS = ["Kotihoito; ilta", 'Sanoi "hei"', "rivi1\nrivi2", "rivi\r\n", "Äänekoski", "café €", " väli ", "", '"', ";"]
NUMBERS = [-12.5, 0.1, 1 / 3, 1e-7, 1e12, 123456789.123, 0.0, math.inf, 5e-5, 99999999.99, 2.0**53, -0.01]


def _rows(n: int) -> dict:
    """Rows of each table with awkward texts, numbers and missing values in every column that allows them."""
    text = lambda i: TEXTS[i % len(TEXTS)]  # noqa: E731
    number = lambda i: NUMBERS[i % len(NUMBERS)]  # noqa: E731
    maybe = lambda i, v: None if i % 4 == 3 else v  # noqa: E731
    return {
        population: [dict(municipality=f"{i % 7:03d}", year=2020 + i % 3, age_from=i % 90,
                          age_to=[i % 90, i % 90 + 4, 120][i % 3], sex="12"[i % 2] if i % 5 else "",
                          count=number(i)) for i in range(n)],
        site: [dict(site_id=f"s{i}", name=text(i), type=text(i + 1), size="SML"[i % 3], x=number(i), y=number(i + 2),
                    municipality=maybe(i, f"{i % 9:03d}"), capacity=maybe(i + 1, number(i + 3))) for i in range(n)],
        finance: [dict(aura_code=maybe(i, f"A{i}"), aura_name=maybe(i + 1, text(i)), year=2023 + i % 2,
                       cost_eur=number(i), producer=maybe(i + 2, text(i + 3)), cost_centre=maybe(i + 3, text(i + 4)))
                  for i in range(n)],
        staff: [dict(cost_centre=text(i), professional_group=text(i + 2), year=2024, month=maybe(i, 1 + i % 12),
                     fte=number(i), wages_eur=maybe(i + 1, number(i + 5)), employees=maybe(i + 2, float(i % 13)))
                for i in range(n)],
    }


@pytest.fixture
def awkward(tmp_path):
    path = tmp_path / "a.sote"
    store = Store.create(path)
    with store.transaction() as conn:
        for table, rows in _rows(37).items():
            batch = store.add_batch(conn, table.name, f"{table.name}.csv", row_count=len(rows))
            conn.execute(insert(table), [{**row, "batch_id": batch} for row in rows])
    yield path, store
    store.close()


@pytest.mark.parametrize("kind", ["population", "sites", "finance", "staff"])
def test_export_writes_what_pandas_wrote(awkward, kind, tmp_path):
    path, store = awkward
    out = tmp_path / f"{kind}.csv"
    assert main(["export", str(path), kind, str(out)]) == 0
    reference = dataset_frame(store, kind).to_csv(header=True, **CSV_OPTIONS)
    assert out.read_bytes() == b"\xef\xbb\xbf" + reference.encode("utf-8")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 38  # the header and every row, texts with line breaks kept whole


def test_population_age_bands_and_order(awkward, tmp_path):
    path, _store = awkward
    out = tmp_path / "p.csv"
    assert main(["export", str(path), "population", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["municipality", "year", "age", "sex", "count"]
    assert [r[2] for r in rows[1:4]] == ["0", "1-5", "2+"]  # one year, a band, open-ended (age_to 120)


def test_empty_table_gets_its_header(tmp_path):
    path = tmp_path / "e.sote"
    Store.create(path).close()
    out = tmp_path / "s.csv"
    assert main(["export", str(path), "staff", str(out)]) == 0
    assert out.read_bytes() == b"\xef\xbb\xbfcost_centre;professional_group;year;month;fte;wages_eur;employees\r\n"


@pytest.mark.parametrize(("value", "text"), [(None, ""), (math.nan, ""), (12.0, "12"), (0.1, "0.1"), (1 / 3, "0.3333333333"),
                                             (1e12, "1e+12"), (7, "7"), (12345678901, "12345678901"), ("a;b", "a;b")])
def test_cells(value, text):
    assert cell(value) == text
