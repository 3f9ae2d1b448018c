"""Fixtures of the reach tests: a tiny hand-built store."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from reach_fixtures import build_store
from team_places import BACKENDS, project_target


@pytest.fixture(params=BACKENDS)
def tiny(request, tmp_path):
    """Five cells in a row 1 km apart; two sote centres; a matrix with a no-route cell. As a file and
    as a team project on the test server (the same figures)."""
    grid = pd.DataFrame({
        "cell_id": ["c1", "c2", "c3", "c4", "c5"],
        "x": [0.0, 1000, 2000, 3000, 4000], "y": [0.0] * 5,
        "municipality": ["179", "179", "179", "500", "500"],
        "population": [100.0, 200, 300, 400, 0],
        "pop_65plus": [10.0, 0, 30, 40, 5],
    })
    sites = pd.DataFrame({
        "site_id": ["A", "B", "D"], "name": ["Asema", "Berg", "Hammas"], "type": ["sote-keskus", "sote-keskus", "hammashoitola"],
        "size": ["S", "M", ""], "x": [0.0, 3000, 2000], "y": [0.0, 0, 0], "municipality": ["179", "500", "179"],
    })
    travel = pd.DataFrame({
        "origin": ["c1", "c2", "c3", "c1", "c2", "c3", "c4", "c3", "c4", "zz", "c1"],
        "destination": ["A", "A", "A", "B", "B", "B", "B", "D", "D", "A", "X"],
        "minutes": [0.0, 30.0, 31.0, 40, 35, 20, -1, 5, 12, 1, 1],
        "mode": ["car"] * 11,
    })
    travel.loc[travel.minutes < 0, "minutes"] = np.nan
    municipalities = [{"code": "179", "name": "Jyväskylä", "centre_name": "Jyväskylä", "x": 500.0, "y": 0.0, "population": 600},
                      {"code": "500", "name": "Muurame", "centre_name": "Muurame", "x": 3500.0, "y": 0.0, "population": 400}]
    store = build_store(project_target(request, tmp_path, "tiny"), grid, sites, travel, municipalities)
    yield store
    store.close()
