"""Classification page (Finnish: Palveluluokitus): the editor of services, allocation rules and
level rules, with a live preview on the open store's events.

The view: widgets only. What the page holds and does (the working copy, the undo stack, every edit,
the background load and the preview) is the Qt-free ClassificationPresenter
(desktop.presenters.classification); the page base (LoadingPage) runs the load, the banner and the
undo actions. An edit goes: a widget's signal -> a presenter method (`set_service_field`,
`set_conditions`, ...) -> an EditCommand on the undo stack -> the presenter's `on_edit` -> this view
rebuilds and shows the new preview. "Tallenna" writes the working copy to the store
(services.classification.save_classification); only saved versions are used by the other pages.

`refresh()` reads the store in the background (`load_classification`: the saved versions, the events,
the Classifier and the first preview; about 0.6 s on a county's 2.9 M events); the page shows
"Ladataan…" with its editor disabled meanwhile and emits `loaded` when it is filled in.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
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
    QListWidget,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.charts.numbers import eur, number
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.rules import (
    ALLOCATION_LABELS,
    ALLOCATIONS,
    LEVEL_LABELS,
    STRUCTURE_LABELS,
    STRUCTURES,
    Classification,
    Service,
)
from desktop.presenters.classification import (
    COVERAGE_TOP,  # noqa: F401 - the number of unclassified combinations shown (tests read it here)
    ClassificationPresenter,
    LoadedClassification,
    Preview,
    rule_from_combination,
)
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import LoadingPage
from desktop.ui.widgets.condition_builder import ConditionBuilder
from desktop.ui.widgets.resource_rules_panel import ResourceRulesPanel

LEVEL_COLOURS = {"green": "#2e7d32", "yellow": "#b8860b", "red": "#c62828"}
PREVIEW_DELAY_MS = 30


def fmt(value: float) -> str:
    """A count or whole euros: '12 345' in Finnish, '12,345' in English."""
    return number(value)


def euros_text(value: float) -> str:
    """Whole euros with the sign: '12 345 €' in Finnish, '€12,345' in English."""
    return eur(value)


def share_text(share: float, decimals: int = 1) -> str:
    """A share 0..1 as a percentage figure without the sign: '12,5' in Finnish, '12.5' in English."""
    return number(100 * share, decimals)


class ClassificationPage(LoadingPage):
    title_fi = "Palveluluokitus"
    key = "classification"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.presenter = ClassificationPresenter()
        self.presenter.on_edit.append(self._after_edit)
        self.last_preview_s = 0.0

        layout = self.add_banner_and_content()
        layout.addLayout(self._build_toolbar())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_tree())
        self.editor_tabs = QTabWidget()  # the event rules, and the personnel and ledger rules beside them
        self.editor_tabs.addTab(self._build_editor(), self.tr("Palvelut ja säännöt"))
        self.resources_panel = ResourceRulesPanel(self)
        self.editor_tabs.addTab(self.resources_panel, self.tr("Henkilöstö ja talous"))
        split.addWidget(self.editor_tabs)
        split.addWidget(self._build_side())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 2)
        split.setSizes([300, 560, 300])
        layout.addWidget(split, 1)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.recompute)

        self.add_undo_actions(self.presenter.undo_stack)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.save_button.setDefaultAction(self.save_action)
        self._set_enabled(False)

    # ------------------------------------------------------------------ the presenter's state, read by
    # the resource rules panel and by tests
    @property
    def classification(self) -> Classification | None:
        return self.presenter.classification

    @property
    def current_service(self) -> str | None:
        return self.presenter.current_service

    @property
    def events(self):
        return self.presenter.events

    @property
    def classifier(self):
        return self.presenter.classifier

    @property
    def arrays(self):
        return self.presenter.preview.arrays if self.presenter.preview is not None else None

    def push(self, text: str, mutate: Callable[[Classification], None]) -> None:
        """An edit of the working copy (the resource rules panel's edits come this way)."""
        self.presenter.push(text, mutate)

    # ------------------------------------------------------------------ building
    def _tool(self, text: str, slot, tip: str = "") -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip or text)
        if slot is not None:
            on_click(b, slot)
        return b

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Versio:")))
        self.version_combo = QComboBox()
        # as wide as its versions: it is still empty when the page is first shown (loading)
        self.version_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version_combo.activated.connect(self._version_picked)
        bar.addWidget(self.version_combo)
        self.new_version_button = self._tool(self.tr("Uusi versio…"), self.ask_new_version,
                                             self.tr("Tee nykyisestä luokituksesta uusi versio, joka on voimassa "
                                                     "annetusta vuodesta alkaen"))
        bar.addWidget(self.new_version_button)
        self.compare_button = self._tool(self.tr("Vertaa…"), self.ask_compare,
                                         self.tr("Vertaa tallennettua versiota toiseen: mitä muuttui ja miten "
                                                 "tapahtumien jakauma muuttuu"))
        bar.addWidget(self.compare_button)
        self.save_button = QToolButton()
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self.unsaved_label = QLabel(self.tr("● Tallentamattomia muutoksia"))
        self.unsaved_label.setStyleSheet("color: #c62828; font-weight: bold")
        self.import_button = self._tool(self.tr("Tuo…"), self.import_file,
                                        self.tr("Tuo luokitus Excel- tai JSON-tiedostosta (voi kumota ennen tallennusta)"))
        self.export_button = self._tool(self.tr("Vie…"), self.export_file,
                                        self.tr("Vie luokitus Excel- tai JSON-tiedostoon"))
        for w in (self.save_button, self.unsaved_label, self.undo_button, self.redo_button, self.import_button,
                  self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)
        return bar

    def _build_tree(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("AURA-luokat ja palvelut")])
        self.tree.currentItemChanged.connect(self._tree_changed)
        v.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.add_service_button = self._tool(self.tr("Uusi palvelu"), self.add_service)
        self.delete_service_button = self._tool(self.tr("Poista palvelu"), self.delete_service)
        row.addWidget(self.add_service_button)
        row.addWidget(self.delete_service_button)
        row.addStretch(1)
        v.addLayout(row)
        return box

    def _build_editor(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.form_box = QGroupBox(self.tr("Palvelu"))
        form = QFormLayout(self.form_box)
        self.code_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.aura_combo = QComboBox()
        self.structure_combo = QComboBox()
        for key in STRUCTURES:
            self.structure_combo.addItem(t(*STRUCTURE_LABELS[key]), key)
        self.level_combo = QComboBox()
        for key, label in LEVEL_LABELS.items():
            self.level_combo.addItem(t(*label), key)
        self.allocation_combo = QComboBox()
        for key in ALLOCATIONS:
            self.allocation_combo.addItem(t(*ALLOCATION_LABELS[key]), key)
        self.law_edit = QLineEdit()
        self.description_edit = QLineEdit()
        form.addRow(self.tr("Koodi"), self.code_edit)
        form.addRow(self.tr("Nimi"), self.name_edit)
        form.addRow(self.tr("AURA-luokka"), self.aura_combo)
        form.addRow(self.tr("Palvelurakenne"), self.structure_combo)
        form.addRow(self.tr("Oletustaso"), self.level_combo)
        form.addRow(self.tr("Elinkaarikohdennus"), self.allocation_combo)
        form.addRow(self.tr("Laki"), self.law_edit)
        form.addRow(self.tr("Kuvaus"), self.description_edit)
        for edit, attr in ((self.code_edit, "code"), (self.name_edit, "name"), (self.law_edit, "law"),
                           (self.description_edit, "description")):
            edit.editingFinished.connect(lambda e=edit, a=attr: self._service_field(a, e.text().strip()))
        for combo, attr in ((self.aura_combo, "aura"), (self.structure_combo, "structure"),
                            (self.level_combo, "level"), (self.allocation_combo, "allocation")):
            combo.activated.connect(lambda _i, c=combo, a=attr: self._service_field(a, c.currentData()))
        v.addWidget(self.form_box)

        self.split_label = QLabel()
        self.split_label.setWordWrap(True)  # long figures must not make the page wider than the window
        v.addWidget(self.split_label)

        rules_box = QGroupBox(self.tr("Kohdennus- ja tasosäännöt"))
        rv = QVBoxLayout(rules_box)
        self.rules_table = QTableWidget(0, 8)
        self.rules_table.setHorizontalHeaderLabels([
            self.tr("Nro"), self.tr("Laji"), self.tr("Ehdot"), self.tr("Tapahtumia"), self.tr("Henkilöitä"),
            self.tr("Euroja"), self.tr("Taso"), self.tr("Huomio")])
        self.rules_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_table.verticalHeader().setVisible(False)
        self.rules_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rules_table.itemSelectionChanged.connect(self._rule_selected)
        rv.addWidget(self.rules_table, 1)
        row = QHBoxLayout()
        self.add_rule_button = self._tool(self.tr("+ Kohdennussääntö"), self.add_allocation_rule)
        self.add_level_button = self._tool(self.tr("+ Tasosääntö"), self.add_level_rule)
        self.delete_rule_button = self._tool(self.tr("Poista sääntö"), self.delete_rule)
        self.up_button = self._tool("↑", lambda: self.move_rule(-1), self.tr("Siirrä aiemmaksi"))
        self.down_button = self._tool("↓", lambda: self.move_rule(1), self.tr("Siirrä myöhemmäksi"))
        for w in (self.add_rule_button, self.add_level_button, self.delete_rule_button, self.up_button,
                  self.down_button):
            row.addWidget(w)
        row.addStretch(1)
        rv.addLayout(row)
        rule_row = QHBoxLayout()
        self.enabled_check = QCheckBox(self.tr("Käytössä"))
        on_click(self.enabled_check, self._rule_enabled)
        self.rule_level_combo = QComboBox()
        for key, label in LEVEL_LABELS.items():
            self.rule_level_combo.addItem(t(*label), key)
        self.rule_level_combo.activated.connect(self._rule_level)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("selite"))
        self.note_edit.editingFinished.connect(self._rule_note)
        rule_row.addWidget(self.enabled_check)
        rule_row.addWidget(self.rule_level_combo)
        rule_row.addWidget(self.note_edit, 1)
        rv.addLayout(rule_row)
        self.builder = ConditionBuilder(values_for=self.presenter.values_for)
        self.builder.conditions_changed.connect(self._conditions_edited)
        rv.addWidget(self.builder)
        v.addWidget(rules_box, 1)
        return box

    def _build_side(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        cov = QGroupBox(self.tr("Kattavuus"))
        cv = QVBoxLayout(cov)
        self.coverage_label = QLabel()
        self.coverage_label.setWordWrap(True)
        cv.addWidget(self.coverage_label)
        cv.addWidget(QLabel(self.tr("Suurimmat luokittelemattomat yhdistelmät:")))
        self.unclassified_table = QTableWidget(0, 6)
        self.unclassified_table.setHorizontalHeaderLabels([
            self.tr("Palvelumuoto"), self.tr("Palvelukoodi"), self.tr("Ammattiryhmä"), self.tr("Erityislaki"),
            self.tr("Tapahtumia"), self.tr("Euroja")])
        self.unclassified_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.unclassified_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unclassified_table.verticalHeader().setVisible(False)
        cv.addWidget(self.unclassified_table, 1)
        self.create_rule_button = self._tool(self.tr("Luo sääntö valitusta"), self.create_rule_from_unclassified,
                                             self.tr("Lisää valitulle palvelulle kohdennussääntö, joka ottaa "
                                                     "valitun yhdistelmän tapahtumat"))
        cv.addWidget(self.create_rule_button)
        v.addWidget(cov, 3)
        conf = QGroupBox(self.tr("Ristiriidat"))
        fv = QVBoxLayout(conf)
        self.conflicts_view = QListWidget()
        self.conflicts_view.setWordWrap(True)
        self.conflicts_view.itemActivated.connect(self._conflict_activated)
        fv.addWidget(self.conflicts_view)
        v.addWidget(conf, 2)
        return box

    # ------------------------------------------------------------------ loading (LoadingPage)
    def set_store(self, store) -> None:
        """Show another store: its newest version; unsaved edits of the previous store are dropped."""
        self.store = store
        self.resources_panel.set_store(store)
        self.presenter.set_store(store)
        # loading and classifying a county's events takes seconds: only when the page is on screen
        self.refresh_when_visible()

    def load(self):
        """Re-read the events (the store changed elsewhere, e.g. an import) and, when there are no
        unsaved edits, the saved versions; unsaved edits are kept and re-previewed."""
        self._preview_timer.stop()
        self.presenter.store = self.store
        return self.presenter.load_job()

    def loading_text(self) -> str:
        return self.tr("Ladataan palvelutapahtumia…")

    def load_failed_text(self, error: BaseException) -> str:
        return self.tr("Palvelutapahtumien lataus epäonnistui: {0}").format(error)

    def show_empty(self) -> None:
        self._set_enabled(False)
        self._rebuild_all()

    def show_loaded(self, loaded: LoadedClassification) -> None:
        started = time.perf_counter()
        fresh = self.presenter.loaded(loaded)
        self._fill_versions()
        if fresh:
            self._set_enabled(True)
        self._rebuild_all()
        self._show_preview(started)
        if fresh and not loaded.versions and self.writable():
            self.load_default()
        self._set_enabled(self.classification is not None)

    def show_load_failed(self, error: BaseException) -> None:
        self.presenter.load_failed()
        if self.classification is None:  # nothing of the planner's to keep: nothing to edit either
            self._set_enabled(False)
            self._rebuild_all()
        self._update_side(None, None)

    def check_loaded(self) -> None:
        if self.store is not None and self.classification is None:
            raise RuntimeError("classification page shows no classification")

    def show_unsaved(self, unsaved: bool) -> None:
        self.unsaved_label.setVisible(unsaved)

    # ------------------------------------------------------------------ versions
    def load_default(self) -> None:
        """Replace the working copy with the shipped default classification (an undoable edit)."""
        self.presenter.load_default()

    def _fill_versions(self) -> None:
        self.version_combo.clear()
        for v in self.presenter.versions:
            self.version_combo.addItem(self.tr("voimassa vuodesta {0}").format(v.valid_from), v.valid_from)
        if self.classification is not None:
            self.version_combo.setCurrentIndex(max(0, self.version_combo.findData(self.classification.valid_from)))
        self._update_compare_button(self.tree.isEnabled())

    def _update_compare_button(self, on: bool) -> None:
        """Comparing needs two saved versions: with one, the button is off and says why."""
        two = self.version_combo.count() > 1
        self.compare_button.setEnabled(on and two)
        self.compare_button.setToolTip(
            self.tr("Vertaa tallennettua versiota toiseen: mitä muuttui ja miten tapahtumien jakauma muuttuu") if two
            else self.tr("Vertailuun tarvitaan kaksi tallennettua versiota. Tee ensin uusi versio (Uusi versio…) ja tallenna se."))

    def _set_enabled(self, on: bool) -> None:
        writable = on and self.writable()
        for w in (self.tree, self.form_box, self.rules_table, self.builder, self.add_service_button,
                  self.delete_service_button, self.add_rule_button, self.add_level_button, self.delete_rule_button,
                  self.up_button, self.down_button, self.export_button, self.create_rule_button, self.enabled_check,
                  self.rule_level_combo, self.note_edit):
            w.setEnabled(on)
        self.import_button.setEnabled(writable)
        self.new_version_button.setEnabled(writable)
        self._update_compare_button(on)
        self.resources_panel.setEnabled(on)
        self.undo_actions_changed()

    def _version_picked(self, index: int) -> None:
        year = self.version_combo.itemData(index)
        if year == (self.classification.valid_from if self.classification else None):
            return
        if self.has_unsaved_changes() and not self._confirm_discard():
            self.version_combo.setCurrentIndex(self.version_combo.findData(self.presenter.saved_valid_from))
            return
        if self.presenter.pick_version(year):
            self._rebuild_all()
            self._show_preview()

    def ask_new_version(self) -> None:
        if self.classification is None:
            return
        year = ask.integer(self, self.tr("Uusi versio"), self.tr("Voimassa vuodesta:"),
                           self.classification.valid_from + 1, 1990, 2100)
        if year is not None:
            self.new_version(year)

    def new_version(self, year: int) -> None:
        """Make the working copy a new version valid from `year` (saving adds it)."""
        self.presenter.new_version(year)

    def ask_compare(self) -> None:
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit

        current = self.presenter.saved_valid_from
        others = [str(self.version_combo.itemData(i)) for i in range(self.version_combo.count())
                  if self.version_combo.itemData(i) != current]
        if current is None or not others:
            self.status_message.emit(self.tr("Vertailuun tarvitaan kaksi tallennettua versiota."))
            return
        other = ask.item(self, self.tr("Vertaa versioita"), self.tr("Verrataan versioon {0}:").format(current), others)
        if other is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Versioiden vertailu"))
        layout = QVBoxLayout(dialog)
        text = QPlainTextEdit(self.comparison_text(int(other), current))
        text.setReadOnly(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(800, 500)
        ask.run_dialog(dialog)

    def comparison_text(self, old_year: int, new_year: int) -> str:
        """What changed between two saved versions and the effect on the store's events."""
        return "\n".join(self.presenter.compare(old_year, new_year))

    def _confirm_discard(self) -> bool:
        return ask.yes(self, self.tr("Tallentamattomia muutoksia"),
                       self.tr("Luokitukseen on tehty tallentamattomia muutoksia. Hylätäänkö ne?"))

    def save(self) -> bool:
        if self.classification is None or not self.writable():
            return False
        try:
            # writes the version of its own year: another year's saved version is never replaced
            self.presenter.save()
        except UserError as exc:
            ask.warn(self, self.tr("Luokitusta ei tallennettu"), str(exc))
            return False
        self._fill_versions()
        self.status_message.emit(self.tr("Palveluluokitus tallennettu."))
        self.store_modified.emit()
        self.schedule_preview()
        return True

    # ------------------------------------------------------------------ edits: widget -> presenter
    def _after_edit(self) -> None:
        """The presenter changed the working copy: show it; its figures follow at once (the preview is fast)."""
        self._rebuild_all()
        self.recompute()

    def _service_field(self, attr: str, value) -> None:
        self.presenter.set_service_field(attr, value)

    def add_service(self) -> None:
        self.presenter.add_service()

    def delete_service(self) -> None:
        self.presenter.delete_service()

    def add_allocation_rule(self, conditions=None) -> None:
        self.presenter.add_allocation_rule(conditions)

    def add_level_rule(self) -> None:
        self.presenter.add_level_rule()

    def _conditions_edited(self, conditions) -> None:
        self.presenter.set_conditions(conditions)

    def _rule_enabled(self) -> None:
        self.presenter.set_rule_enabled(self.enabled_check.isChecked())

    def _rule_level(self, _i: int) -> None:
        self.presenter.set_rule_level(self.rule_level_combo.currentData())

    def _rule_note(self) -> None:
        self.presenter.set_rule_note(self.note_edit.text())

    def delete_rule(self) -> None:
        self.presenter.delete_rule()

    def move_rule(self, step: int) -> None:
        self.presenter.move_rule(step)

    # ------------------------------------------------------------------ files
    def import_file(self) -> None:
        path = ask.open_file(self, self.tr("Tuo palveluluokitus"), "", self.tr("Luokitus (*.xlsx *.json)"))
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> bool:
        from desktop.analysis.classify_io import read_classification_file

        try:
            imported = read_classification_file(path)
        except UserError as exc:
            ask.warn(self, self.tr("Luokitusta ei tuotu"), str(exc))
            return False
        self.presenter.import_classification(imported)
        return True

    def export_file(self) -> None:
        path = ask.save_file(self, self.tr("Vie palveluluokitus"), "palveluluokitus.xlsx",
                             self.tr("Excel (*.xlsx);;JSON (*.json)"))
        if path:
            self.export_path(path)

    def export_path(self, path: str) -> bool:
        from desktop.analysis.classify_io import write_classification_file

        try:
            write_classification_file(self.classification, path)
        except (UserError, OSError) as exc:
            ask.warn(self, self.tr("Luokitusta ei viety"), str(exc))
            return False
        self.status_message.emit(self.tr("Luokitus viety tiedostoon {0}.").format(path))
        return True

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
            if kind == "alloc":
                taken, euros = self.presenter.rule_taken(i)
                values = [number, self.tr("kohdennus") + ("" if rule.enabled else self.tr(" (pois)")),
                          rule.describe(), fmt(taken), fmt(persons.get(i, 0)), fmt(euros), "",
                          flags.get(("alloc", i), "")]
            else:
                events, euros = level_counts.get(i, (0, 0.0))
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
        self._update_side(preview.coverage, preview.top)
        self.resources_panel.update_figures()
        self.last_preview_s = time.perf_counter() - started  # for benchmarks, never shown

    def _update_side(self, cov, top) -> None:
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
        self.unclassified_table.setRowCount(len(top))
        for r, rec in enumerate(top.to_dict("records")):
            values = [rec["service_form"], rec["service_code"], rec["professional_group"], rec["special_law"],
                      fmt(rec["events"]), fmt(rec["euros"])]
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
        """The selected service's events and euros over green / yellow / red."""
        split = self.presenter.level_split()
        if split is None:
            self.split_label.clear()
            return
        total = sum(v["events"] for v in split.values()) or 1
        parts = [f"<span style='color:{LEVEL_COLOURS[k]}'>■</span> {t(*LEVEL_LABELS[k])} "
                 f"{fmt(v['events'])} ({share_text(v['events'] / total, 0)} %), {euros_text(v['euros'])}"
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
