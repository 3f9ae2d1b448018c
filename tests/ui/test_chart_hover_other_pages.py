"""The other pages' charts with the mouse, as a planner uses them: Segmentit (sizes with each segment's own
population base, overlaps, combinations, projection), Kehittämistoimenpiteet (heat map and the distribution
over months) and Palveluverkko (the reach curve). The pointer resting on a mark gives its exact figure in
Finnish; a click drills: a segment's bar opens the segment in the editor, a heat-map cell selects that
measure's month in the table, a goal's bar shows the goal's heat map, the curve's marker shows the map.
A figure hidden for privacy is never given on hover."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from chart_mouse import click, hover, point_of, point_of_patch
from matplotlib.collections import PathCollection
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolTip

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "segments"))
sys.path.insert(0, str(TESTS / "network"))
from event_frames import demo_like_records, single_year_population, write_store  # noqa: E402
from reach_fixtures import build_store  # noqa: E402

pytest.importorskip("desktop.services.classification")

from desktop.analysis.privacy import is_hidden_mark  # noqa: E402
from desktop.core.measures import Month, rating_label  # noqa: E402
from desktop.core.numbers import number  # noqa: E402
from desktop.services import measures as svc  # noqa: E402
from desktop.services.segments import shown_segment_sizes  # noqa: E402
from desktop.store import Store, open_store  # noqa: E402
from desktop.ui.pages.measures_page import FIRST_MONTH_COLUMN, MeasuresPage  # noqa: E402
from desktop.ui.pages.network_page import NetworkPage  # noqa: E402
from desktop.ui.pages.segments_page import SegmentsPage  # noqa: E402

LOAD_TIMEOUT_MS = 20_000


# ------------------------------------------------------------------------------ Segmentit
@pytest.fixture
def segments_page(qtbot, tmp_path):
    store = open_store(write_store(tmp_path / "alue.sote", demo_like_records(90), single_year_population()))
    page = SegmentsPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    yield page
    page.set_store(None)
    store.close()


def _bar_on_row(ax, label: str):
    y = ax.get_yticks()[[t.get_text() for t in ax.get_yticklabels()].index(label)]
    return next(p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - y) < 1e-6)


def test_segment_size_bar_says_persons_rate_and_its_own_base_and_a_click_opens_the_segment(segments_page, qtbot):
    page = segments_page
    page.tabs.setCurrentIndex(page.VIEWS.index("sizes"))
    canvas = page.canvases["sizes"]
    canvas.draw()
    ax = canvas.figure.axes[0]
    m, year = page.membership, page.year()
    shown = shown_segment_sizes(m, page._segment_sizes(m, page.population), year, page.min_group)
    live = shown[~shown["persons"].map(is_hidden_mark)]
    live = live[pd.to_numeric(live["persons"]) > 0]
    # a segment whose list row is not the current one, so the click visibly changes it
    row = next(r for _i, r in live.iterrows() if r["segment"] != page.list.currentItem().text())
    expected = (f"{row['segment']}: {number(row['persons'])} henkilöä, {number(row['per_1000'], 1)} tuhatta "
                f"asukasta kohden (väestöpohja {number(row['residents'])} asukasta)")
    patch = _bar_on_row(ax, row["segment"])
    assert hover(qtbot, canvas, point_of_patch(canvas, patch)) == expected
    # the chart itself states each bar's base, and that bases differ
    texts = [t.get_text() for t in canvas.figure.texts] + [t.get_text() for t in ax.texts]
    assert any(f"pohja {number(row['residents'])}" in t for t in texts)
    assert any("oma väestöpohja" in t or "oman väestöpohjan" in t for t in texts)
    click(qtbot, canvas, point_of_patch(canvas, patch))
    assert page.list.currentItem().text() == row["segment"]
    assert page.name_edit.text() == row["segment"]


def test_segment_sizes_chart_never_shows_a_hidden_count():
    """The page and the workshop report draw the sizes as shown (services.segments.shown_segment_sizes):
    a segment hidden by secondary suppression ('..') has no bar, no figure and no figure on hover."""
    from matplotlib.figure import Figure

    from desktop.charts.hover import mark_at
    from desktop.charts.segments import draw_segment_sizes

    shown = pd.DataFrame({"segment": ["Lapsiperheet", "Iäkkäät", "Vammaiset"], "year": [2024] * 3,
                          "persons": [12_345, "..", "<5"], "residents": [98_000, 4_000, 3_000],
                          "per_1000": [126.0, None, None]})
    fig = Figure(figsize=(8, 5), dpi=80)
    draw_segment_sizes(fig, shown, 2024)
    fig.canvas.draw()
    ax = fig.axes[0]
    bars = {t.get_text(): p for t, p in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    assert bars["Iäkkäät"].get_width() == 0 and bars["Vammaiset"].get_width() == 0
    texts = [t.get_text() for t in ax.texts]
    assert ".." in texts and "<5" in texts and not any("4\u00a0000" in t for t in texts)
    box = bars["Lapsiperheet"].get_window_extent()
    text, key = mark_at(fig, (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    assert text.startswith("Lapsiperheet: 12\u00a0345 henkilöä") and key == ("segment", "Lapsiperheet")


def test_overlap_cells_and_combination_bars_say_their_persons(segments_page, qtbot):
    page = segments_page
    page.tabs.setCurrentIndex(page.VIEWS.index("overlaps"))
    canvas = page.canvases["overlaps"]
    canvas.draw()
    ax = canvas.figure.axes[0]
    names, overlaps = page.membership.names, page.membership.overlaps(page.year())
    shown = page.model.frame[names].to_numpy(dtype=object)  # as shown: small groups and complements marked
    i, j = next((i, j) for i in range(len(names)) for j in range(len(names))
                if i != j and not is_hidden_mark(shown[i, j]) and overlaps[i, j] >= 5)
    hidden = next(((i, j) for i in range(len(names)) for j in range(len(names)) if shown[i, j] == ".."), None)
    if hidden is not None:  # a cell hidden as a complement says so on hover, never its count
        assert hover(qtbot, canvas, point_of(canvas, ax, hidden[1], hidden[0])).endswith(": .. henkilöä molemmissa")
    assert hover(qtbot, canvas, point_of(canvas, ax, j, i)) == (
        f"{names[i]} ja {names[j]}: {number(overlaps[i, j])} henkilöä molemmissa")
    page.tabs.setCurrentIndex(page.VIEWS.index("upset"))
    canvas = page.canvases["upset"]
    canvas.draw()
    bars = canvas.figure.axes[0]
    table = page.model.frame
    k = next(k for k in range(len(table)) if not is_hidden_mark(table["persons"].iloc[k]))
    patch = bars.patches[k]
    assert hover(qtbot, canvas, point_of_patch(canvas, patch)) == (
        f"{table['segment'].iloc[k]}: {number(table['persons'].iloc[k])} henkilöä")


# ------------------------------------------------------------------------------ Kehittämistoimenpiteet
@pytest.fixture
def measures_page(qtbot, tmp_path):
    path = tmp_path / "m.sote"
    with Store.create(path) as s:
        first = svc.AddGoal(s, "Saatavuus")
        first.do()
        a = svc.AddMeasure(s, first.id, "Vastaanotto", "Etävastaanotot")
        a.do()
        b = svc.AddMeasure(s, first.id, a.area_id, "Omaolo")
        b.do()
        second = svc.AddGoal(s, "Palveluketjut")
        second.do()
        c = svc.AddMeasure(s, second.id, "Diabetes", "Riskitesti")
        c.do()
        svc.SetRating(s, a.id, Month(2021, 4), 2).do()
        svc.SetRating(s, a.id, Month(2021, 5), 4).do()
        svc.SetRating(s, b.id, Month(2021, 5), 3).do()
        svc.SetRating(s, c.id, Month(2021, 4), 5).do()
    store = open_store(path)
    page = MeasuresPage()
    qtbot.addWidget(page)
    page.resize(1366, 900)
    page.show()
    page.set_store(store)
    assert page.wait_until_loaded()
    yield page
    page.set_store(None)
    store.close()


def test_heat_map_cell_says_measure_month_and_rating_and_a_click_selects_it(measures_page, qtbot):
    page = measures_page
    page.tabs.setCurrentIndex(list(page.chart_canvases).index("heatmap"))
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=LOAD_TIMEOUT_MS)
    canvas = page.chart_canvases["heatmap"]
    canvas.draw()
    ax = canvas.figure.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    months = page.tracker.all_months()
    row, column = rows.index("Etävastaanotot"), months.index(Month(2021, 5))
    tip = hover(qtbot, canvas, point_of(canvas, ax, column, row))
    assert tip == f"Etävastaanotot – {Month(2021, 5).label()}: {rating_label(4)}"
    assert tip.endswith("4 " + rating_label(4).split(" ", 1)[1])
    empty = months.index(Month(2021, 4))
    assert hover(qtbot, canvas, point_of(canvas, ax, empty, rows.index("Omaolo"))).endswith(": ei arvioitu")
    click(qtbot, canvas, point_of(canvas, ax, column, row))
    current = page.tree.currentIndex()
    measure = next(m for m in page.tracker.measures if m.name == "Etävastaanotot")
    assert page.model.node(current).key == ("measure", measure.goal_id, measure.area_id, measure.id)
    assert page.model.month_of(current.column()) == Month(2021, 5)
    assert current.column() >= FIRST_MONTH_COLUMN


def test_goal_bar_says_how_many_measures_and_a_click_shows_the_goal_heat_map(measures_page, qtbot):
    page = measures_page
    page.tabs.setCurrentIndex(list(page.chart_canvases).index("goals"))
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=LOAD_TIMEOUT_MS)
    canvas = page.chart_canvases["goals"]
    canvas.draw()
    ax = next(a for a in canvas.figure.axes if a.get_title(loc="left").startswith("2."))  # Palveluketjut: 1 measure
    month = page.tracker.all_months().index(Month(2021, 4))
    green = next(p for p in ax.patches if abs(p.get_x() + p.get_width() / 2 - month) < 1e-6 and p.get_height() > 0)
    tip = hover(qtbot, canvas, point_of_patch(canvas, green))
    assert tip == f"2. Palveluketjut – {Month(2021, 4).label()}: 1/1 toimenpidettä, {rating_label(5)}"
    click(qtbot, canvas, point_of_patch(canvas, green))
    assert page.tabs.currentIndex() == list(page.chart_canvases).index("heatmap")
    assert page.heatmap_goal.currentText() == "2. Palveluketjut"
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=LOAD_TIMEOUT_MS)
    labels = {t.get_text() for t in page.chart_canvases["heatmap"].figure.axes[0].get_yticklabels()}
    assert "Riskitesti" in labels and "Etävastaanotot" not in labels


# ------------------------------------------------------------------------------ Palveluverkko
@pytest.fixture
def network_page(qtbot, tmp_path):
    grid = pd.DataFrame({
        "cell_id": [f"c{i}" for i in range(6)], "x": [0.0, 1000, 2000, 3000, 4000, 5000], "y": [0.0] * 6,
        "municipality": ["179", "179", "179", "500", "500", "500"],
        "population": [100.0, 200, 300, 400, 100, 0], "pop_65plus": [10.0, 20, 30, 40, 5, 0],
    })
    sites = pd.DataFrame({"site_id": ["A", "B"], "name": ["Asema", "Berg"], "type": ["sote-keskus"] * 2,
                          "size": ["S", "M"], "x": [0.0, 3000], "y": [0.0, 0.0], "municipality": ["179", "500"]})
    minutes = {"A": [0, 10, 20, 30, 40, 50], "B": [30, 20, 10, 0, 10, 20]}
    travel = pd.DataFrame([{"origin": f"c{i}", "destination": s, "minutes": m[i], "mode": "car"}
                           for s, m in minutes.items() for i in range(6)])
    munis = [{"code": "179", "name": "Jyväskylä", "centre_name": "Jyväskylä", "x": 0.0, "y": 0.0, "population": 600},
             {"code": "500", "name": "Muurame", "centre_name": "Muurame", "x": 3000.0, "y": 0.0, "population": 450}]
    store = build_store(tmp_path / "page.sote", grid, sites, travel, munis)
    page = NetworkPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    yield page
    page.set_store(None)
    store.close()


def test_reach_curve_says_exact_shares_and_its_marker_leads_to_the_map(network_page, qtbot):
    page = network_page
    page.tabs.setCurrentWidget(page.curve_panel)
    canvas = page.curve_canvas
    canvas.draw()
    ax = canvas.figure.axes[0]
    result = page.results[page.selected_row()]
    goal = result.goal
    assert page.curve_panel.toolbar.zoom_button.text() == "Lähennä"
    steps = next(c for c in ax.collections if isinstance(c, PathCollection))
    x, y = (np.asarray(v, dtype=float) for v in steps.get_offsets().T)
    k = int(np.argmax(y > 0))
    assert hover(qtbot, canvas, point_of(canvas, ax, x[k], y[k])) == (
        f"{goal.name}: {number(y[k], 1)} % kohdeväestöstä enintään {number(x[k]) if x[k] == int(x[k]) else x[k]} min päässä")
    QToolTip.hideText()
    tip = hover(qtbot, canvas, point_of(canvas, ax, goal.minutes, result.coverage.share_pct))
    assert tip.startswith(f"{goal.name}: {number(result.coverage.share_pct, 1)} % kohdeväestöstä")
    assert ("ei toteudu" in tip) == (result.coverage.share_pct < goal.target_pct)
    qtbot.mouseMove(canvas, QPoint(1, 1))
    click(qtbot, canvas, point_of(canvas, ax, goal.minutes, result.coverage.share_pct))
    assert page.tabs.currentWidget() is page.map_tab
