"""Segment membership per year, sizes, overlaps, need levels and projections, vectorised.

Input is a frame of classified events (see desktop.services.classification.classified_events):
`person_id` (int codes), `date` (days since 1970) or `year`, `birth_year`, `age`, `sex`,
`municipality`, `reasons`, `special_law`, `cost_eur`, and the classification's `service`, `aura`,
`level`, `structure`. Text columns may be pandas Categoricals (fast path) or plain strings.

Membership is a boolean matrix per year: one row per segment, one column per person code. Persons
are never looped over in Python: conditions become event masks through lookups on the categories,
then person masks through `np.bincount` on the person codes.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop.core.datasets import years_of
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import (
    AGE_AT_EVENT,
    Age,
    AllOf,
    AnyOf,
    Condition,
    Municipality,
    NeedLevel,
    NeedThresholds,
    Not,
    PopulationBase,
    Reasons,
    Segment,
    Sex,
    SpecialLaw,
    Uses,
    reason_in_ranges,
)

NEED_CODE = {"occasional": 1, "wider": 2, "high": 3}


# ----------------------------------------------------------------------------- column helpers
_PERSON_CODES: dict[int, tuple[tuple, np.ndarray]] = {}


def person_codes(events: pd.DataFrame) -> np.ndarray:
    """Person codes 0..P-1 as an int64 array (a Categorical person column gives its codes); made
    once per events frame (membership and the traffic-light table both need them: 8 bytes an event)."""
    if "person_id" not in events.columns:
        raise UserError(t("Palvelutapahtumista puuttuu henkilön tunniste (person_id); segmenttejä ei voi laskea.",
                          "The service-use events have no person identifier (person_id); no segments."))
    col = events["person_id"]
    values = np.asarray(col.array.codes) if isinstance(col.dtype, pd.CategoricalDtype) else col.to_numpy()
    source = (values.__array_interface__["data"][0], values.dtype.str, len(values))  # the column's own memory
    cached = _PERSON_CODES.get(id(events))
    if cached is not None and cached[0] == source:
        return cached[1]
    codes = values.astype(np.int64, copy=False).view()
    codes.flags.writeable = False  # shared by every caller
    if id(events) not in _PERSON_CODES:
        weakref.finalize(events, _PERSON_CODES.pop, id(events), None)
    _PERSON_CODES[id(events)] = (source, codes)
    return codes


def event_years(events: pd.DataFrame) -> np.ndarray:
    """Calendar year of each event (the `year` column, or from `date`)."""
    if "year" in events.columns:
        return events["year"].to_numpy()
    return years_of(events["date"].to_numpy())


def distinct_years(years: np.ndarray) -> list[int]:
    """The distinct years of a year array, ascending (counting, not sorting)."""
    if not len(years):
        return []
    lo, hi = int(years.min()), int(years.max())
    if lo == hi:
        return [lo]
    if hi - lo <= 24:  # a few years: one comparison each beats counting through an int64 copy
        return [y for y in range(lo, hi + 1) if y in (lo, hi) or bool((years == y).any())]
    counts = np.bincount((years - lo).astype(np.int64))
    return [lo + int(i) for i in np.flatnonzero(counts)]


def year_rows(years: np.ndarray, year: int) -> slice | np.ndarray:
    """The rows of `year`: a slice when they are consecutive (events stored year by year: the year's
    columns are then views, not copies), else their indices."""
    rows = np.flatnonzero(years == year)
    if len(rows) and int(rows[-1]) - int(rows[0]) + 1 == len(rows):
        return slice(int(rows[0]), int(rows[-1]) + 1)
    return rows


def codes_and_categories(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes (-1 missing) and the category texts of a text column."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        # the Categorical's own codes: `series.cat.codes` copies them (a Series of a numpy array, pandas 3)
        return np.asarray(series.array.codes), [str(c) for c in series.cat.categories]
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, [str(u) for u in uniques]


def category_mask(codes: np.ndarray, categories: Sequence[str], wanted) -> np.ndarray:
    """Event mask: the category of the event is accepted by `wanted` (a set or a predicate)."""
    if callable(wanted):
        lut = np.fromiter((bool(wanted(c)) for c in categories), dtype=bool, count=len(categories))
    else:
        lut = np.fromiter((c in wanted for c in categories), dtype=bool, count=len(categories))
    hits = np.flatnonzero(lut)
    if len(hits) <= 6:  # a few equality tests beat a gather through the lookup table
        mask = np.zeros(len(codes), dtype=bool)
        for code in hits:
            mask |= codes == code
        return mask
    lut = np.append(lut, False)  # code -1 (missing) -> last slot
    return lut[codes]


# ------------------------------------------------------------------------------- one year
class YearEvents:
    """The events of one year as arrays, with what the conditions need built on first use."""

    def __init__(self, events: pd.DataFrame, year: int, n_persons: int, rows: np.ndarray | slice | None,
                 thresholds: NeedThresholds, persons: np.ndarray | None = None):
        self.events = events
        self.year = int(year)
        self.n_persons = n_persons
        self.rows = rows  # the year's events in `events`: indices or a slice (None = all rows)
        self.thresholds = thresholds
        self._cache: dict = {}
        self.person = self._take(person_codes(events) if persons is None else persons)  # `persons`: of all events
        counts = np.bincount(self.person, minlength=n_persons)
        self.events_per_person = counts
        self.active = counts > 0

    def release_event_arrays(self) -> None:
        """Forget the arrays of one value per event (made again when asked); those of one value per
        person stay. Called once the year's segments are known: over ten years the kept copies would
        add up to several bytes per event."""
        for key in [k for k in self._cache if k[0] in ("col", "num", "age_end")]:
            del self._cache[key]

    def _take(self, array: np.ndarray) -> np.ndarray:
        return array if self.rows is None else array[self.rows]

    def column(self, name: str) -> tuple[np.ndarray, list[str]]:
        key = ("col", name)
        if key not in self._cache:
            if name not in self.events.columns:
                raise UserError(t(f"Tapahtumista puuttuu sarake {name}.", f"The events have no column {name}."))
            codes, cats = codes_and_categories(self.events[name])
            self._cache[key] = (self._take(codes), cats)
        return self._cache[key]

    def numbers(self, name: str) -> np.ndarray:
        key = ("num", name)
        if key not in self._cache:
            self._cache[key] = self._take(self.events[name].to_numpy())
        return self._cache[key]

    def persons_with(self, event_mask: np.ndarray, min_events: int = 1) -> np.ndarray:
        """Person mask: at least `min_events` of the year's events are in `event_mask`."""
        chosen = self.person.compress(event_mask)  # much faster than person[event_mask] on numpy 2
        if min_events <= 1:
            out = np.zeros(self.n_persons, dtype=bool)
            out[chosen] = True
            return out
        return np.bincount(chosen, minlength=self.n_persons) >= min_events

    def age_at_year_end(self) -> np.ndarray:
        """Per event: year - birth year, or the age at the event when the birth year is unknown (-1)."""
        key = ("age_end",)
        if key not in self._cache:
            birth = self.numbers("birth_year").astype(np.int32) if "birth_year" in self.events.columns else None
            age = self.numbers("age").astype(np.int32) if "age" in self.events.columns else None
            if birth is None and age is None:
                raise UserError(t("Tapahtumista puuttuu syntymävuosi ja ikä.", "The events have no birth year or age."))
            if birth is None:
                out = age
            else:
                out = np.where(birth > 0, self.year - birth, -1 if age is None else age)
            self._cache[key] = out
        return self._cache[key]

    def person_values(self, per_event: np.ndarray, missing: int = -1) -> np.ndarray:
        """One value per person from a per-event array (any of the person's events; for values that
        are constant per person, such as birth year and sex)."""
        out = np.full(self.n_persons, missing, dtype=per_event.dtype if per_event.dtype.kind == "i" else np.int64)
        out[self.person] = per_event
        return out

    def person_age_at_year_end(self) -> np.ndarray:
        """Per person: age on 31 December (-1 unknown). With an unknown birth year, the age at one of
        the person's events of the year."""
        key = ("person_age_end",)
        if key not in self._cache:
            self._cache[key] = self.person_values(self.age_at_year_end().astype(np.int16))
        return self._cache[key]

    def euros_per_person(self) -> np.ndarray:
        return self.sum_per_person("cost_eur")

    def sum_per_person(self, column: str) -> np.ndarray:
        """Per person the sum of a numeric event column over the year's events (NaN counts as 0; zeros
        when the events have no such column): euros, or the FTEs and ledger euros of
        desktop.services.resources."""
        key = ("sum", column)
        if key not in self._cache:
            if column not in self.events.columns:
                self._cache[key] = np.zeros(self.n_persons)
                return self._cache[key]
            values = self.numbers(column).astype(np.float64, copy=False)
            if np.isnan(values).any():
                values = np.where(np.isnan(values), 0.0, values)
            self._cache[key] = np.bincount(self.person, weights=values, minlength=self.n_persons)
        return self._cache[key]

    def used_red(self) -> np.ndarray:
        """Per person: used a red (demanding or round-the-clock) service in the year."""
        key = ("red",)
        if key not in self._cache:
            out = np.zeros(self.n_persons, dtype=bool)
            if "level" in self.events.columns:
                codes, cats = self.column("level")
                if "red" in cats:
                    out = self.persons_with(codes == cats.index("red"))
            self._cache[key] = out
        return self._cache[key]

    def heaviest_level(self) -> np.ndarray:
        """Per person 0 none/unclassified, 1 green, 2 yellow, 3 red (the heaviest level used)."""
        key = ("heaviest",)
        if key not in self._cache:
            out = np.zeros(self.n_persons, dtype=np.int8)
            if "level" in self.events.columns:
                codes, cats = self.column("level")
                for rank, name in ((1, "green"), (2, "yellow"), (3, "red")):
                    if name in cats:
                        used = self.persons_with(codes == cats.index(name))
                        out[used] = rank
            self._cache[key] = out
        return self._cache[key]

    def need_levels(self) -> np.ndarray:
        """Per person 0 (no events), 1 occasional, 2 wider, 3 high need (see NeedThresholds)."""
        key = ("need", self.thresholds)
        if key not in self._cache:
            heaviest = np.where(self.used_red(), 3, 0).astype(np.int8)  # only "red or not" matters here
            self._cache[key] = classify_need(self.euros_per_person(), heaviest, self.active, self.thresholds)
        return self._cache[key]


def classify_need(euros: np.ndarray, heaviest: np.ndarray, active: np.ndarray, th: NeedThresholds) -> np.ndarray:
    """Need level per person: 0 not a client, 1 occasional, 2 wider, 3 high (euros per year)."""
    red = heaviest >= 3
    high = (euros >= th.high_eur) | (red & (euros >= th.high_red_eur))
    at_least_wider = (euros >= th.wider_eur) | red | high
    # 1 + (wider or high) + high: occasional 1, wider 2, high 3; times "is a client" (int8 throughout)
    out = high.view(np.int8) + at_least_wider.view(np.int8)
    out += 1
    out *= np.asarray(active, dtype=bool).view(np.int8)
    return out


def evaluate(condition: Condition, ye: YearEvents) -> np.ndarray:
    """Person mask (length P) of the clients of the year for whom `condition` holds."""
    if isinstance(condition, AllOf):
        out = ye.active.copy()
        for item in condition.items:
            out &= evaluate(item, ye)
        return out
    if isinstance(condition, AnyOf):
        out = np.zeros(ye.n_persons, dtype=bool)
        for item in condition.items:
            out |= evaluate(item, ye)
        return out
    if isinstance(condition, Not):
        return ye.active & ~evaluate(condition.item, ye)
    if isinstance(condition, Age):
        low = condition.min_age if condition.min_age is not None else 0
        if condition.at == AGE_AT_EVENT:
            age = ye.numbers("age")
            mask = age >= low
            if condition.max_age is not None:
                mask &= age <= condition.max_age
            return ye.persons_with(mask)
        age = ye.person_age_at_year_end()  # per person: the birth year is the same on every event
        mask = ye.active & (age >= low)
        if condition.max_age is not None:
            mask &= age <= condition.max_age
        return mask
    if isinstance(condition, Sex):
        codes, cats = ye.column("sex")
        return ye.persons_with(category_mask(codes, cats, {condition.value}))
    if isinstance(condition, Municipality):
        codes, cats = ye.column("municipality")
        return ye.persons_with(category_mask(codes, cats, set(condition.codes)))
    if isinstance(condition, SpecialLaw):
        codes, cats = ye.column("special_law")
        return ye.persons_with(category_mask(codes, cats, set(condition.laws)))
    if isinstance(condition, Uses):
        codes, cats = ye.column(condition.column)
        return ye.persons_with(category_mask(codes, cats, set(condition.values)), condition.min_events)
    if isinstance(condition, Reasons):
        codes, cats = ye.column("reasons")
        ranges = condition.ranges

        def matches(text: str) -> bool:
            return any(reason_in_ranges(code, ranges) for code in text.split())

        return ye.persons_with(category_mask(codes, cats, matches), condition.min_events)
    if isinstance(condition, NeedLevel):
        return ye.need_levels() == NEED_CODE[condition.level]
    raise TypeError(f"unknown condition {condition!r}")


# ------------------------------------------------------------------------------- membership
@dataclass
class Membership:
    """Who belongs to which segment in which year.

    `masks[year]` is a bool array (segments x persons); `active[year]` marks every client of the year.
    From `membership(...)` these are mappings that evaluate a year on its first look-up (`year in
    masks` does not evaluate); plain dicts work too.
    """

    segments: list[Segment]
    years: list[int]
    n_persons: int
    masks: MutableMapping[int, np.ndarray] = field(default_factory=dict)
    active: MutableMapping[int, np.ndarray] = field(default_factory=dict)
    year_events: MutableMapping[int, YearEvents] = field(default_factory=dict, repr=False)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.segments]

    def persons(self, year: int) -> np.ndarray:
        """Persons per segment in `year` (int array, one per segment)."""
        return self.masks[year].sum(axis=1)

    def total_persons(self, year: int, segment_rows: Iterable[int] | None = None) -> int:
        """Persons in at least one of the segments, each counted once."""
        m = self.masks[year] if segment_rows is None else self.masks[year][list(segment_rows)]
        return int(m.any(axis=0).sum())

    def overlaps(self, year: int) -> np.ndarray:
        """Persons in both segment i and segment j (diagonal: the segment's size)."""
        m = self.masks[year].astype(np.float32)
        return np.rint(m @ m.T).astype(np.int64)

    def intersections(self, year: int, top: int = 15) -> list[tuple[tuple[int, ...], int]]:
        """The largest exact combinations of segments (UpSet): [(segment rows, persons)], biggest first."""
        m = self.masks[year]
        if m.shape[0] > 62:
            raise UserError(t("Liian monta segmenttiä leikkauskaavioon.", "Too many segments for the intersection chart."))
        weights = (np.int64(1) << np.arange(m.shape[0], dtype=np.int64))
        bits = weights @ m.astype(np.int64)
        bits = bits[bits > 0]
        combos, counts = np.unique(bits, return_counts=True)
        order = np.argsort(-counts, kind="stable")[:top]
        out = []
        for i in order:
            rows = tuple(int(s) for s in range(m.shape[0]) if int(combos[i]) >> s & 1)
            out.append((rows, int(counts[i])))
        return out


def membership(
    events: pd.DataFrame,
    segments: Sequence[Segment],
    years: Iterable[int] | None = None,
    thresholds: NeedThresholds | None = None,
    n_persons: int | None = None,
) -> Membership:
    """Evaluate every segment for every year (default: all years of the events).

    The latest wanted year is evaluated here; the other years on first use of `masks[year]`,
    `active[year]` or `year_events[year]` (same results, but a first picture of the latest year
    does not wait for the earlier years)."""
    thresholds = thresholds or NeedThresholds()
    persons = person_codes(events)
    n = int(n_persons if n_persons is not None else (persons.max() + 1 if len(persons) else 0))
    ev_years = event_years(events)
    all_years = distinct_years(ev_years)
    wanted = all_years if years is None else [int(y) for y in years]
    result = Membership(list(segments), wanted, n)
    single = len(all_years) == 1
    lock = threading.Lock()
    maps: list[_YearMap] = []

    def evaluate_year(year: int) -> None:
        with lock:
            if all(year in m.done for m in maps):
                return
            rows = None if (single and all_years[0] == year) else year_rows(ev_years, year)
            ye = YearEvents(events, year, n, rows, thresholds, persons)
            mask = np.zeros((len(segments), n), dtype=bool)
            for i, segment in enumerate(segments):
                mask[i] = evaluate(segment.condition, ye)
            ye.release_event_arrays()
            for m, value in zip(maps, (mask, ye.active, ye), strict=True):
                m.fill(year, value)

    maps.extend(_YearMap(wanted, evaluate_year) for _ in range(3))
    result.masks, result.active, result.year_events = maps
    if wanted:
        evaluate_year(wanted[-1])
    return result


class _YearMap(MutableMapping):
    """{year: value} whose pending years are evaluated on first access (by `evaluate_year`, which
    fills every map of the membership). Membership tests and iteration do not evaluate."""

    def __init__(self, years: Sequence[int], evaluate_year):
        self.done: dict = {}
        self._pending = list(years)
        self._evaluate_year = evaluate_year

    def fill(self, year: int, value) -> None:
        if year in self._pending:
            self._pending.remove(year)
            self.done.setdefault(year, value)

    def __getitem__(self, year):
        if year not in self.done and year in self._pending:
            self._evaluate_year(year)
        return self.done[year]

    def __setitem__(self, year, value) -> None:
        if year in self._pending:
            self._pending.remove(year)
        self.done[year] = value

    def __delitem__(self, year) -> None:
        if year in self._pending:
            self._pending.remove(year)
        else:
            del self.done[year]

    def __contains__(self, year) -> bool:
        return year in self.done or year in self._pending

    def __iter__(self) -> Iterator:
        return iter(sorted([*self.done, *self._pending]))

    def __len__(self) -> int:
        return len(self.done) + len(self._pending)

    def __repr__(self) -> str:
        return f"_YearMap(done={sorted(self.done)}, pending={self._pending})"


# ------------------------------------------------------------------------------- population
def residents(
    population: pd.DataFrame,
    year: int,
    base: PopulationBase | None = None,
    age_from: int | None = None,
    age_to: int | None = None,
    sex: str | None = None,
    municipalities: Sequence[str] | None = None,
) -> float:
    """Residents of `year` in the base (narrowed by the optional limits), in persons.

    Age bands of the population that only partly overlap the wanted ages are prorated evenly over
    their single years; rows for both sexes ('') count half when one sex is asked.
    """
    base = base or PopulationBase()
    if population is None or len(population) == 0:
        return float("nan")
    pop = population[population["year"].to_numpy() == year]
    if len(pop) == 0:
        return float("nan")
    lo = max(base.age_from, age_from if age_from is not None else 0)
    hi = min(base.age_to, age_to if age_to is not None else 200)
    want_sex = sex or base.sex
    if want_sex == "-" or lo > hi:
        return 0.0
    munis = set(base.municipalities)
    if municipalities:
        munis = (munis & set(municipalities)) if munis else set(municipalities)
        if not munis:
            return 0.0
    if munis:
        pop = pop[pop["municipality"].astype(str).isin(munis).to_numpy()]
    a_from = pop["age_from"].to_numpy(dtype=np.int64)
    a_to = pop["age_to"].to_numpy(dtype=np.int64)
    overlap = np.clip(np.minimum(a_to, hi) - np.maximum(a_from, lo) + 1, 0, None)
    share = overlap / np.maximum(a_to - a_from + 1, 1)
    row_sex = pop["sex"].fillna("").astype(str).to_numpy()
    if want_sex:
        sex_share = np.where(row_sex == want_sex, 1.0, np.where(row_sex == "", 0.5, 0.0))
    else:
        sex_share = np.ones(len(pop))
    return float((pop["count"].to_numpy(dtype=float) * share * sex_share).sum())


def population_years(population: pd.DataFrame | None, forecast: bool | None = None) -> list[int]:
    if population is None or len(population) == 0:
        return []
    pop = population
    if forecast is not None and "forecast" in pop.columns:
        pop = pop[pop["forecast"].astype(bool) == forecast]
    return sorted(int(y) for y in pop["year"].unique())


# ------------------------------------------------------------------------------- sizes
SEGMENT_RESOURCE_SUMS = ("fte", "ledger_eur")  # per-event columns of desktop.services.resources


def segment_sizes(m: Membership, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per segment and year: persons, residents of the segment's base, clients per 1,000
    residents, share of residents, events and euros of the members in the year, change in persons
    from the previous year (NaN for the first year).

    When the events carry the FTEs and ledger euros allocated to them (columns `fte`, `ledger_eur`:
    desktop.services.resources.events_with_resources), the members' sums of those too, with
    contacts per FTE (events / fte) and ledger euros per contact (ledger_eur / events), as on the
    traffic-light table."""
    rows = []
    extra: tuple[str, ...] = ()
    for year in m.years:
        ye = m.year_events[year]
        extra = tuple(c for c in SEGMENT_RESOURCE_SUMS if c in ye.events.columns)
        mask = m.masks[year]
        per_person_events = ye.events_per_person
        eur = ye.euros_per_person()
        sums = {c: ye.sum_per_person(c) for c in extra}
        for i, segment in enumerate(m.segments):
            members = mask[i]
            persons = int(members.sum())
            res = residents(population, year, segment.base) if population is not None else float("nan")
            row = {
                "segment": segment.name,
                "kind": segment.kind,
                "year": year,
                "persons": persons,
                "residents": res,
                "per_1000": 1000.0 * persons / res if res and res == res else float("nan"),
                "share": persons / res if res and res == res else float("nan"),
                "events": int(per_person_events[members].sum()),
                "cost_eur": float(eur[members].sum()),
            }
            for c in extra:
                row[c] = float(sums[c][members].sum())
            if "fte" in extra:
                row["contacts_per_fte"] = row["events"] / row["fte"] if row["fte"] > 0 else float("nan")
            if "ledger_eur" in extra:
                row["eur_per_contact"] = row["ledger_eur"] / row["events"] if row["events"] else float("nan")
            rows.append(row)
    table = pd.DataFrame(rows)
    if len(table):
        table["change"] = table.groupby("segment", sort=False)["persons"].diff()
    return table


# ------------------------------------------------------------------------------- need calibration
def calibrate_need_thresholds(ye: YearEvents, shares: tuple[float, float, float] = (0.6, 0.3, 0.1),
                              red_ratio: float = 0.4) -> NeedThresholds:
    """Thresholds that put about `shares` of the year's clients into occasional / wider / high need
    (euros per client; `high_red_eur` is `red_ratio` x `high_eur`). Bisection on euros."""
    active = ye.active
    euros = ye.euros_per_person()[active]
    heaviest = ye.heaviest_level()[active]
    if len(euros) == 0:
        return NeedThresholds()
    red = heaviest >= 3
    target_high = shares[2]
    lo, hi = 0.0, float(euros.max()) + 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        high_share = ((euros >= mid) | (red & (euros >= red_ratio * mid))).mean()
        lo, hi = (mid, hi) if high_share > target_high else (lo, mid)
    high_eur = hi
    high = (euros >= high_eur) | (red & (euros >= red_ratio * high_eur))
    target_occasional = shares[0]
    lo, hi = 0.0, high_eur
    for _ in range(60):
        mid = (lo + hi) / 2
        occasional = (~high & ~red & (euros < mid)).mean()
        lo, hi = (lo, mid) if occasional > target_occasional else (mid, hi)
    return NeedThresholds(wider_eur=round(lo, 2), high_eur=round(high_eur, 2), high_red_eur=round(red_ratio * high_eur, 2))


# ------------------------------------------------------------------------------- projection
def _person_age_sex(ye: YearEvents) -> tuple[np.ndarray, np.ndarray]:
    """Age at the end of the year and sex ('1' -> 1, '2' -> 2, else 0) per person."""
    age = ye.person_values(ye.age_at_year_end())
    if "sex" in ye.events.columns:
        codes, cats = ye.column("sex")
        sex_lut = np.array([1 if c == "1" else 2 if c == "2" else 0 for c in cats] + [0], dtype=np.int64)
        sex = ye.person_values(sex_lut[codes], missing=0)
    else:
        sex = np.zeros(ye.n_persons, dtype=np.int64)
    return age, sex


def _band_arrays(pop: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Population rows summed over municipalities per (age_from, age_to, sex): four arrays."""
    grouped = (pop.assign(sex=pop["sex"].fillna("").astype(str))
               .groupby(["age_from", "age_to", "sex"], as_index=False)["count"].sum())
    return (grouped["age_from"].to_numpy(dtype=np.int64), grouped["age_to"].to_numpy(dtype=np.int64),
            grouped["sex"].to_numpy(dtype=object), grouped["count"].to_numpy(dtype=float))


def _residents_in_bands(rows: tuple, lo: np.ndarray, hi: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Residents of population `rows` (from _band_arrays) in each band lo..hi (inclusive) of `sex`
    ('' both); partly overlapping rows prorated evenly, both-sex rows count half for one sex."""
    r_from, r_to, r_sex, r_count = rows
    if len(r_from) == 0:
        return np.zeros(len(lo))
    overlap = np.clip(np.minimum(r_to[None, :], hi[:, None]) - np.maximum(r_from[None, :], lo[:, None]) + 1, 0, None)
    weight = overlap / np.maximum(r_to - r_from + 1, 1)[None, :]
    band_sex = sex.astype(str)[:, None]
    row_sex = r_sex.astype(str)[None, :]
    sex_w = np.where(band_sex == "", 1.0, np.where(row_sex == band_sex, 1.0, np.where(row_sex == "", 0.5, 0.0)))
    return (weight * sex_w * r_count[None, :]).sum(axis=1)


def usage_rates(m: Membership, population: pd.DataFrame, base_year: int) -> dict[str, pd.DataFrame]:
    """Per segment: the base year's clients and residents per population band (age_from, age_to, sex)
    and their ratio `rate` (clients per resident). Bands are those of the base year's population,
    narrowed to the segment's own age and sex limits."""
    if base_year not in m.masks:
        raise UserError(t(f"Perusvuoden {base_year} tapahtumia ei ole.", f"No events for base year {base_year}."))
    pop = population[population["year"].to_numpy() == base_year] if population is not None else None
    if pop is None or len(pop) == 0:
        raise UserError(
            t(f"Väestötietoa vuodelta {base_year} ei ole; tuo väestö ennen ennustetta.",
              f"No population for {base_year}; import the population before projecting.")
        )
    age, sex = _person_age_sex(m.year_events[base_year])
    max_age = 130
    out: dict[str, pd.DataFrame] = {}
    for i, segment in enumerate(m.segments):
        base = segment.base
        p = pop
        if base.municipalities:
            p = p[p["municipality"].astype(str).isin(base.municipalities).to_numpy()]
        a_from, a_to, b_sex, _count = _band_arrays(p)
        lo = np.maximum(a_from, base.age_from)
        hi = np.minimum(a_to, base.age_to)
        keep = lo <= hi
        if base.sex in ("1", "2"):
            keep &= (b_sex == "") | (b_sex == base.sex)
            b_sex = np.where(b_sex == "", base.sex, b_sex)
        lo, hi, b_sex = lo[keep], hi[keep], b_sex[keep]
        residents_now = _residents_in_bands(_band_arrays(p), lo, hi, b_sex)
        members = m.masks[base_year][i]
        m_age, m_sex = age[members], sex[members]
        known = m_age >= 0
        # persons per (sex 0/1/2, age 0..max_age), cumulated over age for quick band sums
        counts = np.bincount(m_sex[known] * (max_age + 1) + np.clip(m_age[known], 0, max_age),
                             minlength=3 * (max_age + 1)).reshape(3, max_age + 1)
        cum = np.concatenate([np.zeros((3, 1)), np.cumsum(counts, axis=1)], axis=1)
        lo_c, hi_c = np.clip(lo, 0, max_age), np.clip(hi, 0, max_age)
        by_sex = cum[:, hi_c + 1] - cum[:, lo_c]  # 3 x bands
        sex_row = np.array([1 if s == "1" else 2 if s == "2" else 0 for s in b_sex], dtype=np.int64)
        clients = np.where(sex_row == 0, by_sex.sum(axis=0), by_sex[sex_row, np.arange(len(sex_row))])
        bands = pd.DataFrame({"age_from": lo, "age_to": hi, "sex": b_sex, "count": residents_now,
                              "clients": clients})
        bands["rate"] = np.where(residents_now > 0, clients / np.where(residents_now > 0, residents_now, 1), 0.0)
        in_bands = float(clients.sum())
        bands.attrs["scale"] = float(members.sum() / in_bands) if in_bands else 0.0
        out[segment.name] = bands
    return out


def project_clients(m: Membership, population: pd.DataFrame, base_year: int, to_years: Sequence[int]) -> pd.DataFrame:
    """Clients per segment in `to_years` if the base year's age- and sex-specific usage rates hold:
    sum over bands of rate x residents of the band in the target year (persons, unrounded).

    Clients whose age or sex is unknown or outside the bands are added proportionally.
    Returns rows: segment, year, clients, kind ('observed' for every year of the membership,
    'projected' for `to_years`), base_year.
    """
    rates = usage_rates(m, population, base_year)
    rows = []
    by_year = {}
    for year in to_years:
        part = population[population["year"].to_numpy() == year]
        if not len(part):
            raise UserError(t(f"Väestöennustetta vuodelle {year} ei ole.", f"No population forecast for {year}."))
        by_year[int(year)] = part
    for i, segment in enumerate(m.segments):
        for year in m.years:
            rows.append({"segment": segment.name, "year": year, "clients": float(m.masks[year][i].sum()),
                         "kind": "observed", "base_year": base_year})
        bands = rates[segment.name]
        lo, hi = bands["age_from"].to_numpy(), bands["age_to"].to_numpy()
        b_sex, rate = bands["sex"].to_numpy(dtype=object), bands["rate"].to_numpy()
        for year, part in by_year.items():
            if segment.base.municipalities:
                part = part[part["municipality"].astype(str).isin(segment.base.municipalities).to_numpy()]
            total = float((rate * _residents_in_bands(_band_arrays(part), lo, hi, b_sex)).sum())
            rows.append({"segment": segment.name, "year": year, "clients": total * bands.attrs["scale"],
                         "kind": "projected", "base_year": base_year})
    return pd.DataFrame(rows)
