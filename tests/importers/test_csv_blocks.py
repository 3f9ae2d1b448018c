"""The CSV reader's blocks (each cut after its last whole record, the cut record read again with the next
block) give the rows, line numbers, problems and file checksum of reading the whole file at once."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from desktop.importers import csv_reader
from desktop.importers.csv_reader import CsvSource

HEADER = "Henkilötunnus;Käyntipäivä;Kotikunta;Käyntisyy;Kustannus"


def _rows(n: int) -> list[str]:
    rows = []
    for i in range(n):
        reason = f'"rivi\r\nvaihto;{i}"' if i % 13 == 0 else f"J{i % 7}"
        rows.append(f"131052-308T;{1 + i % 28}.1.2024;Jyväskylä;{reason};{i},25")
        if i % 17 == 5:
            rows.append("liian;vähän")  # a short row: reported by its line
    return rows


def _read(path, block: int, monkeypatch) -> tuple[pd.DataFrame, list, list, str]:
    monkeypatch.setattr(csv_reader, "BLOCK_BYTES", block)
    source = CsvSource(path)
    chunks = list(source.chunks(float_columns=("Kustannus",), category_columns=("Kotikunta",),
                                bytes_columns=("Henkilötunnus",)))
    frame = pd.concat([c.frame for c in chunks], ignore_index=True)
    lines = [int(v) for c in chunks for v in c.lines]
    problems = [p for c in chunks for p in c.problems]
    assert [c.bytes_done for c in chunks] == sorted(c.bytes_done for c in chunks)
    assert chunks[-1].bytes_done == path.stat().st_size
    return frame, lines, problems, source.sha256()


@pytest.mark.parametrize("ending", ["\r\n", ""])
def test_small_blocks_read_the_same_as_one_block(tmp_path, monkeypatch, ending):
    path = tmp_path / "k.csv"
    path.write_bytes((HEADER + "\r\n" + "\r\n".join(_rows(300)) + ending).encode("cp1252"))
    whole = _read(path, 1 << 24, monkeypatch)
    small = _read(path, 97, monkeypatch)  # records (and quoted line breaks) across every block edge
    assert whole[0].astype(object).equals(small[0].astype(object))
    assert whole[1:3] == small[1:3]
    assert whole[3] == small[3] == hashlib.sha256(path.read_bytes()).hexdigest()
    # the first record holds a quoted line break: the second starts on line 4
    assert len(whole[0]) == 300 and whole[1][:2] == [2, 4] and len(whole[2]) == len([r for r in _rows(300) if r == "liian;vähän"])
