"""Tiedosto > Pseudonymisointiavaimet: the user's pseudonymisation keys and the open project's key.

The keys are kept outside the project (desktop.store.keys); this dialog creates a key, takes a key
file from a colleague or the county's IT into the user's key folder, and writes a key to a file
(a backup, or for a colleague). Every action says what a lost key means.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store import keys
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.dialogs.report_dialog import show_error

KEY_FILTER = "Avaintiedosto / key file (*.key);;*"


class KeyDialog(QDialog):
    """The key folder's keys (the default for new projects marked) and the open project's key."""

    def __init__(self, parent: QWidget | None = None, store=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Pseudonymisointiavaimet"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Henkilötunnisteet tallennetaan projektiin avaimella laskettuina pseudonyymeinä. Avain säilytetään "
            "projektitiedoston ulkopuolella, omassa avainkansiossasi; projektiin tallennetaan vain avaimen tunniste. "
            "Avain tarvitaan vain henkilötason tietojen tuontiin: raportit ja kaaviot toimivat ilman sitä."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.project_label = QLabel()
        self.project_label.setWordWrap(True)
        self.project_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.project_label)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)
        self.key_list = QListWidget()
        layout.addWidget(self.key_list)
        buttons = QHBoxLayout()
        self.create_button = QPushButton(self.tr("Luo uusi avain..."))
        self.import_button = QPushButton(self.tr("Tuo avaintiedosto..."))
        self.export_button = QPushButton(self.tr("Vie avain tiedostoon..."))
        for button in (self.create_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.warning = QLabel(self.tr(
            "Säilytä avaintiedosto tallessa ja luottamuksellisena. Jos avain katoaa, projektiin ei voi enää tuoda "
            "uusia henkilötason tietoja niin, että ne liittyvät jo tallennettuihin henkilöihin."))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a4b00;")
        layout.addWidget(self.warning)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sulje"))
        layout.addWidget(close)
        self.close_buttons = close
        on_click(self.create_button, self.create_key)
        on_click(self.import_button, self.import_key)
        on_click(self.export_button, self.export_key)
        self.key_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.refresh()

    # ------------------------------------------------------------------ state
    def project_fingerprint(self) -> str | None:
        return keys.project_fingerprint(self.store) if self.store is not None else None

    def refresh(self) -> None:
        wanted = self.project_fingerprint()
        listed = keys.list_keys()
        self.key_list.clear()
        for entry in listed:
            text = entry["fingerprint"]
            if entry["default"]:
                text += "  " + self.tr("(uusien projektien oletus)")
            if entry["fingerprint"] == wanted:
                text += "  " + self.tr("(tämän projektin avain)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry["fingerprint"])
            self.key_list.addItem(item)
        have = {e["fingerprint"] for e in listed}
        if self.store is None:
            self.project_label.setText(self.tr("Projektia ei ole avattu."))
        elif wanted is None:
            self.project_label.setText(self.tr(
                "Projektissa ei ole vielä henkilötason tietoja, joten sillä ei ole avainta. Ensimmäinen tuonti "
                "käyttää uusien projektien oletusavainta."))
        elif wanted in have or keys.find_key(wanted) is not None:
            self.project_label.setText(self.tr("Projektin avain: %1 (tällä koneella).").replace("%1", wanted))
        else:
            self.project_label.setText(self.tr(
                "Projektin avain: %1 – ei tällä koneella. Henkilötason tietoja ei voi tuoda ennen kuin avain tuodaan "
                "(Tuo avaintiedosto...).").replace("%1", wanted))
        self.folder_label.setText(self.tr("Avainkansio: %1").replace("%1", str(keys.key_folder())))
        for row in range(self.key_list.count()):
            if self.key_list.item(row).data(Qt.ItemDataRole.UserRole) == wanted:
                self.key_list.setCurrentRow(row)
                break
        else:
            if self.key_list.count():
                self.key_list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(self.selected_fingerprint() is not None)

    def selected_fingerprint(self) -> str | None:
        item = self.key_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    # ---------------------------------------------------------------- actions
    def create_key(self) -> bool:
        if not ask.yes(
            self, self.tr("Luo uusi avain"),
            self.tr("Luodaanko uusi pseudonymisointiavain? Uudet projektit saavat sen; olemassa olevat projektit "
                    "pitävät omansa.") + "\n\n" + self.warning.text()):
            return False
        try:
            key = keys.create_key(make_default=True)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return False
        self.refresh()
        self.set_status(self.tr("Uusi avain %1 luotiin. Vie siitä varmuuskopio (Vie avain tiedostoon...).")
                        .replace("%1", key.fingerprint))
        return True

    def import_key(self) -> bool:
        name = ask.open_file(self, self.tr("Tuo avaintiedosto"), str(Path.home()), KEY_FILTER)
        if not name:
            return False
        try:
            key = keys.import_key(name)
        except Exception as exc:  # noqa: BLE001 - a bad file: a clear message
            show_error(self, exc)
            return False
        self.refresh()
        self.set_status(self.tr("Avain %1 otettiin käyttöön.").replace("%1", key.fingerprint))
        return True

    def export_key(self) -> bool:
        wanted = self.selected_fingerprint()
        if wanted is None:
            return False
        suggestion = str(Path.home() / f"sote-avain-{wanted}.key")
        name = ask.save_file(self, self.tr("Vie avain tiedostoon"), suggestion, KEY_FILTER)
        if not name:
            return False
        try:
            path = keys.export_key(wanted, name)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.set_status(self.tr("Avain %1 kirjoitettiin tiedostoon %2. Säilytä se luottamuksellisena.")
                        .replace("%1", wanted).replace("%2", str(path)))
        return True

    def set_status(self, text: str) -> None:
        self.warning.setText(text)
        self.last_status = text


def show_key_dialog(parent: QWidget | None, store=None) -> KeyDialog:
    """Open the dialog window-modally (does not block) and return it."""
    dialog = KeyDialog(parent, store)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
