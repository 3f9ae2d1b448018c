"""The service classification as plain data: AURA classes, services, allocation rules and level rules.

A classification version (`Classification`) is valid from a year (`valid_from`) until the next
version starts. Its allocation rules form ONE ordered list: the first rule whose conditions all hold
allocates the event to the rule's service; an event that no rule takes is *unclassified*. Inside a
service, level rules are tried in order and the first one that holds sets the traffic-light level;
otherwise the service's default level applies.

A condition compares one event field with values:

=================  =========================================================================
operator           meaning (code values compared case- and space-insensitively)
=================  =========================================================================
`in`               value is one of `values` (for `reasons`: ANY of the event's reasons is)
`not_in`           value is none of `values` (missing value counts as "not in")
`any_of`           same as `in`; the natural wording for the multi-valued `reasons`
`none_of`          same as `not_in`
`starts_with`      value starts with one of the prefixes (reasons: any reason does)
`not_starts_with`  value starts with none of the prefixes (reasons: no reason does)
`matches`          text pattern with `*` (any text) and `?` (one character), e.g. `NEUVOLA*`
`between`          number in `low`..`high`, both inclusive, either may be open (`age`, years)
`is_empty`         the field has no value
`not_empty`        the field has a value
=================  =========================================================================

Everything here is plain Python (no Qt, no pandas), serialisable with `to_dict` / `from_dict`.
"""

from __future__ import annotations

import copy
import functools
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from desktop.core.datasets import LEVELS, LIFE_STAGES
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.resource_rules import ResourceRule, resource_rule_problems

# ------------------------------------------------------------------ fields and operators
#: event fields a condition can use -> kind: 'code' single code value, 'multi' space-separated
#: codes (reasons), 'number' numeric (age in whole years)
FIELDS: dict[str, str] = {
    "service_code": "code",
    "service_form": "code",
    "professional_group": "code",
    "visit_nature": "code",
    "contact_type": "code",
    "reasons": "multi",
    "special_law": "code",
    "producer": "code",
    "municipality": "code",
    "sex": "code",
    "source": "code",
    "age": "number",
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "service_code": ("Palvelukoodi", "Service code"),
    "service_form": ("Palvelumuoto", "Service form"),
    "professional_group": ("Ammattiryhmä", "Professional group"),
    "visit_nature": ("Käynnin luonne", "Visit nature"),
    "contact_type": ("Yhteystapa", "Contact type"),
    "reasons": ("Käyntisyyt", "Reasons"),
    "special_law": ("Erityislaki", "Special law"),
    "producer": ("Tuottaja", "Producer"),
    "municipality": ("Kunta", "Municipality"),
    "sex": ("Sukupuoli", "Sex"),
    "source": ("Lähdejärjestelmä", "Source system"),
    "age": ("Ikä", "Age"),
}

CODE_OPERATORS = ("in", "not_in", "starts_with", "not_starts_with", "matches", "is_empty", "not_empty")
MULTI_OPERATORS = ("any_of", "none_of", "starts_with", "not_starts_with", "in", "not_in", "is_empty", "not_empty")
NUMBER_OPERATORS = ("between", "is_empty", "not_empty")
OPERATORS_BY_KIND = {"code": CODE_OPERATORS, "multi": MULTI_OPERATORS, "number": NUMBER_OPERATORS}

OPERATOR_LABELS: dict[str, tuple[str, str]] = {
    "in": ("on jokin", "is one of"),
    "not_in": ("ei ole mikään", "is none of"),
    "any_of": ("sisältää jonkin", "contains any of"),
    "none_of": ("ei sisällä mitään", "contains none of"),
    "starts_with": ("alkaa", "starts with"),
    "not_starts_with": ("ei ala", "does not start with"),
    "matches": ("vastaa kaavaa", "matches pattern"),
    "between": ("välillä", "between"),
    "is_empty": ("puuttuu", "is empty"),
    "not_empty": ("on annettu", "is given"),
}

STRUCTURES = ("avo", "asumis", "laitos")
STRUCTURE_LABELS = {"avo": ("ehkäisevät/avo", "preventive/outpatient"), "asumis": ("asumis", "housing"),
                    "laitos": ("laitos", "institutional")}
LEVEL_LABELS = {"green": ("vihreä", "green"), "yellow": ("keltainen", "yellow"), "red": ("punainen", "red")}
#: how a service's events go to life-cycle groups: by age at the event, or wholly to one group
ALLOCATIONS = ("age",) + LIFE_STAGES
ALLOCATION_LABELS = {"age": ("iän mukaan", "by age"), "children": ("lapset ja nuoret 0-17", "children 0-17"),
                     "working_age": ("työikäiset 18-64", "working age 18-64"), "elderly": ("iäkkäät 65+", "elderly 65+")}


def normalise_code(value: str) -> str:
    """A code as compared: spaces removed, upper case ('oaa 42 ' -> 'OAA42')."""
    return "".join(str(value).split()).upper()


@functools.lru_cache(maxsize=4096)
def _normalised_tuple(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (normalise_code(v) for v in values) if n))


def pattern_regex(pattern: str) -> re.Pattern:
    """The regex of a `matches` pattern (`*` any text, `?` one character), on normalised codes."""
    parts = []
    for ch in normalise_code(pattern):
        parts.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
    return re.compile("".join(parts) + r"\Z")


def new_id() -> str:
    return uuid.uuid4().hex[:12]


# ------------------------------------------------------------------------ the model
@dataclass
class Condition:
    """One test of an event field; see the module docstring for the operators."""

    field: str
    op: str
    values: tuple[str, ...] = ()
    low: float | None = None  # 'between': inclusive lower bound (years for age), None = open
    high: float | None = None  # 'between': inclusive upper bound, None = open

    def __post_init__(self) -> None:
        self.values = tuple(str(v) for v in self.values)

    def normalised_values(self) -> tuple[str, ...]:
        """The values as compared (normalised, without empties and repeats)."""
        return _normalised_tuple(tuple(self.values))

    def problems(self) -> list[str]:
        """What is wrong with this condition (empty when valid), in the current language."""
        kind = FIELDS.get(self.field)
        if kind is None:
            return [t(f"tuntematon kenttä '{self.field}'", f"unknown field '{self.field}'")]
        if self.op not in OPERATORS_BY_KIND[kind]:
            return [t(f"operaattori '{self.op}' ei sovi kenttään {self.field}",
                      f"operator '{self.op}' does not fit field {self.field}")]
        if self.op in ("is_empty", "not_empty"):
            return []
        if self.op == "between":
            if self.low is None and self.high is None:
                return [t("välin ala- tai yläraja puuttuu", "range needs a low or high bound")]
            if self.low is not None and self.high is not None and self.low > self.high:
                return [t(f"alaraja {self.low} on suurempi kuin yläraja {self.high}",
                          f"low bound {self.low} is above high bound {self.high}")]
            return []
        if not self.normalised_values():
            return [t(f"ehdolta {self.field} puuttuvat arvot", f"condition on {self.field} has no values")]
        return []

    def describe(self) -> str:
        """A one-line human-readable form, e.g. 'Palvelumuoto on jokin T21, T22'."""
        label = t(*FIELD_LABELS.get(self.field, (self.field, self.field)))
        op = t(*OPERATOR_LABELS.get(self.op, (self.op, self.op)))
        if self.op == "between":
            lo = "" if self.low is None else _num(self.low)
            hi = "" if self.high is None else _num(self.high)
            return f"{label} {op} {lo}-{hi}"
        if self.op in ("is_empty", "not_empty"):
            return f"{label} {op}"
        return f"{label} {op} {', '.join(self.values)}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "op": self.op}
        if self.op == "between":
            out["low"] = self.low
            out["high"] = self.high
        elif self.op not in ("is_empty", "not_empty"):
            out["values"] = list(self.values)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Condition:
        values = data.get("values") or ()
        if isinstance(values, str):
            values = split_values(values)
        return cls(
            field=str(data.get("field", "")),
            op=str(data.get("op", "")),
            values=tuple(values),
            low=_opt_float(data.get("low")),
            high=_opt_float(data.get("high")),
        )


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


def split_values(text: str) -> tuple[str, ...]:
    """Values typed as text: separated by commas or semicolons ('T21, T22')."""
    return tuple(v.strip() for v in re.split(r"[;,\n]", text) if v.strip())


def _opt_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# ------------------------------------------------------------------ logical shadowing
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


# ------------------------------------------------------------------ comparing versions
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
