"""Allocation rules for personnel and ledger euros (*henkilöstön ja talouden kohdentamissäännöt*), kept in
each classification version beside the rules for events.

Two kinds of rule, in ONE ordered list per version (the first enabled rule that fits a row takes it):

- `cost_centre`: rows of a cost centre (*kustannuspaikka*; `key` is the code or a pattern with `*` and
  `?`, compared case- and space-insensitively), optionally only staff of some professional groups,
  go to services with shares (0..1). Shares summing below 1 leave the rest unallocated.
- `aura`: ledger rows of an AURA class (`key` is its code) go to services with shares. Without such a
  rule (or with a rule without shares) a class's ledger euros are split by each service's share of that
  class's event euros in the same year.

How rows travel (desktop.analysis.allocation): a ledger row goes by its cost centre's rule when one fits,
otherwise by its AURA class. A staff row goes by its cost centre's rule; a cost centre without a rule
follows its own ledger: its FTEs go where its ledger euros went. Plain Python, no Qt.
"""

from __future__ import annotations

import functools
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from desktop.core.lang import t

RESOURCE_BASES = ("cost_centre", "aura")
BASIS_LABELS = {"cost_centre": ("kustannuspaikka", "cost centre"), "aura": ("AURA-luokka", "AURA class")}
SHARE_TOLERANCE = 1e-9


def _code(value: str) -> str:
    return "".join(str(value).split()).upper()


@functools.lru_cache(maxsize=1024)
def key_regex(key: str) -> re.Pattern:
    """The regex of a cost-centre key: `*` any text, `?` one character; on codes without spaces, upper case."""
    parts = [".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in _code(key)]
    return re.compile("".join(parts) + r"\Z")


@dataclass
class ServiceShare:
    """`share` (0..1) of the matched rows goes to the service `service` (a service code)."""

    service: str
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"service": self.service, "share": self.share}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServiceShare:
        return cls(str(data.get("service", "")), float(data.get("share") or 0.0))


@dataclass
class ResourceRule:
    """One allocation rule for staff and ledger rows; see the module docstring."""

    basis: str  # 'cost_centre' | 'aura'
    key: str  # cost centre code or pattern | AURA class code
    shares: list[ServiceShare] = field(default_factory=list)
    groups: tuple[str, ...] = ()  # cost_centre rules: only staff of these professional groups (empty: all rows)
    note: str = ""
    enabled: bool = True
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def __post_init__(self) -> None:
        self.groups = tuple(str(g).strip() for g in self.groups if str(g).strip())

    @property
    def total_share(self) -> float:
        return sum(s.share for s in self.shares)

    def matches_key(self, value: str | None) -> bool:
        if value is None:
            return False
        if self.basis == "aura":
            return _code(value) == _code(self.key)
        return bool(key_regex(self.key).match(_code(value)))

    def takes_group(self, group: str | None) -> bool:
        """True when the rule takes rows of professional group `group` (None: a ledger row)."""
        if not self.groups:
            return True
        return group is not None and _code(group) in {_code(g) for g in self.groups}

    def describe(self) -> str:
        """'kustannuspaikka 2538* (lääkäri) -> NEUVOLA 60 %, VO-LÄÄK 40 %'."""
        what = f"{t(*BASIS_LABELS.get(self.basis, (self.basis, self.basis)))} {self.key}"
        if self.groups:
            what += f" ({', '.join(self.groups)})"
        if not self.shares:
            return what + " -> " + t("palveluiden tapahtumaeurojen suhteessa", "in proportion to the services' event euros")
        return what + " -> " + ", ".join(f"{s.service} {_percent(s.share)}" for s in self.shares)

    def problems(self, services: set[str], aura_codes: set[str]) -> list[str]:
        """What is wrong with the rule (empty when valid), in the current language."""
        out = []
        if self.basis not in RESOURCE_BASES:
            out.append(t(f"peruste '{self.basis}' ei ole kustannuspaikka tai AURA-luokka",
                         f"basis '{self.basis}' is not cost_centre or aura"))
        if not _code(self.key):
            out.append(t("kustannuspaikka tai AURA-luokka puuttuu", "the cost centre or AURA class is missing"))
        elif self.basis == "aura" and self.key not in aura_codes:
            out.append(t(f"tuntematon AURA-luokka {self.key}", f"unknown AURA class {self.key}"))
        if self.basis == "cost_centre" and not self.shares:
            out.append(t("palvelut ja osuudet puuttuvat", "the services and shares are missing"))
        if self.basis == "aura" and self.groups:
            out.append(t("ammattiryhmät sopivat vain kustannuspaikan sääntöön",
                         "professional groups fit only a cost-centre rule"))
        seen: set[str] = set()
        for s in self.shares:
            if s.service not in services:
                out.append(t(f"tuntematon palvelu {s.service}", f"unknown service {s.service}"))
            if s.service in seen:
                out.append(t(f"palvelu {s.service} on kahdesti", f"service {s.service} is given twice"))
            seen.add(s.service)
            if not 0 < s.share <= 1:
                out.append(t(f"palvelun {s.service} osuus {_percent(s.share)} ei ole välillä 0-100 %",
                             f"the share {_percent(s.share)} of {s.service} is not within 0-100 %"))
        if self.total_share > 1 + SHARE_TOLERANCE:
            out.append(t(f"osuudet ovat yhteensä {_percent(self.total_share)}, yli 100 %",
                         f"the shares add up to {_percent(self.total_share)}, over 100 %"))
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "basis": self.basis, "key": self.key, "enabled": self.enabled,
                               "note": self.note, "shares": [s.to_dict() for s in self.shares]}
        if self.groups:
            out["groups"] = list(self.groups)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResourceRule:
        return cls(basis=str(data.get("basis", "")), key=str(data.get("key", "")),
                   shares=[ServiceShare.from_dict(s) for s in data.get("shares") or []],
                   groups=tuple(data.get("groups") or ()), note=str(data.get("note") or ""),
                   enabled=bool(data.get("enabled", True)), id=str(data.get("id") or uuid.uuid4().hex[:12]))


def resource_rule_problems(rules: list[ResourceRule], services: set[str], aura_codes: set[str]) -> list[str]:
    """Every problem of the rules, each line naming its rule number."""
    out = []
    for i, rule in enumerate(rules, 1):
        where = t(f"henkilöstö- ja taloussääntö {i}", f"personnel and finance rule {i}")
        out += [f"{where}: {p}" for p in rule.problems(services, aura_codes)]
    return out


def shadowed_resource_rules(rules: list[ResourceRule]) -> dict[int, int]:
    """Rule index -> index of an earlier enabled rule that takes every row it could take (the later rule
    never applies): same basis, the earlier key pattern matches the later key, and the earlier rule takes
    every professional group the later one does."""
    out: dict[int, int] = {}
    for j, later in enumerate(rules):
        if not later.enabled:
            continue
        for i in range(j):
            earlier = rules[i]
            if not earlier.enabled or earlier.basis != later.basis:
                continue
            same_key = earlier.matches_key(later.key) if earlier.basis == "cost_centre" else \
                _code(earlier.key) == _code(later.key)
            groups_covered = not earlier.groups or (bool(later.groups) and all(earlier.takes_group(g)
                                                                               for g in later.groups))
            if same_key and groups_covered:
                out[j] = i
                break
    return out


def parse_shares(text: str) -> list[ServiceShare]:
    """'NEUVOLA 60, VO-LÄÄK 40 %' -> shares 0.6 and 0.4 (percentages, decimal comma or point; a lone service without a figure
    takes the rest up to 100 %). Raises ValueError with a readable message."""
    out: list[ServiceShare] = []
    rest_of: str | None = None
    for part in (p.strip() for p in re.split(r"[;\n]|,(?!\d)", text) if p.strip()):  # '33,5' is a decimal comma
        m = re.fullmatch(r"(.+?)\s*[= ]\s*(-?\d+(?:[.,]\d+)?)\s*%?", part)
        if m is None:
            if rest_of is not None:
                raise ValueError(t(f"vain yhdeltä palvelulta voi jättää osuuden pois ('{part}')",
                                   f"only one service may be without a share ('{part}')"))
            rest_of = part
            continue
        out.append(ServiceShare(m.group(1).strip(), float(m.group(2).replace(",", ".")) / 100.0))
    if rest_of is not None:
        out.append(ServiceShare(rest_of, max(0.0, 1.0 - sum(s.share for s in out))))
    return out


def shares_text(shares: list[ServiceShare]) -> str:
    """The inverse of `parse_shares`: 'NEUVOLA 60, VO-LÄÄK 40'."""
    return ", ".join(f"{s.service} {_number(100 * s.share)}" for s in shares)


def _number(value: float) -> str:
    return str(int(round(value))) if abs(value - round(value)) < 1e-9 else f"{value:.4g}"


def _percent(share: float) -> str:
    return f"{_number(100 * share)} %"
