"""Reading a road network from a GeoPackage line layer (and from an OpenStreetMap .osm.pbf extract
when the optional `osmium` package is installed).

A GeoPackage is an SQLite file; its geometries are "GP" headers followed by WKB, which are decoded
here with numpy (no GDAL needed). Speeds come from a speed attribute (OSM `maxspeed`-style text such
as "40", "['30', '10']" or "30 mph") or, failing that, from the road class (`highway`) with editable
default speeds; classes without a speed are left out of a car network (footways, cycleways...) and
counted in the report. `oneway` values yes/true/1 mean the drawn direction only, -1 against it.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.analysis.road_network import DEFAULT_CLASS_SPEEDS, RoadNetwork
from desktop.analysis.road_projection import to_tm35
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import NullProgress, Progress

SPEED_COLUMNS = ("maxspeed", "speed", "nopeus", "speed_kmh", "nopeusraj", "max_speed")
CLASS_COLUMNS = ("highway", "class", "road_class", "luokka", "toiminnall", "fclass")
ONEWAY_COLUMNS = ("oneway", "one_way", "yksisuunt")
MODE_SPEEDS = {"walk": 5.0, "bike": 15.0}  # uniform speeds of the non-car modes (km/h)
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _wkb_lines(blob: bytes, offset: int = 0) -> tuple[list[np.ndarray], int]:
    """LineStrings of a (Multi)LineString WKB at `offset`; returns (lines, end offset)."""
    order = "<" if blob[offset] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", blob, offset + 1)
    offset += 5
    has_z = bool(gtype & 0x80000000) or (gtype % 10000) // 1000 in (1, 3)
    has_m = bool(gtype & 0x40000000) or (gtype % 10000) // 1000 in (2, 3)
    if gtype & 0x20000000:  # EWKB with an SRID
        offset += 4
    base = (gtype & 0x0FFFFFFF) % 1000
    dims = 2 + has_z + has_m
    if base == 2:
        (n,) = struct.unpack_from(order + "I", blob, offset)
        offset += 4
        coords = np.frombuffer(blob, dtype=np.dtype("f8").newbyteorder(order), count=n * dims, offset=offset)
        offset += 8 * n * dims
        return [coords.reshape(n, dims)[:, :2].astype(np.float64)], offset
    if base in (5, 7):  # MultiLineString or a collection of lines
        (n,) = struct.unpack_from(order + "I", blob, offset)
        offset += 4
        lines: list[np.ndarray] = []
        for _ in range(n):
            part, offset = _wkb_lines(blob, offset)
            lines.extend(part)
        return lines, offset
    raise UserError(t(f"Tieverkon geometria ei ole viiva (WKB-tyyppi {gtype}).",
                      f"A road geometry is not a line (WKB type {gtype})."))


def gpkg_geometry_lines(blob: bytes) -> list[np.ndarray]:
    """The line parts of one GeoPackage geometry blob ("GP" header + WKB)."""
    if blob is None or len(blob) < 8:
        return []
    if blob[:2] != b"GP":
        return _wkb_lines(bytes(blob))[0]
    flags = blob[3]
    empty = (flags >> 4) & 1
    if empty:
        return []
    envelope = _ENVELOPE_BYTES.get((flags >> 1) & 7, 0)
    return _wkb_lines(bytes(blob), 8 + envelope)[0]


def read_line_layer(path: str | Path, layer: str | None = None, progress: Progress | None = None
                    ) -> tuple[list[np.ndarray], pd.DataFrame, int | None, str]:
    """Lines (EPSG:3067 metres) and attributes of a GeoPackage line layer; one attribute row per line
    part. Returns (lines, attributes, srs_id, layer name)."""
    path = Path(path)
    progress = progress or NullProgress()
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        layers = con.execute(
            "SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id FROM gpkg_contents c "
            "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise UserError(t(f"{path.name} ei ole GeoPackage-tiedosto ({exc}).",
                          f"{path.name} is not a GeoPackage file ({exc}).")) from exc
    try:
        lines_layers = [r for r in layers if "LINE" in str(r[2]).upper() or str(r[2]).upper() == "GEOMETRY"]
        if layer is not None:
            chosen = [r for r in layers if r[0] == layer]
            if not chosen:
                raise UserError(t(f"Tasoa '{layer}' ei ole tiedostossa {path.name}. Tasot: {', '.join(r[0] for r in layers)}.",
                                  f"No layer '{layer}' in {path.name}. Layers: {', '.join(r[0] for r in layers)}."))
        else:
            chosen = lines_layers
            if not chosen:
                raise UserError(t(f"Tiedostossa {path.name} ei ole viivatasoa.", f"{path.name} has no line layer."))
        table, geom_col, _gtype, srs_id = chosen[0]
        columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        attr_cols = [c for c in columns if c != geom_col]
        total = con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        cursor = con.execute(f'SELECT "{geom_col}", {", ".join(chr(34) + c + chr(34) for c in attr_cols)} FROM "{table}"')
        lines: list[np.ndarray] = []
        records: list[tuple] = []
        done = 0
        while True:
            rows = cursor.fetchmany(5000)
            if not rows:
                break
            for row in rows:
                for part in gpkg_geometry_lines(row[0]):
                    if len(part) >= 2:
                        lines.append(part)
                        records.append(row[1:])
            done += len(rows)
            progress.report(done, max(total, 1), t("Luetaan tieverkkoa", "Reading the road network"))
    finally:
        con.close()
    if lines:
        counts = [len(p) for p in lines]
        xy = np.concatenate(lines)
        x, y = to_tm35(xy[:, 0], xy[:, 1], srs_id)
        split = np.cumsum(counts)[:-1]
        lines = [np.column_stack(p) for p in zip(np.split(x, split), np.split(y, split), strict=True)]
    return lines, pd.DataFrame.from_records(records, columns=attr_cols), srs_id, table


def parse_speed(value) -> float:
    """km/h from an OSM-style speed text ("40", "['30', '10']" -> 30, "30 mph"); NaN when none."""
    if value is None:
        return np.nan
    if isinstance(value, int | float | np.number):
        return float(value) if value > 0 else np.nan
    text = str(value)
    numbers = re.findall(r"\d+(?:[.,]\d+)?", text)
    if not numbers:
        return np.nan
    speed = float(numbers[0].replace(",", "."))
    return speed * 1.609344 if "mph" in text.lower() else speed


def _first_class(value) -> str:
    text = str(value or "")
    found = re.findall(r"[A-Za-z_]+", text)
    return found[0].lower() if found else ""


def _oneway(value) -> int:
    text = str(value).strip().lower()
    if text in ("1", "yes", "true", "y", "kyllä", "1.0"):
        return 1
    if text in ("-1", "-1.0", "reverse"):
        return -1
    return 0


def _map_distinct(values: pd.Series, fn) -> np.ndarray:
    """fn applied once per distinct value (road attributes repeat a lot), as an array in row order."""
    codes, uniques = pd.factorize(values.astype(object).where(values.notna(), None), use_na_sentinel=False)
    return np.asarray([fn(u) for u in uniques])[codes] if len(uniques) else np.empty(0)


def _pick(columns, wanted) -> str | None:
    lower = {c.lower(): c for c in columns}
    for w in wanted:
        if w in lower:
            return lower[w]
    return None


def network_from_lines(lines: list[np.ndarray], attrs: pd.DataFrame, mode: str = "car",
                       class_speeds: dict[str, float] | None = None, speed_column: str | None = None
                       ) -> tuple[RoadNetwork, dict]:
    """A routable network from lines and their attributes, with a report of what was used."""
    report: dict = {"lines": len(lines), "mode": mode}
    if mode in MODE_SPEEDS:
        speeds = np.full(len(lines), MODE_SPEEDS[mode])
        keep = np.ones(len(lines), dtype=bool)
        oneway = None
    else:
        classes = class_speeds or DEFAULT_CLASS_SPEEDS
        speed_col = speed_column or _pick(attrs.columns, SPEED_COLUMNS)
        class_col = _pick(attrs.columns, CLASS_COLUMNS)
        given = _map_distinct(attrs[speed_col], parse_speed).astype(float) if speed_col else np.full(len(lines), np.nan)
        if class_col:
            cls = pd.Series(_map_distinct(attrs[class_col], _first_class), index=attrs.index)
            by_class = _map_distinct(cls, lambda c: classes.get(c, np.nan)).astype(float)
            keep = ~np.isnan(by_class)
            report["left_out_by_class"] = {str(k): int(v) for k, v in cls[~keep].value_counts().items()}
        else:
            by_class = np.full(len(lines), np.nan)
            keep = np.ones(len(lines), dtype=bool)
        speeds = np.where(np.isnan(given), by_class, given)
        from desktop.analysis.road_network import DEFAULT_SPEED_KMH

        report["speed_from_attribute"] = int(np.count_nonzero(~np.isnan(given) & keep))
        speeds = np.where(np.isnan(speeds), DEFAULT_SPEED_KMH, speeds)
        ow_col = _pick(attrs.columns, ONEWAY_COLUMNS)
        oneway = _map_distinct(attrs[ow_col], _oneway).astype(np.int8) if ow_col else None
        report["speed_column"] = speed_col
        report["class_column"] = class_col
        report["oneway_column"] = ow_col
    idx = np.flatnonzero(keep)
    if not len(idx):
        raise UserError(t("Tieverkosta ei jäänyt yhtään ajettavaa viivaa.", "No drivable line was left in the road network."))
    if "node_ids" in attrs.columns:
        column = attrs["node_ids"].to_numpy()
        ids = [column[i] for i in idx]
    else:
        ids = None
    network = RoadNetwork.from_lines([lines[i] for i in idx], speeds[idx], None if oneway is None else oneway[idx],
                                     vertex_ids=ids)
    report.update({"used_lines": int(len(idx)), "nodes": network.n_nodes, "edges": network.n_edges})
    return network, report


def read_road_network(path: str | Path, layer: str | None = None, mode: str = "car",
                      class_speeds: dict[str, float] | None = None, progress: Progress | None = None
                      ) -> tuple[RoadNetwork, dict]:
    """A road network from a GeoPackage line layer or an .osm.pbf extract (needs `osmium`)."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".pbf") or name.endswith(".osm"):
        from desktop.analysis.road_osm import read_osm_lines

        lines, attrs = read_osm_lines(path, progress=progress)
        network, report = network_from_lines(lines, attrs, mode, class_speeds)
        report["file"] = path.name
        return network, report
    lines, attrs, srs_id, table = read_line_layer(path, layer, progress)
    network, report = network_from_lines(lines, attrs, mode, class_speeds)
    report.update({"file": path.name, "layer": table, "srs_id": srs_id})
    return network, report
