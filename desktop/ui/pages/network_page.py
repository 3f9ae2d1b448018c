"""Service network page (Finnish: Palveluverkko): reach goals with their coverage, the cumulative
curve, the map, per-municipality figures and catchments, what-if scenarios and optimal new sites.

All figures come from `desktop.services.network` (the same code as `sote-planner reach`); the charts
are the Qt-free functions of `desktop.charts.reach` and `desktop.charts.network_map`, hosted here in
FigureCanvasQTAgg widgets; the map is `NetworkMapView` (wheel zoom, drag pan, hover, click to add).

`refresh()` reads the store and evaluates every goal in the background (`load_network_data`: the
goals, the grid, sites and travel times, the figures of the current what-if, the centre rules and the
scenario comparison; about 1 s on a county's grid); the page shows "Ladataan…" with its content
disabled meanwhile and emits `loaded` when it is filled in. What-if changes and goal edits are
evaluated on the GUI thread as before.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.cell_lookup import CellLookup
from desktop.analysis.reach import ReachGoal, cumulative_curve
from desktop.charts.network_map import MapLayers, cell_size
from desktop.charts.numbers import number, short
from desktop.charts.reach import MET_COLOUR, NOT_MET_COLOUR, CurveData, draw_reach_curve
from desktop.core.command import FunctionCommand, UndoStack
from desktop.core.errors import SaveConflict, UserError
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import Page
from desktop.ui.widgets.chart_toolbar import ChartPanel
from desktop.ui.widgets.network_map_view import NetworkMapView
from desktop.ui.widgets.new_sites_panel import NewSitesPanel
from desktop.ui.worker import LatestLoad

_ROOT = QModelIndex()
TRAVEL_NAMES = {"matrix": QT_TRANSLATE_NOOP("NetworkPage", "matka-aikamatriisi"),
                "road": QT_TRANSLATE_NOOP("NetworkPage", "tieverkko"),
                "straight-line": QT_TRANSLATE_NOOP("NetworkPage", "linnuntie-arvio")}


def _fmt_int(value: float) -> str:
    """A whole number in the current language ('1 234' fi, '1,234' en)."""
    return number(value)


def evaluate_goals(context, goals: list[ReachGoal], closed, added, capacities: bool = False) -> list:
    """Each goal's GoalResult for the what-if (site ids `closed` switched off, sites `added`), or the
    UserError that stopped it; with `capacities` the capacity-aware figures. Qt-free: the page runs it
    after a what-if change or a goal edit, and in the background on a load."""
    results = []
    for goal in goals:
        try:
            results.append(context.evaluate(goal, closed, added, capacities=capacities))
        except UserError as exc:
            results.append(exc)
    return results


@dataclass
class NetworkData:
    """What `load_network_data` hands to the page."""

    goals: list[ReachGoal]
    settings: dict  # travel_settings of the store
    context: object  # ReachContext, or None when it could not be built (`message` says why)
    message: str
    closed: set  # the what-if the results are for
    added: list
    results: list  # evaluate_goals of every goal
    seconds: float  # evaluation time of the results
    scenarios: list[str]  # names of the saved scenarios
    centres: object  # centre_requirements (DataFrame)
    comparison: object  # compare_scenarios (DataFrame)
    road: tuple[int, int] | None  # nodes and edges of the stored road network


def load_network_data(progress, store, travel: str, closed: set, added: list[dict],
                      capacities: bool = False) -> NetworkData:
    """The page's heavy load, run off the GUI thread (Qt-free): the goals and travel settings, a reach
    context over the store (`travel`: 'auto', 'matrix', 'road' or 'straight-line'), every goal
    evaluated for the what-if (`closed`, `added`), the centre rules, the scenario comparison and the
    size of the stored road network."""
    from desktop.services import edit_versions
    from desktop.services import network as svc

    edit_versions.begin_editing(store, "goals")  # saves are based on what is stored now
    goals = svc.list_goals(store)
    settings = svc.travel_settings(store)
    try:
        context = svc.build_context(store, travel)
    except UserError as exc:
        return NetworkData(goals, settings, None, str(exc), closed, added, [], 0.0, [], None, None, None)
    progress.check()
    started = time.perf_counter()
    results = evaluate_goals(context, goals, closed, added, capacities)
    seconds = time.perf_counter() - started
    progress.check()
    scenarios = [s["name"] for s in svc.list_scenarios(store)]
    centres = svc.centre_requirements(store, context.sites)
    comparison = svc.compare_scenarios(store, context)
    network = svc.load_road_network(store)
    road = (network.n_nodes, network.n_edges) if network is not None else None
    return NetworkData(goals, settings, context, "", closed, added, results, seconds, scenarios, centres,
                       comparison, road)


class GoalsModel(QAbstractTableModel):
    """Reach goals with their current coverage. Edits go through `edit_requested` (undoable)."""

    COLUMNS = ("name", "types", "sizes", "population", "minutes", "target", "coverage", "status", "below",
               "not_covered", "no_route")
    EDITABLE = {"name", "types", "sizes", "population", "minutes", "target"}
    edit_requested = Signal(int, object)  # row, new ReachGoal

    def __init__(self, parent=None):
        super().__init__(parent)
        self.goals: list[ReachGoal] = []
        self.results: list = []

    def headers(self) -> list[str]:
        return [self.tr("Tavoite"), self.tr("Toimipistetyypit"), self.tr("Koot"), self.tr("Kohdeväestö"),
                self.tr("Aikaraja (min)"), self.tr("Tavoite %"), self.tr("Kattavuus %"), self.tr("Tila"),
                self.tr("Kunnat alle tavoitteen"), self.tr("Kattamatta (hlö)"), self.tr("Ei reittiä (hlö)")]

    def set_data(self, goals: list[ReachGoal], results: list) -> None:
        self.beginResetModel()
        self.goals, self.results = list(goals), list(results)
        self.endResetModel()

    def update_results(self, results: list) -> None:
        self.results = list(results)
        if self.goals:
            self.dataChanged.emit(self.index(0, 6), self.index(len(self.goals) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.goals)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.COLUMNS[index.column()] in self.EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _result(self, row):
        return self.results[row] if row < len(self.results) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.goals):
            return None
        goal, key = self.goals[index.row()], self.COLUMNS[index.column()]
        result = self._result(index.row())
        ok = result is not None and not isinstance(result, Exception)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            edit = role == Qt.ItemDataRole.EditRole
            if key == "name":
                return goal.name
            if key == "types":
                return ", ".join(goal.site_types)
            if key == "sizes":
                return ", ".join(goal.sizes) if (goal.sizes or edit) else self.tr("kaikki")
            if key == "population":  # the grid's column name in planners' words ("population" is a code)
                names = {"population": self.tr("koko väestö"), "pop_65plus": self.tr("65 vuotta täyttäneet")}
                return goal.population_column if edit else names.get(goal.population_column, goal.population_column)
            if key == "minutes":
                return goal.minutes if edit else short(goal.minutes)
            if key == "target":
                return goal.target_pct if edit else short(goal.target_pct)
            if not ok:
                return str(result) if key == "status" and result is not None else ""
            if key == "coverage":
                return number(result.coverage.share_pct, 1) + (" *" if result.estimate else "")
            if key == "status":
                return self.tr("toteutuu") if result.met else self.tr("ei toteudu")
            if key == "below":
                n = len(result.below_target())
                return self.tr("ei yhtään") if n == 0 else self.tr("1 kunta") if n == 1 else \
                    self.tr("{0} kuntaa").format(n)
            if key == "not_covered":
                return _fmt_int(result.coverage.not_covered)
            if key == "no_route":
                return _fmt_int(result.coverage.no_route)
        if role == Qt.ItemDataRole.BackgroundRole and key == "status" and ok:
            return QBrush(QColor(MET_COLOUR if result.met else NOT_MET_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and ok:
            return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.BackgroundRole and key == "below" and ok and len(result.below_target()):
            return QBrush(QColor("#f8d7da"))  # a badge: some municipalities fall short
        if role == Qt.ItemDataRole.ToolTipRole and key == "below" and ok and len(result.below_target()):
            return self.tr("Alle tavoitteen {0} %: ").format(short(goal.target_pct)) + ", ".join(
                f"{r.name} {number(r.share_pct, 1)} %" for r in result.below_target().itertuples(index=False))
        if role == Qt.ItemDataRole.ToolTipRole and ok and result.estimate:
            return self.tr("Luvut perustuvat osin linnuntie-arvioon (etäisyys × kiertokerroin / nopeus).")
        if role == Qt.ItemDataRole.UserRole and ok:  # sort/test role: the real numbers
            return {"coverage": result.coverage.share_pct, "not_covered": result.coverage.not_covered,
                    "no_route": result.coverage.no_route, "below": len(result.below_target())}.get(key)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        goal, key = self.goals[index.row()], self.COLUMNS[index.column()]
        try:
            if key == "name":
                new = replace(goal, name=str(value).strip())
            elif key == "types":
                new = replace(goal, site_types=tuple(v.strip() for v in str(value).split(",") if v.strip()))
            elif key == "sizes":
                new = replace(goal, sizes=tuple(v.strip() for v in str(value).split(",") if v.strip()))
            elif key == "population":
                new = replace(goal, population_column=str(value).strip() or "population")
            elif key == "minutes":
                new = replace(goal, minutes=float(str(value).replace(",", ".")))
            elif key == "target":
                new = replace(goal, target_pct=float(str(value).replace(",", ".")))
            else:
                return False
        except ValueError:
            return False
        if new == goal:
            return False
        self.edit_requested.emit(index.row(), new)
        return True


class FrameModel(QAbstractTableModel):
    """A read-only DataFrame with Finnish headers; numbers right-aligned, UserRole = raw value."""

    def __init__(self, headers: dict[str, str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.frame = pd.DataFrame(columns=list(headers))

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame[list(self.headers)].reset_index(drop=True)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return list(self.headers.values())[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, float | np.floating):
                name = self.frame.columns[index.column()]
                return number(value, 1) if name.endswith("pct") else _fmt_int(value)
            if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
                return _fmt_int(value)  # '144 299', not '144299'
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, float | int | np.number):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return value.item() if hasattr(value, "item") else value
        return None


class _Tabs(QTabWidget):
    """Tabs whose height does not follow their word-wrapped labels: a height-for-width tab made the
    main window's scroll area size the page by its preferred height (896 px in a 715 px window at
    1366x768), pushing the lower half of the map off the screen."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False


class NetworkPage(Page):
    title_fi = "Palveluverkko"
    key = "network"

    #: emitted after every what-if recomputation with its duration in seconds
    recomputed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context = None
        self.goals: list[ReachGoal] = []
        self.results: list = []
        self.closed: set[str] = set()
        self.added: list[dict] = []
        self.undo_stack = UndoStack()
        self.undo_stack.listeners.append(self._update_undo_buttons)
        self.last_update_s = 0.0
        self._figures_of = None  # the GoalResult the curve and the map show (or are to show)
        self._stale_figures: set[str] = set()  # 'map', 'curve': to draw when their tab is shown
        self._shown_selected = 0  # how many times the selected goal was shown (one showing per update)
        self.load_error: BaseException | None = None  # an unexpected failure of the last load
        self.loader = LatestLoad(self)
        self.loader.finished.connect(self._data_loaded)
        self.loader.failed.connect(self._load_failed)
        self._build()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = self.add_banner_and_content()
        top = QHBoxLayout()
        self.source_label = QLabel()
        # a long source line is cut rather than widening the page past a laptop screen
        self.source_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.source_label, 1)
        self.capacities_check = QCheckBox(self.tr("Kapasiteetit huomioiden"))
        self.capacities_check.setToolTip(self.tr("Henkilö lasketaan katetuksi vain, jos aikarajan sisällä on "
                                                 "toimipiste, jossa on tilaa (toimipisteen kapasiteetti, hlö)."))
        self.capacities_check.toggled.connect(lambda _on: self.recompute())
        top.addWidget(self.capacities_check)
        self.undo_button = QPushButton(self.tr("Kumoa"))
        self.redo_button = QPushButton(self.tr("Tee uudelleen"))
        self.add_goal_button = QPushButton(self.tr("Lisää tavoite"))
        self.remove_goal_button = QPushButton(self.tr("Poista tavoite"))
        self.export_table_button = QPushButton(self.tr("Vie taulukot (XLSX)…"))
        self.export_chart_button = QPushButton(self.tr("Vie kuva (PNG/SVG/PDF)…"))
        for b in (self.add_goal_button, self.remove_goal_button, self.undo_button, self.redo_button,
                  self.export_table_button, self.export_chart_button):
            top.addWidget(b)
        layout.addLayout(top)
        on_click(self.undo_button, self.undo)
        on_click(self.redo_button, self.redo)
        on_click(self.add_goal_button, self.add_goal)
        on_click(self.remove_goal_button, self.remove_goal)
        on_click(self.export_table_button, self._export_table_dialog)
        on_click(self.export_chart_button, self._export_chart_dialog)
        # page-local shortcuts, like the other editing pages (a window-wide Ctrl+Z would be ambiguous)
        for keys, slot in (("Ctrl+Z", self.undo), ("Ctrl+Shift+Z", self.redo), ("Ctrl+Y", self.redo)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.goals_model = GoalsModel(self)
        self.goals_model.edit_requested.connect(self._edit_goal)
        self.goals_view = QTableView()
        self.goals_view.setModel(self.goals_model)
        self.goals_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.goals_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goals_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.goals_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        splitter.addWidget(self.goals_view)

        self.tabs = _Tabs()
        # map
        self.map_view = NetworkMapView()
        self.map_view.site_requested.connect(self._on_map_site_requested)
        self.map_view.hover_text = self._hover_text
        self.map_figure, self.map_canvas = self.map_view.figure, self.map_view.canvas
        self.click_to_add = self.map_view.add_button
        self.map_tab = self.map_view
        self._lookup = None  # CellLookup of the grid, for the hover text
        self.tabs.addTab(self.map_view, self.tr("Kartta"))
        # curve
        self.curve_figure = Figure(figsize=(6, 4))
        self.curve_panel = ChartPanel(self.curve_figure)  # Finnish zoom / pan / reset, exact shares on hover
        self.curve_canvas = self.curve_panel.canvas
        self.curve_panel.mark_clicked.connect(self._curve_clicked)
        self.tabs.addTab(self.curve_panel, self.tr("Kertymäkäyrä"))
        # municipalities and catchments
        self.muni_model = FrameModel({"municipality": self.tr("Kunta"), "name": self.tr("Nimi"),
                                      "population": self.tr("Kohdeväestö"), "covered": self.tr("Katettu"),
                                      "no_route": self.tr("Ei reittiä"), "share_pct": self.tr("Kattavuus %")}, self)
        self.muni_view = QTableView()
        self.muni_view.setModel(self.muni_model)
        self.centre_model = FrameModel({"code": self.tr("Kunta"), "name": self.tr("Nimi"),
                                        "population": self.tr("Asukkaita"), "required_size": self.tr("Vaadittu koko"),
                                        "sote_ok": self.tr("Sote-keskus"), "dental_ok": self.tr("Hammashoitola"),
                                        "day_centre_ok": self.tr("Päivätoimintakeskus")}, self)
        self.centre_view = QTableView()
        self.centre_view.setModel(self.centre_model)
        muni_box = QSplitter(Qt.Orientation.Vertical)
        muni_box.addWidget(self.muni_view)
        centre_part = QWidget()
        cv = QVBoxLayout(centre_part)
        cv.setContentsMargins(0, 0, 0, 0)
        rule = QLabel(self.tr("Kuntakeskukset: alle 5 000 asukkaan keskuksessa vähintään S-koon, yli 5 000 "
                              "asukkaan keskuksessa M-koon sote-keskus ja hammashoitola; jokaisessa "
                              "päivätoimintakeskus (alueen palveluverkkolinjaus)."))
        rule.setWordWrap(True)  # on one line it made the page wider than a 1280-pixel laptop window
        cv.addWidget(rule)
        cv.addWidget(self.centre_view)
        muni_box.addWidget(centre_part)
        self.tabs.addTab(muni_box, self.tr("Kunnittain"))
        self.catch_model = FrameModel({"site_id": self.tr("Tunnus"), "name": self.tr("Toimipiste"),
                                       "type": self.tr("Tyyppi"), "size": self.tr("Koko"),
                                       "population_nearest": self.tr("Lähin toimipiste (hlö)"),
                                       "population_within": self.tr("Aikarajan sisällä (hlö)"),
                                       "population_only": self.tr("Vain tämä kattaa (hlö)"),
                                       "capacity": self.tr("Kapasiteetti (hlö)"),
                                       "assigned": self.tr("Palvelee kapasiteetilla (hlö)")}, self)
        self.catch_view = QTableView()
        self.catch_view.setModel(self.catch_model)
        self.catch_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(self.catch_view, self.tr("Vaikutusalueet"))
        self.tabs.addTab(self._build_what_if(), self.tr("Mitä jos"))
        self.tabs.addTab(self._build_optimizer(), self.tr("Uudet toimipisteet"))
        self.tabs.addTab(self._build_travel(), self.tr("Matka-ajat"))
        self.tabs.currentChanged.connect(lambda _i: self._draw_visible_figures())
        splitter.addWidget(self.tabs)
        splitter.setSizes([220, 600])
        layout.addWidget(splitter, 1)
        self._update_undo_buttons()

    def _build_what_if(self) -> QWidget:
        box = QWidget()
        lay = QHBoxLayout(box)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Toimipisteet (poista rasti = suljettu):")))
        self.site_list = QListWidget()
        self.site_list.itemChanged.connect(self._on_site_toggled)
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
        on_click(self.add_site_button, self._add_typed_site)
        right.addWidget(self.add_site_button)
        tip = QLabel(self.tr("Kartalla: paina \"Lisää toimipiste klikkaamalla\" ja napsauta paikkaa."))
        tip.setWordWrap(True)
        right.addWidget(tip)
        self.reset_button = QPushButton(self.tr("Palauta nykyinen verkko"))
        on_click(self.reset_button, self.reset_what_if)
        right.addWidget(self.reset_button)
        right.addWidget(QLabel(self.tr("Skenaario:")))
        self.scenario_name = QLineEdit()
        self.scenario_name.setPlaceholderText(self.tr("nimi"))
        right.addWidget(self.scenario_name)
        row = QHBoxLayout()
        self.save_scenario_button = QPushButton(self.tr("Tallenna"))
        on_click(self.save_scenario_button, lambda: self.save_scenario(self.scenario_name.text()))
        self.scenario_combo = QComboBox()
        self.load_scenario_button = QPushButton(self.tr("Avaa"))
        on_click(self.load_scenario_button, lambda: self.load_scenario(self.scenario_combo.currentText()))
        row.addWidget(self.save_scenario_button)
        row.addWidget(self.scenario_combo, 1)
        row.addWidget(self.load_scenario_button)
        right.addLayout(row)
        self.compare_model = FrameModel({"goal": self.tr("Tavoite")}, self)
        self.compare_view = QTableView()
        self.compare_view.setModel(self.compare_model)
        right.addWidget(QLabel(self.tr("Skenaarioiden vertailu (kattavuus %):")))
        right.addWidget(self.compare_view, 1)
        self.what_if_label = QLabel()
        self.what_if_label.setWordWrap(True)
        right.addWidget(self.what_if_label)
        lay.addLayout(right, 3)
        return box

    def _build_optimizer(self) -> QWidget:
        self.new_sites = NewSitesPanel()
        self.new_sites.run_requested.connect(self.run_optimizer)
        self.new_sites.show_on_map_requested.connect(self.show_new_sites_on_map)
        self.new_sites.save_requested.connect(self.save_new_sites_scenario)
        return self.new_sites

    def _build_travel(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.travel_source = QComboBox()
        for key, text in (("auto", self.tr("paras saatavilla")), ("matrix", self.tr("matka-aikamatriisi")),
                          ("road", self.tr("tieverkko")), ("straight-line", self.tr("linnuntie-arvio"))):
            self.travel_source.addItem(text, key)
        self.detour = QDoubleSpinBox()
        self.detour.setRange(1.0, 3.0)
        self.detour.setSingleStep(0.05)
        self.car_speed = QDoubleSpinBox()
        self.car_speed.setRange(5, 130)
        self.access_speed = QDoubleSpinBox()
        self.access_speed.setRange(0, 100)
        self.max_snap = QDoubleSpinBox()
        self.max_snap.setRange(10, 50_000)
        self.max_snap.setSingleStep(100)
        self.apply_travel = QPushButton(self.tr("Käytä"))
        on_click(self.apply_travel, self.apply_travel_settings)
        self.import_road_button = QPushButton(self.tr("Tuo tieverkko (GeoPackage tai .osm.pbf)…"))
        on_click(self.import_road_button, self._import_road_dialog)
        self.travel_info = QLabel()
        self.travel_info.setWordWrap(True)
        form.addRow(self.tr("Matka-aikojen lähde"), self.travel_source)
        form.addRow(self.tr("Linnuntie-arvio: kiertokerroin"), self.detour)
        form.addRow(self.tr("Linnuntie-arvio: nopeus autolla (km/h)"), self.car_speed)
        form.addRow(self.tr("Tieverkko: liityntänopeus (km/h, 0 = ei liityntäaikaa)"), self.access_speed)
        form.addRow(self.tr("Tieverkko: suurin kohdistusetäisyys (m)"), self.max_snap)
        form.addRow(self.apply_travel)
        form.addRow(self.import_road_button)
        form.addRow(self.travel_info)
        return box

    def _fill_travel_settings(self, settings: dict) -> None:
        line = settings["straight_line"]
        self.detour.setValue(line["detour_factor"])
        self.car_speed.setValue(line["speeds_kmh"].get("car", 60.0))
        self.access_speed.setValue(float(settings["access_speed_kmh"] or 0))
        self.max_snap.setValue(settings["max_snap_m"])

    def apply_travel_settings(self) -> None:
        from desktop.services.network import set_travel_settings, travel_settings

        settings = travel_settings(self.store)
        settings["straight_line"]["detour_factor"] = self.detour.value()
        settings["straight_line"]["speeds_kmh"]["car"] = self.car_speed.value()
        settings["access_speed_kmh"] = self.access_speed.value() or None
        settings["max_snap_m"] = self.max_snap.value()
        if not self.store.readonly:
            set_travel_settings(self.store, settings)
        self.refresh()

    def import_road_network(self, path: str) -> dict | None:
        from desktop.services.network import import_road_network
        from desktop.ui.worker import run_with_progress

        try:
            report = run_with_progress(self, lambda progress: import_road_network(self.store, path, progress=progress),
                                       title=self.tr("Tieverkko"), label=self.tr("Luetaan tieverkkoa…"))
        except UserError as exc:
            ask.warn(self, self.tr("Tieverkko"), str(exc))
            return None
        self.refresh()
        self.store_modified.emit()
        return report

    def _import_road_dialog(self) -> None:
        name = ask.open_file(self, self.tr("Tuo tieverkko"), "", self.tr("Tieverkot (*.gpkg *.pbf *.osm)"))
        if name:
            self.import_road_network(name)

    def _travel_text(self, road: tuple[int, int] | None) -> str:
        """The travel-time sources in words; `road` is (nodes, edges) of the stored road network."""
        parts = []
        if road is not None:
            parts.append(self.tr("Tieverkko: {0} solmua, {1} kaarta.").format(_fmt_int(road[0]), _fmt_int(road[1])))
        snap = next((r.snap for r in self.results if not isinstance(r, Exception) and r.snap), None)
        if snap:
            parts.append(self.tr("Ruutujen kohdistus tieverkkoon: suurin etäisyys {0} m, keskimäärin {1} m; {2} ruutua "
                                 "({3} hlö) yli {4} m päässä: ei reittiä.").format(
                _fmt_int(snap["max_m"]), _fmt_int(snap["mean_m"]), snap["far"], _fmt_int(snap["far_population"]),
                _fmt_int(snap["max_snap_m"])))
        if any(r.estimate for r in self.results if not isinstance(r, Exception)):
            parts.append(self.tr("Osa luvuista on linnuntie-arvioita: etäisyys × kiertokerroin / nopeus."))
        return "\n".join(parts)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Re-read the goals and the store's grid, sites and travel times and evaluate every goal for
        the page's what-if (kept). The reading runs in the background (a load still running is
        dropped); the page keeps showing what it showed, disabled, until `loaded`."""
        self.loader.cancel()
        self.load_error = None
        if self.store is None:
            self.context = None
            self.goals, self.results = [], []
            self.goals_model.set_data([], [])
            self.source_label.setText(self.tr("Ei avointa projektia."))
            self._load_over()
            return
        self.banner.show_loading(self.tr("Ladataan palveluverkkoa…"))
        self.content.setEnabled(False)
        self.loader.start(load_network_data, self.store, self.travel_source.currentData() or "auto",
                          set(self.closed), [dict(a) for a in self.added], self.capacities_check.isChecked())

    def is_loading(self) -> bool:
        return self.loader.running

    def undo(self) -> None:
        # a goal edit writes the store: not while it is read, nor after a failed load
        if self.content.isEnabled():
            self._guarded(self.undo_stack.undo, None)

    def redo(self) -> None:
        if self.content.isEnabled():
            self._guarded(self.undo_stack.redo, None)

    def _data_loaded(self, data: NetworkData) -> None:
        self._banner_off()
        self.goals = data.goals
        self._fill_travel_settings(data.settings)
        self.context = data.context
        if self.context is None:  # e.g. no grid: the goals without figures, and why
            self.results = []
            self.goals_model.set_data(self.goals, [])
            self.source_label.setText(data.message)
            self._load_over()
            return
        self._fill_sites()
        self.scenario_combo.clear()
        self.scenario_combo.addItems(data.scenarios)
        types = sorted(set(self.context.sites["type"]))
        self.add_type.clear()
        self.add_type.addItems(types)
        if "sote-keskus" in types:
            self.add_type.setCurrentText("sote-keskus")
        self.new_sites.set_choices([g.name for g in self.goals], types)
        self._lookup = CellLookup(self.context.cell_x, self.context.cell_y,
                                  cell_size(self.context.cell_x, self.context.cell_y))
        self.centre_model.set_frame(data.centres.assign(
            sote_ok=lambda f: f["sote_ok"].map(self._yes_no), dental_ok=lambda f: f["dental_ok"].map(self._yes_no),
            day_centre_ok=lambda f: f["day_centre_ok"].map(self._yes_no)))
        if data.closed == self.closed and data.added == self.added and \
                all(getattr(r, "capacity", None) is not None for r in data.results if not isinstance(r, Exception)) \
                == self.capacities_check.isChecked():
            self._show_results(data.results, True, time.perf_counter(), data.seconds)
        else:  # the what-if changed meanwhile (from code: the page was disabled)
            self.recompute(reset=True)
        self._show_comparison(data.comparison)
        self.travel_info.setText(self._travel_text(data.road))
        self._load_over()

    def _load_failed(self, error: BaseException) -> None:
        """Nothing to show: say why at the top and in the source line; the content stays disabled
        (the goals were not read, so editing them could overwrite the saved ones)."""
        if isinstance(error, UserError):
            text = str(error)
        else:
            self.load_error = error
            text = self.tr("Palveluverkon lataus epäonnistui: {0}").format(error)
        self.context = None
        self.goals, self.results = [], []
        self.goals_model.set_data([], [])
        self.source_label.setText(text)
        self._show_selected()
        self.banner.show_error(text)
        self.loaded.emit()

    def _load_over(self) -> None:
        self.banner.clear()
        self.content.setEnabled(True)
        self.loaded.emit()

    def _yes_no(self, ok: bool) -> str:
        return self.tr("kyllä") if ok else self.tr("EI")

    def _fill_sites(self) -> None:
        self.site_list.blockSignals(True)
        self.site_list.clear()
        for r in self.context.sites.itertuples(index=False):
            item = QListWidgetItem(f"{r.name} ({r.type} {r.size})".replace(" )", ")"))
            item.setData(Qt.ItemDataRole.UserRole, r.site_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if r.site_id in self.closed else Qt.CheckState.Checked)
            self.site_list.addItem(item)
        for a in self.added:
            self._add_added_item(a)
        self.site_list.blockSignals(False)

    def _add_added_item(self, site: dict) -> None:
        item = QListWidgetItem(self.tr("UUSI: ") + f"{site['name']} ({site['type']} {site['size']})")
        item.setData(Qt.ItemDataRole.UserRole, site["site_id"])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.site_list.addItem(item)

    def _fill_scenarios(self) -> None:
        from desktop.services.network import list_scenarios

        self.scenario_combo.clear()
        self.scenario_combo.addItems([s["name"] for s in list_scenarios(self.store)])

    def recompute(self, reset: bool = False) -> None:
        """Evaluate every goal for the current what-if and redraw; time kept in `last_update_s`."""
        if self.context is None:
            return
        start = time.perf_counter()
        self._show_results(evaluate_goals(self.context, self.goals, self.closed, self.added,
                                          self.capacities_check.isChecked()), reset, start)

    def _show_results(self, results: list, reset: bool, start: float, earlier_s: float = 0.0) -> None:
        """Show the goals' results (evaluated here from `start`, or `earlier_s` seconds in the
        background) and the selected goal's tables and pictures."""
        self.results = results
        row = max(0, self.goals_view.currentIndex().row())
        if reset:
            self.goals_model.set_data(self.goals, results)
        else:
            self.goals_model.update_results(results)
        shown = self._shown_selected
        if self.goals and self.goals_view.currentIndex().row() < 0:
            self.goals_view.selectRow(row)  # shows the row (currentRowChanged)
        if self._shown_selected == shown:  # not shown yet: once, not twice
            self._show_selected()
        travel = {r.travel for r in results if not isinstance(r, Exception)}
        names = ", ".join(self.tr(TRAVEL_NAMES.get(k, k)) for k in sorted(travel)) or "-"
        estimate = any(r.estimate for r in results if not isinstance(r, Exception))
        text = self.tr("Matka-ajat: ") + names
        if estimate:
            text += self.tr(" — osa luvuista on linnuntie-arvioita (*)")
        if self.closed or self.added:
            text += self.tr(" — MITÄ JOS: {0} suljettu, {1} lisätty").format(len(self.closed), len(self.added))
        self.source_label.setText(text)
        self.source_label.setToolTip(text)  # the line may be cut on a narrow window
        self.last_update_s = earlier_s + time.perf_counter() - start
        self.what_if_label.setText(  # what the figures above are, never how long they took (last_update_s)
            self.tr("Luvut laskettu: {0} toimipistettä suljettu, {1} lisätty.").format(len(self.closed), len(self.added))
            if self.closed or self.added else self.tr("Luvut ovat nykyisen verkon."))
        self.recomputed.emit(self.last_update_s)

    @property
    def map_ax(self):
        """The map's Axes (None before the map is first drawn)."""
        return self.map_view.ax

    def selected_row(self) -> int:
        row = self.goals_view.currentIndex().row()
        return row if 0 <= row < len(self.results) else (0 if self.results else -1)

    def _show_selected(self) -> None:
        self._shown_selected += 1
        row = self.selected_row()
        if row < 0 or isinstance(self.results[row], Exception):
            self._figures_of, self._stale_figures = None, set()
            self.map_view.clear()
            self.curve_figure.clear()
            self.curve_canvas.draw_idle()
            return
        result = self.results[row]
        muni = result.by_municipality.copy()
        self.muni_model.set_frame(muni)
        self._figures_of, self._stale_figures = result, {"map", "curve", "catch"}
        self._draw_visible_figures()

    def _draw_visible_figures(self) -> None:
        """Draw the selected goal's curve and map if their tab is shown; a hidden one is drawn when its
        tab is shown or it is exported (a site toggled in the what-if list redraws neither: 0.3 s saved)."""
        tab = self.tabs.currentWidget()
        shows = {"map": self.map_tab, "curve": self.curve_panel, "catch": self.catch_view}
        for which in sorted(self._stale_figures):
            if tab is shows[which]:
                self._draw_figure(which)

    def _draw_figure(self, which: str) -> None:
        """Draw the curve ('curve') or the map ('map') of the selected goal's result."""
        self._stale_figures.discard(which)
        result = self._figures_of
        if result is None:
            return
        if which == "map":
            self._draw_map(result)
            return
        if which == "catch":
            self.catch_model.set_frame(self._catchment_frame(result))
            return
        goal = result.goal
        minutes, share = cumulative_curve(result.weights, result.nearest.minutes)
        draw_reach_curve(self.curve_figure, [CurveData(goal.name, minutes, share, goal.minutes, goal.target_pct,
                                                       result.coverage.share_pct, result.estimate)])
        self.curve_panel.drawn()

    def _curve_clicked(self, _text: str, key) -> None:
        """A click on the curve's threshold marker shows the goal on the map."""
        if isinstance(key, tuple) and key and key[0] == "map":
            self.tabs.setCurrentWidget(self.map_tab)

    def _catchment_frame(self, result) -> pd.DataFrame:
        """Catchments per site (nearest / within / only), with capacities and the persons each serves
        when the figures are capacity-aware."""
        frame = result.site_catchments()
        frame["capacity"] = result.sites["capacity"].to_numpy(float)
        frame["assigned"] = result.capacity.assigned if result.capacity is not None else np.nan
        return frame

    def _draw_map(self, result) -> None:
        from desktop.services.borders import county_borders
        from desktop.services.network import municipal_centres

        goal = result.goal
        sites = self.context.sites.copy()
        sites["state"] = np.where(sites["site_id"].isin(self.closed), "closed", "active")
        sites = sites[goal.qualifying(sites)]
        if self.added:
            extra = pd.DataFrame(self.added).assign(state="added")
            sites = pd.concat([sites, extra[goal.qualifying(extra)]], ignore_index=True)
        centres = municipal_centres(self.store)
        borders = county_borders().for_codes(centres["code"]).around(self.context.cell_x, self.context.cell_y)
        below = result.below_target()
        layers = MapLayers(self.context.cell_x, self.context.cell_y, result.nearest.minutes, result.weights,
                           goal.minutes, sites, centres, goal.name, result.estimate,
                           {c: b.rings() for c, b in borders.municipalities.items()},
                           borders.region.rings() if borders.region is not None else None,
                           dict(zip(below["municipality"], below["name"], strict=True)),
                           self.tr("Kuntarajat: Maanmittauslaitos 2023 (CC BY 4.0)") if borders.municipalities else "")
        self.map_view.show_layers(layers, keep_view=self._same_goal_drawn == goal.name)
        self._same_goal_drawn = goal.name

    def _hover_text(self, x: float, y: float) -> str | None:
        """The tooltip of the grid cell under (x, y) metres on the map: residents, minutes to the
        nearest qualifying site and that site's name."""
        result = self._figures_of
        if result is None or self._lookup is None:
            return None
        cell = self._lookup.cell_at(x, y)
        if cell < 0:
            return None
        persons = _fmt_int(result.weights[cell])
        head = self.tr("Ruutu {0}: {1} asukasta").format(self.context.grid["cell_id"].iat[cell], persons)
        if result.goal.population_column != "population":
            head = self.tr("Ruutu {0}: {1} ({2})").format(self.context.grid["cell_id"].iat[cell], persons,
                                                          result.goal.population_column)
        minutes, site = result.nearest.minutes[cell], result.nearest.site[cell]
        if site < 0 or np.isnan(minutes):
            return head + "\n" + self.tr("Ei reittiä yhteenkään toimipisteeseen")
        name = result.sites["name"].iat[site]
        line = self.tr("Lähin: {0}, {1} min").format(name, number(minutes, 1))
        if minutes > result.goal.minutes:
            line += " " + self.tr("(yli aikarajan {0} min)").format(short(result.goal.minutes))
        return head + "\n" + line

    _same_goal_drawn = ""

    # ------------------------------------------------------------------ goals (undoable)
    def _apply_goals(self, goals: list[ReachGoal]) -> None:
        from desktop.services.network import replace_goals

        self.goals = replace_goals(self.store, goals)
        row = self.goals_view.currentIndex().row()
        self.recompute(reset=True)
        if 0 <= row < len(self.goals):
            self.goals_view.selectRow(row)
        self.store_modified.emit()

    def _push_goals(self, text: str, new: list[ReachGoal]) -> None:
        old = list(self.goals)
        try:
            from desktop.services.network import validate_goal

            for g in new:
                validate_goal(g)
        except UserError as exc:
            ask.warn(self, self.tr("Tavoite"), str(exc))
            return
        self._guarded(lambda: self.undo_stack.push(
            FunctionCommand(text, lambda: self._apply_goals(new), lambda: self._apply_goals(old))), new)

    def _guarded(self, edit, goals: list[ReachGoal] | None) -> None:
        """Run a goal edit (a push, undo or redo); a colleague's newer save: reload or save into a copy."""
        try:
            edit()
        except SaveConflict as exc:
            from desktop.services.network import replace_goals
            from desktop.ui.dialogs import save_conflict

            wanted = list(goals if goals is not None else self.goals)
            save_conflict.resolve(self, self.store, exc, lambda copy: replace_goals(copy, wanted), self._reload_goals)

    def _reload_goals(self) -> None:
        self.undo_stack.clear()
        self.refresh()

    def _edit_goal(self, row: int, goal: ReachGoal) -> None:
        new = list(self.goals)
        new[row] = goal
        self._push_goals(self.tr("Muokkaa tavoitetta"), new)

    def add_goal(self) -> None:
        if self.store is None:
            return
        names = {g.name for g in self.goals}
        n = 1
        while f"Uusi tavoite {n}" in names:
            n += 1
        types = tuple(sorted(set(self.context.sites["type"]))[:1]) if self.context is not None else ("sote-keskus",)
        self._push_goals(self.tr("Lisää tavoite"), self.goals + [ReachGoal(f"Uusi tavoite {n}", types or ("sote-keskus",), 30)])

    def remove_goal(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        self._push_goals(self.tr("Poista tavoite"), self.goals[:row] + self.goals[row + 1:])

    def _update_undo_buttons(self) -> None:
        self.undo_button.setEnabled(self.undo_stack.can_undo())
        self.redo_button.setEnabled(self.undo_stack.can_redo())

    # ------------------------------------------------------------------ what-if
    def set_site_active(self, site_id: str, active: bool) -> None:
        """Switch a site on or off (an added site switched off is removed)."""
        site_id = str(site_id)
        added_ids = {a["site_id"] for a in self.added}
        if site_id in added_ids:
            if not active:
                self.added = [a for a in self.added if a["site_id"] != site_id]
        elif active:
            self.closed.discard(site_id)
        else:
            self.closed.add(site_id)
        self._sync_site_checks()
        self.recompute()

    def _sync_site_checks(self) -> None:
        self.site_list.blockSignals(True)
        added_ids = {a["site_id"] for a in self.added}
        for i in reversed(range(self.site_list.count())):
            item = self.site_list.item(i)
            sid = item.data(Qt.ItemDataRole.UserRole)
            if item.text().startswith(self.tr("UUSI: ")) and sid not in added_ids:
                self.site_list.takeItem(i)
                continue
            item.setCheckState(Qt.CheckState.Unchecked if sid in self.closed else Qt.CheckState.Checked)
        self.site_list.blockSignals(False)

    def _on_site_toggled(self, item: QListWidgetItem) -> None:
        self.set_site_active(item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked)

    def add_site(self, x: float, y: float, site_type: str, size: str = "") -> dict:
        """Add a what-if site at (x, y) metres; returns it."""
        n = len(self.added) + 1
        ids = {a["site_id"] for a in self.added}
        while f"uusi-{n}" in ids:
            n += 1
        site = {"site_id": f"uusi-{n}", "name": self.tr("Uusi {0}").format(n), "type": site_type, "size": size,
                "x": float(x), "y": float(y), "municipality": ""}
        self.added.append(site)
        self.site_list.blockSignals(True)
        self._add_added_item(site)
        self.site_list.blockSignals(False)
        self.recompute()
        return site

    def _add_typed_site(self) -> None:
        try:
            x = float(self.add_x.text().replace(",", ".").replace(" ", ""))
            y = float(self.add_y.text().replace(",", ".").replace(" ", ""))
        except ValueError:
            ask.warn(self, self.tr("Lisää toimipiste"),
                                self.tr("Anna koordinaatit metreinä (ETRS-TM35FIN), esim. x 435000 ja y 6900000."))
            return
        self.add_site(x, y, self.add_type.currentText(), self.add_size.currentText())

    def _on_map_site_requested(self, x: float, y: float) -> None:
        self.add_site(x, y, self.add_type.currentText() or "sote-keskus", self.add_size.currentText())

    def reset_what_if(self) -> None:
        self.closed.clear()
        self.added = []
        if self.context is not None:
            self._fill_sites()
        self.recompute()

    def save_scenario(self, name: str) -> None:
        from desktop.services.network import save_scenario

        try:
            save_scenario(self.store, name, sorted(self.closed), self.added)
        except UserError as exc:
            ask.warn(self, self.tr("Skenaario"), str(exc))
            return
        self._fill_scenarios()
        self.scenario_combo.setCurrentText(name.strip())
        self._fill_comparison()
        self.status_message.emit(self.tr("Skenaario tallennettu: ") + name.strip())

    def load_scenario(self, name: str) -> None:
        from desktop.services.network import list_scenarios

        for s in list_scenarios(self.store):
            if s["name"] == name:
                self.closed = set(s["closed"])
                self.added = [dict(a) for a in s["added"]]
                self._fill_sites()
                self.recompute()
                self._fill_comparison()
                return

    def _fill_comparison(self) -> None:
        from desktop.services.network import compare_scenarios

        self._show_comparison(compare_scenarios(self.store, self.context))

    def _show_comparison(self, frame: pd.DataFrame) -> None:
        # one column per scenario (the first is the current network), headed by its name; the _pct
        # suffix makes the model show one decimal
        renamed = frame.rename(columns=lambda c: c if c == "goal" else f"{c}_pct")
        self.compare_model.headers = {new: (self.tr("Tavoite") if old == "goal" else old)
                                      for old, new in zip(frame.columns, renamed.columns, strict=True)}
        self.compare_model.set_frame(renamed)

    # ------------------------------------------------------------------ optimiser
    def run_optimizer(self) -> dict | None:
        """Run the question of the "Uudet toimipisteet" tab (in the background, with progress)."""
        from desktop.services.network import goal_by_name
        from desktop.services.new_sites import optimize_sites
        from desktop.ui.worker import run_with_progress

        if self.store is None or self.context is None:
            return None
        question = self.new_sites.request()
        try:
            goal = goal_by_name(self.store, question.pop("goal_name"))
            if "max_sites" not in question:
                question["target_pct"] = goal.target_pct
            candidates = question.pop("candidates")
            result = run_with_progress(
                self, lambda _p: optimize_sites(self.store, candidates, goal=goal, context=self.context, **question),
                title=self.tr("Uudet toimipisteet"), label=self.tr("Etsitään parhaita paikkoja…"))
        except UserError as exc:
            self.new_sites.show_result(None, str(exc))
            return None
        self.new_sites.show_result(result)
        self._optimum_goal = goal
        return result

    def _optimum_sites(self) -> list[dict]:
        """The last answer's new sites as what-if sites of the goal's type and smallest qualifying size."""
        result, goal = self.new_sites.result, getattr(self, "_optimum_goal", None)
        if not result or goal is None:
            return []
        size = goal.sizes[0] if goal.sizes else ""
        out = []
        for site in result["new_sites"]:
            added = {"site_id": f"uusi-{site['site_id']}", "name": self.tr("Uusi: {0}").format(site["name"]),
                     "type": goal.site_types[0], "size": size, "x": site["x"], "y": site["y"],
                     "municipality": site["municipality"]}
            if "capacity" in site:
                added["capacity"] = site["capacity"]
            out.append(added)
        return out

    def show_new_sites_on_map(self) -> None:
        """Add the answer's new sites to the what-if, select their goal and show the map."""
        sites = self._optimum_sites()
        if not sites:
            return
        known = {a["site_id"] for a in self.added}
        self.added = self.added + [s for s in sites if s["site_id"] not in known]
        self._fill_sites()
        row = [g.name for g in self.goals].index(self._optimum_goal.name)
        self.goals_view.selectRow(row)
        self.tabs.setCurrentWidget(self.map_tab)
        self.recompute()

    def save_new_sites_scenario(self, name: str) -> None:
        """Save the current network plus the answer's new sites as a named scenario."""
        sites = self._optimum_sites()
        if not sites:
            return
        from desktop.services.network import save_scenario

        known = {a["site_id"] for a in self.added}
        try:
            save_scenario(self.store, name, sorted(self.closed), self.added + [s for s in sites if s["site_id"] not in known])
        except UserError as exc:
            ask.warn(self, self.tr("Skenaario"), str(exc))
            return
        self._fill_scenarios()
        self._fill_comparison()
        self.status_message.emit(self.tr("Skenaario tallennettu: ") + name.strip())
        self.store_modified.emit()

    # ------------------------------------------------------------------ export
    def export_table(self, path: str | Path) -> Path:
        """Goals, per-municipality and catchment tables of the current view to an XLSX file."""
        path = Path(path)
        rows = []
        for goal, r in zip(self.goals, self.results, strict=False):
            if isinstance(r, Exception):
                rows.append({"tavoite": goal.name, "virhe": str(r)})
                continue
            rows.append({"tavoite": goal.name, "tyypit": ", ".join(goal.site_types), "koot": ", ".join(goal.sizes),
                         "kohdeväestö": goal.population_column, "aikaraja_min": goal.minutes,
                         "tavoite_pct": goal.target_pct, "kattavuus_pct": round(r.coverage.share_pct, 3),
                         "toteutuu": "toteutuu" if r.met else "ei toteudu", "väestö": r.coverage.population,
                         "katettu": r.coverage.covered, "kattamatta": r.coverage.not_covered,
                         "ei_reittiä": r.coverage.no_route, "matka_ajat": r.travel, "arvio": r.estimate})
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            pd.DataFrame(rows).to_excel(writer, sheet_name="Tavoitteet", index=False)
            row = self.selected_row()
            if row >= 0 and not isinstance(self.results[row], Exception):
                self.results[row].by_municipality.to_excel(writer, sheet_name="Kunnittain", index=False)
                self._catchment_frame(self.results[row]).to_excel(writer, sheet_name="Vaikutusalueet", index=False)
        return path

    def export_chart(self, which: str, path: str | Path) -> Path:
        """Save the map ('map') or the curve ('curve') as PNG, SVG or PDF (by the file suffix)."""
        path = Path(path)
        if which in ("map", "curve") and which in self._stale_figures:  # its tab was not shown since
            self._draw_figure(which)
        figure = self.map_figure if which == "map" else self.curve_figure
        figure.savefig(path, dpi=150, bbox_inches="tight")
        return path

    def _export_table_dialog(self) -> None:
        name = ask.save_file(self, self.tr("Vie taulukot"), "palveluverkko.xlsx", "Excel (*.xlsx)")
        if name:
            self.export_table(name)

    def _export_chart_dialog(self) -> None:
        which = "curve" if self.tabs.currentIndex() == 1 else "map"
        name = ask.save_file(self, self.tr("Vie kuva"), f"palveluverkko-{which}.png",
                             "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)")
        if name:
            self.export_chart(which, name)

    def render_check(self) -> None:
        if not self.wait_until_loaded():
            raise RuntimeError("network page did not finish loading")
        if self.load_error is not None:
            raise RuntimeError(f"network page could not load: {self.load_error}") from self.load_error
        if self.store is not None and self.goals and not self.results:
            raise RuntimeError("reach goals were not computed")
