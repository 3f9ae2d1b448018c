"""Coordinates for the road network: WGS84 longitude/latitude to ETRS-TM35FIN (EPSG:3067) metres.

Transverse Mercator on GRS80 with the Krüger series of the Finnish JHS 154 recommendation (central
meridian 27° E, scale 0.9996, false easting 500 000 m); millimetre-accurate within Finland. The
UTM zone 35N systems (EPSG:25835 ETRS89, EPSG:32635 WGS84) use the same parameters, so their
coordinates are taken as they are (WGS84 and ETRS89 differ by well under a metre for this purpose).
"""

from __future__ import annotations

import numpy as np

from desktop.core.errors import UserError
from desktop.core.lang import t

TM35_SRS = {3067, 25835, 32635, 3047, 3386}  # all: TM on zone 35 parameters
LONLAT_SRS = {4326, 4258, 4937, 4979}

_A = 6378137.0
_F = 1 / 298.257222101
_K0 = 0.9996
_LON0 = np.radians(27.0)
_E0 = 500000.0


def lonlat_to_tm35(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Degrees (WGS84/ETRS89) -> metres in ETRS-TM35FIN."""
    lon = np.radians(np.asarray(lon, dtype=np.float64))
    lat = np.radians(np.asarray(lat, dtype=np.float64))
    n = _F / (2 - _F)
    a1 = _A / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    e = np.sqrt(_F * (2 - _F))
    h = [n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16 + 41 * n**4 / 180,
         13 * n**2 / 48 - 3 * n**3 / 5 + 557 * n**4 / 1440,
         61 * n**3 / 240 - 103 * n**4 / 140,
         49561 * n**4 / 161280]
    q = np.arcsinh(np.tan(lat)) - e * np.arctanh(e * np.sin(lat))
    beta = np.arctan(np.sinh(q))
    eta0 = np.arctanh(np.cos(beta) * np.sin(lon - _LON0))
    xi0 = np.arcsin(np.sin(beta) * np.cosh(eta0))
    xi, eta = xi0.copy(), eta0.copy()
    for i, hi in enumerate(h, start=1):
        xi += hi * np.sin(2 * i * xi0) * np.cosh(2 * i * eta0)
        eta += hi * np.cos(2 * i * xi0) * np.sinh(2 * i * eta0)
    return a1 * eta * _K0 + _E0, a1 * xi * _K0


def to_tm35(x, y, srs_id: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates of a layer in `srs_id` as EPSG:3067 metres (or a UserError naming the system)."""
    if srs_id in TM35_SRS or srs_id in (None, 0, -1):
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if srs_id in LONLAT_SRS:
        return lonlat_to_tm35(x, y)
    raise UserError(t(
        f"Koordinaatisto EPSG:{srs_id} ei ole tuettu. Muunna aineisto ETRS-TM35FIN-koordinaatistoon (EPSG:3067) "
        "tai WGS84-asteiksi (EPSG:4326).",
        f"Coordinate system EPSG:{srs_id} is not supported. Convert the data to ETRS-TM35FIN (EPSG:3067) "
        "or WGS84 degrees (EPSG:4326).",
    ))
