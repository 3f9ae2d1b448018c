"""The import dialog: preview with recognised mapping and highlighted problems, mapping by the
drop-downs, import in the background, a failed import, cancel, profiles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.store import Store
from desktop.ui.dialogs.import_dialog import PROBLEM_BRUSH, ImportDialog

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "dialogi.sote")
    yield s
    s.close()


def _cell(dialog, row, column_name, role=Qt.ItemDataRole.DisplayRole):
    model = dialog.model
    col = list(model.frame.columns).index(column_name)
    return model.data(model.index(row, col), role)


def test_preview_shows_parsed_rows_and_problems(qtbot, qtmodeltester, store):
    dialog = ImportDialog(store, DATA / "events_bad_values.csv")
    qtbot.addWidget(dialog)
    assert dialog.current_kind() == "events"
    assert dialog.model.rowCount() == 6
    qtmodeltester.check(dialog.model)
    # row headers are the file's line numbers (the first record spans lines 2-4)
    assert [dialog.model.headerData(i, Qt.Orientation.Vertical) for i in range(3)] == ["2", "5", "6"]
    assert _cell(dialog, 0, "hetu") == "******-****"  # no identity code on screen
    assert _cell(dialog, 2, "kustannus", Qt.ItemDataRole.BackgroundRole) == PROBLEM_BRUSH
    assert "'abc' ei ole luku" in _cell(dialog, 2, "kustannus", Qt.ItemDataRole.ToolTipRole)
    assert _cell(dialog, 1, "kustannus", Qt.ItemDataRole.BackgroundRole) is None
    assert "3 virheellistä riviä" in dialog.status_label.text()
    assert dialog.mapping_combo("kustannus").currentData() == "cost_eur"


def test_mapping_by_drop_down_then_import(qtbot, store, tmp_path):
    path = tmp_path / "oma.csv"
    path.write_text("Tunniste;Milloin;Rahaa\nA1;1.1.2024;5\nA2;2.1.2024;6,5\n", encoding="utf-8")
    dialog = ImportDialog(store, path)
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("events"))
    assert not dialog.import_button.isEnabled()
    assert "henkilö" in dialog.status_label.text()  # the field's Finnish label, not its code name
    for column, field in (("Tunniste", "person_id"), ("Milloin", "date"), ("Rahaa", "cost_eur")):
        combo = dialog.mapping_combo(column)
        combo.setCurrentIndex(combo.findData(field))
    assert dialog.plan.mapping == {"person_id": "Tunniste", "date": "Milloin", "cost_eur": "Rahaa"}
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=15000)
    assert dialog.imported.rows == 2
    assert store.load("events")["cost_eur"].tolist() == [5.0, 6.5]


def test_failed_import_stores_nothing(qtbot, store):
    dialog = ImportDialog(store, DATA / "events_bad_values.csv")
    qtbot.addWidget(dialog)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.task is None and dialog.last_error is not None, timeout=15000)
    assert "rivi 6, sarake kustannus" in str(dialog.last_error)
    assert "rivi 6, sarake kustannus" in dialog.report.details_view.toPlainText()  # the report dialog
    dialog.report.close()
    assert store.batches() == []
    dialog.skip_invalid.setChecked(True)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=15000)
    assert (dialog.imported.rows, dialog.imported.rejected) == (3, 3)


def test_cancel_leaves_the_store_unchanged(qtbot, store, tmp_path):
    path = tmp_path / "iso.csv"
    lines = ["hetu;pvm;kunta;kustannus"] + [f"A{i % 997};{1 + i % 28}.1.2024;179;{i % 50},5" for i in range(60_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = ImportDialog(store, path)
    qtbot.addWidget(dialog)
    dialog.start_import()
    assert dialog.cancel_button.isVisibleTo(dialog)
    dialog.cancel_import()  # before the worker's first progress report: it stops there
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)
    assert "peruttiin" in dialog.progress_label.text()
    assert dialog.imported is None and store.batches() == [] and store.row_count("events") == 0
    assert store.integrity_ok()


def test_profiles_save_choose_delete(qtbot, store, tmp_path):
    path = tmp_path / "oma.csv"
    path.write_text("Tunniste;Milloin\nA1;1.1.2024\n", encoding="utf-8")
    dialog = ImportDialog(store, path)
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("events"))
    dialog.set_mapping("Tunniste", "person_id")
    dialog.set_mapping("Milloin", "date")
    dialog.save_profile("Asiakasjärjestelmä")
    assert dialog.profile_combo.findData("Asiakasjärjestelmä") > 0
    other = ImportDialog(store, path)
    qtbot.addWidget(other)
    other.kind_combo.setCurrentIndex(other.kind_combo.findData("events"))
    assert "henkilö" in other.status_label.text()  # nothing recognised without the profile
    other.profile_combo.setCurrentIndex(other.profile_combo.findData("Asiakasjärjestelmä"))
    other._profile_chosen()
    assert other.plan.mapping == {"person_id": "Tunniste", "date": "Milloin"}
    other.delete_profile()
    assert other.profile_combo.findData("Asiakasjärjestelmä") == -1


def test_geopackage_opens_and_imports(qtbot, store):
    dialog = ImportDialog(store, DATA / "sites_wgs84.gpkg")
    qtbot.addWidget(dialog)
    assert dialog.current_kind() == "sites"
    assert dialog.sheet_combo.currentText() == "toimipisteet"
    assert dialog.model.rowCount() == 2
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=15000)
    assert dialog.imported.rows == 2


def test_import_runs_beside_the_event_loop(qtbot, monkeypatch, tmp_path, store):
    """The dialog's import runs on a worker thread: while it is held there, the GUI thread's timer
    keeps ticking; released, it imports every row. (Stall times: tests/bench/test_import_dialog_bench.py.)"""
    import threading

    from PySide6.QtCore import QTimer

    from desktop.services import importing
    from tests.bench.test_import_bench import write_events_csv

    path = tmp_path / "kaynnit.csv"
    write_events_csv(path, 5_000)
    release, threads = threading.Event(), []
    real = importing.run_import

    def held(*args, **kwargs):
        threads.append(threading.current_thread())
        if not release.wait(60):
            raise TimeoutError("the test did not release the import")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "run_import", held)
    dialog = ImportDialog(store, path)
    qtbot.addWidget(dialog)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(dialog.imported))
    timer.start(10)
    dialog.start_import()
    qtbot.waitUntil(lambda: len(threads) == 1 and len(ticks) >= 5, timeout=60_000)
    assert dialog.imported is None and threads[0] is not threading.main_thread()
    release.set()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=120_000)
    timer.stop()
    assert dialog.imported.rows == 5_000 and store.row_count("events") == 5_000


def test_a_ten_column_export_fits_a_1280_by_800_screen_and_enter_imports(qtbot, store, answers):
    """The drop-downs scroll with the columns instead of widening the dialog; Enter imports (it never
    reopens the file chooser) and the planner is told the rows, persons and batch."""
    from desktop.ui.dialogs.import_dialog import run_import_dialog

    def enter(dialog):
        assert dialog.minimumSizeHint().width() <= 1280 - 40 and dialog.minimumSizeHint().height() <= 800 - 60
        dialog.resize(1200, 700)
        assert len(dialog.plan.source.headers) == 10
        assert dialog.mapping_combo("Henkilötunnus").currentText() == "henkilö *"
        qtbot.keyClick(dialog.file_label, Qt.Key.Key_Return)  # focus anywhere but a text field
        qtbot.waitUntil(lambda: dialog.imported is not None or dialog.last_error is not None, timeout=30_000)
        return dialog.result()

    answers.on_dialog = enter
    assert run_import_dialog(None, store, DATA / "events_fi_cp1252.csv")
    assert answers.of("open_file") == []  # Enter did not open the file chooser
    told = answers.notices[-1]
    batch = store.batches()[-1]
    assert f"erään {batch.id}" in told and "Henkilöitä" in told and "riviä" in told
