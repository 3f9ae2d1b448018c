"""Segments page (Finnish: Segmentit): the segment list with an editor (undo/redo, live person count),
the need-level thresholds, and the views: sizes, overlaps, the largest intersections and the
projection of clients with the population forecast. Small groups are written "<5" everywhere.

The view: widgets only (desktop.ui.pages.segments_layout). What the page holds and does (the working
copy of the rules, the undo stack, every edit, the background load, the live count and the figures)
is the Qt-free SegmentsPresenter (desktop.presenters.segments); the page base (LoadingPage) runs the
load, the banner and the undo actions. An edit goes: a widget's signal -> a presenter method
(`edit_segment`, `set_thresholds`, ...) -> a command on the undo stack -> the presenter's `on_segments`
-> this view fills the list, shows the segment, recounts and redraws. "Tallenna" writes the rules to
the store in one transaction.

`refresh()` reads the store in the background (`load_segments_data`: the rules, the population, the
classified events and every year's membership; about 1 s on a county's 2.9 M events); the page shows
"Ladataan…" with its editor disabled meanwhile and emits `loaded` when it is filled in. Edits, the
live count and the other years' pictures are computed on the GUI thread as before.
"""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QSplitter

from desktop.core.errors import SaveConflict, UserError
from desktop.core.segments import Segment
from desktop.presenters.segment_edits import joined, rule_from_json
from desktop.presenters.segments import SegmentsData, SegmentsPresenter, load_segments_data
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import LoadingPage
from desktop.ui.pages.segments_layout import SegmentsLayout

__all__ = ["SegmentsData", "SegmentsPage", "load_segments_data"]  # tests replace load_segments_data here


class SegmentsPage(SegmentsLayout, LoadingPage):
    title_fi = "Segmentit"
    key = "segments"

    #: a failed load leaves nothing to show or edit
    content_after_failure = False

    def __init__(self, parent=None):
        super().__init__(parent)
        self.presenter = SegmentsPresenter()
        self.presenter.on_segments.append(self._after_edit)
        self.presenter.on_thresholds.append(self._thresholds_changed)
        self._loading = False  # the page fills its widgets: their signals are no edits
        self._tree_select = None  # path to select in the rule tree after a tree edit
        self._shown_row = -1

        outer = self.add_banner_and_content()
        outer.addLayout(self._build_bar())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_editor())
        split.addWidget(self._build_views())
        split.setStretchFactor(1, 3)
        outer.addWidget(split, 1)
        self.add_undo_actions(self.presenter.undo_stack)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.save_button.setDefaultAction(self.save_action)
        # Ctrl+Z typed in a field of the editor undoes the segment edit (a field's own undo would
        # otherwise take the key), unless the field holds typing not yet made into an edit
        self._undo_fields = [self.name_edit, *self.need_spins.values()]
        for field in self._undo_fields:
            field.installEventFilter(self)

    # ------------------------------------------------------------------ the presenter's state, read by tests
    segments = property(lambda self: self.presenter.segments)
    thresholds = property(lambda self: self.presenter.thresholds)
    events = property(lambda self: self.presenter.events)
    population = property(lambda self: self.presenter.population)
    membership = property(lambda self: self.presenter.membership)
    last_count_seconds = property(lambda self: self.presenter.last_count_seconds)

    @property
    def min_group(self) -> int:
        """The project's smallest group shown as a figure (privacy.min_group)."""
        return self.presenter.min_group()

    # ------------------------------------------------------------------ loading (LoadingPage)
    def set_store(self, store) -> None:
        self.presenter.store = store
        super().set_store(store)

    def load(self):
        """Re-read the rules, the population and the events (unsaved edits are dropped)."""
        self.presenter.store = self.store
        self.message.setText("")
        return self.presenter.load_job(load_segments_data)

    def loading_text(self) -> str:
        return self.tr("Ladataan segmenttejä…")

    def load_failed_text(self, error: BaseException) -> str:
        return self.tr("Segmenttien lataus epäonnistui: {0}").format(error)

    def show_empty(self) -> None:
        self._fill_list()

    def show_loaded(self, data: SegmentsData) -> None:
        self._banner_off()  # laid out before the charts are drawn: drawn once, at their final size
        self.presenter.loaded(data)
        if data.message:
            self.message.setText(data.message)
        self._loading = True
        try:
            self.year_box.clear()
            for year in data.years:
                self.year_box.addItem(str(year), year)
            for key, spin in self.need_spins.items():
                spin.setValue(getattr(self.thresholds, key))
        finally:
            self._loading = False
        self._fill_list()
        self._update_count()
        self.redraw()

    def show_load_failed(self, error: BaseException) -> None:
        """Nothing to show or edit (the banner says why; the next refresh tries again)."""
        self.presenter.load_failed()
        self._fill_list()
        self._loading = True
        try:
            self.year_box.clear()
        finally:
            self._loading = False
        self.count_label.setText("–")
        self.redraw()

    def check_loaded(self) -> None:
        if self.store is not None and self.events is not None and self.membership is None and self.segments:
            raise RuntimeError("segments page computed no membership")

    def year(self) -> int | None:
        return self.year_box.currentData()

    def _fill_list(self, select: int | None = None) -> None:
        row = self.list.currentRow() if select is None else select
        self._loading = True
        try:
            self.list.clear()
            for s in self.segments:
                self.list.addItem(s.name)
        finally:
            self._loading = False
        if self.segments:
            self.list.setCurrentRow(min(max(row, 0), len(self.segments) - 1))

    def _show_segment(self, row: int) -> None:
        if self._loading or not (0 <= row < len(self.segments)):
            return
        s = self.segments[row]
        self._loading = True
        try:
            self.name_edit.setText(s.name)
            self.kind_box.setCurrentIndex(self.kind_box.findData(s.kind))
            self.rule_edit.setPlainText(json.dumps(s.condition.to_dict(), ensure_ascii=False, indent=1))
            select = self._tree_select if self._tree_select is not None else (None if row == self._shown_row else ())
            self.rule_tree.set_rule(s.condition, select)
            self._shown_row = row
        finally:
            self._loading = False
        self._update_count()

    # ------------------------------------------------------------------ edits: widget -> presenter
    def _free_name(self, base: str) -> str:
        return self.presenter.free_name(base)

    def _after_edit(self, row: int) -> None:
        """The presenter changed the list (edit, undo, redo): show it, count the segment, recompute."""
        self._fill_list(row)
        self._show_segment(self.list.currentRow())
        self._recompute()

    def add_segment(self, segment: Segment) -> None:
        self.presenter.add_segment(segment, self.list.currentRow())

    def remove_selected(self) -> None:
        self.presenter.remove_segment(self.list.currentRow())

    def edit_segment(self, row: int, segment: Segment) -> None:
        """Replace segment `row` (undoable) and recount its persons."""
        try:
            self.presenter.edit_segment(row, segment, self.list.currentRow())
        except UserError as exc:
            self.message.setText(str(exc))

    def _current(self) -> tuple[int, Segment] | None:
        row = self.list.currentRow()
        return (row, self.segments[row]) if 0 <= row < len(self.segments) else None

    def _name_edited(self) -> None:
        cur = self._current()
        if cur and not self._loading and self.name_edit.text().strip() and self.name_edit.text().strip() != cur[1].name:
            self.edit_segment(cur[0], replace(cur[1], name=self.name_edit.text().strip()))

    def _kind_edited(self) -> None:
        cur = self._current()
        if cur and not self._loading and self.kind_box.currentData() != cur[1].kind:
            self.edit_segment(cur[0], replace(cur[1], kind=self.kind_box.currentData()))

    def _tree_edited(self, condition, select) -> None:
        """An edit in the rule tree: replace the selected segment's rule (undoable, recounted)."""
        cur = self._current()
        if not cur or condition == cur[1].condition:
            return
        self._tree_select = tuple(select)
        try:
            self.edit_segment(cur[0], replace(cur[1], condition=condition))
        finally:
            self._tree_select = None

    def _values_for(self, column: str) -> list[str]:
        return self.presenter.values_for(column)

    def _rule_edited(self) -> None:
        cur = self._current()
        if not cur:
            return
        try:
            condition = rule_from_json(self.rule_edit.toPlainText())
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        if condition != cur[1].condition:
            self.edit_segment(cur[0], replace(cur[1], condition=condition))

    def join_condition(self, how: str) -> None:
        """Join the builder's condition to the selected segment's rule with AND ('all') or OR ('any')."""
        cur = self._current()
        if not cur:
            return
        try:
            new = self.builder_condition()
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        self.edit_segment(cur[0], replace(cur[1], condition=joined(cur[1].condition, new, how)))

    def _thresholds_edited(self) -> None:
        if self._loading:
            return
        try:
            self.presenter.set_thresholds({k: s.value() for k, s in self.need_spins.items()})
        except UserError as exc:
            self.message.setText(str(exc))

    def _thresholds_changed(self) -> None:
        self._loading = True
        try:
            for key, spin in self.need_spins.items():
                spin.setValue(getattr(self.thresholds, key))
        finally:
            self._loading = False
        self._recompute()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj in getattr(self, "_undo_fields", ()) and event.type() in (QEvent.Type.ShortcutOverride,
                                                                          QEvent.Type.KeyPress):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
            cur = self._current()
            typing = obj is self.name_edit and cur is not None and obj.text().strip() != cur[1].name
            if (undo or redo) and not typing:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key comes to the field as a key press: handled below
                elif undo:
                    self.undo()
                else:
                    self.redo()
                return True
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ saving
    def has_unsaved_changes(self) -> bool:
        return self.writable() and super().has_unsaved_changes()

    def save(self) -> bool:
        """Write the segments and the thresholds; True when nothing is left unsaved."""
        if self.store is None:
            return False
        try:
            self.presenter.save()
        except SaveConflict as exc:  # a colleague saved first: reload or save into a copy
            from desktop.ui.dialogs import save_conflict

            save_conflict.resolve(self, self.store, exc, self.presenter.save_into(), self.refresh)
            return self.undo_stack.is_clean()
        except UserError as exc:
            ask.warn(self, self.tr("Tallenna"), str(exc))
            return False
        self.message.setText(self.tr("Segmentit tallennettu."))
        self.store_modified.emit()
        return True

    # ------------------------------------------------------------------ figures
    def _update_count(self) -> None:
        """Persons of the selected segment in the selected year (live after every edit)."""
        try:
            self.count_label.setText(self.presenter.count_text(self.list.currentRow(), self.year()))
        except UserError as exc:
            self.count_label.setText("–")
            self.message.setText(str(exc))

    def _year_changed(self) -> None:
        """Another year: the membership covers every year already, so only the count and the
        pictures change (it was computed anew before: 0.2 s on a county's events)."""
        if self._loading:
            return
        if self.presenter.covers(self.year()):
            self._update_count()
            self.redraw()
        else:
            self._recompute()

    def _segment_sizes(self, m, population):
        """segment_sizes of `m` (every year), computed once per membership."""
        return self.presenter.segment_sizes(m, population)

    def _recompute(self) -> None:
        if self._loading:
            return
        try:
            self.presenter.recompute(self.year())
        except UserError as exc:
            self.message.setText(str(exc))
        else:
            self._update_count()
        self.redraw()

    def redraw(self) -> None:
        key = self.VIEWS[self.tabs.currentIndex()]
        canvas = self.canvases[key]
        table = self.presenter.draw_view(key, canvas.figure, self.year())
        self.model.set_frame(table)
        if self.membership is None or self.year() is None:
            canvas.draw_idle()
            return
        self.panels[key].drawn()

    def _mark_clicked(self, _text: str, key) -> None:
        """A click on a segment's bar, cell or point opens that segment in the editor on the left."""
        if isinstance(key, tuple) and len(key) == 2 and key[0] == "segment":
            self.select_segment(str(key[1]))

    def select_segment(self, name: str) -> None:
        """Make segment `name` the current one of the list (its rule shows in the editor)."""
        for row in range(self.list.count()):
            if self.list.item(row).text() == name:
                self.list.setCurrentRow(row)
                return
