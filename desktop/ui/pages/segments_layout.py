"""The widgets of the segments page (Finnish: Segmentit): the top bar (year, Kumoa / Tee uudelleen /
Tallenna, the message), the editor on the left (the segment list, name, kind, the rule tree, the JSON
rule with its condition builder, the need thresholds) and the views on the right (one chart per tab,
the table below). Layout only: the page (desktop.ui.pages.segments_page) connects them to its presenter."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.segments import (
    KIND_CLIENT,
    KIND_NEED,
    KIND_POPULATION,
    Age,
    Reasons,
    Segment,
    youth_alternatives,
)
from desktop.presenters.segment_edits import builder_condition
from desktop.presenters.segment_figures import VIEWS
from desktop.ui.clicks import menu_action, on_click
from desktop.ui.models.frame_model import FrameModel
from desktop.ui.widgets.chart_toolbar import ChartPanel
from desktop.ui.widgets.segment_rule_tree import SegmentRuleTree


class SegmentsLayout:
    """The segments page's widgets (a mixin of SegmentsPage)."""

    VIEWS = VIEWS

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Vuosi")))
        self.year_box = QComboBox()
        self.year_box.currentIndexChanged.connect(lambda _i: self._year_changed())
        bar.addWidget(self.year_box)
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self.save_button = QToolButton()
        for b in (self.undo_button, self.redo_button, self.save_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.message = QLabel()
        bar.addWidget(self.message)
        return bar

    def _build_views(self) -> QSplitter:
        self.tabs = QTabWidget()
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        titles = {"sizes": self.tr("Koot"), "overlaps": self.tr("Päällekkäisyys"), "upset": self.tr("Yhdistelmät"),
                  "projection": self.tr("Ennuste")}
        self.panels: dict[str, ChartPanel] = {}
        for key in self.VIEWS:
            panel = ChartPanel(Figure(figsize=(8, 5), dpi=80))
            panel.mark_clicked.connect(self._mark_clicked)
            self.panels[key] = panel
            self.canvases[key] = panel.canvas
            self.tabs.addTab(panel, titles[key])
        self.tabs.currentChanged.connect(lambda _i: self.redraw())
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tabs)
        self.table = QTableView()
        self.model = FrameModel(self)
        self.table.setModel(self.model)
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        right.addWidget(self.table)
        right.setStretchFactor(0, 3)
        return right

    def _build_editor(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_segment)
        layout.addWidget(self.list, 2)
        buttons = QHBoxLayout()
        add = QToolButton()
        add.setText(self.tr("Lisää"))
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(add)
        menu_action(menu, self.tr("Uusi ikäsegmentti"), lambda: self.add_segment(
            Segment(self._free_name(self.tr("Uusi ikäsegmentti")), Age(0, 17), KIND_POPULATION)))
        menu_action(menu, self.tr("Uusi käyntisyysegmentti"), lambda: self.add_segment(
            Segment(self._free_name(self.tr("Uusi asiakassegmentti")), Reasons(("F20-F99",)), KIND_CLIENT)))
        menu.addSeparator()
        for alt in youth_alternatives():
            menu_action(menu, alt.name, self.add_segment, alt)
        add.setMenu(menu)
        self.add_button = add
        remove = QPushButton(self.tr("Poista"))
        on_click(remove, self.remove_selected)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.editingFinished.connect(self._name_edited)
        self.kind_box = QComboBox()
        for kind, text in ((KIND_POPULATION, self.tr("väestösegmentti")), (KIND_CLIENT, self.tr("asiakassegmentti")),
                           (KIND_NEED, self.tr("palvelutarpeen taso"))):
            self.kind_box.addItem(text, kind)
        self.kind_box.currentIndexChanged.connect(self._kind_edited)
        self.rule_tree = SegmentRuleTree(values_for=self._values_for)
        self.rule_tree.rule_edited.connect(self._tree_edited)
        self.rule_tree.error.connect(self.message.setText)
        self.rule_edit = QPlainTextEdit()
        self.rule_edit.setPlaceholderText('{"type": "age", "min": 0, "max": 17, "at": "year_end"}')
        self.apply_rule = QPushButton(self.tr("Käytä ehtoa"))
        on_click(self.apply_rule, self._rule_edited)
        self.show_json = QCheckBox(self.tr("Näytä ehto tekstinä (edistynyt)"))
        self.show_json.toggled.connect(self._json_toggled)
        self.count_label = QLabel()
        form.addRow(self.tr("Nimi"), self.name_edit)
        form.addRow(self.tr("Laji"), self.kind_box)
        form.addRow(self.tr("Henkilöitä"), self.count_label)
        layout.addLayout(form)
        layout.addWidget(self.rule_tree, 3)
        layout.addWidget(self.show_json)
        self.json_box = QWidget()
        json_layout = QVBoxLayout(self.json_box)
        json_layout.setContentsMargins(0, 0, 0, 0)
        json_layout.addWidget(self.rule_edit)
        json_layout.addWidget(self.apply_rule)
        json_layout.addWidget(QLabel(self.tr("Lisää ehto")))
        json_layout.addWidget(self._build_condition_row())
        layout.addWidget(self.json_box, 1)
        self.json_box.setVisible(False)

        need = QFormLayout()
        self.need_spins: dict[str, QDoubleSpinBox] = {}
        for key, text in (("wider_eur", self.tr("Laajempi tarve alkaen (€/asiakas)")),
                          ("high_eur", self.tr("Suuri tarve alkaen (€/asiakas)")),
                          ("high_red_eur", self.tr("Suuri tarve punaisella palvelulla (€)"))):
            spin = QDoubleSpinBox()
            spin.setRange(0, 10_000_000)
            spin.setDecimals(0)
            spin.setSingleStep(100)
            spin.editingFinished.connect(self._thresholds_edited)
            self.need_spins[key] = spin
            need.addRow(text, spin)
        layout.addLayout(need)
        return box

    def _build_condition_row(self) -> QWidget:
        """A small condition builder: pick a kind of condition, fill its values and join it to the
        current rule with AND / OR (optionally negated). The JSON above shows the whole rule."""
        box = QWidget()
        grid = QVBoxLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        row1 = QHBoxLayout()
        self.builder_type = QComboBox()
        for key, text in (("age_end", self.tr("ikä vuoden lopussa")), ("age_event", self.tr("ikä käynnillä")),
                          ("sex", self.tr("sukupuoli (1/2)")), ("municipality", self.tr("kunta")),
                          ("special_law", self.tr("erityislaki")), ("uses", self.tr("käyttänyt palvelua")),
                          ("reasons", self.tr("käyntisyy (esim. F20-F99)")),
                          ("need_level", self.tr("palvelutarpeen taso"))):
            self.builder_type.addItem(text, key)
        self.builder_field = QComboBox()
        for key, text in (("service", self.tr("palvelu")), ("aura", self.tr("AURA-luokka")),
                          ("level", self.tr("taso")), ("structure", self.tr("rakenne")),
                          ("service_code", self.tr("lähdejärjestelmän koodi"))):
            self.builder_field.addItem(text, key)
        row1.addWidget(self.builder_type)
        row1.addWidget(self.builder_field)
        grid.addLayout(row1)
        row2 = QHBoxLayout()
        self.builder_values = QLineEdit()
        self.builder_values.setPlaceholderText(self.tr("arvot pilkuin eroteltuina"))
        self.builder_low = QSpinBox()
        self.builder_low.setRange(-1, 150)
        self.builder_low.setSpecialValueText("–")
        self.builder_high = QSpinBox()
        self.builder_high.setRange(-1, 150)
        self.builder_high.setSpecialValueText("–")
        self.builder_low.setValue(-1)
        self.builder_high.setValue(-1)
        self.builder_not = QCheckBox(self.tr("ei"))
        and_button = QPushButton(self.tr("ja"))
        or_button = QPushButton(self.tr("tai"))
        on_click(and_button, self.join_condition, "all")
        on_click(or_button, self.join_condition, "any")
        for w in (self.builder_values, self.builder_low, self.builder_high, self.builder_not, and_button, or_button):
            row2.addWidget(w)
        grid.addLayout(row2)
        self.builder_type.currentIndexChanged.connect(self._builder_type_changed)
        self._builder_type_changed()
        return box

    def _builder_type_changed(self) -> None:
        kind = self.builder_type.currentData()
        self.builder_field.setVisible(kind == "uses")
        self.builder_values.setVisible(kind not in ("age_end", "age_event"))
        self.builder_low.setVisible(kind in ("age_end", "age_event", "uses", "reasons"))
        self.builder_high.setVisible(kind in ("age_end", "age_event"))
        self.builder_low.setToolTip(self.tr("vähintään (ikä tai tapahtumien määrä)"))
        self.builder_high.setToolTip(self.tr("enintään (ikä)"))

    def builder_condition(self):
        """The condition the builder row describes (raises UserError for bad values)."""
        low = None if self.builder_low.value() < 0 else self.builder_low.value()
        high = None if self.builder_high.value() < 0 else self.builder_high.value()
        return builder_condition(self.builder_type.currentData(), self.builder_values.text(), low, high,
                                 self.builder_field.currentData(), self.builder_not.isChecked())

    def _json_toggled(self, on: bool) -> None:
        self.json_box.setVisible(on)
