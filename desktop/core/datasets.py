"""The dataset kinds a store holds and the canonical columns of each (the shared contract between
importers, the demo generator and the analyses).

Column-stored datasets (`events`, `grid`, `travel_times`) use these kinds: 'id' and 'dict' are
dictionary-encoded text (codes -1 = missing), 'num' are numbers with the dtype given here.
"""

from __future__ import annotations

import numpy as np

EPOCH = np.datetime64("1970-01-01", "D")

# events: one row per service-use event (visit, care day block, decision...)
EVENT_COLUMNS: dict[str, str] = {
    "person_id": "id",  # keyed pseudonym, never a raw identity code
    "date": "num",  # int32 days since 1970-01-01
    "birth_year": "num",  # int16, -1 unknown
    "age": "num",  # int16 age in whole years at the event, -1 unknown
    "sex": "dict",  # '1' male, '2' female
    "municipality": "dict",  # 3-digit municipality code, e.g. '179'
    "service_code": "dict",  # the source system's own service code or name
    "service_form": "dict",  # Avohilmo palvelumuoto, e.g. 'T21'
    "visit_nature": "dict",  # käynnin luonne, e.g. 'TH', 'SH'
    "contact_type": "dict",  # yhteystapa, e.g. 'R10'
    "professional_group": "dict",  # ammattiluokka
    "reasons": "dict",  # codes separated by a single space, e.g. 'OAA42 Z00.1'
    "producer": "dict",  # 'own', 'purchased', 'voucher'
    "cost_eur": "num",  # float64 euros
    "units": "num",  # float32, e.g. care days; 1 for a visit
    "special_law": "dict",  # e.g. 'VPL' (disability services decision)
    "source": "dict",  # source system
}
EVENT_DTYPES: dict[str, str] = {
    "date": "int32",
    "birth_year": "int16",
    "age": "int16",
    "cost_eur": "float64",
    "units": "float32",
}

# grid: population grid cells; any further numeric column is an extra population column
GRID_COLUMNS: dict[str, str] = {
    "cell_id": "dict",
    "x": "num",  # float64 metres, EPSG:3067
    "y": "num",
    "municipality": "dict",
    "population": "num",  # float64 persons
}

# travel_times: origin grid cell -> destination site or cell, minutes, per travel mode
TRAVEL_TIME_COLUMNS: dict[str, str] = {
    "origin": "dict",  # grid cell id (same dictionary values as grid.cell_id)
    "destination": "dict",  # site id or grid cell id
    "minutes": "num",  # float32; NaN = no route
    "mode": "dict",  # 'car', 'walk', 'pt'...
}

COLUMN_DATASET = {"events": "events", "grid": "grid", "travel-times": "travel_times"}

SEX_MALE, SEX_FEMALE = "1", "2"
PRODUCERS = ("own", "purchased", "voucher")
LEVELS = ("green", "yellow", "red")
LIFE_STAGES = ("children", "working_age", "elderly")  # 0-17, 18-64, 65+


def years_of(days: np.ndarray) -> np.ndarray:
    """Calendar years of int day numbers (days since 1970-01-01)."""
    return (EPOCH + days.astype("timedelta64[D]")).astype("datetime64[Y]").astype(np.int32) + 1970


def day_number(year: int, month: int = 1, day: int = 1) -> int:
    return int((np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D") - EPOCH).astype(int))
