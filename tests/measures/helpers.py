"""Small hand-built stores for the measures tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.core.datasets import EVENT_COLUMNS, EVENT_DTYPES, day_number
from desktop.core.measures import Month
from desktop.services import measures as svc
from desktop.store import columns
from desktop.store.tables import imports as imports_tables

EVENT_DEFAULTS = {"person_id": "p0", "date": day_number(2024, 3, 1), "birth_year": 1990, "age": 34, "sex": "2",
                  "municipality": "179", "service_code": "", "service_form": "", "visit_nature": "TH",
                  "contact_type": "R10", "professional_group": "terveydenhoitaja", "reasons": "", "producer": "own",
                  "cost_eur": 100.0, "units": 1.0, "special_law": "", "source": "test"}


def write_events(store, rows: list[dict]) -> None:
    """Append events (defaults for fields not given) to a store as one import batch."""
    frame = pd.DataFrame([{**EVENT_DEFAULTS, **r} for r in rows])
    with store.transaction() as conn:
        batch = store.add_batch(conn, "events", "test.csv", row_count=len(frame))
        arrays = {}
        for name, kind in EVENT_COLUMNS.items():
            if kind in ("dict", "id"):
                arrays[name] = columns.encode(conn, "events", name, frame[name].astype(object))
            else:
                arrays[name] = np.asarray(frame[name]).astype(EVENT_DTYPES[name])
        columns.write_columns(conn, "events", batch, arrays, dict(EVENT_COLUMNS))


def write_population(store, year: int, rows: list[tuple[str, str, float]]) -> None:
    """Residents (municipality, sex, count) of one year, ages 0-99 in one band."""
    with store.transaction() as conn:
        batch = store.add_batch(conn, "population", "pop.csv", row_count=len(rows))
        for municipality, sex, count in rows:
            conn.execute(imports_tables.population.insert().values(
                batch_id=batch, municipality=municipality, year=year, age_from=0, age_to=99, sex=sex, count=count))


def small_tracker(store) -> dict:
    """Two goals, two areas, three measures, ratings in three months; returns the ids by short name."""
    s = store
    g1, g2 = svc.AddGoal(s, "Saatavuus"), svc.AddGoal(s, "Kustannukset")
    for c in (g1, g2):
        c.do()
    m1 = svc.AddMeasure(s, g1.id, "Vastaanotto", "Etävastaanotot", "Liisa")
    m1.do()
    m2 = svc.AddMeasure(s, g1.id, m1.area_id, "Omaolo")
    m2.do()
    m3 = svc.AddMeasure(s, g2.id, "Palveluketjut", "Diabetes")
    m3.do()
    for mid, month, value in ((m1.id, "2021-04", 1), (m1.id, "2021-10", 3), (m1.id, "2022-04", 5),
                              (m2.id, "2021-04", 2), (m3.id, "2021-10", 4)):
        svc.SetRating(s, mid, Month.parse(month), value).do()
    return {"g1": g1.id, "g2": g2.id, "a1": m1.area_id, "a2": m3.area_id, "m1": m1.id, "m2": m2.id, "m3": m3.id}
