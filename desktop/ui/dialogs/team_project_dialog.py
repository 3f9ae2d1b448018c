"""File > "Avaa tiimin projekti…": the team's shared project on the county's PostgreSQL server.

The dialog asks for the server, port, database, user and password (and the SSL mode); the recent
list keeps the address without the password, so reopening asks for it again unless PGPASSWORD or
~/.pgpass gives it. An older schema is upgraded only when the planner says so. Every question goes
through `desktop.ui.dialogs.ask` (tests answer them).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import LoginFailed, SchemaOutdated, UserError
from desktop.store import Store
from desktop.store.location import ServerLocation, parse_location, server_location
from desktop.ui.dialogs import ask

SSL_MODES = ("prefer", "require", "verify-full", "disable")



class TeamProjectDialog(QDialog):
    """Server, port, database, user, password and SSL mode of a team project."""

    def __init__(self, parent: QWidget | None = None, location: ServerLocation | None = None):
        super().__init__(parent)
        self.setObjectName("teamProjectDialog")
        self.setWindowTitle(self.tr("Avaa tiimin projekti"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Tiimin yhteinen projekti on hyvinvointialueen PostgreSQL-palvelimella. Salasanaa ei tallenneta."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.host = QLineEdit(location.host if location else "")
        self.host.setPlaceholderText("sote-tietokanta.hyvinvointialue.fi")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue((location.port if location else None) or 5432)
        self.database = QLineEdit(location.database if location else "")
        self.user = QLineEdit(location.user if location else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ssl = QComboBox()
        for mode in SSL_MODES:
            self.ssl.addItem(mode, mode)
        if location is not None:
            self.ssl.setCurrentIndex(max(0, self.ssl.findData(location.url.query.get("sslmode", "prefer"))))
        for widget, name in ((self.host, "host"), (self.port, "port"), (self.database, "database"),
                             (self.user, "user"), (self.password, "password"), (self.ssl, "sslmode")):
            widget.setObjectName(name)
        form.addRow(self.tr("Palvelin:"), self.host)
        form.addRow(self.tr("Portti:"), self.port)
        form.addRow(self.tr("Tietokanta:"), self.database)
        form.addRow(self.tr("Käyttäjä:"), self.user)
        form.addRow(self.tr("Salasana:"), self.password)
        form.addRow(self.tr("SSL-salaus:"), self.ssl)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Avaa"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.database.text().strip():
            ask.warn(self, self.windowTitle(), self.tr("Anna tietokannan nimi."))
            return
        self.accept()

    def location(self) -> ServerLocation:
        """The address with the password typed (kept in memory only)."""
        query = {} if self.ssl.currentData() == "prefer" else {"sslmode": self.ssl.currentData()}
        return server_location(self.host.text().strip(), self.database.text().strip(), self.user.text().strip(),
                               self.port.value(), self.password.text() or None, query)


def ask_location(parent: QWidget | None, location: ServerLocation | None = None) -> ServerLocation | None:
    dialog = TeamProjectDialog(parent, location)
    try:
        return dialog.location() if ask.run_dialog(dialog) == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_password(parent: QWidget | None, location: ServerLocation, error: UserError | None) -> str | None:
    text = QCoreApplication.translate("TeamProjectDialog", "Salasana käyttäjälle %1 (%2):").replace("%1", location.user or "?").replace("%2", location.display)
    if error is not None:
        text = error.message + "\n\n" + text
    return ask.text(parent, QCoreApplication.translate("TeamProjectDialog", "Tiimin projektin salasana"), text, secret=True)


def open_team_store(parent: QWidget | None, location: ServerLocation) -> Store | None:
    """Open the team project: ask the password when the server wants one (again after a wrong one),
    ask before upgrading an older schema. None when the planner gave up (a message was shown)."""
    upgrade = False
    while True:
        try:
            return Store.open(location, upgrade_schema=upgrade)
        except LoginFailed as exc:
            password = ask_password(parent, location, exc if location.has_password else None)
            if password is None:
                return None
            location = location.with_password(password)
        except SchemaOutdated as exc:
            if not ask.yes(
                parent, QCoreApplication.translate("TeamProjectDialog", "Tietokantarakenne on vanha"),
                exc.message + "\n\n" + QCoreApplication.translate("TeamProjectDialog", "Päivitetäänkö tiimin projektin rakenne nyt? Ota palvelimesta ensin varmuuskopio; koko tiimi tarvitsee sen jälkeen tämän ohjelmaversion.")):
                return None
            upgrade = True
        except UserError as exc:
            ask.warn(parent, QCoreApplication.translate("TeamProjectDialog", "Tiimin projektia ei voitu avata"), exc.message)
            return None


def open_team_project(window, location: ServerLocation | str | None = None) -> bool:
    """File > Avaa tiimin projekti… (and the recent list): ask what is missing, open, show in `window`."""
    if isinstance(location, str):
        location = parse_location(location)  # type: ignore[assignment]
    if location is None:
        location = ask_location(window, None)
        if location is None:
            return False
    if not window.confirm_discard_changes():
        return False
    store = open_team_store(window, location)
    if store is None:
        return False
    window.set_store(store)
    window.statusBar().showMessage(QCoreApplication.translate("TeamProjectDialog", "Tiimin projekti %1 avattu.").replace("%1", store.display), 10_000)
    return True
