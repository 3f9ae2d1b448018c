"""The app shell: opening stores, title, navigation, remembered state, recent files, menus,
import and drop, read-only when in use, translations."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox
from shell_stores import make_store

from desktop.store import open_store
from desktop.ui import settings as S
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import page_classes
from desktop.ui.settings import AppSettings


@pytest.fixture(autouse=True)
def questions(answers):
    """No modal question may block a test: unless a test answers itself, every yes/no question gets
    "Yes" and unsaved edits are discarded (e.g. the classification page of a store without a saved
    classification counts as unsaved)."""
    return answers


@pytest.fixture
def settings(tmp_path):
    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, settings):
    windows = []

    def make():
        w = MainWindow(settings)
        qtbot.addWidget(w)
        w.show()
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def demo_path(tmp_path):
    return make_store(tmp_path / "keski-suomi.sote", synthetic=True)


@pytest.fixture
def english():
    from desktop.app import install_translators

    yield install_translators
    install_translators("fi")


def test_opens_a_store_with_its_name_years_and_synthetic_label_in_the_title(window, demo_path):
    assert window.open_path(demo_path)
    title = window.windowTitle()
    assert "keski-suomi" in title
    assert "2023–2024" in title
    assert "(synteettinen demoaineisto)" in title
    assert "Sote-suunnittelija" in title
    assert window.page("data").batch_model.rowCount() == 2
    assert str(demo_path) in window.store_label.text()
    header = window.project_header.text()
    assert "keski-suomi" in header and "2023–2024" in header and "Synteettinen demoaineisto" in header


def test_title_of_a_real_store_has_no_synthetic_label(window, tmp_path):
    assert window.open_path(make_store(tmp_path / "oma.sote"))
    assert "synteettinen" not in window.windowTitle()
    assert "oma" in window.windowTitle()


def test_navigation_lists_every_page_and_switches(window, demo_path, qtbot):
    window.open_path(demo_path)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == [cls.title() for cls in page_classes()]
    assert titles[0] == "Aineistot"
    for row, page in enumerate(window.pages):
        window.navigation.setCurrentRow(row)
        assert window.stack.currentWidget().widget() is page
        assert window.current_page() is page
    window.navigation.setFocus()
    window.navigation.setCurrentRow(0)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_page() is window.pages[1]


def test_geometry_and_last_page_are_remembered_across_windows(make_window, settings, demo_path):
    first = make_window()
    first.resize(710, 520)  # the offscreen screen is 800 x 600
    first.show_page("segments")
    first.open_path(demo_path)
    first.close()
    assert first.store is None  # closing the window closed the store
    second = make_window()
    assert (second.width(), second.height()) == (710, 520)
    assert second.current_page().key == "segments"
    assert settings.get(S.LAST_STORE) == str(demo_path.resolve())


def test_recent_files_newest_first_and_in_the_menu(window, settings, tmp_path):
    a = make_store(tmp_path / "a.sote")
    b = make_store(tmp_path / "b.sote")
    assert window.open_path(a)
    assert window.open_path(b)
    assert settings.recent_files() == [str(b.resolve()), str(a.resolve())]
    window._fill_recent_menu()
    names = [act.data() for act in window.recent_menu.actions() if act.data()]
    assert names == [str(b.resolve()), str(a.resolve())]
    # opening from the menu
    next(act for act in window.recent_menu.actions() if act.data() == str(a.resolve())).trigger()
    assert Path(window.store.path).resolve() == a.resolve()


def test_recent_files_keep_the_last_eight(settings, tmp_path):
    for i in range(10):
        settings.add_recent_file(tmp_path / f"p{i}.sote")
    files = settings.recent_files()
    assert len(files) == S.MAX_RECENT
    assert files[0].endswith("p9.sote") and files[-1].endswith("p2.sote")
    settings.add_recent_file(tmp_path / "p5.sote")
    assert settings.recent_files()[0].endswith("p5.sote") and len(settings.recent_files()) == 8


def test_store_in_use_is_offered_read_only(window, demo_path, answers):
    other = open_store(demo_path)  # "another instance" holds the lock
    try:
        assert window.open_path(demo_path)
        assert "vain luku" in answers.asked[0]
        assert window.store.readonly
        assert "[vain luku]" in window.windowTitle()
        assert not window.import_action.isEnabled()
        assert not window.page("data").remove_button.isEnabled()
        window.close_store()
        answers.yes_no = QMessageBox.StandardButton.No
        assert not window.open_path(demo_path)
        assert window.store is None
    finally:
        other.close()


class _Warnings:
    def __init__(self, answers):
        self.answers = answers

    def __getitem__(self, i):
        return self.answers.warnings[i]

    def __len__(self):
        return len(self.answers.warnings)

    def __eq__(self, other):
        return list(self.answers.warnings) == other

    def __iter__(self):
        return iter(self.answers.warnings)


@pytest.fixture
def warnings_shown(answers):
    return _Warnings(answers)


def test_a_file_that_is_no_store_shows_a_message(window, tmp_path, warnings_shown):
    junk = tmp_path / "muistio.sote"
    junk.write_text("ei tietokanta", encoding="utf-8")
    assert not window.open_path(junk)
    assert window.store is None
    assert "muistio.sote" in warnings_shown[0]


def test_a_store_from_a_newer_version_shows_a_message(window, demo_path, warnings_shown):
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    con.commit()
    con.close()
    before = demo_path.read_bytes()
    assert not window.open_path(demo_path)
    assert "999" in warnings_shown[0]
    assert demo_path.read_bytes() == before


def test_quit_is_ctrl_q_and_file_menu_is_complete(window):
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if a.text()]
    for wanted in ("&Uusi projekti...", "&Avaa projekti...", "&Viimeisimmät", "&Tuo tiedosto...", "Tallenna &kopio...", "&Lopeta"):
        assert wanted in texts


@pytest.fixture
def fake_import_dialog(monkeypatch):
    from desktop.ui.dialogs import import_dialog

    calls = []

    def run_import_dialog(parent, store, path=None):
        calls.append((parent, store, path))
        return True

    monkeypatch.setattr(import_dialog, "run_import_dialog", run_import_dialog)
    return calls


def test_import_calls_the_import_dialog_and_refreshes(window, demo_path, fake_import_dialog, monkeypatch):
    window.open_path(demo_path)
    refreshed = []
    for page in window.pages:
        monkeypatch.setattr(page, "refresh", lambda key=page.key: refreshed.append(key))
    assert window.run_import("/tmp/vaesto.csv")
    assert fake_import_dialog == [(window, window.store, "/tmp/vaesto.csv")]
    assert refreshed == ["data"]  # the page in view at once, the others when shown
    for page in window.pages:
        window.show_page(page.key)
    assert sorted(refreshed) == sorted(p.key for p in window.pages)


def test_dropping_a_file_opens_the_import_dialog(window, demo_path, fake_import_dialog, tmp_path):
    window.open_path(demo_path)
    csv = tmp_path / "kaynnit.csv"
    csv.write_text("a;b\n1;2\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(csv))])
    enter = QDragEnterEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert [c[2] for c in fake_import_dialog] == [str(csv)]


def test_dropping_a_project_file_opens_it(window, tmp_path, fake_import_dialog):
    path = make_store(tmp_path / "pudotettu.sote")
    window.open_dropped([str(path)])
    assert window.store is not None and Path(window.store.path).name == "pudotettu.sote"
    assert fake_import_dialog == []


def test_removing_a_batch_on_the_data_page_refreshes_the_title_and_pages(window, demo_path, monkeypatch):
    window.open_path(demo_path)
    data = window.page("data")
    others = []
    for page in window.pages:
        if page is not data:
            monkeypatch.setattr(page, "refresh", lambda key=page.key: others.append(key))
    events = next(b.id for b in window.store.batches() if b.kind == "events")
    data.select_batch(events)
    assert data.remove_selected_batch()
    assert "2023" not in window.windowTitle()  # the events (and their years) are gone
    assert others == []  # hidden pages refresh when shown
    for page in window.pages:
        window.show_page(page.key)
    assert sorted(others) == sorted(p.key for p in window.pages if p is not data)


def test_export_writes_a_copy_that_opens(window, demo_path, tmp_path):
    window.open_path(demo_path)
    dest = tmp_path / "tyopaja.sote"
    assert window.export_copy_to(dest)
    copy = open_store(dest, readonly=True)
    try:
        assert [b.file_name for b in copy.batches()] == ["vaesto_2024.csv", "avohilmo_2023_2024.csv"]
    finally:
        copy.close()


def test_new_project_is_created_and_opened(window, tmp_path):
    assert window.create_project_at(tmp_path / "uusi")
    assert Path(window.store.path).name == "uusi.sote"
    assert window.page("data").batch_model.rowCount() == 0


def test_english_translation_loads(window, demo_path, english):
    window.open_path(demo_path)
    assert english("en")
    window.retranslate()
    assert window.navigation.item(0).text() == "Data"
    assert window.menuBar().actions()[0].text() == "&File"
    assert "(synthetic demo data)" in window.windowTitle()
    assert window.page("data").batch_model.headerData(2, Qt.Orientation.Horizontal) == "File"
    assert window.page("data").batch_model.rowCount() == 2  # pages were rebuilt on the same store


def test_language_menu_switches_and_is_remembered(window, settings, english):
    window.language_actions["en"].trigger()
    assert settings.get(S.LANGUAGE) == "en"
    assert window.navigation.item(5).text() == "Development measures"
    window.language_actions["fi"].trigger()
    assert window.navigation.item(5).text() == "Kehittämistoimenpiteet"


def test_lang_option_on_the_command_line_wins(settings):
    from desktop.app import ui_language

    settings.set(S.LANGUAGE, "fi")
    assert ui_language(settings, ["--lang", "en"]) == "en"
    assert ui_language(settings, []) == "fi"
    settings.set(S.LANGUAGE, "en")
    assert ui_language(settings, []) == "en"


def test_a_failing_page_shows_a_report_and_the_others_still_work(window, demo_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.dialogs.report_dialog import ReportDialog

    broken = window.pages[2]

    def boom(store):
        raise RuntimeError("sivu rikki")

    monkeypatch.setattr(broken, "set_store", boom)
    window.open_path(demo_path)
    window.show_page(broken.key)
    assert isinstance(window.page_errors[broken.key], RuntimeError)
    assert window.page("data").batch_model.rowCount() == 2
    reports = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportDialog) and w.isVisible()]
    assert len(reports) == 1 and "sivu rikki" in reports[0].message
    log_path = reports[0].log_path
    assert log_path.exists() and "RuntimeError" in log_path.read_text(encoding="utf-8")
    saved = reports[0].save_to(Path(log_path).with_name("raportti.txt"))
    assert "sivu rikki" in saved.read_text(encoding="utf-8")
    reports[0].close()


def test_about_names_the_version_and_the_data_sources(window, qtbot):
    from desktop import __version__
    from desktop.ui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog(window, synthetic=True)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "keski_suomi_municipalities.csv" in text
    assert "synteettinen" in text
    assert __version__ in dialog.findChild(type(window.store_label)).text()


@pytest.fixture
def no_event_loop(monkeypatch):
    """run_gui() without blocking in app.exec(); its excepthook, log handler and frozen start-up
    objects are undone after."""
    import gc
    import logging

    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "argv", ["sote-planner"])
    handlers = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
    gc.unfreeze()


def _open_main_window():
    from PySide6.QtWidgets import QApplication

    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())


def test_first_start_builds_and_opens_the_demo_store(no_event_loop):
    from desktop.app import run_gui
    from desktop.paths import demo_store_path

    assert not demo_store_path().exists()
    assert AppSettings().get(S.DEMO_SIZE) == "full"  # realistic per-resident figures by default
    AppSettings().set(S.DEMO_SIZE, "small")  # keep the test fast
    assert run_gui(None) == 0
    window = _open_main_window()
    assert Path(window.store.path) == demo_store_path()
    assert "(synteettinen demoaineisto)" in window.windowTitle()
    assert window.page("data").batch_model.rowCount() > 0


def test_start_opens_the_store_used_last(no_event_loop, tmp_path):
    from desktop.app import run_gui
    from desktop.paths import demo_store_path

    path = make_store(tmp_path / "viimeksi.sote")
    AppSettings().set(S.LAST_STORE, str(path))
    assert run_gui(None) == 0
    assert Path(_open_main_window().store.path) == path
    assert not demo_store_path().exists()


def test_an_exception_escaping_a_slot_is_logged_and_shown(monkeypatch, qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_excepthook
    from desktop.paths import log_dir
    from desktop.ui.dialogs.report_dialog import ReportDialog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook()
    try:
        raise ZeroDivisionError("jako nollalla")
    except ZeroDivisionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert "jako nollalla" in dialogs[0].message and str(log_dir()) in dialogs[0].message
    logs = list(log_dir().glob("virhe-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError" in logs[0].read_text(encoding="utf-8")
    dialogs[0].close()


def test_a_cancelled_demo_build_leaves_no_file(monkeypatch, settings, qtbot):
    import desktop.ui.main_window as mw

    def half_built(path, size, progress=None):
        Path(path).write_bytes(b"SQLite format 3\x00 half")
        progress.report(1, 10, "väestö")
        progress.cancel()  # as the Cancel button does
        progress.report(2, 10, "ruudut")

    monkeypatch.setattr(mw, "demo_builder", lambda: half_built)
    target = Path(settings.path).with_name("demo.sote")
    assert mw.ensure_demo_store(None, settings, target) is None
    assert not target.exists()


def test_hidden_pages_compute_only_when_shown(window, demo_path, monkeypatch):
    counts = {p.key: 0 for p in window.pages}
    for page in window.pages:
        original = page.refresh

        def counting(original=original, key=page.key):
            counts[key] += 1
            original()

        monkeypatch.setattr(page, "refresh", counting)
    window.show_page("data")
    window.open_path(demo_path)
    assert counts["data"] == 1 and counts["network"] == 0
    window.show_page("network")
    assert counts["network"] == 1
    window.show_page("data")
    window.show_page("network")
    assert counts["network"] == 1  # shown again without a change: no recomputation


def test_a_page_failing_on_first_show_is_reported(window, demo_path, monkeypatch):
    from desktop.ui.dialogs.report_dialog import ReportDialog

    page = window.page("segments")
    monkeypatch.setattr(page, "refresh", lambda: 1 / 0)
    window.show_page("data")
    window.open_path(demo_path)
    assert "segments" not in window.page_errors
    window.show_page("segments")
    assert isinstance(window.page_errors["segments"], ZeroDivisionError)
    dialog = next(w for w in window.findChildren(ReportDialog) if w.isVisible())
    dialog.close()


def test_pages_come_in_navigation_order():
    from desktop.ui import pages

    assert [c.key for c in pages.page_classes()] == [
        "data", "classification", "segments", "traffic_lights", "network", "measures"]
    assert [c.title_fi for c in pages.PAGES] == [
        "Aineistot", "Palveluluokitus", "Segmentit", "Liikennevalot", "Palveluverkko", "Kehittämistoimenpiteet"]


def test_unsaved_edits_on_a_page_are_not_dropped_without_asking(window, demo_path, tmp_path, monkeypatch, answers):
    other = make_store(tmp_path / "toinen.sote")
    window.open_path(demo_path)
    segments = window.page("segments")
    monkeypatch.setattr(segments, "has_unsaved_changes", lambda: True)
    answers.save_discard = QMessageBox.StandardButton.Cancel
    assert not window.open_path(other)
    assert Path(window.store.path) == demo_path
    assert "Segmentit" in answers.asked[0]
    assert answers.of("question")[0].buttons & QMessageBox.StandardButton.Save  # Tallenna / Hylkää / Peruuta
    assert not window.close_store()
    assert window.store is not None
    window.close()
    assert window.isVisible() and window.store is not None  # closing was refused
    answers.save_discard = QMessageBox.StandardButton.Discard
    assert window.open_path(other)
    assert Path(window.store.path) == other


def test_start_up_objects_are_frozen_for_the_garbage_collector(qtbot, settings):
    """After start-up the cyclic garbage collector no longer walks the app's long-lived objects
    (a full collection walked them all: about 90 ms, a pause of the window, with a project open)."""
    import gc

    from desktop.app import freeze_startup_objects

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    before = len(gc.get_objects())
    try:
        frozen = freeze_startup_objects()
        assert frozen > 0.5 * before
        assert len(gc.get_objects()) < 0.1 * before  # what a full collection still walks
    finally:
        gc.unfreeze()  # this test process goes on creating and dropping windows
