"""The service classification as plain data: AURA classes, services, allocation rules and level rules.

A classification version (`Classification`) is valid from a year (`valid_from`) until the next
version starts. Its allocation rules form ONE ordered list: the first rule whose conditions all hold
allocates the event to the rule's service; an event that no rule takes is *unclassified*. Inside a
service, level rules are tried in order and the first one that holds sets the traffic-light level;
otherwise the service's default level applies.

The conditions of the rules (fields, operators, `Condition`) are in desktop.core.rule_conditions,
logical shadowing of rules in desktop.core.rule_shadowing, and the versions over the years (which one
a year uses, what changed) in desktop.core.classification_versions; this module keeps the names
callers import from it.

Everything here is plain Python (no Qt, no pandas), serialisable with `to_dict` / `from_dict`.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from typing import Any

from desktop.core.classification_versions import compare_classifications, version_for_year
from desktop.core.datasets import LEVELS, LIFE_STAGES
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.resource_rules import ResourceRule, resource_rule_problems
from desktop.core.rule_conditions import (
    FIELD_LABELS,
    FIELDS,
    OPERATOR_LABELS,
    OPERATORS_BY_KIND,
    Condition,
    normalise_code,
    pattern_regex,
    split_values,
)
from desktop.core.rule_shadowing import condition_implies, logically_shadowed

#: the names callers import from here (the parts above hold them)
__all__ = [
    "ALLOCATIONS", "ALLOCATION_LABELS", "FIELDS", "FIELD_LABELS", "LEVEL_LABELS", "OPERATORS_BY_KIND",
    "OPERATOR_LABELS", "STRUCTURES", "STRUCTURE_LABELS", "AllocationRule", "AuraClass", "Classification",
    "Condition", "LevelRule", "Service", "compare_classifications", "condition_implies", "logically_shadowed",
    "normalise_code", "pattern_regex", "split_values", "version_for_year",
]

STRUCTURES = ("avo", "asumis", "laitos")
STRUCTURE_LABELS = {"avo": ("ehkäisevät/avo", "preventive/outpatient"), "asumis": ("asumis", "housing"),
                    "laitos": ("laitos", "institutional")}
LEVEL_LABELS = {"green": ("vihreä", "green"), "yellow": ("keltainen", "yellow"), "red": ("punainen", "red")}
#: how a service's events go to life-cycle groups: by age at the event, or wholly to one group
ALLOCATIONS = ("age",) + LIFE_STAGES
ALLOCATION_LABELS = {"age": ("iän mukaan", "by age"), "children": ("lapset ja nuoret 0-17", "children 0-17"),
                     "working_age": ("työikäiset 18-64", "working age 18-64"), "elderly": ("iäkkäät 65+", "elderly 65+")}


def new_id() -> str:
    return uuid.uuid4().hex[:12]


# ------------------------------------------------------------------------ the model
@dataclass
class AllocationRule:
    """Conditions (all must hold) that allocate an event to `service` (a service code)."""

    service: str
    conditions: list[Condition] = field(default_factory=list)
    note: str = ""
    enabled: bool = True
    id: str = field(default_factory=new_id)

    def describe(self) -> str:
        if not self.conditions:
            return t("kaikki tapahtumat", "all events")
        return t(" ja ", " and ").join(c.describe() for c in self.conditions)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "service": self.service, "enabled": self.enabled, "note": self.note,
                "conditions": [c.to_dict() for c in self.conditions]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AllocationRule:
        return cls(service=str(data.get("service", "")),
                   conditions=[Condition.from_dict(c) for c in data.get("conditions") or []],
                   note=str(data.get("note") or ""), enabled=bool(data.get("enabled", True)),
                   id=str(data.get("id") or new_id()))


@dataclass
class LevelRule:
    """Conditions (all must hold) that set the traffic-light `level` of a service's event."""

    level: str
    conditions: list[Condition] = field(default_factory=list)
    note: str = ""
    id: str = field(default_factory=new_id)

    def describe(self) -> str:
        return t(" ja ", " and ").join(c.describe() for c in self.conditions) or t("kaikki", "all")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "level": self.level, "note": self.note,
                "conditions": [c.to_dict() for c in self.conditions]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LevelRule:
        return cls(level=str(data.get("level", "")),
                   conditions=[Condition.from_dict(c) for c in data.get("conditions") or []],
                   note=str(data.get("note") or ""), id=str(data.get("id") or new_id()))


@dataclass
class AuraClass:
    """A Kunta-/HVA-AURA service class. `code` is editable (the counties' codes differ)."""

    code: str
    name: str
    group: str = ""  # the 'erittelemätön' parent class, if any
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "group": self.group, "description": self.description}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuraClass:
        return cls(code=str(data.get("code", "")), name=str(data.get("name", "")),
                   group=str(data.get("group") or ""), description=str(data.get("description") or ""))


@dataclass
class Service:
    """An organisation-independent (ORP) service.

    `aura` is the code of its AURA class; `structure` one of STRUCTURES; `level` the default
    traffic-light level (LEVELS); `allocation` 'age' (life-cycle group by age at the event) or one
    of LIFE_STAGES (every event of the service goes to that group); `level_rules` override `level`.
    """

    code: str
    name: str
    aura: str = ""
    structure: str = "avo"
    level: str = "green"
    allocation: str = "age"
    law: str = ""
    description: str = ""
    level_rules: list[LevelRule] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "aura": self.aura, "structure": self.structure,
                "level": self.level, "allocation": self.allocation, "law": self.law,
                "description": self.description, "level_rules": [r.to_dict() for r in self.level_rules]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Service:
        return cls(code=str(data.get("code", "")), name=str(data.get("name", "")),
                   aura=str(data.get("aura") or ""), structure=str(data.get("structure") or "avo"),
                   level=str(data.get("level") or "green"), allocation=str(data.get("allocation") or "age"),
                   law=str(data.get("law") or ""), description=str(data.get("description") or ""),
                   level_rules=[LevelRule.from_dict(r) for r in data.get("level_rules") or []])


@dataclass
class Classification:
    """One version of the classification, valid from `valid_from` (a year) on."""

    valid_from: int
    name: str = ""
    aura_classes: list[AuraClass] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    rules: list[AllocationRule] = field(default_factory=list)  # ONE ordered list: first match wins
    note: str = ""
    #: personnel and ledger allocation rules (desktop.core.resource_rules), one ordered list
    resource_rules: list[ResourceRule] = field(default_factory=list)

    # -------------------------------------------------------------- lookups
    def service(self, code: str) -> Service | None:
        for s in self.services:
            if s.code == code:
                return s
        return None

    def service_index(self) -> dict[str, int]:
        return {s.code: i for i, s in enumerate(self.services)}

    def aura_class(self, code: str) -> AuraClass | None:
        for a in self.aura_classes:
            if a.code == code:
                return a
        return None

    def rules_of(self, service_code: str) -> list[AllocationRule]:
        return [r for r in self.rules if r.service == service_code]

    def rule(self, rule_id: str) -> AllocationRule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None


    def copy(self) -> Classification:
        return copy.deepcopy(self)

    # -------------------------------------------------------------- checks
    def problems(self) -> list[str]:
        """Every inconsistency, as readable lines (empty list = valid)."""
        out: list[str] = []
        aura_codes = [a.code for a in self.aura_classes]
        for code in {c for c in aura_codes if aura_codes.count(c) > 1}:
            out.append(t(f"AURA-luokan koodi {code} on käytössä useasti", f"AURA class code {code} is used twice"))
        codes = [s.code for s in self.services]
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            out.append(t(f"palvelun koodi {code} on käytössä useasti", f"service code {code} is used twice"))
        for s in self.services:
            where = t(f"palvelu {s.code} ({s.name})", f"service {s.code} ({s.name})")
            if not s.code.strip() or not s.name.strip():
                out.append(t(f"{where}: koodi tai nimi puuttuu", f"{where}: code or name missing"))
            if s.aura and s.aura not in aura_codes:
                out.append(t(f"{where}: tuntematon AURA-luokka {s.aura}", f"{where}: unknown AURA class {s.aura}"))
            if s.structure not in STRUCTURES:
                out.append(t(f"{where}: palvelurakenne '{s.structure}' ei ole avo, asumis tai laitos",
                             f"{where}: structure '{s.structure}' is not avo, asumis or laitos"))
            if s.level not in LEVELS:
                out.append(t(f"{where}: taso '{s.level}' ei ole green, yellow tai red",
                             f"{where}: level '{s.level}' is not green, yellow or red"))
            if s.allocation not in ALLOCATIONS:
                out.append(t(f"{where}: kohdennus '{s.allocation}' ei ole {', '.join(ALLOCATIONS)}",
                             f"{where}: allocation '{s.allocation}' is not {', '.join(ALLOCATIONS)}"))
            for i, lr in enumerate(s.level_rules, 1):
                if lr.level not in LEVELS:
                    out.append(t(f"{where}, tasosääntö {i}: taso '{lr.level}' ei kelpaa",
                                 f"{where}, level rule {i}: level '{lr.level}' is not valid"))
                for c in lr.conditions:
                    out += [f"{where}, {t('tasosääntö', 'level rule')} {i}: {p}" for p in c.problems()]
        known = set(codes)
        for i, r in enumerate(self.rules, 1):
            where = t(f"sääntö {i}", f"rule {i}")
            if r.service not in known:
                out.append(t(f"{where}: tuntematon palvelu {r.service}", f"{where}: unknown service {r.service}"))
            for c in r.conditions:
                out += [f"{where}: {p}" for p in c.problems()]
        out += resource_rule_problems(self.resource_rules, known, set(aura_codes))
        return out

    def validate(self) -> None:
        """Raise UserError listing every problem."""
        problems = self.problems()
        if problems:
            raise UserError(t("Palveluluokitus ei kelpaa.", "The classification is not valid."), problems)

    # -------------------------------------------------------------- serialising
    def to_dict(self) -> dict[str, Any]:
        return {"format": "sote-planner-classification", "format_version": 1,
                "valid_from": self.valid_from, "name": self.name, "note": self.note,
                "aura_classes": [a.to_dict() for a in self.aura_classes],
                "services": [s.to_dict() for s in self.services],
                "rules": [r.to_dict() for r in self.rules],
                "resource_rules": [r.to_dict() for r in self.resource_rules]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Classification:
        return cls(valid_from=int(data.get("valid_from") or 0), name=str(data.get("name") or ""),
                   note=str(data.get("note") or ""),
                   aura_classes=[AuraClass.from_dict(a) for a in data.get("aura_classes") or []],
                   services=[Service.from_dict(s) for s in data.get("services") or []],
                   rules=[AllocationRule.from_dict(r) for r in data.get("rules") or []],
                   resource_rules=[ResourceRule.from_dict(r) for r in data.get("resource_rules") or []])
