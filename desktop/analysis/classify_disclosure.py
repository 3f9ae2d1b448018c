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
    combinations without another pass over the events (kept with the combinations: an edit in the
    editor classifies the same combinations again)."""

    def __init__(self, events: pd.DataFrame, arrays: ClassifiedArrays):
        combos = arrays.combos
        self.n_combos = combos.n
        cached = getattr(combos, "_person_pairs", None)
        if cached is not None and cached[0] == len(events):
            self.combo, self.person, self.width = cached[1:]
            return
        if "person_id" in events.columns and len(events):
            person, count = int_codes(events["person_id"])
            width = np.int64(count + 2)
            pairs = pd.unique(combos.inverse.astype(np.int64) * width + (np.asarray(person, np.int64) + 1))
            self.combo, self.person = pairs // width, pairs % width
        else:
            self.combo = self.person = np.zeros(0, np.int64)
            width = np.int64(2)
        self.width = width
        try:
            combos._person_pairs = (len(events), self.combo, self.person, self.width)
        except AttributeError:  # combinations without room for it: counted again next time
            pass

    @property
    def per_combo(self) -> np.ndarray:
        """Distinct persons of each combination (those with none at the end: zero)."""
        if not hasattr(self, "_per_combo"):
            self._per_combo = np.bincount(self.combo, minlength=self.n_combos)
        return self._per_combo

    def at_least(self, group_of_combo: np.ndarray, n_groups: int, n: int) -> np.ndarray:
        """Distinct persons per group where fewer than `n` (exact), elsewhere a lower bound of at least `n`
        (the most persons of one of its combinations): enough to tell the small groups and to order the
        others, without counting every group's persons (a county's events: seconds)."""
        g = np.asarray(group_of_combo, np.int64)
        per = self.per_combo
        keep = g >= 0
        bound = pd.Series(per[keep]).groupby(g[keep]).max()
        out = np.zeros(n_groups, np.int64)
        out[bound.index.to_numpy()] = bound.to_numpy()
        unsure = out < n
        if unsure.any():
            mine = np.where(keep, g, -1)
            mine[keep] = np.where(unsure[g[keep]], g[keep], -1)
            exact = self.distinct(mine, n_groups)
            out[unsure] = exact[unsure]
        return out

    def distinct(self, group_of_combo: np.ndarray, n_groups: int) -> np.ndarray:
        """Distinct persons per group (`group_of_combo[c]`: the group of combination c, -1 none)."""
        group = np.asarray(group_of_combo, np.int64)[self.combo]
        keep = group >= 0
        uniq = pd.unique(group[keep] * self.width + self.person[keep])
        return np.bincount(uniq // self.width, minlength=n_groups).astype(np.int64)[:n_groups]

    def anyone(self, in_group: np.ndarray) -> int:
        """Distinct persons with a pair in the combinations where `in_group` (bool per combination)."""
        seen = np.zeros(int(self.width), dtype=bool)
        seen[self.person[np.asarray(in_group, dtype=bool)[self.combo]]] = True
        return int(seen.sum())

    def fewer_than(self, combos: np.ndarray, n_combos: int, n: int) -> bool:
        """Whether fewer than `n` distinct persons have events in the combinations `combos`."""
        if self.per_combo[combos].max(initial=0) >= n:
            return False
        if self.per_combo[combos].sum() < n:
            return True
        wanted = np.zeros(n_combos, dtype=bool)
        wanted[combos] = True
        persons = self.person[wanted[self.combo]]
        if len(persons) < n:
            return True
        return len(pd.unique(persons[:64 * n])) < n and len(pd.unique(persons)) < n


def classification_suppression(events: pd.DataFrame, arrays: ClassifiedArrays, classification: Classification,
                               min_group: int, top: pd.DataFrame | None = None,
                               clf: Classifier | None = None, exact: bool = True) -> ClassificationSuppression:
    """Primary and complementary suppression of the classification's figures (module docstring).
    `top`: the largest unclassified combinations shown (`unclassified_combinations`: events, persons);
    `clf`: the classifier, to tell rules matched by fewer than `min_group` persons (None: not checked);
    `exact`: count every rule's persons (else, as for the services and levels, only those of groups
    under `min_group`: the others get a lower bound, enough to choose the complements; the editor
    counts the persons of the rules it shows itself)."""
    res = arrays.per_combo
    base = _Pairs(events, arrays)
    n_rules, n_services = len(classification.rules), len(classification.services)
    service = res.service.astype(np.int64)
    max_lr = max([len(s.level_rules) for s in classification.services] + [0]) + 1  # slot 0: the default level
    if exact:
        rule_persons = base.distinct(res.rule, n_rules)
    else:
        rule_persons = base.at_least(res.rule, n_rules, min_group)
    service_persons = base.at_least(service, n_services, min_group)
    level_persons = base.at_least(np.where(service >= 0, service * LEVELS + res.level, -1), n_services * LEVELS,
                                  min_group)
    lr_persons = base.at_least(np.where(service >= 0, service * max_lr + res.level_rule.astype(np.int64) + 1, -1),
                               n_services * max_lr, min_group)
    classified = base.anyone(service >= 0)
    unclassified = base.anyone(service < 0)
    everyone = base.anyone(np.ones(len(service), dtype=bool))

    persons: list[float] = []
    is_total: list[float] = []  # complements are chosen among the finest entries first: the totals last

    def add(values, total: float = 0.0) -> np.ndarray:
        start = len(persons)
        persons.extend(float(v) for v in np.atleast_1d(values))
        is_total.extend([total] * (len(persons) - start))
        return np.arange(start, len(persons))

    rule_at = add(rule_persons)
    service_at = add(service_persons, total=2.0)
    level_at = add(level_persons, total=1.0)
    lr_at = add(lr_persons)
    cov_at = np.append(add([classified], total=3.0), add([unclassified], total=2.0))  # classified: the rules' total
    total_at = add([everyone], total=4.0)
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
            matched_hidden[ri] = bool(len(idx)) and base.fewer_than(idx, len(service), min_group)
    return ClassificationSuppression(
        rule_persons=rule_persons, rules=part(rule_at), services=part(service_at),
        levels={s: part(level_at[s * LEVELS:(s + 1) * LEVELS]) for s in range(n_services)},
        level_rules={s: part(lr_at[s * max_lr + 1:(s + 1) * max_lr]) for s in range(n_services)},
        coverage=part(np.append(cov_at, total_at)), combos=part(combo_at), matched_hidden=matched_hidden,
        persons={"classified": classified, "unclassified": unclassified, "all": everyone})


def shown_classification(events: pd.DataFrame, arrays: ClassifiedArrays, classification: Classification, n: int,
                         clf: Classifier | None = None, top: pd.DataFrame | None = None,
                         exact: bool = True) -> ShownClassification:
    """The classification's figures as they may be shown: `classification_suppression` with records."""
    return ShownClassification(classification_suppression(events, arrays, classification, n, top, clf, exact), n)


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
        """An allocation rule's taken events, persons and euros (and its matched events); its persons
        counted here unless `record` has them."""
        out = {"persons": int(self.supp.rule_persons[i]), **record}  # the record's own count when it has one
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
        return self.level_rule_mark(service, li) is not None

    def level_rule_mark(self, service: int, li: int) -> str | None:
        """"<N" or ".." when the events of a service's level rule `li` are hidden, else None."""
        supp = self.supp.level_rules.get(service)
        if supp is None or li >= len(supp.hidden):
            return None
        return self.mark(supp, li)
