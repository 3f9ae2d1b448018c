"""Segment membership on hand-built events: overlaps, ages, reasons, need levels."""

from __future__ import annotations

import numpy as np
import pytest
from event_frames import frame, population

from desktop.analysis.segments import classify_need, membership, segment_sizes
from desktop.core.errors import UserError
from desktop.core.segments import (
    Age,
    AllOf,
    AnyOf,
    NeedThresholds,
    Not,
    Reasons,
    Segment,
    Sex,
    SpecialLaw,
    Uses,
    condition_from_dict,
    default_segments,
    reason_in_ranges,
    segment_from_dict,
    youth_alternatives,
)


def names(m, year, person):
    return [s.name for i, s in enumerate(m.segments) if m.masks[year][i][person]]


def test_person_in_three_segments_is_counted_once_in_the_total():
    events = frame([
        # person 0: working-age, mental-health reason, substance reason and a disability decision
        {"person": 0, "birth_year": 1990, "reasons": "F32.1 Z00"},
        {"person": 0, "birth_year": 1990, "reasons": "F10"},
        {"person": 0, "birth_year": 1990, "special_law": "VPL", "level": "red", "cost_eur": 9000.0},
        # person 1: child, nothing else
        {"person": 1, "birth_year": 2015},
        # person 2: elderly with a mental-health service (by AURA class), no F reason
        {"person": 2, "birth_year": 1940, "aura": "Aikuispsykiatrinen erikoissairaanhoito"},
    ])
    segs = default_segments()
    m = membership(events, segs)
    assert m.years == [2024]
    assert names(m, 2024, 0) == ["Työikäiset", "Vammaiset", "Mielenterveysasiakkaat", "Päihdeasiakkaat", "Suuri tarve"]
    assert names(m, 2024, 1) == ["Lapset ja nuoret", "Satunnainen tarve"]
    assert names(m, 2024, 2) == ["Iäkkäät", "Mielenterveysasiakkaat", "Satunnainen tarve"]
    persons = dict(zip(m.names, m.persons(2024).tolist(), strict=True))
    assert persons["Mielenterveysasiakkaat"] == 2
    assert sum(persons.values()) == 10  # 5 + 2 + 3 memberships
    assert m.total_persons(2024) == 3  # each person once
    # the client segments alone: person 0 is in three of them, counted once
    rows = [m.names.index(n) for n in ("Vammaiset", "Mielenterveysasiakkaat", "Päihdeasiakkaat")]
    assert m.total_persons(2024, rows) == 2
    ov = m.overlaps(2024)
    i, j = m.names.index("Vammaiset"), m.names.index("Päihdeasiakkaat")
    assert ov[i, j] == 1 and ov[i, i] == 1
    assert ov[m.names.index("Mielenterveysasiakkaat"), m.names.index("Iäkkäät")] == 1
    top = m.intersections(2024)
    assert sum(count for _rows, count in top) == 3
    assert (tuple(sorted(m.names.index(n) for n in names(m, 2024, 0))), 1) in top


def test_age_at_year_end_differs_from_age_at_the_event():
    # born in 2006: 17 at a June 2024 event (birthday in December), 18 at the end of 2024
    events = frame([{"person": 0, "birth_year": 2006, "age": 17}, {"person": 1, "birth_year": 2010}])
    segs = [Segment("alle 18 vuoden lopussa", Age(0, 17)), Segment("alle 18 käynnillä", Age(0, 17, "event")),
            Segment("18-24", Age(18, 24))]
    m = membership(events, segs)
    assert names(m, 2024, 0) == ["alle 18 käynnillä", "18-24"]
    assert names(m, 2024, 1) == ["alle 18 vuoden lopussa", "alle 18 käynnillä"]


def test_unknown_birth_year_falls_back_to_age_at_event():
    events = frame([{"person": 0, "birth_year": -1, "age": 70}, {"person": 1, "birth_year": -1, "age": -1}])
    m = membership(events, [Segment("iäkkäät", Age(65, None)), Segment("ei iäkkäät", Not(Age(65, None)))])
    assert names(m, 2024, 0) == ["iäkkäät"]
    assert names(m, 2024, 1) == ["ei iäkkäät"]  # age unknown: not in an age segment


def test_membership_is_per_year():
    events = frame([
        {"person": 0, "year": 2023, "reasons": "F20"},
        {"person": 0, "year": 2024, "reasons": "J06"},
        {"person": 1, "year": 2024, "reasons": "F41"},
    ])
    m = membership(events, [Segment("mt", Reasons(("F20-F99",)))])
    assert m.years == [2023, 2024]
    assert m.persons(2023).tolist() == [1] and m.masks[2023][0][0]
    assert m.persons(2024).tolist() == [1] and m.masks[2024][0][1] and not m.masks[2024][0][0]


def test_reason_ranges_and_prefixes():
    assert reason_in_ranges("F10.2", ("F10-F19",))
    assert reason_in_ranges("f19", ("F10-F19",))
    assert not reason_in_ranges("F20", ("F10-F19",))
    assert not reason_in_ranges("F09", ("F10-F19",))
    assert reason_in_ranges("F99", ("F20-F99",))
    assert reason_in_ranges("F32.1", ("F3",)) and not reason_in_ranges("F41", ("F3",))


def test_min_events_and_combinations():
    events = frame([
        {"person": 0, "service": "Mielenterveys avo"},
        {"person": 0, "service": "Mielenterveys avo"},
        {"person": 1, "service": "Mielenterveys avo", "sex": "1"},
        {"person": 2, "service": "Vastaanotto", "sex": "1"},
    ])
    segs = [
        Segment("väh. 2", Uses("service", ("Mielenterveys avo",), min_events=2)),
        Segment("mt ja mies", AllOf((Uses("service", ("Mielenterveys avo",)), Sex("1")))),
        Segment("ei mt", Not(Uses("service", ("Mielenterveys avo",)))),
        Segment("mt tai mies", AnyOf((Uses("service", ("Mielenterveys avo",)), Sex("1")))),
        Segment("vpl", SpecialLaw(("VPL",))),
    ]
    m = membership(events, segs)
    mask = m.masks[2024]
    assert mask[0].tolist() == [True, False, False]
    assert mask[1].tolist() == [False, True, False]
    assert mask[2].tolist() == [False, False, True]
    assert mask[3].tolist() == [True, True, True]
    assert mask[4].tolist() == [False, False, False]


def test_need_level_thresholds():
    th = NeedThresholds(wider_eur=400, high_eur=6000, high_red_eur=2500)
    euros = np.array([0, 100, 399.99, 400, 100, 2499, 2500, 6000, 0])
    heaviest = np.array([0, 1, 2, 1, 3, 3, 3, 1, 1])
    active = np.array([False] + [True] * 8)
    assert classify_need(euros, heaviest, active, th).tolist() == [0, 1, 1, 2, 2, 2, 3, 3, 1]
    # the same through the segments, with edited thresholds
    events = frame([
        {"person": 0, "cost_eur": 300.0}, {"person": 0, "cost_eur": 150.5},  # 450.50 € -> wider
        {"person": 1, "cost_eur": 99.9},  # occasional
        {"person": 2, "cost_eur": 3000.0, "level": "red"},  # red and >= 2500 -> high
    ])
    segs = [s for s in default_segments() if s.kind == "need_level"]
    m = membership(events, segs, thresholds=th)
    assert [names(m, 2024, p) for p in range(3)] == [["Laajempi tarve"], ["Satunnainen tarve"], ["Suuri tarve"]]
    m2 = membership(events, segs, thresholds=NeedThresholds(wider_eur=500, high_eur=6000, high_red_eur=5000))
    assert [names(m2, 2024, p) for p in range(3)] == [["Satunnainen tarve"], ["Satunnainen tarve"], ["Laajempi tarve"]]


def test_sizes_against_population_and_previous_year():
    events = frame([
        {"person": 0, "year": 2023, "birth_year": 2015, "cost_eur": 10.25},
        {"person": 0, "year": 2024, "birth_year": 2015, "cost_eur": 20.5},
        {"person": 1, "year": 2024, "birth_year": 2012, "cost_eur": 30.75},
        {"person": 1, "year": 2024, "birth_year": 2012, "cost_eur": 1.0},
    ])
    pop = population([("179", 2024, 0, 6, "", 100), ("179", 2024, 7, 17, "", 300), ("179", 2024, 18, 64, "", 1000),
                      ("179", 2023, 0, 17, "", 500)])
    sizes = segment_sizes(membership(events, [Segment("Lapset", Age(0, 17))]), pop)
    y23, y24 = sizes.iloc[0], sizes.iloc[1]
    assert (y23.year, y23.persons, y23.residents, y23.events) == (2023, 1, 500, 1)
    assert y24.persons == 2 and y24.residents == 400 and y24.events == 3
    assert y24.per_1000 == pytest.approx(2 / 400 * 1000)
    assert y24.cost_eur == pytest.approx(52.25)
    assert y24.change == 1 and np.isnan(y23.change)


def test_segment_rules_round_trip_and_bad_input():
    for s in default_segments() + youth_alternatives():
        assert segment_from_dict(s.to_dict()) == s
    assert [s.condition.max_age for s in youth_alternatives()] == [24, 24, 22, 28]
    with pytest.raises(UserError):
        condition_from_dict({"type": "age", "min": 30, "max": 20})
    with pytest.raises(UserError):
        condition_from_dict({"type": "uses", "field": "nonsense"})
    with pytest.raises(UserError):
        segment_from_dict({"name": "", "condition": {"type": "sex", "value": "1"}})
