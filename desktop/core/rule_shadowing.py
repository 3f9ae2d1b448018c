"""Logical shadowing of allocation rules: an earlier enabled rule that takes every event a later rule
could match makes the later rule dead (decidable cases only; "not proven" is not "no")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.rule_conditions import FIELDS, Condition, pattern_regex

if TYPE_CHECKING:
    from desktop.core.rules import AllocationRule


_POSITIVE = ("in", "any_of")
_NEGATIVE = ("not_in", "none_of")


def condition_implies(b: Condition, a: Condition) -> bool:
    """True when every event for which `b` holds also satisfies `a` (decidable cases only;
    False means "not proven", not "no")."""
    if a.field != b.field:
        return False
    multi = FIELDS.get(a.field) == "multi"
    av, bv = set(a.normalised_values()), set(b.normalised_values())
    if a.op == "between":
        if b.op != "between":
            return False
        low_ok = a.low is None or (b.low is not None and b.low >= a.low)
        high_ok = a.high is None or (b.high is not None and b.high <= a.high)
        return low_ok and high_ok
    if a.op == "not_empty":
        return b.op in (*_POSITIVE, "starts_with", "matches", "between", "not_empty")
    if a.op == "is_empty":
        return b.op == "is_empty"
    if a.op in _POSITIVE:
        return b.op in _POSITIVE and bool(bv) and bv <= av
    if a.op == "starts_with":
        if b.op in (*_POSITIVE, "starts_with") and bv:
            return all(any(v.startswith(p) for p in av) for v in bv)
        return False
    if a.op == "matches":
        if b.op in _POSITIVE and bv and not multi:
            regexes = [pattern_regex(p) for p in av]
            return all(any(r.match(v) for r in regexes) for v in bv)
        return b.op == "matches" and bool(bv) and bv <= av
    if a.op in _NEGATIVE:
        if b.op in _NEGATIVE:
            return av <= bv
        if b.op in _POSITIVE and not multi:
            return bool(bv) and not (bv & av)
        if b.op == "is_empty":
            return True
        return False
    if a.op == "not_starts_with":
        if b.op == "not_starts_with":
            return all(any(p.startswith(q) for q in bv) for p in av)
        if b.op in _POSITIVE and not multi:
            return bool(bv) and not any(v.startswith(p) for v in bv for p in av)
        return b.op == "is_empty"
    return False


def conditions_cover(earlier: list[Condition], later: list[Condition]) -> bool:
    """True when a rule with `earlier` conditions takes every event a rule with `later` would:
    each earlier condition is implied by some later condition (no conditions = all events)."""
    return all(any(condition_implies(b, a) for b in later) for a in earlier)


def logically_shadowed(rules: list[AllocationRule]) -> dict[int, int]:
    """Rule index -> index of an earlier enabled rule that takes every event it could match."""
    out: dict[int, int] = {}
    for j, later in enumerate(rules):
        if not later.enabled:
            continue
        for i in range(j):
            earlier = rules[i]
            if earlier.enabled and conditions_cover(earlier.conditions, later.conditions):
                out[j] = i
                break
    return out
