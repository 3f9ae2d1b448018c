"""What a classification does to the events: per-rule previews (events, persons, euros), coverage,
the largest unclassified combinations, and conflicts (shadowed and redundant rules).

All figures: events = number of event rows, persons = distinct person_id, euros = sum of cost_eur.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.analysis.classification import (
    ClassifiedArrays,
    Classifier,
    ComboResult,
    matching,
)
from desktop.analysis.classify_combos import Combos, column_codes, int_codes
from desktop.core.lang import t
from desktop.core.rules import Classification, logically_shadowed

COVERAGE_FIELDS = ("service_form", "service_code", "professional_group", "special_law")


@dataclass
class RuleStats:
    """Per allocation rule (index into classification.rules): events it matches on its own
    (`matched`), events and euros it takes (first match wins)."""

    matched: np.ndarray  # events, int64
    taken: np.ndarray  # events, int64
    euros: np.ndarray  # float64
    first: np.ndarray  # per combination: first matching rule (-1 none)
    second: np.ndarray  # per combination: second matching rule (-1 none)


@dataclass
class Conflict:
    """A flagged rule. kind: 'shadowed' (matches events but earlier rules take them all),
    'shadowed_logically' (an earlier rule's conditions cover it), 'redundant' (removing it changes
    no event's service), 'no_events' (matches no event in the store), 'level_shadowed',
    'level_redundant' (level rules of a service: `rule` indexes service.level_rules)."""

    kind: str
    rule: int
    service: str
    by: list[int]
    message: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "rule": self.rule, "service": self.service, "by": self.by, "message": self.message}


def rule_stats(clf: Classifier, combos: Combos, classification: Classification,
               active: np.ndarray | None = None) -> RuleStats:
    """Match every allocation rule on its own and in order (one pass over the rules)."""
    m = combos.n
    first = np.full(m, -1, np.int32)
    second = np.full(m, -1, np.int32)
    nr = len(classification.rules)
    matched = np.zeros(nr, np.int64)
    known = classification.service_index()
    exclude = None if active is None else ~active
    for ri, rule in enumerate(classification.rules):
        if not rule.enabled or rule.service not in known:
            continue
        idx = matching(clf, combos, rule.conditions, exclude=exclude)
        if not len(idx):
            continue
        matched[ri] = combos.rows[idx].sum()
        fresh = first[idx] < 0
        first[idx[fresh]] = ri
        later = idx[~fresh]
        later = later[second[later] < 0]
        second[later] = ri
    has = first >= 0
    taken = np.bincount(first[has], weights=combos.rows[has], minlength=nr).astype(np.int64)
    euros = np.bincount(first[has], weights=clf.combo_sums(combos)[has], minlength=nr)
    return RuleStats(matched=matched, taken=taken, euros=euros, first=first, second=second)


def conflicts(clf: Classifier, combos: Combos, classification: Classification, result: ComboResult,
              stats: RuleStats | None = None, active: np.ndarray | None = None,
              hidden_matched: np.ndarray | None = None) -> list[Conflict]:
    """Shadowed, redundant and unused rules, on the data and (where decidable) logically.
    `hidden_matched`: per rule, whether its matched events may not be counted in a message (fewer
    than the smallest group of persons: desktop.analysis.classify_disclosure)."""
    stats = stats or rule_stats(clf, combos, classification, active)
    rules = classification.rules
    out: list[Conflict] = []
    logical = logically_shadowed(rules)
    service_of = classification.service_index()
    for ri, rule in enumerate(rules):
        if not rule.enabled or rule.service not in service_of:
            continue
        name = f"{ri + 1}"
        if ri in logical:
            by = logical[ri]
            out.append(Conflict("shadowed_logically", ri, rule.service, [by], t(
                f"Sääntö {name} ei voi koskaan osua: aiempi sääntö {by + 1} ({rules[by].service}) kattaa sen ehdot.",
                f"Rule {name} can never match: earlier rule {by + 1} ({rules[by].service}) covers its conditions.")))
            continue
        if stats.matched[ri] == 0:
            out.append(Conflict("no_events", ri, rule.service, [], t(
                f"Sääntö {name} ei osu yhteenkään tapahtumaan tässä aineistossa.",
                f"Rule {name} matches no event in this data.")))
            continue
        mine = stats.first == ri
        if stats.taken[ri] == 0:
            idx = matching(clf, combos, rule.conditions, exclude=None if active is None else ~active)
            by = sorted({int(x) for x in stats.first[idx] if x >= 0 and x != ri})
            earlier = ", ".join(str(b + 1) for b in by)
            if hidden_matched is not None and hidden_matched[ri]:  # a small group's events are not counted
                message = t(f"Sääntö {name} jää varjoon: aiemmat säännöt {earlier} vievät kaikki sen tapahtumat.",
                            f"Rule {name} is shadowed: earlier rules {earlier} take all its events.")
            else:
                message = t(f"Sääntö {name} jää varjoon: aiemmat säännöt {earlier} vievät kaikki sen "
                            f"{stats.matched[ri]} tapahtumaa.",
                            f"Rule {name} is shadowed: earlier rules {earlier} take all its {stats.matched[ri]} events.")
            out.append(Conflict("shadowed", ri, rule.service, by, message))
            continue
        nxt = stats.second[mine]
        if (nxt >= 0).all():
            same = all(rules[int(j)].service == rule.service for j in np.unique(nxt))
            if same:
                out.append(Conflict("redundant", ri, rule.service, sorted({int(j) for j in np.unique(nxt)}), t(
                    f"Säännön {name} poistaminen ei muuttaisi mitään: myöhemmät saman palvelun säännöt "
                    "ottaisivat sen tapahtumat.",
                    f"Removing rule {name} would change nothing: later rules of the same service would take its events.")))
    out += level_conflicts(clf, combos, classification, result)
    return out


def level_conflicts(clf: Classifier, combos: Combos, classification: Classification,
                    result: ComboResult) -> list[Conflict]:
    """Level rules that never set a level (earlier level rules take their events) or that set the
    level the events would get anyway."""
    out: list[Conflict] = []
    for si, svc in enumerate(classification.services):
        if not svc.level_rules:
            continue
        mine = np.flatnonzero(result.service == si)
        if not len(mine):
            continue
        for li, lr in enumerate(svc.level_rules):
            hit = matching(clf, combos, lr.conditions, candidates=mine)
            if not len(hit):
                continue
            setting = hit[result.level_rule[hit] == li]
            if not len(setting):
                out.append(Conflict("level_shadowed", li, svc.code, [], t(
                    f"Palvelun {svc.code} tasosääntö {li + 1} ei koskaan ratkaise tasoa: aiemmat tasosäännöt ehtivät ensin.",
                    f"Level rule {li + 1} of service {svc.code} never sets the level: earlier level rules come first.")))
                continue
            # what would these events get without this level rule?
            without = np.full(len(setting), svc.level, dtype=object)
            open_ = np.ones(len(setting), bool)
            for lj in range(li + 1, len(svc.level_rules)):
                later = svc.level_rules[lj]
                h = matching(clf, combos, later.conditions, candidates=setting[open_])
                pos = np.searchsorted(setting, h)
                without[pos] = later.level
                open_[pos] = False
                if not open_.any():
                    break
            if (without == lr.level).all():
                out.append(Conflict("level_redundant", li, svc.code, [], t(
                    f"Palvelun {svc.code} tasosäännön {li + 1} poistaminen ei muuttaisi tasoja.",
                    f"Removing level rule {li + 1} of service {svc.code} would change no level.")))
    return out


def coverage(events: pd.DataFrame, arrays: ClassifiedArrays, costs: np.ndarray | None = None) -> dict:
    """Share of events and euros classified: {'events', 'events_classified', 'euros', 'euros_classified',
    'event_share', 'euro_share'} (shares 0-1)."""
    n = len(arrays.service)
    classified = arrays.service >= 0
    cost = _costs(events) if costs is None else costs
    euros = float(cost.sum())
    euros_c = float(cost[classified].sum())
    nc = int(classified.sum())
    return {"events": n, "events_classified": nc, "event_share": nc / n if n else 1.0,
            "euros": euros, "euros_classified": euros_c, "euro_share": euros_c / euros if euros else 1.0}


def unclassified_combinations(events: pd.DataFrame, arrays: ClassifiedArrays,
                              fields: tuple[str, ...] = COVERAGE_FIELDS, top: int = 20,
                              costs: np.ndarray | None = None) -> pd.DataFrame:
    """The largest combinations of `fields` among unclassified events, by events then euros.

    Columns: the fields (text, '' for missing), events, persons, euros; at most `top` rows.
    """
    rows = np.flatnonzero(arrays.service < 0)
    columns = [f for f in fields if f in events.columns]
    if not len(rows) or not columns:
        return pd.DataFrame(columns=[*fields, "events", "persons", "euros"])
    key = np.zeros(len(rows), np.int64)
    decoded = {}
    for f in columns:
        codes, cats = column_codes(events[f])
        decoded[f] = (codes, cats)
        key = key * (len(cats) + 1) + codes[rows] + 1
    group, uniq = pd.factorize(key)
    counts = np.bincount(group)
    euros = np.bincount(group, weights=(_costs(events) if costs is None else costs)[rows])
    persons = _distinct_per_group(events, rows, group, len(uniq))
    order = np.lexsort((-euros, -counts))[:top]
    first = np.zeros(len(uniq), np.int64)
    first[group[::-1]] = np.arange(len(rows))[::-1]
    out = {}
    for f in fields:
        if f in decoded:
            codes, cats = decoded[f]
            c = codes[rows[first[order]]]
            out[f] = [cats[int(x)] if x >= 0 else "" for x in c]
        else:
            out[f] = [""] * len(order)
    out["events"] = counts[order].astype(np.int64)
    out["persons"] = persons[order]
    out["euros"] = np.round(euros[order], 2)
    return pd.DataFrame(out)


def rule_persons(events: pd.DataFrame, arrays: ClassifiedArrays, rules: list[int]) -> dict[int, int]:
    """Distinct persons taken by each of the given allocation rules (index -> persons)."""
    if "person_id" not in events.columns or not rules:
        return {r: 0 for r in rules}
    wanted = np.zeros(max(rules) + 2, bool)
    wanted[rules] = True
    rule_row = arrays.rule.astype(np.int64)
    in_range = (rule_row >= 0) & (rule_row < len(wanted))
    mask = np.zeros(len(rule_row), bool)
    mask[in_range] = wanted[rule_row[in_range]]
    rows = np.flatnonzero(mask)
    counts = _distinct_per_group(events, rows, rule_row[rows], len(wanted))
    return {r: int(counts[r]) for r in rules}


def level_split(events: pd.DataFrame, arrays: ClassifiedArrays, service: int,
                costs: np.ndarray | None = None) -> dict[str, dict]:
    """Events and euros of one service per level: {'green': {'events', 'euros'}, ...}."""
    mask = arrays.service == service
    lv = arrays.level[mask]
    cost = (_costs(events) if costs is None else costs)[mask]
    out = {}
    for i, name in enumerate(("green", "yellow", "red")):
        sel = lv == i
        out[name] = {"events": int(sel.sum()), "euros": float(cost[sel].sum())}
    return out


def _costs(events: pd.DataFrame) -> np.ndarray:
    if "cost_eur" not in events.columns:
        return np.zeros(len(events))
    return np.nan_to_num(events["cost_eur"].to_numpy(dtype=np.float64, na_value=0.0))


def _distinct_per_group(events: pd.DataFrame, rows: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    if "person_id" not in events.columns or not len(rows):
        return np.zeros(n_groups, np.int64)
    person, count = int_codes(events["person_id"])
    p = person[rows].astype(np.int64) + 1
    pair = np.asarray(group, np.int64) * (count + 2) + p
    uniq = pd.unique(pair)
    return np.bincount(uniq // (count + 2), minlength=n_groups).astype(np.int64)
