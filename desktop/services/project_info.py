"""What a store holds: datasets with row counts and years, import batches, schema version."""

from __future__ import annotations

import json

from sqlalchemy import func, inspect, select

from desktop.store import Store
from desktop.store.tables.imports import finance, population, site, staff


def event_years(store: Store) -> list[int]:
    """The calendar years of the events (from the chunks' year ranges: no rows are read)."""
    return store.years("events")


def project_info(store: Store) -> dict:
    """A JSON-ready description of the store (used by `info` and the Data page)."""
    with store.read() as conn:
        pop_years = [int(y) for y in conn.execute(select(population.c.year).distinct().order_by(population.c.year)).scalars()]
        fin_years = [int(y) for y in conn.execute(select(finance.c.year).distinct().order_by(finance.c.year)).scalars()]
        pop_rows = conn.execute(select(func.count()).select_from(population)).scalar_one()
        site_rows = conn.execute(select(func.count()).select_from(site)).scalar_one()
        fin_rows = conn.execute(select(func.count()).select_from(finance)).scalar_one()
        has_staff = inspect(conn).has_table("staff")  # a read-only store of schema 2 has none
        staff_years = [int(y) for y in conn.execute(select(staff.c.year).distinct().order_by(staff.c.year)).scalars()
                       ] if has_staff else []
        staff_rows = conn.execute(select(func.count()).select_from(staff)).scalar_one() if has_staff else 0
    datasets = [
        {"kind": "events", "rows": store.row_count("events"), "years": event_years(store)},
        {"kind": "population", "rows": int(pop_rows), "years": pop_years},
        {"kind": "grid", "rows": store.row_count("grid"), "years": []},
        {"kind": "sites", "rows": int(site_rows), "years": []},
        {"kind": "travel-times", "rows": store.row_count("travel_times"), "years": []},
        {"kind": "finance", "rows": int(fin_rows), "years": fin_years},
        {"kind": "staff", "rows": int(staff_rows), "years": staff_years},
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
