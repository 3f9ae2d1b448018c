"""What the classification's figures may show: the editor's per-rule preview (events, persons, euros each
allocation rule takes), the service's green / yellow / red split and its level rules, the coverage
(classified, unclassified and all events) and the largest unclassified combinations, as the check
command prints them.

Primary and complementary suppression through desktop.analysis.disclosure, over the lines these
figures add up along: each service's rules with the service (the sum of the rules shown), every rule
with the classified events, the services with the classified events, classified + unclassified = all
events, a service's levels with the service, the level rules setting a level with that level of the
service (at the service's default level also the events no level rule sets: never shown, so a line
holding them gives nothing away), and the unclassified combinations with the unclassified events when
they are all listed. A rule's "matched" events (on its own) are hidden with its taken figures and
when fewer than N persons match it.

Every person count is a count of distinct persons, computed from the distinct (combination, person)
pairs once: the rule, service, level and level rule of an event are those of its combination.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.analysis import privacy
from desktop.analysis.classification import LEVEL_INDEX, ClassifiedArrays, Classifier, matching
from desktop.analysis.classify_combos import int_codes
from desktop.analysis.disclosure import Suppression, suppress
from desktop.core.rules import Classification

LEVELS = 3  # green, yellow, red


@dataclass
class ClassificationSuppression:
    """Per allocation rule (`rules`, with its distinct persons `rule_persons`), per service (`services`),
    per service and level (`levels[service]`: green, yellow, red), per service and level rule
    (`level_rules[service]`), the classified / unclassified / all events (`coverage`: 3 entries), the
    largest unclassified combinations (`combos`, rows of the table given); `matched_hidden` per rule."""

    rule_persons: np.ndarray
    rules: Suppression
    services: Suppression
    levels: dict[int, Suppression]
    level_rules: dict[int, Suppression]
    coverage: Suppression
    combos: Suppression
    matched_hidden: np.ndarray
    persons: dict[str, int]  # classified, unclassified, all


class _Pairs:
    """The distinct (combination, person) pairs of the events: distinct persons of any grouping of
    combinations without another pass over the events."""

    def __init__(self, events: pd.DataFrame, arrays: ClassifiedArrays):
        combos = arrays.combos
        if "person_id" in events.columns and len(events):
            person, count = int_codes(events["person_id"])
            width = np.int64(count + 2)
            pairs = pd.unique(combos.inverse.astype(np.int64) * width + (np.asarray(person, np.int64) + 1))
            self.combo, self.person = pairs // width, pairs % width
        else:
            self.combo = self.person = np.zeros(0, np.int64)
            width = np.int64(2)
        self.width = width

    def distinct(self, group_of_combo: np.ndarray, n_groups: int) -> np.ndarray:
        """Distinct persons per group (`group_of_combo[c]`: the group of combination c, -1 none)."""
        group = np.asarray(group_of_combo, np.int64)[self.combo]
        keep = group >= 0
        uniq = pd.unique(group[keep] * self.width + self.person[keep])
        return np.bincount(uniq // self.width, minlength=n_groups).astype(np.int64)[:n_groups]

    def fewer_than(self, combos: np.ndarray, n: int) -> bool:
        """Whether fewer than `n` distinct persons have events in the combinations `combos`."""
        hit = np.isin(self.combo, combos)
        return len(np.unique(self.person[hit])) < n


def classification_suppression(events: pd.DataFrame, arrays: ClassifiedArrays, classification: Classification,
                               min_group: int, top: pd.DataFrame | None = None,
                               clf: Classifier | None = None) -> ClassificationSuppression:
    """Primary and complementary suppression of the classification's figures (module docstring).
    `top`: the largest unclassified combinations shown (`unclassified_combinations`: events, persons);
    `clf`: the classifier, to tell rules matched by fewer than `min_group` persons (None: not checked)."""
    res = arrays.per_combo
    pairs = _Pairs(events, arrays)
    n_rules, n_services = len(classification.rules), len(classification.services)
    service = res.service.astype(np.int64)
    rule_persons = pairs.distinct(res.rule, n_rules)
    service_persons = pairs.distinct(service, n_services)
    level_group = np.where((service >= 0) & (res.level >= 0), service * LEVELS + res.level, -1)
    level_persons = pairs.distinct(level_group, n_services * LEVELS)
    max_lr = max([len(s.level_rules) for s in classification.services] + [0]) + 1  # slot 0: the default level
    lr_group = np.where(service >= 0, service * max_lr + res.level_rule.astype(np.int64) + 1, -1)
    lr_persons = pairs.distinct(lr_group, n_services * max_lr)
    classified = int(pairs.distinct(np.where(service >= 0, 0, -1), 1)[0])
    unclassified = int(pairs.distinct(np.where(service < 0, 0, -1), 1)[0])
    everyone = int(pairs.distinct(np.zeros(len(service), np.int64), 1)[0])

    persons: list[float] = []
    is_total: list[bool] = []

    def add(values, total: bool = False) -> np.ndarray:
        start = len(persons)
        persons.extend(float(v) for v in np.atleast_1d(values))
        is_total.extend([total] * (len(persons) - start))
        return np.arange(start, len(persons))

    rule_at = add(rule_persons)
    service_at = add(service_persons)
    level_at = add(level_persons)
    lr_at = add(lr_persons)
    cov_at = np.append(add([classified], total=True), add([unclassified]))  # classified: the rules' total
    total_at = add([everyone], total=True)
    top_persons = pd.to_numeric(top["persons"], errors="coerce").fillna(0).to_numpy() if top is not None else []
    combo_at = add(top_persons)
    lines = [np.append(rule_at, cov_at[0]), np.append(service_at, cov_at[0]), np.append(cov_at, total_at[0])]
    rule_service = np.array([classification.service_index().get(r.service, -1) for r in classification.rules],
                            dtype=np.int64)
    for s, svc in enumerate(classification.services):
        lines.append(np.append(rule_at[rule_service == s], service_at[s]))
        lines.append(np.append(level_at[s * LEVELS:(s + 1) * LEVELS], service_at[s]))
        # each level's events: those its level rules set (and, at the default level, those no rule sets)
        sets = [LEVEL_INDEX.get(svc.level, 0)] + [LEVEL_INDEX.get(lr.level, 0) for lr in svc.level_rules]
        for lv in range(LEVELS):
            slots = [lr_at[s * max_lr + k] for k, level in enumerate(sets) if level == lv]
            lines.append(np.append(slots, level_at[s * LEVELS + lv]).astype(np.int64))
    default_level = np.zeros(len(persons), dtype=bool)
    default_level[lr_at[::max_lr]] = True  # the default level's events of each service: never shown
    if top is not None and len(top) and int(top["events"].sum()) == int((arrays.service < 0).sum()):
        lines.append(np.append(combo_at, cov_at[1]))  # every unclassified combination is listed
    supp = suppress(np.array(persons), lines, min_group, np.array(is_total), default_level)

    def part(at: np.ndarray) -> Suppression:
        return Suppression(supp.primary[at], supp.hidden[at])

    matched_hidden = part(rule_at).hidden.copy()
    if clf is not None:  # a rule taking anyone is matched by at least as many; one taking none may match few
        for ri, rule in enumerate(classification.rules):
            if matched_hidden[ri] or rule_persons[ri] > 0 or not rule.enabled or rule_service[ri] < 0:
                continue
            idx = matching(clf, arrays.combos, rule.conditions)
            matched_hidden[ri] = bool(len(idx)) and pairs.fewer_than(idx, min_group)
    return ClassificationSuppression(
        rule_persons=rule_persons, rules=part(rule_at), services=part(service_at),
        levels={s: part(level_at[s * LEVELS:(s + 1) * LEVELS]) for s in range(n_services)},
        level_rules={s: part(lr_at[s * max_lr + 1:(s + 1) * max_lr]) for s in range(n_services)},
        coverage=part(np.append(cov_at, total_at)), combos=part(combo_at), matched_hidden=matched_hidden,
        persons={"classified": classified, "unclassified": unclassified, "all": everyone})


def shown_classification(events: pd.DataFrame, arrays: ClassifiedArrays, classification: Classification, n: int,
                         clf: Classifier | None = None, top: pd.DataFrame | None = None) -> ShownClassification:
    """The classification's figures as they may be shown: `classification_suppression` with records."""
    return ShownClassification(classification_suppression(events, arrays, classification, n, top, clf), n)


class ShownClassification:
    """Records of the classification's figures with hidden ones marked: person counts "<N" (a small
    group) or ".." (its complement), every other figure of a hidden entry None."""

    def __init__(self, supp: ClassificationSuppression, n: int):
        self.supp, self.n = supp, n
        self.matched_hidden = supp.matched_hidden

    def mark(self, supp, i: int) -> str | None:
        if not supp.hidden[i]:
            return None
        return privacy.small_label(self.n) if supp.primary[i] else privacy.SECONDARY

    def rule_record(self, i: int, record: dict) -> dict:
        """An allocation rule's taken events, persons and euros (and its matched events)."""
        out = {**record, "persons": int(self.supp.rule_persons[i])}
        mark = self.mark(self.supp.rules, i)
        if mark is not None:
            out.update(persons=mark, taken=None, euros=None)
        if self.matched_hidden[i]:
            out["matched"] = None
        return out

    def coverage_record(self, cov: dict) -> dict:
        """The coverage with the distinct persons classified, unclassified and in all."""
        out = {**cov, "persons_classified": self.supp.persons["classified"],
               "persons_unclassified": self.supp.persons["unclassified"], "persons": self.supp.persons["all"]}
        c, u, a = (self.mark(self.supp.coverage, i) for i in range(3))
        if c is not None:
            out.update(persons_classified=c, events_classified=None, euros_classified=None, event_share=None,
                       euro_share=None)
        if u is not None:
            out["persons_unclassified"] = u
        if a is not None:
            out.update(persons=a, events=None, euros=None, event_share=None, euro_share=None)
        return out

    def combination_records(self, table) -> list[dict]:
        out = []
        for i, row in enumerate(table.to_dict("records")):
            rec = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            mark = self.mark(self.supp.combos, i)
            if mark is not None:
                rec.update(persons=mark, events=None, euros=None)
            out.append(rec)
        return out

    def level_split(self, service: int, split: dict) -> dict:
        """A service's {level: {events, euros}} with the hidden levels' figures None."""
        supp = self.supp.levels.get(service)
        out = {}
        for i, (level, figures) in enumerate(split.items()):
            hidden = supp is not None and self.mark(supp, i) is not None
            out[level] = {k: None for k in figures} if hidden else dict(figures)
        return out

    def level_rule_hidden(self, service: int, li: int) -> bool:
        supp = self.supp.level_rules.get(service)
        return supp is not None and li < len(supp.hidden) and bool(supp.hidden[li])
