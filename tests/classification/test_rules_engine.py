"""Rule order, shadowing, multi-valued reasons, prefixes, patterns, ranges and versions by year."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.analysis.classification import Classifier, classify
from desktop.analysis.classify_report import conflicts, coverage, rule_stats, unclassified_combinations
from desktop.core.errors import UserError
from desktop.core.rules import (
    AllocationRule,
    AuraClass,
    Classification,
    Condition,
    LevelRule,
    Service,
    condition_implies,
    logically_shadowed,
    version_for_year,
)
from desktop.services.classification import classified_events, load_versions, save_classification
from tests.classification.helpers import event, events_frame, store_with_events


def make(rules, services=("A", "B", "C"), valid_from=2023, level_rules=None) -> Classification:
    level_rules = level_rules or {}
    return Classification(
        valid_from=valid_from, aura_classes=[AuraClass("1", "Luokka")],
        services=[Service(code=s, name=f"Palvelu {s}", aura="1", level_rules=level_rules.get(s, [])) for s in services],
        rules=[AllocationRule(s, list(conds)) for s, conds in rules])


def services_of(frame, c):
    result = classify(frame, c)
    return [c.services[i].code if i >= 0 else None for i in result.service]


def test_first_matching_rule_wins_and_order_matters():
    frame = events_frame([event(service_form="T11", professional_group="lääkäri"),
                          event(service_form="T11", professional_group="sairaanhoitaja"),
                          event(service_form="T12")])
    a_first = make([("A", [Condition("service_form", "in", ("T11",))]),
                    ("B", [Condition("professional_group", "in", ("lääkäri",))])])
    assert services_of(frame, a_first) == ["A", "A", None]
    b_first = make([("B", [Condition("professional_group", "in", ("lääkäri",))]),
                    ("A", [Condition("service_form", "in", ("T11",))])])
    assert services_of(frame, b_first) == ["B", "A", None]


def test_case_and_space_insensitive_codes():
    frame = events_frame([event(service_form=" t 21"), event(service_form="T21"), event(service_form="T2")])
    c = make([("A", [Condition("service_form", "in", ("T21 ",))])])
    assert services_of(frame, c) == ["A", "A", None]


def test_multi_valued_reasons_any_of_none_of_and_prefixes():
    frame = events_frame([event(reasons="Z00.1 OAA42"), event(reasons="F32"), event(reasons="F10.2 J06"),
                          event(reasons=""), event(reasons="J06")])
    any_of = make([("A", [Condition("reasons", "any_of", ("oaa42", "X1"))])])
    assert services_of(frame, any_of) == ["A", None, None, None, None]
    prefix = make([("A", [Condition("reasons", "starts_with", ("F",))])])
    assert services_of(frame, prefix) == [None, "A", "A", None, None]
    none_of = make([("A", [Condition("reasons", "none_of", ("J06",))])])
    assert services_of(frame, none_of) == ["A", "A", None, "A", None]
    not_prefix = make([("A", [Condition("reasons", "not_starts_with", ("F1",))]),
                       ("B", [Condition("reasons", "is_empty")])])
    assert services_of(frame, not_prefix) == ["A", "A", None, "A", "A"]


def test_code_prefix_pattern_age_range_and_negation_with_missing():
    frame = events_frame([event(service_code="NEUVOLA-Ä", age=30), event(service_code="NEUVOLA-L", age=3),
                          event(service_code="KOULU", age=12), event(service_code="", age=-1),
                          event(service_code="XNEUVOLA", age=70)])
    pattern = make([("A", [Condition("service_code", "matches", ("neuvola*",))])])
    assert services_of(frame, pattern) == ["A", "A", None, None, None]
    pattern2 = make([("A", [Condition("service_code", "matches", ("*NEUVOLA?L",))])])
    assert services_of(frame, pattern2) == [None, "A", None, None, None]
    prefix = make([("A", [Condition("service_code", "starts_with", ("NEU", "KOU"))])])
    assert services_of(frame, prefix) == ["A", "A", "A", None, None]
    ages = make([("A", [Condition("age", "between", low=0, high=17)]),
                 ("B", [Condition("age", "between", low=65)]), ("C", [Condition("age", "is_empty")])])
    assert services_of(frame, ages) == [None, "A", "A", "C", "B"]
    negation = make([("A", [Condition("service_code", "not_in", ("KOULU",))])])
    assert services_of(frame, negation) == ["A", "A", None, "A", "A"]  # a missing code is "not in"


def test_level_rules_override_default_in_order():
    frame = events_frame([event(service_form="T22", visit_nature="SH", reasons="OAA49"),
                          event(service_form="T22", visit_nature="TH", reasons="OAA49"),
                          event(service_form="T22", visit_nature="TH")])
    c = make([("A", [Condition("service_form", "in", ("T22",))])],
             level_rules={"A": [LevelRule("red", [Condition("visit_nature", "in", ("SH",))]),
                                LevelRule("yellow", [Condition("reasons", "any_of", ("OAA49",))])]})
    result = classify(frame, c)
    assert list(result.level) == [2, 1, 0]
    assert list(result.level_rule) == [0, 1, -1]


def test_shadowed_redundant_and_unused_rules_are_flagged():
    frame = events_frame([event(service_form="T11", professional_group="lääkäri"),
                          event(service_form="T11", professional_group="hoitaja"),
                          event(service_form="T21")])
    c = make([
        ("A", [Condition("service_form", "in", ("T11", "T12"))]),  # 0: takes both T11 events
        ("B", [Condition("service_form", "in", ("T11",)), Condition("professional_group", "in", ("lääkäri",))]),  # 1
        ("C", [Condition("service_form", "starts_with", ("T2",))]),  # 2: takes T21
        ("C", [Condition("service_form", "in", ("T21",))]),  # 3: shadowed logically by 2
        ("B", [Condition("professional_group", "in", ("hoitaja",))]),  # 4: shadowed on the data only
        ("A", [Condition("service_form", "in", ("T99",))]),  # 5: no events
    ])
    clf = Classifier(frame)
    arrays = clf.classify(c)
    found = {(x.kind, x.rule) for x in conflicts(clf, arrays.combos, c, arrays.per_combo)}
    assert ("shadowed_logically", 1) in found  # T11 & lääkäri is within T11/T12
    assert ("shadowed_logically", 3) in found
    assert ("shadowed", 4) in found
    assert ("no_events", 5) in found
    # rule 3 (same service) would take rule 2's events: removing rule 2 alone changes nothing either
    assert ("redundant", 2) in found
    assert not any(rule == 0 for _k, rule in found)
    stats = rule_stats(clf, arrays.combos, c)
    assert list(stats.taken) == [2, 0, 1, 0, 0, 0] and list(stats.matched) == [2, 1, 1, 1, 1, 0]


def test_redundant_rule_whose_events_go_to_the_same_service_anyway():
    frame = events_frame([event(service_form="T11", professional_group="lääkäri"), event(service_form="T11")])
    c = make([("A", [Condition("professional_group", "in", ("lääkäri",))]),
              ("A", [Condition("service_form", "in", ("T11",))])])
    clf = Classifier(frame)
    arrays = clf.classify(c)
    kinds = {(x.kind, x.rule) for x in conflicts(clf, arrays.combos, c, arrays.per_combo)}
    assert kinds == {("redundant", 0)}
    c.rules[1].service = "B"  # now removing rule 0 would move the doctor's event to B
    arrays = clf.classify(c)
    assert conflicts(clf, arrays.combos, c, arrays.per_combo) == []


def test_logical_implication_cases():
    C = Condition
    assert condition_implies(C("service_form", "in", ("T21",)), C("service_form", "in", ("T21", "T22")))
    assert not condition_implies(C("service_form", "in", ("T21", "T23")), C("service_form", "in", ("T21", "T22")))
    assert condition_implies(C("reasons", "any_of", ("F32",)), C("reasons", "starts_with", ("F",)))
    assert condition_implies(C("age", "between", low=3, high=5), C("age", "between", low=0, high=17))
    assert not condition_implies(C("age", "between", low=3), C("age", "between", low=0, high=17))
    assert condition_implies(C("professional_group", "in", ("lääkäri",)),
                             C("professional_group", "not_in", ("hammaslääkäri",)))
    assert not condition_implies(C("reasons", "any_of", ("F32",)), C("reasons", "none_of", ("J06",)))
    rules = [AllocationRule("A", []), AllocationRule("B", [C("service_form", "in", ("T1",))])]
    assert logically_shadowed(rules) == {1: 0}


def test_coverage_and_largest_unclassified_combinations():
    frame = events_frame([event(service_form="T11", cost_eur=10.0, person_id="a"),
                          event(service_form="T71", service_code="SUU", cost_eur=50.0, person_id="a"),
                          event(service_form="T71", service_code="SUU", cost_eur=30.0, person_id="b"),
                          event(service_form="", service_code="TPA", cost_eur=500.0, person_id="c")])
    c = make([("A", [Condition("service_form", "in", ("T11",))])])
    arrays = classify(frame, c)
    cov = coverage(frame, arrays)
    assert cov["events_classified"] == 1 and cov["events"] == 4
    assert cov["euros_classified"] == pytest.approx(10.0) and cov["euro_share"] == pytest.approx(10 / 590)
    top = unclassified_combinations(frame, arrays)
    assert list(top["service_code"]) == ["SUU", "TPA"]
    assert list(top["events"]) == [2, 1] and list(top["persons"]) == [2, 1]
    assert list(top["euros"]) == [80.0, 500.0]


def test_versions_by_year(tmp_path):
    store = store_with_events(tmp_path / "t.sote", [event(year=2021, service_form="T11"),
                                                    event(year=2022, service_form="T11"),
                                                    event(year=2024, service_form="T11")])
    try:
        old = make([("A", [Condition("service_form", "in", ("T11",))])], valid_from=2020)
        new = make([("B", [Condition("service_form", "in", ("T11",))])], valid_from=2022)
        old.services[0].name = "Vanha"
        new.services[1].name = "Uusi"
        for v in load_versions(store):  # drop the default
            from desktop.services.classification import delete_version

            delete_version(store, v.valid_from)
        save_classification(store, old)
        save_classification(store, new)
        assert [v.valid_from for v in load_versions(store)] == [2020, 2022]
        frame = classified_events(store)
        assert list(frame["service"]) == ["Vanha", "Uusi", "Uusi"]
        assert list(classified_events(store, 2021)["service"]) == ["Vanha"]
        versions = load_versions(store)
        assert [version_for_year(versions, y) for y in (2019, 2020, 2021, 2022, 2030)] == [0, 0, 0, 1, 1]
    finally:
        store.close()


def test_saving_an_invalid_classification_is_refused(tmp_path):
    store = store_with_events(tmp_path / "t.sote", [event()])
    try:
        before = load_versions(store)
        bad = make([("NOPE", [Condition("service_form", "in", ("T11",))])])
        with pytest.raises(UserError):
            save_classification(store, bad)
        assert [v.to_dict() for v in load_versions(store)] == [v.to_dict() for v in before]
    finally:
        store.close()


def test_store_round_trip_keeps_everything(tmp_path):
    from desktop.services.classification import default_classification

    store = store_with_events(tmp_path / "t.sote", [event()])
    try:
        assert load_versions(store)[0].to_dict() == default_classification().to_dict()
    finally:
        store.close()


def test_default_classifies_every_demo_event_kind_with_its_hints():
    from desktop.demo.vocabulary import EVENT_KINDS
    from desktop.services.classification import default_classification

    c = default_classification()
    rows, kinds = [], []
    for kind in EVENT_KINDS:
        for group in kind.professional_groups:
            rows.append(event(service_code=kind.service_code, service_form=kind.service_form,
                              professional_group=group, visit_nature="TH", reasons="", special_law=kind.special_law))
            kinds.append(kind)
    result = classify(events_frame(rows), c)
    assert (result.service >= 0).all()
    for i, kind in enumerate(kinds):
        svc = c.services[result.service[i]]
        assert c.aura_class(svc.aura).name == kind.aura, kind.key
        assert svc.structure == kind.structure, kind.key
    # the default level of each kind's service: doctor's reception is yellow, nurse's green
    by_kind = {}
    for i, kind in enumerate(kinds):
        by_kind.setdefault(kind.key, set()).add(c.services[result.service[i]].level)
    for kind in EVENT_KINDS:
        assert kind.level_hint in by_kind[kind.key], kind.key
    assert np.unique(result.service).size >= 20
