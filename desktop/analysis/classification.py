"""Vectorised classification of service-use events: each event gets a service, a traffic-light
level and a life-cycle group from a `desktop.core.rules.Classification`.

How it is fast: the conditions are evaluated once per distinct value of each field (its
dictionary categories; the multi-valued `reasons` texts are split into codes once), the rules once
per DISTINCT combination of the fields they use (`classify_combos.Combos`), and the answers are
broadcast back to the events with numpy indexing. A rule first takes the combinations of its most
selective condition from an inverted index, so a classification of hundreds of rules costs little
more than one of a few. `Classifier` keeps the codes and combinations of one events frame, so
re-classifying after a rule edit only repeats the per-combination step.

Public entry point: `classify(events_df, classification) -> ClassifiedArrays`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.analysis.classify_combos import (
    COLLAPSE_MIN,
    Combos,
    FieldCodes,
    age_bands,
    age_breaks,
    collapse,
    column_codes,
    combine,
    take_rows,
)
from desktop.core.datasets import LEVELS, LIFE_STAGES
from desktop.core.rules import FIELDS, Classification, Condition

LEVEL_INDEX = {name: i for i, name in enumerate(LEVELS)}  # green 0, yellow 1, red 2
STAGE_INDEX = {name: i for i, name in enumerate(LIFE_STAGES)}  # children 0, working_age 1, elderly 2


@dataclass
class ComboResult:
    """The classification of each combination (arrays over `combos.n`).

    rule: index into classification.rules of the rule that took it (-1 none);
    service: index into classification.services (-1 unclassified); level: 0 green 1 yellow 2 red
    (-1 unclassified); level_rule: index into the service's level_rules that set the level (-1
    default); life_stage: 0 children 1 working age 2 elderly (-1 unknown age).
    """

    rule: np.ndarray
    service: np.ndarray
    level: np.ndarray
    level_rule: np.ndarray
    life_stage: np.ndarray


@dataclass
class ClassifiedArrays:
    """Per-event results of `classify` (same row order as the events frame).

    service: int16 index into classification.services, -1 unclassified;
    level: int8 0 green, 1 yellow, 2 red, -1 unclassified;
    life_stage: int8 0 children (0-17), 1 working age (18-64), 2 elderly (65+), -1 unknown age;
    rule: int16 index into classification.rules of the rule that took the event, -1 none;
    level_rule: int8 index into the service's level_rules that set the level, -1 default level.
    `combos` and `per_combo` keep the per-combination view for previews and conflict checks.
    """

    service: np.ndarray
    level: np.ndarray
    life_stage: np.ndarray
    rule: np.ndarray
    level_rule: np.ndarray
    combos: Combos
    per_combo: ComboResult


class Classifier:
    """The coded fields and combinations of one events frame, kept between classifications."""

    def __init__(self, events: pd.DataFrame):
        self.events = events
        self.n = len(events)
        self._fields: dict[str, FieldCodes] = {}
        self._combos: dict[tuple, Combos] = {}
        self._ages: np.ndarray | None = None
        self._costs: dict[int, np.ndarray] = {}
        self._bands: dict[tuple, np.ndarray] = {}
        self._base: dict[tuple, tuple] = {}
        self._event_costs: np.ndarray | None = None

    def field(self, name: str) -> FieldCodes:
        hit = self._fields.get(name)
        if hit is None:
            if name in self.events.columns:
                codes, cats = column_codes(self.events[name])
            else:
                codes, cats = np.full(self.n, -1, dtype=np.int8), []
            hit = FieldCodes(name, codes, cats)
            self._fields[name] = hit
        return hit

    def ages(self) -> np.ndarray | None:
        if "age" not in self.events.columns:
            return None
        if self._ages is None:
            column = self.events["age"]
            if column.dtype.kind in "iu":
                self._ages = column.to_numpy().astype(np.int16, copy=False)
            else:  # floats or nullable: missing -> -1 (unknown)
                self._ages = column.to_numpy(dtype=np.float64, na_value=-1).astype(np.int16)
        return self._ages

    def combos_for(self, classifications: list[Classification], group: np.ndarray | None = None,
                   group_key: object = None) -> Combos:
        """The distinct combinations of what the classifications' conditions look at (cached)."""
        conditions: list[Condition] = []
        for c in classifications:
            conditions += [cond for r in c.rules if r.enabled for cond in r.conditions]
            conditions += [cond for s in c.services for lr in s.level_rules for cond in lr.conditions]
        by_field: dict[str, dict[tuple, Condition]] = {}
        for cond in conditions:
            if FIELDS.get(cond.field) in ("code", "multi"):
                by_field.setdefault(cond.field, {})[(cond.op, cond.normalised_values())] = cond
        breaks = age_breaks(conditions)
        collapsed = {f: tuple(sorted(conds, key=repr)) for f, conds in by_field.items()
                     if FIELDS[f] == "multi" or len(self.field(f)) > COLLAPSE_MIN}
        key = (tuple(sorted(by_field)), breaks, tuple(sorted(collapsed.items())),
               group_key if len(classifications) > 1 else None)
        hit = self._combos.get(key)
        if hit is None:
            if len(self._combos) > 8:
                self._combos.clear()
            hit = self._build(by_field, collapsed, breaks, group, len(classifications), group_key)
            self._combos[key] = hit
        return hit

    def bands(self, breaks: tuple[int, ...]) -> np.ndarray:
        hit = self._bands.get(breaks)
        if hit is None:
            hit = age_bands(self.ages(), self.n, breaks)
            self._bands = {breaks: hit}
        return hit

    def _build(self, by_field, collapsed, breaks, group, n_groups, group_key) -> Combos:
        """Two stages: the fields used raw (and age band, group) first, cached; then the
        collapsed fields on top, so an edit of a collapsed field's condition redoes only stage two."""
        raw = [f for f in sorted(by_field) if f not in collapsed]
        row_codes: dict[str, np.ndarray] = {f: self.field(f).codes for f in raw}
        row_codes["age"] = self.bands(breaks)
        parts = [(self.field(f).codes, len(self.field(f)) + 1, 1) for f in raw]
        parts.append((row_codes["age"], len(breaks) + 1, 1))
        grouped = group is not None and n_groups > 1
        if grouped:
            parts.append((np.asarray(group), n_groups, 0))
        base_key = (tuple(raw), breaks, group_key if grouped else None)
        base = self._base.get(base_key)
        if base is None:
            base = combine(parts, self.n)
            self._base = {base_key: base}
        reps = {}
        if collapsed:
            parts2 = [(base[0], base[1], 0)]
            for f in sorted(collapsed):
                fc = self.field(f)
                class_of, rep = collapse(fc, [by_field[f][k] for k in collapsed[f]])
                row_codes[f] = class_of[fc.codes]
                reps[f] = rep
                parts2.append((row_codes[f], len(rep), 0))
            if all(radix == 1 for _codes, radix, _offset in parts2[1:]):  # no collapsed field splits a combination
                inverse, m, first = base
            else:
                inverse, m, first = combine(parts2, self.n)
        else:
            inverse, m, first = base
        codes = {f: np.asarray(c)[first].astype(np.int32) for f, c in row_codes.items()}
        grp = np.asarray(group)[first].astype(np.int16) if grouped else np.zeros(m, np.int16)
        return Combos(fields=tuple(sorted(by_field)), breaks=breaks, inverse=inverse, codes=codes,
                      band_age=np.array(breaks, dtype=np.float64), group=grp,
                      rows=np.bincount(inverse, minlength=m).astype(np.int64), first_row=first, rep=reps)

    def costs(self) -> np.ndarray:
        """Euros of each event (cost_eur; missing = 0), cached."""
        if self._event_costs is None:
            if "cost_eur" in self.events.columns:
                values = self.events["cost_eur"].to_numpy(dtype=np.float64, na_value=0.0)
                # the column itself when every euro is known (a copy of 8 bytes an event otherwise)
                self._event_costs = np.nan_to_num(values) if not np.isfinite(values).all() else values
            else:
                self._event_costs = np.zeros(self.n)
        return self._event_costs

    def combo_sums(self, combos: Combos) -> np.ndarray:
        """Euros per combination."""
        key = id(combos.inverse)
        hit = self._costs.get(key)
        if hit is None:
            hit = np.bincount(combos.inverse, weights=self.costs(), minlength=combos.n)
            if len(self._costs) > 8:
                self._costs.clear()
            self._costs[key] = hit
        return hit

    def classify(self, classification: Classification) -> ClassifiedArrays:
        combos = self.combos_for([classification])
        result = evaluate(self, combos, classification)
        return broadcast(combos, result)


def broadcast(combos: Combos, result: ComboResult) -> ClassifiedArrays:
    inv = combos.inverse
    return ClassifiedArrays(
        service=take_rows(result.service.astype(np.int16), inv),
        level=take_rows(result.level, inv),
        life_stage=take_rows(result.life_stage, inv),
        rule=take_rows(result.rule.astype(np.int16), inv),
        level_rule=take_rows(result.level_rule, inv),
        combos=combos,
        per_combo=result,
    )


def condition_mask(clf: Classifier, combos: Combos, cond: Condition, idx: np.ndarray | None) -> np.ndarray:
    """Does `cond` hold for the combinations `idx` (all when None)."""
    ok = combos.ok(None if cond.field == "age" else clf.field(cond.field), cond)
    codes = combos.codes[cond.field]
    return ok[codes] if idx is None else ok[codes[idx]]


def matching(clf: Classifier, combos: Combos, conditions: list[Condition],
             candidates: np.ndarray | None = None, exclude: np.ndarray | None = None) -> np.ndarray:
    """Sorted indices of the combinations where all `conditions` hold.

    Restricted to `candidates` when given, and skipping combinations where `exclude` is True.
    Without candidates, starts from the most selective condition's inverted-index lookup.
    """
    rest = list(conditions)
    if candidates is None:
        best = None
        for i, cond in enumerate(rest):
            ok = combos.ok(None if cond.field == "age" else clf.field(cond.field), cond)
            est = combos.estimate(cond.field, ok)
            if best is None or est < best[0]:
                best = (est, i, ok)
        if best is None:
            idx = np.arange(combos.n)
        else:
            _est, i, ok = best
            idx = combos.select(rest.pop(i).field, ok)
    else:
        idx = candidates
    if exclude is not None and len(idx):
        idx = idx[~exclude[idx]]
    for cond in rest:
        if not len(idx):
            break
        idx = idx[condition_mask(clf, combos, cond, idx)]
    return idx


def evaluate(clf: Classifier, combos: Combos, classification: Classification,
             active: np.ndarray | None = None, skip_rule: int = -1) -> ComboResult:
    """Classify the combinations (only those where `active` is True, when given).

    `skip_rule` leaves one allocation rule out (used to test whether removing it changes anything).
    """
    m = combos.n
    winner = np.full(m, -1, dtype=np.int32)
    taken = np.zeros(m, dtype=bool) if active is None else ~active
    services = classification.services
    svc_index = classification.service_index()
    for ri, rule in enumerate(classification.rules):
        if ri == skip_rule or not rule.enabled or rule.service not in svc_index:
            continue
        idx = matching(clf, combos, rule.conditions, exclude=taken)
        if len(idx):
            winner[idx] = ri
            taken[idx] = True
    rule_service = np.array([svc_index.get(r.service, -1) for r in classification.rules] + [-1], dtype=np.int32)
    service = rule_service[winner]
    default_level = np.array([LEVEL_INDEX.get(s.level, 0) for s in services] + [-1], dtype=np.int8)
    level = default_level[service]
    level_rule = np.full(m, -1, dtype=np.int8)
    with_levels = [i for i, s in enumerate(services) if s.level_rules]
    if with_levels:
        order = np.argsort(service, kind="stable")
        bounds = np.searchsorted(service[order], np.arange(len(services) + 1))
        for si in with_levels:
            lo, hi = bounds[si], bounds[si + 1]
            remaining = np.sort(order[lo:hi])
            for li, lr in enumerate(services[si].level_rules):
                if not len(remaining):
                    break
                hit = matching(clf, combos, lr.conditions, candidates=remaining)
                if len(hit):
                    level[hit] = LEVEL_INDEX.get(lr.level, 0)
                    level_rule[hit] = li
                    remaining = remaining[level_rule[remaining] < 0]
    by_age = combos.life_stage()
    fixed = np.array([STAGE_INDEX.get(s.allocation, -2) for s in services] + [-2], dtype=np.int8)
    stage_fixed = fixed[service]
    life_stage = np.where(stage_fixed >= 0, stage_fixed, by_age).astype(np.int8)
    return ComboResult(rule=winner, service=service.astype(np.int16), level=level, level_rule=level_rule,
                       life_stage=life_stage)


_CLASSIFIERS: dict[int, tuple[weakref.ref, Classifier]] = {}


def classifier_for(events: pd.DataFrame) -> Classifier:
    """The cached `Classifier` of an events frame (kept while the frame lives)."""
    key = id(events)
    hit = _CLASSIFIERS.get(key)
    if hit is not None and hit[0]() is events:
        return hit[1]
    for k in [k for k, (ref, _c) in _CLASSIFIERS.items() if ref() is None]:
        del _CLASSIFIERS[k]
    clf = Classifier(events)
    _CLASSIFIERS[key] = (weakref.ref(events), clf)
    return clf


def classify(events_df: pd.DataFrame, classification: Classification) -> ClassifiedArrays:
    """Classify every event of `events_df` with one classification version.

    `events_df` has the canonical event columns (desktop.core.datasets.EVENT_COLUMNS; text columns
    as Categorical, int codes or text; `age` in whole years, -1 unknown). Returns int codes per
    event (see ClassifiedArrays). Repeated calls on the same frame reuse its codes and combinations.
    """
    return classifier_for(events_df).classify(classification)
