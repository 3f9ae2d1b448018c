"""The travel-time matrix's answers (nearest site per cell, cells within a threshold) equal a plain
row-by-row computation on random matrices: rows in any order, repeated rows, ties, no-route rows,
unknown origins and destinations, and more destinations than 16-bit codes hold; both ways of holding
a matrix (a row of times per site for a nearly full table, rows grouped by site otherwise)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.analysis import reach_matrix
from desktop.analysis.reach_matrix import MatrixTravel


@pytest.fixture(params=["dense", "grouped"])
def layout(request, monkeypatch):
    """Each test twice: a small matrix is held as rows of times per site, or (forced) as grouped rows."""
    if request.param == "grouped":
        monkeypatch.setattr(reach_matrix, "DENSE_MAX_CELLS", 0)
    return request.param


def _random_matrix(rng, cells: int, destinations: int, rows: int, by_origin: bool):
    cell_ids = [f"c{i}" for i in range(cells)]
    picks = rng.integers(0, cells + 3, rows)  # c{cells}.. are not grid cells
    origins = [f"c{i}" for i in (np.sort(picks) if by_origin else picks)]  # a file sorted by origin, or not
    dests = [f"d{i}" for i in rng.integers(0, destinations, rows)]
    minutes = rng.choice([-1.0, np.nan, 0.0, 5.0, 10.0, 10.0, 29.5, 30.0, 30.5, 61.0], rows)
    return cell_ids, origins, dests, minutes


def _plain_within(cell_ids, origins, dests, minutes, site: str, limit: float) -> list[int]:
    position = {c: i for i, c in enumerate(cell_ids)}
    return sorted({position[o] for o, d, m in zip(origins, dests, minutes, strict=True)
                   if d == site and o in position and m >= 0 and m <= limit})


def _plain_nearest(cell_ids, origins, dests, minutes, sites: list[str]):
    position = {c: i for i, c in enumerate(cell_ids)}
    best = {}
    for o, d, m in zip(origins, dests, minutes, strict=True):
        if o in position and d in sites and m >= 0:  # NaN fails m >= 0 too
            key = (m, sites.index(d))
            best[position[o]] = min(best.get(position[o], key), key)
    return ([best[i][0] if i in best else np.nan for i in range(len(cell_ids))],
            [best[i][1] if i in best else -1 for i in range(len(cell_ids))])


@pytest.mark.parametrize("by_origin", [False, True])
@pytest.mark.parametrize(("cells", "destinations", "rows", "seed"),
                         [(40, 7, 600, 1), (5, 3, 30, 2), (60, 40_000, 3000, 3), (1, 1, 1, 4), (300, 4, 500, 5)])
def test_matrix_answers_equal_a_row_by_row_computation(cells, destinations, rows, seed, by_origin, layout):
    rng = np.random.default_rng(seed)
    cell_ids, origins, dests, minutes = _random_matrix(rng, cells, destinations, rows, by_origin)
    matrix = MatrixTravel(cell_ids, origins, dests, minutes)
    asked = sorted(set(rng.choice(dests, min(12, len(dests))).tolist())) + ["not-a-site"]
    for limit in (0.0, 10.0, 30.0, 1000.0):
        found = [c.tolist() for c in matrix.cells_within(asked, limit)]
        assert found == [_plain_within(cell_ids, origins, dests, minutes, s, limit) for s in asked]
    sites = asked[:5]
    result = matrix.nearest(pd.DataFrame({"site_id": sites}))
    plain_minutes, plain_site = _plain_nearest(cell_ids, origins, dests, minutes, sites)
    assert np.allclose(result.minutes, plain_minutes, equal_nan=True)
    assert result.site.tolist() == plain_site


def test_stored_float32_times_meet_a_limit_exactly(layout):
    """A stored matrix keeps its float32 minutes; a limit just under a time still leaves that row out."""
    minutes = np.array([30.0, 29.5, 30.0], dtype=np.float32)
    matrix = MatrixTravel(["a", "b", "c"], ["a", "b", "c"], ["S", "S", "T"], minutes)
    assert (matrix._dense is not None) == (layout == "dense")  # the fixture chose the way it is held
    if layout == "dense":
        assert matrix._dense.dtype == np.float32  # stored float32 times kept as they are
    assert [c.tolist() for c in matrix.cells_within(["S", "T"], 29.9999999)] == [[1], []]
    assert [c.tolist() for c in matrix.cells_within(["S", "T"], 30)] == [[0, 1], [2]]
    nearest = matrix.nearest(pd.DataFrame({"site_id": ["T", "S"]}))
    assert nearest.minutes.tolist() == [30.0, 29.5, 30.0] and nearest.site.tolist() == [1, 1, 0]


def test_a_matrix_of_two_modes_answers_each_mode_with_its_own_rows(tmp_path, capsys):
    """`reach --mode walk` reads the walking rows only, `--mode car` (the default) the driving ones."""
    import json

    from desktop.cli import main
    from tests.network.reach_fixtures import build_store

    grid = pd.DataFrame({"cell_id": ["a", "b"], "x": [0.0, 1000.0], "y": [0.0, 0.0], "population": [10.0, 20.0]})
    sites = pd.DataFrame({"site_id": ["S"], "name": ["S"], "type": ["sote-keskus"], "size": ["M"], "x": [0.0], "y": [0.0]})
    travel = pd.DataFrame({"origin": ["a", "b", "a", "b"], "destination": ["S"] * 4, "minutes": [5.0, 12.0, 25.0, 40.0],
                           "mode": ["car", "car", "walk", "walk"]})
    build_store(tmp_path / "m.sote", grid, sites, travel).close()
    shares = {}
    for mode in ("car", "walk"):
        assert main(["reach", str(tmp_path / "m.sote"), "--site-type", "sote-keskus", "--minutes", "30",
                     "--mode", mode, "--json"]) == 0
        shares[mode] = json.loads(capsys.readouterr().out)["covered"]
    assert shares == {"car": 30, "walk": 10}


def test_a_site_whose_every_row_says_no_route_is_known(layout):
    """Its times are "no route", not unknown: the straight-line estimate must not replace them."""
    matrix = MatrixTravel(["a", "b"], ["a", "b", "a"], ["S", "S", "T"], [-1.0, np.nan, 4.0])
    assert matrix.known_destinations(["S", "T", "U"]).tolist() == [True, True, False]
    nearest = matrix.nearest(pd.DataFrame({"site_id": ["S"]}))
    assert np.isnan(nearest.minutes).all() and nearest.site.tolist() == [-1, -1]
    assert [c.tolist() for c in matrix.cells_within(["S", "T"], 1000)] == [[], [0]]
