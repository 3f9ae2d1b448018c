"""`combine` (distinct combinations of code columns) against np.unique on the stacked columns,
over the int32 key, the int64 key, the compaction and the one-code parts it skips."""

from __future__ import annotations

import numpy as np
import pytest

import desktop.analysis.classify_combos as cc


def check(parts, n):
    inverse, m, first = cc.combine(parts, n)
    rows = np.stack([np.asarray(codes, dtype=np.int64) for codes, _r, _o in parts], axis=1) if parts else \
        np.zeros((n, 0), dtype=np.int64)
    uniq, expected = np.unique(rows, axis=0, return_inverse=True)
    expected = expected.reshape(-1)
    assert m == len(uniq)
    assert inverse.dtype == np.int32 and inverse.min() == 0 and inverse.max() == m - 1  # 4 bytes an event (issue 18)
    # the same rows share a combination, different rows do not
    pairs = np.unique(np.stack([inverse, expected], axis=1), axis=0)
    assert len(pairs) == m
    assert np.array_equal(rows[first[inverse]], rows)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_small_key_range(seed):
    rng = np.random.default_rng(seed)
    n = 5000
    parts = [(rng.integers(-1, 12, n).astype(np.int8), 13, 1), (rng.integers(0, 30, n).astype(np.int8), 30, 0),
             (np.zeros(n, dtype=np.int32), 1, 0), (rng.integers(-1, 3, n).astype(np.int16), 4, 1),
             (np.full(n, -1, dtype=np.int8), 1, 1)]
    check(parts, n)


@pytest.mark.parametrize("limit", [cc.COMBINE_LIMIT, 1 << 10])
def test_wide_key_range_in_int64_and_compacted(monkeypatch, limit):
    monkeypatch.setattr(cc, "COMBINE_LIMIT", limit)
    rng = np.random.default_rng(9)
    n = 4000
    parts = [(rng.integers(0, 70_000, n), 70_000, 0), (rng.integers(0, 50_000, n), 50_000, 0),
             (rng.integers(-1, 4, n).astype(np.int8), 5, 1)]
    check(parts, n)


def test_no_parts_is_one_combination():
    inverse, m, first = cc.combine([(np.zeros(7, dtype=np.int8), 1, 0)], 7)
    assert m == 1 and inverse.tolist() == [0] * 7 and len(first) == 1
