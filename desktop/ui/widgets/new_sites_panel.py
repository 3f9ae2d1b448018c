"""The "Uudet toimipisteet" tab in the planners' words: for which goal, where new sites may go, the
question (the fewest new sites to reach the goal's target, or the best N new sites), capacities; the
answer as sentences and a table of the new sites; buttons that put them on the map as a what-if and
save them as a named scenario. The search itself is `desktop.services.new_sites.optimize_sites`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.numbers import number
from desktop.ui.clicks import on_click


class NewSitesPanel(QWidget):
    #: run was pressed: the page runs the search with `request()` and hands the answer to `show_result`
    run_requested = Signal()
    #: put the answer's new sites on the map as what-if sites
    show_on_map_requested = Signal()
    #: save the answer's new sites as a named scenario (the name)
    save_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: dict | None = None
        self.goal_combo = QComboBox()
        self.candidates = QComboBox()
        self.fewest = QRadioButton(self.tr("Vähiten uusia paikkoja, joilla tavoite saavutetaan"))
        self.best_n = QRadioButton(self.tr("Parhaat uudet paikat, kappaletta:"))
        self.best_n.setChecked(True)  # always answers; the target may be out of reach of the candidates
        group = QButtonGroup(self)
        group.addButton(self.fewest)
        group.addButton(self.best_n)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(2)
        self.capacities = QCheckBox(self.tr("Ota toimipisteiden kapasiteetit huomioon"))
        self.new_capacity = QDoubleSpinBox()
        self.new_capacity.setRange(1, 1_000_000)
        self.new_capacity.setDecimals(0)
        self.new_capacity.setSingleStep(1000)
        self.new_capacity.setValue(15000)
        self.new_capacity.setSuffix(self.tr(" hlö"))
        self.run_button = QPushButton(self.tr("Etsi parhaat paikat"))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Uusi toimipiste"), self.tr("Kunta"),
                                              self.tr("Lisää kattavuutta (hlö)")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.map_button = QPushButton(self.tr("Näytä kartalla mitä jos -tilanteena"))
        self.scenario_name = QLineEdit()
        self.scenario_name.setPlaceholderText(self.tr("skenaarion nimi"))
        self.save_button = QPushButton(self.tr("Tallenna skenaarioksi"))
        for b in (self.map_button, self.save_button):
            b.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Tavoite"), self.goal_combo)
        form.addRow(self.tr("Mihin uusia paikkoja voi tulla"), self.candidates)
        row = QHBoxLayout()
        row.addWidget(self.best_n)
        row.addWidget(self.count)
        row.addWidget(self.fewest)
        row.addStretch(1)
        form.addRow(self.tr("Kysymys"), row)
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.capacities)
        cap_row.addWidget(QLabel(self.tr("uuden paikan kapasiteetti")))
        cap_row.addWidget(self.new_capacity)
        cap_row.addStretch(1)
        form.addRow(cap_row)
        form.addRow(self.run_button)
        actions = QHBoxLayout()
        actions.addWidget(self.map_button)
        actions.addWidget(self.scenario_name, 1)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        on_click(self.run_button, lambda: self.run_requested.emit())
        on_click(self.map_button, lambda: self.show_on_map_requested.emit())
        on_click(self.save_button, lambda: self.save_requested.emit(self.scenario_name.text()))
        self.capacities.toggled.connect(self.new_capacity.setEnabled)
        self.new_capacity.setEnabled(False)

    def set_choices(self, goal_names: list[str], site_types: list[str], selected_goal: str = "") -> None:
        """Fill the goal and candidate lists (candidates: centres, cells, then each site type)."""
        self.goal_combo.clear()
        self.goal_combo.addItems(goal_names)
        if selected_goal in goal_names:
            self.goal_combo.setCurrentText(selected_goal)
        self.candidates.clear()
        self.candidates.addItem(self.tr("Kuntakeskukset, joissa ei vielä ole toimipistettä"), "kuntakeskukset")
        self.candidates.addItem(self.tr("Asutut ruudut, joita mikään toimipiste ei palvele aikarajassa"), "ruudut")
        for kind in site_types:
            self.candidates.addItem(self.tr("Toimipistetyypin paikat: {0}").format(kind), kind)
        at = self.candidates.findData("ehdokas")
        self.candidates.setCurrentIndex(at if at >= 0 else 0)

    def request(self) -> dict:
        """The question as keyword arguments of `optimize_sites` (plus 'goal_name' and 'candidates')."""
        out = {"goal_name": self.goal_combo.currentText(), "candidates": self.candidates.currentData() or "kuntakeskukset",
               "capacities": self.capacities.isChecked()}
        if self.capacities.isChecked():
            out["new_capacity"] = float(self.new_capacity.value())
        if self.best_n.isChecked():
            out["max_sites"] = int(self.count.value())
        return out

    def show_result(self, result: dict | None, error: str = "") -> None:
        self.result = result
        self.table.setRowCount(0)
        if result is None:
            self.explanation.setText(error)
            self.map_button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self.explanation.setText(result["explanation"])
        for site in result["new_sites"]:
            r = self.table.rowCount()
            self.table.insertRow(r)
            self.table.setItem(r, 0, QTableWidgetItem(site["name"]))
            self.table.setItem(r, 1, QTableWidgetItem(site.get("municipality_name", site["municipality"])))
            self.table.setItem(r, 2, QTableWidgetItem(number(site["adds"])))
        self.table.resizeColumnsToContents()
        has_sites = bool(result["new_sites"])
        self.map_button.setEnabled(has_sites)
        self.save_button.setEnabled(has_sites)
        if has_sites and not self.scenario_name.text().strip():
            self.scenario_name.setText(self.tr("Uudet paikat: {0}").format(self.goal_combo.currentText()))
