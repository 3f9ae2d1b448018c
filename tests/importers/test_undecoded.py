"""Windows-1252 blocks parsed without re-encoding them (desktop.importers.undecoded) give exactly the
text of the re-encoding path, and every block the quick path cannot vouch for takes the other one."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.importers.csv_reader import CsvSource
from desktop.importers.undecoded import undecoded_frame

HEADER = "Henkilötunnus;Käyntipäivä;Kotikunta;Tuottaja;Kustannus"
TEXT = ["lääkäri", "Ã¤", "€uro", "ÅÖÄ", "plain", "", '"lainattu;ä"', "ŽžŠ‰", "x\x81y"]


def _file(tmp_path, rows: list[str], raw: bytes = b"") -> CsvSource:
    path = tmp_path / "k.csv"
    path.write_bytes((HEADER + "\r\n" + "".join(r + "\r\n" for r in rows)).encode("cp1252", errors="ignore") + raw)
    return CsvSource(path)


def _rows(n: int, person: str = "131052-308T") -> list[str]:
    return [f"{person};{1 + i % 28}.1.2024;{TEXT[i % len(TEXT)]};{TEXT[(i * 7) % len(TEXT)]};{i},5" for i in range(n)]


def _read(source: CsvSource) -> pd.DataFrame:
    chunks = source.chunks(float_columns=("Kustannus",), category_columns=("Käyntipäivä", "Kotikunta", "Tuottaja"),
                           bytes_columns=("Henkilötunnus",))
    return pd.concat([c.frame for c in chunks], ignore_index=True)


def _expected(source: CsvSource) -> list[list[str]]:
    text = source.path.read_bytes().decode("cp1252", errors="replace")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]


def _quick(source: CsvSource, part: bytes) -> pd.DataFrame | None:
    typed = {"Henkilötunnus", "Käyntipäivä", "Kotikunta", "Tuottaja", "Kustannus"}
    return undecoded_frame(part, "cp1252", source.headers, typed, lambda errors: source._parse_as(
        part, "utf-8", ("Kustannus",), ("Käyntipäivä", "Kotikunta", "Tuottaja"), ("Henkilötunnus",), "S16", errors))


def _body(source: CsvSource) -> bytes:
    return source.path.read_bytes()[source._data_start:]


def test_text_columns_come_as_the_file_says_without_re_encoding(tmp_path):
    source = _file(tmp_path, _rows(500))
    assert source.encoding == "cp1252"
    assert _quick(source, _body(source)) is not None  # the quick path is taken for this file
    frame = _read(source)
    expected = _expected(source)
    assert frame["Kotikunta"].astype(object).fillna("").tolist() == [r[2] for r in expected]
    assert frame["Tuottaja"].astype(object).fillna("").tolist() == [r[3] for r in expected]
    assert "Ã¤" in frame["Kotikunta"].tolist() and "lainattu;ä" in frame["Kotikunta"].tolist()
    assert frame["Henkilötunnus"].tolist() == [b"131052-308T"] * 500
    assert frame["Kustannus"].tolist() == [i + 0.5 for i in range(500)]


def test_blocks_the_quick_path_cannot_vouch_for_are_re_encoded(tmp_path):
    cases = {
        "a person id with a letter above 127": _file(tmp_path, _rows(50) + _rows(3, person="Äkäs")),
        "the UTF-8 of a kept byte's code point": _file(tmp_path, _rows(50) + ["A-1;1.1.2024;ïž€;oma;1"]),
        "two values the encoding makes one": _file(tmp_path, _rows(50), b"A-1;1.1.2024;p\x81;oma;1\r\nA-1;1.1.2024;p\x8d;oma;1\r\n"),
    }
    for what, source in cases.items():
        assert _quick(source, _body(source)) is None, what
        frame = _read(source)
        expected = _expected(source)
        assert frame["Kotikunta"].astype(object).fillna("").tolist() == [r[2] for r in expected], what
        people = [p.decode("utf-8") if isinstance(p, bytes) else p for p in frame["Henkilötunnus"]]
        assert people == [r[0] for r in expected], what


BYTE = st.integers(0x20, 0xFF).filter(lambda b: b not in b'";')


@given(st.lists(st.lists(BYTE, min_size=1, max_size=6).map(bytes), min_size=1, max_size=30))
@settings(max_examples=150, deadline=None)
def test_any_bytes_in_a_text_column_decode_as_windows_1252(tmp_path_factory, values):
    # (a letter first: a column of numbers only comes as numbers from pandas, on either path)
    source = _file(tmp_path_factory.mktemp("u"), [], b"".join(b"A-1;1.1.2024;x" + v + b";oma;1\r\n" for v in values))
    frame = _quick(source, _body(source))
    expected = [r[2] for r in _expected(source)]
    if frame is not None:
        assert frame["Kotikunta"].astype(object).fillna("").tolist() == expected
    assert _read(source)["Kotikunta"].astype(object).fillna("").tolist() == expected
