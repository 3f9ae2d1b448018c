"""The Palveluverkko page with pytest-qt: goals table, what-if toggling, adding a site, goal edits
with undo, scenarios, exports."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "network"))
from reach_fixtures import six_cell_store  # noqa: E402

from desktop.ui.pages.network_page import GoalsModel, NetworkPage  # noqa: E402

#: generous: a shared 2-core machine may be busy
LOAD_TIMEOUT_MS = 20_000


@pytest.fixture
def store(tmp_path):
    s = six_cell_store(tmp_path / "page.sote")
    yield s
    s.close()


def set_store(qtbot, page, store) -> None:
    """`page.set_store(store)` and wait for its background load."""
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)


def select_row(page, row: int) -> None:
    """Select a goal row through the selection model (selectRow could follow leftover keyboard
    modifiers of an earlier key click)."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.goals_view.selectionModel().setCurrentIndex(page.goals_model.index(row, 0), flags)


def s30_row(page) -> int:
    return [g.name for g in page.goals].index("S-koon sote-keskus 30 min")


def coverage_of(page, row) -> float:
    return page.goals_model.data(page.goals_model.index(row, GoalsModel.COLUMNS.index("coverage")), Qt.ItemDataRole.UserRole)


def test_page_toggle_add_undo_export(qtbot, store, tmp_path, qtmodeltester):
    page = NetworkPage()
    qtbot.addWidget(page)
    page.resize(1200, 900)
    set_store(qtbot, page, store)
    page.show()
    qtmodeltester.check(page.goals_model)
    row = s30_row(page)
    select_row(page, row)
    assert coverage_of(page, row) == pytest.approx(100.0)
    status = page.goals_model.index(row, GoalsModel.COLUMNS.index("status"))
    assert page.goals_model.data(status) == "toteutuu"
    # switch site B off in the list: cells 4 and 5 are 40 and 50 min from A -> 100 persons uncovered
    item = next(page.site_list.item(i) for i in range(page.site_list.count())
                if page.site_list.item(i).data(Qt.ItemDataRole.UserRole) == "B")
    with qtbot.waitSignal(page.recomputed, timeout=2000):
        item.setCheckState(Qt.CheckState.Unchecked)
    assert page.closed == {"B"}
    assert coverage_of(page, row) == pytest.approx(100.0 * 1000 / 1100)
    assert page.goals_model.data(status) == "ei toteudu"
    assert len(page.muni_model.frame) == 2
    # add a site by typing coordinates: an estimate near the far cells brings them back
    page.add_x.setText("4500")
    page.add_y.setText("0")
    page.add_type.setCurrentText("sote-keskus")
    page.add_size.setCurrentText("S")
    qtbot.mouseClick(page.add_site_button, Qt.MouseButton.LeftButton)
    assert len(page.added) == 1 and coverage_of(page, row) == pytest.approx(100.0)
    assert page.results[row].estimate
    page.save_scenario("B kiinni, uusi etelään")
    page.reset_what_if()
    assert coverage_of(page, row) == pytest.approx(100.0)
    page.load_scenario("B kiinni, uusi etelään")
    assert page.closed == {"B"} and len(page.added) == 1
    assert list(page.compare_model.headers.values())[-1] == "B kiinni, uusi etelään"
    assert page.compare_model.frame.iloc[row, -1] == pytest.approx(100.0)  # the saved what-if restores 100 %
    # edit the threshold to 5 minutes, then undo
    minutes_index = page.goals_model.index(row, GoalsModel.COLUMNS.index("minutes"))
    page.reset_what_if()
    assert page.goals_model.setData(minutes_index, "5")
    assert page.goals[row].minutes == 5 and coverage_of(page, row) == pytest.approx(100.0 * 500 / 1100)
    page.undo_stack.undo()
    assert page.goals[row].minutes == 30 and coverage_of(page, row) == pytest.approx(100.0)
    from desktop.services.network import list_goals

    assert list_goals(store)[row].minutes == 30
    page.undo_stack.redo()
    assert list_goals(store)[row].minutes == 5
    # exports
    xlsx = page.export_table(tmp_path / "t.xlsx")
    sheets = pd.read_excel(xlsx, sheet_name=None, engine="openpyxl")
    assert {"Tavoitteet", "Kunnittain", "Vaikutusalueet"} <= set(sheets)
    for suffix in ("png", "svg", "pdf"):
        assert page.export_chart("map", tmp_path / f"map.{suffix}").stat().st_size > 1000
    assert page.export_chart("curve", tmp_path / "curve.png").stat().st_size > 1000


def map_point(page, x: float, y: float):
    """The canvas position (Qt logical pixels) of map point (x, y) metres."""
    from PySide6.QtCore import QPoint

    canvas = page.map_canvas
    dx, dy = page.map_view.ax.transData.transform((x, y))
    ratio = canvas.devicePixelRatioF() or 1.0
    return QPoint(int(round(dx / ratio)), int(round(canvas.height() - dy / ratio)))


def show_map(qtbot, page) -> None:
    """Show the map tab and let it settle (laid out, resized, drawn) before pixels are computed."""
    page.tabs.setCurrentWidget(page.map_tab)
    qtbot.wait(50)
    page.map_canvas.draw()


def test_click_on_map_adds_site(qtbot, store):
    page = NetworkPage()
    qtbot.addWidget(page)
    page.resize(1000, 800)
    set_store(qtbot, page, store)
    page.show()
    show_map(qtbot, page)
    page.add_type.setCurrentText("sote-keskus")
    # without add mode a click adds nothing
    qtbot.mouseClick(page.map_canvas, Qt.MouseButton.LeftButton, pos=map_point(page, 2500.0, 0.0))
    assert page.added == []
    qtbot.mouseClick(page.click_to_add, Qt.MouseButton.LeftButton)
    assert page.click_to_add.isChecked()
    with qtbot.waitSignal(page.recomputed, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(page.map_canvas, Qt.MouseButton.LeftButton, pos=map_point(page, 2500.0, 0.0))
    assert len(page.added) == 1 and page.added[0]["x"] == pytest.approx(2500.0, abs=200)
    assert np.isfinite(page.results[s30_row(page)].coverage.share_pct)


def test_road_network_import_and_estimate_settings(qtbot, store, tmp_path):
    from reach_fixtures import write_gpkg_lines

    page = NetworkPage()
    qtbot.addWidget(page)
    set_store(qtbot, page, store)
    assert "matka-aikamatriisi" in page.source_label.text()
    # centre rules: Jyväskylä (600 residents) needs an S centre and has A; Muurame has B (M)
    centres = page.centre_model.frame.set_index("code")
    assert centres.loc["179", "sote_ok"] == "kyllä" and centres.loc["179", "day_centre_ok"] == "EI"
    # straight-line estimate with a slower speed: cell 5 (5 km from A, 2 km from B) at 1.3 x 2 km / 10 km/h
    page.travel_source.setCurrentIndex(page.travel_source.findData("straight-line"))
    page.car_speed.setValue(10.0)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):  # the store is read again in the background
        page.apply_travel_settings()
    row = s30_row(page)
    assert "linnuntie-arvio" in page.source_label.text() and page.results[row].estimate
    assert page.results[row].nearest.minutes[5] == pytest.approx(2000 * 1.3 / (10_000 / 60))
    # a road network along the cells, read through the page (background task with progress)
    gpkg = tmp_path / "tiet.gpkg"
    write_gpkg_lines(gpkg, [[(i * 1000, 0) for i in range(6)]], {"highway": ["primary"], "maxspeed": ["60"], "oneway": ["no"]})
    page.travel_source.setCurrentIndex(page.travel_source.findData("road"))
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        report = page.import_road_network(str(gpkg))
    assert report is not None and report["used_lines"] == 1
    assert "tieverkko" in page.source_label.text()
    assert page.results[row].nearest.minutes[5] == pytest.approx(2.0)  # 2 km at 60 km/h, snapped exactly
    assert "Tieverkko: " in page.travel_info.text()


def test_optimizer_tab(qtbot, store):
    page = NetworkPage()
    qtbot.addWidget(page)
    set_store(qtbot, page, store)
    panel = page.new_sites
    page.tabs.setCurrentWidget(panel)
    panel.goal_combo.setCurrentText("S-koon sote-keskus 30 min")
    panel.candidates.setCurrentIndex(panel.candidates.findData("ruudut"))  # unserved populated cells
    assert panel.best_n.isChecked() and panel.count.value() == 2  # the default question always has an answer
    panel.count.setValue(1)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    result = panel.result
    # A and B serve every cell within 30 minutes (the goal's threshold): no cell is left to serve
    assert result["candidates"] == 0 and result["chosen"] == [] and result["covered"] == 1100
    assert "jokaisessa kuntakeskuksessa" in panel.explanation.text() and not panel.map_button.isEnabled()
    # a 5-minute goal: A and B serve cells 0 and 3 (500 persons); one place among cells 1, 2, 4 serves the rest
    row = s30_row(page)
    page._push_goals("5 min", [g if i != row else g.__class__(**{**g.__dict__, "minutes": 5.0})
                               for i, g in enumerate(page.goals)])
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    result = panel.result
    assert result["covered_by_kept"] == 500 and result["covered"] == 1100 and len(result["chosen"]) == 1
    assert result["optimal"] and result["estimate"]  # cell-to-cell times are straight-line estimates
    assert "todistetusti paras" in panel.explanation.text() and panel.table.rowCount() == 1
    panel.fewest.setChecked(True)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert len(panel.result["chosen"]) == 1
    # onto the map as a what-if, and saved as a named scenario
    qtbot.mouseClick(panel.map_button, Qt.MouseButton.LeftButton)
    assert len(page.added) == 1 and page.added[0]["type"] == "sote-keskus" and page.added[0]["size"] == "S"
    assert page.tabs.currentWidget() is page.map_tab
    assert coverage_of(page, row) == pytest.approx(100.0)
    panel.scenario_name.setText("Yksi uusi")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    from desktop.services.network import list_scenarios

    saved = {s["name"]: s for s in list_scenarios(store)}
    assert len(saved["Yksi uusi"]["added"]) == 1


def test_goal_add_remove_and_ctrl_z(qtbot, store):
    page = NetworkPage()
    qtbot.addWidget(page)
    set_store(qtbot, page, store)
    with qtbot.waitActive(page):  # shortcuts fire only in the active window
        page.show()
        page.activateWindow()
    n = len(page.goals)
    qtbot.mouseClick(page.add_goal_button, Qt.MouseButton.LeftButton)
    assert len(page.goals) == n + 1 and page.goals[-1].name == "Uusi tavoite 1"
    page.goals_view.setFocus()
    qtbot.keyClick(page.goals_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(page.goals) == n
    qtbot.keyClick(page.goals_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(page.goals) == n + 1
    select_row(page, n)
    qtbot.mouseClick(page.remove_goal_button, Qt.MouseButton.LeftButton)
    from desktop.services.network import list_goals

    assert [g.name for g in list_goals(store)] == [g.name for g in page.goals] and len(page.goals) == n


def test_a_goal_edit_is_saved_at_once_and_undone_from_the_page_action(qtbot, store):
    """The page is a LoadingPage whose edits are saved at once: after a goal edit nothing is unsaved
    (closing asks nothing) and the base's Kumoa action undoes it in the store."""
    from desktop.services.network import list_goals

    page = NetworkPage()
    qtbot.addWidget(page)
    set_store(qtbot, page, store)
    n = len(page.goals)
    assert not page.undo_action.isEnabled() and not page.undo_button.isEnabled()
    qtbot.mouseClick(page.add_goal_button, Qt.MouseButton.LeftButton)
    assert len(list_goals(store)) == n + 1
    assert not page.has_unsaved_changes()
    assert page.undo_action.isEnabled() and page.undo_button.isEnabled()
    page.undo_action.trigger()
    assert len(list_goals(store)) == n and len(page.goals) == n
    assert page.redo_action.isEnabled() and page.redo_button.isEnabled()
