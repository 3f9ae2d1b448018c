"""The classification editor: edit a rule, see the live preview change, undo and redo it, save,
create a rule from an unclassified combination, import and export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services.classification import classified_events, load_versions
from desktop.ui.pages.classification_page import ClassificationPage
from tests.classification.helpers import store_with_events
from tests.classification.test_worked_example import ROWS

#: generous: a shared 2-core machine may be busy
LOAD_TIMEOUT_MS = 20_000
#: the worked example with each person five times: every group holds at least five persons, so no figure is
#: hidden (groups of 1-4 persons are: test_a_small_group_is_hidden_with_its_complement), every count x 5
ROWS5 = [{**row, "person_id": f"{row['person_id']}_{k}"} for k in range(5) for row in ROWS]


@pytest.fixture
def page_and_store(qtbot, tmp_path):
    store = store_with_events(tmp_path / "t.sote", ROWS5)
    page = ClassificationPage()
    qtbot.addWidget(page)
    page.resize(1400, 800)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):  # the events load in the background
        page.set_store(store)
    yield page, store
    page.set_store(None)
    store.close()


def select_service(page: ClassificationPage, code: str) -> None:
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).data(0, Qt.ItemDataRole.UserRole) == code:
                tree.setCurrentItem(top.child(j))
                return
    raise AssertionError(code)


def select_row(table, row: int) -> None:
    """Select a whole row whatever keyboard modifiers an earlier key click left behind."""
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(table.model().index(row, 0), flags)


def events_cell(page: ClassificationPage, row: int = 0) -> str:
    return page.rules_table.item(row, 3).text()


def test_edit_rule_preview_changes_and_undo(page_and_store, qtbot):
    page, store = page_and_store
    select_service(page, "NEUVOLA")
    assert page.rules_table.item(0, 1).text().startswith("kohdennus")
    assert events_cell(page) == "40"  # hand-counted in test_worked_example (8), five times
    assert "vihreä 20" in page.split_label.text() and "keltainen 20" in page.split_label.text()
    assert not page.unsaved_label.isVisibleTo(page)

    form_row = next(r for r in page.builder.rows if r.condition().field == "service_form")
    form_row.values.setText("T22")  # maternity clinic (T21) no longer taken: events 1, 2, 10 drop out
    form_row.values.editingFinished.emit()
    qtbot.waitUntil(lambda: events_cell(page) == "25", timeout=3000)
    assert page.unsaved_label.isVisibleTo(page)
    assert "Luokiteltu 40 / 60" in page.coverage_label.text()

    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    page.rules_table.setFocus()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    qtbot.keyClick(page.rules_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: events_cell(page) == "40", timeout=3000)
    assert not page.unsaved_label.isVisibleTo(page)
    qtbot.keyClick(page.rules_table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: events_cell(page) == "25", timeout=3000)

    # only saved versions reach the other pages
    assert (classified_events(store)["service"] == "Äitiys- ja lastenneuvolapalvelut").sum() == 40
    assert page.save()
    assert not page.unsaved_label.isVisibleTo(page)
    assert (classified_events(store)["service"] == "Äitiys- ja lastenneuvolapalvelut").sum() == 25
    saved = load_versions(store)[-1]
    neuvola_rule = saved.rules_of("NEUVOLA")[0]
    assert [c.values for c in neuvola_rule.conditions if c.field == "service_form"] == [("T22",)]


def test_create_rule_from_unclassified_combination(page_and_store, qtbot):
    page, _store = page_and_store
    select_service(page, "VO-LÄÄK")
    assert page.unclassified_table.rowCount() == 1
    assert page.unclassified_table.item(0, 1).text() == "TUNTEMATON"
    assert page.unclassified_label.text() == "Suurimmat luokittelemattomat yhdistelmät:"
    before = page.rules_table.rowCount()
    select_row(page.unclassified_table, 0)
    qtbot.mouseClick(page.create_rule_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.unclassified_table.rowCount() == 0, timeout=3000)
    assert page.rules_table.rowCount() == before + 1
    assert "Luokiteltu 60 / 60" in page.coverage_label.text()
    # an empty table says why it is empty
    assert page.unclassified_label.text() == ("Luokittelemattomia yhdistelmiä ei ole: jokainen tapahtuma kuuluu "
                                              "johonkin palveluun.")
    page.undo()
    qtbot.waitUntil(lambda: page.unclassified_table.rowCount() == 1, timeout=3000)
    assert page.unclassified_label.text() == "Suurimmat luokittelemattomat yhdistelmät:"


def test_a_long_description_is_shown_from_its_start(page_and_store, qtbot):
    page, _store = page_and_store
    long_text = "Alku: " + "neuvolan käynnit, joissa on myös rokotuksia ja terveystarkastuksia; " * 4
    select_service(page, "NEUVOLA")
    page.description_edit.setText(long_text)
    page.description_edit.editingFinished.emit()  # as when the planner leaves the field
    select_service(page, "VO-LÄÄK")
    select_service(page, "NEUVOLA")
    assert page.description_edit.text() == long_text.strip()
    assert page.description_edit.cursorPosition() == 0  # the start is in view, not the end
    assert page.description_edit.toolTip() == long_text.strip()


def test_conflicts_are_flagged_and_level_rules_shown(page_and_store, qtbot):
    page, _store = page_and_store
    select_service(page, "VO-HOIT")
    page.add_allocation_rule()  # no conditions: takes every event left after the earlier rules

    def texts():
        return [page.conflicts_view.item(i).text() for i in range(page.conflicts_view.count())]

    qtbot.waitUntil(lambda: page.unclassified_table.rowCount() == 0, timeout=3000)
    # every later rule (physiotherapy, mental health...) is now covered by the catch-all rule
    shadowed = [x for x in texts() if "kattaa sen ehdot" in x]
    catch_all = next(i for i, r in enumerate(page.classification.rules) if not r.conditions) + 1
    assert len(shadowed) == len(page.classification.rules) - catch_all
    assert all(f"aiempi sääntö {catch_all} (VO-HOIT)" in x for x in shadowed)
    flagged = [page.rules_table.item(r, 7).text() for r in range(page.rules_table.rowCount())]
    assert flagged[-1] == ""  # the catch-all itself is not flagged
    select_service(page, "NEUVOLA")
    kinds = [page.rules_table.item(r, 1).text() for r in range(page.rules_table.rowCount())]
    assert kinds.count("taso") == 2
    assert [page.rules_table.item(r, 3).text() for r in (1, 2)] == ["5", "15"]  # SH: event 2; reasons: 3, 4, 8


def test_export_and_import_are_undoable_edits(page_and_store, qtbot, tmp_path):
    page, _store = page_and_store
    path = str(tmp_path / "l.json")
    assert page.export_path(path)
    select_service(page, "NEUVOLA")
    page.delete_service()
    qtbot.waitUntil(lambda: page.classification.service("NEUVOLA") is None, timeout=3000)
    assert page.import_path(path)
    assert page.classification.service("NEUVOLA") is not None
    page.undo()
    assert page.classification.service("NEUVOLA") is None


def test_new_version_is_saved_beside_the_old_one(page_and_store, qtbot):
    page, store = page_and_store
    page.new_version(2026)
    assert page.unsaved_label.isVisibleTo(page)
    assert page.save()
    assert [v.valid_from for v in load_versions(store)] == [2023, 2026]
    assert page.version_combo.count() == 2
    page.undo()  # back to 2023 in the working copy: saving now replaces 2023 (unchanged), keeps 2026
    assert page.save()
    assert [v.valid_from for v in load_versions(store)] == [2023, 2026]


def test_refresh_after_an_import_keeps_unsaved_edits(page_and_store, qtbot):
    from tests.classification.helpers import event, write_events

    page, store = page_and_store
    select_service(page, "VO-LÄÄK")
    page.delete_rule()
    assert page.unsaved_label.isVisibleTo(page)
    write_events(store, [event(service_form="T11", professional_group="lääkäri")])  # e.g. the data page imports
    # (a sixth person: five already have a doctor's visit)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
    assert page.unsaved_label.isVisibleTo(page) and not page.classification.rules_of("VO-LÄÄK")
    # the new event is counted; without the doctor rule it goes to the T11 rule of the nurses' reception
    assert "Luokiteltu 56 / 61" in page.coverage_label.text()


def test_refresh_after_an_import_reads_the_new_events(page_and_store, qtbot):
    """Without unsaved edits too: the events come from the store again, not from the page's old copy."""
    from tests.classification.helpers import event, write_events

    page, store = page_and_store
    assert "Luokiteltu 55 / 60" in page.coverage_label.text()
    write_events(store, [event(service_form="T11", professional_group="lääkäri")])
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
    assert not page.unsaved_label.isVisibleTo(page)
    assert "Luokiteltu 56 / 61" in page.coverage_label.text() and len(page.events) == 61


def test_condition_builder_is_reusable_on_its_own(qtbot):
    from desktop.core.rules import Condition
    from desktop.ui.widgets.condition_builder import ConditionBuilder

    fields = {"age": ("number", "Ikä"), "reasons": ("multi", "Syyt")}
    operators = {"number": {"between": "välillä"}, "multi": {"any_of": "jokin", "none_of": "ei mikään"}}
    builder = ConditionBuilder(fields, operators, values_for=lambda f: ["F32", "F33", "J06"] if f == "reasons" else [])
    qtbot.addWidget(builder)
    builder.set_conditions([Condition("reasons", "any_of", ("F32",)), Condition("age", "between", low=18, high=24)])
    assert [c.to_dict() for c in builder.conditions()] == [
        {"field": "reasons", "op": "any_of", "values": ["F32"]},
        {"field": "age", "op": "between", "low": 18.0, "high": 24.0}]
    seen = []
    builder.conditions_changed.connect(seen.append)
    row = builder.rows[0]
    assert row._model.stringList() == ["F32", "F33", "J06"]  # completion from the store's values
    row.values.setText("F32, F33")
    row.values.editingFinished.emit()
    row.op.setCurrentIndex(row.op.findData("none_of"))
    builder.rows[1].remove.click()
    assert [[c.to_dict() for c in conds] for conds in seen] == [
        [{"field": "reasons", "op": "any_of", "values": ["F32", "F33"]},
         {"field": "age", "op": "between", "low": 18.0, "high": 24.0}],
        [{"field": "reasons", "op": "none_of", "values": ["F32", "F33"]},
         {"field": "age", "op": "between", "low": 18.0, "high": 24.0}],
        [{"field": "reasons", "op": "none_of", "values": ["F32", "F33"]}]]


def test_compare_versions_text_and_a_store_without_classification(page_and_store, qtbot, tmp_path):
    from desktop.services.classification import delete_version

    page, store = page_and_store
    select_service(page, "VO-LÄÄK")
    page.new_version(2025)
    page.delete_rule()
    assert page.save()
    text = page.comparison_text(2025, 2023)
    assert text.startswith("Versio 2023 -> versio 2025")
    assert "Poistettu sääntö" in text and "VO-LÄÄK" in text

    for year in (2023, 2025):
        delete_version(store, year)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)  # an older store: the default is offered as an unsaved edit
    assert page.classification.service("NEUVOLA") is not None
    assert page.unsaved_label.isVisibleTo(page)
    assert "Luokiteltu 55 / 60" in page.coverage_label.text()
    assert page.save() and [v.valid_from for v in load_versions(store)] == [2023]


def test_a_small_group_is_hidden_with_its_complement(qtbot, tmp_path):
    """The worked example as it is (one person each): the one unclassified person's combination shows "<5"
    and no euros; the classified events and euros, which would give theirs as all - classified, are hidden
    too; a rule taking fewer than five persons shows no events or euros."""
    store = store_with_events(tmp_path / "t.sote", ROWS)
    page = ClassificationPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    try:
        assert page.unclassified_table.item(0, 1).text() == "TUNTEMATON"
        assert [page.unclassified_table.item(0, c).text() for c in (4, 5)] == ["<5", "–"]
        text = page.coverage_label.text()
        assert text.startswith("Luokiteltu – / 12 tapahtumaa (– %), – / ") and "1 100" not in text
        select_service(page, "VO-LÄÄK")  # one person: e1
        assert [page.rules_table.item(0, c).text() for c in (3, 4, 5)] == ["–", "<5", "–"]
        select_service(page, "NEUVOLA")  # 6 persons, 8 events: its level split has small levels hidden
        assert events_cell(page) == "8"
        assert "vihreä 4" not in page.split_label.text() and "%" not in page.split_label.text()
    finally:
        page.set_store(None)
        store.close()
