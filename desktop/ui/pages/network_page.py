"""Service network page (Finnish: Palveluverkko): reach goals with their coverage, the map, the
cumulative curve, per-municipality figures and catchments, what-if scenarios and optimal new sites.

Widgets only: the state, loads, goal edits with undo and the what-if are the Qt-free `NetworkPresenter`
(desktop.presenters; figures from `desktop.services.network`, as `sote-planner reach`); the tables are
`ui.models.network_models`, the tabs below the goals `ui.widgets.network_tabs`. The page is a
`LoadingPage`: `load()` is `load_network_data` run in the background under "Ladataan…"; goal edits are
saved at once (nothing is ever unsaved).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
)

from desktop.analysis.reach import ReachGoal
from desktop.charts.numbers import number
from desktop.charts.reach import draw_reach_curve
from desktop.core.errors import SaveConflict, UserError
from desktop.presenters.network import NetworkData, NetworkPresenter, evaluate_goals, load_network_data
from desktop.presenters.network_figures import curve_data, export_table
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.models.network_models import GoalsModel
from desktop.ui.pages.base import LoadingPage
from desktop.ui.widgets.network_tabs import NetworkTabs

__all__ = ["GoalsModel", "NetworkPage", "draw_reach_curve", "evaluate_goals", "load_network_data"]  # tests


def _fmt_int(value: float) -> str:
    """A whole number in the current language ('1 234' fi, '1,234' en)."""
    return number(value)


class NetworkPage(LoadingPage):
    title_fi = "Palveluverkko"
    key = "network"

    #: emitted after every what-if recomputation with its duration in seconds
    recomputed = Signal(float)
    #: after a failed load the content stays disabled (the goals were not read, so editing them could
    #: overwrite the saved ones)
    content_after_failure = False
    #: a goal edit is saved to the store at once
    saves_at_once = True

    def __init__(self, parent=None):
        super().__init__(parent)
        self.presenter = NetworkPresenter()
        self.presenter.goals_listeners.append(self._goals_written)
        self.last_update_s = 0.0
        self._shown_selected = 0  # how many times the selected goal was shown (one showing per update)
        self._build()

    # the presenter's state, read by the tests and the self-test under the page's names
    goals = property(lambda self: self.presenter.goals)
    results = property(lambda self: self.presenter.results)
    closed = property(lambda self: self.presenter.closed)
    added = property(lambda self: self.presenter.added)
    context = property(lambda self: self.presenter.context)

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
        self.capacities_check.toggled.connect(self._capacities_toggled)
        top.addWidget(self.capacities_check)
        self.undo_button = QPushButton(self.tr("Kumoa"))
        self.redo_button = QPushButton(self.tr("Tee uudelleen"))
        self.add_goal_button = QPushButton(self.tr("Lisää tavoite"))
        self.remove_goal_button = QPushButton(self.tr("Poista tavoite"))
        self.export_table_button = QPushButton(self.tr("Vie taulukot (XLSX)…"))
        self.export_chart_button = QPushButton(self.tr("Vie kuva (PNG/SVG/PDF)…"))
        for button, slot in ((self.add_goal_button, self.add_goal), (self.remove_goal_button, self.remove_goal),
                             (self.undo_button, self.undo), (self.redo_button, self.redo),
                             (self.export_table_button, self._export_table_dialog),
                             (self.export_chart_button, lambda: self.tabs.export_chart_dialog())):
            top.addWidget(button)
            on_click(button, slot)
        layout.addLayout(top)

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

        self.tabs = NetworkTabs(self.presenter, self._draw_curve)
        self.what_if, self.new_sites, self.travel = self.tabs.what_if, self.tabs.new_sites, self.tabs.travel
        self.tabs.map_view.site_requested.connect(self.what_if.add_site_at)
        self.what_if.changed.connect(self.recompute)
        self.what_if.saved.connect(lambda name: self.status_message.emit(self.tr("Skenaario tallennettu: ") + name))
        self.new_sites.run_requested.connect(self.run_optimizer)
        self.new_sites.show_on_map_requested.connect(self.show_new_sites_on_map)
        self.new_sites.save_requested.connect(self.save_new_sites_scenario)
        on_click(self.travel.apply_travel, self.apply_travel_settings)
        self.travel.road_file_chosen.connect(self.import_road_network)
        # the tabs' widgets under the page's names, as the tests and scripts know them
        for part, names in ((self.tabs, ("map_view", "curve_figure", "curve_panel", "curve_canvas", "muni_model", "centre_model",
                                         "catch_model", "catch_view")),
                            (self.what_if, ("site_list", "add_x", "add_y", "add_type", "add_size", "add_site_button",
                                            "compare_model")),
                            (self.travel, ("travel_source", "car_speed", "travel_info"))):
            for name in names:
                setattr(self, name, getattr(part, name))
        self.map_tab, self.map_figure, self.map_canvas = self.map_view, self.map_view.figure, self.map_view.canvas
        self.click_to_add = self.map_view.add_button
        splitter.addWidget(self.tabs)
        splitter.setSizes([220, 600])
        layout.addWidget(splitter, 1)
        # page-local Ctrl+Z / Ctrl+Shift+Z, like the other editing pages (a window-wide one would be ambiguous)
        self.add_undo_actions(self.presenter.undo_stack, with_save=False)

    # ------------------------------------------------------------------ data
    def apply_travel_settings(self) -> None:
        self.presenter.apply_travel_settings(*self.travel.settings())
        self.refresh()

    def import_road_network(self, path: str) -> dict | None:
        """Read a road network file into the store (with progress) and load the page again; its report."""
        report = self.travel.import_road_network(self.store, path)
        if report is not None:
            self.refresh()
            self.store_modified.emit()
        return report

    def set_store(self, store) -> None:
        self.presenter.store = store
        super().set_store(store)

    def load(self):
        """Re-read the goals and the store's grid, sites and travel times and evaluate every goal for
        the page's what-if (kept). The page keeps showing what it showed, disabled, until `loaded`."""
        if self.store is None:
            return None
        store, closed, added, capacities = self.presenter.load_args()
        source = self.travel.travel_source.currentData() or "auto"
        return lambda progress: load_network_data(progress, store, source, closed, added, capacities)

    def loading_text(self) -> str:
        return self.tr("Ladataan palveluverkkoa…")

    def load_failed_text(self, error: BaseException) -> str:
        return self.tr("Palveluverkon lataus epäonnistui: {0}").format(error)

    def show_empty(self) -> None:
        self.presenter.clear()
        self.goals_model.set_data([], [])
        self.source_label.setText(self.tr("Ei avointa projektia."))

    def show_loaded(self, data: NetworkData) -> None:
        self._banner_off()  # laid out before the charts are drawn (once, at their final size)
        self.travel.show_settings(data.settings)
        results = self.presenter.take_loaded(data)
        if self.context is None:  # e.g. no grid: the goals without figures, and why
            self.goals_model.set_data(self.goals, [])
            self.source_label.setText(data.message)
            return
        self.what_if.show_sites()
        self.what_if.set_scenarios(data.scenarios)
        self.what_if.set_site_types(self.presenter.site_types())
        self.new_sites.set_choices([g.name for g in self.goals], self.presenter.site_types())
        self.tabs.show_centres(data.centres)
        if results is not None:
            self._show_results(results, True, time.perf_counter(), data.seconds)
        else:  # the what-if changed meanwhile (from code: the page was disabled)
            self.recompute(reset=True)
        self.what_if.show_comparison(data.comparison)
        self.travel.show_sources(data.road, self.presenter.snap(), self.presenter.estimated())

    def show_load_failed(self, error: BaseException) -> None:
        """Nothing to show: say why in the source line too (the banner says it at the top)."""
        self.presenter.clear()
        self.goals_model.set_data([], [])
        self.source_label.setText(str(error) if isinstance(error, UserError) else self.load_failed_text(error))
        self._show_selected()

    def check_loaded(self) -> None:
        if self.store is not None and self.goals and not self.results:
            raise RuntimeError("reach goals were not computed")

    def recompute(self, reset: bool = False) -> None:
        """Evaluate every goal for the current what-if and redraw; time kept in `last_update_s`."""
        if self.context is None:
            return
        start = time.perf_counter()
        self._show_results(self.presenter.evaluate(), reset, start)

    def _show_results(self, results: list, reset: bool, start: float, earlier_s: float = 0.0) -> None:
        """Show the goals' results (evaluated here from `start`, or `earlier_s` seconds in the
        background) and the selected goal's tables and pictures."""
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
        text = self.travel.sources_line(self.presenter.travel_kinds(), self.presenter.estimated(),
                                        len(self.closed), len(self.added))
        self.source_label.setText(text)
        self.source_label.setToolTip(text)  # the line may be cut on a narrow window
        self.last_update_s = earlier_s + time.perf_counter() - start
        self.what_if.show_what_if(len(self.closed), len(self.added))
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
        self.tabs.show_goal(None if row < 0 or isinstance(self.results[row], Exception) else self.results[row])

    def _draw_curve(self, result) -> None:
        draw_reach_curve(self.curve_figure, curve_data(result))
        self.curve_panel.drawn()

    # ------------------------------------------------------------------ goals (undoable)
    def _goals_written(self) -> None:
        """An edit, undo or redo wrote the goals: show them evaluated, on the same row."""
        row = self.goals_view.currentIndex().row()
        self.recompute(reset=True)
        if 0 <= row < len(self.goals):
            self.goals_view.selectRow(row)
        self.store_modified.emit()

    def _push_goals(self, text: str, new: list[ReachGoal]) -> None:
        self._guarded(lambda: self.presenter.push_goals(text, new), new)

    def _guarded(self, edit, goals: list[ReachGoal] | None) -> None:
        """Run a goal edit (push, undo, redo): over a colleague's newer save, reload or save into a copy."""
        try:
            edit()
        except SaveConflict as exc:
            from desktop.services.network import replace_goals
            from desktop.ui.dialogs import save_conflict

            wanted = list(goals if goals is not None else self.goals)
            save_conflict.resolve(self, self.store, exc, lambda copy: replace_goals(copy, wanted), self._reload_goals)
        except UserError as exc:
            ask.warn(self, self.tr("Tavoite"), str(exc))

    def _reload_goals(self) -> None:
        self.undo_stack.clear()
        self.refresh()

    def _edit_goal(self, row: int, goal: ReachGoal) -> None:
        self._push_goals(self.tr("Muokkaa tavoitetta"), self.presenter.with_goal(row, goal))

    def add_goal(self) -> None:
        if self.store is not None:
            self._push_goals(self.tr("Lisää tavoite"), self.presenter.with_new_goal())

    def remove_goal(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self._push_goals(self.tr("Poista tavoite"), self.presenter.without_goal(row))

    def undo(self) -> None:
        # a goal edit writes the store: not while it is read, nor after a failed load
        if self.content.isEnabled():
            self._guarded(self.undo_stack.undo, None)

    def redo(self) -> None:
        if self.content.isEnabled():
            self._guarded(self.undo_stack.redo, None)

    def undo_actions_changed(self) -> None:
        super().undo_actions_changed()
        if self.undo_stack is None:  # before the undo actions are made
            return
        self.undo_button.setEnabled(self.undo_stack.can_undo())
        self.redo_button.setEnabled(self.undo_stack.can_redo())

    # ------------------------------------------------------------------ what-if
    def _capacities_toggled(self, on: bool) -> None:
        self.presenter.capacities = on
        self.recompute()

    def set_site_active(self, site_id: str, active: bool) -> None:
        """Switch a site on or off (an added site switched off is removed)."""
        self.what_if.set_site_active(site_id, active)

    def add_site(self, x: float, y: float, site_type: str, size: str = "") -> dict:
        """Add a what-if site at (x, y) metres; returns it."""
        return self.what_if.add_site(x, y, site_type, size)

    def reset_what_if(self) -> None:
        self.what_if.reset()

    def save_scenario(self, name: str) -> None:
        self.what_if.save_scenario(name)

    def load_scenario(self, name: str) -> None:
        self.what_if.load_scenario(name)

    # ------------------------------------------------------------------ optimiser
    def run_optimizer(self) -> dict | None:
        """Run the question of the "Uudet toimipisteet" tab (in the background, with progress)."""
        from desktop.ui.worker import run_with_progress

        if self.store is None or self.context is None:
            return None
        try:
            result = self.presenter.find_new_sites(self.new_sites.request(), lambda task: run_with_progress(
                self, task, title=self.tr("Uudet toimipisteet"), label=self.tr("Etsitään parhaita paikkoja…")))
        except UserError as exc:
            self.new_sites.show_result(None, str(exc))
            return None
        self.new_sites.show_result(result)
        return result

    def show_new_sites_on_map(self) -> None:
        """Add the answer's new sites to the what-if, select their goal and show the map."""
        row = self.presenter.add_optimum_sites()
        if row < 0:
            return
        self.what_if.show_sites()
        self.goals_view.selectRow(row)
        self.tabs.setCurrentWidget(self.map_tab)
        self.recompute()

    def save_new_sites_scenario(self, name: str) -> None:
        """Save the current network plus the answer's new sites as a named scenario."""
        if self.presenter.optimum_sites() and self.what_if.save_scenario(name, self.presenter.with_optimum_sites()):
            self.store_modified.emit()

    # ------------------------------------------------------------------ export
    def export_table(self, path: str | Path) -> Path:
        """Goals, per-municipality and catchment tables of the current view to an XLSX file."""
        return export_table(self.presenter, path, self.selected_row())

    def export_chart(self, which: str, path: str | Path) -> Path:
        """Save the map ('map') or the curve ('curve') as PNG, SVG or PDF (by the file suffix)."""
        return self.tabs.export_chart(which, path)

    def _export_table_dialog(self) -> None:
        name = ask.save_file(self, self.tr("Vie taulukot"), "palveluverkko.xlsx", "Excel (*.xlsx)")
        if name:
            self.export_table(name)
