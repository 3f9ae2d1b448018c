"""What a planner expects of a desktop window, done as the planner does it: tables copy to Excel with
Ctrl+C and export from their right-click menu, F1 opens the guide at the page's section, Ctrl+1…6
switch pages, the Muokkaa menu undoes on the page shown, closing with unsaved edits offers Save /
Discard / Cancel and Save saves, Ctrl+Z typed in a segment field undoes the segment edit, and the
window opens inside the screen."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from desktop.store import open_store
from desktop.ui.main_window import MainWindow
from desktop.ui.selftest import build_small_store
from desktop.ui.settings import AppSettings
from desktop.ui.widgets.table_tools import table_menu


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return build_small_store(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def window(qtbot, tmp_path, demo_file, answers):
    project = tmp_path / "demo.sote"
    shutil.copy(demo_file, project)
    window = MainWindow(AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(project)
    yield window
    answers.save_discard = QMessageBox.StandardButton.Discard
    window.close()


def _show(window, key):
    window.show_page(key)
    page = window.page(key)
    assert page.wait_until_loaded()
    return page


def test_ctrl_c_copies_the_selected_cells_as_tab_separated_text(window, qtbot):
    page = _show(window, "traffic_lights")
    view = page.table
    model = view.model()
    assert model.rowCount() >= 2
    view.setFocus()
    view.selectionModel().clear()
    view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    top_left, bottom_right = model.index(0, 0), model.index(1, model.columnCount() - 1)
    view.selectionModel().select(QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 3  # the headers and the two rows
    assert all(line.count("\t") == model.columnCount() - 1 for line in lines)
    assert lines[0].split("\t")[0] == model.headerData(0, Qt.Orientation.Horizontal)
    raw = model.data(model.index(0, model.columnCount() - 1), Qt.ItemDataRole.UserRole)
    cell = lines[1].split("\t")[-1]
    if isinstance(raw, float | int):  # a figure goes as a number Excel computes with: no spaces, decimal comma
        assert "\u00a0" not in cell and " " not in cell
        assert float(cell.replace(",", ".")) == pytest.approx(float(raw), rel=1e-6)


def test_every_table_has_copy_and_export_in_its_right_click_menu(window, answers, tmp_path):
    page = _show(window, "segments")
    view = page.table
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = table_menu(view, "segmentit")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Kopioi", "Kopioi koko taulukko", "Vie taulukko…"]
    target = tmp_path / "segmentit.xlsx"
    answers.file_for = lambda request: str(target)
    menu.actions()[-1].trigger()
    written = pd.read_excel(target, engine="openpyxl")
    assert len(written) == view.model().rowCount() > 0
    menu.actions()[1].trigger()
    assert len(QGuiApplication.clipboard().text().splitlines()) == view.model().rowCount() + 1


def test_f1_opens_the_guide_at_the_section_of_the_page(window, qtbot):
    _show(window, "network")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guides = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "Käyttöopas"]
    assert len(guides) == 1
    guide = guides[0]
    assert "Palveluverkko" in guide.browser.textCursor().selectedText()
    assert "Saavutettavuustavoitteet" in guide.browser.toPlainText()
    guide.close()


def test_ctrl_number_shows_the_pages_in_the_order_of_the_list(window, qtbot):
    for number, page in enumerate(window.pages, start=1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page() is page


def test_the_edit_menu_undoes_on_the_page_shown(window, answers):
    page = _show(window, "measures")
    before = len(page.tracker.goals)
    answers.values["text"] = "Uusi tavoite"
    page.add_goal_button.click()
    assert len(page.tracker.goals) == before + 1
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[:3] == ["Tiedosto", "Muokkaa", "Näytä"]
    window.undo_action.trigger()
    assert len(page.tracker.goals) == before


def test_closing_with_unsaved_edits_offers_save_and_save_saves(window, answers, demo_file):
    page = _show(window, "segments")
    page.list.setCurrentRow(0)
    old_name = page.segments[0].name
    page.name_edit.setText("Tallennettava nimi")
    page._name_edited()
    assert page.has_unsaved_changes()
    answers.save_discard = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible()  # Peruuta: nothing happened
    question = answers.of("question")[-1]
    assert question.buttons & QMessageBox.StandardButton.Save and question.buttons & QMessageBox.StandardButton.Discard
    path = window.store.path
    answers.save_discard = QMessageBox.StandardButton.Save
    window.close()
    assert not window.isVisible()
    from desktop.services.segments import load_segments

    store = open_store(path, readonly=True)
    try:
        names = [s.name for s in load_segments(store)]
    finally:
        store.close()
    assert "Tallennettava nimi" in names and old_name not in names


def test_ctrl_z_typed_in_a_segment_field_undoes_the_segment_edit(window, qtbot):
    page = _show(window, "segments")
    page.list.setCurrentRow(0)
    old_name = page.segments[0].name
    page.name_edit.setFocus()
    page.name_edit.selectAll()
    qtbot.keyClicks(page.name_edit, "Nuoret aikuiset")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert page.segments[0].name == "Nuoret aikuiset"
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.segments[0].name == old_name
    assert page.name_edit.text() == old_name
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.segments[0].name == "Nuoret aikuiset"


def test_the_window_opens_inside_the_available_screen(qtbot, tmp_path):
    window = MainWindow(AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    room = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= room.height() and window.frameGeometry().width() <= room.width()
    assert room.contains(window.geometry())
