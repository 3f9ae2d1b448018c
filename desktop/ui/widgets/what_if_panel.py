"""The "Mitä jos" tab of the service network page: the sites with a tick each (untick = closed), a
form to add a site by its coordinates, the saved scenarios and their comparison. Its controls change
the what-if of the page's `NetworkPresenter`; `changed` asks the page to evaluate the goals again."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.presenters.network import NetworkPresenter
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.models.network_models import HeadedFrameModel


class WhatIfPanel(QWidget):
    #: the what-if changed: evaluate the goals again
    changed = Signal()
    #: a scenario was saved (its name)
    saved = Signal(str)

    def __init__(self, network: NetworkPresenter, parent=None):
        super().__init__(parent)
        self.network = network
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Toimipisteet (poista rasti = suljettu):")))
        self.site_list = QListWidget()
        left.addWidget(self.site_list, 1)
        lay.addLayout(left, 2)
        right = QVBoxLayout()
        form = QFormLayout()
        self.add_x = QLineEdit()
        self.add_y = QLineEdit()
        self.add_type = QComboBox()
        self.add_type.setEditable(True)
        self.add_size = QComboBox()
        self.add_size.addItems(["S", "M", "L", ""])
        form.addRow(self.tr("x (m, ETRS-TM35FIN)"), self.add_x)
        form.addRow(self.tr("y (m)"), self.add_y)
        form.addRow(self.tr("Tyyppi"), self.add_type)
        form.addRow(self.tr("Koko"), self.add_size)
        right.addLayout(form)
        self.add_site_button = QPushButton(self.tr("Lisää toimipiste"))
        right.addWidget(self.add_site_button)
        tip = QLabel(self.tr("Kartalla: paina \"Lisää toimipiste klikkaamalla\" ja napsauta paikkaa."))
        tip.setWordWrap(True)
        right.addWidget(tip)
        self.reset_button = QPushButton(self.tr("Palauta nykyinen verkko"))
        right.addWidget(self.reset_button)
        right.addWidget(QLabel(self.tr("Skenaario:")))
        self.scenario_name = QLineEdit()
        self.scenario_name.setPlaceholderText(self.tr("nimi"))
        right.addWidget(self.scenario_name)
        row = QHBoxLayout()
        self.save_scenario_button = QPushButton(self.tr("Tallenna"))
        self.scenario_combo = QComboBox()
        self.load_scenario_button = QPushButton(self.tr("Avaa"))
        row.addWidget(self.save_scenario_button)
        row.addWidget(self.scenario_combo, 1)
        row.addWidget(self.load_scenario_button)
        right.addLayout(row)
        self.compare_model = HeadedFrameModel({"goal": self.tr("Tavoite")}, self)
        self.compare_view = QTableView()
        self.compare_view.setModel(self.compare_model)
        right.addWidget(QLabel(self.tr("Skenaarioiden vertailu (kattavuus %):")))
        right.addWidget(self.compare_view, 1)
        self.what_if_label = QLabel()
        self.what_if_label.setWordWrap(True)
        right.addWidget(self.what_if_label)
        lay.addLayout(right, 3)
        self.site_list.itemChanged.connect(
            lambda item: self.set_site_active(item.data(Qt.ItemDataRole.UserRole),
                                              item.checkState() == Qt.CheckState.Checked))
        on_click(self.add_site_button, self._add_typed_site)
        on_click(self.reset_button, self.reset)
        on_click(self.save_scenario_button, lambda: self.save_scenario(self.scenario_name.text()))
        on_click(self.load_scenario_button, lambda: self.load_scenario(self.scenario_combo.currentText()))

    # ------------------------------------------------------------------ the planner's what-if
    def set_site_active(self, site_id: str, active: bool) -> None:
        """Switch a site on or off (an added site switched off is removed)."""
        self.network.set_site_active(site_id, active)
        self.sync_checks(self.network.closed, self.network.added)
        self.changed.emit()

    def add_site(self, x: float, y: float, site_type: str, size: str = "") -> dict:
        """Add a what-if site at (x, y) metres; returns it."""
        site = self.network.add_site(x, y, site_type, size)
        self.add_added_site(site)
        self.changed.emit()
        return site

    def _add_typed_site(self) -> None:
        point = self.typed_point()
        if point is None:
            ask.warn(self, self.tr("Lisää toimipiste"),
                     self.tr("Anna koordinaatit metreinä (ETRS-TM35FIN), esim. x 435000 ja y 6900000."))
            return
        self.add_site(*point, self.add_type.currentText(), self.add_size.currentText())

    def add_site_at(self, x: float, y: float) -> None:
        """A site of the form's type and size at a point clicked on the map."""
        self.add_site(x, y, self.add_type.currentText() or "sote-keskus", self.add_size.currentText())

    def reset(self) -> None:
        """Back to the current network: every site on, none added."""
        self.network.reset_what_if()
        self.show_sites()
        self.changed.emit()

    def save_scenario(self, name: str, added: list[dict] | None = None) -> bool:
        """Save the what-if (or the closed sites with `added`) as scenario `name` and show the
        comparison; a bad name is said in a message and nothing is saved."""
        try:
            self.network.save_scenario(name, added)
        except UserError as exc:
            ask.warn(self, self.tr("Skenaario"), str(exc))
            return False
        self.set_scenarios(self.network.scenario_names())
        if added is None:
            self.scenario_combo.setCurrentText(name.strip())
        self.show_comparison(self.network.comparison())
        self.saved.emit(name.strip())
        return True

    def load_scenario(self, name: str) -> None:
        if self.network.load_scenario(name):
            self.show_sites()
            self.changed.emit()
            self.show_comparison(self.network.comparison())

    # ------------------------------------------------------------------ showing it
    def show_sites(self) -> None:
        """The presenter's sites and what-if in the list (nothing without a reach context)."""
        if self.network.context is not None:
            self.fill_sites(self.network.context.sites, self.network.closed, self.network.added)

    def typed_point(self) -> tuple[float, float] | None:
        """The typed coordinates in metres (a comma or a point for decimals, spaces allowed), or None."""
        try:
            return (float(self.add_x.text().replace(",", ".").replace(" ", "")),
                    float(self.add_y.text().replace(",", ".").replace(" ", "")))
        except ValueError:
            return None

    def set_site_types(self, types: list[str]) -> None:
        self.add_type.clear()
        self.add_type.addItems(types)
        if "sote-keskus" in types:
            self.add_type.setCurrentText("sote-keskus")

    def set_scenarios(self, names: list[str]) -> None:
        self.scenario_combo.clear()
        self.scenario_combo.addItems(names)

    def fill_sites(self, sites: pd.DataFrame, closed: set[str], added: list[dict]) -> None:
        """The store's sites (unticked when in `closed`) and the added ones, without signals."""
        self.site_list.blockSignals(True)
        self.site_list.clear()
        for r in sites.itertuples(index=False):
            item = QListWidgetItem(f"{r.name} ({r.type} {r.size})".replace(" )", ")"))
            item.setData(Qt.ItemDataRole.UserRole, r.site_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if r.site_id in closed else Qt.CheckState.Checked)
            self.site_list.addItem(item)
        for a in added:
            self._add_added_item(a)
        self.site_list.blockSignals(False)

    def add_added_site(self, site: dict) -> None:
        self.site_list.blockSignals(True)
        self._add_added_item(site)
        self.site_list.blockSignals(False)

    def _add_added_item(self, site: dict) -> None:
        item = QListWidgetItem(self.tr("UUSI: ") + f"{site['name']} ({site['type']} {site['size']})")
        item.setData(Qt.ItemDataRole.UserRole, site["site_id"])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.site_list.addItem(item)

    def sync_checks(self, closed: set[str], added: list[dict]) -> None:
        """Ticks as the what-if says; an added site no longer in it leaves the list."""
        self.site_list.blockSignals(True)
        added_ids = {a["site_id"] for a in added}
        for i in reversed(range(self.site_list.count())):
            item = self.site_list.item(i)
            sid = item.data(Qt.ItemDataRole.UserRole)
            if item.text().startswith(self.tr("UUSI: ")) and sid not in added_ids:
                self.site_list.takeItem(i)
                continue
            item.setCheckState(Qt.CheckState.Unchecked if sid in closed else Qt.CheckState.Checked)
        self.site_list.blockSignals(False)

    def show_comparison(self, frame: pd.DataFrame) -> None:
        # one column per scenario (the first is the current network), headed by its name; the _pct
        # suffix makes the model show one decimal
        renamed = frame.rename(columns=lambda c: c if c == "goal" else f"{c}_pct")
        self.compare_model.headers = {new: (self.tr("Tavoite") if old == "goal" else old)
                                      for old, new in zip(frame.columns, renamed.columns, strict=True)}
        self.compare_model.set_frame(renamed)

    def show_what_if(self, closed: int, added: int) -> None:
        """What the figures above are, never how long they took."""
        self.what_if_label.setText(
            self.tr("Luvut laskettu: {0} toimipistettä suljettu, {1} lisätty.").format(closed, added)
            if closed or added else self.tr("Luvut ovat nykyisen verkon."))
