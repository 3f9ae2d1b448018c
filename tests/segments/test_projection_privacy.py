"""Projection of clients with the base year's usage rates, and the "<5" rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from event_frames import frame, population

from desktop.analysis.privacy import shown_count, suppress_record, suppress_table
from desktop.analysis.segments import calibrate_need_thresholds, membership, project_clients, residents
from desktop.core.errors import UserError
from desktop.core.numbers import eur, fi_number, percent
from desktop.core.segments import Age, PopulationBase, Reasons, Segment


def _mt_events():
    recs = []
    pid = 0
    for sex, birth, n in (("1", 2012, 2), ("2", 2010, 1), ("1", 1980, 3), ("2", 1990, 0)):
        for _ in range(n):
            recs.append({"person": pid, "sex": sex, "birth_year": birth, "reasons": "F32"})
            pid += 1
    recs.append({"person": pid, "sex": "2", "birth_year": 1990, "reasons": "J06"})  # not a client of the segment
    return frame(recs)


POP = population([
    ("179", 2024, 0, 17, "1", 100), ("179", 2024, 0, 17, "2", 200),
    ("179", 2024, 18, 64, "1", 1000), ("179", 2024, 18, 64, "2", 1100),
    ("179", 2030, 0, 17, "1", 150, 1), ("179", 2030, 0, 17, "2", 180, 1),
    ("179", 2030, 18, 64, "1", 900, 1), ("179", 2030, 18, 64, "2", 5000, 1),
])


def test_projection_against_a_hand_calculation():
    m = membership(_mt_events(), [Segment("mt", Reasons(("F20-F99",)))])
    proj = project_clients(m, POP, 2024, [2030])
    observed = proj[proj.kind == "observed"]
    assert observed.clients.tolist() == [6.0]
    projected = proj[proj.kind == "projected"].iloc[0]
    # rates: boys 2/100, girls 1/200, men 3/1000, women 0/1100
    assert projected.clients == pytest.approx(2 / 100 * 150 + 1 / 200 * 180 + 3 / 1000 * 900 + 0 * 5000)
    assert projected.year == 2030


def test_projection_respects_the_segment_age_limits_and_needs_a_forecast():
    m = membership(_mt_events(), [Segment("mt-lapset", Reasons(("F20-F99",))), Segment("lapset", Age(0, 17))])
    proj = project_clients(m, POP, 2024, [2030]).set_index(["segment", "kind"])
    assert proj.loc[("lapset", "projected"), "clients"] == pytest.approx(2 / 100 * 150 + 1 / 200 * 180)
    with pytest.raises(UserError):
        project_clients(m, POP, 2024, [2031])
    with pytest.raises(UserError):
        project_clients(m, POP[POP.year != 2024], 2024, [2030])


def test_residents_prorates_bands_and_sexes():
    pop = population([("179", 2024, 0, 9, "", 100), ("179", 2024, 10, 19, "1", 50), ("182", 2024, 0, 9, "", 40)])
    assert residents(pop, 2024, PopulationBase(0, 4)) == pytest.approx(50 + 20)
    assert residents(pop, 2024, PopulationBase(0, 4, "2")) == pytest.approx(25 + 10)
    assert residents(pop, 2024, PopulationBase(8, 12, "1", ("179",))) == pytest.approx(100 * 0.2 * 0.5 + 50 * 0.3)
    assert np.isnan(residents(pop, 2025, PopulationBase()))


def test_calibrated_thresholds_give_roughly_60_30_10():
    rng = np.random.default_rng(7)
    n = 20_000
    cost = np.round(rng.lognormal(5.5, 1.4, n), 2)
    level = np.where(rng.random(n) < 0.05, "red", np.where(rng.random(n) < 0.4, "yellow", "green"))
    events = frame([{"person": i, "cost_eur": float(cost[i]), "level": str(level[i])} for i in range(n)])
    need = [Segment("s", Reasons(("X",)))]
    m = membership(events, need)
    th = calibrate_need_thresholds(m.year_events[2024])
    from desktop.analysis.segments import classify_need

    ye = m.year_events[2024]
    levels = classify_need(ye.euros_per_person(), ye.heaviest_level(), ye.active, th)
    shares = np.bincount(levels, minlength=4)[1:] / n
    assert shares == pytest.approx([0.6, 0.3, 0.1], abs=0.01)
    assert th.wider_eur < th.high_red_eur < th.high_eur


def test_small_groups_are_shown_as_less_than_five():
    assert [shown_count(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]
    table = pd.DataFrame({"segment": ["a", "b", "c"], "clients": [3, 5, 0], "contacts": [7, 9, 0],
                          "cost_eur": [100.5, 200.0, 0.0], "eur_per_client": [33.5, 40.0, np.nan]})
    out = suppress_table(table)
    assert out["clients"].tolist() == ["<5", 5, 0]
    assert out.loc[0, "contacts"] is None and out.loc[0, "cost_eur"] is None and out.loc[0, "eur_per_client"] is None
    assert out.loc[1, "cost_eur"] == 200.0
    assert table["clients"].tolist() == [3, 5, 0]  # the input is not changed
    rec = suppress_record({"clients": 2, "contacts": 10, "cost_eur": 5.5, "level": "red"})
    assert rec == {"clients": "<5", "contacts": None, "cost_eur": None, "level": "red"}
    assert suppress_record({"persons": 6, "events": 3}) == {"persons": 6, "events": 3}


def test_finnish_number_formatting():
    assert fi_number(1234567.891, 2) == "1\u00a0234\u00a0567,89"
    assert eur(1500, lang="fi") == "1\u00a0500\u00a0€"
    assert percent(0.3412, lang="fi") == "34\u00a0%"
    assert fi_number("<5") == "<5" and fi_number(None) == "–"


def test_population_bases_narrow_to_nobody_when_areas_do_not_overlap():
    a = PopulationBase(municipalities=("179",)).narrowed(PopulationBase(municipalities=("182",)))
    assert a.municipalities == ("-",)
    pop = population([("179", 2024, 0, 100, "", 100), ("182", 2024, 0, 100, "", 50)])
    assert residents(pop, 2024, a) == 0
    from desktop.analysis.traffic_lights import PopulationIndex

    assert PopulationIndex(pop).residents([2024], a) == 0
    both = PopulationBase(0, 17, "2", ("179", "182")).narrowed(PopulationBase(10, 64, "", ("182",)))
    assert both == PopulationBase(10, 17, "2", ("182",))
