"""What a store holds: datasets with row counts and years, import batches, schema version."""

from __future__ import annotations

import json

import numpy as np
from sqlalchemy import func, select

from desktop.core.datasets import years_of
from desktop.store import Store
from desktop.store.rows.imports import FinanceRow, PopulationRow, SiteRow


def event_years(store: Store) -> list[int]:
    if store.row_count("events") == 0:
        return []
    days = store.load("events", ("date",))["date"].to_numpy()
    return [int(y) for y in np.unique(years_of(days))]


def project_info(store: Store) -> dict:
    """A JSON-ready description of the store (used by `info` and the Data page)."""
    with store.read() as conn:
        pop_years = [int(y) for y in conn.execute(select(PopulationRow.year).distinct().order_by(PopulationRow.year)).scalars()]
        fin_years = [int(y) for y in conn.execute(select(FinanceRow.year).distinct().order_by(FinanceRow.year)).scalars()]
        pop_rows = conn.execute(select(func.count()).select_from(PopulationRow)).scalar_one()
        site_rows = conn.execute(select(func.count()).select_from(SiteRow)).scalar_one()
        fin_rows = conn.execute(select(func.count()).select_from(FinanceRow)).scalar_one()
    datasets = [
        {"kind": "events", "rows": store.row_count("events"), "years": event_years(store)},
        {"kind": "population", "rows": int(pop_rows), "years": pop_years},
        {"kind": "grid", "rows": store.row_count("grid"), "years": []},
        {"kind": "sites", "rows": int(site_rows), "years": []},
        {"kind": "travel-times", "rows": store.row_count("travel_times"), "years": []},
        {"kind": "finance", "rows": int(fin_rows), "years": fin_years},
    ]
    batches = [
        {
            "id": b.id,
            "kind": b.kind,
            "file_name": b.file_name,
            "file_size": b.file_size,
            "sha256": b.sha256,
            "rows": b.row_count,
            "rejected": b.rejected_count,
            "imported_at": b.imported_at,
            "app_version": b.app_version,
            "report": json.loads(b.report_json or "{}"),
        }
        for b in store.batches()
    ]
    return {
        "store": store.display,
        "schema_version": store.schema_version,
        "synthetic": bool(store.setting("synthetic", False)),
        "region": store.setting("region_name", None),
        "datasets": datasets,
        "batches": batches,
    }
