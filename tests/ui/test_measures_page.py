"""The Kehittämistoimenpiteet page: rate from the drop-down, undo with Ctrl+Z, rename, add, read-only."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop.core.measures import Month
from desktop.services import measures as svc
from desktop.services.measures import indicators
from desktop.store import Store, open_store
from desktop.ui.pages.measures_page import FIRST_MONTH_COLUMN, MeasuresPage
from tests.measures.tracker_fixtures import write_small_tracker


@pytest.fixture
def store_path(tmp_path):
    return write_small_tracker(tmp_path / "m.sote")


@pytest.fixture
def page(qtbot, store_path):
    store = open_store(store_path)
    page = MeasuresPage()
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.set_store(store)
    yield page
    page.set_store(None)
    store.close()


def _measure_index(page, name, column=0):
    tracker = page.tracker
    m = next(m for m in tracker.measures if m.name == name)
    return page.model.index_of(("measure", m.goal_id, m.area_id, m.id), column), m.id


def test_model_is_consistent(page, qtmodeltester):
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1
    goal = page.model.index(0, 0)
    assert page.model.data(goal) == "Saatavuus  (2)"
    area = page.model.index(0, 0, goal)
    assert page.model.rowCount(area) == 2
    assert page.model.headerData(FIRST_MONTH_COLUMN, Qt.Orientation.Horizontal) == "huhti 2021"


def test_rate_from_drop_down_then_undo_with_ctrl_z(page, qtbot):
    index, mid = _measure_index(page, "Etävastaanotot", FIRST_MONTH_COLUMN + 1)  # October 2021
    assert index.data() == "3 kuvattu (toimintamalli)"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#41b6c4"
    delegate = page.tree.itemDelegate()
    editor = delegate.createEditor(page.tree.viewport(), None, index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "– (ei arviota)", "1 ei aloitettu", "2 suunnitellaan", "3 kuvattu (toimintamalli)", "4 pilotoidaan", "5 käytössä"]
    delegate.setEditorData(editor, index)
    assert editor.currentIndex() == 3
    editor.setCurrentIndex(5)
    delegate.setModelData(editor, page.model, index)
    editor.deleteLater()
    assert svc.load_tracker(page.store).rating(mid, Month(2021, 10)) == 5
    index, _ = _measure_index(page, "Etävastaanotot", FIRST_MONTH_COLUMN + 1)
    assert index.data() == "5 käytössä"
    assert page.undo_action.isEnabled()

    page.show()
    with qtbot.waitExposed(page):
        pass
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert svc.load_tracker(page.store).rating(mid, Month(2021, 10)) == 3
    index, _ = _measure_index(page, "Etävastaanotot", FIRST_MONTH_COLUMN + 1)
    assert index.data() == "3 kuvattu (toimintamalli)"
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert svc.load_tracker(page.store).rating(mid, Month(2021, 10)) == 5
    page.hide()


def test_edit_measure_name_and_undo(page):
    index, mid = _measure_index(page, "Omaolo", 0)
    assert page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.model.setData(index, "Omaolo koko maakuntaan")
    assert svc.load_tracker(page.store).measure(mid).name == "Omaolo koko maakuntaan"
    assert _measure_index(page, "Omaolo koko maakuntaan", 0)[0].data() == "Omaolo koko maakuntaan"
    page.undo()
    assert svc.load_tracker(page.store).measure(mid).name == "Omaolo"
    responsible, _ = _measure_index(page, "Omaolo", page.model.column_of("responsible"))
    assert page.model.headerData(responsible.column(), Qt.Orientation.Horizontal) == "Vastuuhenkilö"
    assert page.model.setData(responsible, "Liisa Laine")
    assert svc.load_tracker(page.store).measure(mid).responsible == "Liisa Laine"


def test_add_measure_and_month_then_details(page):
    goal_id = page.tracker.goals[0].id
    page.add_measure(name="Perhekeskus", goal_id=goal_id, area="Lasten, nuorten ja perheiden palvelut")
    tracker = svc.load_tracker(page.store)
    assert [a.name for a in tracker.areas] == ["Vastaanotto", "Lasten, nuorten ja perheiden palvelut"]
    assert page.selected_node().kind == "measure"
    assert page.detail_title.text() == "Perhekeskus"
    assert page.history_label.text() == "Ei arvioita vielä."
    columns = page.model.columnCount()
    page.add_month()
    assert page.model.columnCount() == columns + 1
    new_month = FIRST_MONTH_COLUMN + len(page.model.months) - 1
    assert page.model.headerData(new_month, Qt.Orientation.Horizontal) == "marras 2021"
    page.undo()
    page.undo()
    assert len(svc.load_tracker(page.store).measures) == 2


def test_details_show_history_and_rating_per_year(page):
    index, _ = _measure_index(page, "Etävastaanotot", 0)
    page.tree.setCurrentIndex(index)
    assert page.history_label.text() == "Arviohistoria: huhti 2021: 1 ei aloitettu, loka 2021: 3 kuvattu (toimintamalli)"
    assert page.figures.rowCount() == 1 and page.figures.verticalHeaderItem(0).text() == "2021"
    assert page.figures.columnCount() == 1  # no linked figures yet: the rating only
    assert page.figures.item(0, 0).text() == "3 kuvattu (toimintamalli)"
    page.render_check()  # charts draw


def test_read_only_store_cannot_be_edited(qtbot, store_path):
    store = open_store(store_path, readonly=True)
    page = MeasuresPage()
    qtbot.addWidget(page)
    page.set_store(store)
    index, _ = _measure_index(page, "Omaolo", FIRST_MONTH_COLUMN)
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not page.add_measure_button.isEnabled()
    assert page.export_button.isEnabled()
    page.set_store(None)
    store.close()


def test_link_a_figure_and_see_it_per_year(page, monkeypatch):
    monkeypatch.setattr(indicators, "_PROVIDERS", {})
    svc.register_indicator("test_figure", lambda s, y: 2.5, "Testiluku", "Test figure")
    monkeypatch.setattr(svc, "indicator_years", lambda store: [2021])
    index, mid = _measure_index(page, "Etävastaanotot", 0)
    page.tree.setCurrentIndex(index)
    page._fill_link_menu()
    assert "Testiluku" in [a.text() for a in page.link_menu.actions()]
    page.link_indicator("test_figure")
    assert svc.load_tracker(page.store).measure(mid).indicators == ["test_figure"]
    assert page.figures.columnCount() == 2
    assert page.figures.horizontalHeaderItem(1).text() == "Testiluku"
    assert page.figures.item(0, 1).text() == "2,5"
    page.figures.setCurrentCell(0, 1)
    page.unlink_selected()
    assert svc.load_tracker(page.store).measure(mid).indicators == []
    page.undo()
    assert svc.load_tracker(page.store).measure(mid).indicators == ["test_figure"]


def test_import_excel_is_undoable_and_a_bad_file_is_reported(page, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    shown = []
    monkeypatch.setattr(page, "show_error", shown.append)
    path = tmp_path / "arviot.xlsx"
    page.export_excel(str(path))
    wb = load_workbook(path)
    ws = wb["Arviot"]
    ws.append(["Saatavuus", "Vastaanotto", "Chat-palvelu", 2, None])
    wb.save(path)
    page.import_excel(str(path))
    assert shown == []
    assert "Chat-palvelu" in [m.name for m in svc.load_tracker(page.store).measures]
    assert _measure_index(page, "Chat-palvelu", 0)[0].isValid()
    page.undo()
    assert "Chat-palvelu" not in [m.name for m in svc.load_tracker(page.store).measures]
    ws.cell(row=ws.max_row, column=4, value=8)
    wb.save(path)
    page.import_excel(str(path))
    assert len(shown) == 1 and "Taulukko 'Arviot', solu D5: arvo 8 ei ole välillä 1-5." in shown[0]
    assert len(svc.load_tracker(page.store).measures) == 2


def test_typing_a_digit_rates_the_cell(page, qtbot):
    index, mid = _measure_index(page, "Omaolo", FIRST_MONTH_COLUMN)  # April 2021, not rated
    page.tree.setCurrentIndex(index)
    qtbot.keyClick(page.tree, Qt.Key.Key_4)
    assert svc.load_tracker(page.store).rating(mid, Month(2021, 4)) == 4
    qtbot.keyClick(page.tree, Qt.Key.Key_9)  # not a rating: nothing happens
    assert svc.load_tracker(page.store).rating(mid, Month(2021, 4)) == 4
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert svc.load_tracker(page.store).rating(mid, Month(2021, 4)) is None
    assert page.tree.currentIndex().column() == FIRST_MONTH_COLUMN  # the cursor stays on the cell


def test_delete_goal_after_confirmation_and_undo(page, answers):
    page.tree.setCurrentIndex(page.model.index(0, 0))
    page.delete_selected()
    assert "Poistetaanko hyötytavoite 'Saatavuus'" in answers.asked[0]
    assert svc.load_tracker(page.store).goals == [] and page.model.rowCount() == 0
    page.undo()
    tracker = svc.load_tracker(page.store)
    assert len(tracker.measures) == 2 and len(tracker.ratings) == 2
    assert page.model.rowCount() == 1


def test_move_measure_from_the_page(page):
    index, mid = _measure_index(page, "Omaolo", 0)
    page.tree.setCurrentIndex(index)
    goal_id = page.tracker.goals[0].id
    page.move_selected(goal_id, "Sähköiset palvelut")
    tracker = svc.load_tracker(page.store)
    assert tracker.area(tracker.measure(mid).area_id).name == "Sähköiset palvelut"
    assert page.selected_measure_id() == mid  # the moved measure stays selected
    page.undo()
    assert svc.load_tracker(page.store).area(svc.load_tracker(page.store).measure(mid).area_id).name == "Vastaanotto"


def test_heat_map_shows_one_goal_by_default_or_all(qtbot, tmp_path):
    """The heat map on screen shows the first goal's measures (quick to draw); 'all' shows every goal."""
    path = tmp_path / "two.sote"
    with Store.create(path) as s:
        first = svc.AddGoal(s, "Saatavuus")
        first.do()
        a = svc.AddMeasure(s, first.id, "Vastaanotto", "Etävastaanotot")
        a.do()
        second = svc.AddGoal(s, "Palveluketjut")
        second.do()
        b = svc.AddMeasure(s, second.id, "Diabetes", "Riskitesti")
        b.do()
        svc.SetRating(s, a.id, Month(2021, 4), 2).do()
        svc.SetRating(s, b.id, Month(2021, 4), 4).do()
    store = open_store(path)
    page = MeasuresPage()
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.set_store(store)
    assert page.wait_until_loaded()

    def drawn() -> tuple[set[str], set[str]]:
        """The row labels and the ratings marked in the cells ('_rating_N' marker collections)."""
        ax = page.chart_canvases["heatmap"].figure.axes[0]
        labels = {t.get_text() for t in ax.get_yticklabels()} | {t.get_text() for t in ax.texts}
        marks = {c.get_label() for c in ax.collections if len(c.get_offsets())}
        return labels, marks

    assert page.heatmap_goal.currentText() == "1. Saatavuus"
    labels, marks = drawn()
    assert "Etävastaanotot" in labels and "Riskitesti" not in labels
    assert "_rating_2" in marks and "_rating_4" not in marks
    page.heatmap_goal.setCurrentIndex(page.heatmap_goal.findData(None))  # all goals
    labels, marks = drawn()
    assert {"Etävastaanotot", "Riskitesti"} <= labels and {"_rating_2", "_rating_4"} <= marks
    page.set_store(None)
    store.close()


def test_a_rating_is_saved_at_once_so_nothing_is_unsaved(page):
    index, mid = _measure_index(page, "Etävastaanotot", FIRST_MONTH_COLUMN + 1)
    assert page.model.setData(index, 4)
    assert svc.load_tracker(page.store).rating(mid, Month(2021, 10)) == 4
    assert not page.has_unsaved_changes() and page.undo_action.isEnabled()


def test_a_failed_tracker_read_is_shown_in_the_banner(page, monkeypatch):
    """The load runs on the GUI thread (the page shows the store when refresh() returns); a failure goes
    to the base's banner and --self-test's check instead of out of refresh()."""

    def broken():
        raise RuntimeError("levy rikki")

    monkeypatch.setattr(page.presenter, "load", broken)
    page.refresh()
    assert not page.banner.isHidden() and "levy rikki" in page.banner.label.text()
    with pytest.raises(RuntimeError, match="could not load"):
        page.render_check()
    monkeypatch.undo()
    page.refresh()
    assert page.banner.isHidden() and page.load_error is None
