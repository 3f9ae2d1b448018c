"""Helpers that build small stores for the reach tests (no dependence on the demo region)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.core.datasets import GRID_COLUMNS, TRAVEL_TIME_COLUMNS
from desktop.store import Store
from desktop.store.columns import encode, write_columns
from desktop.store.rows.imports import MunicipalityRow, SiteRow

CASES = "/work/shared/reference-data/cases/"


def build_store(path, grid: pd.DataFrame, sites: pd.DataFrame | None = None, travel: pd.DataFrame | None = None,
                municipalities: list[dict] | None = None, goals: bool = True) -> Store:
    """A store with the given grid (cell_id, x, y, municipality, population, extra numeric columns),
    sites (site_id, name, type, size, x, y, municipality) and travel times (origin, destination,
    minutes, mode)."""
    store = Store.create(path)
    with store.transaction() as conn:
        batch = store.add_batch(conn, "grid", "grid.csv", row_count=len(grid))
        kinds = dict(GRID_COLUMNS)
        cols = {
            "cell_id": encode(conn, "grid", "cell_id", grid["cell_id"].astype(str)),
            "x": grid["x"].to_numpy(np.float64),
            "y": grid["y"].to_numpy(np.float64),
            "municipality": encode(conn, "grid", "municipality",
                                   grid.get("municipality", pd.Series([""] * len(grid))).astype(str)),
            "population": grid["population"].to_numpy(np.float64),
        }
        for extra in grid.columns:
            if extra not in cols:
                cols[extra] = grid[extra].to_numpy(np.float64)
                kinds[extra] = "num"
        write_columns(conn, "grid", batch, cols, kinds)
        if travel is not None and len(travel):
            batch = store.add_batch(conn, "travel-times", "tt.csv", row_count=len(travel))
            mode = travel["mode"] if "mode" in travel.columns else pd.Series(["car"] * len(travel))
            write_columns(conn, "travel_times", batch, {
                "origin": encode(conn, "travel_times", "origin", travel["origin"].astype(str)),
                "destination": encode(conn, "travel_times", "destination", travel["destination"].astype(str)),
                "minutes": travel["minutes"].to_numpy(np.float32),
                "mode": encode(conn, "travel_times", "mode", mode.astype(str)),
            }, TRAVEL_TIME_COLUMNS)
        if sites is not None and len(sites):
            batch = store.add_batch(conn, "sites", "sites.csv", row_count=len(sites))
            for r in sites.to_dict("records"):
                conn.execute(SiteRow.__table__.insert().values(
                    batch_id=batch, site_id=str(r["site_id"]), name=str(r.get("name", r["site_id"])),
                    type=str(r["type"]), size=str(r.get("size", "") or ""), x=float(r["x"]), y=float(r["y"]),
                    municipality=str(r.get("municipality", "") or "") or None))
        for m in municipalities or []:
            conn.execute(MunicipalityRow.__table__.insert().values(**m))
    if goals:
        from desktop.services.network import install_defaults

        install_defaults(store)
    return store


def read_case(prefix: str):
    grid = pd.read_csv(CASES + f"{prefix}_grid.csv", sep=";", dtype={"cell_id": str})
    sites = pd.read_csv(CASES + f"{prefix}_sites.csv", sep=";", dtype={"site_id": str})
    tt = pd.read_csv(CASES + f"{prefix}_travel_times.csv", sep=";", dtype={"from_id": str, "to_id": str})
    return grid, sites, tt


