"""`sote-planner export STORE events FILE` writes exactly the bytes it always has: same columns and
order, header, ';' separator, quoting, number and date formats, UTF-8 with BOM and CRLF line ends.

GOLDEN is the file the pandas `to_csv` writer gave for the awkward store below before the fast
writer replaced it; the random stores are compared with that old writer kept as the fallback path.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.datasets import EPOCH, EVENT_COLUMNS, EVENT_DTYPES, day_number
from desktop.services import csv_writer
from desktop.services.export_events import EventCodes
from desktop.store import Store
from desktop.store import columns as colstore

# texts with the separator, quotes, line breaks, non-ASCII letters, spaces, an empty dictionary value
AWKWARD_TEXTS = ["Kotihoito; ilta", 'Sanoi "hei"', "rivi1\nrivi2", "rivi\r\n", "Äänekoski", "Ålands",
                 "café €", " välilyönti ", "", '"', ";", "T11", "OAA42 Z00.1"]
AWKWARD_COSTS = [-12.5, 0.1, 1 / 3, 1e-7, 1e12, 123456789.123, -0.0, np.nan, np.inf, 0.0, 5e-5,
                 99999999.99, 1e8, 2.0**53, -np.inf, 12.3, 1e10, 9999999999.0, -0.01, 0.005]
AWKWARD_UNITS = [1.0, 0.5, 0.1, np.nan, 1e-8, 3.4e38, 16777217.0, -2.5, 0.0, 7.0, 1.25, 100.0, np.inf]


def _dictionary_column(conn, name: str, values: list[str], picks: np.ndarray) -> np.ndarray:
    """Codes of `values[picks]` (pick -1 = missing), with every value in the dictionary, '' too."""
    first = len(colstore.dictionary(conn, "events", name))
    known = colstore.dictionary(conn, "events", name)
    new = [v for v in values if v not in known]
    if new:
        colstore.add_values(conn, "events", name, first, new)
    table = colstore.dictionary(conn, "events", name)
    code_of = np.array([table.index(v) for v in values] + [-1], dtype=np.int32)
    return code_of[picks]


def build_awkward_store(path, rows: int = 40, seed: int = 3, batches: int = 2, texts=AWKWARD_TEXTS) -> Store:
    """Events whose every column has values that are awkward to write as CSV."""
    rng = np.random.default_rng(seed)
    store = Store.create(path)
    for batch_no in range(batches):
        n = rows + batch_no  # batches of unequal length
        with store.transaction() as conn:
            batch = store.add_batch(conn, "events", f"awkward-{batch_no}.csv", row_count=n)
            arrays = {}
            for name, kind in EVENT_COLUMNS.items():
                if kind in ("dict", "id"):
                    values = [f"{name[:3]}-{v}" if name == "person_id" and i % 2 else v
                              for i, v in enumerate(texts)]
                    arrays[name] = _dictionary_column(conn, name, values, rng.integers(-1, len(values), n))
            arrays["date"] = rng.choice(np.array([day_number(2024, 2, 29), day_number(1900), day_number(2025, 12, 31),
                                                  0, -1, day_number(2024, 7, 1)], dtype=np.int32), n)
            arrays["birth_year"] = rng.choice(np.array([-1, 1925, 2024, 0, 9], dtype=np.int16), n)
            arrays["age"] = rng.choice(np.array([-1, 0, 7, 99, 110], dtype=np.int16), n)
            arrays["cost_eur"] = rng.choice(np.array(AWKWARD_COSTS), n)
            arrays["units"] = rng.choice(np.array(AWKWARD_UNITS, dtype=np.float32), n)
            arrays = {name: np.asarray(arrays[name]).astype(EVENT_DTYPES.get(name, np.int32)) for name in EVENT_COLUMNS}
            colstore.write_columns(conn, "events", batch, arrays, dict(EVENT_COLUMNS))
    return store


def _export_bytes(path, tmp_path, name="out.csv") -> bytes:
    out = tmp_path / name
    assert main(["export", str(path), "events", str(out)]) == 0
    return out.read_bytes()


def test_export_of_awkward_values_is_byte_for_byte_the_old_file(tmp_path):
    store = build_awkward_store(tmp_path / "a.sote", rows=6, seed=3)
    assert pandas_events_file(store) == GOLDEN  # the reference of the bigger tests is that writer
    store.close()
    assert _export_bytes(tmp_path / "a.sote", tmp_path) == GOLDEN


def test_an_empty_store_gives_the_bom_and_an_empty_header_line(tmp_path):
    Store.create(tmp_path / "tyhja.sote").close()
    assert _export_bytes(tmp_path / "tyhja.sote", tmp_path) == b"\xef\xbb\xbf\r\n"


def pandas_events_file(store: Store) -> bytes:
    """The events file as the export wrote it with pandas' to_csv before the fast writer (the
    reference): texts decoded by pandas, persons as 'ps:<pseudonym>', ISO dates, '' for unknown years."""
    frame = store.load("events", decode=True).copy()
    if "person_id" in frame.columns:
        with store.read() as conn:
            persons = ["ps:" + v for v in colstore.dictionary(conn, "events", "person_id")] + [""]
        frame["person_id"] = np.array(persons, dtype=object)[frame["person_id"].to_numpy()]
    if "date" in frame.columns:
        frame["date"] = (EPOCH + frame["date"].to_numpy().astype("timedelta64[D]")).astype(str).astype(object)
    for column in ("birth_year", "age"):
        if column in frame.columns:
            years = frame[column].to_numpy().astype(np.int64)
            frame[column] = np.where(years < 0, "", years.astype(str))
    text = frame.to_csv(sep=";", index=False, quoting=csv.QUOTE_MINIMAL, float_format="%.10g",
                        lineterminator="\r\n", na_rep="")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_bigger_awkward_stores_give_what_pandas_gives(tmp_path, seed):
    texts = [*AWKWARD_TEXTS, "vain\rCR", "sarkain\t", "\u00a0nbsp", "'heittomerkki'", "x" * 300]
    store = build_awkward_store(tmp_path / "a.sote", rows=3000 + seed * 701, seed=seed, batches=3, texts=texts)
    expected = pandas_events_file(store)
    store.close()
    assert _export_bytes(tmp_path / "a.sote", tmp_path) == expected


def _write(columns, rows, fallback, block_rows=None) -> bytes:
    buffer = io.BytesIO()
    csv_writer.write_rows(buffer, columns, rows, fallback, block_rows=block_rows)
    return buffer.getvalue()


def test_blocks_of_any_size_and_the_fallback_give_the_same_bytes(tmp_path):
    store = build_awkward_store(tmp_path / "a.sote", rows=200, seed=11, batches=2)
    events = EventCodes(store)
    expected = events.csv_bytes(0, events.rows)
    used = []

    def fallback(start, stop):
        used.append((start, stop))
        return events.csv_bytes(start, stop)

    for block_rows in (1, 7, 64, None):
        assert _write(events.csv_columns(), events.rows, fallback, block_rows) == expected
    assert used == []
    # cells the matrix cannot hold (longer than 4 bytes here): those blocks come from the fallback
    columns = events.csv_columns()
    codes = events.columns["service_code"]
    columns[6] = csv_writer.TextColumn(codes, [events.dictionary("service_code")], max_bytes=4 * (codes.max() + 2))
    assert _write(columns, events.rows, fallback, 2) == expected
    assert 0 < len(used) < (events.rows + 1) // 2  # the blocks with a long cell, not all
    store.close()


def test_a_nul_character_in_a_text_goes_through_the_fallback(tmp_path):
    values = ["a\x00b", "tavallinen", "\x00"]
    codes = np.array([1, 0, -1, 2, 1, 1], dtype=np.int32)
    frame = pd.DataFrame({"t": pd.Categorical.from_codes(codes, categories=values).to_numpy(), "n": np.arange(6)})
    expected = frame.to_csv(sep=";", index=False, header=False, lineterminator="\r\n", na_rep="").encode("utf-8")
    columns = [csv_writer.TextColumn(codes, [values]), csv_writer.LookupColumn(np.arange(6), lambda u: u)]
    fallback = lambda start, stop: frame.iloc[start:stop].to_csv(  # noqa: E731
        sep=";", index=False, header=False, lineterminator="\r\n", na_rep="").encode("utf-8")
    assert _write(columns, 6, fallback, 2) == expected
    assert b"\x00" in expected


def _float_file(values: np.ndarray) -> tuple[bytes, bytes]:
    """A float column and a text column written by pandas and by the fast writer."""
    frame = pd.DataFrame({"x": values, "t": ["a"] * len(values)})
    expected = frame.to_csv(sep=";", index=False, header=False, quoting=csv.QUOTE_MINIMAL, float_format="%.10g",
                            lineterminator="\r\n", na_rep="").encode("utf-8")
    columns = [csv_writer.FloatColumn(values), csv_writer.TextColumn(np.zeros(len(values), np.int8), [["a"]])]
    return _write(columns, len(values), lambda a, b: pytest.fail("no fallback for floats")), expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=40))
def test_any_float64_is_formatted_as_pandas_does(values):
    got, expected = _float_file(np.array(values, dtype=np.float64))
    assert got == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(width=32, allow_nan=True, allow_infinity=True), min_size=1, max_size=40))
def test_any_float32_is_formatted_as_pandas_does(values):
    got, expected = _float_file(np.array(values, dtype=np.float32))
    assert got == expected


def test_euros_and_cents_of_every_size_are_formatted_as_pandas_does():
    rng = np.random.default_rng(4)
    cents = np.concatenate([rng.integers(-(10**12), 10**12, 10_000), rng.integers(-(10**10), 10**10, 10_000),
                            rng.integers(-1000, 1000, 5000),
                            [0, 1, 10, 99, 100, 10**10 - 1, 10**10, 10**10 + 1, -(10**10) + 1, 10**8, 123456789]])
    values = cents / 100
    values[::97] = np.nan
    got, expected = _float_file(values)
    assert got == expected
    got, expected = _float_file(values.astype(np.float32))
    assert got == expected


GOLDEN = (
    b'\xef\xbb\xbfperson_id;date;birth_year;age;sex;municipality;service_code;service_form;visit_nature'
    b';contact_type;professional_group;reasons;producer;cost_eur;units;special_law;source\r\n'
    b'"ps:;";1900-01-01;0;;T11; v\xc3\xa4lily\xc3\xb6nti ;;\xc3\x84\xc3\xa4nekoski;"""";;"Kotihoito; il'
    b'ta";;"Sanoi ""hei""";0.005;-2.5;caf\xc3\xa9 \xe2\x82\xac;caf\xc3\xa9 \xe2\x82\xac\r\n'
    b'"ps:Kotihoito; ilta";1900-01-01;1925;99; v\xc3\xa4lily\xc3\xb6nti ;\xc3\x85lands;"Kotihoito; ilta'
    b'";\xc3\x85lands;OAA42 Z00.1;;OAA42 Z00.1;T11;"""";12.3;100;\xc3\x84\xc3\xa4nekoski;OAA42 Z00.1\r'
    b'\n"ps:per-Sanoi ""hei""";2025-12-31;1925;0;;"rivi1\nrivi2";\xc3\x85lands;;";";T11;OAA42 Z00.1;;'
    b'\xc3\x85lands;-0;0;"rivi1\nrivi2";T11\r\n'
    b'"ps:rivi1\nrivi2";1969-12-31;9;110;"Kotihoito; ilta";"Sanoi ""hei""";\xc3\x84\xc3\xa4nekoski; v'
    b'\xc3\xa4lily\xc3\xb6nti ;"rivi1\nrivi2";"rivi\r\n'
    b'";"rivi\r\n'
    b'"; v\xc3\xa4lily\xc3\xb6nti ;;9999999999;3.399999952e+38;"Kotihoito; ilta";"Sanoi ""hei"""\r\n'
    b'"ps:per-Sanoi ""hei""";1900-01-01;9;110;"rivi\r\n'
    b'";;T11;"Sanoi ""hei""";"rivi\r\n'
    b'";OAA42 Z00.1;"Kotihoito; ilta";"rivi1\nrivi2";"rivi1\nrivi2";;100; v\xc3\xa4lily\xc3\xb6nti ; v'
    b'\xc3\xa4lily\xc3\xb6nti \r\n'
    b'"ps:;";1969-12-31;0;7;\xc3\x85lands;"""";caf\xc3\xa9 \xe2\x82\xac;"""";;;"rivi\r\n'
    b'";\xc3\x85lands;;0.3333333333;16777216;; v\xc3\xa4lily\xc3\xb6nti \r\n'
    b'ps:\xc3\x84\xc3\xa4nekoski;2024-02-29;2024;110;T11;"Kotihoito; ilta";"""";\xc3\x85lands;OAA42 Z00'
    b'.1; v\xc3\xa4lily\xc3\xb6nti ;\xc3\x84\xc3\xa4nekoski; v\xc3\xa4lily\xc3\xb6nti ;\xc3\x85lands;;1'
    b';;\r\n'
    b'"ps:per-Sanoi ""hei""";1969-12-31;0;7;"Sanoi ""hei"""; v\xc3\xa4lily\xc3\xb6nti ;"Sanoi ""hei""";'
    b'"Sanoi ""hei""";OAA42 Z00.1;";";;T11;"rivi\r\n'
    b'";9.007199255e+15;7;"Sanoi ""hei""";"rivi\r\n'
    b'"\r\n'
    b'"ps:per-Sanoi ""hei""";1969-12-31;;110;"rivi1\nrivi2";OAA42 Z00.1;"""";"rivi1\nrivi2"; v\xc3\xa4l'
    b'ily\xc3\xb6nti ;"rivi\r\n'
    b'";"Kotihoito; ilta";\xc3\x85lands;";";-12.5;0;"""";\r\n'
    b'ps:;1969-12-31;;7;caf\xc3\xa9 \xe2\x82\xac;"Sanoi ""hei""";"rivi\r\n'
    b'";";";OAA42 Z00.1;";";"rivi1\nrivi2";"Kotihoito; ilta";caf\xc3\xa9 \xe2\x82\xac;100000000;3.39999'
    b'9952e+38;caf\xc3\xa9 \xe2\x82\xac; v\xc3\xa4lily\xc3\xb6nti \r\n'
    b'"ps:;";2024-02-29;2024;99;caf\xc3\xa9 \xe2\x82\xac;";";caf\xc3\xa9 \xe2\x82\xac; v\xc3\xa4lily'
    b'\xc3\xb6nti ; v\xc3\xa4lily\xc3\xb6nti ;OAA42 Z00.1;"Sanoi ""hei""";;OAA42 Z00.1;5e-05;inf;OAA42 '
    b'Z00.1;\xc3\x84\xc3\xa4nekoski\r\n'
    b'"ps:per-rivi\r\n'
    b'";1970-01-01;0;99;\xc3\x84\xc3\xa4nekoski;"Sanoi ""hei""";OAA42 Z00.1;"Sanoi ""hei""";caf\xc3\xa9'
    b' \xe2\x82\xac;;"""";"rivi\r\n'
    b'";OAA42 Z00.1;0.3333333333;9.999999939e-09;;"Sanoi ""hei"""\r\n'
    b'ps:per- v\xc3\xa4lily\xc3\xb6nti ;1900-01-01;;7;\xc3\x84\xc3\xa4nekoski;;T11;T11;OAA42 Z00.1;caf'
    b'\xc3\xa9 \xe2\x82\xac;"Sanoi ""hei""";\xc3\x84\xc3\xa4nekoski;;1e+12;;";"; v\xc3\xa4lily\xc3\xb6n'
    b'ti \r\n'
)
