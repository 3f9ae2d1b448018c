"""Property tests (hypothesis): any table of text written as CSV with any of our separators,
encodings and quoting reads back cell for cell; identity codes validate iff their check character is
right; pseudonyms are deterministic per key, differ between keys and never contain the code."""

from __future__ import annotations

import csv
import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.importers.csv_reader import CsvSource
from desktop.importers.henkilotunnus import CHECK_CHARS, check_codes, pseudonyms

# cells as exports have them: letters incl. ä/ö/å/é, digits, separators, quotes, spaces, newlines
CELL = st.text(
    alphabet=st.sampled_from(list("abcxyzäöåÄÖÅé019 ;,|\t\"'-.:\n") + ["€"]),
    max_size=12,
)
HEADER = st.from_regex(r"[a-zäö]{1,8}", fullmatch=True)


@st.composite
def tables(draw):
    ncols = draw(st.integers(2, 5))
    headers = draw(st.lists(HEADER, min_size=ncols, max_size=ncols, unique=True))
    nrows = draw(st.integers(1, 8))
    rows = draw(st.lists(st.lists(CELL, min_size=ncols, max_size=ncols), min_size=nrows, max_size=nrows))
    # a row whose every cell is empty is not data; keep one letter in the first cell
    rows = [[r[0] or "x", *r[1:]] for r in rows]
    return headers, rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=tables(),
    separator=st.sampled_from([";", ",", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    quote_all=st.booleans(),
)
def test_csv_cells_round_trip(tmp_path_factory, table, separator, encoding, newline, quote_all):
    headers, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator=newline,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    source = CsvSource(path, separator=separator)
    assert source.headers == headers
    frames = [chunk.frame for chunk in source.chunks()]
    got = [list(map(str, r)) for f in frames for r in f.itertuples(index=False)]
    # a newline inside a quoted cell comes back as written ('\r\n' line ends inside cells included)
    assert got == rows
    lines = np.concatenate([c.lines for c in source.chunks()])
    # each row starts on the line after the previous row's last line
    expected, line = [], 2
    for r in rows:
        expected.append(line)
        line += sum(c.count("\n") for c in r) + 1
    assert lines.tolist() == expected


def _code(day: int, month: int, year: int, individual: int) -> str:
    sign = {18: "+", 19: "-", 20: "A"}[year // 100]
    number = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}{sign}{individual:03d}{CHECK_CHARS[number % 31]}"


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=__import__("datetime").date(1850, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)),
       st.integers(2, 999), st.sampled_from(CHECK_CHARS))
def test_identity_codes_validate_by_check_character(date, individual, other):
    code = _code(date.day, date.month, date.year, individual)
    wrong = code[:-1] + other
    check = check_codes([code, wrong, code.lower()])
    assert check.valid[0] and check.valid[2]
    assert check.valid[1] == (other == code[-1])
    assert check.sex[0] == ("1" if individual % 2 else "2")
    from desktop.core.datasets import day_number

    assert check.birth_day[0] == day_number(date.year, date.month, date.day)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=20),
       st.binary(min_size=16, max_size=64), st.binary(min_size=16, max_size=64))
def test_pseudonyms_are_keyed_and_deterministic(values, key_a, key_b):
    a = pseudonyms(values, key_a)
    assert a == pseudonyms(values, key_a)
    assert all(len(p) == 32 and int(p, 16) >= 0 for p in a)
    norm = [v.strip().upper() for v in values]
    for i, j in ((i, j) for i in range(len(values)) for j in range(len(values))):
        assert (a[i] == a[j]) == (norm[i] == norm[j])  # same person, same pseudonym (no collisions here)
    if key_a != key_b:
        b = pseudonyms(values, key_b)
        assert all(x != y for x, y in zip(a, b, strict=True))
    assert not any(v.strip().upper() in p.upper() for v, p in zip(values, a, strict=True) if len(v.strip()) > 3)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.dates(min_value=__import__("datetime").date(1850, 1, 1),
                                   max_value=__import__("datetime").date(2099, 12, 31)), st.integers(2, 999)),
                min_size=1, max_size=30),
       st.binary(min_size=16, max_size=64))
def test_identity_codes_read_as_bytes_get_the_hmac_of_the_code(people, secret):
    """The quickest path (codes in normal form read as fixed-width bytes) gives exactly
    HMAC-SHA-256(secret, code), birth day and sex of the code, and a masked form that keeps
    nothing of the code (not even the birth date)."""
    import hmac
    from hashlib import sha256

    import numpy as np
    import pandas as pd

    from desktop.core.datasets import day_number
    from desktop.importers.kinds import PersonTable
    from desktop.importers.problems import mask_value

    codes = [_code(d.day, d.month, d.year, i) for d, i in people]
    table = PersonTable(secret)
    person, bad, empty = table.add(pd.Series(np.array([c.encode() for c in codes], dtype="S16")))
    assert not bad.any() and not empty.any()
    for code, p, (d, i) in zip(codes, person.tolist(), people, strict=True):
        assert table.pseudonyms[p] == hmac.new(secret, code.encode(), sha256).hexdigest()[:32]
        assert table.birth_day[p] == day_number(d.year, d.month, d.day)
        assert table.sex[p] == ("1" if i % 2 else "2")
        assert mask_value(code, person=True) == "******-****"
        assert mask_value(f"asiakas {code} soitti", limit=100) == "asiakas ******-**** soitti"
