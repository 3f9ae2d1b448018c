"""The travel-time matrix's answers (nearest site per cell, cells within a threshold) equal a plain
row-by-row computation on random matrices: rows in any order, repeated rows, ties, no-route rows,
unknown origins and destinations, and more destinations than 16-bit codes hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.analysis.reach_matrix import MatrixTravel


def _random_matrix(rng, cells: int, destinations: int, rows: int):
    cell_ids = [f"c{i}" for i in range(cells)]
    origins = [f"c{i}" for i in rng.integers(0, cells + 3, rows)]  # c{cells}.. are not grid cells
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


@pytest.mark.parametrize(("cells", "destinations", "rows", "seed"),
                         [(40, 7, 600, 1), (5, 3, 30, 2), (60, 40_000, 3000, 3), (1, 1, 1, 4)])
def test_matrix_answers_equal_a_row_by_row_computation(cells, destinations, rows, seed):
    rng = np.random.default_rng(seed)
    cell_ids, origins, dests, minutes = _random_matrix(rng, cells, destinations, rows)
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
