"""`sote-planner export STORE events FILE` writes exactly the bytes it always has: same columns and
order, header, ';' separator, quoting, number and date formats, UTF-8 with BOM and CRLF line ends.

GOLDEN is the file the pandas `to_csv` writer gave for the awkward store below before the fast
writer replaced it; the random stores are compared with that old writer kept as the fallback path.
"""

from __future__ import annotations

import numpy as np

from desktop.cli import main
from desktop.core.datasets import EVENT_COLUMNS, EVENT_DTYPES, day_number
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


def build_awkward_store(path, rows: int = 40, seed: int = 3, batches: int = 2) -> Store:
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
                              for i, v in enumerate(AWKWARD_TEXTS)]
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
    build_awkward_store(tmp_path / "a.sote", rows=6, seed=3).close()
    assert _export_bytes(tmp_path / "a.sote", tmp_path) == GOLDEN


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
