"""Client segments (*asiakkuussegmentit*): rules over person-years, need levels and the shipped defaults.

A `Segment` selects persons for one calendar year by a `Condition`. Every leaf condition is a
statement about a person's year (for example "had at least 2 events of a mental-health service in the
year", "was 18-64 at the end of the year"); `AllOf`, `AnyOf` and `Not` combine those statements.
Segments overlap: a person may belong to several segments in the same year, and every total counts
the person once (see desktop/analysis/segments.py, which evaluates these rules vectorised).

Plain dataclasses, JSON-ready through `to_dict` / `condition_from_dict`; no Qt, no pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.records import FrozenRecord, record

AGE_AT_YEAR_END = "year_end"
AGE_AT_EVENT = "event"
KIND_POPULATION = "population"  # defined by who the person is (age, sex, area)
KIND_CLIENT = "client"  # defined by service use, reasons or a special-law decision
KIND_NEED = "need_level"  # one of the three need levels (Suuntima-like)
SEGMENT_KINDS = (KIND_POPULATION, KIND_CLIENT, KIND_NEED)
USE_FIELDS = ("service", "aura", "level", "structure", "service_code", "service_form", "producer")
NEED_LEVELS = ("occasional", "wider", "high")
NEED_LEVEL_NAMES_FI = {"occasional": "Satunnainen tarve", "wider": "Laajempi tarve", "high": "Suuri tarve"}


class Condition(FrozenRecord):
    """A statement about one person in one year (a frozen record: desktop.core.records)."""

    type: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


@record
class Age(Condition):
    """Age between `min_age` and `max_age` years, both inclusive (None = open end).

    `at="year_end"`: age on 31 December (year - birth year); `at="event"`: the age recorded on at
    least one event of the year.
    """

    min_age: int | None = None
    max_age: int | None = None
    at: str = AGE_AT_YEAR_END
    type: ClassVar[str] = "age"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "age", "min": self.min_age, "max": self.max_age, "at": self.at}


@record
class Sex(Condition):
    """Sex code '1' (male) or '2' (female)."""

    value: str = "2"
    type: ClassVar[str] = "sex"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "sex", "value": self.value}


@record
class Municipality(Condition):
    """Lived in one of the municipalities (3-digit codes) at an event of the year."""

    codes: tuple[str, ...] = ()
    type: ClassVar[str] = "municipality"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "municipality", "codes": list(self.codes)}


@record
class SpecialLaw(Condition):
    """Had an event under one of the special laws (e.g. VPL disability services, KVL special care)."""

    laws: tuple[str, ...] = ()
    type: ClassVar[str] = "special_law"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "special_law", "laws": list(self.laws)}


@record
class Uses(Condition):
    """At least `min_events` events in the year whose `column` (service, aura, level, ...) is one of `values`.

    In JSON the column is called "field"."""

    column: str = "service"
    values: tuple[str, ...] = ()
    min_events: int = 1
    type: ClassVar[str] = "uses"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "uses", "field": self.column, "values": list(self.values), "min_events": self.min_events}


@record
class Reasons(Condition):
    """At least `min_events` events with a reason code in one of the ranges.

    A range is a code prefix ('F3' matches F30-F39.9) or two prefixes 'F10-F19' (inclusive, compared on
    the prefix length: F10.2 and F19 match, F20 does not).
    """

    ranges: tuple[str, ...] = ()
    min_events: int = 1
    type: ClassVar[str] = "reasons"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "reasons", "ranges": list(self.ranges), "min_events": self.min_events}


@record
class NeedLevel(Condition):
    """The person's need level of the year ('occasional', 'wider', 'high'), see `NeedThresholds`."""

    level: str = "occasional"
    type: ClassVar[str] = "need_level"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "need_level", "level": self.level}


@record
class AllOf(Condition):
    items: tuple[Condition, ...] = ()
    type: ClassVar[str] = "all"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "all", "items": [c.to_dict() for c in self.items]}


@record
class AnyOf(Condition):
    items: tuple[Condition, ...] = ()
    type: ClassVar[str] = "any"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "any", "items": [c.to_dict() for c in self.items]}


@record
class Not(Condition):
    """Clients of the year for whom `item` does not hold."""

    item: Condition = AllOf()  # each Not gets its own AllOf() (FACTORIES)
    FACTORIES: ClassVar[dict] = {"item": AllOf}
    type: ClassVar[str] = "not"

    def to_dict(self) -> dict[str, Any]:
        return {"type": "not", "item": self.item.to_dict()}


def _bad(what: str) -> UserError:
    return UserError(t(f"Segmentin ehto on virheellinen: {what}.", f"The segment condition is invalid: {what}."))


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise _bad(t(f"ikä '{value}' ei ole kokonaisluku", f"age '{value}' is not a whole number")) from exc


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    return tuple(str(v).strip() for v in value if str(v).strip())


def condition_from_dict(data: dict[str, Any]) -> Condition:
    """Rebuild a condition from `Condition.to_dict()` output; raises UserError for bad input."""
    if not isinstance(data, dict) or "type" not in data:
        raise _bad(t("ehdolta puuttuu tyyppi", "a condition has no type"))
    kind = data["type"]
    if kind == "age":
        at = data.get("at", AGE_AT_YEAR_END)
        if at not in (AGE_AT_YEAR_END, AGE_AT_EVENT):
            raise _bad(t(f"iän ajankohta '{at}' (sallitut: year_end, event)", f"age time '{at}' (year_end, event)"))
        low, high = _int_or_none(data.get("min")), _int_or_none(data.get("max"))
        if low is not None and high is not None and low > high:
            raise _bad(t(f"ikäraja {low}-{high} on väärin päin", f"age range {low}-{high} is reversed"))
        return Age(low, high, at)
    if kind == "sex":
        value = str(data.get("value", ""))
        if value not in ("1", "2"):
            raise _bad(t(f"sukupuoli '{value}' (sallitut: 1, 2)", f"sex '{value}' (allowed: 1, 2)"))
        return Sex(value)
    if kind == "municipality":
        return Municipality(_strings(data.get("codes")))
    if kind == "special_law":
        return SpecialLaw(_strings(data.get("laws")))
    if kind == "uses":
        fld = data.get("field", "service")
        if fld not in USE_FIELDS:
            raise _bad(t(f"kenttä '{fld}' (sallitut: {', '.join(USE_FIELDS)})", f"field '{fld}'"))
        values = data.get("values") or ()
        values = (values,) if isinstance(values, str) else tuple(str(v) for v in values)
        return Uses(fld, values, max(1, int(data.get("min_events", 1) or 1)))
    if kind == "reasons":
        return Reasons(_strings(data.get("ranges")), max(1, int(data.get("min_events", 1) or 1)))
    if kind == "need_level":
        level = data.get("level")
        if level not in NEED_LEVELS:
            raise _bad(t(f"palvelutarpeen taso '{level}'", f"need level '{level}'"))
        return NeedLevel(level)
    if kind in ("all", "any"):
        items = tuple(condition_from_dict(d) for d in data.get("items") or ())
        return AllOf(items) if kind == "all" else AnyOf(items)
    if kind == "not":
        return Not(condition_from_dict(data.get("item") or {}))
    raise _bad(t(f"tuntematon ehtotyyppi '{kind}'", f"unknown condition type '{kind}'"))


def reason_range_bounds(text: str) -> tuple[str, str]:
    """('F10', 'F19') for 'F10-F19'; ('F3', 'F3') for 'F3'. Upper case, no spaces."""
    text = text.strip().upper().replace(" ", "")
    low, _, high = text.partition("-")
    return low, (high or low)


def reason_in_ranges(code: str, ranges: tuple[str, ...]) -> bool:
    """Whether one reason code (e.g. 'F32.1') falls in one of the ranges (see `Reasons`)."""
    code = code.strip().upper()
    for text in ranges:
        low, high = reason_range_bounds(text)
        if not low:
            continue
        if code[: len(low)] >= low and code[: len(high)] <= high:
            return True
    return False


@record
class PopulationBase(FrozenRecord):
    """The residents a segment is compared with: ages (inclusive), sex ('' both), municipalities (() all)."""

    age_from: int = 0
    age_to: int = 200
    sex: str = ""
    municipalities: tuple[str, ...] = ()

    def narrowed(self, other: PopulationBase) -> PopulationBase:
        """Residents who are in both bases (an empty overlap of areas is the sentinel area '-': nobody)."""
        munis = self.municipalities
        if other.municipalities:
            munis = tuple(m for m in munis if m in other.municipalities) if munis else other.municipalities
            munis = munis or ("-",)
        sex = self.sex or other.sex
        if self.sex and other.sex and self.sex != other.sex:
            sex = "-"  # nobody
        return PopulationBase(max(self.age_from, other.age_from), min(self.age_to, other.age_to), sex, munis)


def population_base(condition: Condition) -> PopulationBase:
    """The residents a condition's clients are compared with: the age, sex and area limits that every
    member must meet (found in the condition itself or in an all-of), else the whole population."""
    if isinstance(condition, Age):
        return PopulationBase(condition.min_age or 0, 200 if condition.max_age is None else condition.max_age)
    if isinstance(condition, Sex):
        return PopulationBase(sex=condition.value)
    if isinstance(condition, Municipality):
        return PopulationBase(municipalities=condition.codes)
    if isinstance(condition, AllOf):
        base = PopulationBase()
        for item in condition.items:
            base = base.narrowed(population_base(item))
        return base
    return PopulationBase()


@dataclass(frozen=True)
class Segment:
    """A named segment. `name` is the Finnish name shown and used in exports and JSON."""

    name: str
    condition: Condition
    kind: str = KIND_CLIENT
    name_en: str = ""
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_en": self.name_en,
            "kind": self.kind,
            "description": self.description,
            "condition": self.condition.to_dict(),
        }

    @property
    def base(self) -> PopulationBase:
        return population_base(self.condition)


def segment_from_dict(data: dict[str, Any]) -> Segment:
    name = str(data.get("name") or "").strip()
    if not name:
        raise UserError(t("Segmentiltä puuttuu nimi.", "A segment has no name."))
    kind = data.get("kind") or KIND_CLIENT
    if kind not in SEGMENT_KINDS:
        raise UserError(t(f"Segmentin {name} laji '{kind}' on tuntematon.", f"Segment {name}: unknown kind '{kind}'."))
    return Segment(
        name=name,
        condition=condition_from_dict(data.get("condition") or {}),
        kind=kind,
        name_en=str(data.get("name_en") or ""),
        description=str(data.get("description") or ""),
    )


@record
class NeedThresholds(FrozenRecord):
    """Editable thresholds of the need levels, in euros per client per year.

    high need: euros >= `high_eur`, or a red (demanding / round-the-clock) service used and euros >=
    `high_red_eur`; wider need: otherwise euros >= `wider_eur`, or a red service used; occasional need:
    every other client of the year. The defaults give 60 / 30 / 10 % of the clients of the synthetic
    Keski-Suomi demo region (2023 and 2024); `calibrate_need_thresholds` in
    desktop/analysis/segments.py suggests values for a store's own data.
    """

    wider_eur: float = 1000.0
    high_eur: float = 8000.0
    high_red_eur: float = 4000.0

    def to_dict(self) -> dict[str, float]:
        return {"wider_eur": self.wider_eur, "high_eur": self.high_eur, "high_red_eur": self.high_red_eur}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> NeedThresholds:
        data = data or {}
        default = cls()
        try:
            values = {k: float(data.get(k, getattr(default, k))) for k in ("wider_eur", "high_eur", "high_red_eur")}
        except (TypeError, ValueError) as exc:
            raise UserError(t("Palvelutarpeen kynnysarvot eivät ole lukuja.", "Need thresholds are not numbers.")) from exc
        if not 0 <= values["wider_eur"] <= values["high_eur"]:
            raise UserError(
                t("Laajemman tarpeen raja ei voi olla suuremman tarpeen rajaa suurempi.",
                  "The wider-need threshold cannot exceed the high-need threshold.")
            )
        return cls(**values)


# ------------------------------------------------------------------------------------------- defaults
MENTAL_HEALTH_AURA = (
    "Aikuispsykiatrinen erikoissairaanhoito",
    "Lastenpsykiatrinen erikoissairaanhoito",
    "Nuorisopsykiatrinen erikoissairaanhoito",
    "Mielenterveyskuntoutujien asumispalvelu",
    "Mielenterveyskuntoutujien ympärivuorokautinen asumispalvelu",
)
SUBSTANCE_AURA = ("Päihdekuntoutujien asumispalvelu", "Päihdekuntoutujien laitoshoito")


def default_segments() -> list[Segment]:
    """The segments loaded into every new store (seed 000, "Keskeisimmät segmentit")."""
    return [
        Segment("Lapset ja nuoret", Age(0, 17), KIND_POPULATION, "Children and youth",
                "Alle 18-vuotiaat vuoden lopussa (YK:n lapsen oikeuksien sopimus)."),
        Segment("Työikäiset", Age(18, 64), KIND_POPULATION, "Working-age", "18-64-vuotiaat vuoden lopussa."),
        Segment("Iäkkäät", Age(65, None), KIND_POPULATION, "Elderly", "Yli 64-vuotiaat vuoden lopussa."),
        Segment("Vammaiset", SpecialLaw(("VPL", "KVL")), KIND_CLIENT, "People with disabilities",
                "Palvelu vammaispalvelulain (VPL) tai kehitysvammalain (KVL) perusteella vuoden aikana."),
        Segment("Mielenterveysasiakkaat",
                AnyOf((Reasons(("F20-F99",)), Uses("aura", MENTAL_HEALTH_AURA))), KIND_CLIENT,
                "Mental-health clients",
                "Mielenterveyden käyntisyy (ICD-10 F20-F99) tai mielenterveyspalvelu vuoden aikana."),
        Segment("Päihdeasiakkaat", AnyOf((Reasons(("F10-F19",)), Uses("aura", SUBSTANCE_AURA))), KIND_CLIENT,
                "Substance-abuse clients",
                "Päihteisiin liittyvä käyntisyy (ICD-10 F10-F19) tai päihdepalvelu vuoden aikana."),
        Segment(NEED_LEVEL_NAMES_FI["occasional"], NeedLevel("occasional"), KIND_NEED, "Occasional need",
                "Vain vähän tai kevyitä palveluita vuoden aikana."),
        Segment(NEED_LEVEL_NAMES_FI["wider"], NeedLevel("wider"), KIND_NEED, "Wider need",
                "Säännöllistä tukea tai vaativa palvelu vuoden aikana."),
        Segment(NEED_LEVEL_NAMES_FI["high"], NeedLevel("high"), KIND_NEED, "High need",
                "Paljon tai vaativia palveluita, suuret asiakaskohtaiset kustannukset."),
    ]


def youth_alternatives() -> list[Segment]:
    """Ready-made youth segments with the age limits of the laws (seed 000)."""
    return [
        Segment("Nuoret 18-24 (sosiaalihuoltolaki)", Age(18, 24), KIND_POPULATION, "Youth 18-24 (Social Welfare Act)",
                "Sosiaalihuoltolaki 1301/2014: nuori on 18-24-vuotias."),
        Segment("Alle 25-vuotiaat (jälkihuolto)", Age(0, 24), KIND_POPULATION, "Under 25 (after-care)",
                "Lastensuojelulaki: alle 25-vuotias on oikeutettu jälkihuoltoon."),
        Segment("Alle 23-vuotiaat (nuorten mielenterveys)", Age(0, 22), KIND_POPULATION,
                "Under 23 (youth mental health)", "Terveydenhuoltolaki: hoitoonpääsy nuorten mielenterveyspalveluissa."),
        Segment("Alle 29-vuotiaat (nuorisolaki)", Age(0, 28), KIND_POPULATION, "Under 29 (Youth Act)",
                "Nuorisolaki 1285/2016 3 §: nuoret ovat alle 29-vuotiaita."),
    ]


