"""Traffic-light figures against hand calculations on a small event set."""

from __future__ import annotations

import numpy as np
import pytest
from event_frames import frame, population

from desktop.analysis.segments import membership
from desktop.analysis.traffic_lights import Target, level_shares, target_status, traffic_light_table
from desktop.core.errors import UserError
from desktop.core.segments import Age, Reasons, Segment

SEGMENTS = [Segment("Lapset ja nuoret", Age(0, 17)), Segment("Työikäiset", Age(18, 64)),
            Segment("Mielenterveysasiakkaat", Reasons(("F20-F99",)))]
CHILD = {"person": 0, "birth_year": 2015, "sex": "2", "municipality": "179", "life_stage": "children"}
WORKER = {"person": 1, "birth_year": 1980, "sex": "1", "municipality": "182"}
MT = {"person": 2, "birth_year": 1985, "sex": "2", "municipality": "179", "reasons": "F32"}


def events():
    return frame([
        {**CHILD, "level": "green", "cost_eur": 100.25, "service": "Neuvola"},
        {**CHILD, "level": "green", "cost_eur": 100.25, "service": "Neuvola"},
        {**CHILD, "level": "red", "cost_eur": 1000.10, "units": 3.0, "service": "Lastensuojelu", "structure": "laitos",
         "producer": "purchased"},
        {**WORKER, "level": "green", "cost_eur": 50.5},
        {**WORKER, "level": "yellow", "cost_eur": 200.0},
        {**MT, "level": "yellow", "cost_eur": 80.0, "service": "Mielenterveys avo"},
        {**MT, "level": "yellow", "cost_eur": 80.0, "service": "Mielenterveys avo"},
        {**MT, "level": None, "service": None, "cost_eur": 40.0},
        {**WORKER, "year": 2023, "level": "green", "cost_eur": 10.0},
    ])


POP = population([
    ("179", 2024, 0, 17, "", 400), ("179", 2024, 18, 64, "", 1000), ("179", 2024, 65, 100, "", 200),
    ("182", 2024, 0, 17, "", 100), ("182", 2024, 18, 64, "", 500),
    ("179", 2023, 0, 100, "", 1500), ("182", 2023, 0, 100, "", 500),
])


def rows_by(result, *dims):
    return {tuple(r[d] for d in (*dims, "level")): r for r in result.rows.to_dict("records")}


def test_by_segment_counts_each_person_once_per_row_and_in_totals():
    ev = events()
    m = membership(ev, SEGMENTS)
    res = traffic_light_table(ev, ("segment",), [2024], membership=m, population=POP)
    r = rows_by(res, "segment")
    child_green = r[("Lapset ja nuoret", "green")]
    assert (child_green["contacts"], child_green["clients"]) == (2, 1)
    assert child_green["cost_eur"] == pytest.approx(200.5)
    assert child_green["eur_per_resident"] == pytest.approx(200.5 / 500)  # children of both municipalities
    assert child_green["eur_per_client"] == pytest.approx(200.5)
    child_red = r[("Lapset ja nuoret", "red")]
    assert child_red["units"] == pytest.approx(3.0) and child_red["cost_eur"] == pytest.approx(1000.10)
    work_yellow = r[("Työikäiset", "yellow")]
    assert (work_yellow["contacts"], work_yellow["clients"]) == (3, 2)
    assert work_yellow["cost_eur"] == pytest.approx(360.0)
    assert work_yellow["eur_per_resident"] == pytest.approx(360 / 1500)
    assert work_yellow["eur_per_client"] == pytest.approx(180.0)
    assert r[("Työikäiset", "unclassified")]["cost_eur"] == pytest.approx(40.0)
    mt_yellow = r[("Mielenterveysasiakkaat", "yellow")]
    assert mt_yellow["eur_per_resident"] == pytest.approx(160 / 2200)  # whole population
    assert ("Lapset ja nuoret", "yellow") not in r  # no empty rows
    # person 2 is in two segments: the rows double count, the totals do not
    assert res.rows["contacts"].sum() == 3 + 5 + 3
    assert res.totals["contacts"] == 8 and res.totals["clients"] == 3
    assert res.totals["cost_eur"] == pytest.approx(1651.10)
    assert res.totals["eur_per_resident"] == pytest.approx(1651.10 / 2200)
    levels = res.level_totals.set_index("level")
    assert levels.loc["yellow", "clients"] == 2 and levels.loc["unclassified", "contacts"] == 1
    assert levels.loc["green", "clients"] == 2


def test_cut_by_two_dimensions_with_filters_and_population_base():
    ev = events()
    res = traffic_light_table(ev, ("municipality", "structure"), [2024], {"sex": ["2"]}, population=POP)
    r = rows_by(res, "municipality", "structure")
    assert set(r) == {("179", "avo", "green"), ("179", "laitos", "red"), ("179", "avo", "yellow"),
                      ("179", "avo", "unclassified")}
    # sex 2 of municipality 179: population rows for both sexes count half
    assert r[("179", "laitos", "red")]["eur_per_resident"] == pytest.approx(1000.10 / (1600 / 2))
    assert res.totals["clients"] == 2 and res.totals["contacts"] == 6


def test_year_range_counts_a_person_of_both_years_once():
    ev = events()
    res = traffic_light_table(ev, ("sex",), [2023, 2024], population=POP)
    men_green = rows_by(res, "sex")[("1", "green")]
    assert (men_green["contacts"], men_green["clients"]) == (2, 1)
    # €/resident over a range: euros / resident-years of men (both-sex rows count half)
    assert men_green["eur_per_resident"] == pytest.approx(60.5 / ((2200 + 2000) / 2))
    by_year = rows_by(traffic_light_table(ev, ("year",), [2023, 2024]), "year")
    assert by_year[(2023, "green")]["cost_eur"] == pytest.approx(10.0)
    assert np.isnan(by_year[(2023, "green")]["eur_per_resident"])  # no population given


def test_age_band_life_stage_and_producer():
    ev = events()
    res = traffic_light_table(ev, ("life_stage", "age_band"), [2024], population=POP)
    r = rows_by(res, "life_stage", "age_band")
    assert r[("children", "7-12", "red")]["clients"] == 1
    assert r[("children", "7-12", "green")]["eur_per_resident"] == pytest.approx(200.5 / (500 * 6 / 18))
    prod = rows_by(traffic_light_table(ev, ("producer",)), "producer")
    assert prod[("purchased", "red")]["cost_eur"] == pytest.approx(1000.10)


def test_filters_by_segment_and_unknown_dimensions():
    ev = events()
    m = membership(ev, SEGMENTS)
    res = traffic_light_table(ev, ("service",), [2024], {"segment": ["Mielenterveysasiakkaat"]}, m, POP)
    r = rows_by(res, "service")
    assert set(r) == {("Mielenterveys avo", "yellow"), ("unclassified", "unclassified")}
    assert res.totals["clients"] == 1
    with pytest.raises(UserError):
        traffic_light_table(ev, ("colour",))
    with pytest.raises(UserError):
        traffic_light_table(ev, ("segment",))  # needs the membership


def test_level_shares_and_target_status():
    ev = events()
    m = membership(ev, SEGMENTS)
    res = traffic_light_table(ev, ("segment",), [2024], membership=m, population=POP)
    shares = level_shares(res, "cost_eur").set_index("segment")
    assert shares.loc["Lapset ja nuoret", "share_green"] == pytest.approx(200.5 / 1200.6)
    assert shares.loc["Lapset ja nuoret", "total"] == pytest.approx(1200.6)
    target = Target("Lapset ja nuoret", 2024, "green", "cost_eur", 0.15)
    status = target_status(target, shares.reset_index())
    assert status["status"] == "met" and status["actual"] == pytest.approx(200.5 / 1200.6)
    assert target_status(Target("Lapset ja nuoret", 2024, "red", "cost_eur", 0.5, at_least=False),
                         shares.reset_index())["status"] == "not_met"
    assert target_status(Target("Nobody", 2024, "red", "cost_eur", 0.5), shares.reset_index())["status"] == "no_data"


def test_group_totals_and_code_combinations_behind_a_service():
    from desktop.analysis.traffic_lights import code_combinations

    ev = events()
    m = membership(ev, SEGMENTS)
    res = traffic_light_table(ev, ("segment",), [2024], membership=m, population=POP)
    groups = res.group_totals.set_index("segment")
    assert groups.loc["Työikäiset", "clients"] == 2  # persons once over the levels
    assert groups.loc["Työikäiset", "contacts"] == 5
    assert groups.loc["Lapset ja nuoret", "cost_eur"] == pytest.approx(1200.6)
    combos = code_combinations(ev, [2024], {"segment": ["Lapset ja nuoret"], "service": ["Neuvola"]}, m)
    assert len(combos) == 1
    assert (combos.loc[0, "contacts"], combos.loc[0, "clients"]) == (2, 1)
    assert combos.loc[0, "cost_eur"] == pytest.approx(200.5)


@pytest.mark.parametrize("by", [(), ("service",), ("municipality",), ("segment",)])
def test_hundreds_of_persons_are_counted_without_overflow(by):
    """More persons than an int8 level code can multiply (a regression: 'Python integer 6962 out of
    bounds for int8' broke every table without the segment dimension on the demo store)."""
    rng = np.random.default_rng(11)
    levels = ["green", "yellow", "red", None]
    rows = [{"person": int(p), "birth_year": 1950 + int(p) % 60, "sex": "1", "municipality": "179",
             "level": levels[int(lv)], "cost_eur": 10.0, "service": "Neuvola" if lv < 2 else "Lastensuojelu"}
            for p, lv in zip(rng.integers(0, 700, 3000), rng.integers(0, 4, 3000), strict=True)]
    ev = frame(rows)
    m = membership(ev, SEGMENTS)
    res = traffic_light_table(ev, by, [2024], membership=m, population=POP)
    expected = {}
    for r in rows:
        expected.setdefault(r["level"] or "unclassified", set()).add(r["person"])
    totals = res.level_totals.set_index("level")["clients"]
    assert {lv: int(totals[lv]) for lv in expected} == {lv: len(s) for lv, s in expected.items()}
