"""Segment membership per year, sizes, overlaps, need levels and projections, vectorised.

Input is a frame of classified events (see desktop.services.classification.classified_events):
`person_id` (int codes), `date` (days since 1970) or `year`, `birth_year`, `age`, `sex`,
`municipality`, `reasons`, `special_law`, `cost_eur`, and the classification's `service`, `aura`,
`level`, `structure`. Text columns may be pandas Categoricals (fast path) or plain strings.

Membership is a boolean matrix per year: one row per segment, one column per person code. Persons
are never looped over in Python: conditions become event masks through lookups on the categories,
then person masks through `np.bincount` on the person codes.

The code is split by what it holds: event_columns (person codes, years, category codes),
segment_conditions (a year's events, the conditions as person masks, need levels) and
segment_projection (residents, usage rates, projected clients). This module holds the membership and
the segment sizes, and keeps the names callers import from it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, MutableMapping, Sequence

import numpy as np
import pandas as pd

from desktop.analysis.event_columns import (
    category_mask,
    codes_and_categories,
    distinct_years,
    event_years,
    person_codes,
    year_rows,
)
from desktop.analysis.segment_conditions import YearEvents, calibrate_need_thresholds, classify_need, evaluate
from desktop.analysis.segment_projection import ResidentRows, population_years, project_clients, residents
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import NeedThresholds, Segment

#: the names callers import from here (the parts above hold them)
__all__ = [
    "Membership", "ResidentRows", "calibrate_need_thresholds", "category_mask", "classify_need", "codes_and_categories",
    "distinct_years", "event_years", "membership", "person_codes", "population_years", "project_clients",
    "residents", "segment_sizes", "year_rows",
]


# ------------------------------------------------------------------------------- membership
class Membership:
    """Who belongs to which segment in which year.

    `masks[year]` is a bool array (segments x persons); `active[year]` marks every client of the year.
    From `membership(...)` these are mappings that evaluate a year on its first look-up (`year in
    masks` does not evaluate); plain dicts work too. A plain class (a dataclass cost 0.4 ms of every
    command's start).
    """

    def __init__(self, segments: list[Segment], years: list[int], n_persons: int,
                 masks: MutableMapping[int, np.ndarray] | None = None,
                 active: MutableMapping[int, np.ndarray] | None = None,
                 year_events: MutableMapping[int, YearEvents] | None = None):
        self.segments = segments
        self.years = years
        self.n_persons = n_persons
        self.masks = {} if masks is None else masks
        self.active = {} if active is None else active
        self.year_events = {} if year_events is None else year_events

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


# ------------------------------------------------------------------------------- sizes
SEGMENT_RESOURCE_SUMS = ("fte", "ledger_eur")  # per-event columns of desktop.services.resources


def segment_sizes(m: Membership, population: pd.DataFrame | ResidentRows | None = None,
                  years: Sequence[int] | None = None) -> pd.DataFrame:
    """One row per segment and year: persons, residents of the segment's base, clients per 1,000
    residents, share of residents, events and euros of the members in the year, change in persons
    from the previous year (NaN for the first year).

    When the events carry the FTEs and ledger euros allocated to them (columns `fte`, `ledger_eur`:
    desktop.services.resources.events_with_resources), the members' sums of those too, with
    contacts per FTE (events / fte) and ledger euros per contact (ledger_eur / events), as on the
    traffic-light table.

    `years`: only these years' rows (of `m.years`; default all), with the change from the year before each
    in `m.years` all the same (a report of one year evaluates no sizes of the year before)."""
    rows = []
    extra: tuple[str, ...] = ()
    if population is not None and not isinstance(population, ResidentRows):
        population = ResidentRows.of(population)  # split by year once, not filtered per segment
    wanted = m.years if years is None else [y for y in m.years if y in set(years)]
    for year in wanted:
        ye = m.year_events[year]
        extra = tuple(c for c in SEGMENT_RESOURCE_SUMS if c in ye.events.columns)
        mask = m.masks[year]
        per_person_events = ye.events_per_person
        eur = ye.euros_per_person()
        sums = {c: ye.sum_per_person(c) for c in extra}
        for i, segment in enumerate(m.segments):
            members = mask[i]
            persons = int(members.sum())
            res = population.residents(year, segment.base) if population is not None else float("nan")
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
        table["change"] = _changes(m, wanted, table)
    return table


def _changes(m: Membership, years: list[int], table: pd.DataFrame) -> pd.Series | np.ndarray:
    """Each row's persons minus the segment's persons in the year before in `m.years` (NaN in the first
    year), as `table.groupby("segment", sort=False)["persons"].diff()` gives them when every year is in the
    table; from the membership's persons of the year before when only some are."""
    names = m.names
    if len(set(names)) < len(names):  # two segments of one name: the rows of the name follow each other
        if list(years) != list(m.years):
            raise ValueError("segment sizes of some years need unique segment names")
        return table.groupby("segment", sort=False)["persons"].diff()
    change = np.full(len(table), np.nan)
    for k, year in enumerate(years):
        at = m.years.index(year)
        if at:
            before = m.persons(m.years[at - 1]).astype(np.float64)
            rows = slice(k * len(names), (k + 1) * len(names))
            change[rows] = table["persons"].to_numpy(dtype=np.float64)[rows] - before
    return change
