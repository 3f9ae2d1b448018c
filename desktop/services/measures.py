"""Development measures: reading and editing the self-assessment tracker, the shipped example,
Excel import/export, chart export, and the indicators a measure can be linked to.

Edits are `Command` objects (desktop.core.command) so the page can undo them; each one writes the
store in its own transaction.

Linked indicators
-----------------
A measure may be linked to figures the app computes. A figure is found by its *provider name*, which
is stored with the link. A provider is `callable(store, year) -> float | None`:

- fixed providers: `register_indicator("name", fn, label_fi, label_en, unit)`;
- parametrised families: `register_indicator_family("prefix", compute, list_params, label_fi,
  label_en, unit)` where `compute(store, year, param)` gives the figure and `list_params(store)` the
  (param, label) pairs a planner can pick from; the provider name is "prefix:param".

Other features register their own figures by calling these functions when their services module is
imported, e.g. in desktop/services/traffic_lights.py::

    from desktop.services.measures import register_indicator_family
    register_indicator_family("green_share_eur", green_share_of_euros, segment_names,
                              "Vihreän osuus euroista, %: {param}", "Green share of euros, %: {param}", "%")

and in desktop/services/network.py ``register_indicator_family("reach_coverage", coverage_pct, goal_names,
"Saavutettavuustavoitteen kattavuus, %: {param}", "Reach goal coverage, %: {param}", "%")``.
The modules in PROVIDER_MODULES are imported (if present) before providers are listed or computed.
A compute function may raise `IndicatorUnavailable("why")`; the figure is then shown as not
available with that reason. This module itself registers `clients_per_1000:SERVICE` (a service's
distinct clients per 1,000 residents) on top of `desktop.services.classification.classified_events`.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Connection, delete, func, insert, select, update

from desktop.core.command import Command
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.measures import (
    FocusArea,
    Goal,
    Measure,
    MeasureRecord,
    Month,
    Tracker,
    check_rating,
    name_key,
    rating_label,
)
from desktop.core.numbers import number as number_text
from desktop.core.progress import NullProgress, Progress
from desktop.paths import resources_dir
from desktop.services import edit_versions
from desktop.store import Store
from desktop.store.rows.measures import (
    MeasureAreaRow,
    MeasureGoalRow,
    MeasureIndicatorRow,
    MeasureMonthRow,
    MeasureRatingRow,
    MeasureRow,
)

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

G, A, M = MeasureGoalRow.__table__, MeasureAreaRow.__table__, MeasureRow.__table__
R, MO, IND = MeasureRatingRow.__table__, MeasureMonthRow.__table__, MeasureIndicatorRow.__table__

SEED_EXAMPLE = "keski-suomi-oma-arviointi-2020.csv"


# ===================================================================== reading
def load_tracker(store: Store) -> Tracker:
    """Everything the tracker shows, read in one go."""
    with store.read() as conn:
        goals = [Goal(r.id, r.name, r.notes or "", r.position) for r in conn.execute(select(G).order_by(G.c.position, G.c.id))]
        areas = [FocusArea(r.id, r.name, r.notes or "", r.position) for r in conn.execute(select(A).order_by(A.c.position, A.c.id))]
        links: dict[int, list[str]] = {}
        for r in conn.execute(select(IND).order_by(IND.c.measure_id, IND.c.position, IND.c.provider)):
            links.setdefault(r.measure_id, []).append(r.provider)
        measures = [
            Measure(r.id, r.goal_id, r.area_id, r.name, r.responsible or "", r.notes or "", r.position, links.get(r.id, []))
            for r in conn.execute(select(M).order_by(M.c.position, M.c.id))
        ]
        months = sorted(Month.parse(m) for m in conn.execute(select(MO.c.month)).scalars())
        ratings = {(r.measure_id, Month.parse(r.month)): int(r.rating) for r in conn.execute(select(R))}
    return Tracker(goals, areas, measures, months, ratings)


def tracker_summary(store: Store, years: list[int] | None = None) -> dict:
    """JSON-ready tracker: goals, focus areas, measures with latest rating, history and linked figures.

    `years` are the years the linked indicators are computed for (default: the years of the events).
    """
    tracker = load_tracker(store)
    if years is None:
        years = indicator_years(store)
    cache: dict[str, dict] = {}

    def figures(name: str) -> dict:
        if name not in cache:
            cache[name] = indicator_values(store, name, years).as_dict()
        return cache[name]

    def measure_dict(m: Measure) -> dict:
        last = tracker.latest(m.id)
        return {
            "id": m.id,
            "name": m.name,
            "goal": tracker.goal(m.goal_id).name,
            "focus_area": tracker.area(m.area_id).name,
            "responsible": m.responsible,
            "notes": m.notes,
            "latest": None if last is None else {"month": str(last[0]), "rating": last[1], "label": rating_label(last[1])},
            "history": [{"month": str(mo), "rating": r} for mo, r in tracker.history(m.id)],
            "indicators": [figures(n) for n in m.indicators],
        }

    return {
        "months": [str(m) for m in tracker.all_months()],
        "goals": [{"id": g.id, "name": g.name, "notes": g.notes} for g in tracker.goals],
        "focus_areas": [{"id": a.id, "name": a.name, "notes": a.notes} for a in tracker.areas],
        "measures": [measure_dict(m) for m in tracker.ordered_measures()],
        "indicator_years": years,
    }


def summary_sentences(tracker: Tracker, month: Month | None = None) -> list[str]:
    """Short sentences for a report: how many measures stand at each rating in `month` (default: the
    last month with any rating), overall and per benefit goal, and the change since the first month."""
    from desktop.charts.measures import chart_months

    months = chart_months(tracker)
    if not tracker.measures or not tracker.ratings:
        return [t("Kehittämistoimenpiteitä ei ole vielä arvioitu.", "No development measure has been rated yet.")]
    month = month or months[-1]
    dist = tracker.distribution(month)
    parts = ", ".join(f"{dist[v]} × {rating_label(v)}" for v in range(1, 6) if dist[v])
    out = [t(f"{month.label()}: {len(tracker.measures)} kehittämistoimenpidettä; {parts}.",
             f"{month.label()}: {len(tracker.measures)} development measures; {parts}.")]
    if dist[None]:
        out.append(t(f"Arvioimatta {dist[None]} toimenpidettä.", f"{dist[None]} measures not rated."))
    if months[0] < month:
        out.append(change_sentence(tracker, months[0], month))
    for goal in sorted(tracker.goals, key=lambda g: (g.position, g.id)):
        ids = [m.id for m in tracker.measures_of(goal_id=goal.id)]
        if ids:
            d = tracker.distribution(month, ids)
            out.append(t(f"{goal.name}: {len(ids)} toimenpidettä, käytössä {d[5]}, pilotoidaan {d[4]}, kuvattu {d[3]}.",
                         f"{goal.name}: {len(ids)} measures, in use {d[5]}, piloted {d[4]}, described {d[3]}."))
    return out


def change_sentence(tracker: Tracker, first: Month, month: Month) -> str:
    """'Käytössä (5) 0 → 1 ja pilotoitavana (4) 0 → 0 (loka 2020 → huhti 2021); 1 toimenpide edistyi.'"""
    before, dist = tracker.distribution(first), tracker.distribution(month)
    moved = sum(1 for m in tracker.measures
                if (a := tracker.latest(m.id, until=first)) and (b := tracker.latest(m.id, until=month)) and b[1] > a[1])
    return t(f"Käytössä (5) {before[5]} → {dist[5]} ja pilotoitavana (4) {before[4]} → {dist[4]} "
             f"({first.label()} → {month.label()}); {_measures_fi(moved)} edistyi.",
             f"In use (5) {before[5]} → {dist[5]} and piloted (4) {before[4]} → {dist[4]} "
             f"({first.label()} → {month.label()}); {moved} measure{'' if moved == 1 else 's'} advanced.")


# ============================================================= workshop report
_MONTHS_INESSIVE_FI = ("tammikuussa", "helmikuussa", "maaliskuussa", "huhtikuussa", "toukokuussa", "kesäkuussa",
                       "heinäkuussa", "elokuussa", "syyskuussa", "lokakuussa", "marraskuussa", "joulukuussa")
_MONTHS_EN_LONG = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")
REPORT_MONTHS = 12  # months of ratings (up to the report month) shown in the report's charts
# Heat-map rows on a report page: the chart part of a page without a table is 0.88 x 8.27 in; the
# heat map keeps 1.2 in for title, legend and month labels and gives each row 0.24 in -> 25 rows.
HEATMAP_ROWS_PER_PAGE = 25


def _measures_fi(n: int) -> str:
    """'1 toimenpide', '0 toimenpidettä', '5 toimenpidettä'."""
    return f"{n} toimenpide" if n == 1 else f"{n} toimenpidettä"


def number_elative_fi(n: int) -> str:
    """A numeral with its elative ending as Finns write it: 97 -> '97:stä', 12 -> '12:sta', 100 -> '100:sta'."""
    n = abs(int(n))
    if n == 0:
        return "0:sta"
    if 11 <= n % 100 <= 19 or n % 100 == 0:  # ...toista, sadasta, tuhannesta
        return f"{n}:sta"
    if n % 10 == 0:  # kymmenestä
        return f"{n}:stä"
    return f"{n}:{'sta' if n % 10 in (2, 3, 6, 8) else 'stä'}"


def month_inessive(month: Month) -> str:
    """'lokakuussa 2020' / 'in October 2020'."""
    return t(f"{_MONTHS_INESSIVE_FI[month.month - 1]} {month.year}", f"in {_MONTHS_EN_LONG[month.month - 1]} {month.year}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def state_sentence(tracker: Tracker, month: Month, measure_ids: list[int] | None = None) -> str:
    """'Lokakuussa 2020 käytössä oli 0 toimenpidettä 97:stä; 5 oli kuvattu.' (a measure not rated in
    `month` counts with its latest earlier rating)."""
    d = tracker.distribution(month, measure_ids)
    total = sum(d.values())
    when = _capital(month_inessive(month))
    fi = f"{when} käytössä oli {_measures_fi(d[5])} {number_elative_fi(total)}"
    en = f"{when}, {d[5]} of {total} measures were in use"
    more_fi, more_en = [], []
    if d[4]:
        more_fi.append(f"{d[4]} oli pilotoitavana")
        more_en.append(f"{d[4]} being piloted")
    more_fi.append(f"{d[3]} oli kuvattu")
    more_en.append(f"{d[3]} described")
    if d[None]:
        more_fi.append(f"{d[None]} oli arvioimatta")
        more_en.append(f"{d[None]} not rated")
    joined_fi = ", ".join(more_fi[:-1]) + (" ja " if len(more_fi) > 1 else "") + more_fi[-1]
    joined_en = ", ".join(more_en[:-1]) + (" and " if len(more_en) > 1 else "") + more_en[-1]
    return t(f"{fi}; {joined_fi}.", f"{en}; {joined_en}.")


def report_month(tracker: Tracker, year: int | None = None) -> Month | None:
    """The month the report describes: the last rated month up to the end of `year` (or the last rated
    month at all when every rating is later or `year` is None); None without ratings."""
    rated = sorted({mo for (_mid, mo) in tracker.ratings})
    if not rated:
        return None
    upto = [m for m in rated if year is None or m <= Month(int(year), 12)]
    return upto[-1] if upto else rated[-1]


def _short_fi(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def rating_count_table(tracker: Tracker, month: Month | None, by: str) -> pd.DataFrame:
    """Measures at each rating in `month` per goal (by='goal') or focus area (by='area'), with a total
    row; goal names are numbered like the heat map's captions ('3. Palveluiden laadun …').
    month=None: nothing rated yet (every measure under 'ei arvioitu')."""
    import pandas as pd

    if by == "goal":
        items = sorted(tracker.goals, key=lambda g: (g.position, g.id))
        groups = [(f"{i}. {g.name}", [m.id for m in tracker.measures_of(goal_id=g.id)]) for i, g in enumerate(items, 1)]
        head = t("Hyötytavoite", "Benefit goal")
    else:
        items = sorted(tracker.areas, key=lambda a: (a.position, a.id))
        groups = [(a.name, [m.id for m in tracker.measures_of(area_id=a.id)]) for a in items]
        head = t("Kärki", "Focus area")
    groups.append((t("Yhteensä", "Total"), [m.id for m in tracker.measures]))
    rows = []
    for name, ids in groups:
        if not ids:
            continue
        d = tracker.distribution(month, ids) if month is not None else {**{v: 0 for v in range(1, 6)}, None: len(ids)}
        row = {head: _short_fi(name, 44), t("Toimenpiteitä", "Measures"): len(ids)}
        row.update({rating_label(v): d[v] for v in range(1, 6)})
        row[t("ei arvioitu", "not rated")] = d[None]
        rows.append(row)
    return pd.DataFrame(rows)


def _mean_rating(tracker: Tracker, month: Month, ids: list[int]) -> float | None:
    d = tracker.distribution(month, ids)
    rated = sum(d[v] for v in range(1, 6))
    return sum(v * d[v] for v in range(1, 6)) / rated if rated else None


def _area_sentence(tracker: Tracker, month: Month) -> str:
    means = []
    for a in sorted(tracker.areas, key=lambda a: (a.position, a.id)):
        ids = [m.id for m in tracker.measures_of(area_id=a.id)]
        mean = _mean_rating(tracker, month, ids) if ids else None
        if mean is not None:
            means.append((mean, a.name, len(ids)))
    if not means:
        return ""
    best, worst = max(means), min(means)
    fi_num = lambda x: number_text(x, 1, "fi")  # noqa: E731
    when = _capital(month_inessive(month))
    text = t(f"{when} pisimmällä oli kärki {best[1]} (arvioiden keskiarvo {fi_num(best[0])})",
             f"{when} the furthest focus area was {best[1]} (mean rating {best[0]:.1f})")
    if len(means) > 1 and worst[1] != best[1]:
        text += t(f", jäljessä {worst[1]} ({fi_num(worst[0])})", f", the least advanced {worst[1]} ({worst[0]:.1f})")
    return text + "."


def heatmap_chunks(tracker: Tracker, goal: Goal, rows_per_page: int = HEATMAP_ROWS_PER_PAGE) -> list[list[Measure]]:
    """The measures of `goal` split over as few pages as fit, in balanced parts. A page's rows are its
    measures plus one caption row per focus area on it (a caption repeats on a continuation page)."""
    blocks = [ms for g, _a, ms in tracker.groups() if g.id == goal.id]
    total_rows = sum(len(ms) + 1 for ms in blocks)
    if not blocks:
        return []
    pages = -(-total_rows // rows_per_page)
    target = min(rows_per_page, -(-total_rows // pages) + 1)
    chunks: list[list[Measure]] = [[]]
    used = 0
    for ms in blocks:
        caption = True
        for m in ms:
            need = 2 if caption else 1
            if used + need > target and chunks[-1]:
                chunks.append([])
                used = 0
                need = 2
            chunks[-1].append(m)
            used += need
            caption = False
    return chunks


def workshop_pages(store: Store, year: int | None = None) -> list:
    """The development-measures section of the workshop report (desktop.reports.workshop).

    Pages: the ratings per benefit goal and per focus area (the distribution charts, a count table
    and a sentence), then the heat map of measures x months, one goal per page, a goal with more rows
    than fit on A4 landscape continuing on a further page (every measure is shown: the county reports
    each one to THL and each responsible person looks for their own row). The report month is the last
    rated month up to the end of `year`. Empty (the section is left out) when there are no measures;
    one page saying so when measures exist but none is rated.
    """
    from desktop.charts import measures as charts
    from desktop.reports.pages import ReportPage

    tracker = load_tracker(store)
    if not tracker.measures:
        return []
    month = report_month(tracker, year)
    if month is None:
        months = tracker.all_months()[-REPORT_MONTHS:]
        title = t("Kehittämistoimenpiteet hyötytavoitteittain (ei vielä arvioitu)",
                  "Development measures by benefit goal (not rated yet)")
        return [ReportPage(title, lambda fig: charts.draw_rating_distribution(fig, tracker, "goal", months, title),
                           rating_count_table(tracker, None, "goal"),
                           " ".join(summary_sentences(tracker)) + " " + t(
                               f"Seurannassa on {_measures_fi(len(tracker.measures))}; arviot 1–5 kirjataan "
                               "Kehittämistoimenpiteet-sivulla tai tuodaan Excel-taulukosta.",
                               f"{len(tracker.measures)} measures are followed; ratings 1-5 are entered on the "
                               "Development measures page or imported from Excel."))]
    months = [m for m in charts.chart_months(tracker) if m <= month][-REPORT_MONTHS:]
    first = months[0]
    overview = state_sentence(tracker, month)
    if first < month:
        overview += " " + change_sentence(tracker, first, month)
    if year is not None and month.year < int(year):
        overview += " " + t("Uudempia arvioita ei ole.", "There are no later ratings.")
    goal_title = t(f"Kehittämistoimenpiteet hyötytavoitteittain ({month.label()})",
                   f"Development measures by benefit goal ({month.label()})")
    area_title = t(f"Kehittämistoimenpiteet kärjittäin ({month.label()})",
                   f"Development measures by focus area ({month.label()})")
    pages = [
        ReportPage(goal_title, lambda fig: charts.draw_rating_distribution(fig, tracker, "goal", months, goal_title),
                   rating_count_table(tracker, month, "goal"), overview),
        ReportPage(area_title, lambda fig: charts.draw_rating_distribution(fig, tracker, "area", months, area_title),
                   rating_count_table(tracker, month, "area"), _area_sentence(tracker, month)),
    ]
    for number, goal in enumerate(sorted(tracker.goals, key=lambda g: (g.position, g.id)), start=1):
        chunks = heatmap_chunks(tracker, goal)
        ids = [m.id for m in tracker.measures_of(goal_id=goal.id)]
        for k, chunk in enumerate(chunks, start=1):
            part = f" ({k}/{len(chunks)})" if len(chunks) > 1 else ""
            title = t(f"Arviot kuukausittain: {number}. {_short_fi(goal.name, 110)}{part}",
                      f"Ratings by month: {number}. {_short_fi(goal.name, 110)}{part}")
            keep = {m.id for m in chunk}
            sub = Tracker(tracker.goals, tracker.areas, chunk, tracker.months,
                          {key: r for key, r in tracker.ratings.items() if key[0] in keep})

            def draw(fig, sub=sub, title=title):
                charts.draw_rating_heatmap(fig, sub, months, title, captions="area")

            text = t(f"Tavoite {number}: ", f"Goal {number}: ") + state_sentence(tracker, month, ids)
            pages.append(ReportPage(title, draw, None, text))
    return pages


# ====================================================================== writing
@contextmanager
def _saving(store: Store) -> Iterator[Connection]:
    """A write of the measures tracker: refused over a colleague's newer save (edit_versions)."""
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "measures")
        yield conn


def _next_position(conn: Connection, table, **where) -> int:
    q = select(func.max(table.c.position))
    for k, v in where.items():
        q = q.where(table.c[k] == v)
    return int(conn.execute(q).scalar() or 0) + 1


def _check_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise UserError(t("Nimi ei voi olla tyhjä.", "The name cannot be empty."))
    return name


def _write_rating(conn: Connection, measure_id: int, month: Month, value: int | None) -> None:
    conn.execute(delete(R).where(R.c.measure_id == measure_id, R.c.month == str(month)))
    if value is not None:
        conn.execute(insert(R).values(measure_id=measure_id, month=str(month), rating=check_rating(value)))
        _ensure_month(conn, month)


def _ensure_month(conn: Connection, month: Month) -> None:
    if conn.execute(select(MO.c.month).where(MO.c.month == str(month))).first() is None:
        conn.execute(insert(MO).values(month=str(month)))


def _set_links(conn: Connection, measure_id: int, names: list[str]) -> None:
    conn.execute(delete(IND).where(IND.c.measure_id == measure_id))
    seen = set()
    for pos, name in enumerate(names):
        if name and name not in seen:
            seen.add(name)
            conn.execute(insert(IND).values(measure_id=measure_id, provider=name, position=pos))


# ===================================================================== commands
class SetRating(Command):
    """Rate a measure for a month (None clears the rating)."""

    def __init__(self, store: Store, measure_id: int, month: Month, value: int | None):
        if value is not None:
            check_rating(value)
        self.store, self.measure_id, self.month, self.value = store, measure_id, month, value
        with store.read() as conn:
            self.old = conn.execute(
                select(R.c.rating).where(R.c.measure_id == measure_id, R.c.month == str(month))
            ).scalar_one_or_none()
            self.month_was_followed = conn.execute(select(MO.c.month).where(MO.c.month == str(month))).first() is not None
        self.text = t(f"Arvio {month}: {rating_label(value) or 'tyhjä'}", f"Rating {month}: {rating_label(value) or 'empty'}")

    def do(self) -> None:
        with _saving(self.store) as conn:
            _write_rating(conn, self.measure_id, self.month, self.value)

    def undo(self) -> None:
        with _saving(self.store) as conn:
            _write_rating(conn, self.measure_id, self.month, self.old)
            if not self.month_was_followed:
                conn.execute(delete(MO).where(MO.c.month == str(self.month)))


_EDITABLE = {
    "goal": (G, ("name", "notes")),
    "area": (A, ("name", "notes")),
    "measure": (M, ("name", "notes", "responsible", "goal_id", "area_id")),
}


class EditField(Command):
    """Change one field of a goal, focus area or measure ('name', 'notes', 'responsible', ...)."""

    def __init__(self, store: Store, kind: str, item_id: int, field: str, value):
        table, fields = _EDITABLE[kind]
        if field not in fields:
            raise ValueError(f"{kind}.{field} is not editable")
        if field == "name":
            value = _check_name(value)
        elif field in ("notes", "responsible"):
            value = str(value or "").strip()
        self.store, self.table, self.item_id, self.field, self.value = store, table, item_id, field, value
        with store.read() as conn:
            self.old = conn.execute(select(table.c[field]).where(table.c.id == item_id)).scalar_one()
        self.text = t(f"Muokkaa: {field}", f"Edit: {field}")

    def _write(self, value) -> None:
        with _saving(self.store) as conn:
            conn.execute(update(self.table).where(self.table.c.id == self.item_id).values({self.field: value}))

    def do(self) -> None:
        self._write(self.value)

    def undo(self) -> None:
        self._write(self.old)

    def merge_with(self, other: Command) -> bool:
        # Typing a name again right after: one undo step, back to the original.
        if isinstance(other, EditField) and (other.table, other.item_id, other.field) == (self.table, self.item_id, self.field):
            self.value = other.value
            return True
        return False


class _AddRow(Command):
    """Insert a row; redo re-inserts it with the same id so later commands still refer to it."""

    table = None

    def __init__(self, store: Store, values: dict):
        self.store, self.values, self.id = store, values, None

    def do(self) -> None:
        with _saving(self.store) as conn:
            values = dict(self.values)
            if "position" not in values:
                values["position"] = self._position(conn)
                self.values["position"] = values["position"]
            if self.id is not None:
                values["id"] = self.id
            self.id = int(conn.execute(insert(self.table).values(**values)).inserted_primary_key[0])

    def _position(self, conn: Connection) -> int:
        return _next_position(conn, self.table)

    def undo(self) -> None:
        with _saving(self.store) as conn:
            conn.execute(delete(self.table).where(self.table.c.id == self.id))


class AddGoal(_AddRow):
    table = G

    def __init__(self, store: Store, name: str):
        super().__init__(store, {"name": _check_name(name), "notes": ""})
        self.text = t("Uusi hyötytavoite", "New benefit goal")


class AddArea(_AddRow):
    table = A

    def __init__(self, store: Store, name: str):
        super().__init__(store, {"name": _check_name(name), "notes": ""})
        self.text = t("Uusi kärki", "New focus area")


class AddMeasure(_AddRow):
    """A new measure under a goal and a focus area; `area` is an area id or the name of a new area."""

    table = M

    def __init__(self, store: Store, goal_id: int, area: int | str, name: str, responsible: str = ""):
        self.new_area = None if isinstance(area, int) else _check_name(area)
        self.area_id = area if isinstance(area, int) else None
        super().__init__(store, {"goal_id": goal_id, "area_id": self.area_id, "name": _check_name(name),
                                 "responsible": str(responsible or "").strip(), "notes": ""})
        self.text = t("Uusi kehittämistoimenpide", "New development measure")

    def do(self) -> None:
        if self.new_area is not None:
            with _saving(self.store) as conn:
                values = {"name": self.new_area, "notes": "", "position": _next_position(conn, A)}
                if self.area_id is not None:
                    values["id"] = self.area_id
                self.area_id = int(conn.execute(insert(A).values(**values)).inserted_primary_key[0])
            self.values["area_id"] = self.area_id
        super().do()

    def undo(self) -> None:
        super().undo()
        if self.new_area is not None:
            with _saving(self.store) as conn:
                conn.execute(delete(A).where(A.c.id == self.area_id))

    def _position(self, conn: Connection) -> int:
        return _next_position(conn, M, goal_id=self.values["goal_id"], area_id=self.values["area_id"])


class MoveMeasure(Command):
    """Move a measure under another goal and/or focus area (`area`: an id or the name of a new area)."""

    def __init__(self, store: Store, measure_id: int, goal_id: int, area: int | str):
        self.store, self.measure_id, self.goal_id = store, measure_id, goal_id
        self.new_area = None if isinstance(area, int) else _check_name(area)
        self.area_id = area if isinstance(area, int) else None
        with store.read() as conn:
            row = conn.execute(select(M.c.goal_id, M.c.area_id, M.c.position).where(M.c.id == measure_id)).one()
        self.old = (row.goal_id, row.area_id, row.position)
        self.text = t("Siirrä kehittämistoimenpide", "Move development measure")

    def do(self) -> None:
        with _saving(self.store) as conn:
            if self.new_area is not None:
                values = {"name": self.new_area, "notes": "", "position": _next_position(conn, A)}
                if self.area_id is not None:
                    values["id"] = self.area_id
                self.area_id = int(conn.execute(insert(A).values(**values)).inserted_primary_key[0])
            position = _next_position(conn, M, goal_id=self.goal_id, area_id=self.area_id)
            conn.execute(update(M).where(M.c.id == self.measure_id).values(
                goal_id=self.goal_id, area_id=self.area_id, position=position))

    def undo(self) -> None:
        goal_id, area_id, position = self.old
        with _saving(self.store) as conn:
            conn.execute(update(M).where(M.c.id == self.measure_id).values(goal_id=goal_id, area_id=area_id, position=position))
            if self.new_area is not None:
                conn.execute(delete(A).where(A.c.id == self.area_id))


class _DeleteWithSnapshot(Command):
    """Delete rows (their dependants go by cascade); undo puts every removed row back as it was."""

    def __init__(self, store: Store):
        self.store = store
        self.snapshot: list[tuple[object, list[dict]]] = []

    def _take(self, conn: Connection, measure_ids: list[int], goal_ids=(), area_ids=(), months=()) -> None:
        def rows(table, cond) -> list[dict]:
            return [dict(r._mapping) for r in conn.execute(select(table).where(cond))]

        self.snapshot = [
            (G, rows(G, G.c.id.in_(goal_ids))),
            (A, rows(A, A.c.id.in_(area_ids))),
            (M, rows(M, M.c.id.in_(measure_ids))),
            (MO, rows(MO, MO.c.month.in_([str(m) for m in months]))),
            (R, rows(R, R.c.measure_id.in_(measure_ids) | R.c.month.in_([str(m) for m in months]))),
            (IND, rows(IND, IND.c.measure_id.in_(measure_ids))),
        ]

    def undo(self) -> None:
        with _saving(self.store) as conn:
            for table, rows in self.snapshot:
                for row in rows:
                    conn.execute(insert(table).values(**row))


class DeleteMeasure(_DeleteWithSnapshot):
    def __init__(self, store: Store, measure_id: int):
        super().__init__(store)
        self.measure_id = measure_id
        self.text = t("Poista kehittämistoimenpide", "Delete development measure")

    def do(self) -> None:
        with _saving(self.store) as conn:
            self._take(conn, [self.measure_id])
            conn.execute(delete(M).where(M.c.id == self.measure_id))


class DeleteGoal(_DeleteWithSnapshot):
    """Delete a benefit goal with all its measures."""

    def __init__(self, store: Store, goal_id: int):
        super().__init__(store)
        self.goal_id = goal_id
        self.text = t("Poista hyötytavoite", "Delete benefit goal")

    def do(self) -> None:
        with _saving(self.store) as conn:
            ids = list(conn.execute(select(M.c.id).where(M.c.goal_id == self.goal_id)).scalars())
            self._take(conn, ids, goal_ids=[self.goal_id])
            conn.execute(delete(G).where(G.c.id == self.goal_id))


class DeleteArea(_DeleteWithSnapshot):
    """Delete a focus area with all its measures (under every goal)."""

    def __init__(self, store: Store, area_id: int):
        super().__init__(store)
        self.area_id = area_id
        self.text = t("Poista kärki", "Delete focus area")

    def do(self) -> None:
        with _saving(self.store) as conn:
            ids = list(conn.execute(select(M.c.id).where(M.c.area_id == self.area_id)).scalars())
            self._take(conn, ids, area_ids=[self.area_id])
            conn.execute(delete(A).where(A.c.id == self.area_id))


class AddMonth(Command):
    """Follow one more month (a new column); without a month, the one after the last followed."""

    def __init__(self, store: Store, month: Month | None = None):
        if month is None:
            tracker = load_tracker(store)
            months = tracker.all_months()
            if months:
                month = months[-1].next()
            else:
                import datetime as dt

                today = dt.date.today()
                month = Month(today.year, today.month)
        self.store, self.month = store, month
        self.text = t(f"Lisää kuukausi {month}", f"Add month {month}")

    def do(self) -> None:
        with _saving(self.store) as conn:
            _ensure_month(conn, self.month)

    def undo(self) -> None:
        with _saving(self.store) as conn:
            conn.execute(delete(MO).where(MO.c.month == str(self.month)))


class RemoveMonth(_DeleteWithSnapshot):
    """Stop following a month; its ratings go too (undo brings them back)."""

    def __init__(self, store: Store, month: Month):
        super().__init__(store)
        self.month = month
        self.text = t(f"Poista kuukausi {month}", f"Remove month {month}")

    def do(self) -> None:
        with _saving(self.store) as conn:
            self._take(conn, [], months=[self.month])
            conn.execute(delete(R).where(R.c.month == str(self.month)))
            conn.execute(delete(MO).where(MO.c.month == str(self.month)))


class SetIndicators(Command):
    """Replace the list of indicators linked to a measure (provider names, in display order)."""

    def __init__(self, store: Store, measure_id: int, names: list[str]):
        self.store, self.measure_id, self.names = store, measure_id, list(names)
        with store.read() as conn:
            self.old = list(
                conn.execute(
                    select(IND.c.provider).where(IND.c.measure_id == measure_id).order_by(IND.c.position)
                ).scalars()
            )
        self.text = t("Linkitetyt mittarit", "Linked indicators")

    def do(self) -> None:
        with _saving(self.store) as conn:
            _set_links(conn, self.measure_id, self.names)

    def undo(self) -> None:
        with _saving(self.store) as conn:
            _set_links(conn, self.measure_id, self.old)


# ================================================================ file contents
@dataclass
class MergeResult:
    goals_added: int = 0
    areas_added: int = 0
    measures_added: int = 0
    measures_updated: int = 0
    ratings_set: int = 0
    ratings_removed: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def merge_records(conn: Connection, records: list[MeasureRecord], months: Iterable[Month]) -> MergeResult:
    """Write measures read from a file inside the caller's transaction.

    Goals, focus areas and measures are matched by name (spaces and case ignored) and created when
    missing; measures not in the file are kept. For every month of the file a rating cell replaces the
    stored rating, an empty cell removes it. Responsible, notes and links are replaced when given.
    """
    res = MergeResult()
    goals = {name_key(r.name): r.id for r in conn.execute(select(G.c.id, G.c.name))}
    areas = {name_key(r.name): r.id for r in conn.execute(select(A.c.id, A.c.name))}
    measures = {(r.goal_id, r.area_id, name_key(r.name)): r.id for r in conn.execute(select(M.c.id, M.c.goal_id, M.c.area_id, M.c.name))}
    for month in months:
        _ensure_month(conn, month)

    def get_id(index: dict, table, name: str) -> tuple[int, bool]:
        key = name_key(name)
        if key in index:
            return index[key], False
        new_id = int(conn.execute(insert(table).values(name=_check_name(name), notes="", position=_next_position(conn, table))).inserted_primary_key[0])
        index[key] = new_id
        return new_id, True

    for rec in records:
        goal_id, added = get_id(goals, G, rec.goal)
        res.goals_added += added
        area_id, added = get_id(areas, A, rec.area)
        res.areas_added += added
        key = (goal_id, area_id, name_key(rec.name))
        mid = measures.get(key)
        if mid is None:
            mid = int(
                conn.execute(
                    insert(M).values(
                        goal_id=goal_id, area_id=area_id, name=_check_name(rec.name), responsible=rec.responsible or "",
                        notes=rec.notes or "", position=_next_position(conn, M, goal_id=goal_id, area_id=area_id),
                    )
                ).inserted_primary_key[0]
            )
            measures[key] = mid
            res.measures_added += 1
        else:
            values = {k: v for k, v in (("responsible", rec.responsible), ("notes", rec.notes)) if v is not None}
            if values:
                conn.execute(update(M).where(M.c.id == mid).values(**values))
            res.measures_updated += 1
        if rec.indicators is not None:
            _set_links(conn, mid, rec.indicators)
        for month, value in rec.ratings.items():
            if value is None:
                res.ratings_removed += conn.execute(delete(R).where(R.c.measure_id == mid, R.c.month == str(month))).rowcount
            else:
                _write_rating(conn, mid, month, value)
                res.ratings_set += 1
    return res


_ALL_TABLES = (G, A, M, MO, R, IND)  # parents first


class ImportRecords(Command):
    """Merge records read from a file as one undoable step (undo restores the tracker as it was)."""

    def __init__(self, store: Store, records: list[MeasureRecord], months: list[Month], file_name: str = ""):
        self.store, self.records, self.months = store, records, months
        self.before: list[tuple[object, list[dict]]] = []
        self.result = MergeResult()
        self.text = t(f"Tuo {file_name}", f"Import {file_name}")

    def do(self) -> None:
        with _saving(self.store) as conn:
            self.before = [(tb, [dict(r._mapping) for r in conn.execute(select(tb))]) for tb in _ALL_TABLES]
            self.result = merge_records(conn, self.records, self.months)

    def undo(self) -> None:
        with _saving(self.store) as conn:
            for tb in reversed(_ALL_TABLES):
                conn.execute(delete(tb))
            for tb, rows in self.before:
                for row in rows:
                    conn.execute(insert(tb).values(**row))


def read_seed_example(path: Path | None = None) -> tuple[list[MeasureRecord], list[Month]]:
    """The shipped example (Keski-Suomi self-assessment, October 2020) as records and months."""
    path = path or resources_dir() / "measures" / SEED_EXAMPLE
    records, months = [], []
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# MONTHS:"):
            months = [Month.parse(m) for m in line.split(":", 1)[1].split(";") if m.strip()]
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(";")
        if header is None:
            header = fields
            continue
        row = dict(zip(header, fields, strict=False))
        ratings = {Month.parse(k): int(v) for k, v in row.items() if k[:1].isdigit() and v.strip()}
        records.append(MeasureRecord(row["hyötytavoite"], row["kärki"], row["kehittämistoimenpide"], ratings,
                                     notes=row.get("huomiot", "").strip() or None))
    return records, months


def install_defaults(store: Store) -> None:
    """New projects start with the programme's five benefit goals (THL hyötytavoitteet), no measures."""
    records, _months = read_seed_example()
    with _saving(store) as conn:
        if conn.execute(select(func.count()).select_from(G)).scalar_one():
            return
        seen: list[str] = []
        for rec in records:
            if rec.goal not in seen:
                seen.append(rec.goal)
        for pos, name in enumerate(seen, start=1):
            conn.execute(insert(G).values(name=name, notes="", position=pos))


def install_seed_example(store: Store) -> MergeResult:
    """Load the seed's 97 measures with their October 2020 ratings (months 10-12/2020 followed).

    Merges by name, so running it on a store that already has the goals adds only what is missing.
    """
    records, months = read_seed_example()
    with _saving(store) as conn:
        return merge_records(conn, records, months)


def import_measures_xlsx(store: Store, path: str | os.PathLike, progress: Progress | None = None) -> MergeResult:
    """Read and validate an Excel tracker, then merge it in one transaction. A bad file changes nothing."""
    from desktop.importers.measures_xlsx import read_tracker_xlsx

    progress = progress or NullProgress()
    progress.report(0, 2, t("Luetaan Excel-tiedostoa", "Reading the Excel file"))
    records, months = read_tracker_xlsx(path)
    progress.report(1, 2, t("Tallennetaan", "Saving"))
    with edit_versions.based_on(store, "measures", edit_versions.file_base(path, store, "measures")), \
            _saving(store) as conn:  # refused when a colleague saved after the export
        result = merge_records(conn, records, months)
    progress.report(2, 2, t("Valmis", "Done"))
    return result


def export_measures_xlsx(store: Store, path: str | os.PathLike) -> Path:
    """Write the tracker as an Excel file laid out like the seed's tables (see importers.measures_xlsx)."""
    from desktop.importers.measures_xlsx import write_tracker_xlsx

    written = write_tracker_xlsx(load_tracker(store), path)
    edit_versions.stamp_file(written, store, "measures")  # importing it back checks nobody saved since
    return written


CHART_KINDS = ("heatmap", "goals", "areas")


def export_chart(store: Store, kind: str, path: str | os.PathLike) -> Path:
    """Draw a measures chart ('heatmap', 'goals' or 'areas') to PNG, SVG or PDF by the file suffix;
    .xlsx writes the table behind the chart instead."""
    from matplotlib.figure import Figure

    from desktop.charts import measures as charts

    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if kind not in CHART_KINDS:
        raise UserError(t(f"Tuntematon kuva '{kind}'; vaihtoehdot: {', '.join(CHART_KINDS)}.",
                          f"Unknown chart '{kind}'; choose one of {', '.join(CHART_KINDS)}."))
    tracker = load_tracker(store)
    if suffix == "xlsx":
        from desktop.importers.measures_xlsx import write_distribution_xlsx, write_tracker_xlsx

        if kind == "heatmap":
            return write_tracker_xlsx(tracker, path)
        return write_distribution_xlsx(tracker, "goal" if kind == "goals" else "area", path)
    if suffix not in ("png", "svg", "pdf"):
        raise UserError(t(f"Kuvan tiedostomuoto .{suffix} ei käy; käytä .png, .svg, .pdf tai .xlsx.",
                          f"Cannot write .{suffix}; use .png, .svg, .pdf or .xlsx."))
    if kind == "heatmap":
        fig = Figure(figsize=charts.heatmap_size(tracker))
        charts.draw_rating_heatmap(fig, tracker)
    else:
        by = "goal" if kind == "goals" else "area"
        fig = Figure(figsize=charts.distribution_size(tracker, by))
        charts.draw_rating_distribution(fig, tracker, by=by)
    fig.savefig(path, format=suffix, dpi=150 if suffix == "png" else None)
    return path


# ============================================================ linked indicators
class IndicatorUnavailable(Exception):
    """A figure cannot be computed from this store; the message (Finnish/English via t) says why."""


IndicatorFn = Callable[[Store, int], "float | None"]


@dataclass(frozen=True)
class IndicatorProvider:
    name: str  # stored with the link: 'fixed_name' or 'prefix:param'
    label_fi: str
    label_en: str
    unit: str  # '%', '/1 000 as.', '€' ...
    compute: IndicatorFn

    @property
    def label(self) -> str:
        return t(self.label_fi, self.label_en)


@dataclass(frozen=True)
class IndicatorFamily:
    prefix: str
    compute: Callable[[Store, int, str], float | None]
    list_params: Callable[[Store], Iterable[tuple[str, str]]]  # (param, label of the param)
    label_fi: str  # with {param}
    label_en: str
    unit: str

    def provider(self, param: str, param_label: str | None = None) -> IndicatorProvider:
        shown = param_label or param
        return IndicatorProvider(
            f"{self.prefix}:{param}", self.label_fi.format(param=shown), self.label_en.format(param=shown), self.unit,
            lambda store, year: self.compute(store, year, param),
        )


_PROVIDERS: dict[str, IndicatorProvider] = {}
_FAMILIES: dict[str, IndicatorFamily] = {}

#: feature modules that may register indicators when imported (missing ones are skipped)
PROVIDER_MODULES = (
    "desktop.services.classification",
    "desktop.services.segments",
    "desktop.services.traffic_lights",
    "desktop.services.network",
    "desktop.services.reach",
)


def register_indicator(name: str, fn: IndicatorFn, label_fi: str, label_en: str, unit: str = "") -> None:
    """Register a figure `fn(store, year) -> float | None` under a fixed provider name."""
    _PROVIDERS[name] = IndicatorProvider(name, label_fi, label_en, unit, fn)


def register_indicator_family(
    prefix: str,
    compute: Callable[[Store, int, str], float | None],
    list_params: Callable[[Store], Iterable[tuple[str, str]]],
    label_fi: str,
    label_en: str,
    unit: str = "",
) -> None:
    """Register figures named 'prefix:param' (e.g. one per segment); labels may use {param}."""
    _FAMILIES[prefix] = IndicatorFamily(prefix, compute, list_params, label_fi, label_en, unit)


def _load_provider_modules() -> None:
    for name in PROVIDER_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                log.warning("indicator module %s failed to import: %s", name, exc)
        except Exception as exc:  # noqa: BLE001 - another feature's bug must not break this page
            log.warning("indicator module %s failed to import: %s", name, exc)


def indicator_provider(name: str) -> IndicatorProvider | None:
    """The provider stored under `name`, or None if no feature offers it in this app."""
    _load_provider_modules()
    if name in _PROVIDERS:
        return _PROVIDERS[name]
    prefix, sep, param = name.partition(":")
    if sep and prefix in _FAMILIES:
        return _FAMILIES[prefix].provider(param)
    return None


def available_indicators(store: Store) -> list[IndicatorProvider]:
    """Every figure a planner can link in this store, fixed ones first, then each family's params."""
    _load_provider_modules()
    out = list(_PROVIDERS.values())
    for family in _FAMILIES.values():
        try:
            params = list(family.list_params(store))
        except IndicatorUnavailable:
            continue
        except Exception as exc:  # noqa: BLE001
            log.warning("listing indicators %s failed: %s", family.prefix, exc)
            continue
        out.extend(family.provider(p, label) for p, label in params)
    return out


@dataclass
class IndicatorValues:
    """A linked figure for some years; `note` says why values are missing."""

    name: str
    label: str
    unit: str
    values: dict[int, float | None]
    note: str = ""

    def as_dict(self) -> dict:
        return {"name": self.name, "label": self.label, "unit": self.unit,
                "values": {str(y): v for y, v in self.values.items()}, "note": self.note}


def indicator_values(store: Store, name: str, years: Iterable[int]) -> IndicatorValues:
    """The figure `name` for each year; a missing provider or an unavailable figure gives None with a note."""
    years = list(years)
    provider = indicator_provider(name)
    if provider is None:
        return IndicatorValues(name, name, "", {y: None for y in years},
                               t("ei saatavilla tässä sovelluksessa", "not available in this app"))
    values: dict[int, float | None] = {}
    note = ""
    for year in years:
        try:
            v = provider.compute(store, year)
            values[year] = None if v is None or not np.isfinite(v) else float(v)
        except IndicatorUnavailable as exc:
            values[year], note = None, str(exc)
        except Exception as exc:  # noqa: BLE001 - a failing figure is shown as such, not a crash
            log.warning("indicator %s failed for %s: %s", name, year, exc)
            values[year], note = None, t(f"laskenta epäonnistui: {exc}", f"computation failed: {exc}")
    return IndicatorValues(name, provider.label, provider.unit, values, note)


def indicator_years(store: Store) -> list[int]:
    """Years the linked figures are shown for: the years of the events, else of the population."""
    from desktop.services.project_info import event_years
    from desktop.store.rows.imports import PopulationRow

    years = event_years(store)
    if not years:
        with store.read() as conn:
            years = [int(y) for y in conn.execute(select(PopulationRow.year).distinct().order_by(PopulationRow.year)).scalars()]
    return years


# ---- (c) a service's clients per 1,000 residents, over the classified events
SERVICE_COLUMNS = ("service", "service_name", "orp_service")


def _classified_events(store: Store, year: int):
    try:
        from desktop.services.classification import classified_events
    except ImportError as exc:
        raise IndicatorUnavailable(
            t("ei saatavilla: palveluluokitus puuttuu tästä sovelluksesta", "not available: no service classification in this app")
        ) from exc
    return classified_events(store, year)


def _service_column(frame) -> str:
    for col in SERVICE_COLUMNS:
        if col in frame.columns:
            return col
    raise IndicatorUnavailable(t("ei saatavilla: luokitelluissa tapahtumissa ei ole palvelua", "not available: classified events have no service"))


def residents(store: Store, year: int) -> float:
    """Residents of the county in `year` from the population table (persons; both sexes, all ages).

    Rows split by sex are used when present; a row for both sexes ('') only when no split exists.
    """
    from desktop.store.rows.imports import PopulationRow as P

    with store.read() as conn:
        by_sex = dict(conn.execute(select(P.sex, func.sum(P.count)).where(P.year == year).group_by(P.sex)).all())
    split = sum(v for k, v in by_sex.items() if k in ("1", "2"))
    return float(split if split else by_sex.get("", 0.0) or 0.0)


def clients_per_1000(store: Store, year: int, service: str) -> float | None:
    """Distinct clients of `service` in `year` per 1,000 residents (persons / 1 000 residents)."""
    frame = _classified_events(store, year)
    col = _service_column(frame)
    people = residents(store, year)
    if people <= 0:
        raise IndicatorUnavailable(t(f"ei väestötietoa vuodelle {year}", f"no population for {year}"))
    if "date" in frame.columns and np.issubdtype(frame["date"].dtype, np.integer):
        from desktop.core.datasets import years_of

        frame = frame[years_of(frame["date"].to_numpy()) == year]
    chosen = frame[frame[col].astype(str) == service]
    clients = chosen["person_id"].nunique()
    from desktop.analysis import privacy

    n = privacy.min_group(store)
    if privacy.is_small(clients, n):  # the rate times the (public) residents would give the small count
        raise IndicatorUnavailable(t(f"piilotettu: alle {n} asiakasta vuonna {year}",
                                     f"hidden: fewer than {n} clients in {year}"))
    return 1000.0 * clients / people


def _service_names(store: Store) -> list[tuple[str, str]]:
    years = indicator_years(store)
    if not years:
        return []
    frame = _classified_events(store, years[-1])
    col = _service_column(frame)
    names = sorted({str(v) for v in frame[col].dropna().unique() if str(v)})
    return [(n, n) for n in names]


register_indicator_family(
    "clients_per_1000", clients_per_1000, _service_names,
    "Asiakkaita / 1 000 asukasta: {param}", "Clients per 1,000 residents: {param}", "/1 000 as.",
)
