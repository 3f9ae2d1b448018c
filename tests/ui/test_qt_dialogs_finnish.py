"""Qt's own dialogs speak Finnish in the Finnish UI: the file dialog a planner sees on Linux (Qt's widget
dialog) and the standard buttons of a question. qtbase_fi is loaded, and the few texts it leaves in English
("&Look in:", "Files of &type:") come from the app's supplement (desktop.ui.application.QT_FINNISH_GAPS). In the
English UI the same dialog is English again."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton

from desktop.ui.application import QT_FINNISH_GAPS, install_translators

ENGLISH = ("Look in", "Files of", "File name", "Cancel", "Save", "Open", "Discard")


def dialog_texts(qtbot, mode: QFileDialog.AcceptMode) -> list[str]:
    dialog = QFileDialog(None, "Vie taulukko")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    dialog.setNameFilters(["CSV (*.csv)"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
    dialog.reject()
    return texts


def question_buttons(qtbot) -> set[str]:
    box = QMessageBox(QMessageBox.Icon.Question, "Sulje", "Tallennetaanko muutokset?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    return {b.text() for b in box.buttons()}


def test_file_dialogs_and_standard_buttons_are_finnish(qtbot):
    try:
        assert install_translators("en")
        english = dialog_texts(qtbot, QFileDialog.AcceptMode.AcceptOpen)
        assert "&Look in:" in english and "Files of &type:" in english  # what the supplement covers
        assert question_buttons(qtbot) == {"Save", "Discard", "Cancel"}
    finally:
        assert install_translators("fi")
    for mode, button in ((QFileDialog.AcceptMode.AcceptOpen, "&Avaa"), (QFileDialog.AcceptMode.AcceptSave, "&Tallenna")):
        texts = dialog_texts(qtbot, mode)
        assert {"&Sijainti:", "Tiedosto&nimi:", "Tiedosto&tyyppi:", button, "Peruuta"} <= set(texts), texts
        assert not [t for t in texts if any(word.lower() in t.replace("&", "").lower() for word in ENGLISH)], texts
    assert question_buttons(qtbot) == {"Tallenna", "Hylkää", "Peruuta"}
    assert all(v for v in QT_FINNISH_GAPS.values())
