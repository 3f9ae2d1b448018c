"""The conditions of the classification's rules: which event fields a condition can test, the
operators and their labels, and `Condition` itself (check, describe, serialise).

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

Plain Python (no Qt, no pandas); the rules that hold conditions are in desktop.core.rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from desktop.core.lang import t

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


def split_values(text: str) -> tuple[str, ...]:
    """Values typed as text: separated by commas or semicolons ('T21, T22')."""
    return tuple(v.strip() for v in re.split(r"[;,\n]", text) if v.strip())


def _opt_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
