"""The demo population: real 2023 municipal totals, a plausible age structure, and the grid."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from sqlalchemy import select

from desktop.demo.geography import CELL_M, build_grid, owner_of
from desktop.demo.population import LAST_ACTUAL_YEAR, YEARS, build_population
from desktop.paths import resources_dir
from desktop.services.reference import install_defaults, municipalities
from desktop.store import Store
from desktop.store.tables import imports as imports_tables


def real_totals() -> dict[str, int]:
    with open(resources_dir() / "reference" / "keski_suomi_municipalities.csv", encoding="utf-8") as fh:
        return {r["kuntakoodi"]: int(r["vakiluku_fiwiki_2023_01"]) for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def population():
    return build_population()


def test_2023_totals_are_the_real_figures(population):
    real = real_totals()
    assert len(real) == 22
    assert population.totals(2023) == real
    assert sum(population.totals(2023).values()) == 272_060


def test_age_structure_is_plausible(population):
    c = population.year(2023)
    by_age = c.sum(axis=(0, 1))
    total = by_age.sum()
    assert 0.175 < by_age[:18].sum() / total < 0.195  # region: about 18.6 % aged 0-17
    assert 0.225 < by_age[65:].sum() / total < 0.255  # about 24 % aged 65+
    assert 0.45 < c[:, 0].sum() / total < 0.52  # men
    share65 = c[:, :, 65:].sum(axis=(1, 2)) / c.sum(axis=(1, 2))
    sizes = np.array([m.population for m in municipalities()])
    small = sizes < 2000
    assert share65[small].mean() > share65[sizes > 15000].mean() + 0.05  # small places are older


def test_later_years_change_a_little(population):
    assert population.years == YEARS
    t23 = np.array(list(population.totals(2023).values()))
    for year in YEARS[1:]:
        prev = np.array(list(population.totals(year - 1).values()))
        now = np.array(list(population.totals(year).values()))
        assert np.all(np.abs(now / prev - 1) < 0.03), year
    t30 = np.array(list(population.totals(2030).values()))
    assert abs(t30.sum() / t23.sum() - 1) < 0.05
    assert (population.counts >= 0).all()


def test_grid_sums_to_municipal_totals(population):
    grid = build_grid(population, LAST_ACTUAL_YEAR)
    totals = population.totals(LAST_ACTUAL_YEAR)
    for code, total in totals.items():
        assert grid.population[grid.municipality == code].sum() == total, code
    assert grid.pop_65plus.sum() == population.year(LAST_ACTUAL_YEAR)[:, :, 65:].sum()
    assert (grid.pop_65plus <= grid.population).all() and (grid.population > 0).all()
    assert len(set(grid.cell_id.tolist())) == len(grid)
    # cell centres on the 1 km lattice, ids from the lower-left corner in km, owned by their municipality
    assert np.all((grid.x - CELL_M / 2) % CELL_M == 0) and np.all((grid.y - CELL_M / 2) % CELL_M == 0)
    i = 0
    assert grid.cell_id[i] == f"1kmN{int(grid.y[i] // 1000)}E{int(grid.x[i] // 1000)}"
    codes = np.array([m.code for m in municipalities()])
    assert (codes[owner_of(grid.x, grid.y)] == grid.municipality).all()
    # people live around the centres: most of Jyväskylä within 10 km of its centre
    jkl = municipalities()[[m.code for m in municipalities()].index("179")]
    sel = grid.municipality == "179"
    near = np.hypot(grid.x[sel] - jkl.x, grid.y[sel] - jkl.y) < 10_000
    assert grid.population[sel][near].sum() / totals["179"] > 0.7


def test_reference_install_defaults(tmp_path):
    store = Store.create(tmp_path / "ref.sote")
    try:
        install_defaults(store)
        install_defaults(store)  # again: replaces, no duplicates
        table = imports_tables.municipality
        with store.read() as conn:
            rows = conn.execute(select(table).order_by(table.c.code)).all()
        assert len(rows) == 22
        assert {r.code: r.population for r in rows} == real_totals()
        jkl = next(r for r in rows if r.code == "179")
        assert jkl.name == "Jyväskylä" and 400_000 < jkl.x < 470_000 and 6_880_000 < jkl.y < 6_920_000
        assert all(150_000 < r.x < 650_000 and 6_750_000 < r.y < 7_100_000 for r in rows)
    finally:
        store.close()
