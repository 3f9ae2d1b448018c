"""Hand-built classified event frames for the segment and traffic-light tests.

`frame(records)` takes dicts with short keys and returns the columns `classified_events` gives:
person_id int codes, date int32 days, year int16, birth_year/age int16, and Categorical text columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.core.datasets import day_number

TEXT = ("sex", "municipality", "reasons", "special_law", "service", "aura", "structure", "level",
        "life_stage", "producer", "service_code")
DEFAULTS = {"sex": "2", "municipality": "179", "reasons": None, "special_law": None, "service": "Vastaanotto",
            "aura": "Perustason vastaanottopalvelut", "structure": "avo", "level": "green",
            "life_stage": "working_age", "producer": "own", "service_code": "VO", "cost_eur": 100.0,
            "units": 1.0, "birth_year": 1980, "age": None}


def frame(records: list[dict]) -> pd.DataFrame:
    rows = []
    for r in records:
        d = {**DEFAULTS, **r}
        year, month, day = d.get("ymd", (d.get("year", 2024), 6, 15))
        d["date"] = day_number(year, month, day)
        d["year"] = year
        if d["age"] is None:
            d["age"] = -1 if d["birth_year"] < 0 else year - d["birth_year"] - (1 if month < 7 else 0)
        rows.append(d)
    out = pd.DataFrame({
        "person_id": np.array([r["person"] for r in rows], dtype=np.int32),
        "date": np.array([r["date"] for r in rows], dtype=np.int32),
        "year": np.array([r["year"] for r in rows], dtype=np.int16),
        "birth_year": np.array([r["birth_year"] for r in rows], dtype=np.int16),
        "age": np.array([r["age"] for r in rows], dtype=np.int16),
        "cost_eur": np.array([r["cost_eur"] for r in rows], dtype=np.float64),
        "units": np.array([r["units"] for r in rows], dtype=np.float32),
    })
    for col in TEXT:
        out[col] = pd.Categorical([r[col] for r in rows])
    return out


def population(rows: list[tuple]) -> pd.DataFrame:
    """rows: (municipality, year, age_from, age_to, sex, count[, forecast])."""
    cols = ["municipality", "year", "age_from", "age_to", "sex", "count", "forecast"]
    return pd.DataFrame([tuple(r) + (0,) * (7 - len(r)) for r in rows], columns=cols)
