"""The development-measures section of the workshop report: ratings per benefit goal and per focus
area (charts, count tables, sentences), then the heat map of measures x months, one goal per page.
The sentences are Finnish as a planner writes them ('Lokakuussa 2020 käytössä oli 0 toimenpidettä
97:stä; …'), English when the report is made in English."""

from __future__ import annotations

import pandas as pd

from desktop.charts import measures as charts
from desktop.core.lang import t
from desktop.core.measures import Goal, Measure, Month, Tracker, rating_label
from desktop.core.numbers import MONTHS_EN, MONTHS_FI, number
from desktop.reports.pages import ReportPage
from desktop.services.measures import load_tracker
from desktop.store import Store

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
    return t(f"{MONTHS_FI[month.month - 1]}ssa {month.year}", f"in {MONTHS_EN[month.month - 1]} {month.year}")


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
    when = _capital(month_inessive(month))
    text = t(f"{when} pisimmällä oli kärki {best[1]} (arvioiden keskiarvo {number(best[0], 1, 'fi')})",
             f"{when} the furthest focus area was {best[1]} (mean rating {number(best[0], 1, 'en')})")
    if len(means) > 1 and worst[1] != best[1]:
        text += t(f", jäljessä {worst[1]} ({number(worst[0], 1, 'fi')})",
                  f", the least advanced {worst[1]} ({number(worst[0], 1, 'en')})")
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


def workshop_pages(store: Store, year: int | None = None) -> list[ReportPage]:
    """The development-measures section of the workshop report (desktop.reports.workshop).

    Pages: the ratings per benefit goal and per focus area (the distribution charts, a count table
    and a sentence), then the heat map of measures x months, one goal per page, a goal with more rows
    than fit on A4 landscape continuing on a further page (every measure is shown: the county reports
    each one to THL and each responsible person looks for their own row). The report month is the last
    rated month up to the end of `year`. Empty (the section is left out) when there are no measures;
    one page saying so when measures exist but none is rated.
    """
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
    for goal_number, goal in enumerate(sorted(tracker.goals, key=lambda g: (g.position, g.id)), start=1):
        chunks = heatmap_chunks(tracker, goal)
        ids = [m.id for m in tracker.measures_of(goal_id=goal.id)]
        for k, chunk in enumerate(chunks, start=1):
            part = f" ({k}/{len(chunks)})" if len(chunks) > 1 else ""
            title = t(f"Arviot kuukausittain: {goal_number}. {_short_fi(goal.name, 110)}{part}",
                      f"Ratings by month: {goal_number}. {_short_fi(goal.name, 110)}{part}")
            keep = {m.id for m in chunk}
            sub = Tracker(tracker.goals, tracker.areas, chunk, tracker.months,
                          {key: r for key, r in tracker.ratings.items() if key[0] in keep})

            def draw(fig, sub=sub, title=title):
                charts.draw_rating_heatmap(fig, sub, months, title, captions="area")

            text = t(f"Tavoite {goal_number}: ", f"Goal {goal_number}: ") + state_sentence(tracker, month, ids)
            pages.append(ReportPage(title, draw, None, text))
    return pages


def summary_sentences(tracker: Tracker, month: Month | None = None) -> list[str]:
    """Short sentences for a report: how many measures stand at each rating in `month` (default: the
    last month with any rating), overall and per benefit goal, and the change since the first month."""
    months = charts.chart_months(tracker)
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


