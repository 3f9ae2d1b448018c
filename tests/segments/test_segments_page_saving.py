"""The Segmentit page's Kumoa / Tee uudelleen / Tallenna as a planner clicks them (the page base's undo
actions): Save is on only with unsaved edits; edit, save, undo, a different edit -> unsaved again."""

from __future__ import annotations

from dataclasses import replace

import pytest
from event_frames import demo_like_records, single_year_population, write_store
from PySide6.QtCore import Qt

from desktop.services.segments import load_segments
from desktop.store import open_store
from desktop.ui.pages.segments_page import SegmentsPage

LOAD_TIMEOUT_MS = 20_000  # generous: a shared 2-core machine may be busy


@pytest.fixture
def page_and_store(qtbot, tmp_path):
    store = open_store(write_store(tmp_path / "alue.sote", demo_like_records(40), single_year_population()))
    page = SegmentsPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    with qtbot.waitExposed(page):
        page.show()
    yield page, store
    page.set_store(None)
    store.close()


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_save_follows_the_saved_marker(qtbot, page_and_store):
    page, store = page_and_store
    assert not page.save_button.isEnabled() and not page.undo_button.isEnabled()
    assert not page.has_unsaved_changes()
    first = page.segments[0].name
    page.list.setCurrentRow(0)
    page.name_edit.setText("Lapset")
    page.name_edit.editingFinished.emit()  # the planner leaves the field
    assert page.segments[0].name == "Lapset" and page.save_button.isEnabled() and page.has_unsaved_changes()
    click(qtbot, page.save_button)
    assert load_segments(store)[0].name == "Lapset" and page.message.text() == "Segmentit tallennettu."
    assert not page.save_button.isEnabled() and not page.has_unsaved_changes()
    click(qtbot, page.undo_button)
    assert page.segments[0].name == first and page.save_button.isEnabled()
    click(qtbot, page.redo_button)
    assert page.segments[0].name == "Lapset" and not page.has_unsaved_changes()  # back at the saved step
    click(qtbot, page.undo_button)
    page.edit_segment(1, replace(page.segments[1], name="Aikuiset"))  # replaces the saved step
    assert page.has_unsaved_changes() and page.save_button.isEnabled() and not page.redo_button.isEnabled()
    assert load_segments(store)[0].name == "Lapset"  # only a save reaches the store


def test_a_read_only_project_has_nothing_to_save(qtbot, tmp_path):
    path = write_store(tmp_path / "alue.sote", demo_like_records(40), single_year_population())
    store = open_store(path, readonly=True)
    page = SegmentsPage()
    qtbot.addWidget(page)
    try:
        with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
            page.set_store(store)
        page.edit_segment(0, replace(page.segments[0], name="Lapset"))
        assert page.undo_button.isEnabled() and not page.save_button.isEnabled()
        assert not page.has_unsaved_changes()  # nothing can be saved: closing asks nothing
    finally:
        page.set_store(None)
        store.close()
