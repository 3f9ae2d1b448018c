"""Development measures page (Finnish: Kehittämistoimenpiteet): the monthly self-assessment tracker.

A tree of benefit goals > focus areas > measures with the months as columns (ratings 1-5 picked
from a drop-down that shows the scale's words), the heat map and the distributions below, and on the
right the selected measure's rating history beside its linked figures per year. Every edit is a
command on an UndoStack (Ctrl+Z / Ctrl+Shift+Z) and is saved to the store at once.

This module holds the widgets; what they show and every edit is desktop.presenters.measures (no Qt),
the tree's Qt model is desktop.ui.models.measures_models. The page is a `LoadingPage` whose load (the
tracker, a small read) runs on the GUI thread; its charts are drawn just after (`is_loading()` until then).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QMenu,
    QSplitter,
    QToolButton,
    QTreeView,
    QWidget,
)

from desktop.core.errors import SaveConflict, UserError
from desktop.presenters.measures import DETAILS, MeasuresPresenter, TreeNode
from desktop.presenters.measures import figure_text as _fmt  # noqa: F401 - the figures' number format, read here by tests
from desktop.ui.clicks import menu_action, on_click
from desktop.ui.dialogs import ask
from desktop.ui.dialogs.measure_dialog import NewMeasureDialog
from desktop.ui.models.measures_models import COL_NAME, FIRST_MONTH_COLUMN, MeasureTreeModel, RatingDelegate
from desktop.ui.pages.base import LoadingPage
from desktop.ui.widgets.measure_charts import MeasureCharts, ScaleLegend
from desktop.ui.widgets.measure_details import MeasureDetailsPanel, tool_button

__all__ = ["FIRST_MONTH_COLUMN", "MeasuresPage"]


class MeasuresPage(LoadingPage):
    title_fi = "Kehittämistoimenpiteet"
    key = "measures"
    loads_in_background = False
    saves_at_once = True

    def __init__(self, parent=None):
        super().__init__(parent)
        self.presenter = MeasuresPresenter()
        self.presenter.undo_stack.listeners.append(self._stack_changed)

        layout = self.add_banner_and_content()
        layout.addLayout(self._build_toolbar())
        layout.addWidget(ScaleLegend())

        self.model = MeasureTreeModel(self.presenter, self.apply, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(RatingDelegate(self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setUniformRowHeights(True)
        self.tree.installEventFilter(self)  # digits 1-5 rate the current month cell directly
        self.tree.setWordWrap(False)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_details())
        self.model.modelReset.connect(self._after_reset)

        self.tabs = MeasureCharts(self.presenter)
        self.tabs.drawn.connect(self.loaded.emit)
        self.tabs.month_clicked.connect(lambda key, month: self._select(key, self.model.month_column(month)))
        self.chart_canvases, self.heatmap_goal = self.tabs.canvases, self.tabs.heatmap_goal

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.tree)
        left.addWidget(self.tabs)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self._build_details())
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 300])
        layout.addWidget(split, 1)

        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(200)
        self._chart_timer.timeout.connect(self.tabs.draw_current)

        self.add_undo_actions(self.presenter.undo_stack, with_save=False)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)

    # what the presenter holds, as every page names it
    tracker = property(lambda self: self.presenter.tracker)

    # ------------------------------------------------------------------ widgets
    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_goal_button = tool_button(self.tr("Uusi hyötytavoite"), slot=self.add_goal)
        self.add_measure_button = tool_button(self.tr("Uusi toimenpide…"), slot=self.add_measure)
        self.move_button = tool_button(self.tr("Siirrä…"), self.tr(
            "Siirrä valittu toimenpide toisen hyötytavoitteen tai kärjen alle"), self.move_selected)
        self.delete_button = tool_button(self.tr("Poista valittu"), self.tr(
            "Poistaa valitun toimenpiteen, kärjen tai hyötytavoitteen arvioineen"), self.delete_selected)
        self.add_month_button = tool_button(self.tr("Lisää kuukausi"), self.tr(
            "Lisää seuraavan kuukauden sarake arvioille"), self.add_month)
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self.import_button = tool_button(self.tr("Tuo Excel…"), self.tr(
            "Tuo arviot Excel-taulukosta (taulukko 'Arviot': toimenpiderivit, kuukausisarakkeet)"), self.import_excel)
        self.export_button = tool_button(self.tr("Vie…"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu_action(menu, self.tr("Seurantataulukko Excel-tiedostoon…"), self.export_excel)
        menu.addSeparator()
        for kind, text in (("heatmap", self.tr("Lämpökartta")), ("goals", self.tr("Jakauma hyötytavoitteittain")),
                           ("areas", self.tr("Jakauma kärjittäin"))):
            menu_action(menu, self.tr("{0} (PNG, SVG, PDF tai XLSX)…").format(text), self.export_chart, kind)
        self.export_button.setMenu(menu)
        for w in (self.add_goal_button, self.add_measure_button, self.move_button, self.delete_button, self.add_month_button,
                  self.undo_button, self.redo_button, self.import_button, self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)
        return bar

    def _build_details(self) -> QWidget:
        self.details = panel = MeasureDetailsPanel()
        self.detail_title, self.history_label, self.figures = panel.title, panel.history, panel.figures
        self.figure_note, self.notes_edit, self.link_menu = panel.note, panel.notes_edit, panel.link_menu
        self.link_button, self.unlink_button = panel.link_button, panel.unlink_button
        self.link_menu.aboutToShow.connect(self._fill_link_menu)
        on_click(self.unlink_button, self.unlink_selected)
        self.notes_edit.installEventFilter(self)
        return panel

    # --------------------------------------------------------------- store I/O
    def set_store(self, store) -> None:
        self.presenter.set_store(store)  # forgets the old store's history without reading it (it may be closed)
        super().set_store(store)

    def load(self):
        return lambda _progress: self.presenter.load()  # an empty tracker without a store

    def show_loaded(self, tracker) -> None:
        self.model.editable = self.presenter.writable
        self.model.set_tracker(tracker)
        self._chart_timer.start()
        self._show_details()

    def check_loaded(self) -> None:
        self.tabs.draw_current()

    def is_loading(self) -> bool:
        """True while the charts wait for their (deferred) redraw after a refresh or an edit."""
        return super().is_loading() or self._chart_timer.isActive()

    def show_error(self, message: str) -> None:
        ask.warn(self, self.tr("Kehittämistoimenpiteet"), message)

    def apply(self, edit, *args):
        """Run one of the presenter's edits; a refused one is shown (nothing changed), a done one
        tells the window that the store changed. Returns the edit's answer (None when refused)."""
        try:
            done = self._unless_conflict(lambda: edit(*args))
        except UserError as exc:
            self.show_error(str(exc))
            return None
        if done:
            self.store_modified.emit()
        return done

    def _conflict(self, error: SaveConflict) -> None:
        """A colleague changed the tracker after it was shown: reload, or make this edit in a copy."""
        from desktop.ui.dialogs import save_conflict

        def reload() -> None:
            self.undo_stack.clear()
            self.refresh()

        save_conflict.resolve(self, self.store, error, self.presenter.attempt_in, reload)

    def _unless_conflict(self, step):
        try:
            return step()
        except SaveConflict as exc:
            self._conflict(exc)
            return None

    def undo(self) -> None:
        text = self._unless_conflict(self.presenter.undo)
        if text is not None:
            self.status_message.emit(self.tr("Kumottu: {0}").format(text))
            self.store_modified.emit()

    def redo(self) -> None:
        if self._unless_conflict(self.presenter.redo):
            self.store_modified.emit()

    def _stack_changed(self) -> None:
        current = self.tree.currentIndex()
        key = (self.model.node(current).key, current.column()) if current.isValid() else None
        self.refresh()
        if key is not None:
            self._select(key[0], key[1], scroll=False)

    def _select(self, key: tuple | None, column: int = 0, scroll: bool = True) -> None:
        idx = self.model.index_of(key, column) if key else QModelIndex()
        if idx.isValid():
            self.tree.setCurrentIndex(idx)
            if scroll:
                self.tree.scrollTo(idx)

    def undo_actions_changed(self) -> None:
        super().undo_actions_changed()
        if self.undo_stack is None:  # before the undo actions are made
            return
        writable = self.presenter.writable
        self.undo_action.setEnabled(writable and self.undo_stack.can_undo())
        self.redo_action.setEnabled(writable and self.undo_stack.can_redo())
        if self.undo_stack.can_undo():
            self.undo_action.setToolTip(self.tr("Kumoa: {0} (Ctrl+Z)").format(self.presenter.undo_text()))
        for b in (self.add_goal_button, self.add_measure_button, self.move_button, self.delete_button, self.add_month_button,
                  self.import_button, self.link_button, self.unlink_button):
            b.setEnabled(writable)
        self.export_button.setEnabled(self.presenter.store is not None)

    def _after_reset(self) -> None:
        # goal and focus-area rows are captions: their names run over the whole row
        for goal in self.model.roots:
            self.tree.setFirstColumnSpanned(goal.row, QModelIndex(), True)
            gidx = self.model.index(goal.row, 0)
            for area in goal.children:
                self.tree.setFirstColumnSpanned(area.row, gidx, True)
        self.tree.expandAll()
        header = self.tree.header()
        header.resizeSection(COL_NAME, 420)
        for i in range(len(self.model.months)):
            header.resizeSection(i + FIRST_MONTH_COLUMN, 165)
        for detail, width in zip(DETAILS, (140, 160, 70), strict=True):
            header.resizeSection(self.model.column_of(detail), width)

    # ---------------------------------------------------------------- selection
    def selected_node(self) -> TreeNode | None:
        return self.model.node(self.tree.currentIndex())

    def selected_measure_id(self) -> int | None:
        node = self.selected_node()
        return node.measure_id if node is not None and node.kind == "measure" else None

    def _show_details(self) -> None:
        mid = self.selected_measure_id()
        if mid is None or self.presenter.store is None:
            self.details.show_details(None, "", False, False)
            return
        measure = self.tracker.measure(mid)
        self.details.show_details(self.presenter.details(mid), measure.notes, self.presenter.writable,
                                  bool(measure.indicators))

    def _fill_link_menu(self) -> None:
        self.link_menu.clear()
        mid = self.selected_measure_id()
        if mid is None or self.presenter.store is None:
            return
        providers = self.presenter.linkable_indicators(mid)
        if not providers:
            a = self.link_menu.addAction(self.tr(
                "Ei linkitettäviä lukuja: projektissa ei ole luokiteltuja palvelutapahtumia tai muita laskettuja lukuja"))
            a.setEnabled(False)
        for p in providers:
            menu_action(self.link_menu, p.label, self.link_indicator, p.name)

    def link_indicator(self, name: str) -> None:
        mid = self.selected_measure_id()
        if mid is not None:
            self.apply(self.presenter.link_indicator, mid, name)

    def unlink_selected(self) -> None:
        mid = self.selected_measure_id()
        if mid is not None:  # column 0 of the figures is the rating
            self.apply(self.presenter.unlink_indicator, mid, self.figures.currentColumn() - 1)

    def eventFilter(self, obj, event) -> bool:
        if obj is getattr(self, "notes_edit", None) and event.type() == event.Type.FocusOut:
            self._save_notes()
        if obj is self.tree and event.type() == event.Type.KeyPress and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            index = self.tree.currentIndex()
            node = self.model.node(index)
            if node is not None and node.kind == "measure" and self.model.month_of(index.column()) is not None:
                key = event.key()
                if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                    self.model.setData(index, key - Qt.Key.Key_0)
                    return True
                if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.model.setData(index, None)
                    return True
        return super().eventFilter(obj, event)

    def _save_notes(self) -> None:
        mid = self.selected_measure_id()
        if mid is not None and self.presenter.writable:
            self.apply(self.presenter.save_notes, mid, self.notes_edit.toPlainText())

    # ------------------------------------------------------------------ actions
    def add_goal(self) -> None:
        name = ask.text(self, self.tr("Uusi hyötytavoite"), self.tr("Hyötytavoitteen nimi:"))
        if name and name.strip():
            self.apply(self.presenter.add_goal, name)

    def add_measure(self, name: str | None = None, goal_id: int | None = None, area: int | str | None = None) -> None:
        """Ask goal, area and name (or take them as arguments, as tests do) and add the measure."""
        if not self.tracker.goals:
            self.show_error(self.tr("Lisää ensin hyötytavoite."))
            return
        node, responsible = self.selected_node(), ""
        if name is None:
            dialog = NewMeasureDialog(self.tracker, node.goal_id if node else None, node.area_id if node and node.area_id else None, self)
            if ask.run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.name.text().strip():
                return
            name, goal_id, area = dialog.name.text(), dialog.goal.currentData(), dialog.area_choice()
            responsible = dialog.responsible.text()
        self._select(self.apply(self.presenter.add_measure, goal_id, area, name, responsible))

    def move_selected(self, goal_id: int | None = None, area: int | str | None = None) -> None:
        """Move the selected measure (asks where, unless `goal_id` and `area` are given)."""
        mid = self.selected_measure_id()
        if mid is None:
            self.show_error(self.tr("Valitse ensin siirrettävä toimenpide."))
            return
        measure = self.tracker.measure(mid)
        if goal_id is None or area is None:
            dialog = NewMeasureDialog(self.tracker, measure.goal_id, measure.area_id, self)
            dialog.setWindowTitle(self.tr("Siirrä: {0}").format(measure.name))
            dialog.name.setText(measure.name)
            dialog.name.setEnabled(False)
            dialog.responsible.setEnabled(False)
            if ask.run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            goal_id, area = dialog.goal.currentData(), dialog.area_choice()
        self._select(self.apply(self.presenter.move_measure, mid, goal_id, area))

    def delete_selected(self) -> None:
        node = self.selected_node()
        if node is None:
            return
        if node.kind == "area" and not ask.yes(self, self.tr("Poista kärki"), self.tr(
                "Poistetaanko kärki '{0}' ja sen kaikki toimenpiteet kaikkien hyötytavoitteiden alta? "
                "Voit kumota poiston (Ctrl+Z).").format(self.tracker.area(node.area_id).name)):
            return
        if node.kind == "goal" and not ask.yes(self, self.tr("Poista hyötytavoite"), self.tr(
                "Poistetaanko hyötytavoite '{0}' ja sen kaikki toimenpiteet? Voit kumota poiston (Ctrl+Z).").format(
                self.tracker.goal(node.goal_id).name)):
            return
        self.apply(self.presenter.delete, node)

    def add_month(self) -> None:
        self.apply(self.presenter.add_month)

    def import_excel(self, path: str | None = None) -> None:
        if path is None:
            path = ask.open_file(self, self.tr("Tuo arviot Excel-tiedostosta"), "", self.tr("Excel (*.xlsx)"))
            if not path:
                return
        command = self.apply(self.presenter.import_excel, path)
        if command is not None:
            r = command.result
            self.status_message.emit(self.tr("Tuotu {0}: {1} uutta toimenpidettä, {2} päivitetty, {3} arviota.").format(
                Path(path).name, r.measures_added, r.measures_updated, r.ratings_set))

    def export_excel(self, path: str | None = None) -> None:
        if path is None:
            path = ask.save_file(self, self.tr("Vie seurantataulukko"), "kehittamistoimenpiteet.xlsx", self.tr("Excel (*.xlsx)"))
            if not path:
                return
        self.presenter.export_excel(path)
        self.status_message.emit(self.tr("Tallennettu {0}").format(path))

    def export_chart(self, kind: str, path: str | None = None) -> None:
        if path is None:
            path = ask.save_file(self, self.tr("Vie kuva"), f"toimenpiteet-{kind}.png",
                                 self.tr("Kuva (*.png *.svg *.pdf);;Taulukko (*.xlsx)"))
            if not path:
                return
        try:
            self.presenter.export_chart(kind, path)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.status_message.emit(self.tr("Tallennettu {0}").format(path))
