"""File > Pseudonymisation keys, clicked through Qt: create, export and import a key; the project's key
shown as missing for another user until its key file is imported."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.cli import main
from desktop.paths import key_dir
from desktop.store.keys import read_key_file
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import AppSettings
from tests.privacy.helpers import identity_codes, write_events


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "alue.sote"
    assert main(["import", str(path), "events", str(write_events(tmp_path / "a.csv", identity_codes(8)))]) == 0
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close_store()


def open_dialog(qtbot, window):
    window.keys_action.trigger()
    dialog = window.key_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def close(qtbot, dialog):
    qtbot.mouseClick(dialog.close_buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_create_and_export_a_key_from_the_file_menu(qtbot, window, project, tmp_path, answers):
    window.open_path(project)
    dialog = open_dialog(qtbot, window)
    fingerprint = read_key_file(next(key_dir().glob("*.key"))).fingerprint
    assert fingerprint in dialog.project_label.text() and "tällä koneella" in dialog.project_label.text()
    assert dialog.key_list.count() == 1 and "tämän projektin avain" in dialog.key_list.item(0).text()

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "katoaa" in answers.asked[0]  # the lost-key warning before a key is made
    assert dialog.key_list.count() == 2 and len(list(key_dir().glob("*.key"))) == 2
    defaults = [dialog.key_list.item(i).text() for i in range(2) if "oletus" in dialog.key_list.item(i).text()]
    assert len(defaults) == 1 and fingerprint not in defaults[0]  # the new key is the default now

    dialog.key_list.setCurrentRow(next(i for i in range(2) if fingerprint in dialog.key_list.item(i).text()))
    target = tmp_path / "varmuuskopio.key"
    answers.file_for = lambda _request: str(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert read_key_file(target).fingerprint == fingerprint
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert str(target) in dialog.warning.text()
    close(qtbot, dialog)


def test_another_user_sees_the_key_missing_and_imports_it(qtbot, window, project, tmp_path, monkeypatch, answers):
    handed = tmp_path / "kollegalle.key"
    assert main(["key", "export", str(project), str(handed)]) == 0
    monkeypatch.setenv("SOTE_PLANNER_HOME", str(tmp_path / "toinen-kayttaja"))
    window.open_path(project)
    dialog = open_dialog(qtbot, window)
    assert "ei tällä koneella" in dialog.project_label.text() and dialog.key_list.count() == 0
    assert not dialog.export_button.isEnabled()
    answers.file_for = lambda _request: str(handed)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "(tällä koneella)" in dialog.project_label.text() and dialog.key_list.count() == 1
    assert (tmp_path / "toinen-kayttaja" / "keys" / f"{read_key_file(handed).fingerprint}.key").exists()
    close(qtbot, dialog)
