"""The traffic lights page's widgets, laid out (the page's layout part; see traffic_lights_page.py):
the year and measure boxes and the slicers, the chart tabs with the sentence, the drill-down line and
the table under them, and the export buttons. Each widget's signal calls the page, which hands the
planner's choice to the presenter."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.clicks import on_click
from desktop.ui.models.frame_model import FrameModel
from desktop.ui.widgets.chart_toolbar import ChartPanel
from desktop.ui.widgets.slicer import Slicer


class TrafficLightsLayout:
    """The widget-building part of TrafficLightsPage."""

    def _build_filters(self, layout: QVBoxLayout) -> None:
        bar = QHBoxLayout()
        self.year_box = QComboBox()
        self.measure_box = QComboBox()
        for key, text in (("cost_eur", self.tr("Eurot")), ("clients", self.tr("Asiakkaat")),
                          ("contacts", self.tr("Käynnit ja kontaktit"))):
            self.measure_box.addItem(text, key)
        # slicers: several values each ("179 Jyväskylä" and "182 Jämsä"), none ticked = all
        self.municipality_box = Slicer()
        self.sex_box = Slicer()
        self.producer_box = Slicer()
        self.age_box = Slicer()
        # two rows: the year and the measure, then the slicers (one row is wider than a 1280 px window)
        slicer_bar = QHBoxLayout()
        for label, box in ((self.tr("Vuosi"), self.year_box), (self.tr("Mittari"), self.measure_box),
                           (self.tr("Kunta"), self.municipality_box), (self.tr("Sukupuoli"), self.sex_box),
                           (self.tr("Tuottaja"), self.producer_box), (self.tr("Ikäryhmä"), self.age_box)):
            row = bar if box in (self.year_box, self.measure_box) else slicer_bar
            row.addWidget(QLabel(label))
            row.addWidget(box)
            if isinstance(box, Slicer):
                box.selection_changed.connect(self._filters_changed)
            else:
                box.currentIndexChanged.connect(self._filters_changed)
        # the share of FTEs in green / yellow / red services, one click away (needs personnel data)
        self.fte_button = QPushButton(self.tr("Htv tasoittain"))
        self.fte_button.setToolTip(self.tr("Henkilötyövuosien jakauma vihreisiin, keltaisiin ja punaisiin palveluihin"))
        on_click(self.fte_button, self.show_fte_levels)
        self.fte_button.setEnabled(False)
        bar.addWidget(self.fte_button)
        bar.addStretch(1)
        slicer_bar.addStretch(1)
        layout.addLayout(bar)
        layout.addLayout(slicer_bar)

    def _build_charts(self, layout: QVBoxLayout) -> None:
        self.tabs = QTabWidget()
        self.panels: dict[str, ChartPanel] = {}
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        titles = {"central": self.tr("Segmentit"), "shift": self.tr("Muutos"), "structure": self.tr("Palvelurakenne"),
                  "pareto": self.tr("Suurimmat palvelut"), "municipalities": self.tr("Kunnat"),
                  "comparison": self.tr("Vertailu"), "staff": self.tr("Henkilöstö"), "books": self.tr("Täsmäytys")}
        for key in self.CHARTS:
            panel = ChartPanel(Figure(figsize=(9, 5), dpi=80))
            panel.mark_clicked.connect(self._mark_clicked)
            self.panels[key] = panel
            self.canvases[key] = panel.canvas
            self.tabs.addTab(panel, titles[key])
        self.tabs.currentChanged.connect(lambda _i: self.redraw())

        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.drill_label = QLabel()
        self.back_button = QPushButton(self.tr("Takaisin"))
        on_click(self.back_button, self.drill_up)
        self.back_button.setEnabled(False)
        self.table = QTableView()
        self.model = FrameModel(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        self.table.doubleClicked.connect(self._row_double_clicked)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.sentence)
        drill_bar = QHBoxLayout()
        drill_bar.addWidget(self.drill_label, 1)
        drill_bar.addWidget(self.back_button)
        lower_layout.addLayout(drill_bar)
        lower_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Vie kuva…"), self.export_chart), (self.tr("Vie taulukko…"), self.export_table),
                           (self.tr("Tavoitteet…"), self.edit_targets), (self.tr("Vertailuprojekti…"), self.open_reference),
                           (self.tr("Työpajaraportti…"), self.write_workshop)):
            button = on_click(QPushButton(text), slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        buttons.addWidget(self.message)
        layout.addLayout(buttons)
