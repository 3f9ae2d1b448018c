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


# --------------------------------------------------------------------------- small stores on disk
KINDS = (  # service_code, service_form, professional_group, visit_nature, reasons, special_law, unit cost
    ("VO-LÄÄK", "T11", "lääkäri", "SH", "J06", "", 81.25),
    ("NEUVOLA-L", "T22", "terveydenhoitaja", "TH", "Z00.1", "", 64.5),
    ("MT-AVO", "T40", "psykologi", "SH", "F32", "", 120.75),
    ("PÄIHDE-AVO", "T51", "sairaanhoitaja", "SH", "F10", "", 99.99),
    ("TPA", "", "lähihoitaja", "", "", "", 210.1),
    ("HENK-APU", "", "henkilökohtainen avustaja", "", "", "VPL", 33.3),
)


def demo_like_records(n_persons: int = 60, years=(2023, 2024), seed: int = 3) -> list[dict]:
    """Deterministic events of `n_persons` persons with the demo vocabulary's codes (store columns)."""
    rng = np.random.default_rng(seed)
    out = []
    for p in range(n_persons):
        birth = int(rng.integers(1935, 2022))
        sex = "1" if p % 2 else "2"
        muni = ("179", "182", "216")[p % 3]
        for year in years:
            for _ in range(int(rng.integers(1, 5))):
                code, form, prof, nature, reason, law, unit_cost = KINDS[int(rng.integers(0, len(KINDS)))]
                out.append({"person_id": f"h{p:04d}", "date": day_number(year, int(rng.integers(1, 13)), 10),
                            "birth_year": birth, "age": year - birth - 1, "sex": sex, "municipality": muni,
                            "service_code": code, "service_form": form, "professional_group": prof,
                            "visit_nature": nature, "reasons": reason, "special_law": law, "producer": "own",
                            "cost_eur": round(unit_cost * int(rng.integers(1, 4)), 2), "units": 1.0})
    return out


def write_store(path, records: list[dict], population_rows: list[tuple] = ()):
    """A new project (with every feature's defaults) holding `records` as events and the population
    rows (municipality, year, age_from, age_to, sex, count[, forecast]). Returns the path."""
    from sqlalchemy import insert

    from desktop.core.datasets import EVENT_COLUMNS, EVENT_DTYPES
    from desktop.services.new_project import create_project
    from desktop.store.columns import encode, write_columns
    from desktop.store.tables import imports as imports_tables

    store = create_project(path)
    try:
        with store.transaction() as conn:
            if records:
                batch = store.add_batch(conn, "events", "tapahtumat.csv", row_count=len(records))
                cols = {}
                for name, kind in EVENT_COLUMNS.items():
                    values = [r.get(name, "") for r in records]
                    if kind in ("id", "dict"):
                        cols[name] = encode(conn, "events", name, [str(v) if v is not None else "" for v in values])
                    else:
                        cols[name] = np.array(values, dtype=EVENT_DTYPES.get(name, "float64"))
                write_columns(conn, "events", batch, cols, EVENT_COLUMNS)
            if population_rows:
                batch = store.add_batch(conn, "population", "vaesto.csv", row_count=len(population_rows))
                conn.execute(insert(imports_tables.population), [
                    {"batch_id": batch, "municipality": r[0], "year": r[1], "age_from": r[2], "age_to": r[3],
                     "sex": r[4], "count": float(r[5]), "forecast": int(r[6]) if len(r) > 6 else 0}
                    for r in population_rows])
    finally:
        store.close()
    return path


def single_year_population(years=(2023, 2024), forecast_years=(2030,), municipalities=("179", "182", "216"),
                           per_age: float = 20.0) -> list[tuple]:
    """Single-year ages 0..100 per sex and municipality; forecast years grow by 10 %."""
    rows = []
    for year in (*years, *forecast_years):
        factor = 1.1 if year in forecast_years else 1.0
        for m in municipalities:
            for sex in ("1", "2"):
                for age in range(101):
                    rows.append((m, year, age, age, sex, per_age * factor, int(year in forecast_years)))
    return rows


# --------------------------------------------------------------------------- synthetic, large
def synthetic_events(n_events: int, n_persons: int, years=(2024,), seed: int = 11) -> pd.DataFrame:
    """A classified-events frame shaped like `classified_events` output, generated with numpy only
    (for benchmarks): Categorical text columns, int person codes, per-person birth year and sex."""
    rng = np.random.default_rng(seed)
    person = rng.integers(0, n_persons, n_events).astype(np.int32)
    birth = rng.integers(1920, 2024, n_persons).astype(np.int16)
    sex = rng.integers(0, 2, n_persons).astype(np.int8)
    muni = rng.integers(0, 23, n_persons).astype(np.int8)
    year = np.asarray(years, dtype=np.int16)[rng.integers(0, len(years), n_events)]
    date = np.array([day_number(int(y)) for y in years], dtype=np.int32)[np.searchsorted(years, year)]
    date = date + rng.integers(0, 365, n_events).astype(np.int32)
    age = (year - birth[person]).astype(np.int16)
    reasons = ["J06", "I10", "E11", "Z00.1", "F32", "F41", "F10", "F20", "M54", "K02", "OAA42", "S72",
               "F32 Z00", "F10.2 F32", "C50", ""] + [f"R{i:02d}" for i in range(30)]
    services = [f"Palvelu {i}" for i in range(40)]
    auras = [f"AURA {i}" for i in range(20)] + ["Aikuispsykiatrinen erikoissairaanhoito",
                                                "Päihdekuntoutujien laitoshoito"]
    service_code = rng.integers(-1, len(services), n_events).astype(np.int16)

    def cat(codes, categories):
        return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object), validate=False)

    level_codes = np.where(service_code < 0, 3, rng.choice(3, n_events, p=[0.45, 0.4, 0.15])).astype(np.int8)
    return pd.DataFrame({
        "person_id": person,
        "date": date,
        "year": year,
        "birth_year": birth[person],
        "age": age,
        "sex": cat(sex[person], ["1", "2"]),
        "municipality": cat(muni[person], [f"{c:03d}" for c in range(170, 193)]),
        "reasons": cat(rng.integers(0, len(reasons), n_events).astype(np.int8), reasons),
        "special_law": cat(np.where(rng.random(n_events) < 0.01, rng.integers(0, 2, n_events), -1).astype(np.int8),
                           ["VPL", "KVL"]),
        "producer": cat(rng.choice(3, n_events, p=[0.7, 0.25, 0.05]).astype(np.int8), ["own", "purchased", "voucher"]),
        "cost_eur": np.round(rng.lognormal(4.5, 1.2, n_events), 2),
        "units": np.ones(n_events, dtype=np.float32),
        "service": cat(service_code, services),
        "aura": cat(np.where(service_code < 0, -1, service_code % len(auras)).astype(np.int16), auras),
        "structure": cat(np.where(service_code < 0, -1, service_code % 3).astype(np.int8), ["avo", "asumis", "laitos"]),
        "level": cat(level_codes, ["green", "yellow", "red", "unclassified"]),
        "life_stage": cat(np.where(age < 18, 0, np.where(age < 65, 1, 2)).astype(np.int8),
                          ["children", "working_age", "elderly"]),
    })


def synthetic_population(n_residents: int = 275_000, years=(2024,)) -> pd.DataFrame:
    """Single-year ages 0..100, two sexes, 23 municipalities, summing to about `n_residents` per year."""
    per_cell = n_residents / (23 * 2 * 101)
    rows = [(f"{c:03d}", y, a, a, s, per_cell, 0) for y in years for c in range(170, 193) for s in ("1", "2")
            for a in range(101)]
    return population(rows)
