"""The vectorised engine agrees with a plain per-event reading of the rules, for random events and
random rules over every operator (hypothesis)."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.analysis.classification import Classifier
from desktop.core.rules import AllocationRule, AuraClass, Classification, Condition, LevelRule, Service
from tests.classification.helpers import event, events_frame

FORMS = ["T21", "t22", " T22", "T11", "", "T71"]
GROUPS = ["lääkäri", "hammaslääkäri", "Terveydenhoitaja", ""]
REASONS = ["", "OAA42", "Z00.1 OAA43", "f32 J06", "F10.2", "oaa49 Z34"]
CODES = ["NEUVOLA-Ä", "NEUVOLA-L", "SUU", "", "VO-LÄÄK"]
VALUES = {"service_form": ["T21", "T22", "t11", "T7"], "professional_group": ["lääkäri", "HAMMASLÄÄKÄRI", "terveydenhoitaja"],
          "reasons": ["OAA42", "oaa43", "F", "F3", "Z00.1", "J06"], "service_code": ["NEUVOLA*", "*Ä", "SUU", "VO?LÄÄK", "NEU"]}
OPS = {"service_form": ["in", "not_in", "starts_with", "not_starts_with", "is_empty", "not_empty"],
       "professional_group": ["in", "not_in", "is_empty"],
       "reasons": ["any_of", "none_of", "starts_with", "not_starts_with", "is_empty", "not_empty"],
       "service_code": ["matches", "in", "starts_with"]}


def norm(v: str) -> str:
    return "".join(v.split()).upper()


def holds(c: Condition, ev: dict) -> bool:
    if c.field == "age":
        age = ev["age"]
        if c.op == "is_empty":
            return age < 0
        if c.op == "not_empty":
            return age >= 0
        return age >= 0 and (c.low is None or age >= c.low) and (c.high is None or age <= c.high)
    raw = ev[c.field]
    items = [norm(x) for x in raw.split()] if c.field == "reasons" else [norm(raw)]
    items = [x for x in items if x]
    vals = [norm(v) for v in c.values if norm(v)]
    if c.op == "is_empty":
        return not items
    if c.op == "not_empty":
        return bool(items)
    if c.op in ("in", "any_of"):
        return any(x in vals for x in items)
    if c.op in ("not_in", "none_of"):
        return not any(x in vals for x in items)
    if c.op == "starts_with":
        return any(x.startswith(v) for x in items for v in vals)
    if c.op == "not_starts_with":
        return not any(x.startswith(v) for x in items for v in vals)
    if c.op == "matches":
        pats = ["".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in v) + r"\Z" for v in vals]
        return any(re.match(p, x) for x in items for p in pats)
    raise AssertionError(c.op)


conditions = st.one_of(
    st.sampled_from(list(OPS)).flatmap(lambda f: st.builds(
        Condition, st.just(f), st.sampled_from(OPS[f]), st.lists(st.sampled_from(VALUES[f]), min_size=1, max_size=3)
        .map(tuple))),
    st.builds(lambda lo, hi: Condition("age", "between", low=lo, high=hi),
              st.one_of(st.none(), st.integers(0, 80)), st.one_of(st.none(), st.integers(0, 90)))
    .filter(lambda c: c.low is not None or c.high is not None).filter(lambda c: c.low is None or c.high is None
                                                                       or c.low <= c.high),
    st.builds(lambda op: Condition("age", op), st.sampled_from(["is_empty", "not_empty"])),
)
events = st.lists(st.builds(lambda f, g, r, c, a: event(service_form=f, professional_group=g, reasons=r,
                                                          service_code=c, age=a),
                            st.sampled_from(FORMS), st.sampled_from(GROUPS), st.sampled_from(REASONS),
                            st.sampled_from(CODES), st.integers(-1, 90)), min_size=1, max_size=25)
rules = st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.lists(conditions, max_size=3)), min_size=1, max_size=6)
level_rules = st.lists(st.tuples(st.sampled_from(["yellow", "red"]), st.lists(conditions, min_size=1, max_size=2)),
                       max_size=3)


MISSING = [event(service_form="", professional_group="", reasons="", service_code="", age=-1),
           event(service_form="T21", professional_group="lääkäri", reasons="F32 OAA42", service_code="SUU", age=30)]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events, rules, level_rules)
@example(MISSING, [("A", [Condition("service_form", "not_starts_with", ("T7",))])], [])
@example(MISSING, [("A", [Condition("reasons", "none_of", ("J06",))])], [])
@example(MISSING, [("A", [Condition("reasons", "not_starts_with", ("Z",))])], [])
@example(MISSING, [("A", [Condition("professional_group", "not_in", ("hammaslääkäri",))])], [])
@example(MISSING, [("B", [Condition("age", "is_empty")]), ("A", [])],
         [("red", [Condition("reasons", "is_empty")])])
def test_engine_matches_per_event_reading(rows, rule_list, levels):
    c = Classification(valid_from=2023, aura_classes=[AuraClass("1", "x")],
                       services=[Service(code=s, name=s, aura="1", level="green") for s in "ABC"],
                       rules=[AllocationRule(s, conds) for s, conds in rule_list])
    c.services[0].level_rules = [LevelRule(lv, conds) for lv, conds in levels]
    result = Classifier(events_frame(rows)).classify(c)
    for i, ev in enumerate(rows):
        want_service, want_level = -1, -1
        for rule in c.rules:
            if all(holds(k, ev) for k in rule.conditions):
                want_service = "ABC".index(rule.service)
                want_level = 0
                for lr in c.services[want_service].level_rules:
                    if all(holds(k, ev) for k in lr.conditions):
                        want_level = ("green", "yellow", "red").index(lr.level)
                        break
                break
        assert result.service[i] == want_service, (i, ev, [r.describe() for r in c.rules])
        assert result.level[i] == want_level
        age = ev["age"]
        want_stage = -1 if age < 0 else 0 if age < 18 else 1 if age < 65 else 2
        assert result.life_stage[i] == want_stage
    assert np.all(result.service[result.level < 0] == -1)
