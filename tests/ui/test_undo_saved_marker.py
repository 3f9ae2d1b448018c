"""Undo's saved marker on a page: edit, save, undo, a different edit -> the page says there are
unsaved edits and Save is enabled (the saved step was replaced; desktop.core.command.UndoStack)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services.classification import load_versions
from desktop.ui.pages.classification_page import ClassificationPage
from tests.classification.helpers import store_with_events
from tests.classification.test_worked_example import ROWS
from tests.ui.test_classification_page import select_service

LOAD_TIMEOUT_MS = 20_000  # generous: a shared 2-core machine may be busy


@pytest.fixture
def page_and_store(qtbot, tmp_path):
    store = store_with_events(tmp_path / "t.sote", ROWS)
    page = ClassificationPage()
    qtbot.addWidget(page)
    page.resize(1400, 800)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    with qtbot.waitExposed(page):
        page.show()
    yield page, store
    page.set_store(None)
    store.close()


def type_service_forms(page: ClassificationPage, qtbot, text: str) -> None:
    """Type into the first rule's 'service_form' values and press Enter, as a planner does."""
    row = next(r for r in page.builder.rows if r.condition().field == "service_form")
    row.values.selectAll()
    qtbot.keyClick(row.values, Qt.Key.Key_Delete)
    qtbot.keyClicks(row.values, text)
    popup = row.values.completer().popup()
    if popup.isVisible():  # the suggestions of service forms: Escape closes them, the text stays
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert row.values.text() == text
    qtbot.keyClick(row.values, Qt.Key.Key_Return)


def saved_forms(store) -> list[tuple[str, ...]]:
    rule = load_versions(store)[-1].rules_of("NEUVOLA")[0]
    return [c.values for c in rule.conditions if c.field == "service_form"]


def test_a_different_edit_after_undoing_the_saved_one_is_unsaved(page_and_store, qtbot):
    page, store = page_and_store
    select_service(page, "NEUVOLA")
    assert not page.save_button.isEnabled()
    type_service_forms(page, qtbot, "T22")
    qtbot.waitUntil(lambda: page.unsaved_label.isVisibleTo(page), timeout=3000)
    assert page.save_button.isEnabled()

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved_forms(store) == [("T22",)]
    assert not page.unsaved_label.isVisibleTo(page) and not page.save_button.isEnabled()

    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)  # back to T21, T22: not what is saved
    qtbot.waitUntil(lambda: page.unsaved_label.isVisibleTo(page), timeout=3000)
    assert page.save_button.isEnabled()

    select_service(page, "NEUVOLA")
    type_service_forms(page, qtbot, "T21")  # a different edit replaces the saved step
    qtbot.waitUntil(lambda: not page.undo_stack.undone, timeout=3000)
    assert page.unsaved_label.isVisibleTo(page)  # the screen shows T21, the store holds T22
    assert page.save_button.isEnabled()

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved_forms(store) == [("T21",)]
    assert not page.unsaved_label.isVisibleTo(page) and not page.save_button.isEnabled()
