"""Municipal borders and the region's outline shipped in resources/reference/ (National Land Survey of
Finland 2023, 1:4,500,000, CC BY 4.0; see SOURCE.txt), projected to ETRS-TM35FIN metres (EPSG:3067).
Read once and kept; works offline.

A border is a list of polygons, each an outer ring followed by its holes (arrays of x, y metres).
`owner_of` tells which municipality a point lies in (even-odd rule, holes excluded)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from desktop.paths import resources_dir
from desktop.services.reference import etrs_tm35fin

BORDERS_FILE = "keski_suomi_borders_2023.geojson"
ATTRIBUTION = ("Kuntarajat: Maanmittauslaitos 2023 (CC BY 4.0)", "Borders: National Land Survey of Finland 2023 (CC BY 4.0)")


@dataclass(frozen=True)
class Border:
    """One municipality or the region: code, Finnish name and polygons (outer ring, then holes), each
    ring an (n, 2) array of EPSG:3067 metres."""

    code: str
    name: str
    polygons: tuple[tuple[np.ndarray, ...], ...]

    def rings(self) -> list[np.ndarray]:
        return [ring for polygon in self.polygons for ring in polygon]

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Mask of the points (metres) inside the border (a point in a hole is outside)."""
        from matplotlib.path import Path

        points = np.column_stack([np.asarray(x, float).ravel(), np.asarray(y, float).ravel()])
        inside = np.zeros(len(points), dtype=bool)
        for polygon in self.polygons:
            here = Path(polygon[0]).contains_points(points)
            for hole in polygon[1:]:
                here &= ~Path(hole).contains_points(points)
            inside |= here
        return inside

    def bounds(self) -> tuple[float, float, float, float]:
        xy = np.vstack(self.rings())
        return float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())


@dataclass(frozen=True)
class CountyBorders:
    municipalities: dict[str, Border]
    region: Border | None

    def for_codes(self, codes) -> CountyBorders:
        """Only the municipalities among `codes` (a project of another county gets none, and no outline)."""
        wanted = {str(c) for c in codes}
        kept = {c: b for c, b in self.municipalities.items() if c in wanted}
        return CountyBorders(kept, self.region if kept else None)

    def around(self, x, y) -> CountyBorders:
        """Only the municipalities whose border box overlaps the box of the points (metres): borders
        far from a project's grid (e.g. other coordinates) would only shrink its map to a dot."""
        x, y = np.asarray(x, float), np.asarray(y, float)
        if not len(x):
            return CountyBorders({}, None)
        x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
        kept = {}
        for code, border in self.municipalities.items():
            bx0, by0, bx1, by1 = border.bounds()
            if bx0 <= x1 and x0 <= bx1 and by0 <= y1 and y0 <= by1:
                kept[code] = border
        return CountyBorders(kept, self.region if kept else None)

    def owner_index(self, x, y, codes: list[str]) -> np.ndarray:
        """Position in `codes` of the municipality each point (metres) lies in; -1 outside all of them."""
        x, y = np.asarray(x, float).ravel(), np.asarray(y, float).ravel()
        out = np.full(len(x), -1, dtype=np.int64)
        for i, code in enumerate(codes):
            border = self.municipalities.get(code)
            free = np.flatnonzero(out < 0)
            if border is not None and len(free):
                out[free[border.contains(x[free], y[free])]] = i
        return out

    def owner_of(self, x, y) -> np.ndarray:
        """The code of the municipality each point (metres) lies in; '' outside every one."""
        codes = list(self.municipalities)
        index = self.owner_index(x, y, codes)
        return np.where(index >= 0, np.array(codes + [""], dtype=object)[index], "")


def _polygons(geometry: dict) -> tuple[tuple[np.ndarray, ...], ...]:
    parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    polygons = []
    for polygon in parts:
        rings = []
        for ring in polygon:
            lonlat = np.asarray(ring, dtype=np.float64)
            x, y = etrs_tm35fin(lonlat[:, 1], lonlat[:, 0])
            rings.append(np.column_stack([x, y]))
        polygons.append(tuple(rings))
    return tuple(polygons)


@lru_cache(maxsize=1)
def county_borders() -> CountyBorders:
    """The 22 Keski-Suomi municipalities and the region outline, in EPSG:3067 metres."""
    data = json.loads((resources_dir() / "reference" / BORDERS_FILE).read_text(encoding="utf-8"))
    municipalities: dict[str, Border] = {}
    region = None
    for feature in data["features"]:
        p = feature["properties"]
        border = Border(p["code"], p["name"], _polygons(feature["geometry"]))
        if p["kind"] == "region":
            region = border
        else:
            municipalities[p["code"]] = border
    return CountyBorders(municipalities, region)
