"""The personnel and finance rules beside the classification (tests/resources/helpers.py counts the
figures): coverage, a rule from an unallocated cost centre, shares typed in, a shadowed rule flagged,
undo / redo through the page's stack, and saving the version."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services.classification import load_versions
from desktop.store import Store
from desktop.ui.pages.classification_page import ClassificationPage

from .helpers import write_resource_store

LOAD_TIMEOUT_MS = 20_000


@pytest.fixture
def page(qtbot, tmp_path):
    store = Store.open(write_resource_store(tmp_path / "alue.sote"))
    p = ClassificationPage()
    qtbot.addWidget(p)
    p.resize(1400, 850)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):
        p.set_store(store)
    bar = p.editor_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert p.editor_tabs.currentWidget() is p.resources_panel
    yield p
    p.set_store(None)
    store.close()


def cells(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select_service(page, code):
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).data(0, Qt.ItemDataRole.UserRole) == code:
                tree.setCurrentItem(top.child(j))
                return
    raise AssertionError(code)


def test_coverage_and_a_rule_from_an_unallocated_cost_centre(page, qtbot):
    panel = page.resources_panel
    assert cells(panel.table, 2) == ["2,0", "4,0", "1,0"]  # doctors, KP-VO's nurses, KP-X (to TPA)
    text = panel.coverage_label.text()
    assert "kohdennettu 10,0 / 20,0 htv (50\u00a0%), kohdentamatta 10,0 htv" in text
    assert "kohdennettu 2\u00a0460\u00a0€ / 2\u00a0560\u00a0€ (96\u00a0%), kohdentamatta 100\u00a0€" in text
    rows = list(zip(cells(panel.unallocated_table, 1), cells(panel.unallocated_table, 2), strict=True))
    assert rows == [("KP-KH", "ei sääntöä"), ("2900", "ei tapahtumaeuroja")]
    select_service(page, "KOTIHOITO")
    table = panel.unallocated_table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 1)).center())
    click(qtbot, panel.from_unallocated_button)
    assert cells(panel.table, 1)[3] == "kustannuspaikka KP-KH -> KOTIHOITO 100 %"
    assert "kohdennettu 20,0 / 20,0 htv (100\u00a0%)" in panel.coverage_label.text()
    assert page.unsaved_label.isVisibleTo(page)
    # 60 % typed in: the other 40 % of KP-KH's 10 FTE stays unallocated
    panel.shares_edit.setFocus()
    panel.shares_edit.selectAll()
    qtbot.keyClicks(panel.shares_edit, "KOTIHOITO 60")
    qtbot.keyClick(panel.shares_edit, Qt.Key.Key_Return)
    assert cells(panel.table, 2)[3] == "6,0"
    assert "kohdentamatta 4,0 htv" in panel.coverage_label.text()
    assert ("KP-KH", "osuudet alle 100 %") in list(zip(cells(panel.unallocated_table, 1),
                                                       cells(panel.unallocated_table, 2), strict=True))
    page.undo_action.trigger()
    assert cells(panel.table, 2)[3] == "10,0"
    page.undo_action.trigger()
    assert panel.table.rowCount() == 3 and "kohdentamatta 10,0 htv" in panel.coverage_label.text()
    page.redo_action.trigger()
    page.save_action.trigger()
    assert not page.unsaved_label.isVisibleTo(page)
    saved = load_versions(page.store)[-1].resource_rules
    assert [r.key for r in saved] == ["KP-VO", "KP-VO", "KP-X", "KP-KH"]
    assert [(s.service, s.share) for s in saved[3].shares] == [("KOTIHOITO", 1.0)]


def test_bad_shares_are_refused_and_a_shadowed_rule_is_flagged(page, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: warnings.append(text))
    panel = page.resources_panel
    select_service(page, "VO-HOIT")
    click(qtbot, panel.add_centre_button)
    assert panel.table.rowCount() == 4 and panel.key_edit.text() == ""
    panel.key_edit.setFocus()
    qtbot.keyClicks(panel.key_edit, "kp-v*")
    qtbot.keyClick(panel.key_edit, Qt.Key.Key_Return)
    for _ in range(3):
        click(qtbot, panel.up_button)
    assert cells(panel.table, 1)[0] == "kustannuspaikka kp-v* -> VO-HOIT 100 %"
    flags = cells(panel.table, 4)
    assert flags[1] == "sääntö 1 ottaa jo nämä rivit" and flags[2] == "sääntö 1 ottaa jo nämä rivit"
    assert cells(panel.table, 2)[0] == "6,0"  # every KP-VO row now goes to the nurse's reception
    panel.shares_edit.setFocus()
    panel.shares_edit.selectAll()
    qtbot.keyClicks(panel.shares_edit, "VO-HOIT, VO-LÄÄK")
    qtbot.keyClick(panel.shares_edit, Qt.Key.Key_Return)
    assert panel.shares_error.text().startswith("vain yhdeltä palvelulta")
    assert cells(panel.table, 1)[0] == "kustannuspaikka kp-v* -> VO-HOIT 100 %"  # unchanged
    panel.shares_edit.selectAll()
    qtbot.keyClicks(panel.shares_edit, "VO-HOIT 70, VO-XYZ 40")
    qtbot.keyClick(panel.shares_edit, Qt.Key.Key_Return)
    assert cells(panel.table, 4)[0] == "tuntematon palvelu VO-XYZ"
    page.save_action.trigger()  # the version is not valid: nothing saved, the planner is told why
    assert warnings and "Palveluluokitus ei kelpaa" in warnings[0]
    assert [r.key for r in load_versions(page.store)[-1].resource_rules] == ["KP-VO", "KP-VO", "KP-X"]

