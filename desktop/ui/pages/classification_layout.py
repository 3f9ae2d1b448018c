"""The classification page's widgets, laid out (the page's layout part; see classification_page.py):
the toolbar (version, save, undo, import, export), the tree of AURA classes and services, the service
form with its rules table and condition builder, and the side with coverage and conflicts. Each
widget's signal calls the page, which hands the edit to the presenter."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lang import t
from desktop.core.rules import ALLOCATION_LABELS, ALLOCATIONS, LEVEL_LABELS, STRUCTURE_LABELS, STRUCTURES
from desktop.ui.clicks import on_click
from desktop.ui.widgets.condition_builder import ConditionBuilder


class ClassificationLayout:
    """The widget-building part of ClassificationPage."""

    def _tool(self, text: str, slot, tip: str = "") -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip or text)
        if slot is not None:
            on_click(b, slot)
        return b

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Versio:")))
        self.version_combo = QComboBox()
        # as wide as its versions: it is still empty when the page is first shown (loading)
        self.version_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version_combo.activated.connect(self._version_picked)
        bar.addWidget(self.version_combo)
        self.new_version_button = self._tool(self.tr("Uusi versio…"), self.ask_new_version,
                                             self.tr("Tee nykyisestä luokituksesta uusi versio, joka on voimassa "
                                                     "annetusta vuodesta alkaen"))
        bar.addWidget(self.new_version_button)
        self.compare_button = self._tool(self.tr("Vertaa…"), self.ask_compare,
                                         self.tr("Vertaa tallennettua versiota toiseen: mitä muuttui ja miten "
                                                 "tapahtumien jakauma muuttuu"))
        bar.addWidget(self.compare_button)
        self.save_button = QToolButton()
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self.unsaved_label = QLabel(self.tr("● Tallentamattomia muutoksia"))
        self.unsaved_label.setStyleSheet("color: #c62828; font-weight: bold")
        self.import_button = self._tool(self.tr("Tuo…"), self.import_file,
                                        self.tr("Tuo luokitus Excel- tai JSON-tiedostosta (voi kumota ennen tallennusta)"))
        self.export_button = self._tool(self.tr("Vie…"), self.export_file,
                                        self.tr("Vie luokitus Excel- tai JSON-tiedostoon"))
        for w in (self.save_button, self.unsaved_label, self.undo_button, self.redo_button, self.import_button,
                  self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)
        return bar

    def _build_tree(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("AURA-luokat ja palvelut")])
        self.tree.currentItemChanged.connect(self._tree_changed)
        v.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.add_service_button = self._tool(self.tr("Uusi palvelu"), self.add_service)
        self.delete_service_button = self._tool(self.tr("Poista palvelu"), self.delete_service)
        row.addWidget(self.add_service_button)
        row.addWidget(self.delete_service_button)
        row.addStretch(1)
        v.addLayout(row)
        return box

    def _build_editor(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.form_box = QGroupBox(self.tr("Palvelu"))
        form = QFormLayout(self.form_box)
        self.code_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.aura_combo = QComboBox()
        self.structure_combo = QComboBox()
        for key in STRUCTURES:
            self.structure_combo.addItem(t(*STRUCTURE_LABELS[key]), key)
        self.level_combo = QComboBox()
        for key, label in LEVEL_LABELS.items():
            self.level_combo.addItem(t(*label), key)
        self.allocation_combo = QComboBox()
        for key in ALLOCATIONS:
            self.allocation_combo.addItem(t(*ALLOCATION_LABELS[key]), key)
        self.law_edit = QLineEdit()
        self.description_edit = QLineEdit()
        form.addRow(self.tr("Koodi"), self.code_edit)
        form.addRow(self.tr("Nimi"), self.name_edit)
        form.addRow(self.tr("AURA-luokka"), self.aura_combo)
        form.addRow(self.tr("Palvelurakenne"), self.structure_combo)
        form.addRow(self.tr("Oletustaso"), self.level_combo)
        form.addRow(self.tr("Elinkaarikohdennus"), self.allocation_combo)
        form.addRow(self.tr("Laki"), self.law_edit)
        form.addRow(self.tr("Kuvaus"), self.description_edit)
        for edit, attr in ((self.code_edit, "code"), (self.name_edit, "name"), (self.law_edit, "law"),
                           (self.description_edit, "description")):
            edit.editingFinished.connect(lambda e=edit, a=attr: self._service_field(a, e.text().strip()))
        for combo, attr in ((self.aura_combo, "aura"), (self.structure_combo, "structure"),
                            (self.level_combo, "level"), (self.allocation_combo, "allocation")):
            combo.activated.connect(lambda _i, c=combo, a=attr: self._service_field(a, c.currentData()))
        v.addWidget(self.form_box)

        self.split_label = QLabel()
        self.split_label.setWordWrap(True)  # long figures must not make the page wider than the window
        v.addWidget(self.split_label)

        rules_box = QGroupBox(self.tr("Kohdennus- ja tasosäännöt"))
        rv = QVBoxLayout(rules_box)
        self.rules_table = QTableWidget(0, 8)
        self.rules_table.setHorizontalHeaderLabels([
            self.tr("Nro"), self.tr("Laji"), self.tr("Ehdot"), self.tr("Tapahtumia"), self.tr("Henkilöitä"),
            self.tr("Euroja"), self.tr("Taso"), self.tr("Huomio")])
        self.rules_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_table.verticalHeader().setVisible(False)
        self.rules_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rules_table.itemSelectionChanged.connect(self._rule_selected)
        rv.addWidget(self.rules_table, 1)
        row = QHBoxLayout()
        self.add_rule_button = self._tool(self.tr("+ Kohdennussääntö"), self.add_allocation_rule)
        self.add_level_button = self._tool(self.tr("+ Tasosääntö"), self.add_level_rule)
        self.delete_rule_button = self._tool(self.tr("Poista sääntö"), self.delete_rule)
        self.up_button = self._tool("↑", lambda: self.move_rule(-1), self.tr("Siirrä aiemmaksi"))
        self.down_button = self._tool("↓", lambda: self.move_rule(1), self.tr("Siirrä myöhemmäksi"))
        for w in (self.add_rule_button, self.add_level_button, self.delete_rule_button, self.up_button,
                  self.down_button):
            row.addWidget(w)
        row.addStretch(1)
        rv.addLayout(row)
        rule_row = QHBoxLayout()
        self.enabled_check = QCheckBox(self.tr("Käytössä"))
        on_click(self.enabled_check, self._rule_enabled)
        self.rule_level_combo = QComboBox()
        for key, label in LEVEL_LABELS.items():
            self.rule_level_combo.addItem(t(*label), key)
        self.rule_level_combo.activated.connect(self._rule_level)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("selite"))
        self.note_edit.editingFinished.connect(self._rule_note)
        rule_row.addWidget(self.enabled_check)
        rule_row.addWidget(self.rule_level_combo)
        rule_row.addWidget(self.note_edit, 1)
        rv.addLayout(rule_row)
        self.builder = ConditionBuilder(values_for=self.presenter.values_for)
        self.builder.conditions_changed.connect(self._conditions_edited)
        rv.addWidget(self.builder)
        v.addWidget(rules_box, 1)
        return box

    def _build_side(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        cov = QGroupBox(self.tr("Kattavuus"))
        cv = QVBoxLayout(cov)
        self.coverage_label = QLabel()
        self.coverage_label.setWordWrap(True)
        cv.addWidget(self.coverage_label)
        self.unclassified_label = QLabel(self.tr("Suurimmat luokittelemattomat yhdistelmät:"))
        self.unclassified_label.setWordWrap(True)
        cv.addWidget(self.unclassified_label)
        self.unclassified_table = QTableWidget(0, 6)
        self.unclassified_table.setHorizontalHeaderLabels([
            self.tr("Palvelumuoto"), self.tr("Palvelukoodi"), self.tr("Ammattiryhmä"), self.tr("Erityislaki"),
            self.tr("Tapahtumia"), self.tr("Euroja")])
        self.unclassified_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.unclassified_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unclassified_table.verticalHeader().setVisible(False)
        cv.addWidget(self.unclassified_table, 1)
        self.create_rule_button = self._tool(self.tr("Luo sääntö valitusta"), self.create_rule_from_unclassified,
                                             self.tr("Lisää valitulle palvelulle kohdennussääntö, joka ottaa "
                                                     "valitun yhdistelmän tapahtumat"))
        cv.addWidget(self.create_rule_button)
        v.addWidget(cov, 3)
        conf = QGroupBox(self.tr("Ristiriidat"))
        fv = QVBoxLayout(conf)
        self.conflicts_view = QListWidget()
        self.conflicts_view.setWordWrap(True)
        self.conflicts_view.itemActivated.connect(self._conflict_activated)
        fv.addWidget(self.conflicts_view)
        v.addWidget(conf, 2)
        return box

