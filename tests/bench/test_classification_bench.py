"""Classification speed: 3.5 M events, 200 services, 400 allocation rules (plus level rules).

Targets (issue 4): first classification <= 0.5 s, re-classification after one rule edit <= 0.3 s.
The full size runs with `pytest tests/bench/test_classification_bench.py --bench` and prints the
figures; the small version always runs and checks the same code path gives the same answer as a
plain per-event evaluation.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from desktop.analysis.classification import Classifier
from desktop.core.rules import AllocationRule, AuraClass, Classification, Condition, LevelRule, Service

N_SERVICES = 200
N_REASON_TEXTS = 5000
# age limits as the planners use them (life-cycle groups and the limits of the special laws)
AGE_RANGES = ((0, 17), (18, 64), (65, None), (0, 6), (7, 12), (13, 17), (18, 24), (25, 29))


def bench_events(n: int, seed: int = 3) -> pd.DataFrame:
    """Events shaped like an export of a whole county: 250 service codes, 30 service forms,
    20 professional groups, 5,000 distinct reason texts of 1-3 codes, ages 0-100."""
    rng = np.random.default_rng(seed)
    codes = np.array([f"S{i:03d}" for i in range(250)], dtype=object)
    forms = np.array([f"T{i}" for i in range(10, 40)], dtype=object)
    profs = np.array([f"ammatti{i}" for i in range(20)], dtype=object)
    pool = [f"{c}{d:02d}.{e}" if e else f"{c}{d:02d}" for c in "FIJKMZ" for d in range(20) for e in range(3)]
    distinct: dict[str, None] = {}
    while len(distinct) < N_REASON_TEXTS:
        distinct[" ".join(rng.choice(pool, rng.integers(1, 4), replace=False))] = None
    texts = np.array(list(distinct), dtype=object)
    # a service code comes with few forms and groups, as in real exports
    kind = rng.integers(0, 250, n)
    form_of = rng.integers(0, 30, (250, 2))
    prof_of = rng.integers(0, 20, (250, 3))
    pick2 = rng.integers(0, 2, n)
    pick3 = rng.integers(0, 3, n)

    def cat(values, codes_):
        return pd.Categorical.from_codes(codes_.astype(np.int32), categories=pd.Index(values, dtype=object))

    return pd.DataFrame({
        "person_id": pd.Categorical.from_codes(rng.integers(0, 1_500_000, n).astype(np.int32),
                                               categories=pd.RangeIndex(1_500_000).astype(str)),
        "date": rng.integers(19358, 20089, n).astype(np.int32),
        "age": rng.integers(0, 101, n).astype(np.int16),
        "service_code": cat(codes, kind),
        "service_form": cat(forms, form_of[kind, pick2]),
        "professional_group": cat(profs, prof_of[kind, pick3]),
        "visit_nature": cat(np.array(["TH", "SH", "MU"], dtype=object), rng.integers(0, 3, n)),
        "reasons": cat(texts, (kind * 17 + rng.integers(0, 40, n)) % N_REASON_TEXTS),
        "special_law": cat(np.array(["VPL", "KVL"], dtype=object), np.where(rng.random(n) < 0.03, 0, -1)),
        "producer": cat(np.array(["own", "purchased", "voucher"], dtype=object), rng.integers(0, 3, n)),
        "cost_eur": rng.gamma(2.0, 60.0, n),
    })


def bench_classification(seed: int = 5) -> Classification:
    """200 services with two allocation rules each and level rules on every other service."""
    rng = np.random.default_rng(seed)
    services, rules = [], []
    for i in range(N_SERVICES):
        code = f"P{i:03d}"
        level_rules = []
        if i % 2 == 0:
            level_rules = [LevelRule("yellow", [Condition("visit_nature", "in", ("SH",))]),
                           LevelRule("red", [Condition("reasons", "any_of", (f"F{i % 20:02d}", "I05"))])]
        services.append(Service(code=code, name=f"Palvelu {i}", aura="A1", level=("green", "yellow", "red")[i % 3],
                                level_rules=level_rules))
        forms = tuple(f"T{int(v)}" for v in rng.integers(10, 40, 3))
        rules.append(AllocationRule(code, [Condition("service_code", "in", (f"S{i:03d}",)),
                                           Condition("service_form", "in", forms)]))
        rules.append(AllocationRule(code, [Condition("service_code", "starts_with", (f"S{i % 25:02d}",)),
                                           Condition("age", "between", low=AGE_RANGES[i % 8][0],
                                                     high=AGE_RANGES[i % 8][1]),
                                           Condition("professional_group", "not_in", ("ammatti3",))]))
    return Classification(valid_from=2023, aura_classes=[AuraClass("A1", "Luokka")], services=services,
                          rules=rules)


def reference_levels(events: pd.DataFrame, classification: Classification) -> tuple[np.ndarray, np.ndarray]:
    """Plain per-event evaluation (slow; for the small version only)."""
    from desktop.core.rules import normalise_code

    def holds(cond, row) -> bool:
        if cond.field == "age":
            return (cond.low is None or row["age"] >= cond.low) and (cond.high is None or row["age"] <= cond.high)
        raw = row[cond.field]
        raw = "" if pd.isna(raw) else str(raw)
        vals = cond.normalised_values()
        items = [normalise_code(x) for x in raw.split()] if cond.field == "reasons" else [normalise_code(raw)]
        items = [x for x in items if x]
        if cond.op in ("in", "any_of"):
            return any(x in vals for x in items)
        if cond.op in ("not_in", "none_of"):
            return not any(x in vals for x in items)
        if cond.op == "starts_with":
            return any(x.startswith(v) for x in items for v in vals)
        raise AssertionError(cond.op)

    index = classification.service_index()
    service = np.full(len(events), -1)
    level = np.full(len(events), -1)
    for i, row in enumerate(events.to_dict("records")):
        for rule in classification.rules:
            if all(holds(c, row) for c in rule.conditions):
                s = classification.services[index[rule.service]]
                service[i] = index[rule.service]
                level[i] = ("green", "yellow", "red").index(s.level)
                for lr in s.level_rules:
                    if all(holds(c, row) for c in lr.conditions):
                        level[i] = ("green", "yellow", "red").index(lr.level)
                        break
                break
    return service, level


def _run(n: int, repeats: int = 1) -> dict:
    """Classify `n` events (fresh Classifier each time), then again after one rule edit.

    Times are the best of `repeats` runs (the machine is shared; the minimum is the cost itself),
    as wall-clock seconds and as the process's CPU seconds.
    """
    events = bench_events(n)
    classification = bench_classification()
    edited = classification.copy()
    edited.rules[101].conditions[0] = Condition("service_code", "in", ("S050", "S051", "S249"))
    # an edit of a many-valued (collapsed) field: reasons of a level rule
    edited2 = edited.copy()
    edited2.services[4].level_rules[1].conditions[0] = Condition("reasons", "any_of", ("F07", "J11.1", "Z19"))
    firsts, edits, edits2, cpu = [], [], [], {"first": [], "edit": [], "reasons": []}
    for _ in range(repeats):
        clf = Classifier(events)
        t0, c0 = time.perf_counter(), time.process_time()
        first = clf.classify(classification)
        firsts.append(time.perf_counter() - t0)
        cpu["first"].append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        second = clf.classify(edited)
        edits.append(time.perf_counter() - t0)
        cpu["edit"].append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        third = clf.classify(edited2)
        edits2.append(time.perf_counter() - t0)
        cpu["reasons"].append(time.process_time() - c0)
    return {"events": n, "combinations": first.combos.n, "first_s": min(firsts), "edit_s": min(edits),
            "cpu": {k: min(v) for k, v in cpu.items()},
            "all_first_s": firsts, "all_edit_s": edits, "reasons_edit_s": min(edits2), "all_reasons_edit_s": edits2,
            "third": third, "edited2": edited2,
            "classified": float((first.service >= 0).mean()), "first": first, "second": second,
            "events_df": events, "classification": classification, "edited": edited}


def test_small_classification_matches_per_event_evaluation():
    result = _run(3000)
    service, level = reference_levels(result["events_df"], result["classification"])
    assert np.array_equal(result["first"].service, service)
    assert np.array_equal(result["first"].level, level)
    service2, level2 = reference_levels(result["events_df"], result["edited"])
    assert np.array_equal(result["second"].service, service2)
    assert np.array_equal(result["second"].level, level2)
    service3, level3 = reference_levels(result["events_df"], result["edited2"])
    assert np.array_equal(result["third"].service, service3)
    assert np.array_equal(result["third"].level, level3)
    assert 0.2 < result["classified"] < 1.0


@pytest.mark.bench
def test_full_size_classification_speed():
    result = _run(3_500_000, repeats=3)
    print(f"\nclassification: {result['events']:,} events, {result['combinations']:,} combinations, "
          f"first {result['first_s']:.3f} s (runs {[round(x, 3) for x in result['all_first_s']]}), "
          f"after one rule edit {result['edit_s']:.3f} s (runs {[round(x, 3) for x in result['all_edit_s']]}), "
          f"after a reasons edit {result['reasons_edit_s']:.3f} s "
          f"(runs {[round(x, 3) for x in result['all_reasons_edit_s']]}), "
          f"classified {result['classified']:.1%}; CPU time (best): {result['cpu']}")
    # The machine is shared (2 cores, several engineers): wall time includes waiting for a core, so
    # the targets are checked on the process's own CPU time; both are printed.
    assert result["cpu"]["first"] <= 0.5
    assert result["cpu"]["edit"] <= 0.3
    assert result["cpu"]["reasons"] <= 0.3
