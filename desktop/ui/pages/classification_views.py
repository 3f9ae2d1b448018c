"""The classification page's widgets filled in from the presenter (the page's showing part; see
classification_page.py): the tree, the selected service and its rules with their figures, the
selected rule, the coverage, the unclassified combinations, the conflicts and the level split."""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidgetItem,
    QTreeWidgetItem,
)

from desktop.analysis import privacy
from desktop.charts.numbers import eur, number
from desktop.core.lang import t
from desktop.core.rules import LEVEL_LABELS, Service
from desktop.presenters.classification import Preview, rule_from_combination

LEVEL_COLOURS = {"green": "#2e7d32", "yellow": "#b8860b", "red": "#c62828"}


def fmt(value: float) -> str:
    """A count or whole euros: '12 345' in Finnish, '12,345' in English."""
    return number(value)


def euros_text(value: float) -> str:
    """Whole euros with the sign: '12 345 €' in Finnish, '€12,345' in English."""
    return eur(value)


def share_text(share: float | None, decimals: int = 1) -> str:
    """A share 0..1 as a percentage figure without the sign: '12,5' in Finnish, '12.5' in English;
    a hidden share (None) '–'."""
    return number(None if share is None else 100 * share, decimals)


class ClassificationViews:
    """The showing part of ClassificationPage."""

    # ------------------------------------------------------------------ views
    def _rebuild_all(self) -> None:
        self.presenter.frozen = True
        try:
            self._rebuild_tree()
            self._show_service()
            self.resources_panel.rebuild()
        finally:
            self.presenter.frozen = False

    def _rebuild_tree(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        c = self.classification
        selected = None
        if c is not None:
            by_aura: dict[str, list[Service]] = {}
            for s in c.services:
                by_aura.setdefault(s.aura, []).append(s)
            classes = [(a.code, f"{a.code} {a.name}") for a in c.aura_classes if a.code in by_aura]
            if any(code not in {a.code for a in c.aura_classes} for code in by_aura):
                classes += [(code, code or self.tr("(ei AURA-luokkaa)")) for code in by_aura
                            if code not in {a.code for a in c.aura_classes}]
            for code, label in classes:
                top = QTreeWidgetItem([label])
                top.setData(0, Qt.ItemDataRole.UserRole, None)
                self.tree.addTopLevelItem(top)
                for s in by_aura[code]:
                    item = QTreeWidgetItem([f"{s.name}  ({s.code})"])
                    item.setData(0, Qt.ItemDataRole.UserRole, s.code)
                    item.setForeground(0, QBrush(QColor(LEVEL_COLOURS.get(s.level, "#000"))))
                    top.addChild(item)
                    if s.code == self.presenter.current_service:
                        selected = item
            self.tree.expandAll()
        if selected is not None:
            self.tree.setCurrentItem(selected)
        self.tree.blockSignals(False)

    def _tree_changed(self, item, _previous) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if code is None:
            return
        self.presenter.current_service = code
        self.presenter.current_rule = None
        self.presenter.frozen = True
        try:
            self._show_service()
        finally:
            self.presenter.frozen = False

    def _show_service(self) -> None:
        svc = self.presenter.service()
        c = self.classification
        self.aura_combo.clear()
        if c is not None:
            for a in c.aura_classes:
                self.aura_combo.addItem(f"{a.code} {a.name}", a.code)
        self.form_box.setEnabled(svc is not None)
        if svc is not None:
            self.code_edit.setText(svc.code)
            self.name_edit.setText(svc.name)
            self.aura_combo.setCurrentIndex(self.aura_combo.findData(svc.aura))
            self.structure_combo.setCurrentIndex(self.structure_combo.findData(svc.structure))
            self.level_combo.setCurrentIndex(self.level_combo.findData(svc.level))
            self.allocation_combo.setCurrentIndex(self.allocation_combo.findData(svc.allocation))
            self.law_edit.setText(svc.law)
            self.description_edit.setText(svc.description)
            self.description_edit.setCursorPosition(0)  # a long description is read from its start
            self.description_edit.setToolTip(svc.description)
        self._fill_rules_table()
        self._update_split()

    def _rule_rows(self) -> list[tuple[str, int, object]]:
        """('alloc', global index, rule) for the service's allocation rules, then ('level', i, rule)."""
        svc = self.presenter.service()
        if svc is None:
            return []
        rows = [("alloc", i, r) for i, r in enumerate(self.classification.rules) if r.service == svc.code]
        rows += [("level", i, r) for i, r in enumerate(svc.level_rules)]
        return rows

    def _fill_rules_table(self) -> None:
        rows = self.presenter.rule_rows()
        table = self.rules_table
        table.blockSignals(True)
        table.setRowCount(len(rows))
        if self.presenter.stale:  # the figures are recomputed right after: do not count persons twice
            persons, flags, level_counts = {}, {}, {}
        else:
            persons = self.presenter.persons_for([i for kind, i, _r in rows if kind == "alloc"])
            flags = self.presenter.flags()
            level_counts = self.presenter.level_rule_counts()
        select_row = None
        for row, (kind, i, rule) in enumerate(rows):
            number = str(i + 1)
            if kind == "alloc":  # a small group's persons "<5", its complement's "..": no events or euros
                figures = self.presenter.rule_figures(i, persons)
                values = [number, self.tr("kohdennus") + ("" if rule.enabled else self.tr(" (pois)")),
                          rule.describe(), fmt(figures["taken"]), fmt(figures["persons"]), fmt(figures["euros"]), "",
                          flags.get(("alloc", i), "")]
            else:
                events, euros = level_counts.get(i, (0, 0.0))
                mark = self.presenter.level_rule_mark(i)
                if mark is not None:
                    events, euros = mark, None
                values = [number, self.tr("taso"), rule.describe(), fmt(events), "", fmt(euros),
                          t(*LEVEL_LABELS.get(rule.level, (rule.level, rule.level))), flags.get(("level", i), "")]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col in (3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 6 and kind == "level":
                    item.setForeground(QBrush(QColor(LEVEL_COLOURS.get(rule.level, "#000"))))
                if col == 7 and value:
                    item.setForeground(QBrush(QColor("#c62828")))
                    item.setToolTip(value)
                table.setItem(row, col, item)
            if self.presenter.current_rule == (kind, rule.id):
                select_row = row
        if select_row is None and rows:
            select_row = 0
            self.presenter.current_rule = (rows[0][0], rows[0][2].id)
        if select_row is not None:  # not selectRow(): that obeys the keyboard modifiers held
            table.selectionModel().select(table.model().index(select_row, 0),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.blockSignals(False)
        self._show_rule()

    def _rule_selected(self) -> None:
        rows = self.presenter.rule_rows()
        selected = self.rules_table.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(rows):
            return
        kind, _i, rule = rows[selected[0].row()]
        self.presenter.current_rule = (kind, rule.id)
        self._show_rule()

    def _show_rule(self) -> None:
        rule = self.presenter.find_rule()
        was = self.presenter.frozen
        self.presenter.frozen = True
        try:
            self.builder.setEnabled(rule is not None)
            self.builder.set_conditions(list(rule.conditions) if rule is not None else [])
            is_alloc = self.presenter.current_rule is not None and self.presenter.current_rule[0] == "alloc"
            self.enabled_check.setVisible(is_alloc)
            self.rule_level_combo.setVisible(not is_alloc and rule is not None)
            if rule is not None:
                if is_alloc:
                    self.enabled_check.setChecked(rule.enabled)
                else:
                    self.rule_level_combo.setCurrentIndex(self.rule_level_combo.findData(rule.level))
                self.note_edit.setText(rule.note)
            else:
                self.note_edit.clear()
        finally:
            self.presenter.frozen = was

    # ------------------------------------------------------------------ preview
    def schedule_preview(self) -> None:
        self._preview_timer.start()

    def recompute(self) -> None:
        """Classify the events with the working copy and refresh every figure (events, persons, euros)."""
        self._preview_timer.stop()
        started = time.perf_counter()
        self.presenter.recompute()
        self._show_preview(started)

    def _show_preview(self, started: float | None = None) -> None:
        """Show the figures of the presenter's preview of the working copy (none: 'Ei aineistoa.')."""
        started = time.perf_counter() if started is None else started
        preview: Preview | None = self.presenter.preview
        self.presenter.stale = False
        self.presenter.frozen = True
        try:
            self._fill_rules_table()
        finally:
            self.presenter.frozen = False
        if preview is None:
            self._update_side(None, None)
            return
        self._update_side(self.presenter.shown_coverage(), preview.top)
        self.resources_panel.update_figures()
        self.last_preview_s = time.perf_counter() - started  # for benchmarks, never shown

    def _update_side(self, cov, top) -> None:
        """The coverage (`cov` as it may be shown: a small group and its complements None) and the
        largest unclassified combinations `top` (a hidden one shows "<5" or ".." and no euros)."""
        if cov is None:
            self.coverage_label.setText(self.tr("Ei aineistoa."))
            self.unclassified_table.setRowCount(0)
            self.conflicts_view.clear()
            self.split_label.clear()
            return
        self.coverage_label.setText(self.tr("Luokiteltu {0} / {1} tapahtumaa ({2} %), {3} / {4} € ({5} %).").format(
            fmt(cov["events_classified"]), fmt(cov["events"]), share_text(cov["event_share"]),
            fmt(cov["euros_classified"]), fmt(cov["euros"]), share_text(cov["euro_share"])))
        self.unclassified_rows = top
        all_classified = cov["events_classified"] is not None and cov["events_classified"] == cov["events"]
        self.unclassified_label.setText(
            self.tr("Suurimmat luokittelemattomat yhdistelmät:") if len(top) else
            self.tr("Luokittelemattomia yhdistelmiä ei ole: jokainen tapahtuma kuuluu johonkin palveluun.")
            if all_classified else self.tr("Luokittelemattomia yhdistelmiä ei voi näyttää."))
        self.unclassified_table.setRowCount(len(top))
        for r, rec in enumerate(self.presenter.unclassified_records()):
            hidden = privacy.is_hidden_mark(rec.get("persons"))
            values = [rec["service_form"], rec["service_code"], rec["professional_group"], rec["special_law"],
                      rec["persons"] if hidden else fmt(rec["events"]), fmt(rec["euros"])]
            for col, value in enumerate(values):
                self.unclassified_table.setItem(r, col, QTableWidgetItem(str(value)))
        self.unclassified_table.resizeColumnsToContents()
        self.conflicts_view.clear()
        conflict_list = self.presenter.preview.conflicts if self.presenter.preview is not None else []
        for conflict in conflict_list:
            self.conflicts_view.addItem(conflict.message)
            item = self.conflicts_view.item(self.conflicts_view.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, (conflict.kind, conflict.rule, conflict.service))
        if not conflict_list:
            self.conflicts_view.addItem(self.tr("Ei varjoon jääviä tai turhia sääntöjä."))
        self._update_split()

    def _update_split(self) -> None:
        """The selected service's events and euros over green / yellow / red; with a level hidden (a
        small group or its complement) no shares: they would give the service's total."""
        split = self.presenter.level_split()
        if split is None:
            self.split_label.clear()
            return
        whole = all(v["events"] is not None for v in split.values())
        total = (sum(v["events"] for v in split.values()) if whole else 0) or 1
        parts = [f"<span style='color:{LEVEL_COLOURS[k]}'>■</span> {t(*LEVEL_LABELS[k])} "
                 + (f"{fmt(v['events'])} ({share_text(v['events'] / total, 0)} %), {euros_text(v['euros'])}" if whole
                    else f"{fmt(v['events'])}, {euros_text(v['euros'])}")
                 for k, v in split.items()]
        self.split_label.setText(self.tr("Palvelun tasojakauma: ") + " · ".join(parts))

    def _conflict_activated(self, item) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        self.presenter.select_conflict(*data)
        self._rebuild_all()

    def create_rule_from_unclassified(self) -> None:
        """Add an allocation rule to the selected service taking the selected unclassified combination."""
        rows = self.unclassified_table.selectionModel().selectedRows() if self.unclassified_table.selectionModel() else []
        if not rows or self.presenter.service() is None:
            self.status_message.emit(self.tr("Valitse ensin palvelu ja luokittelematon yhdistelmä."))
            return
        rec = self.unclassified_rows.iloc[rows[0].row()]
        self.add_allocation_rule(rule_from_combination(rec.to_dict()))

