"""The seed's worked example ("Esimerkki luokittelusäännöstön laatimisesta") on a hand-built event
set, through the default classification and `classified_events`.

Hand count of the 12 events below:
- maternity/child clinic service (T21/T22, not dental staff): events 1-5, 8, 9, 10 -> 8 events;
  green: 1 (TH), 5 (TH, Z00.1), 9 (OAA44 is not a listed reason), 10 (no professional group) -> 4;
  yellow: 2 (SH), 3 (OAA42), 4 (oaa49, lower case), 8 (OAA43) -> 4; all 8 to children, also the
  mothers of events 1 and 2 (aged 29 and 31);
- dental care: 6 and 7 (T22 by dental staff);
- doctor's reception: 11 (T11, lääkäri, elderly by age 70);
- unclassified: 12.
"""

from __future__ import annotations

import numpy as np

from desktop.analysis.classification import classify
from desktop.services.classification import classified_events, default_classification, load_classification
from tests.classification.helpers import event, events_frame, store_with_events

NEUVOLA = "Äitiys- ja lastenneuvolapalvelut"

ROWS = [
    event(person_id="m1", service_form="T21", professional_group="terveydenhoitaja", visit_nature="TH", reasons="Z34", age=29),
    event(person_id="m2", service_form="T21", professional_group="kätilö", visit_nature="SH", reasons="Z35", age=31),
    event(person_id="c1", service_form="T22", professional_group="terveydenhoitaja", visit_nature="TH",
          reasons="OAA42 Z00.1", age=1),
    event(person_id="c2", service_form="T22", professional_group="lääkäri", visit_nature="TH", reasons="oaa49", age=2),
    event(person_id="c3", service_form=" t22 ", professional_group="terveydenhoitaja", visit_nature="TH",
          reasons="Z00.1", age=2),
    event(person_id="c3", service_form="T22", professional_group="hammaslääkäri", visit_nature="TH", reasons="K02", age=3),
    event(person_id="c4", service_form="T22", professional_group="suuhygienisti", visit_nature="TH", reasons="K02", age=4),
    event(person_id="c4", service_form="T22", professional_group="terveydenhoitaja", visit_nature="TH",
          reasons="Z00.1 OAA43", age=4),
    event(person_id="c5", service_form="T22", professional_group="terveydenhoitaja", visit_nature="TH", reasons="OAA44", age=5),
    event(person_id="m3", service_form="T21", professional_group="", visit_nature="TH", reasons="", age=35),
    event(person_id="e1", service_form="T11", professional_group="lääkäri", visit_nature="SH", reasons="J06", age=70),
    event(person_id="x1", service_form="T99", service_code="TUNTEMATON", age=50),
]


def test_default_contains_the_worked_example_exactly():
    c = default_classification()
    svc = next(s for s in c.services if s.name == NEUVOLA)
    assert c.aura_class(svc.aura).name == NEUVOLA
    assert (svc.structure, svc.law, svc.level, svc.allocation) == ("avo", "Terveydenhuoltolaki 15 §", "green", "children")
    rules = c.rules_of(svc.code)
    assert len(rules) == 1
    conds = {(k.field, k.op): set(k.values) for k in rules[0].conditions}
    assert conds == {("service_form", "in"): {"T21", "T22"},
                     ("professional_group", "not_in"): {"hammaslääkäri", "suuhygienisti", "hammashoitaja"}}
    levels = [(lr.level, [(k.field, k.op, set(k.values)) for k in lr.conditions]) for lr in svc.level_rules]
    assert levels == [("yellow", [("visit_nature", "in", {"SH"})]),
                      ("yellow", [("reasons", "any_of", {"OAA42", "OAA43", "OAA49"})])]


def test_worked_example_on_hand_built_events(tmp_path):
    c = default_classification()
    result = classify(events_frame(ROWS), c)
    names = np.array([c.services[i].name if i >= 0 else "" for i in result.service], dtype=object)
    neuvola = names == NEUVOLA
    assert list(np.flatnonzero(neuvola) + 1) == [1, 2, 3, 4, 5, 8, 9, 10]
    assert list(np.flatnonzero(neuvola & (result.level == 0)) + 1) == [1, 5, 9, 10]
    assert list(np.flatnonzero(neuvola & (result.level == 1)) + 1) == [2, 3, 4, 8]
    assert set(result.life_stage[neuvola]) == {0}
    assert list(names[[5, 6]]) == ["Suun terveydenhuollon palvelut"] * 2
    assert names[10] == "Lääkärin vastaanotto" and result.life_stage[10] == 2 and result.level[10] == 1
    assert result.service[11] == -1 and result.level[11] == -1 and result.life_stage[11] == 1


def test_classified_events_contract(tmp_path):
    store = store_with_events(tmp_path / "t.sote", ROWS)
    try:
        frame = classified_events(store)
        assert len(frame) == len(ROWS)
        assert str(frame["year"].dtype) == "int16" and set(frame["year"]) == {2024}
        for col in ("service", "aura", "structure", "level", "life_stage"):
            assert str(frame[col].dtype) == "category"
        assert list(frame["level"].cat.categories) == ["green", "yellow", "red", "unclassified"]
        assert list(frame["life_stage"].cat.categories) == ["children", "working_age", "elderly"]
        neuvola = frame[frame["service"] == NEUVOLA]
        assert len(neuvola) == 8
        assert neuvola["level"].value_counts().to_dict() == {"green": 4, "yellow": 4, "red": 0, "unclassified": 0}
        assert set(neuvola["life_stage"]) == {"children"} and set(neuvola["aura"]) == {NEUVOLA}
        assert set(neuvola["structure"]) == {"avo"}
        last = frame.iloc[11]
        assert last["level"] == "unclassified" and last["service"] != last["service"]  # NaN
        assert last["life_stage"] == "working_age"
        assert classified_events(store) is frame  # cached
        assert len(classified_events(store, 2024)) == 12 and len(classified_events(store, 2023)) == 0
        assert load_classification(store).valid_from == 2023
    finally:
        store.close()
