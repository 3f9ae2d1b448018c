"""Coordinates to EPSG:3067 (ETRS-TM35FIN, metres), the plane the app works in.

Transverse Mercator after Krüger's series (Karney 2011, terms to n^4: well under a millimetre in
Finland) on the GRS80 ellipsoid (WGS84 differs by 0.1 mm in the semi-minor axis). Known systems:
EPSG:4326/4258 lon/lat, EPSG:3067, the Finnish GK zones EPSG:3873..3885 (GK19..GK31, e.g. Helsinki's
3879), ETRS89 TM zones 3046..3048, and UTM north zones EPSG:32601..32660 / 25801..25860.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.errors import UserError
from desktop.core.lang import t

A_AXIS = 6378137.0
FLATTENING = 1 / 298.257222101
_N = FLATTENING / (2 - FLATTENING)
_A = A_AXIS / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_ALPHA = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16 + 41 * _N**4 / 180,
    13 * _N**2 / 48 - 3 * _N**3 / 5 + 557 * _N**4 / 1440,
    61 * _N**3 / 240 - 103 * _N**4 / 140,
    49561 * _N**4 / 161280,
)
_BETA = (
    _N / 2 - 2 * _N**2 / 3 + 37 * _N**3 / 96 - _N**4 / 360,
    _N**2 / 48 + _N**3 / 15 - 437 * _N**4 / 1440,
    17 * _N**3 / 480 - 37 * _N**4 / 840,
    4397 * _N**4 / 161280,
)
_DELTA = (
    2 * _N - 2 * _N**2 / 3 - 2 * _N**3 + 116 * _N**4 / 45,
    7 * _N**2 / 3 - 8 * _N**3 / 5 - 227 * _N**4 / 45,
    56 * _N**3 / 15 - 136 * _N**4 / 35,
    4279 * _N**4 / 630,
)
_E = 2 * np.sqrt(_N) / (1 + _N)  # first eccentricity


@dataclass(frozen=True)
class TransverseMercator:
    central_meridian: float  # degrees
    scale: float
    false_easting: float
    false_northing: float = 0.0

    def forward(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Degrees -> metres."""
        phi = np.radians(np.asarray(lat, dtype=np.float64))
        lam = np.radians(np.asarray(lon, dtype=np.float64) - self.central_meridian)
        s = np.sin(phi)
        tau = np.sinh(np.arctanh(s) - _E * np.arctanh(_E * s))
        xi_p = np.arctan2(tau, np.cos(lam))
        eta_p = np.arctanh(np.sin(lam) / np.sqrt(1 + tau**2))
        xi, eta = xi_p.copy(), eta_p.copy()
        for j, a in enumerate(_ALPHA, start=1):
            xi += a * np.sin(2 * j * xi_p) * np.cosh(2 * j * eta_p)
            eta += a * np.cos(2 * j * xi_p) * np.sinh(2 * j * eta_p)
        return self.false_easting + self.scale * _A * eta, self.false_northing + self.scale * _A * xi

    def inverse(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Metres -> degrees (lon, lat)."""
        xi = (np.asarray(y, dtype=np.float64) - self.false_northing) / (self.scale * _A)
        eta = (np.asarray(x, dtype=np.float64) - self.false_easting) / (self.scale * _A)
        xi_p, eta_p = xi.copy(), eta.copy()
        for j, b in enumerate(_BETA, start=1):
            xi_p -= b * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
            eta_p -= b * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
        chi = np.arcsin(np.sin(xi_p) / np.cosh(eta_p))
        phi = chi.copy()
        for j, d in enumerate(_DELTA, start=1):
            phi += d * np.sin(2 * j * chi)
        lam = np.arctan2(np.sinh(eta_p), np.cos(xi_p))
        return self.central_meridian + np.degrees(lam), np.degrees(phi)


TM35FIN = TransverseMercator(27.0, 0.9996, 500000.0)


def projection_of(epsg: int) -> TransverseMercator | None:
    """The Transverse Mercator of a known EPSG code; None for lon/lat systems (4326, 4258)."""
    if epsg in (4326, 4258, 4167):
        return None
    if epsg == 3067:
        return TM35FIN
    if 3873 <= epsg <= 3885:  # ETRS-GK19..GK31
        zone = 19 + (epsg - 3873)
        return TransverseMercator(float(zone), 1.0, zone * 1_000_000 + 500000.0)
    if 3046 <= epsg <= 3048:  # ETRS-TM34..36
        return TransverseMercator(21.0 + 6 * (epsg - 3046), 0.9996, 500000.0)
    for base in (32600, 25800):  # UTM north on WGS84 / ETRS89
        if base + 1 <= epsg <= base + 60:
            zone = epsg - base
            return TransverseMercator(-183.0 + 6 * zone, 0.9996, 500000.0)
    raise UserError(
        t(
            f"Koordinaatistoa EPSG:{epsg} ei tueta. Tuetut: EPSG:3067 (ETRS-TM35FIN), EPSG:4326 (WGS84), "
            "GK19-GK31 (EPSG:3873-3885) ja UTM-vyöhykkeet. Muunna aineisto esim. QGIS:llä EPSG:3067:ään.",
            f"Coordinate system EPSG:{epsg} is not supported. Supported: EPSG:3067 (ETRS-TM35FIN), EPSG:4326 "
            "(WGS84), GK19-GK31 (EPSG:3873-3885) and UTM zones. Convert the data to EPSG:3067, e.g. in QGIS.",
        )
    )


def to_tm35fin(x: np.ndarray, y: np.ndarray, epsg: int) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates in `epsg` (x = easting or longitude) to EPSG:3067 metres."""
    if epsg == 3067:
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    proj = projection_of(epsg)
    if proj is None:
        return TM35FIN.forward(x, y)
    lon, lat = proj.inverse(x, y)
    return TM35FIN.forward(lon, lat)


def lonlat_to_tm35fin(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return TM35FIN.forward(lon, lat)
