"""The allocation rules' preview beside the classification uses, in each year, the version valid in that
year: on a store with a version valid from 2023 (cost centre KP-X: 30 % + 20 % to two services, the other
half not allocated) and one valid from 2024 (KP-X wholly to one service), editing the 2024 version shows
2023's personnel as its own version allocates them, and an edit of the 2024 rules leaves 2023 alone.
KP-X's supervisors: 3 + year % 3 + 0.5 FTE (tests/resources/helpers.py): 4.5 in 2023, 5.5 in 2024."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from desktop.core.resource_rules import ServiceShare
from desktop.services.classification import load_versions, save_classification
from desktop.store import Store
from desktop.ui.pages.classification_page import ClassificationPage

from .helpers import write_years_store

LOAD_TIMEOUT_MS = 30_000


@pytest.fixture
def page(qtbot, tmp_path):
    path = write_years_store(tmp_path / "alue.sote", years=(2023, 2024))
    store = Store.open(path)
    first = load_versions(store)[-1]
    earlier = replace(first, valid_from=2023, name="Luokitus 2023", resource_rules=list(first.resource_rules))
    save_classification(store, earlier)  # KP-X: 30 % + 20 %
    newer = replace(first, valid_from=2024, name="Luokitus 2024",
                    resource_rules=[replace(first.resource_rules[0], shares=[ServiceShare(first.resource_rules[0]
                                                                                         .shares[0].service, 1.0)])])
    save_classification(store, newer, replaces=first.valid_from if first.valid_from not in (2023, 2024) else None)
    assert [v.valid_from for v in load_versions(store)] == [2023, 2024]
    p = ClassificationPage()
    qtbot.addWidget(p)
    p.resize(1400, 850)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):
        p.set_store(store)
    assert p.classification.valid_from == 2024  # the newest version is edited
    bar = p.editor_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert p.editor_tabs.currentWidget() is p.resources_panel
    yield p
    p.set_store(None)
    store.close()


def unallocated_fte(panel) -> dict[int, float]:
    coverage = panel.allocation.coverage()
    return dict(zip(coverage["year"], coverage["unallocated_fte"], strict=True))


def test_each_year_by_its_own_version(page, qtbot):
    panel = page.resources_panel
    una = unallocated_fte(panel)
    assert una[2023] == pytest.approx(4.5 * 0.5, abs=1e-9)  # the 2023 version leaves half of KP-X
    assert una[2024] == pytest.approx(0.0, abs=1e-9)  # the edited 2024 version takes all of it
    tooltip = panel.coverage_label.toolTip()
    assert "2023: henkilöstöstä kohdennettu" in tooltip and "2024: henkilöstöstä kohdennettu" in tooltip
    # the rule's amount in the list: the 2024 rule's 5.5 FTE only (2023's KP-X belongs to the other version)
    assert panel.table.item(0, 2).text() == "5,5"
    # an edit of the 2024 rule: 40 % typed in; 2023 stays as its version allocates it
    panel.table.selectRow(0)
    panel.shares_edit.setFocus()
    panel.shares_edit.selectAll()
    qtbot.keyClicks(panel.shares_edit, f"{panel._rule().shares[0].service} 40")
    qtbot.keyClick(panel.shares_edit, Qt.Key.Key_Return)
    una = unallocated_fte(panel)
    assert una[2024] == pytest.approx(5.5 * 0.6, abs=1e-9)
    assert una[2023] == pytest.approx(4.5 * 0.5, abs=1e-9)
    assert panel.table.item(0, 2).text() == "2,2"  # 40 % of 5.5
