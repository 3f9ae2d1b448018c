"""Small hand-built event stores for the classification tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.core.datasets import EVENT_COLUMNS, EVENT_DTYPES, day_number
from desktop.services.new_project import create_project
from desktop.store import columns

DEFAULTS = {"person_id": "p0", "date": day_number(2024, 3, 1), "birth_year": 1990, "age": 34, "sex": "2",
            "municipality": "179", "service_code": "", "service_form": "", "visit_nature": "",
            "contact_type": "R10", "professional_group": "", "reasons": "", "producer": "own",
            "cost_eur": 100.0, "units": 1.0, "special_law": "", "source": "test"}


def event(**values) -> dict:
    """One event with defaults for the fields not given (`year=` sets the date to 1 March)."""
    row = dict(DEFAULTS)
    year = values.pop("year", None)
    if year is not None:
        row["date"] = day_number(year, 3, 1)
    row.update(values)
    return row


def events_frame(rows: list[dict]) -> pd.DataFrame:
    """Events as a frame shaped like store.load('events') (text columns Categorical)."""
    frame = pd.DataFrame(rows)
    out = {}
    for name, kind in EVENT_COLUMNS.items():
        if kind in ("dict", "id"):
            values = frame[name].astype(object).where(frame[name].astype(str) != "", None)
            out[name] = pd.Categorical(values)
        else:
            out[name] = frame[name].to_numpy().astype(EVENT_DTYPES[name])
    return pd.DataFrame(out)


def write_events(store, rows: list[dict]) -> None:
    """Append events to a store as one import batch."""
    frame = pd.DataFrame(rows)
    with store.transaction() as conn:
        batch = store.add_batch(conn, "events", "test.csv", row_count=len(rows))
        arrays = {}
        for name, kind in EVENT_COLUMNS.items():
            if kind in ("dict", "id"):
                arrays[name] = columns.encode(conn, "events", name, frame[name].astype(object))
            else:
                arrays[name] = np.asarray(frame[name]).astype(EVENT_DTYPES[name])
        columns.write_columns(conn, "events", batch, arrays, dict(EVENT_COLUMNS))


def store_with_events(path, rows: list[dict]):
    """A new project (with the default classification) holding `rows`."""
    store = create_project(path)
    write_events(store, rows)
    return store
