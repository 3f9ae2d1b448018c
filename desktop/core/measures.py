"""Development measures (*kehittämistoimenpiteet*) and their monthly self-assessment.

A measure belongs to one benefit goal (*hyötytavoite*) and one focus area (*kärki*); it is rated
each month on the THL self-assessment scale 1-5 (seed 004). Everything here is plain data: the
store functions live in desktop.services.measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.errors import UserError
from desktop.core.lang import language, t

RATING_MIN, RATING_MAX = 1, 5

# The scale words as the seed writes them ("Kehittämistoimenpidettä ei ole aloitettu" ...), shortened.
_SCALE: dict[int, tuple[str, str]] = {
    1: ("ei aloitettu", "not started"),
    2: ("suunnitellaan", "being planned"),
    3: ("kuvattu (toimintamalli)", "described (operating model)"),
    4: ("pilotoidaan", "being piloted"),
    5: ("käytössä", "in use"),
}

# Sequential colour-blind safe scale (ColorBrewer YlGnBu 5); text colour keeps contrast on each.
RATING_COLOURS: dict[int, str] = {1: "#ffffcc", 2: "#a1dab4", 3: "#41b6c4", 4: "#2c7fb8", 5: "#253494"}
RATING_TEXT_COLOURS: dict[int, str] = {1: "#000000", 2: "#000000", 3: "#000000", 4: "#ffffff", 5: "#ffffff"}
NO_RATING_COLOUR = "#ffffff"

_MONTHS_FI = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rating_word(value: int) -> str:
    """The scale word of a rating 1-5 in the current language, e.g. 4 -> 'pilotoidaan'."""
    fi, en = _SCALE[int(value)]
    return t(fi, en)


def rating_label(value: int | None) -> str:
    """Number and word together ('4 pilotoidaan'), so the rating reads without colour; '' for none."""
    if value is None:
        return ""
    return f"{int(value)} {rating_word(value)}"


def rating_scale() -> list[tuple[int, str]]:
    """[(1, 'ei aloitettu'), ..., (5, 'käytössä')] in the current language."""
    return [(v, rating_word(v)) for v in range(RATING_MIN, RATING_MAX + 1)]


def check_rating(value: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not RATING_MIN <= value <= RATING_MAX:
        raise UserError(t(f"Arvio {value!r} ei ole välillä 1-5.", f"Rating {value!r} is not between 1 and 5."))
    return value


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month of the self-assessment; stored as 'YYYY-MM'."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 2200:
            raise UserError(t(f"Kuukausi {self.year}-{self.month} ei kelpaa.", f"Month {self.year}-{self.month} is not valid."))

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2020-10', '2020-1', '10/2020' or '10.2020' -> Month(2020, 10)."""
        text = str(text).strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if m:
            return cls(int(m.group(1)), int(m.group(2)))
        m = re.fullmatch(r"(\d{1,2})[./](\d{4})", text)
        if m:
            return cls(int(m.group(2)), int(m.group(1)))
        raise UserError(t(f"Kuukausi '{text}' ei ole muotoa VVVV-KK.", f"Month '{text}' is not of the form YYYY-MM."))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def label(self) -> str:
        """Short label for a column header: 'loka 2020' / 'Oct 2020'."""
        names = _MONTHS_EN if language() == "en" else _MONTHS_FI
        return f"{names[self.month - 1]} {self.year}"


def month_range(first: Month, last: Month) -> list[Month]:
    """Every month from `first` to `last`, both included."""
    out, m = [], first
    while m <= last:
        out.append(m)
        m = m.next()
    return out


@dataclass
class Goal:
    """A benefit goal (hyötytavoite), e.g. 'Kustannusten nousun hillitseminen'."""

    id: int
    name: str
    notes: str = ""
    position: int = 0


@dataclass
class FocusArea:
    """A focus area (kärki) shared by all goals, e.g. 'Palveluketjujen yhtenäistäminen'."""

    id: int
    name: str
    notes: str = ""
    position: int = 0


@dataclass
class Measure:
    """A development measure under one goal and one focus area.

    `indicators` are names of indicator providers (see desktop.services.measures.indicators) whose figures are
    shown beside the ratings.
    """

    id: int
    goal_id: int
    area_id: int
    name: str
    responsible: str = ""
    notes: str = ""
    position: int = 0
    indicators: list[str] = field(default_factory=list)


@dataclass
class Tracker:
    """The whole self-assessment: goals, focus areas, measures, the followed months and ratings.

    `ratings` maps (measure id, Month) -> rating 1-5; a missing key means not rated that month.
    """

    goals: list[Goal] = field(default_factory=list)
    areas: list[FocusArea] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    months: list[Month] = field(default_factory=list)
    ratings: dict[tuple[int, Month], int] = field(default_factory=dict)

    # -------------------------------------------------------------- look-ups
    def goal(self, goal_id: int) -> Goal:
        return next(g for g in self.goals if g.id == goal_id)

    def area(self, area_id: int) -> FocusArea:
        return next(a for a in self.areas if a.id == area_id)

    def measure(self, measure_id: int) -> Measure:
        return next(m for m in self.measures if m.id == measure_id)

    def measures_of(self, goal_id: int | None = None, area_id: int | None = None) -> list[Measure]:
        """Measures of a goal and/or focus area, in display order."""
        return [
            m
            for m in self.ordered_measures()
            if (goal_id is None or m.goal_id == goal_id) and (area_id is None or m.area_id == area_id)
        ]

    def ordered_measures(self) -> list[Measure]:
        """Measures grouped by goal, then focus area, then their own position."""
        gpos = {g.id: (g.position, g.id) for g in self.goals}
        apos = {a.id: (a.position, a.id) for a in self.areas}
        return sorted(self.measures, key=lambda m: (gpos.get(m.goal_id, (0, 0)), apos.get(m.area_id, (0, 0)), m.position, m.id))

    def groups(self) -> list[tuple[Goal, FocusArea, list[Measure]]]:
        """(goal, focus area, measures) for every pair that has measures, in display order."""
        out = []
        for g in sorted(self.goals, key=lambda g: (g.position, g.id)):
            for a in sorted(self.areas, key=lambda a: (a.position, a.id)):
                ms = self.measures_of(g.id, a.id)
                if ms:
                    out.append((g, a, ms))
        return out

    # -------------------------------------------------------------- ratings
    def rating(self, measure_id: int, month: Month) -> int | None:
        return self.ratings.get((measure_id, month))

    def history(self, measure_id: int) -> list[tuple[Month, int]]:
        """[(month, rating)] of one measure, oldest first."""
        return sorted((mo, r) for (mid, mo), r in self.ratings.items() if mid == measure_id)

    def latest(self, measure_id: int, until: Month | None = None) -> tuple[Month, int] | None:
        """The most recent (month, rating) of a measure, at or before `until` when given."""
        hist = [(mo, r) for mo, r in self.history(measure_id) if until is None or mo <= until]
        return hist[-1] if hist else None

    def all_months(self) -> list[Month]:
        """The followed months plus any month that has a rating, in order."""
        return sorted(set(self.months) | {mo for (_mid, mo) in self.ratings})

    def distribution(self, month: Month, measure_ids: list[int] | None = None, carry: bool = True) -> dict[int | None, int]:
        """How many measures stand at each rating in `month` ({1: n, ..., 5: n, None: unrated}).

        With `carry`, a measure not rated that month keeps its latest earlier rating (a self-assessment
        is a state, not an event); without it only that month's ratings count.
        """
        ids = [m.id for m in self.measures] if measure_ids is None else measure_ids
        counts: dict[int | None, int] = {v: 0 for v in range(RATING_MIN, RATING_MAX + 1)}
        counts[None] = 0
        wanted = set(ids)
        best: dict[int, tuple[Month, int]] = {}  # one pass over the ratings, not one per measure
        for (mid, mo), r in self.ratings.items():
            if mid in wanted and (mo == month or (carry and mo < month)):
                if mid not in best or best[mid][0] < mo:
                    best[mid] = (mo, r)
        for mid in ids:
            counts[best[mid][1] if mid in best else None] += 1
        return counts

    def distribution_series(self, months: list[Month], measure_ids: list[int] | None = None) -> list[dict[int | None, int]]:
        """`distribution(month)` (carrying the last state) for every month of `months`, in one pass."""
        from bisect import bisect_right

        ids = [m.id for m in self.measures] if measure_ids is None else measure_ids
        wanted = set(ids)
        hist: dict[int, list[tuple[Month, int]]] = {}
        for (mid, mo), r in self.ratings.items():
            if mid in wanted:
                hist.setdefault(mid, []).append((mo, r))
        keys = {}
        for mid, h in hist.items():
            h.sort()
            keys[mid] = [mo for mo, _ in h]
        out = []
        for month in months:
            counts: dict[int | None, int] = {v: 0 for v in range(RATING_MIN, RATING_MAX + 1)}
            counts[None] = 0
            for mid in ids:
                i = bisect_right(keys[mid], month) if mid in keys else 0
                counts[hist[mid][i - 1][1] if i else None] += 1
            out.append(counts)
        return out


@dataclass
class MeasureRecord:
    """One measure as read from a file (an Excel sheet or the shipped example), matched by names.

    `ratings` covers the months of the file: a value 1-5, or None for an empty cell (no rating).
    `responsible`, `notes` and `indicators` are None when the file does not carry them.
    """

    goal: str
    area: str
    name: str
    ratings: dict[Month, int | None] = field(default_factory=dict)
    responsible: str | None = None
    notes: str | None = None
    indicators: list[str] | None = None


def name_key(name: str) -> str:
    """How names are matched between a file and the store: spaces collapsed, case ignored."""
    return " ".join(str(name).split()).casefold()
