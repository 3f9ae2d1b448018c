"""What the segment report reads and computes without frames or repeats gives the figures of the general
functions bit for bit: residents from ResidentRows (and from the store's columns) against `residents()`, the
sizes of one year against the sizes of every year, the reasons ranges against `reason_in_ranges`, the
suppression memo against computing each time, the written SQL against SQLAlchemy's select."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from event_frames import demo_like_records, frame, single_year_population, write_store
from sqlalchemy import select

from desktop.analysis.segment_conditions import _reasons_matcher
from desktop.analysis.segment_projection import ResidentRows, residents
from desktop.analysis.segments import membership, segment_sizes
from desktop.core.segments import (
    Age,
    AllOf,
    Municipality,
    PopulationBase,
    Reasons,
    Segment,
    Sex,
    SpecialLaw,
    default_segments,
    reason_in_ranges,
)


def same(a: float, b: float) -> bool:
    return (a != a and b != b) or a == b


def population(seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randint(0, 80)):
        low = rng.randint(0, 95)
        rows.append((rng.choice(["179", "182", "216"]), rng.choice([2023, 2024]), low, low + rng.choice([0, 0, 4, 9]),
                     rng.choice(["1", "2", ""]), rng.choice([20.0, 13.7, 0.1, 1e6 / 3]), 0))
    return pd.DataFrame(rows, columns=["municipality", "year", "age_from", "age_to", "sex", "count", "forecast"])


@pytest.mark.parametrize("seed", range(8))
def test_resident_rows_give_the_residents_bit_for_bit(seed):
    pop, rng = population(seed), random.Random(seed)
    rows = ResidentRows.of(pop)
    for _ in range(20):
        low = rng.randint(0, 90)
        base = PopulationBase(low, rng.choice([low, low + 7, 200]), rng.choice(["", "1", "2", "-"]),
                              tuple(rng.sample(["179", "182", "999"], rng.randint(0, 2))))
        for year in (2023, 2024, 2030):
            assert same(rows.residents(year, base), residents(pop, year, base))


def test_the_store_columns_give_the_frames_residents(tmp_path):
    from desktop.services.segments import load_population, load_resident_rows
    from desktop.store import open_store

    path = write_store(tmp_path / "alue.sote", demo_like_records(), single_year_population())
    segments = [*default_segments(), Segment("Naiset", Sex("2")), Segment("Lapset 179", AllOf((Age(0, 17), Municipality(("179",)))))]
    store = open_store(path, readonly=True)
    try:
        pop = load_population(store, [2024])
        rows = load_resident_rows(store, [2024], segments)
        assert len(rows) == len(pop) > 0
        assert load_resident_rows(store, [2024], default_segments())._columns.keys() == {"year", "age_from", "age_to",
                                                                                          "count"}
        for s in segments:
            assert rows.residents(2024, s.base) == residents(pop, 2024, s.base)
    finally:
        store.close()


def events(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return frame([{"person": int(p), "year": int(y), "birth_year": 1930 + int(p) * 7 % 90,
                   "reasons": rng.choice(["J06", "F32 F10", "F12", None]), "cost_eur": float(rng.integers(10, 9000)),
                   "special_law": rng.choice(["VPL", None]), "level": rng.choice(["green", "yellow", "red"])}
                  for p, y in zip(rng.integers(0, 80, 600), rng.choice([2022, 2023, 2024], 600), strict=True)])


@pytest.mark.parametrize("seed", [1, 2])
def test_the_sizes_of_one_year_are_those_rows_of_every_years_sizes(seed):
    ev, pop = events(seed), population(seed)
    pop = pd.concat([pop, pop.assign(year=2022)], ignore_index=True)
    segments = [*default_segments(), Segment("VPL", SpecialLaw(("VPL",)))]
    every = segment_sizes(membership(ev, segments), pop)
    for year in (2022, 2023, 2024):
        one = segment_sizes(membership(ev, segments), ResidentRows.of(pop), [year])
        expected = every[every["year"] == year].reset_index(drop=True)
        pd.testing.assert_frame_equal(one, expected, check_exact=True)
    assert every["change"].notna().sum() == 2 * len(segments)


def test_reasons_ranges_answer_as_reason_in_ranges():
    rng = random.Random(1)
    codes = ["F32", "F10.2", "f19", "F20", " F99 ", "Z34", "F1", "F", "J06", "F100", "F09.9", "f32.1"]
    for ranges in (("F20-F99",), ("F10-F19",), ("F3",), ("", "F10"), ("F10 - F19", "Z3"), ("f2-f3",), ()):
        matches = _reasons_matcher(ranges)
        for _ in range(300):
            text = " ".join(rng.choice(codes) for _ in range(rng.randint(0, 3)))
            expected = any(reason_in_ranges(code, ranges) for code in text.split())
            assert matches(text) is expected and matches(text) is expected  # the second from the answers
    ev = events(3)
    m = membership(ev, [Segment("P", Reasons(("F10-F19",)))])
    codes_by_person = {}
    for person, text, year in zip(ev["person_id"], ev["reasons"].astype(object), ev["year"], strict=True):
        if year == 2024 and isinstance(text, str):
            codes_by_person.setdefault(int(person), []).extend(text.split())
    expected = {p for p, cs in codes_by_person.items() if any(reason_in_ranges(c, ("F10-F19",)) for c in cs)}
    assert set(np.flatnonzero(m.masks[2024][0]).tolist()) == expected


def test_the_suppression_memo_gives_what_each_call_computes():
    from desktop.services.segments import segment_suppression, shown_overlaps

    m = membership(events(4), default_segments())
    memo: dict = {}
    for year in (2024, 2023, 2024):
        with_memo, alone = segment_suppression(m, year, 5, memo=memo), segment_suppression(m, year, 5)
        assert all(np.array_equal(a.hidden, b.hidden) and np.array_equal(a.primary, b.primary)
                   for a, b in zip(with_memo[:2], alone[:2], strict=True))
        assert with_memo[2] == alone[2]
    assert sorted(memo) == [(2023, 5, 15), (2024, 5, 15)]
    pd.testing.assert_frame_equal(shown_overlaps(m, 2024, 5, memo), shown_overlaps(m, 2024, 5))


def test_written_sql_reads_the_rows_of_the_select(tmp_path):
    from desktop.services.new_project import create_project
    from desktop.services.written_sql import select_rows
    from desktop.store.tables.classification import classification_service as SERVICES
    from desktop.store.tables.segments import segment as SEGMENTS

    store = create_project(tmp_path / "uusi.sote")
    try:
        with store.read() as conn:
            for table, order, equal in ((SEGMENTS, ("position", "id"), {"active": True}),
                                        (SERVICES, ("position",), {"version_id": 1})):
                query = select(table).order_by(*(table.c[c] for c in order))
                for column, value in equal.items():
                    query = query.where(table.c[column] == value)
                expected = [tuple(r) for r in conn.execute(query)]
                got = [tuple(r) for r in select_rows(conn, table, order_by=order, **equal)]
                assert got == expected and len(got) > 3
    finally:
        store.close()
