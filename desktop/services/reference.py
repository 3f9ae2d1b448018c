"""Reference data of the county shipped in resources/reference/: the 22 Keski-Suomi municipalities
(codes, names, centre coordinates, population) and the national unit costs of 2024.

Also the ETRS-TM35FIN (EPSG:3067) map projection of WGS84/ETRS89 latitude and longitude, written out
with the Krüger series of the transverse Mercator projection (as in the JHS 197 recommendation), so
that no projection library is needed.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sqlalchemy import delete, insert

from desktop.paths import resources_dir
from desktop.store import Store
from desktop.store.tables.imports import municipality

MUNICIPALITIES_FILE = "keski_suomi_municipalities.csv"
UNIT_COSTS_FILE = "national_unit_costs_2024.csv"

# GRS80 ellipsoid and the ETRS-TM35FIN projection (UTM zone 35 on ETRS89)
_A = 6378137.0
_F = 1 / 298.257222101
_K0 = 0.9996
_LON0 = math.radians(27.0)
_E0 = 500000.0
_N = _F / (2 - _F)
_A1 = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)  # radius of the rectifying sphere
_E = math.sqrt(_F * (2 - _F))  # first eccentricity
_ALPHA = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16 + 41 * _N**4 / 180,
    13 * _N**2 / 48 - 3 * _N**3 / 5 + 557 * _N**4 / 1440,
    61 * _N**3 / 240 - 103 * _N**4 / 140,
    49561 * _N**4 / 161280,
)


def etrs_tm35fin(lat, lon):
    """Project latitude/longitude in degrees (ETRS89 ~ WGS84) to ETRS-TM35FIN metres.

    Accepts scalars or arrays; returns `(x, y)` = (easting, northing) in metres, EPSG:3067.
    Accurate to well under a millimetre inside Finland (Krüger series to the 4th order in n).
    """
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    lam = np.radians(np.asarray(lon, dtype=np.float64)) - _LON0
    # conformal latitude
    t = np.sinh(np.arctanh(np.sin(phi)) - _E * np.arctanh(_E * np.sin(phi)))
    xi = np.arctan2(t, np.cos(lam))
    eta = np.arctanh(np.sin(lam) / np.sqrt(1 + t * t))
    x_sum = eta.copy()
    y_sum = xi.copy()
    for j, alpha in enumerate(_ALPHA, start=1):
        x_sum = x_sum + alpha * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
        y_sum = y_sum + alpha * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
    x = _E0 + _K0 * _A1 * x_sum
    y = _K0 * _A1 * y_sum
    if np.ndim(x) == 0:
        return float(x), float(y)
    return x, y


@dataclass(frozen=True)
class Municipality:
    """One municipality of the county: code, names, centre (degrees and EPSG:3067 metres), residents."""

    code: str
    name: str
    kind: str  # 'kaupunki' town or 'kunta'
    subregion: str  # seutukunta
    centre_name: str
    lat: float
    lon: float
    x: float
    y: float
    population: int  # vakiluku used for 2023 (Statistics Finland, end of 2022)
    land_km2: float


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """The 22 municipalities of Keski-Suomi from resources/reference, in code order."""
    path = resources_dir() / "reference" / MUNICIPALITIES_FILE
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        x, y = etrs_tm35fin(lat, lon)
        out.append(
            Municipality(
                code=r["kuntakoodi"].zfill(3),
                name=r["kunta"],
                kind=r["kaupunki_vai_kunta"],
                subregion=r["seutukunta"],
                centre_name=r["kuntakeskus"],
                lat=lat,
                lon=lon,
                x=round(x, 1),
                y=round(y, 1),
                population=int(r["vakiluku_fiwiki_2023_01"]),
                land_km2=float(r["maa_ala_km2"]),
            )
        )
    return tuple(sorted(out, key=lambda m: m.code))


@lru_cache(maxsize=1)
def national_unit_costs() -> dict[str, tuple[str, float]]:
    """National average unit costs 2024: service row name -> (unit, euros)."""
    path = resources_dir() / "reference" / UNIT_COSTS_FILE
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["service_aura_name"]: (r["unit"], float(r["eur_2024"])) for r in csv.DictReader(fh)}


def install_defaults(store: Store) -> None:
    """Load the county's municipalities into the store (replacing any earlier list)."""
    rows = [
        {
            "code": m.code,
            "name": m.name,
            "name_sv": None,
            "centre_name": m.centre_name,
            "lat": m.lat,
            "lon": m.lon,
            "x": m.x,
            "y": m.y,
            "population": m.population,
        }
        for m in municipalities()
    ]
    with store.transaction() as conn:
        conn.execute(delete(municipality))
        conn.execute(insert(municipality), rows)
