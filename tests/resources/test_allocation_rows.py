"""The allocation's rows by key in plain Python (desktop.analysis.allocation_rows) give pandas' own groups and
sums, bit for bit, or step aside (None) where pandas would sum several rows or turn -0.0 into 0.0; the
year totals are `Series.sum()`'s; the spread onto one year's events is the spread onto every year's."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest

from desktop.analysis.allocation_rows import float_column, single_row_groups, year_totals

CENTRES = ["KP1", "KP2-A", None, "kp1", "Ä-keskus", np.nan]
CODES = ["A1", "A2", None, " a1 ", "ZZ"]
VALUES = [1.5, 0.1, 0.2, 1e16, -1e16, 3.3333, np.nan, 7.0, float("inf"), 1e-9]


def same_float(a: float, b: float) -> bool:
    return (a != a and b != b) or (a == b and math.copysign(1.0, a) == math.copysign(1.0, b))


def pandas_groups(frame: pd.DataFrame, keys: list[str], values: list[str], min_count: int, dropna: bool) -> list:
    grouped = frame.groupby(keys, dropna=dropna, sort=True, as_index=False)[values].sum(min_count=min_count)
    return [(rec[:len(keys)], list(rec[len(keys):])) for rec in grouped.itertuples(index=False, name=None)]


@pytest.mark.parametrize("seed", range(6))
def test_single_row_groups_are_pandas_groupby_sums_or_none(seed):
    rng = random.Random(seed)
    answered = 0
    for trial in range(200):
        n = rng.randint(0, 9)
        frame = pd.DataFrame({"year": [rng.choice([2023, 2024]) for _ in range(n)],
                              "centre": pd.Series([rng.choice(CENTRES) for _ in range(n)], dtype=object),
                              "code": [rng.choice(CODES) for _ in range(n)],
                              "eur": [rng.choice([*VALUES, -0.0] if trial % 5 == 0 else VALUES) for _ in range(n)],
                              "fte": [rng.choice(VALUES) for _ in range(n)]})
        keys, values = ["year", "centre", "code"], ["eur", "fte"]
        for min_count, dropna in ((0, False), (1, True)):
            fast = single_row_groups(frame, keys, [float_column(frame, c) for c in values], min_count, dropna)
            slow = pandas_groups(frame, keys, values, min_count, dropna)
            if fast is None:
                has_negative_zero = bool(((frame["eur"] == 0) & np.signbit(frame["eur"])).any()
                                         | ((frame["fte"] == 0) & np.signbit(frame["fte"])).any())
                assert has_negative_zero or len(slow) < n  # several rows of one key (or -0.0)
                continue
            answered += 1
            assert len(fast) == len(slow)
            for (fk, fv), (sk, sv) in zip(fast, slow, strict=True):
                assert all(same_float(a, b) if isinstance(b, float) else a == b for a, b in zip(fk, sk, strict=True))
                assert all(same_float(a, b) for a, b in zip(fv, sv, strict=True)), (frame, fv, sv)
    assert answered > 100  # the fast path is the usual one


def test_year_totals_are_series_sums():
    rng = np.random.default_rng(3)
    for _ in range(100):
        n = int(rng.integers(0, 40))
        values = rng.choice(np.array([*VALUES, 1e300, -1e300, 0.3]), n)
        years = rng.choice([2022, 2023, 2024], n)
        series, year_series = pd.Series(values, dtype=float), pd.Series(years)
        expected = [float(series[year_series == y].sum()) for y in (2022, 2023, 2024)]
        got = year_totals(years, values, [2022, 2023, 2024])
        assert all(same_float(a, b) for a, b in zip(got, expected, strict=True))


def test_spreading_one_year_gives_that_years_parts_of_every_year(tmp_path):
    from desktop.services.classification import classified_events
    from desktop.services.resources import events_with_resources
    from desktop.store import open_store

    from .helpers import write_years_store

    path = write_years_store(tmp_path / "alue.sote", years=(2022, 2023, 2024), n_persons=60)
    store = open_store(path, readonly=True)
    try:
        events = classified_events(store)
        every, summary = events_with_resources(store, events)
        assert summary is not None and summary.measures == ("fte", "ledger_eur")
        for year in (2022, 2023, 2024):
            one, one_summary = events_with_resources(store, events, [year])
            rows = events["year"].to_numpy() == year
            for measure in summary.measures:
                assert np.array_equal(one[measure].to_numpy()[rows], every[measure].to_numpy()[rows])
                assert not one[measure].to_numpy()[~rows].any()
                assert one[measure].to_numpy()[rows].sum() > 0
                assert one_summary.unreached[measure] == {year: summary.unreached[measure][year]}
    finally:
        store.close()
