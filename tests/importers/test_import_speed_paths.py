"""The fast paths of the events import give the same results as the plain ones: person ids read as
fixed-width bytes, text columns read as categories, Windows-1252 blocks re-encoded before pandas,
and dictionary values added through SQLite's JSON functions (also into stores of the older layout)."""

from __future__ import annotations

import hmac
from hashlib import sha256

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.importers.csv_reader import BYTES_DTYPE, CsvSource, _to_utf8
from desktop.importers.kinds import PersonTable
from desktop.services.importing import import_file
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.keys import project_key

IDS = ["131052-308T", " 131052-308t ", "", "A-1", "a-1", "131052-308X", "ps:" + "ab" * 16, "Äö-9", "010101A123N"]


def _as_bytes(values: list[str]) -> pd.Series:
    return pd.Series(np.array([v.encode("utf-8") for v in values], dtype=BYTES_DTYPE))


def _same(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_person_ids_as_bytes_match_the_text_path():
    rng = np.random.default_rng(5)
    as_bytes, as_text = PersonTable(b"k" * 32), PersonTable(b"k" * 32)
    for _ in range(4):
        chunk = [IDS[i] for i in rng.integers(0, len(IDS), 200)]
        assert _same(as_bytes.add(_as_bytes(chunk)), as_text.add(pd.Series(chunk, dtype=object)))
    assert as_bytes.pseudonyms == as_text.pseudonyms and as_bytes.sex == as_text.sex
    assert as_bytes.birth_day == as_text.birth_day and as_bytes.codes_seen == as_text.codes_seen
    assert len(as_bytes.byte_values) > 0  # the bytes path was taken


def test_plain_codes_first_then_other_forms_of_the_same_person():
    """Chunks of identity codes in normal form take the quickest path; a later chunk with the same
    persons written otherwise (spaces, lower case) must still find them, and so must later plain ones."""
    as_bytes, as_text = PersonTable(b"k" * 32), PersonTable(b"k" * 32)
    chunks = [["131052-308T", "010101A123N", "131052-308X"], [" 131052-308t", "010101a123n ", "B-2"],
              ["131052-308T", "C-3", "010101A123N"]]
    for chunk in chunks:
        assert _same(as_bytes.add(_as_bytes(chunk)), as_text.add(pd.Series(chunk, dtype=object)))
    assert as_bytes.pseudonyms == as_text.pseudonyms and len(as_bytes.pseudonyms) == 4
    assert as_bytes.codes_seen == as_text.codes_seen


def test_a_key_collision_falls_back_to_text_and_stays_consistent(monkeypatch):
    table, plain = PersonTable(b"k" * 32), PersonTable(b"k" * 32)
    first = ["131052-308T", "A-1"]
    assert _same(table.add(_as_bytes(first)), plain.add(pd.Series(first, dtype=object)))
    # pretend 'B-2' has the key of 'A-1': the byte check catches it, the chunk takes the text path
    from desktop.importers.kinds import persons

    monkeypatch.setattr(persons, "byte_keys", lambda words: np.zeros(len(words), dtype=np.uint64))
    second = ["B-2", "A-1", "131052-308T"]
    assert _same(table.add(_as_bytes(second)), plain.add(pd.Series(second, dtype=object)))
    assert table._byte_table is False  # the collision was seen: the text path from here on
    monkeypatch.undo()
    assert _same(table.add(_as_bytes(second + ["C-3"])), plain.add(pd.Series(second + ["C-3"], dtype=object)))
    assert table.pseudonyms == plain.pseudonyms


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_windows_1252_blocks_become_the_same_text_in_utf8(data):
    assert _to_utf8(data, "cp1252") == data.decode("cp1252", errors="replace").encode("utf-8")


def _write(path, rows: list[str]) -> None:
    path.write_bytes(("Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Kustannus\r\n"
                      + "".join(r + "\r\n" for r in rows)).encode("cp1252"))


def test_long_person_ids_and_odd_text_import_like_short_ones(store, tmp_path):
    long_id = "X" * 60  # longer than the byte width: that block is read as text
    rows = [f"{long_id};1.2.2024; 179 ;T11;10,5", "131052-308T;2.2.2024;179;t11 ;1,25",
            f"{long_id.lower()};3.2.2024;Jyväskylä;\"T;11\";0", "131052-308T;4.2.2024;077;;"]
    path = tmp_path / "pitkat.csv"
    _write(path, rows)
    result = import_file(store, path, kind="events")
    assert (result.rows, result.rejected) == (4, 0)
    events = store.load("events")
    with store.read() as conn:
        pseudonyms = colstore.dictionary(conn, "events", "person_id")
    person = [pseudonyms[c] for c in events["person_id"].tolist()]
    secret = project_key(store).secret
    expected = [hmac.new(secret, long_id.encode(), sha256).hexdigest()[:32],
                hmac.new(secret, b"131052-308T", sha256).hexdigest()[:32]]
    assert person == [expected[0], expected[1], expected[0], expected[1]]
    assert events["municipality"].astype(str).tolist() == ["179", "179", "179", "077"]
    assert events["service_form"].astype(object).where(events["service_form"].notna(), "").tolist() == [
        "T11", "t11", "T;11", ""]
    assert np.allclose(events["cost_eur"].to_numpy()[:3], [10.5, 1.25, 0.0]) and np.isnan(events["cost_eur"].iloc[3])


def test_csv_reader_gives_categories_and_bytes_when_asked(tmp_path):
    path = tmp_path / "k.csv"
    _write(path, ["131052-308T;1.2.2024;179;T11;1,5", "A-1;1.2.2024;Äänekoski;T11;2"])
    source = CsvSource(path)
    frame = next(iter(source.chunks(float_columns=("Kustannus",), category_columns=("Kotikunta", "Käyntipäivä"),
                                    bytes_columns=("Henkilötunnus",)))).frame
    assert frame["Henkilötunnus"].tolist() == [b"131052-308T", b"A-1"]
    assert isinstance(frame["Kotikunta"].dtype, pd.CategoricalDtype)
    assert frame["Kotikunta"].astype(str).tolist() == ["179", "Äänekoski"]
    assert frame["Palvelumuoto"].tolist() == ["T11", "T11"] and frame["Kustannus"].tolist() == [1.5, 2.0]


def test_dictionary_values_round_trip_through_json(tmp_path):
    store = Store.create(tmp_path / "d.sote")
    values = ["a\x00b", "😀", "é", "1", "x\"y\\z", "\u2028", "null", "[1]", " space "]
    with store.transaction() as conn:
        codes = colstore.encode(conn, "events", "producer", pd.Series(values + ["", "é"], dtype=object))
        assert codes.tolist() == [*range(len(values)), -1, 2]
        assert colstore.dictionary(conn, "events", "producer") == values
        more = colstore.encode(conn, "events", "producer", pd.Series(["1", "uusi"], dtype=object))
        assert more.tolist() == [3, len(values)]
    store.close()


def test_a_store_with_the_older_dictionary_layout_keeps_working(tmp_path, data):
    path = tmp_path / "vanha.sote"
    store = Store.create(path)
    with store.transaction() as conn:  # the layout of stores made before: rowid table + unique value index
        conn.exec_driver_sql("DROP TABLE dictionary")
        conn.exec_driver_sql('CREATE TABLE dictionary (dataset VARCHAR(32) NOT NULL, "column" VARCHAR(64) NOT NULL, '
                             "code INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (dataset, \"column\", code), "
                             'CONSTRAINT uq_dictionary_value UNIQUE (dataset, "column", value))')
    first = import_file(store, data / "events_fi_cp1252.csv")
    path2 = tmp_path / "toinen.csv"
    _write(path2, ["131052-308T;1.2.2024;179;T11;1,5"])
    second = import_file(store, path2, kind="events")
    events = store.load("events")
    assert len(events) == first.rows + second.rows
    with store.read() as conn:
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'dictionary'").scalar_one()
        values = colstore.dictionary(conn, "events", "person_id")
    assert "WITHOUT ROWID" not in sql and len(values) == len(set(values))
    assert events["person_id"].nunique() == len(values)
    store.close()


def test_new_stores_have_the_compact_dictionary(tmp_path):
    store = Store.create(tmp_path / "uusi.sote")
    with store.read() as conn:
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'dictionary'").scalar_one()
        indexes = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dictionary'").all()
    store.close()
    assert "WITHOUT ROWID" in sql
    assert [name for (name,) in indexes if not name.startswith("sqlite_autoindex")] == []


def test_a_person_id_longer_than_the_narrow_width_is_read_whole(tmp_path):
    path = tmp_path / "l.csv"
    _write(path, ["131052-308T;1.2.2024;179;T11;1,5"])
    source = CsvSource(path)
    assert source._bytes_dtype(("Henkilötunnus",)) == "S16"  # the preview holds identity codes only
    block = "131052-308T;1.2.2024;179;T11;1\r\nASIAKAS-1234567890;1.2.2024;179;T11;2\r\n".encode("cp1252")
    frame = source._parse(block, "cp1252", ("Kustannus",), (), ("Henkilötunnus",), "S16")
    assert frame["Henkilötunnus"].tolist() == [b"131052-308T", b"ASIAKAS-1234567890"]
    wide = ("Ä" * 30 + ";1.2.2024;179;T11;2\r\n").encode("cp1252")  # 60 bytes in UTF-8: read as text
    frame = source._parse(wide, "cp1252", ("Kustannus",), (), ("Henkilötunnus",), "S16")
    assert frame["Henkilötunnus"].tolist() == ["Ä" * 30]
    table, plain = PersonTable(b"k" * 32), PersonTable(b"k" * 32)
    for chunk in (["131052-308T", "A-1"], ["ASIAKAS-1234567890", "A-1"]):
        width = "S16" if max(map(len, chunk)) < 16 else "S40"
        values = pd.Series(np.array([v.encode() for v in chunk], dtype=width))
        assert _same(table.add(values), plain.add(pd.Series(chunk, dtype=object)))
    assert table.pseudonyms == plain.pseudonyms


def test_person_pseudonyms_get_one_code_each_also_when_an_exported_form_repeats_one(tmp_path):
    from desktop.services.importing.event_writer import _StoreWriter

    store = Store.create(tmp_path / "w.sote")
    writer = _StoreWriter(store)
    writer.add_persons(["a" * 32, "b" * 32], 0, may_repeat=False)  # added without the lookup table
    writer.add_persons(["c" * 32, "a" * 32], 2, may_repeat=True)  # 'a' again (an exported 'ps:' form)
    writer.finish(lambda conn: None)
    assert writer.person_codes.tolist() == [0, 1, 2, 0]
    with store.read() as conn:
        assert colstore.dictionary(conn, "events", "person_id") == ["a" * 32, "b" * 32, "c" * 32]
    store.close()


def test_an_identity_code_and_its_exported_pseudonym_are_one_person(store, tmp_path):
    code = "131052-308T"
    exported = "ps:" + hmac.new(project_key(store).secret, code.encode(), sha256).hexdigest()[:32]
    path = tmp_path / "sekaisin.csv"
    _write(path, [f"{code};1.2.2024;179;T11;1", f"{exported};2.2.2024;179;T11;2", "A-1;2.2.2024;179;T11;3"])
    import_file(store, path, kind="events")
    events = store.load("events")
    with store.read() as conn:
        values = colstore.dictionary(conn, "events", "person_id")
    assert len(values) == len(set(values)) == 2
    assert events["person_id"].tolist()[0] == events["person_id"].tolist()[1] != events["person_id"].tolist()[2]
