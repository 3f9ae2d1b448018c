"""Small stores for the app-shell tests, written through the store API (fast, no demo generator).

`make_store(path)` holds two import batches: population 2024 (4 rows + a 2026 forecast row) and service events
2023-2024 (3 rows, 1 rejected).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import insert

from desktop.core.datasets import day_number
from desktop.store import Store
from desktop.store.columns import KIND_DICT, KIND_NUM, encode, write_columns
from desktop.store.tables import imports as imports_tables


def make_store(path: Path, synthetic: bool = False) -> Path:
    store = Store.create(path)
    try:
        with store.transaction() as conn:
            pop = store.add_batch(conn, "population", "vaesto_2024.csv", file_size=2048, sha256="ab" * 32, row_count=4)
            conn.execute(
                insert(imports_tables.population),
                [
                    {"batch_id": pop, "municipality": m, "year": 2024, "age_from": a, "age_to": a, "sex": "2", "count": 10.0,
                     "forecast": 0}
                    for m in ("179", "182")
                    for a in (0, 70)
                ]
                + [{"batch_id": pop, "municipality": "179", "year": 2026, "age_from": 0, "age_to": 0, "sex": "2",
                    "count": 11.0, "forecast": 1}],
            )
            ev = store.add_batch(
                conn, "events", "avohilmo_2023_2024.csv", file_size=4096, sha256="cd" * 32, row_count=3,
                rejected_count=1, report={"rejected": [{"line": 4, "reason": "päivämäärä puuttuu"}]},
            )
            dates = np.array([day_number(2023, 3, 1), day_number(2024, 5, 2), day_number(2024, 6, 1)], dtype=np.int32)
            codes = encode(conn, "events", "municipality", ["179", "179", "182"])
            write_columns(conn, "events", ev, {"date": dates, "municipality": codes}, {"date": KIND_NUM, "municipality": KIND_DICT})
            if synthetic:
                store.set_setting("synthetic", True, conn)
    finally:
        store.close()
    return path
