"""Every traffic-light chart page builds and draws on the small demo region (thousands of persons,
every level and dimension present): the hand-built frames of the other tests are too small to
catch size-dependent faults such as integer overflow."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from desktop.reports import traffic_light as pages
from desktop.services.traffic_light_targets import targets_with_status
from desktop.services.traffic_lights import TrafficLightData
from desktop.store import open_store
from desktop.ui.selftest import build_small_store


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    store = open_store(build_small_store(tmp_path_factory.mktemp("demo")))
    yield TrafficLightData(store)
    store.close()


def test_every_page_builds_and_draws_on_the_demo(data):
    years = data.years[-1:]
    built = {
        "central": pages.central_page(data, years, {}, "cost_eur"),
        "shift": pages.shift_page(data, data.years[0], data.years[-1], {}, "cost_eur", targets_with_status(data, {})),
        "structure": pages.structure_page(data, years, {}),
        "pareto": pages.pareto_page(data, years, {}, "cost_eur"),
        "municipalities": pages.municipality_page(data, years, {}),
    }
    for name, page in built.items():
        fig = Figure(figsize=(8, 5))
        page.draw(fig)
        assert fig.axes, name
        assert page.text, name
    totals = data.table((), years, {}).level_totals
    assert int(totals["clients"].sum()) > 1000  # the demo is big enough to matter
