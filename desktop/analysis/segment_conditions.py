"""A year's events and the segment conditions evaluated on them: each condition (age, sex,
municipality, special law, services used, reasons, need level, and their AND / OR / NOT) becomes a
person mask through lookups on the categories and `np.bincount` on the person codes; need levels
(occasional, wider, high) from euros per client and red services, and thresholds calibrated to shares
of the clients."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from desktop.analysis.event_columns import category_mask, codes_and_categories, person_codes
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
    Reasons,
    Sex,
    SpecialLaw,
    Uses,
    reason_range_bounds,
)

NEED_CODE = {"occasional": 1, "wider": 2, "high": 3}


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
        return ye.persons_with(category_mask(codes, cats, _reasons_matcher(tuple(condition.ranges))),
                               condition.min_events)
    if isinstance(condition, NeedLevel):
        return ye.need_levels() == NEED_CODE[condition.level]
    raise TypeError(f"unknown condition {condition!r}")


@functools.lru_cache(maxsize=256)
def _reasons_matcher(ranges: tuple[str, ...]):
    """Whether a reasons text (codes separated by spaces) has a code in one of the ranges: any code's
    `reason_in_ranges(code, ranges)`, with the ranges' bounds made once and each text answered once
    (a year's reasons categories are asked for every year and every condition on the same ranges)."""
    bounds = [(low, high) for low, high in map(reason_range_bounds, ranges) if low]
    answers: dict[str, bool] = {}

    def matches(text: str) -> bool:
        hit = answers.get(text)
        if hit is None:
            hit = answers[text] = any(
                code[:len(low)] >= low and code[:len(high)] <= high
                for code in (c.strip().upper() for c in text.split()) for low, high in bounds)
        return hit

    return matches


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
