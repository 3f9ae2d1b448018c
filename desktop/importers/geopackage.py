"""Reading a GeoPackage (.gpkg) layer of points or polygons: the attribute columns as text, and the
geometry as x/y in EPSG:3067 (a point, or a polygon's area centroid). Read with sqlite3 only:
GeoPackage binary header + little/big-endian WKB (Point, Polygon, MultiPoint, MultiPolygon, with
optional Z/M)."""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Iterator

import numpy as np
import pandas as pd

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import Progress
from desktop.importers.projection import to_tm35fin
from desktop.importers.source import Chunk, TableSource, as_progress, unique_headers

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
CHUNK_ROWS = 100_000


def _wkb_points(data: bytes, offset: int) -> tuple[list[np.ndarray], int, int]:
    """Parse one WKB geometry at `offset`. Returns (rings or point arrays of (n, 2)), geometry type
    (1 point, 3 polygon ...), offset after it."""
    order = "<" if data[offset] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", data, offset + 1)
    offset += 5
    dims = 2
    base = gtype
    if gtype > 1000:  # ISO WKB Z/M/ZM
        dims = 2 + (gtype // 1000 in (1, 2)) + 2 * (gtype // 1000 == 3)
        base = gtype % 1000
    if gtype & 0x80000000 or gtype & 0x40000000:  # EWKB-style flags
        dims = 2 + bool(gtype & 0x80000000) + bool(gtype & 0x40000000)
        base = gtype & 0xFFFF
    if base == 1:
        xy = np.frombuffer(data, dtype=order + "f8", count=dims, offset=offset)[:2].reshape(1, 2)
        return [xy], 1, offset + 8 * dims
    if base == 3:
        (nrings,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        rings = []
        for _ in range(nrings):
            (npts,) = struct.unpack_from(order + "I", data, offset)
            offset += 4
            pts = np.frombuffer(data, dtype=order + "f8", count=npts * dims, offset=offset).reshape(npts, dims)[:, :2]
            rings.append(pts)
            offset += 8 * dims * npts
        return rings, 3, offset
    if base in (4, 6):  # multipoint, multipolygon: parts one after the other
        (nparts,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        parts = []
        for _ in range(nparts):
            sub, _kind, offset = _wkb_points(data, offset)
            parts.append(sub)
        if base == 4:
            return [np.vstack([p[0] for p in parts])], 4, offset
        return [ring for part in parts for ring in part[:1]], 6, offset  # outer rings
    raise ValueError(f"geometry type {gtype}")


def _centroid(rings: list[np.ndarray], kind: int) -> tuple[float, float]:
    if kind == 1:
        return float(rings[0][0, 0]), float(rings[0][0, 1])
    if kind == 4:
        return float(rings[0][:, 0].mean()), float(rings[0][:, 1].mean())
    total_a = cx = cy = 0.0
    for ring in rings if kind == 6 else rings[:1]:  # outer ring(s); holes are ignored
        x, y = ring[:, 0], ring[:, 1]
        x0, y0 = x.mean(), y.mean()  # shift for numerical stability with metre coordinates
        xs, ys = x - x0, y - y0
        cross = xs[:-1] * ys[1:] - xs[1:] * ys[:-1]
        area = cross.sum() / 2
        if area == 0:
            continue
        total_a += area
        cx += ((xs[:-1] + xs[1:]) * cross).sum() / 6 + x0 * area
        cy += ((ys[:-1] + ys[1:]) * cross).sum() / 6 + y0 * area
    if total_a == 0:
        ring = rings[0]
        return float(ring[:, 0].mean()), float(ring[:, 1].mean())
    return cx / total_a, cy / total_a


def geometry_xy(blob: bytes | None) -> tuple[float, float]:
    """x, y of a GeoPackage geometry blob (point, or area centroid); NaN for empty/None."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return np.nan, np.nan
    flags = blob[3]
    if flags & 0b10000:  # empty geometry
        return np.nan, np.nan
    envelope = _ENVELOPE_BYTES.get((flags >> 1) & 0b111, 0)
    rings, kind, _ = _wkb_points(blob, 8 + envelope)
    return _centroid(rings, kind)


class GeoPackageSource(TableSource):
    format_name = "gpkg"

    def __init__(self, path: str | os.PathLike, layer: str | None = None):
        self._open_file(path)
        try:
            # read-only; opened by the dialog's worker, read by the preview and the import thread in turn
            self._con = sqlite3.connect(f"file:{self.path.as_posix()}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            rows = self._con.execute(
                "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
                "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise UserError(
                t(
                    f"{self.file_name} ei ole luettava GeoPackage-tiedosto ({exc}).",
                    f"{self.file_name} is not a readable GeoPackage file ({exc}).",
                )
            ) from exc
        if not rows:
            raise UserError(t(f"{self.file_name}: GeoPackagessa ei ole kohdetasoja.", f"{self.file_name}: no feature layers."))
        self.layer_names = [r[0] for r in rows]
        chosen = rows[0] if layer is None else next((r for r in rows if r[0] == layer), None)
        if layer is None:  # prefer a point or polygon layer
            for r in rows:
                gtype = self._con.execute(
                    "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name=?", (r[0],)
                ).fetchone()[0]
                if gtype.upper() in ("POINT", "POLYGON", "MULTIPOINT", "MULTIPOLYGON"):
                    chosen = r
                    break
        if chosen is None:
            raise UserError(
                t(
                    f"{self.file_name}: tasoa '{layer}' ei ole. Tasot: {', '.join(self.layer_names)}.",
                    f"{self.file_name}: no layer '{layer}'. Layers: {', '.join(self.layer_names)}.",
                )
            )
        self.layer, self._geom, srs = chosen
        org = self._con.execute(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id=?", (srs,)
        ).fetchone()
        self.epsg = int(org[1]) if org and str(org[0]).upper() == "EPSG" else int(srs)
        to_tm35fin(np.zeros(1), np.zeros(1), self.epsg) if self.epsg != 3067 else None  # unsupported: clear error now
        info = self._con.execute(f'PRAGMA table_info("{self.layer}")').fetchall()
        self._columns = [r[1] for r in info if r[1] != self._geom]
        # the geometry's x/y (EPSG:3067) own the names 'x' and 'y'; attribute columns of those names yield
        renamed = [f"{c}_attribuutti" if c.strip().lower() in ("x", "y") else c for c in self._columns]
        self.headers = unique_headers([*renamed, "x", "y"])
        self._count = self._con.execute(f'SELECT COUNT(*) FROM "{self.layer}"').fetchone()[0]
        if self.epsg != 3067:
            self.warnings.append(
                t(
                    f"Koordinaatit muunnettiin koordinaatistosta EPSG:{self.epsg} EPSG:3067:ään.",
                    f"Coordinates were transformed from EPSG:{self.epsg} to EPSG:3067.",
                )
            )

    def describe(self) -> dict:
        return {"format": self.format_name, "layer": self.layer, "epsg": self.epsg}

    def _read(self, limit: int | None = None, offset: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
        cols = ", ".join(f'"{c}"' for c in self._columns)
        sql = f'SELECT rowid, {cols}{", " if cols else ""}"{self._geom}" FROM "{self.layer}" ORDER BY rowid'
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = self._con.execute(sql).fetchall()
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        xs = np.empty(len(rows))
        ys = np.empty(len(rows))
        for i, r in enumerate(rows):
            try:
                xs[i], ys[i] = geometry_xy(r[-1])
            except (ValueError, struct.error, IndexError):
                xs[i] = ys[i] = np.nan
        xs, ys = to_tm35fin(xs, ys, self.epsg)
        data = {}
        for j, name in enumerate(self.headers[: len(self._columns)]):
            data[name] = pd.Series(["" if r[j + 1] is None else _text(r[j + 1]) for r in rows], dtype=object)
        data[self.headers[-2]] = pd.Series(xs)
        data[self.headers[-1]] = pd.Series(ys)
        return pd.DataFrame(data), ids

    def preview(self, rows: int = 50) -> pd.DataFrame:
        return self._read(limit=rows)[0]

    def chunks(self, progress: Progress | None = None, float_columns: tuple[str, ...] = (),
               category_columns: tuple[str, ...] = (), bytes_columns: tuple[str, ...] = ()) -> Iterator[Chunk]:
        progress = as_progress(progress)
        for start in range(0, max(self._count, 1), CHUNK_ROWS):
            frame, ids = self._read(limit=CHUNK_ROWS, offset=start)
            progress.report(min(start + CHUNK_ROWS, self._count), max(self._count, 1), t("Luetaan tasoa", "Reading the layer"))
            # the feature id stands for the line number
            yield Chunk(frame=frame, lines=ids)

    def close(self) -> None:
        self._con.close()


def _text(value) -> str:
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) > 1e15 else str(int(value))
    if isinstance(value, bytes):
        return ""
    return str(value)
