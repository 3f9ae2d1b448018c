"""The small development-measures store of the measures page's and its presenter's tests."""

from __future__ import annotations

from desktop.core.measures import Month
from desktop.services import measures as svc
from desktop.store import Store


def write_small_tracker(path):
    """One goal 'Saatavuus', area 'Vastaanotto' with 'Etävastaanotot' (rated 1 in April and 3 in October
    2021) and 'Omaolo' (not rated); returns `path`."""
    s = Store.create(path)
    goal = svc.AddGoal(s, "Saatavuus")
    goal.do()
    m1 = svc.AddMeasure(s, goal.id, "Vastaanotto", "Etävastaanotot")
    m1.do()
    m2 = svc.AddMeasure(s, goal.id, m1.area_id, "Omaolo")
    m2.do()
    svc.SetRating(s, m1.id, Month(2021, 4), 1).do()
    svc.SetRating(s, m1.id, Month(2021, 10), 3).do()
    s.close()
    return path
