"""Reading the development-measures tracker: the whole tracker in one read, and its JSON summary
with each measure's latest rating, history and linked figures."""

from __future__ import annotations

from sqlalchemy import select

from desktop.core.measures import FocusArea, Goal, Measure, Month, Tracker, rating_label
from desktop.services.measures.indicators import indicator_values, indicator_years
from desktop.services.measures.rows import IND, MO, A, G, M, R
from desktop.store import Store


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

