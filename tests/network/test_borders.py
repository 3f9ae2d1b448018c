"""The shipped municipal borders (National Land Survey 2023): projected right, one per municipality,
and the demo grid lies inside them."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from desktop.paths import resources_dir
from desktop.services.borders import county_borders
from desktop.services.reference import municipalities


def polygon_area_km2(border) -> float:
    def ring(r):
        x, y = r[:, 0], r[:, 1]
        return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))

    return sum(ring(p[0]) - sum(ring(h) for h in p[1:]) for p in border.polygons) / 1e6


def test_every_municipality_has_its_border_and_area():
    borders = county_borders()
    ms = municipalities()
    assert set(borders.municipalities) == {m.code for m in ms}
    with open(resources_dir() / "reference" / "keski_suomi_municipalities.csv", encoding="utf-8") as f:
        total_km2 = {r["kuntakoodi"]: float(r["pinta_ala_km2"]) for r in csv.DictReader(f)}
    for m in ms:
        border = borders.municipalities[m.code]
        # a 1:4.5 M generalisation: within 12 % of the official total area (land and fresh water;
        # Petäjävesi, the worst, is 10 % under)
        assert polygon_area_km2(border) == pytest.approx(total_km2[m.code], rel=0.12), m.name
        # the centre lies in its own municipality and in the region
        assert borders.owner_of([m.x], [m.y])[0] == m.code
        assert borders.region.contains([m.x], [m.y])[0]
    # Keski-Suomi is about 19,950 km2 with its lakes
    assert polygon_area_km2(borders.region) == pytest.approx(19_950, rel=0.06)
    # a point in Helsinki is in none of them
    assert borders.owner_of([385_000.0], [6_672_000.0])[0] == ""
    assert not borders.region.contains([385_000.0], [6_672_000.0])[0]


def test_borders_for_another_county_are_empty():
    borders = county_borders()
    assert borders.for_codes(["091"]).municipalities == {} and borders.for_codes(["091"]).region is None
    two = borders.for_codes(["179", "500"])
    assert set(two.municipalities) == {"179", "500"} and two.region is not None


def test_demo_grid_cells_lie_in_their_municipality():
    from desktop.demo.geography import build_grid
    from desktop.demo.population import LAST_ACTUAL_YEAR, build_population

    grid = build_grid(build_population(), LAST_ACTUAL_YEAR)
    assert (county_borders().owner_of(grid.x, grid.y) == grid.municipality).all()


def test_borders_around_a_grid():
    borders = county_borders()
    # a grid of a few cells in Jyväskylä's centre: Jyväskylä's border box holds it, Kinnula's does not
    near = borders.around([435_000.0, 436_000.0], [6_900_000.0, 6_901_000.0])
    assert "179" in near.municipalities and "256" not in near.municipalities and near.region is not None
    # a hand-made grid around (0, 0) gets no borders at all
    far = borders.around([0.0, 5000.0], [0.0, 0.0])
    assert far.municipalities == {} and far.region is None
