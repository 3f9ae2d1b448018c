"""The charts under the measures tree: the heat map of the ratings (one goal or all) and the
distributions of the ratings by goal and by focus area, each on a tab, drawn from what the measures
presenter gives (desktop.presenters.measures); on hover a mark says its exact figures, a click on a
heat-map cell asks for that measure's month in the table (`month_clicked`), a click on a goal's bar
shows the goal's heat map; and the legend of the rating scale's colours above the tree."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from desktop.charts import measures as charts
from desktop.core.measures import RATING_COLOURS, RATING_TEXT_COLOURS, rating_scale
from desktop.presenters.measures import MeasuresPresenter
from desktop.ui.widgets.chart_toolbar import ChartHover


class MeasureCharts(QTabWidget):
    """Three tabs of charts; `draw_current()` draws the tab shown and then emits `drawn`."""

    drawn = Signal()
    #: a heat-map cell was clicked: the measure's tree key ("measure", goal id, area id, measure id) and the month ('2021-05')
    month_clicked = Signal(tuple, str)

    def __init__(self, presenter: MeasuresPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        for kind, title in (("heatmap", self.tr("Lämpökartta")), ("goals", self.tr("Jakauma hyötytavoitteittain")),
                            ("areas", self.tr("Jakauma kärjittäin"))):
            canvas = FigureCanvasQTAgg(Figure(dpi=80))
            ChartHover(canvas).mark_clicked.connect(self._mark_clicked)  # exact figures on hover, clicks drill
            scroll = QScrollArea()
            scroll.setWidget(canvas)
            scroll.setWidgetResizable(False)
            self.canvases[kind] = canvas
            self.addTab(self._heatmap_tab(scroll) if kind == "heatmap" else scroll, title)
        self.currentChanged.connect(lambda *_: self.draw_current())

    def _heatmap_tab(self, scroll: QScrollArea) -> QWidget:
        """The heat map tab: a choice of one goal (the default: quick to draw and read) or all of them
        (a hundred measures take about a second to draw), above the picture."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 2, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Näytä:")))
        self.heatmap_goal = QComboBox()
        self.heatmap_goal.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.heatmap_goal.setMinimumContentsLength(30)
        self.heatmap_goal.currentIndexChanged.connect(lambda *_: self.draw_current())
        row.addWidget(self.heatmap_goal, 1)
        column.addLayout(row)
        column.addWidget(scroll, 1)
        return holder

    def _mark_clicked(self, _text: str, key) -> None:
        """A heat-map cell: its measure's month in the table (the page selects it); a goal's bar: that goal's heat map."""
        if not isinstance(key, tuple) or len(key) != 2:
            return
        if key[0] == "measure":
            goal_id, area_id, measure_id, month = key[1]
            self.month_clicked.emit(("measure", goal_id, area_id, measure_id), month)
        elif key[0] == "goal":
            self._fill_heatmap_goals()
            at = self.heatmap_goal.findData(key[1])
            if at >= 0:
                self.heatmap_goal.setCurrentIndex(at)
            self.setCurrentIndex(list(self.canvases).index("heatmap"))

    def _fill_heatmap_goals(self) -> None:
        """The goals of the tracker in the heat map's choice; the choice made stays when it still exists."""
        items = self.presenter.heatmap_choices()
        combo = self.heatmap_goal
        current = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
        if items == current:
            return
        # a choice among goals stays; before there were goals to choose from, the first goal
        chosen = combo.currentData() if len(current) > 1 else self.presenter.first_goal_id()
        combo.blockSignals(True)
        try:
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        finally:
            combo.blockSignals(False)

    def draw_current(self) -> None:
        kind = list(self.canvases)[self.currentIndex()]
        canvas = self.canvases[kind]
        fig = canvas.figure
        tracker = self.presenter.tracker
        if kind == "heatmap":
            self._fill_heatmap_goals()
            shown, title, captions = self.presenter.heatmap_view(self.heatmap_goal.currentData())
            months = tracker.all_months()
            fig.set_size_inches(*charts.heatmap_size(shown, months))
            charts.draw_rating_heatmap(fig, shown, months, title, captions=captions)
        else:
            by = "goal" if kind == "goals" else "area"
            fig.set_size_inches(*charts.distribution_size(tracker, by))
            charts.draw_rating_distribution(fig, tracker, by=by)
        w, h = fig.get_size_inches() * fig.dpi
        canvas.setFixedSize(int(w), int(h))
        canvas.draw_idle()
        self.drawn.emit()


class ScaleLegend(QWidget):
    """The scale 1-5 in the heat map's colours, and how to rate in a month's cell."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Asteikko:")))
        for value, word in rating_scale():
            chip = QLabel(f" {value} {word} ")
            chip.setStyleSheet(f"background:{RATING_COLOURS[value]}; color:{RATING_TEXT_COLOURS[value]};"
                               " border:1px solid #888; padding:1px 4px;")
            row.addWidget(chip)
        hint = QLabel(self.tr("Arvioi kuukauden solussa: numero 1-5 tai kaksoisnapsautus avaa valikon; Delete tyhjentää."))
        hint.setStyleSheet("color:#555;")
        hint.setWordWrap(True)  # a long hint must not make the page wider than a laptop screen
        row.addWidget(hint, 1)
