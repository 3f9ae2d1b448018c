"""ETRS-TM35FIN projection against a published point and an independent formula."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.services.reference import etrs_tm35fin


def snyder_utm35(lat: float, lon: float) -> tuple[float, float]:
    """Transverse Mercator by Snyder's series (USGS Professional Paper 1395, eqs. 8-9..8-10), GRS80."""
    a, f, k0 = 6378137.0, 1 / 298.257222101, 0.9996
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    phi, lam = math.radians(lat), math.radians(lon - 27.0)
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    t = math.tan(phi) ** 2
    c = ep2 * math.cos(phi) ** 2
    aa = lam * math.cos(phi)
    m = a * (
        (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256) * phi
        - (3 * e2 / 8 + 3 * e2**2 / 32 + 45 * e2**3 / 1024) * math.sin(2 * phi)
        + (15 * e2**2 / 256 + 45 * e2**3 / 1024) * math.sin(4 * phi)
        - (35 * e2**3 / 3072) * math.sin(6 * phi)
    )
    x = k0 * n * (aa + (1 - t + c) * aa**3 / 6 + (5 - 18 * t + t * t + 72 * c - 58 * ep2) * aa**5 / 120)
    y = k0 * (
        m
        + n * math.tan(phi) * (
            aa**2 / 2
            + (5 - t + 9 * c + 4 * c * c) * aa**4 / 24
            + (61 - 58 * t + t * t + 600 * c - 330 * ep2) * aa**6 / 720
        )
    )
    return 500000.0 + x, y


def test_published_jhs197_point():
    # JHS 197 appendix 3 example: 60.3851068722 N, 19.84813676944 E -> N 6715706.37708, E 106256.35961
    x, y = etrs_tm35fin(60.3851068722, 19.84813676944)
    assert x == pytest.approx(106256.35961, abs=0.001)
    assert y == pytest.approx(6715706.37708, abs=0.001)


@pytest.mark.parametrize(
    "lat, lon",
    [(62.24147, 25.72088), (63.38333, 25.56667), (61.73333, 26.11667), (62.26667, 24.7), (60.17, 24.94)],
)
def test_agrees_with_snyder_series(lat, lon):
    x, y = etrs_tm35fin(lat, lon)
    sx, sy = snyder_utm35(lat, lon)
    assert x == pytest.approx(sx, abs=0.01)
    assert y == pytest.approx(sy, abs=0.01)


def test_central_meridian_and_arrays():
    x, y = etrs_tm35fin(np.array([62.0, 62.24147]), np.array([27.0, 25.72088]))
    assert x[0] == pytest.approx(500000.0, abs=1e-6)  # the central meridian maps to the false easting
    assert 6_870_000 < y[0] < 6_880_000
    assert (x[1], y[1]) == pytest.approx(etrs_tm35fin(62.24147, 25.72088))
    assert x[1] < 500000.0  # west of 27 E
