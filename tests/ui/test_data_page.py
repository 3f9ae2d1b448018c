"""The Data page (Aineistot): batches and datasets of the open store, removing a batch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from shell_stores import make_store
from sqlalchemy import func, select

from desktop.store import open_store
from desktop.store.tables import imports as imports_tables
from desktop.ui.pages.data_page import (
    BatchTableModel,
    DataPage,
    DatasetTableModel,
    format_count,
    format_time,
    format_years,
)


@pytest.fixture
def store(tmp_path):
    s = open_store(make_store(tmp_path / "keski.sote", synthetic=True))
    yield s
    s.close()


@pytest.fixture
def page(qtbot, store):
    p = DataPage()
    qtbot.addWidget(p)
    p.set_store(store)
    p.show()
    return p


def _cells(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, store):
    from desktop.services.project_info import project_info

    info = project_info(store)
    batches = BatchTableModel()
    batches.set_records(info["batches"])
    qtmodeltester.check(batches)
    datasets = DatasetTableModel()
    datasets.set_records(info["datasets"])
    qtmodeltester.check(datasets)


def test_page_lists_batches_and_datasets_of_the_store(page):
    batches = page.batch_model
    assert batches.rowCount() == 2
    assert _cells(batches, 2) == ["vaesto_2024.csv", "avohilmo_2023_2024.csv"]
    assert _cells(batches, 1) == ["Väestö", "Palvelutapahtumat"]
    assert _cells(batches, 3) == ["4", "3"]
    assert _cells(batches, 4) == ["0", "1"]
    assert _cells(batches, 6) == ["ab" * 6, "cd" * 6]
    datasets = {page.dataset_model.data(page.dataset_model.index(r, 0)): r for r in range(page.dataset_model.rowCount())}
    events_row = datasets["Palvelutapahtumat"]
    assert page.dataset_model.data(page.dataset_model.index(events_row, 1)) == "3"
    assert page.dataset_model.data(page.dataset_model.index(events_row, 2)) == "2023–2024"
    population_row = datasets["Väestö"]
    assert page.dataset_model.data(page.dataset_model.index(population_row, 2)) == "2024 (ennuste 2026)"
    finance_row = datasets["Talous"]
    assert page.dataset_model.data(page.dataset_model.index(finance_row, 2)) == "ei tuotu"
    assert page.dataset_model.data(page.dataset_model.index(finance_row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.synthetic_label.isVisible()
    assert not page.empty_label.isVisible()
    page.render_check()


def test_remove_batch_asks_and_removes_it(page, store, answers):
    asked = answers.asked
    pop_batch = next(b.id for b in store.batches() if b.kind == "population")
    assert page.select_batch(pop_batch)
    modified = []
    page.store_modified.connect(lambda: modified.append(True))
    assert page.remove_selected_batch()
    asked = answers.asked
    assert "ei voi perua" in asked[0] and "vaesto_2024.csv" in asked[0]
    assert [b.kind for b in store.batches()] == ["events"]
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(imports_tables.population)).scalar_one() == 0
    assert page.batch_model.rowCount() == 1
    assert modified == [True]


def test_remove_batch_answer_no_keeps_it(page, store, answers):
    answers.yes_no = QMessageBox.StandardButton.No
    page.select_batch(store.batches()[0].id)
    assert not page.remove_selected_batch()
    assert len(store.batches()) == 2


def test_remove_needs_a_selection_and_a_writable_store(qtbot, tmp_path):
    path = make_store(tmp_path / "vain.sote")
    store = open_store(path, readonly=True)
    try:
        p = DataPage()
        qtbot.addWidget(p)
        p.set_store(store)
        assert not p.remove_button.isEnabled()
        p.select_batch(store.batches()[0].id)
        assert p.report_button.isEnabled()
        assert not p.remove_button.isEnabled()
        assert not p.import_button.isEnabled()
        assert not p.synthetic_label.isVisible()
        p.set_store(None)
    finally:
        store.close()


def test_import_button_asks_the_window(page, qtbot):
    with qtbot.waitSignal(page.import_requested, timeout=1000):
        page.import_button.click()


def test_empty_store_shows_a_hint(qtbot, tmp_path):
    from desktop.store import Store

    store = Store.create(tmp_path / "tyhja.sote")
    try:
        p = DataPage()
        qtbot.addWidget(p)
        p.set_store(store)
        p.show()
        assert p.batch_model.rowCount() == 0
        assert p.empty_label.isVisible()
        p.set_store(None)
    finally:
        store.close()


def test_formats():
    assert format_count(1234567) == "1\u00a0234\u00a0567"
    assert format_years([2024, 2023]) == "2023–2024"
    assert format_years([2021, 2023]) == "2021, 2023"
    assert format_years([]) == "–"
    assert format_time("2026-01-05T08:03:00") == "5.1.2026 08:03"
