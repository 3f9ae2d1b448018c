"""Person ids across chunks: one person index per normalised id, invalid codes flagged, the same
result with and without pandas' hash table class."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.importers.kinds import PersonTable


def _run(table: PersonTable):
    chunks = [
        pd.Series(["131052-901X", "A-1", "", None, "131052-901Y", "a-1"], dtype=object),
        pd.Series([" 131052-901x ", "B-2", "A-1", "131052-901Y", np.nan], dtype=object),
    ]
    return [table.add(c) for c in chunks]


def test_person_indexes_over_chunks_with_and_without_the_hash_table(monkeypatch):
    fast = _run(PersonTable(b"k" * 32))
    slow_table = PersonTable(b"k" * 32)
    monkeypatch.setattr(slow_table, "_labels", lambda values, known: None)
    slow = _run(slow_table)
    for (p1, b1, e1), (p2, b2, e2) in zip(fast, slow, strict=True):
        assert p1.tolist() == p2.tolist() and b1.tolist() == b2.tolist() and e1.tolist() == e2.tolist()
    (p, bad, empty), (q, bad2, empty2) = fast
    assert p.tolist() == [0, 1, -1, -1, -1, 1]  # 'a-1' normalises to 'A-1': the same person
    assert bad.tolist() == [False, False, False, False, True, False]
    assert empty.tolist() == [False, False, True, True, False, False]
    assert q.tolist() == [0, 2, 1, -1, -1]  # the padded lower-case code is the same person as row 1
    assert bad2.tolist() == [False, False, False, True, False] and empty2.tolist()[-1]
