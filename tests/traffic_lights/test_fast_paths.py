"""The fast segment cut (membership patterns) gives the same figures as the straightforward one
(one pass over each segment's members' events) on random frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from event_frames import population

import desktop.analysis.traffic_light_sums as sums
import desktop.analysis.traffic_lights as tl
from desktop.analysis.segments import membership
from desktop.core.segments import Age, AnyOf, NeedLevel, Reasons, Segment, SpecialLaw, Uses

SEGMENTS = [Segment("Lapset", Age(0, 17)), Segment("Työikäiset", Age(18, 64)), Segment("Iäkkäät", Age(65, None)),
            Segment("Vammaiset", SpecialLaw(("VPL",))), Segment("MT", AnyOf((Reasons(("F20-F99",)),
                                                                              Uses("service", ("Psykiatria",))))),
            Segment("Satunnainen", NeedLevel("occasional")), Segment("Laajempi", NeedLevel("wider")),
            Segment("Suuri", NeedLevel("high"))]


POP = population([(m, 2024, lo, hi, sex, 100 + lo) for m in ("179", "182", "216") for lo, hi in
                  ((0, 17), (18, 64), (65, 100)) for sex in ("1", "2")])


def random_events(seed: int, n: int = 3000, persons: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    person = rng.integers(0, persons, n)
    birth = rng.integers(1925, 2022, persons)
    year = rng.choice([2023, 2024], n, p=[0.3, 0.7])
    cost = np.round(rng.gamma(1.2, 300.0, n), 2)
    cost[rng.random(n) < 0.02] = np.nan
    cat = pd.Categorical
    return pd.DataFrame({
        "person_id": person.astype(np.int32),
        "year": year.astype(np.int16),
        "birth_year": birth[person].astype(np.int16),
        "age": (year - birth[person]).astype(np.int16),
        "cost_eur": cost,
        "units": rng.integers(1, 4, n).astype(np.float32),
        "sex": cat(np.array(["1", "2"])[person % 2]),
        "municipality": cat(rng.choice(["179", "182", "216"], n)),
        "reasons": cat(rng.choice(["J06", "F32", "F10", None], n)),
        "special_law": cat(rng.choice(["VPL", None, None, None], n)),
        "service": cat(rng.choice(["Vastaanotto", "Psykiatria", "Kotihoito", None], n)),
        "structure": cat(rng.choice(["avo", "asumis", "laitos"], n)),
        "level": cat(rng.choice(["green", "yellow", "red", None], n)),
        "producer": cat(rng.choice(["own", "purchased"], n)),
    })


def straightforward(m, year, key, persons, cost, units, n_groups, n_persons, extra=None):
    """The previous computation: every segment's members' events aggregated on their own."""
    parts = tl._segment_parts_by_loop(m, [year], None, key, persons, cost, units, n_groups, n_persons, extra)
    level = key % len(tl.LEVEL_ORDER)
    lev_agg = tl._aggregate(level, persons, cost, units, len(tl.LEVEL_ORDER), n_persons, extra)
    return parts, lev_agg, len(np.unique(persons))


def assert_same(fast: tl.TrafficLightResult, slow: tl.TrafficLightResult) -> None:
    pd.testing.assert_frame_equal(fast.rows, slow.rows, check_exact=False, rtol=1e-12, check_dtype=False)
    pd.testing.assert_frame_equal(fast.group_totals, slow.group_totals, check_exact=False, rtol=1e-12,
                                  check_dtype=False)
    pd.testing.assert_frame_equal(fast.level_totals, slow.level_totals, check_exact=False, rtol=1e-12,
                                  check_dtype=False)
    assert fast.totals.keys() == slow.totals.keys()
    for k, v in fast.totals.items():
        assert v == (None if slow.totals[k] is None else pytest.approx(slow.totals[k], rel=1e-12)), k


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("by", [("segment",), ("segment", "structure"), ("municipality", "segment", "sex")])
@pytest.mark.parametrize("limits", ["dense", "sparse"])
def test_pattern_cut_equals_one_pass_per_segment(monkeypatch, seed, by, limits):
    events = random_events(seed)
    m = membership(events, SEGMENTS)
    filters = {"producer": ("own",)} if seed == 3 else None
    if limits == "sparse":  # the np.unique branches for many segments / many persons x groups
        monkeypatch.setattr(sums, "_PATTERN_TABLE_LIMIT", 0)
        monkeypatch.setattr(sums, "_DENSE_LIMIT", 0)
    if seed == 2:  # per-event FTEs and ledger euros (desktop.services.resources) go the same two ways
        rng = np.random.default_rng(seed)
        events = events.assign(fte=rng.random(len(events)) / 100, ledger_eur=rng.random(len(events)) * 300)
    fast = tl.traffic_light_table(events, by, [2024], filters, m, POP)
    if seed == 2:
        assert fast.totals["fte"] == pytest.approx(events.loc[events["year"] == 2024, "fte"].sum(), rel=1e-12)
        assert {"fte", "ledger_eur", "contacts_per_fte", "eur_per_contact"} <= set(fast.rows.columns)
    monkeypatch.setattr(tl, "_segment_parts_by_patterns", straightforward)
    slow = tl.traffic_light_table(events, by, [2024], filters, m, POP)
    assert len(fast.rows) > 10
    assert_same(fast, slow)


def test_pattern_cut_of_a_year_without_segments_is_empty_but_totals_count():
    events = random_events(4)
    m = membership(events, SEGMENTS, years=[2023])
    m.masks[2024] = np.zeros((len(SEGMENTS), m.n_persons), dtype=bool)
    res = tl.traffic_light_table(events, ("segment",), [2024], None, m)
    assert res.rows.empty
    assert res.totals["clients"] == len(np.unique(events["person_id"][events["year"] == 2024]))
