"""Fast synthetic event stores for benchmarks (not the demo region: just the right shape and size)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from desktop.core.datasets import EVENT_COLUMNS, EVENT_DTYPES, day_number
from desktop.demo.vocabulary import EVENT_KINDS
from desktop.services.new_project import create_project
from desktop.store import columns

MUNICIPALITIES = ["077", "172", "179", "182", "216", "226", "249", "256", "265", "275", "312",
                  "410", "435", "495", "500", "592", "601", "729", "850", "892", "931", "992"]


def synthetic_event_arrays(n: int, persons: int, seed: int = 7) -> dict[str, object]:
    """Realistically shaped raw event columns (text columns as arrays of strings)."""
    rng = np.random.default_rng(seed)
    person = rng.integers(0, persons, n)
    birth = (1925 + (person * 2654435761 % 99)).astype(np.int16)
    start, end = day_number(2023), day_number(2025)
    date = rng.integers(start, end, n).astype(np.int32)
    year = 1970 + (date / 365.2425).astype(np.int32)
    age = np.clip(year - birth, 0, 110).astype(np.int16)
    kinds = rng.integers(0, len(EVENT_KINDS), n)
    kind_code = np.array([k.service_code for k in EVENT_KINDS], dtype=object)
    kind_form = np.array([k.service_form for k in EVENT_KINDS], dtype=object)
    kind_prof = np.array([k.professional_groups[0] for k in EVENT_KINDS], dtype=object)
    kind_reason = np.array([(k.reasons or ("",))[0] for k in EVENT_KINDS], dtype=object)
    return {
        "person_id": np.char.add("p", person.astype(str)).astype(object),
        "date": date,
        "birth_year": birth,
        "age": age,
        "sex": np.where(person % 2 == 0, "1", "2").astype(object),
        "municipality": np.array(MUNICIPALITIES, dtype=object)[person % len(MUNICIPALITIES)],
        "service_code": kind_code[kinds],
        "service_form": kind_form[kinds],
        "visit_nature": np.where(rng.random(n) < 0.7, "SH", "TH").astype(object),
        "contact_type": np.where(rng.random(n) < 0.8, "R10", "R50").astype(object),
        "professional_group": kind_prof[kinds],
        "reasons": kind_reason[kinds],
        "producer": np.array(["own", "purchased", "voucher"], dtype=object)[rng.choice(3, n, p=[0.8, 0.15, 0.05])],
        "cost_eur": np.round(rng.gamma(2.0, 60.0, n), 2),
        "units": np.ones(n, dtype=np.float32),
        "special_law": np.where(rng.random(n) < 0.02, "VPL", "").astype(object),
        "source": np.full(n, "bench", dtype=object),
    }


def build_event_store(path: Path, n: int, persons: int, seed: int = 7) -> Path:
    """A store with `n` synthetic events of `persons` persons, written straight to the column store."""
    raw = synthetic_event_arrays(n, persons, seed)
    store = create_project(path)
    with store.transaction() as conn:
        batch = store.add_batch(conn, "events", f"bench-{n}.csv", row_count=n)
        arrays = {}
        for name, kind in EVENT_COLUMNS.items():
            values = raw[name]
            if kind in ("dict", "id"):
                arrays[name] = columns.encode(conn, "events", name, pd.Series(values, dtype=object))
            else:
                arrays[name] = np.asarray(values).astype(EVENT_DTYPES[name])
        columns.write_columns(conn, "events", batch, arrays, dict(EVENT_COLUMNS))
    store.close()
    return path
