"""The GUI of a team project: File > "Avaa tiimin projekti…" clicked through Qt with its dialog
answered, the password prompt, the recent list without passwords, the title; a viewer's read-only
window; and a conflicting save answered with reload or save-as-copy. Every question is answered by
the `answers` fixture (desktop.ui.dialogs.ask)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pg_server import PASSWORDS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from desktop.store import Store
from desktop.ui import settings as S
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import AppSettings

LOAD_TIMEOUT_MS = 30_000
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))  # event_frames


def answer_with(qtbot, text: str, seen: list):
    """An `on_dialog` answer: remember the dialog's message and press its button `text`."""

    def answer(dialog) -> int:
        seen.append(dialog.text())
        click_text(qtbot, dialog, text)
        return dialog.result()

    return answer


def click_text(qtbot, box, text: str) -> None:
    button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def no_pgpass(tmp_path, monkeypatch):
    empty = tmp_path / "tyhja-pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    monkeypatch.delenv("PGPASSWORD", raising=False)


@pytest.fixture
def team_project(pg_server):
    from event_frames import demo_like_records, single_year_population, write_store

    database = pg_server.new_database("ikkuna")
    write_store(pg_server.url("analyst1", database), demo_like_records(60), single_year_population())
    return database


@pytest.fixture
def window(qtbot, tmp_path, answers):
    settings = AppSettings(tmp_path / "settings.ini")
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def test_open_a_team_project_from_the_file_menu_and_again_from_the_recent_list(
        qtbot, window, answers, pg_server, team_project, no_pgpass, tmp_path):
    shown = []

    def fill(dialog):
        shown.append(dialog)
        dialog.host.clear()
        qtbot.keyClicks(dialog.host, "127.0.0.1")
        dialog.port.setValue(pg_server.port)
        qtbot.keyClicks(dialog.database, team_project)
        qtbot.keyClicks(dialog.user, "analyst1")
        qtbot.keyClicks(dialog.password, PASSWORDS["analyst1"])
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    from desktop.ui.dialogs.team_project_dialog import TeamProjectDialog

    answers.on_dialog = fill
    window.team_action.trigger()
    assert len(shown) == 1 and isinstance(shown[0], TeamProjectDialog), "the dialog was not shown"
    store = window.store
    assert store is not None and store.is_server and not store.readonly
    address = f"postgresql://analyst1@127.0.0.1:{pg_server.port}/{team_project}"
    assert store.display == address
    assert "tiimin projekti palvelimella 127.0.0.1" in window.windowTitle()
    assert window.store_label.text() == address
    assert window.settings.recent_files()[0] == address
    assert window.settings.get(S.LAST_STORE) == address
    window.settings.sync()
    written = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert PASSWORDS["analyst1"] not in written and address in written

    # again from the recent list: the password is asked (it was not kept)
    assert window.close_store()
    window._fill_recent_menu()
    recent = next(a for a in window.recent_menu.actions() if a.data() == address)
    assert "(tiimin projekti)" in recent.text() and recent.isEnabled()

    answers.values["text"] = PASSWORDS["analyst1"]
    recent.trigger()
    asked = answers.of("text")
    assert len(asked) == 1 and asked[0].extra["secret"] and "Salasana käyttäjälle analyst1" in asked[0].text
    assert window.store is not None and window.store.display == address
    from event_frames import demo_like_records

    assert window.store.row_count("events") == len(demo_like_records(60))


def test_a_viewer_gets_a_read_only_window(qtbot, window, pg_server, team_project):
    assert window.open_path(pg_server.url("viewer1", team_project))
    assert window.store.readonly and window.store.read_only_role
    assert "[vain luku]" in window.windowTitle() and "tiimin projekti" in window.windowTitle()
    assert not window.import_action.isEnabled()


def test_the_dialog_cancelled_or_without_a_database_opens_nothing(qtbot, window, answers):
    """Cancel, and OK without a database name (told so; the dialog stays until cancelled)."""

    def ok_without_database(dialog) -> int:
        qtbot.keyClicks(dialog.host, "127.0.0.1")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # still open: the planner is told what is missing
        return dialog.result()

    window.team_action.trigger()  # the default answer cancels the dialog
    assert window.store is None and len(answers.of("dialog")) == 1 and not answers.warnings
    answers.on_dialog = ok_without_database
    window.team_action.trigger()
    assert window.store is None and answers.warnings == ["Anna tietokannan nimi."]


def test_a_wrong_address_is_a_message_not_a_crash(qtbot, window, answers):
    from pg_server import free_port

    assert not window.open_path(f"postgresql://maija:piilossa@127.0.0.1:{free_port()}/sote")
    told = answers.warnings
    assert told and "ei saatu yhteyttä" in told[0] and "piilossa" not in told[0]
    assert window.store is None


def _segments_page(qtbot, store):
    from desktop.ui.pages.segments_page import SegmentsPage

    page = SegmentsPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    return page


def _colleague_renames_first_segment(pg_server, database, name):
    from desktop.services import edit_versions, segments

    with Store.open(pg_server.url("analyst2", database)) as colleague:
        edit_versions.begin_editing(colleague, "segments")
        rules = segments.load_segments(colleague, active_only=False)
        rules[0] = type(rules[0])(name, rules[0].condition, rules[0].kind, rules[0].name_en, rules[0].description)
        segments.save_segments(colleague, rules)


def test_a_conflicting_save_offers_reload_and_save_as_copy(qtbot, pg_server, team_project, tmp_path, answers):
    from desktop.services.segments import load_segments
    from desktop.ui.dialogs.save_conflict import RELOAD  # noqa: F401 - the dialog's module

    store = Store.open(pg_server.url("analyst1", team_project))
    page = _segments_page(qtbot, store)
    try:
        # I remove a segment; meanwhile a colleague renames the first one and saves
        page.list.setCurrentRow(3)
        removed = page.segments[3].name
        page.remove_selected()
        _colleague_renames_first_segment(pg_server, team_project, "Kollegan nimi")
        shown: list = []
        answers.on_dialog = answer_with(qtbot, "Lataa uudelleen", shown)
        with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert shown and "Segmenttisäännöt: analyst2 tallensi uudemman version" in shown[0]
        assert page.segments[0].name == "Kollegan nimi" and removed in [s.name for s in page.segments]
        assert removed in [s.name for s in load_segments(store)]  # my removal was not written

        # again, now keeping my change in a copy of the project
        page.list.setCurrentRow(3)
        page.remove_selected()
        _colleague_renames_first_segment(pg_server, team_project, "Kollegan toinen nimi")
        copy = tmp_path / "omat-muutokset.sote"
        answers.file_for = lambda request: str(copy)
        shown = []
        answers.on_dialog = answer_with(qtbot, "Tallenna kopiona…", shown)
        with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
            qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        told = answers.notices
        assert shown and told and str(copy) in told[0]
        with Store.open(copy, readonly=True) as mine:
            names = [s.name for s in load_segments(mine)]
            assert removed not in names and names[0] == "Kollegan nimi"  # my list, as I last saw it
        team = [s.name for s in load_segments(store)]
        assert removed in team and team[0] == "Kollegan toinen nimi"
        assert page.segments[0].name == "Kollegan toinen nimi"
    finally:
        page.set_store(None)
        store.close()


def test_classification_page_conflict_keep_editing_then_reload(qtbot, pg_server, answers):
    from desktop.services import edit_versions
    from desktop.services.classification import load_classification, save_classification
    from desktop.ui.pages.classification_page import ClassificationPage
    from tests.classification.helpers import event, store_with_events
    from tests.ui.test_classification_page import select_service

    database = pg_server.new_database("luokitus")
    store = store_with_events(pg_server.url("analyst1", database),
                              [event(service_form="T11", professional_group="lääkäri"), event(service_form="T21")])
    page = ClassificationPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    try:
        select_service(page, "VO-LÄÄK")
        page.delete_rule()
        assert page.unsaved_label.isVisibleTo(page)
        with Store.open(pg_server.url("analyst2", database)) as colleague:
            edit_versions.begin_editing(colleague, "classification")
            theirs = load_classification(colleague)
            theirs.name = "Kollegan luokitus"
            save_classification(colleague, theirs)
        kept: list = []
        answers.on_dialog = answer_with(qtbot, "Jatka muokkausta", kept)
        page.save_action.trigger()
        assert kept and "Palveluluokitus: analyst2" in kept[0]
        assert page.unsaved_label.isVisibleTo(page) and not page.classification.rules_of("VO-LÄÄK")  # edits kept
        reloaded: list = []
        answers.on_dialog = answer_with(qtbot, "Lataa uudelleen", reloaded)
        with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
            page.save_action.trigger()
        assert reloaded
        assert page.classification.name == "Kollegan luokitus" and page.classification.rules_of("VO-LÄÄK")
        assert load_classification(store).name == "Kollegan luokitus"
    finally:
        page.set_store(None)
        store.close()


def test_the_error_report_and_its_log_drop_passwords_and_mask_identity_codes(qtbot):
    from desktop.ui.dialogs.report_dialog import error_report

    try:
        raise RuntimeError("postgresql://maija:piilossa@palvelin/sote: asiakas 131052-308T")
    except RuntimeError as exc:
        dialog = error_report(exc)
    qtbot.addWidget(dialog)
    shown = dialog.text()
    assert "postgresql://maija@palvelin/sote" in shown and "******-****" in shown
    assert "piilossa" not in shown and "131052-308T" not in shown
    logged = dialog.log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "piilossa" not in logged and "131052-308T" not in logged
