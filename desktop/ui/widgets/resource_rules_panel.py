"""The personnel and finance allocation rules, edited beside the classification (Finnish: Henkilöstö ja
talous): the version's ordered list of cost-centre and AURA-class rules, the selected rule's fields, and
the coverage of the working copy (FTEs and ledger euros allocated and not yet allocated, the largest
unallocated cost centres and AURA classes).

Every edit goes through the classification page's undo stack (`page.push(text, mutate)`), so undo, redo,
saving and versions work as for the event rules. Figures come from desktop.services.rule_preview
(`rule_preview` on the page's preview of the working copy).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor
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
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.numbers import eur, number
from desktop.core.lang import t
from desktop.core.resource_rules import (
    BASIS_LABELS,
    RESOURCE_BASES,
    ResourceRule,
    parse_shares,
    shadowed_resource_rules,
    shares_text,
)
from desktop.ui.clicks import on_click

REASON_TEXTS = {
    "rest": ("osuudet alle 100 %", "shares below 100 %"),
    "no_rule": ("ei sääntöä", "no rule"),
    "no_events": ("ei tapahtumaeuroja", "no event euros"),
    "unknown_aura": ("tuntematon AURA-luokka", "unknown AURA class"),
}
SOURCE_TEXTS = {"staff": ("henkilöstö", "personnel"), "ledger": ("kirjanpito", "ledger")}


class ResourceRulesPanel(QWidget):
    """See the module docstring. `page` is the ClassificationPage (its classification, store, preview)."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.current: str | None = None  # id of the selected rule
        self._tables = None  # (staff, ledger) of the page's store, read once
        self.allocation = None
        self._filling = False
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Kustannuspaikan henkilöstö ja kirjanpidon eurot kohdennetaan palveluihin osuuksin; "
                               "AURA-luokan eurot jaetaan oletuksena palveluiden tapahtumaeurojen suhteessa. "
                               "Ensimmäinen sopiva sääntö ratkaisee."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555555")
        v.addWidget(intro)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Nro"), self.tr("Sääntö"), self.tr("Htv"),
                                              self.tr("Kirjanpidon €"), self.tr("Huomio")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(140)
        v.addWidget(self.table, 3)
        row = QHBoxLayout()
        self.add_centre_button = self._tool(self.tr("+ Kustannuspaikka"), lambda: self.add_rule("cost_centre"))
        self.add_aura_button = self._tool(self.tr("+ AURA-luokka"), lambda: self.add_rule("aura"))
        self.delete_button = self._tool(self.tr("Poista sääntö"), lambda: self.delete_rule())
        self.up_button = self._tool("↑", lambda: self.move_rule(-1), self.tr("Siirrä aiemmaksi"))
        self.down_button = self._tool("↓", lambda: self.move_rule(1), self.tr("Siirrä myöhemmäksi"))
        for w in (self.add_centre_button, self.add_aura_button, self.delete_button, self.up_button, self.down_button):
            row.addWidget(w)
        row.addStretch(1)
        v.addLayout(row)

        self.form = QGroupBox(self.tr("Valittu sääntö"))
        form = QFormLayout(self.form)
        self.basis_combo = QComboBox()
        for basis in RESOURCE_BASES:
            self.basis_combo.addItem(t(*BASIS_LABELS[basis]), basis)
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText(self.tr("esim. 2538* tai 253610 Neuvolat"))
        self.groups_edit = QLineEdit()
        self.groups_edit.setPlaceholderText(self.tr("kaikki (tai esim. lääkäri, sairaanhoitaja)"))
        self.shares_edit = QLineEdit()
        self.shares_edit.setPlaceholderText(self.tr("esim. NEUVOLA 60, VO-HOIT 40"))
        self.shares_edit.setToolTip(self.tr("Palvelukoodit ja prosenttiosuudet; yhdeltä palvelulta voi jättää "
                                            "osuuden pois, jolloin se saa loput. AURA-luokan säännössä tyhjä: "
                                            "tapahtumaeurojen suhteessa."))
        self.enabled_check = QCheckBox(self.tr("Käytössä"))
        self.note_edit = QLineEdit()
        form.addRow(self.tr("Peruste"), self.basis_combo)
        form.addRow(self.tr("Kustannuspaikka / AURA-koodi"), self.key_edit)
        form.addRow(self.tr("Ammattiryhmät"), self.groups_edit)
        form.addRow(self.tr("Palvelut ja osuudet"), self.shares_edit)
        note_row = QHBoxLayout()
        note_row.addWidget(self.enabled_check)
        note_row.addWidget(self.note_edit, 1)
        form.addRow(self.tr("Selite"), note_row)
        self.basis_combo.activated.connect(lambda _i: self._edit("basis", self.basis_combo.currentData()))
        self.key_edit.editingFinished.connect(lambda: self._edit("key", self.key_edit.text().strip()))
        self.groups_edit.editingFinished.connect(
            lambda: self._edit("groups", tuple(g.strip() for g in self.groups_edit.text().split(",") if g.strip())))
        self.shares_edit.editingFinished.connect(self._shares_edited)
        on_click(self.enabled_check, lambda: self._edit("enabled", self.enabled_check.isChecked()))
        self.note_edit.editingFinished.connect(lambda: self._edit("note", self.note_edit.text()))
        v.addWidget(self.form)
        self.shares_error = QLabel()
        self.shares_error.setStyleSheet("color: #c62828")
        self.shares_error.setWordWrap(True)
        v.addWidget(self.shares_error)

        cover = QGroupBox(self.tr("Kattavuus: kohdentamatta viimeisimpänä vuonna"))
        cv = QVBoxLayout(cover)
        self.coverage_label = QLabel()
        self.coverage_label.setWordWrap(True)
        cv.addWidget(self.coverage_label)
        self.unallocated_table = QTableWidget(0, 5)
        self.unallocated_table.setHorizontalHeaderLabels([self.tr("Lähde"), self.tr("Kustannuspaikka / AURA"),
                                                          self.tr("Syy"), self.tr("Htv"), self.tr("Euroja")])
        self.unallocated_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.unallocated_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unallocated_table.verticalHeader().setVisible(False)
        self.unallocated_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        cv.addWidget(self.unallocated_table, 1)
        self.from_unallocated_button = self._tool(
            self.tr("Luo sääntö valitusta"), lambda: self.rule_from_unallocated(),
            self.tr("Lisää sääntö, joka kohdentaa valitun kustannuspaikan tai AURA-luokan valitulle palvelulle"))
        cv.addWidget(self.from_unallocated_button)
        self.unallocated_table.setWordWrap(False)
        self.unallocated_table.setMinimumHeight(90)
        v.addWidget(cover, 2)

    def _tool(self, text: str, slot, tip: str = "") -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip or text)
        on_click(b, slot)
        return b

    # ------------------------------------------------------------------ data
    def set_store(self, _store) -> None:
        self._tables = None
        self.allocation = None

    def _staff_and_ledger(self):
        if self._tables is None and self.page.store is not None:
            from desktop.services.resources import load_ledger, load_staff

            self._tables = (load_staff(self.page.store), load_ledger(self.page.store))
        return self._tables

    def _rules(self) -> list[ResourceRule]:
        c = self.page.classification
        return c.resource_rules if c is not None else []

    def _rule(self) -> ResourceRule | None:
        return next((r for r in self._rules() if r.id == self.current), None)

    # ------------------------------------------------------------------ edits (through the page's undo stack)
    def add_rule(self, basis: str, key: str = "", to_service: bool | None = None) -> None:
        """A new rule at the end of the list: a cost centre's rows (or, with `to_service`, an AURA class's)
        wholly to the page's current service; an AURA class's otherwise by event euros."""
        c = self.page.classification
        if c is None:
            return
        service = self.page.current_service
        wanted = (basis == "cost_centre") if to_service is None else to_service
        shares = parse_shares(service) if wanted and service else []
        rule = ResourceRule(basis, key, shares)
        self.current = rule.id
        data = rule.to_dict()
        self.page.push(self.tr("Uusi henkilöstö- ja taloussääntö"),
                       lambda cl: cl.resource_rules.append(ResourceRule.from_dict(data)))

    def delete_rule(self) -> None:
        rid = self.current
        if self._rule() is None:
            return
        self.current = None
        self.page.push(self.tr("Poista henkilöstö- ja taloussääntö"),
                       lambda cl: setattr(cl, "resource_rules", [r for r in cl.resource_rules if r.id != rid]))

    def move_rule(self, step: int) -> None:
        rid = self.current
        if self._rule() is None:
            return

        def mutate(cl) -> None:
            rules = cl.resource_rules
            at = next(i for i, r in enumerate(rules) if r.id == rid)
            if 0 <= at + step < len(rules):
                rules[at], rules[at + step] = rules[at + step], rules[at]

        self.page.push(self.tr("Siirrä henkilöstö- ja taloussääntöä"), mutate)

    def _edit(self, attr: str, value) -> None:
        rule = self._rule()
        if rule is None or self._filling or getattr(rule, attr) == value:
            return
        rid = self.current

        def mutate(cl) -> None:
            target = next(r for r in cl.resource_rules if r.id == rid)
            setattr(target, attr, value)

        self.page.push(self.tr("Muuta henkilöstö- ja taloussääntöä"), mutate)

    def _shares_edited(self) -> None:
        if self._filling or self._rule() is None:
            return
        try:
            shares = parse_shares(self.shares_edit.text())
        except ValueError as exc:
            self.shares_error.setText(str(exc))
            return
        self.shares_error.setText("")
        if [s.to_dict() for s in shares] != [s.to_dict() for s in self._rule().shares]:
            self._edit("shares", shares)

    def rule_from_unallocated(self) -> None:
        """A rule for the selected unallocated cost centre or AURA class, to the page's current service."""
        rows = self.unallocated_table.selectionModel().selectedRows() if self.unallocated_table.model() else []
        if not rows or self.allocation is None:
            return
        rec = self._unallocated().iloc[rows[0].row()]
        self.add_rule(str(rec["basis"]), str(rec["key"]), to_service=True)

    def _unallocated(self):
        """The newest year's largest unallocated amounts (the rows of the coverage table)."""
        years = self.allocation.imported["year"]
        return self.allocation.largest_unallocated(year=int(years.max()) if len(years) else None)

    # ------------------------------------------------------------------ showing
    def rebuild(self) -> None:
        """Show the rules of the page's working copy and, when the page has a preview, their figures."""
        self._filling = True
        try:
            self._fill_rules()
            self._show_rule()
        finally:
            self._filling = False
        if not self.page._stale:  # after an edit the preview (and these figures) follow at once
            self.update_figures()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.update_figures()

    def update_figures(self) -> None:
        """The working copy's allocation on the page's preview of the events (rule amounts and coverage);
        only while the panel is on screen (it is figured again when shown)."""
        page = self.page
        if not self.isVisible():
            return
        tables = self._staff_and_ledger()
        if page.classification is None or page.arrays is None or page.events is None or tables is None:
            self.allocation = None
        else:
            from desktop.services.classification import event_years
            from desktop.services.rule_preview import rule_preview

            staff, ledger = tables
            # each year by the version valid in it: the working copy's years here, the other saved versions'
            # years as saved
            self.allocation = rule_preview(staff, ledger, page.classification, event_years(page.events),
                                           page.arrays.service.astype("int64"), page.classifier.costs(), page.store)
        self._fill_rules()
        self._fill_coverage()

    def _fill_rules(self) -> None:
        rules = self._rules()
        shadowed = shadowed_resource_rules(rules)
        c = self.page.classification
        services = {s.code for s in c.services} if c is not None else set()
        aura = {a.code for a in c.aura_classes} if c is not None else set()
        table = self.table
        table.blockSignals(True)
        table.setRowCount(len(rules))
        select_row = None
        for row, rule in enumerate(rules):
            fte, euros = self.allocation.rule_amounts(rule.id) if self.allocation is not None else (0.0, 0.0)
            flag = ""
            if row in shadowed:
                flag = t(f"sääntö {shadowed[row] + 1} ottaa jo nämä rivit", f"rule {shadowed[row] + 1} takes these rows first")
            problems = rule.problems(services, aura)
            if problems:
                flag = problems[0]
            text = rule.describe() + ("" if rule.enabled else t(" (pois)", " (off)"))
            for col, value in enumerate((str(row + 1), text, number(fte, 1), eur(euros), flag)):
                item = QTableWidgetItem(value)
                if col in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 1:
                    item.setToolTip(text + (f"\n{rule.note}" if rule.note else ""))
                if col == 4 and value:
                    item.setForeground(QBrush(QColor("#c62828")))
                    item.setToolTip(value)
                table.setItem(row, col, item)
            if rule.id == self.current:
                select_row = row
        if select_row is None and rules:
            select_row, self.current = 0, rules[0].id
        if select_row is not None:
            table.selectionModel().select(table.model().index(select_row, 0),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        header = table.horizontalHeader()
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.blockSignals(False)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        rules = self._rules()
        if rows and rows[0].row() < len(rules):
            self.current = rules[rows[0].row()].id
            self._filling = True
            try:
                self._show_rule()
            finally:
                self._filling = False

    def _show_rule(self) -> None:
        rule = self._rule()
        self.form.setEnabled(rule is not None and self.isEnabled())
        self.shares_error.setText("")
        if rule is None:
            for edit in (self.key_edit, self.groups_edit, self.shares_edit, self.note_edit):
                edit.clear()
            return
        self.basis_combo.setCurrentIndex(self.basis_combo.findData(rule.basis))
        self.key_edit.setText(rule.key)
        self.groups_edit.setText(", ".join(rule.groups))
        self.groups_edit.setEnabled(rule.basis == "cost_centre")
        self.shares_edit.setText(shares_text(rule.shares))
        self.enabled_check.setChecked(rule.enabled)
        self.note_edit.setText(rule.note)

    def _fill_coverage(self) -> None:
        from desktop.services.rule_preview import coverage_lines

        allocation = self.allocation
        if allocation is None:
            tables = self._tables
            empty = tables is not None and tables[0].empty and tables[1].empty
            self.coverage_label.setText(self.tr("Projektissa ei ole henkilöstö- eikä talousrivejä. Tuo ne "
                                                "(Tiedosto > Tuo, lajit Henkilöstö ja Talous).") if empty else "")
            self.unallocated_table.setRowCount(0)
            return
        lines = coverage_lines(allocation)
        newest = [line for line in lines if line.startswith(lines[-1][:5])] if lines else []  # the newest year
        self.coverage_label.setToolTip("\n".join(lines))
        self.coverage_label.setText("\n".join(newest) if newest else
                                    self.tr("Projektissa ei ole henkilöstö- eikä talousrivejä. Tuo ne "
                                            "(Tiedosto > Tuo, lajit Henkilöstö ja Talous)."))
        top = self._unallocated()
        self.unallocated_table.setRowCount(len(top))
        for r, rec in enumerate(top.to_dict("records")):
            values = (t(*SOURCE_TEXTS.get(rec["source"], (rec["source"], rec["source"]))), str(rec["key"]),
                      t(*REASON_TEXTS.get(rec["reason"], (rec["reason"], rec["reason"]))), number(rec["fte"], 1),
                      eur(rec["ledger_eur"]))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.unallocated_table.setItem(r, col, item)
        self.unallocated_table.resizeColumnsToContents()
        self.unallocated_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
