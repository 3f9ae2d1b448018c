"""Membership evaluates the latest year at once and earlier years on first use, with the same
results as evaluating each year on its own; distinct_years agrees with np.unique; the vectorised
need levels agree with the rule written out person by person."""

from __future__ import annotations

import numpy as np
import pytest
from event_frames import frame

from desktop.analysis.segments import distinct_years, membership
from desktop.core.segments import Age, NeedLevel, Reasons, Segment

SEGMENTS = [Segment("Lapset", Age(0, 17)), Segment("MT", Reasons(("F20-F99",))),
            Segment("Suuri", NeedLevel("high")), Segment("Satunnainen", NeedLevel("occasional"))]


def events(seed: int):
    rng = np.random.default_rng(seed)
    return frame([{"person": int(p), "year": int(y), "birth_year": 1930 + int(p) * 7 % 90,
                   "reasons": rng.choice(["J06", "F32", None]), "cost_eur": float(rng.integers(10, 9000)),
                   "level": rng.choice(["green", "yellow", "red"])}
                  for p, y in zip(rng.integers(0, 60, 400), rng.choice([2022, 2023, 2024], 400), strict=True)])


@pytest.mark.parametrize("seed", [1, 2])
def test_earlier_years_are_evaluated_on_first_use_with_the_same_results(seed):
    ev = events(seed)
    m = membership(ev, SEGMENTS)
    assert m.years == [2022, 2023, 2024]
    assert sorted(m.masks.done) == [2024]  # only the latest year so far
    assert 2022 in m.masks and list(m.masks) == [2022, 2023, 2024] and len(m.active) == 3
    for year in (2022, 2023, 2024):
        alone = membership(ev, SEGMENTS, years=[year])
        assert np.array_equal(m.masks[year], alone.masks[year])
        assert np.array_equal(m.active[year], alone.active[year])
        assert m.year_events[year].year == year
    assert sorted(m.masks.done) == [2022, 2023, 2024]
    assert m.persons(2023).sum() > 0
    with pytest.raises(KeyError):
        m.masks[2019]


def test_distinct_years_matches_unique():
    rng = np.random.default_rng(5)
    for years in (rng.choice([2021, 2024], 1000), rng.integers(1990, 2030, 1000), np.array([2024] * 3),
                  rng.choice([2020, 2022, 2023], 50).astype(np.int16)):
        assert distinct_years(years) == sorted(int(y) for y in np.unique(years))


def test_need_levels_match_the_plain_rule():
    from desktop.analysis.segments import classify_need
    from desktop.core.segments import NeedThresholds

    rng = np.random.default_rng(11)
    n = 20_000
    euros = np.round(rng.gamma(0.8, 2000.0, n), 0)
    heaviest = rng.integers(0, 4, n).astype(np.int8)
    active = rng.random(n) < 0.8
    th = NeedThresholds()
    expected = np.zeros(n, dtype=np.int8)
    for i in range(n):
        if not active[i]:
            continue
        red = heaviest[i] >= 3
        if euros[i] >= th.high_eur or (red and euros[i] >= th.high_red_eur):
            expected[i] = 3
        elif euros[i] >= th.wider_eur or red:
            expected[i] = 2
        else:
            expected[i] = 1
    got = classify_need(euros, heaviest, active, th)
    assert got.dtype == np.int8 and np.array_equal(got, expected)
    assert set(np.unique(got)) == {0, 1, 2, 3}
