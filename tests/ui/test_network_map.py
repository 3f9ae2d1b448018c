"""The service-network map on the demo region, driven like a planner drives it: wheel zoom, drag pan,
"Koko alue", hovering a cell, labels that never overlap, the municipalities below target outlined,
the badge in the goals table."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_network_page import LOAD_TIMEOUT_MS, map_point, select_row, set_store, show_map  # noqa: E402

from desktop.demo import build_demo  # noqa: E402
from desktop.store import open_store  # noqa: E402
from desktop.ui.pages.network_page import GoalsModel, NetworkPage  # noqa: E402

GOAL = "M-koon sote-keskus 60 min"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "small.sote"
    build_demo(path, "small")
    return path


@pytest.fixture
def page(qtbot, demo_path):
    store = open_store(demo_path)
    page = NetworkPage()
    qtbot.addWidget(page)
    page.resize(1366, 768)
    set_store(qtbot, page, store)
    page.show()
    select_row(page, [g.name for g in page.goals].index(GOAL))
    show_map(qtbot, page)
    yield page
    store.close()


def wheel(canvas, pos: QPoint, notches: int) -> None:
    event = QWheelEvent(QPointF(pos), QPointF(canvas.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, event)


def span(page) -> tuple[float, float]:
    (x0, x1), (y0, y1) = page.map_view.limits()
    return x1 - x0, y1 - y0


def test_wheel_zoom_drag_pan_and_reset(qtbot, page):
    view = page.map_view
    home = span(page)
    jkl = (435_000.0, 6_900_000.0)  # Jyväskylä
    at = map_point(page, *jkl)
    wheel(page.map_canvas, at, 1)
    closer = span(page)
    assert closer[0] == pytest.approx(home[0] / 1.25, rel=1e-6)
    # the point under the pointer stays under the pointer
    assert (map_point(page, *jkl) - at).manhattanLength() <= 2
    wheel(page.map_canvas, at, 2)
    assert span(page)[0] == pytest.approx(home[0] / 1.25 ** 3, rel=1e-6)
    # drag 100 px to the right: the map moves with the pointer (the view goes left), no site is added
    (x0, _x1), _ = view.limits()
    metres_per_px = span(page)[0] / view.ax.get_window_extent().width * (page.map_canvas.devicePixelRatioF() or 1)
    start = QPoint(at)
    qtbot.mousePress(page.map_canvas, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        qtbot.mouseMove(page.map_canvas, start + QPoint(10 * step, 0))
    qtbot.mouseRelease(page.map_canvas, Qt.MouseButton.LeftButton, pos=start + QPoint(100, 0))
    (nx0, _), _ = view.limits()
    assert x0 - nx0 == pytest.approx(100 * metres_per_px, rel=0.05)
    assert page.added == []
    # the buttons
    qtbot.mouseClick(view.zoom_out_button, Qt.MouseButton.LeftButton)
    assert span(page)[0] == pytest.approx(home[0] / 1.25 ** 2, rel=1e-6)
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)
    assert view.limits() == view.home and span(page) == pytest.approx(home)
    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    assert span(page)[0] == pytest.approx(home[0] / 1.25, rel=1e-6)
    # a what-if keeps the view
    before = view.limits()
    item = page.site_list.item(0)
    with qtbot.waitSignal(page.recomputed, timeout=LOAD_TIMEOUT_MS):
        item.setCheckState(Qt.CheckState.Unchecked)
    page.map_canvas.draw()
    assert np.allclose(view.limits(), before)


def test_hover_tells_residents_time_and_nearest_site(qtbot, page):
    result = page.results[page.selected_row()]
    grid = page.context.grid
    # the most populated cell of Kinnula that is beyond the hour from any M-size centre
    kinnula = np.flatnonzero((page.context.municipality == "256") & (result.nearest.minutes > 60))
    cell = kinnula[np.argmax(result.weights[kinnula])]
    qtbot.mouseMove(page.map_canvas, map_point(page, grid["x"].iat[cell], grid["y"].iat[cell]))
    text = page.map_view.last_hover
    site = result.sites["name"].iat[result.nearest.site[cell]]
    minutes = result.nearest.minutes[cell]
    assert grid["cell_id"].iat[cell] in text
    assert f"{int(result.weights[cell])} asukasta" in text.replace("\u00a0", " ")
    assert site in text and f"{minutes:.1f}".replace(".", ",") in text
    assert "yli aikarajan 60 min" in text  # Kinnula is beyond the hour
    # outside every cell: no tooltip
    qtbot.mouseMove(page.map_canvas, QPoint(3, 3))
    assert page.map_view.last_hover == ""


def test_labels_never_overlap_and_shortfalls_are_outlined(qtbot, page):
    from desktop.charts.network_map import BELOW_COLOUR

    view = page.map_view
    renderer = page.map_figure.canvas.get_renderer()

    def boxes():
        return [t.get_window_extent(renderer) for t in view.ax._sote_label_artists]

    for notches in (0, 2, 3):  # at every zoom level
        if notches:
            wheel(page.map_canvas, map_point(page, 435_000.0, 6_900_000.0), notches)
        page.map_canvas.draw()
        placed = boxes()
        assert placed, "some centres are labelled"
        assert not any(a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1:])
    # Jyväskylä, the largest, is always labelled when in view
    assert "Jyväskylä" in [t.get_text() for t in view.ax._sote_label_artists]
    # the scale bar's text is a round length
    scale = view.ax._sote_scale[1].get_text()
    assert scale.split()[0] in {"1", "2", "5", "10", "20", "50", "100"} and scale.endswith("km")
    # the municipalities below the target are drawn in the outline colour, one line per ring
    result = page.results[page.selected_row()]
    below = result.below_target()
    assert len(below) > 0
    red = [line for line in view.ax.lines if line.get_color() == BELOW_COLOUR]
    from desktop.services.borders import county_borders

    assert len(red) == sum(len(county_borders().municipalities[c].rings()) for c in below["municipality"])
    # ...and the table's badge counts them, with their names in the tooltip
    row = page.selected_row()
    index = page.goals_model.index(row, GoalsModel.COLUMNS.index("below"))
    assert page.goals_model.data(index, Qt.ItemDataRole.UserRole) == len(below)
    tip = page.goals_model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert all(name in tip for name in below["name"])


def test_capacities_switch_and_catchments_tab(qtbot, page):
    from desktop.services.network import build_context, goal_by_name

    row = page.selected_row()
    plain = page.results[row].coverage.covered
    with qtbot.waitSignal(page.recomputed, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(page.capacities_check, Qt.MouseButton.LeftButton)
    result = page.results[row]
    expected = build_context(page.store).evaluate(goal_by_name(page.store, GOAL), capacities=True)
    assert result.capacity is not None and result.coverage.covered == pytest.approx(expected.coverage.covered)
    assert result.coverage.covered < plain  # the demo's M-size centres lack room for everyone within the hour
    page.tabs.setCurrentWidget(page.catch_view)
    frame = page.catch_model.frame
    assert frame["assigned"].sum() == pytest.approx(result.coverage.covered)
    assert (frame["assigned"] <= frame["capacity"].fillna(np.inf) + 1e-9).all()
    assert frame["population_nearest"].sum() == pytest.approx(result.uncapacitated.covered)
