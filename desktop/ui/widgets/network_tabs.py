"""The tabs below the service network page's goals table: the selected goal's map, cumulative curve,
figures per municipality (with the centre rules) and catchments, then the what-if, the new sites
and the travel times. A picture is drawn when its tab is shown (or it is exported), once per result:
a site toggled in the what-if list redraws neither the map nor the curve (0.3 s saved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget

from desktop.charts.numbers import number, short
from desktop.presenters.network import NetworkPresenter
from desktop.presenters.network_figures import catchment_frame, cell_facts, map_layers
from desktop.ui.dialogs import ask
from desktop.ui.models.network_models import HeadedFrameModel
from desktop.ui.widgets.chart_toolbar import ChartPanel
from desktop.ui.widgets.network_map_view import NetworkMapView
from desktop.ui.widgets.new_sites_panel import NewSitesPanel
from desktop.ui.widgets.travel_panel import TravelPanel
from desktop.ui.widgets.what_if_panel import WhatIfPanel


class NetworkTabs(QTabWidget):
    """`show_goal(result)` shows a GoalResult (None: nothing); `draw_curve(result)` is the page's
    drawing of the curve onto `curve_figure`."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        # a height-for-width tab made the main window's scroll area size the page by its preferred
        # height (896 px in a 715 px window at 1366x768), pushing the lower half of the map off the screen
        return False

    def __init__(self, network: NetworkPresenter, draw_curve: Callable[[object], None], parent=None):
        super().__init__(parent)
        self.network, self.draw_curve = network, draw_curve
        self.shown_result = None  # the GoalResult the pictures show (or are to show)
        self.stale: set[str] = set()  # 'map', 'curve', 'catch': to draw when their tab is shown
        self._same_goal_drawn = ""
        self.map_view = NetworkMapView()
        self.map_view.hover_text = self.hover_text
        self.addTab(self.map_view, self.tr("Kartta"))
        self.curve_figure = Figure(figsize=(6, 4))
        self.curve_panel = ChartPanel(self.curve_figure)  # Finnish zoom / pan / reset, exact shares on hover
        self.curve_canvas = self.curve_panel.canvas
        self.curve_panel.mark_clicked.connect(self._curve_clicked)
        self.addTab(self.curve_panel, self.tr("Kertymäkäyrä"))
        self.addTab(self._build_municipalities(), self.tr("Kunnittain"))
        self.catch_model = HeadedFrameModel({
            "site_id": self.tr("Tunnus"), "name": self.tr("Toimipiste"), "type": self.tr("Tyyppi"),
            "size": self.tr("Koko"), "population_nearest": self.tr("Lähin toimipiste (hlö)"),
            "population_within": self.tr("Aikarajan sisällä (hlö)"),
            "population_only": self.tr("Vain tämä kattaa (hlö)"), "capacity": self.tr("Kapasiteetti (hlö)"),
            "assigned": self.tr("Palvelee kapasiteetilla (hlö)")}, self)
        self.catch_view = QTableView()
        self.catch_view.setModel(self.catch_model)
        self.catch_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.addTab(self.catch_view, self.tr("Vaikutusalueet"))
        self.what_if = WhatIfPanel(network)
        self.addTab(self.what_if, self.tr("Mitä jos"))
        self.new_sites = NewSitesPanel()
        self.addTab(self.new_sites, self.tr("Uudet toimipisteet"))
        self.travel = TravelPanel()
        self.addTab(self.travel, self.tr("Matka-ajat"))
        self.currentChanged.connect(lambda _i: self._draw_visible())

    def _build_municipalities(self) -> QWidget:
        """The "Kunnittain" tab: the selected goal per municipality, and the centre rules."""
        self.muni_model = HeadedFrameModel({"municipality": self.tr("Kunta"), "name": self.tr("Nimi"),
                                            "population": self.tr("Kohdeväestö"), "covered": self.tr("Katettu"),
                                            "no_route": self.tr("Ei reittiä"), "share_pct": self.tr("Kattavuus %")},
                                           self)
        self.muni_view = QTableView()
        self.muni_view.setModel(self.muni_model)
        self.centre_model = HeadedFrameModel({
            "code": self.tr("Kunta"), "name": self.tr("Nimi"), "population": self.tr("Asukkaita"),
            "required_size": self.tr("Vaadittu koko"), "sote_ok": self.tr("Sote-keskus"),
            "dental_ok": self.tr("Hammashoitola"), "day_centre_ok": self.tr("Päivätoimintakeskus")}, self)
        self.centre_view = QTableView()
        self.centre_view.setModel(self.centre_model)
        box = QSplitter(Qt.Orientation.Vertical)
        box.addWidget(self.muni_view)
        centre_part = QWidget()
        cv = QVBoxLayout(centre_part)
        cv.setContentsMargins(0, 0, 0, 0)
        rule = QLabel(self.tr("Kuntakeskukset: alle 5 000 asukkaan keskuksessa vähintään S-koon, yli 5 000 "
                              "asukkaan keskuksessa M-koon sote-keskus ja hammashoitola; jokaisessa "
                              "päivätoimintakeskus (alueen palveluverkkolinjaus)."))
        rule.setWordWrap(True)  # on one line it made the page wider than a 1280-pixel laptop window
        cv.addWidget(rule)
        cv.addWidget(self.centre_view)
        box.addWidget(centre_part)
        return box

    def show_centres(self, centres: pd.DataFrame) -> None:
        """The centre rules (`centre_requirements`), each rule met or not in words."""
        yes_no = {True: self.tr("kyllä"), False: self.tr("EI")}
        self.centre_model.set_frame(centres.assign(**{
            key: centres[key].map(lambda ok: yes_no[bool(ok)]) for key in ("sote_ok", "dental_ok", "day_centre_ok")}))

    def show_goal(self, result) -> None:
        """Show a GoalResult: its municipalities now, its pictures and catchments when their tab is shown."""
        if result is None:
            self.shown_result, self.stale = None, set()
            self.map_view.clear()
            self.curve_figure.clear()
            self.curve_panel.drawn()
            return
        self.muni_model.set_frame(result.by_municipality.copy())
        self.shown_result, self.stale = result, {"map", "curve", "catch"}
        self._draw_visible()

    def _draw_visible(self) -> None:
        tab = self.currentWidget()
        shows = {"map": self.map_view, "curve": self.curve_panel, "catch": self.catch_view}
        for which in sorted(self.stale):
            if tab is shows[which]:
                self.draw(which)

    def draw(self, which: str) -> None:
        """Draw the curve ('curve'), the map ('map') or the catchments ('catch') of the shown result."""
        self.stale.discard(which)
        result = self.shown_result
        if result is None:
            return
        if which == "map":
            layers = map_layers(self.network, result, self.tr("Kuntarajat: Maanmittauslaitos 2023 (CC BY 4.0)"))
            self.map_view.show_layers(layers, keep_view=self._same_goal_drawn == result.goal.name)
            self._same_goal_drawn = result.goal.name
        elif which == "catch":
            self.catch_model.set_frame(catchment_frame(result))
        else:
            self.draw_curve(result)

    def _curve_clicked(self, _text: str, key) -> None:
        """A click on the curve's threshold marker shows the goal on the map."""
        if isinstance(key, tuple) and key and key[0] == "map":
            self.setCurrentWidget(self.map_view)

    def export_chart(self, which: str, path: str | Path) -> Path:
        """Save the map ('map') or the curve ('curve') as PNG, SVG or PDF (by the file suffix)."""
        path = Path(path)
        if which in ("map", "curve") and which in self.stale:  # its tab was not shown since
            self.draw(which)
        figure = self.map_view.figure if which == "map" else self.curve_figure
        figure.savefig(path, dpi=150, bbox_inches="tight")
        return path

    def export_chart_dialog(self) -> None:
        """Ask for a file and save the curve there when its tab is shown, else the map."""
        which = "curve" if self.currentWidget() is self.curve_panel else "map"
        name = ask.save_file(self, self.tr("Vie kuva"), f"palveluverkko-{which}.png",
                             "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)")
        if name:
            self.export_chart(which, name)

    def hover_text(self, x: float, y: float) -> str | None:
        """The tooltip of the grid cell under (x, y) metres on the map: residents, minutes to the
        nearest qualifying site and that site's name."""
        cell = cell_facts(self.network, self.shown_result, x, y)
        if cell is None:
            return None
        head = self.tr("Ruutu {0}: {1} asukasta").format(cell.cell_id, number(cell.persons))
        if cell.population_column != "population":
            head = self.tr("Ruutu {0}: {1} ({2})").format(cell.cell_id, number(cell.persons), cell.population_column)
        if cell.site_name is None:
            return head + "\n" + self.tr("Ei reittiä yhteenkään toimipisteeseen")
        line = self.tr("Lähin: {0}, {1} min").format(cell.site_name, number(cell.minutes, 1))
        if cell.minutes > cell.limit:
            line += " " + self.tr("(yli aikarajan {0} min)").format(short(cell.limit))
        return head + "\n" + line
