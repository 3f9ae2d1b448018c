"""The segment cut over several years by membership patterns (desktop.analysis.segment_years) carries the
FTEs and ledger euros too: the same figures as one pass per segment (the loop the resource measures took
before) on a synthetic store with personnel and books over four years, with and without filters, and on
random frames; the stores with resources take the pattern path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import desktop.analysis.traffic_lights as tl
from desktop.analysis import segment_years
from desktop.analysis.segments import membership
from desktop.core.segments import Age, NeedLevel, Segment
from desktop.services import traffic_lights as svc
from desktop.store import open_store

from .helpers import write_years_store

YEARS = (2021, 2022, 2023, 2024)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return str(write_years_store(tmp_path_factory.mktemp("years") / "vuodet.sote", YEARS))


def _same(a: tl.TrafficLightResult, b: tl.TrafficLightResult) -> None:
    for x, y in ((a.rows, b.rows), (a.group_totals, b.group_totals), (a.level_totals, b.level_totals)):
        assert x[["contacts", "clients"]].equals(y[["contacts", "clients"]])
        pd.testing.assert_frame_equal(x, y, check_exact=False, rtol=1e-12)
    assert a.totals.keys() == b.totals.keys()
    for k, v in a.totals.items():
        assert v == (None if b.totals[k] is None else pytest.approx(b.totals[k], rel=1e-12)), k


@pytest.mark.parametrize("by", [("segment",), ("segment", "structure"), ("segment", "year"), ("municipality", "segment")],
                         ids=["segment", "segment-structure", "segment-year", "municipality-segment"])
@pytest.mark.parametrize("filters", [{}, {"municipality": ["179"]}, {"sex": ["2"], "level": ["green", "red"]}],
                         ids=["all", "municipality", "sex-level"])
def test_store_with_resources_patterns_equal_the_loop(store_path, monkeypatch, by, filters):
    with open_store(store_path, readonly=True) as store:
        data = svc.TrafficLightData(store)
        assert set(data.resource_measures) == {"fte", "ledger_eur", "contacts_per_fte", "eur_per_contact"}
        years = [2021, 2022, 2024]
        loop_calls = []
        real_loop = tl._segment_parts_by_loop
        monkeypatch.setattr(tl, "_segment_parts_by_loop", lambda *a, **k: loop_calls.append(1) or real_loop(*a, **k))
        by_patterns = data.table(by, years, filters)
        assert loop_calls == []  # resources no longer send several years to the loop
        monkeypatch.setattr(segment_years, "fits", lambda *args: False)
        by_loop = data.table(by, years, filters)
        assert loop_calls == [1]
    _same(by_patterns, by_loop)
    totals = by_patterns.totals
    assert totals["fte"] > 0 and totals["ledger_eur"] > 0
    segs = by_patterns.rows.groupby("segment")[["fte", "ledger_eur"]].sum()
    assert (segs["fte"] > 0).all() and (segs["ledger_eur"] > 0).all()


def test_every_year_totals_add_up_to_what_was_imported(store_path):
    """Allocated (on events) plus unallocated equals the imported FTEs and euros over all four years."""
    from desktop.services.resources import load_ledger, load_staff

    with open_store(store_path, readonly=True) as store:
        data = svc.TrafficLightData(store)
        result = data.table(("segment",), list(YEARS), {})
        staff, ledger = load_staff(store), load_ledger(store)
    totals = result.totals
    assert totals["fte"] + totals["unallocated_fte"] == pytest.approx(staff["fte"].sum(), rel=1e-9)
    assert totals["ledger_eur"] + totals["unallocated_ledger_eur"] == pytest.approx(ledger["cost_eur"].sum(), rel=1e-9)
    assert totals["unallocated_fte"] == pytest.approx(sum(0.5 * (3.5 + y % 3) for y in YEARS), rel=1e-9)  # KP-X's rest
    levels = result.level_totals.set_index("level")
    assert levels["fte"].sum() == pytest.approx(totals["fte"], rel=1e-12)


SEGMENTS = [Segment("Lapset", Age(0, 17)), Segment("Työikäiset", Age(18, 64)), Segment("Iäkkäät", Age(65, None)),
            Segment("Satunnainen", NeedLevel("occasional")), Segment("Suuri", NeedLevel("high"))]


def _random_events(seed: int, n: int = 4000, persons: int = 500) -> pd.DataFrame:
    """Two years of random classified events with per-event FTEs and ledger euros (a person's age moves
    with the year: some change segment between the years)."""
    rng = np.random.default_rng(seed)
    person = rng.integers(0, persons, n)
    birth = rng.integers(1930, 2022, persons)
    year = rng.choice([2023, 2024], n)
    cat = pd.Categorical
    return pd.DataFrame({
        "person_id": person.astype(np.int32), "year": year.astype(np.int16),
        "birth_year": birth[person].astype(np.int16), "age": (year - birth[person]).astype(np.int16),
        "cost_eur": np.round(rng.gamma(1.2, 300.0, n), 2), "units": np.ones(n, dtype=np.float32),
        "sex": cat(np.array(["1", "2"])[person % 2]), "municipality": cat(rng.choice(["179", "182"], n)),
        "service": cat(rng.choice(["Vastaanotto", "Kotihoito", None], n)),
        "structure": cat(rng.choice(["avo", "asumis", "laitos"], n)),
        "level": cat(rng.choice(["green", "yellow", "red", None], n)),
        "fte": rng.random(n) / 50, "ledger_eur": rng.gamma(1.5, 200.0, n),
    })


@pytest.mark.parametrize("seed", [5, 6])
def test_random_frames_with_resources_over_years(seed, monkeypatch):
    """The pattern tables against the loop on random frames with per-event FTEs and ledger euros."""
    events = _random_events(seed)
    m = membership(events, SEGMENTS)
    fast = tl.traffic_light_table(events, ("segment", "structure"), [2023, 2024], None, m)
    monkeypatch.setattr(segment_years, "fits", lambda *args: False)
    slow = tl.traffic_light_table(events, ("segment", "structure"), [2023, 2024], None, m)
    _same(fast, slow)
    assert fast.totals["fte"] == pytest.approx(events["fte"].sum(), rel=1e-12)
    # a person in a segment in one year only brings only that year's FTEs to it
    kids = fast.rows[fast.rows["segment"] == "Lapset"]["fte"].sum()
    member = np.zeros(len(events), dtype=bool)
    persons = events["person_id"].to_numpy()
    for year in (2023, 2024):
        in_year = events["year"].to_numpy() == year
        member |= in_year & m.masks[year][0][persons]
    assert kids == pytest.approx(events.loc[member, "fte"].sum(), rel=1e-12)
