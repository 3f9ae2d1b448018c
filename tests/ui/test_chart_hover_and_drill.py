"""Charts as a planner uses them, with the mouse: the pointer resting on a mark gives its exact figure in
Finnish (a tooltip), a click on a bar filters the page to it (with "Takaisin" back), and every chart has
the Finnish zoom / pan / reset toolbar instead of matplotlib's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from chart_mouse import click, hover, point_of, point_of_patch
from matplotlib.backends.backend_qt import NavigationToolbar2QT
from matplotlib.collections import PathCollection
from PySide6.QtCore import QPoint, Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))
from event_frames import demo_like_records, single_year_population, write_store  # noqa: E402

pytest.importorskip("desktop.services.classification")

from desktop.charts.traffic_lights import LEVEL_COLOURS, short_labels  # noqa: E402
from desktop.core.numbers import eur, percent  # noqa: E402
from desktop.store import open_store  # noqa: E402
from desktop.ui.pages.traffic_lights_page import TrafficLightsPage  # noqa: E402
from desktop.ui.widgets.chart_toolbar import ChartToolbar  # noqa: E402

LOAD_TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("hover") / "alue.sote", demo_like_records(150),
                       single_year_population())


@pytest.fixture
def page(qtbot, store_path):
    store = open_store(store_path, readonly=True)
    p = TrafficLightsPage()
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):
        p.set_store(store)
    yield p
    p.set_store(None)
    store.close()


def show_tab(page, key: str) -> None:
    page.tabs.setCurrentIndex(page.CHARTS.index(key))


def tick_labels(ax, axis: str = "y") -> list[str]:
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks]


def bar_of(ax, colour: str, label: str, labels: list[str]):
    """The bar of `colour` on the row of `label` (horizontal bars drawn top-down)."""
    ticks = ax.get_yticks()
    y = ticks[labels.index(label)]
    for patch in ax.patches:
        face = "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in patch.get_facecolor()[:3]))
        if face == colour.upper() and abs(patch.get_y() + patch.get_height() / 2 - y) < 1e-6 and patch.get_width() > 0:
            return patch
    raise AssertionError(f"no {colour} bar on {label}")


def test_central_bar_tooltip_gives_the_exact_share_and_euros(page, qtbot):
    canvas = page.canvases["central"]
    canvas.draw()
    ax = canvas.figure.axes[0]
    labels = tick_labels(ax)
    patch = bar_of(ax, LEVEL_COLOURS["green"], "Iäkkäät", labels)
    result = page.data.table(("segment",), [2024], {})
    row = result.rows[(result.rows["segment"] == "Iäkkäät") & (result.rows["level"] == "green")].iloc[0]
    total = result.rows.loc[result.rows["segment"] == "Iäkkäät", "cost_eur"].sum()
    expected = f"Iäkkäät – vihreä: {percent(row['cost_eur'] / total, 1)} ({eur(row['cost_eur'])})"
    assert hover(qtbot, canvas, point_of_patch(canvas, patch)) == expected
    assert "\u00a0€" in expected and "," in expected  # Finnish: '1 234 €', '6,8 %'


def test_clicking_a_segment_bar_shows_its_services_and_back_returns(page, qtbot):
    canvas = page.canvases["central"]
    canvas.draw()
    ax = canvas.figure.axes[0]
    patch = bar_of(ax, LEVEL_COLOURS["red"], "Iäkkäät", tick_labels(ax))
    click(qtbot, canvas, point_of_patch(canvas, patch))
    assert page.drill == [("segment", "Iäkkäät")]
    canvas.draw()
    ax = canvas.figure.axes[0]
    services = tick_labels(ax)
    expected = page.data.table(("service",), [2024], {"segment": ("Iäkkäät",)}).rows["service"].astype(str)
    assert set(services) == set(expected)  # the chart now shows the segment's services
    texts = [t.get_text() for t in canvas.figure.texts]
    assert any("segmentti: Iäkkäät" in t for t in texts)
    assert "service" in page.model.frame.columns and page.back_button.isEnabled()
    assert "Iäkkäät" in page.drill_label.text()
    # the other charts follow the click too
    show_tab(page, "structure")
    assert any("segmentti: Iäkkäät" in t.get_text() for t in page.canvases["structure"].figure.texts)
    show_tab(page, "central")
    # a service's bar: the code combinations behind it in the table
    canvas.draw()
    ax = canvas.figure.axes[0]
    service = tick_labels(ax)[0]
    patch = next(p for p in ax.patches if p.get_width() > 0 and abs(p.get_y() + p.get_height() / 2 - ax.get_yticks()[0]) < 1e-6)
    click(qtbot, canvas, point_of_patch(canvas, patch))
    assert page.drill == [("segment", "Iäkkäät"), ("service", service)]
    assert {"service_code", "contacts", "clients"} <= set(page.model.frame.columns)
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.drill == [("segment", "Iäkkäät")] and "service" in page.model.frame.columns
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.drill == [] and not page.back_button.isEnabled()
    assert set(tick_labels(page.canvases["central"].figure.axes[0])) >= {"Iäkkäät", "Työikäiset"}


def test_shift_chart_shows_the_earlier_year_around_the_later(page, qtbot):
    show_tab(page, "shift")
    canvas = page.canvases["shift"]
    canvas.draw()
    ax = canvas.figure.axes[0]  # green
    rings, dots = [c for c in ax.collections if isinstance(c, PathCollection)][:2]
    # the 2023 ring is wider than the 2024 dot and hollow: an unchanged share still shows both
    assert rings.get_sizes()[0] > 2.5 * dots.get_sizes()[0]
    assert rings.get_facecolor().size == 0 or rings.get_facecolor()[0][3] == 0
    assert rings.get_zorder() < dots.get_zorder()
    import numpy as np

    labels = tick_labels(ax)
    old_x, new_x = np.ma.filled(rings.get_offsets()[:, 0], np.nan), np.ma.filled(dots.get_offsets()[:, 0], np.nan)
    i = next(k for k in range(len(labels)) if old_x[k] == old_x[k] and new_x[k] == new_x[k])  # both shown
    segment = labels[i]
    before = page.data.table(("segment",), [2023], {}).rows
    after = page.data.table(("segment",), [2024], {}).rows

    def share(rows):
        part = rows[rows["segment"] == segment]
        return part.loc[part["level"] == "green", "cost_eur"].sum() / part["cost_eur"].sum()

    assert old_x[i] == pytest.approx(share(before))
    assert new_x[i] == pytest.approx(share(after))
    tip = hover(qtbot, canvas, point_of(canvas, ax, float(new_x[i]), float(dots.get_offsets()[i][1])))
    assert tip == f"{segment} – vihreä: 2023 {percent(share(before), 1)}, 2024 {percent(share(after), 1)}"


def test_pareto_bars_are_coloured_by_level_with_unique_names(page, qtbot):
    show_tab(page, "pareto")
    canvas = page.canvases["pareto"]
    canvas.draw()
    ax = canvas.figure.axes[0]
    faces = {"#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in p.get_facecolor()[:3]))
             for p in ax.patches if p.get_height() > 0}
    assert len(faces & {LEVEL_COLOURS[lv].upper() for lv in ("green", "yellow", "red")}) >= 2
    names = tick_labels(ax, "x")
    assert len(names) == len(set(names))
    patch = next(p for p in ax.patches if p.get_height() > 0 and abs(p.get_x() + p.get_width() / 2) < 1e-6)
    tip = hover(qtbot, canvas, point_of_patch(canvas, patch))
    service = page.current_page.table["service"].iloc[0]
    result = page.data.table(("service",), [2024], {}).rows
    cell = result[result["service"].astype(str) == service].set_index("level")["cost_eur"]
    level = next(lv for lv, colour in LEVEL_COLOURS.items()
                 if colour.upper() == "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in patch.get_facecolor()[:3])))
    name = {"green": "vihreä", "yellow": "keltainen", "red": "punainen"}[level]
    assert tip == f"{service} – {name}: {eur(cell[level])} ({percent(cell[level] / cell.sum(), 1)})"
    click(qtbot, canvas, point_of_patch(canvas, patch))
    assert page.drill == [("service", service)]
    assert page.filters()["service"] == (service,)


def test_short_labels_never_give_two_names_alike():
    names = ["Kotihoito ja kotisairaanhoito, ikäihmiset ja muut asiakkaat",
             "Kotihoito ja kotisairaanhoito, ikäihmiset ja vammaiset", "Neuvola"]
    labels = short_labels(names, 28)
    assert len(set(labels)) == 3 and all(len(label) <= 28 for label in labels)
    assert labels[2] == "Neuvola" and all("…" in label for label in labels[:2])
    assert short_labels(["A" * 40, "A" * 40]) == [short_labels(["A" * 40])[0], short_labels(["A" * 40])[0] + " (2)"]


def test_municipality_heat_map_has_a_colour_scale_and_cell_tips(page, qtbot):
    show_tab(page, "municipalities")
    canvas = page.canvases["municipalities"]
    canvas.draw()
    heat, scale = canvas.figure.axes[:2]
    assert [t.get_text() for t in scale.get_xticklabels()] == ["sarakkeen pienin", "suurin"]
    headers = tick_labels(heat, "x")
    assert headers[0].startswith("€/asukas\n") and "–" in headers[0]  # each column's range under its header
    rows = tick_labels(heat)
    table = page.current_page.table
    value = table.loc[table["municipality"] == rows[1], "eur_per_resident"].iloc[0]
    tip = hover(qtbot, canvas, point_of(canvas, heat, 0, 1))
    assert tip == f"{rows[1]} – €/asukas: {eur(value)}"
    click(qtbot, canvas, point_of(canvas, heat, 0, 1))
    assert page.drill == [("municipality", rows[1].split(" ")[0])]
    assert "kunta " + rows[1] in page.drill_label.text()


def test_every_chart_has_the_finnish_toolbar_and_zoom_works_with_the_mouse(page, qtbot):
    assert not page.findChildren(NavigationToolbar2QT)
    for key in page.CHARTS:
        toolbar = page.panels[key].toolbar
        assert isinstance(toolbar, ChartToolbar)
        assert [toolbar.zoom_button.text(), toolbar.pan_button.text(), toolbar.reset_button.text()] == [
            "Lähennä", "Siirrä", "Palauta"]
    toolbar = page.panels["central"].toolbar
    canvas = page.canvases["central"]
    canvas.draw()
    ax = canvas.figure.axes[0]
    before = ax.get_xlim()
    qtbot.mouseClick(toolbar.zoom_button, Qt.MouseButton.LeftButton)
    assert toolbar.mode == "zoom" and toolbar.zoom_button.isChecked()
    start, end = point_of(canvas, ax, 0.1, 1.0), point_of(canvas, ax, 0.5, 3.0)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    zoomed = ax.get_xlim()
    assert zoomed[0] == pytest.approx(0.1, abs=0.02) and zoomed[1] == pytest.approx(0.5, abs=0.02)
    assert page.drill == []  # a zoom drag is no click on a bar
    qtbot.mouseClick(toolbar.reset_button, Qt.MouseButton.LeftButton)
    assert ax.get_xlim() == pytest.approx(before) and toolbar.mode == ""


def test_a_hidden_service_in_the_pareto_chart_says_hidden_instead_of_an_empty_gap():
    import pandas as pd
    from matplotlib.figure import Figure

    from desktop.charts.traffic_lights import draw_pareto

    pareto = pd.DataFrame({"service": ["Kotihoito", "Neuvola", "Perhehoito"], "cost_eur": [900.0, 500.0, 0.0],
                           "cumulative": [0.6, 0.93, None]})
    fig = Figure(figsize=(9, 5), dpi=80)
    draw_pareto(fig, pareto)
    ax = fig.axes[0]
    marks = [(round(t.get_position()[0]), t.get_text()) for t in ax.texts]
    assert marks == [(2, "piilotettu")]
