"""The import dialog's session without Qt: the same files and figures as tests/ui/test_import_dialog.py,
read from the session's preview, mapping choices, profiles and the sentence after an import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.errors import UserError
from desktop.core.progress import NullProgress
from desktop.presenters.importing import (
    NOT_MAPPED,
    ImportSession,
    import_with_progress,
    plan_with_progress,
    seconds_left,
)
from desktop.services import importing
from desktop.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"
MODE = importing.DEFAULT_MODE


@pytest.fixture
def bare_store(tmp_path):
    s = Store.create(tmp_path / "dialogi.sote")
    yield s
    s.close()


def _own_csv(tmp_path, text="Tunniste;Milloin;Rahaa\nA1;1.1.2024;5\nA2;2.1.2024;6,5\n"):
    path = tmp_path / "oma.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _as_events(session, path):
    session.open(path, None, None, "events")
    session.overrides = {}
    return session.replan("events", MODE)


def test_session_module_imports_no_qt():
    code = "import sys, desktop.presenters.importing; print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_preview_shows_parsed_rows_and_problems(bare_store):
    session = ImportSession(bare_store)
    plan = session.open(DATA / "events_bad_values.csv", None, None, "population")
    assert plan.kind == "events"
    preview = session.preview()
    assert len(preview.frame) == 6
    assert preview.lines[:3] == [2, 5, 6]  # the file's line numbers (the first record spans lines 2-4)
    assert preview.masked_column == "hetu"
    assert "'abc' ei ole luku" in preview.problems[(2, "kustannus")]
    assert (1, "kustannus") not in preview.problems
    assert preview.problem_rows == 3 and any("3 virheellistä riviä" in note for note in preview.notes)
    assert preview.can_import
    choices = {c.header: c for c in session.mapping_choices()}
    assert choices["kustannus"].current == "cost_eur"
    assert ("person_id", "henkilö *") in choices["hetu"].fields


def test_mapping_by_hand_then_import(bare_store, tmp_path):
    session = ImportSession(bare_store)
    _as_events(session, _own_csv(tmp_path))
    preview = session.preview()
    assert not preview.can_import and "person_id" in preview.missing
    assert "henkilö" in preview.notes[0]  # the field's Finnish label, not its code name
    for column, field in (("Tunniste", "person_id"), ("Milloin", "date"), ("Rahaa", "cost_eur")):
        assert session.set_mapping(column, field)
        session.replan("events", MODE)
    assert session.plan.mapping == {"person_id": "Tunniste", "date": "Milloin", "cost_eur": "Rahaa"}
    assert session.preview().can_import
    session.set_mapping("Rahaa", NOT_MAPPED)  # not used after all
    assert "cost_eur" not in session.replan("events", MODE).mapping
    session.set_mapping("Rahaa", "cost_eur")
    session.replan("events", MODE)
    result = import_with_progress(NullProgress(), bare_store, session.import_plan(MODE))
    assert result.rows == 2
    assert bare_store.load("events")["cost_eur"].tolist() == [5.0, 6.5]
    told = session.success_text(result)
    assert told.startswith(f"Tiedosto oma.csv tuotiin: 2 riviä erään {result.batch_id}.") and "Henkilöitä 2." in told


def test_failed_import_stores_nothing_and_skip_invalid_imports_the_rest(bare_store):
    session = ImportSession(bare_store)
    session.open(DATA / "events_bad_values.csv", None, None, "events")
    with pytest.raises(UserError, match="rivi 6, sarake kustannus"):
        import_with_progress(NullProgress(), bare_store, session.import_plan(MODE))
    assert bare_store.batches() == []
    result = import_with_progress(NullProgress(), bare_store, session.import_plan(MODE), skip_invalid=True)
    assert (result.rows, result.rejected) == (3, 3)
    assert "Hylättyjä rivejä 3" in session.success_text(result)
    again = ImportSession(bare_store)
    again.open(DATA / "events_bad_values.csv", None, None, "events")
    assert any(f"erässä #{result.batch_id}" in note for note in again.preview().notes)


def test_profiles_save_choose_delete(bare_store, tmp_path):
    path = _own_csv(tmp_path, "Tunniste;Milloin\nA1;1.1.2024\n")
    session = ImportSession(bare_store)
    _as_events(session, path)
    session.set_mapping("Tunniste", "person_id")
    session.set_mapping("Milloin", "date")
    session.replan("events", MODE)
    assert session.save_profile(" Asiakasjärjestelmä ") == "Asiakasjärjestelmä"
    assert session.profile_names("events") == ["Asiakasjärjestelmä"]
    other = ImportSession(bare_store)
    _as_events(other, path)
    assert "person_id" in other.preview().missing  # nothing recognised without the profile
    assert other.choose_profile("Asiakasjärjestelmä") is None  # no travel mode in an events profile
    assert other.replan("events", MODE).mapping == {"person_id": "Tunniste", "date": "Milloin"}
    other.delete_profile("Asiakasjärjestelmä")
    assert other.profile_names("events") == []


def test_a_file_that_cannot_be_opened_leaves_no_plan(bare_store):
    session = ImportSession(bare_store)
    with pytest.raises(UserError):
        session.open(DATA / "not_a_workbook.xlsx", None, None, "events")
    assert session.plan is None and session.replan("events", MODE) is None and session.mapping_choices() == []


def test_geopackage_layers_and_background_opening(bare_store):
    session = ImportSession(bare_store)

    def planner(kind, sheet):  # as the dialog's, through the function it runs off the UI thread
        return plan_with_progress(NullProgress(), bare_store, session.path, kind=kind, sheet=sheet, mode=MODE)

    plan = session.open(DATA / "sites_wgs84.gpkg", None, None, "events", planner)
    assert plan.kind == "sites" and "toimipisteet" in session.layer_names()
    assert len(session.preview().frame) == 2


def test_time_left_once_it_can_be_told():
    assert seconds_left(10.0, 0.5) == 10
    assert seconds_left(0.5, 0.5) is None and seconds_left(10.0, 0.01) is None and seconds_left(10.0, 1.0) is None
