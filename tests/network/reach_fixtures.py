"""Helpers that build small stores for the reach tests (no dependence on the demo region)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.core.datasets import GRID_COLUMNS, TRAVEL_TIME_COLUMNS
from desktop.store import Store
from desktop.store.columns import encode, write_columns
from desktop.store.tables import imports as imports_tables

CASES = "/work/shared/reference-data/cases/"


def build_store(path, grid: pd.DataFrame, sites: pd.DataFrame | None = None, travel: pd.DataFrame | None = None,
                municipalities: list[dict] | None = None, goals: bool = True) -> Store:
    """A store with the given grid (cell_id, x, y, municipality, population, extra numeric columns),
    sites (site_id, name, type, size, x, y, municipality, optional capacity) and travel times (origin, destination,
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
                conn.execute(imports_tables.site.insert().values(
                    batch_id=batch, site_id=str(r["site_id"]), name=str(r.get("name", r["site_id"])),
                    type=str(r["type"]), size=str(r.get("size", "") or ""), x=float(r["x"]), y=float(r["y"]),
                    municipality=str(r.get("municipality", "") or "") or None,
                    capacity=None if pd.isna(r.get("capacity", np.nan)) else float(r["capacity"])))
        for m in municipalities or []:
            conn.execute(imports_tables.municipality.insert().values(**m))
    if goals:
        from desktop.services.network import install_defaults

        install_defaults(store)
    return store


def read_case(prefix: str):
    grid = pd.read_csv(CASES + f"{prefix}_grid.csv", sep=";", dtype={"cell_id": str})
    sites = pd.read_csv(CASES + f"{prefix}_sites.csv", sep=";", dtype={"site_id": str})
    tt = pd.read_csv(CASES + f"{prefix}_travel_times.csv", sep=";", dtype={"from_id": str, "to_id": str})
    return grid, sites, tt




def write_gpkg_lines(path, lines, attrs: dict, srs_id: int = 3067, layer: str = "roads", z: bool = False,
                     multi: bool = False) -> None:
    """A minimal GeoPackage with one line layer (GP header with an xy envelope + little-endian WKB)."""
    import sqlite3
    import struct

    con = sqlite3.connect(path)
    con.execute("CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT, identifier TEXT, srs_id INTEGER)")
    con.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, "
                "srs_id INTEGER, z INTEGER, m INTEGER)")
    con.execute("INSERT INTO gpkg_contents VALUES (?, 'features', ?, ?)", (layer, layer, srs_id))
    con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, ?, 0)",
                (layer, "MULTILINESTRING" if multi else "LINESTRING", srs_id, int(z)))
    names = list(attrs)
    con.execute(f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY, geom BLOB, {", ".join(n + " TEXT" for n in names)})')

    def linestring(coords):
        coords = np.asarray(coords, float)
        if z:
            coords = np.column_stack([coords, np.zeros(len(coords))])
        return struct.pack("<BII", 1, 1002 if z else 2, len(coords)) + coords.astype("<f8").tobytes()

    for i, coords in enumerate(lines):
        c = np.asarray(coords, float)
        wkb = struct.pack("<BII", 1, 1005 if z else 5, 1) + linestring(c) if multi else linestring(c)
        header = b"GP\x00\x03" + struct.pack("<i", srs_id) + struct.pack(
            "<4d", c[:, 0].min(), c[:, 0].max(), c[:, 1].min(), c[:, 1].max())
        con.execute(f'INSERT INTO "{layer}" VALUES (?, ?, {", ".join("?" for _ in names)})',
                    (i + 1, header + wkb, *[str(attrs[n][i]) for n in names]))
    con.commit()
    con.close()


def scipy_max_flow(weights, sets, caps) -> float:
    """The same problem as an integer maximum flow: source -> cells -> sites -> sink."""
    n_cells, n_sites = len(weights), len(sets)
    big = int(weights.sum()) + 1
    source, sink = n_cells + n_sites, n_cells + n_sites + 1
    rows, cols, vals = [], [], []
    for i, w in enumerate(weights):
        rows.append(source), cols.append(i), vals.append(int(w))
    for j, cells in enumerate(sets):
        for i in cells:
            rows.append(int(i)), cols.append(n_cells + j), vals.append(big)
        rows.append(n_cells + j), cols.append(sink), vals.append(big if np.isnan(caps[j]) else int(caps[j]))
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    graph = csr_matrix((np.array(vals, dtype=np.int32), (rows, cols)), shape=(sink + 1, sink + 1))
    return float(maximum_flow(graph, source, sink).flow_value)


def six_cell_store(path):
    """Six cells 1 km apart, 1,100 residents; site A (S) at cell 0 and B (M) at cell 3, by car: the store
    of the network page's and its presenter's tests."""
    grid = pd.DataFrame({
        "cell_id": [f"c{i}" for i in range(6)], "x": [0.0, 1000, 2000, 3000, 4000, 5000], "y": [0.0] * 6,
        "municipality": ["179", "179", "179", "500", "500", "500"],
        "population": [100.0, 200, 300, 400, 100, 0], "pop_65plus": [10.0, 20, 30, 40, 5, 0],
    })
    sites = pd.DataFrame({"site_id": ["A", "B"], "name": ["Asema", "Berg"], "type": ["sote-keskus"] * 2,
                          "size": ["S", "M"], "x": [0.0, 3000], "y": [0.0, 0.0], "municipality": ["179", "500"]})
    minutes = {"A": [0, 10, 20, 30, 40, 50], "B": [30, 20, 10, 0, 10, 20]}
    travel = pd.DataFrame([{"origin": f"c{i}", "destination": s, "minutes": m[i], "mode": "car"}
                           for s, m in minutes.items() for i in range(6)])
    munis = [{"code": "179", "name": "Jyväskylä", "centre_name": "Jyväskylä", "x": 0.0, "y": 0.0, "population": 600},
             {"code": "500", "name": "Muurame", "centre_name": "Muurame", "x": 3000.0, "y": 0.0, "population": 450}]
    return build_store(path, grid, sites, travel, munis)
