"""Classification versions over the years: which version a year's events use, and what changed from
one version to the next (AURA classes, services field by field, allocation and level rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.rules import Classification


def version_for_year(versions: list[Classification], year: int) -> int:
    """Index of the version valid in `year`: the latest with valid_from <= year; years before the
    first version use the first one (so old events are never silently unclassified). -1 if none."""
    if not versions:
        return -1
    order = sorted(range(len(versions)), key=lambda i: versions[i].valid_from)
    chosen = order[0]
    for i in order:
        if versions[i].valid_from <= year:
            chosen = i
    return chosen


def compare_classifications(old: Classification, new: Classification) -> dict[str, Any]:
    """What changed from `old` to `new`: JSON-ready lists of added, removed and changed AURA
    classes, services (field by field), allocation rules (matched by id; `moved` when only the
    order changed) and level rules."""
    out: dict[str, Any] = {"from": old.valid_from, "to": new.valid_from}
    a_old = {a.code: a for a in old.aura_classes}
    a_new = {a.code: a for a in new.aura_classes}
    out["aura_added"] = [c for c in a_new if c not in a_old]
    out["aura_removed"] = [c for c in a_old if c not in a_new]
    out["aura_changed"] = [c for c in a_new if c in a_old and a_new[c].to_dict() != a_old[c].to_dict()]
    s_old = {s.code: s for s in old.services}
    s_new = {s.code: s for s in new.services}
    out["services_added"] = [c for c in s_new if c not in s_old]
    out["services_removed"] = [c for c in s_old if c not in s_new]
    changed = []
    for code in (c for c in s_new if c in s_old):
        before, after = s_old[code].to_dict(), s_new[code].to_dict()
        fields = {k: [before[k], after[k]] for k in before if k != "level_rules" and before[k] != after[k]}
        if before["level_rules"] != after["level_rules"]:
            fields["level_rules"] = [len(before["level_rules"]), len(after["level_rules"])]
        if fields:
            changed.append({"service": code, "changes": fields})
    out["services_changed"] = changed
    r_old = {r.id: (i, r) for i, r in enumerate(old.rules)}
    r_new = {r.id: (i, r) for i, r in enumerate(new.rules)}
    out["rules_added"] = [{"rule": i + 1, "service": r.service, "text": r.describe()}
                          for rid, (i, r) in r_new.items() if rid not in r_old]
    out["rules_removed"] = [{"rule": i + 1, "service": r.service, "text": r.describe()}
                            for rid, (i, r) in r_old.items() if rid not in r_new]
    out["rules_changed"] = [{"rule": i + 1, "service": r.service, "before": r_old[rid][1].describe(),
                             "after": r.describe()}
                            for rid, (i, r) in r_new.items()
                            if rid in r_old and r_old[rid][1].to_dict() != r.to_dict()]
    kept_old = [rid for rid in r_old if rid in r_new]
    kept_new = [rid for rid in r_new if rid in r_old]
    out["rules_moved"] = kept_old != kept_new
    before = [r.to_dict() for r in old.resource_rules]
    after = [r.to_dict() for r in new.resource_rules]
    out["resource_rules_changed"] = sum(1 for r in after if r not in before) + sum(1 for r in before if r not in after)
    out["identical"] = old.to_dict() | {"valid_from": 0, "name": ""} == new.to_dict() | {"valid_from": 0, "name": ""}
    return out
