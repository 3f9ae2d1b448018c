"""Classification page (Finnish: Palveluluokitus): the editor of services, allocation rules and
level rules, with a live preview on the open store's events.

Saving is EXPLICIT: edits change a working copy of one classification version; the toolbar shows
"● Tallentamattomia muutoksia" until "Tallenna" writes the version to the store (only saved
versions are used by the other pages). Every edit is a command on an UndoStack (Ctrl+Z,
Ctrl+Shift+Z / Ctrl+Y); importing a file is an edit too and can be undone before saving.
The preview (events, persons, euros per rule, the service's green/yellow/red split, coverage and
conflicts) is recomputed 30 ms after an edit, on the combinations cached by the Classifier.

`refresh()` reads the store in the background (`load_classification`: the saved versions, the events,
the Classifier and the first preview; about 0.6 s on a county's 2.9 M events); the page shows
"Ladataan…" with its editor disabled meanwhile and emits `loaded` when it is filled in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
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

from desktop.analysis import privacy
from desktop.analysis.privacy import MIN_GROUP
from desktop.charts.numbers import eur, number
from desktop.core.command import Command, UndoStack
from desktop.core.errors import SaveConflict, UserError
from desktop.core.lang import t
from desktop.core.rules import (
    ALLOCATION_LABELS,
    ALLOCATIONS,
    LEVEL_LABELS,
    STRUCTURE_LABELS,
    STRUCTURES,
    AllocationRule,
    Classification,
    Condition,
    LevelRule,
    Service,
)
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import Page
from desktop.ui.widgets.condition_builder import ConditionBuilder
from desktop.ui.widgets.resource_rules_panel import ResourceRulesPanel
from desktop.ui.worker import LatestLoad

LEVEL_COLOURS = {"green": "#2e7d32", "yellow": "#b8860b", "red": "#c62828"}
PREVIEW_DELAY_MS = 30
COVERAGE_TOP = 15


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


@dataclass
class Preview:
    """The figures of one classification on the events: per-event arrays, per-rule statistics,
    conflicts, coverage (events, euros) and the largest unclassified combinations; `seconds` it took;
    `shown`: what of them may be shown (desktop.analysis.classify_disclosure.ShownClassification)."""

    arrays: object
    stats: object
    conflicts: list
    coverage: dict
    top: object
    seconds: float
    shown: object = None


def compute_preview(classifier, events, classification: Classification, min_group: int = MIN_GROUP) -> Preview:
    """Classify `events` with `classification` (Qt-free; the page runs it on the GUI thread after an
    edit, and in the background on the first load). Groups of fewer than `min_group` persons, and the
    figures that would give them back, are hidden (classify_disclosure)."""
    from desktop.analysis.classify_disclosure import shown_classification
    from desktop.analysis.classify_report import conflicts, coverage, rule_stats, unclassified_combinations

    started = time.perf_counter()
    arrays = classifier.classify(classification)
    stats = rule_stats(classifier, arrays.combos, classification)
    costs = classifier.costs()
    cov = coverage(events, arrays, costs)
    top = unclassified_combinations(events, arrays, top=COVERAGE_TOP, costs=costs)
    shown = shown_classification(events, arrays, classification, min_group, classifier, top, exact=False)
    conflict_list = conflicts(classifier, arrays.combos, classification, arrays.per_combo, stats,
                              hidden_matched=shown.matched_hidden)
    return Preview(arrays, stats, conflict_list, cov, top, time.perf_counter() - started, shown)


def choose_version(versions: list[Classification], wanted: int | None) -> Classification:
    """The saved version valid from `wanted`, else the newest; a store from before the classification
    existed gets an empty one valid from the default's year (the page then offers the default)."""
    chosen = next((v for v in versions if v.valid_from == wanted), versions[-1] if versions else None)
    if chosen is None:
        from desktop.services.classification import default_classification

        chosen = Classification(valid_from=default_classification().valid_from)
    return chosen


@dataclass
class LoadedClassification:
    """What `load_classification` hands to the page."""

    versions: list[Classification]
    events: object
    classifier: object
    chosen: Classification | None  # the version to show (None when unsaved edits are kept)
    preview: Preview | None  # of `chosen` or of the working copy `working`; None: compute on the GUI thread
    working: dict | None


def load_classification(progress, store, working: dict | None, saved_valid_from: int | None,
                        events=None, classifier=None) -> LoadedClassification:
    """The page's heavy load, run off the GUI thread: the saved versions, the events (from the store's
    cache when unchanged), a Classifier and the preview of the version to show, or of `working` (the
    unsaved working copy as a dict). The page's own `classifier` is reused, without a preview here,
    when the events did not change (it is not shared between threads)."""
    from desktop.analysis.classification import Classifier
    from desktop.services import edit_versions
    from desktop.services.classification import load_versions

    if working is None:  # the saved version is shown: saves are based on what is stored now
        edit_versions.begin_editing(store, "classification")
    versions = load_versions(store)
    progress.check()
    fresh = store.load("events")
    chosen = None if working is not None else choose_version(versions, saved_valid_from)
    if fresh is events and classifier is not None:
        return LoadedClassification(versions, events, classifier, chosen, None, working)
    classifier = Classifier(fresh)
    progress.check()
    shown = chosen if chosen is not None else Classification.from_dict(working)
    return LoadedClassification(versions, fresh, classifier, chosen,
                                compute_preview(classifier, fresh, shown, privacy.min_group(store)), working)


class EditCommand(Command):
    """An edit of the working classification: `mutate(classification)` once, then snapshots."""

    def __init__(self, page: ClassificationPage, text: str, mutate: Callable[[Classification], None]):
        self.page = page
        self.text = text
        self.mutate = mutate
        self.before: dict | None = None
        self.after: dict | None = None

    def do(self) -> None:
        if self.after is None:
            self.before = self.page.classification.to_dict()
            self.mutate(self.page.classification)
            self.after = self.page.classification.to_dict()
            self.page.after_edit()
        else:
            self.page.restore(self.after)

    def undo(self) -> None:
        self.page.restore(self.before)


class ClassificationPage(Page):
    title_fi = "Palveluluokitus"
    key = "classification"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.classification: Classification | None = None
        self.saved_valid_from: int | None = None
        self.current_service: str | None = None
        self.current_rule: tuple[str, str] | None = None  # ('alloc'|'level', rule id)
        self.events = None
        self.classifier = None
        self.arrays = None
        self.stats = None
        self.conflict_list: list = []
        self.shown = None  # what of the preview's figures may be shown (classify_disclosure)
        self.last_preview_s = 0.0
        self.undo_stack = UndoStack()
        self.undo_stack.listeners.append(self._stack_changed)
        self._loading = False
        self._stale = False  # figures belong to an earlier state of the classification
        self.load_error: BaseException | None = None  # an unexpected failure of the last load
        self.loader = LatestLoad(self)
        self.loader.finished.connect(self._store_loaded)
        self.loader.failed.connect(self._load_failed)

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

        self.undo_action = QAction(self.tr("Kumoa"), self)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        on_click(self.undo_action, self.undo)
        self.redo_action = QAction(self.tr("Tee uudelleen"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        on_click(self.redo_action, self.redo)
        self.save_action = QAction(self.tr("Tallenna"), self)
        self.save_action.setShortcuts([QKeySequence("Ctrl+S")])
        on_click(self.save_action, self.save)
        for action in (self.undo_action, self.redo_action, self.save_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.save_button.setDefaultAction(self.save_action)
        self._stack_changed()
        self._set_enabled(False)

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
        self.builder = ConditionBuilder(values_for=self._values_for)
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

    # ------------------------------------------------------------------ store
    def set_store(self, store) -> None:
        """Show another store: its newest version; unsaved edits of the previous store are dropped."""
        self.store = store
        self.resources_panel.set_store(store)
        self.events = None
        self.classifier = None
        self.saved_valid_from = None
        self.undo_stack.clear()
        # loading and classifying a county's events takes seconds: only when the page is on screen
        self.refresh_when_visible()

    def refresh(self) -> None:
        """Re-read the events (the store changed elsewhere, e.g. an import) and, when there are no
        unsaved edits, the saved versions; unsaved edits are kept and re-previewed. The reading runs
        in the background (a load still running is dropped); the page is filled in on `loaded`."""
        self.loader.cancel()
        self._preview_timer.stop()
        self.load_error = None
        keep_edits = self.store is not None and self.classification is not None and not self.undo_stack.is_clean()
        if not keep_edits:
            self.undo_stack.clear()
            self.arrays = self.stats = None
        if self.store is None:
            self.classification = None
            self._set_enabled(False)
            self._rebuild_all()
            self._load_over()
            return
        self.banner.show_loading(self.tr("Ladataan palvelutapahtumia…"))
        self.content.setEnabled(False)
        for action in (self.undo_action, self.redo_action, self.save_action):  # no edits while loading
            action.setEnabled(False)
        working = self.classification.to_dict() if keep_edits else None
        self.loader.start(load_classification, self.store, working, self.saved_valid_from, self.events,
                          self.classifier)

    def is_loading(self) -> bool:
        return self.loader.running

    def _store_loaded(self, loaded: LoadedClassification) -> None:
        self.events, self.classifier = loaded.events, loaded.classifier
        self.banner.clear()
        self.content.setEnabled(True)
        if loaded.working is not None:  # unsaved edits kept: new figures for them
            self._fill_versions(loaded.versions)
            if loaded.preview is not None and self.classification.to_dict() == loaded.working:
                self._show_preview(loaded.preview)
            else:
                self.recompute()
            self._load_over()
            return
        versions = loaded.versions
        self._fill_versions(versions)
        chosen = loaded.chosen
        self.classification = chosen
        self.saved_valid_from = chosen.valid_from if versions else None
        self.version_combo.setCurrentIndex(max(0, self.version_combo.findData(chosen.valid_from)))
        self._set_enabled(True)
        if self.current_service is None or self.classification.service(self.current_service) is None:
            self.current_service = self.classification.services[0].code if self.classification.services else None
        self.current_rule = None
        self.undo_stack.set_clean()
        self._rebuild_all()
        if loaded.preview is not None:
            self._show_preview(loaded.preview)
        else:
            self.recompute()
        if not versions and not self.store.readonly:
            self.load_default()
        self._load_over()

    def _load_failed(self, error: BaseException) -> None:
        self.content.setEnabled(True)
        self._stack_changed()
        if not isinstance(error, UserError):
            self.load_error = error
        text = str(error) if isinstance(error, UserError) else \
            self.tr("Palvelutapahtumien lataus epäonnistui: {0}").format(error)
        self.events = self.classifier = None
        self.arrays = self.stats = None
        if self.undo_stack.is_clean():  # nothing of the planner's to keep: nothing to edit either
            self.classification = None
            self._set_enabled(False)
            self._rebuild_all()
        self._update_side(None, None)
        self.banner.show_error(text)
        self.loaded.emit()

    def _load_over(self) -> None:
        self.banner.clear()
        self.content.setEnabled(True)
        self._stack_changed()
        self._set_enabled(self.classification is not None)
        self.loaded.emit()

    def load_default(self) -> None:
        """Replace the working copy with the shipped default classification (an undoable edit)."""
        from desktop.services.classification import default_classification

        data = default_classification().to_dict()

        def mutate(c: Classification) -> None:
            c.__dict__.update(Classification.from_dict(data).__dict__)

        self.current_service = None
        self.push(self.tr("Oletusluokitus"), mutate)
        if self.classification.services:
            self.current_service = self.classification.services[0].code
            self._rebuild_all()

    def _fill_versions(self, versions: list[Classification] | None = None) -> None:
        from desktop.services.classification import load_versions

        if versions is None:
            versions = load_versions(self.store) if self.store is not None else []
        self.version_combo.clear()
        for v in versions:
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

    def _load_events(self) -> None:
        from desktop.analysis.classification import Classifier

        if self.events is None or self.classifier is None:
            self.events = self.store.load("events")
            self.classifier = Classifier(self.events)

    def _set_enabled(self, on: bool) -> None:
        writable = on and self.store is not None and not self.store.readonly
        for w in (self.tree, self.form_box, self.rules_table, self.builder, self.add_service_button,
                  self.delete_service_button, self.add_rule_button, self.add_level_button, self.delete_rule_button,
                  self.up_button, self.down_button, self.export_button, self.create_rule_button, self.enabled_check,
                  self.rule_level_combo, self.note_edit):
            w.setEnabled(on)
        self.import_button.setEnabled(writable)
        self.new_version_button.setEnabled(writable)
        self._update_compare_button(on)
        self.resources_panel.setEnabled(on)
        self.save_action.setEnabled(writable and not self.undo_stack.is_clean())

    def _version_picked(self, index: int) -> None:
        from desktop.services.classification import load_versions

        year = self.version_combo.itemData(index)
        if year == (self.classification.valid_from if self.classification else None):
            return
        if not self.undo_stack.is_clean() and not self._confirm_discard():
            self.version_combo.setCurrentIndex(self.version_combo.findData(self.saved_valid_from))
            return
        self.saved_valid_from = year
        chosen = next((v for v in load_versions(self.store) if v.valid_from == year), None)
        if chosen is not None:
            self.classification = chosen
            self.undo_stack.clear()
            self.undo_stack.set_clean()
            self._rebuild_all()
            self.recompute()

    def ask_new_version(self) -> None:
        if self.classification is None:
            return
        year = ask.integer(self, self.tr("Uusi versio"), self.tr("Voimassa vuodesta:"),
                           self.classification.valid_from + 1, 1990, 2100)
        if year is not None:
            self.new_version(year)

    def new_version(self, year: int) -> None:
        """Make the working copy a new version valid from `year` (saving adds it; the version it was
        copied from stays as saved)."""
        if self.classification is None or year == self.classification.valid_from:
            return
        name = self.tr("Luokitus {0}").format(year)

        def mutate(c: Classification) -> None:
            c.valid_from = year
            c.name = name

        self.push(self.tr("Uusi versio"), mutate)

    def ask_compare(self) -> None:
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit

        current = self.saved_valid_from
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
        from desktop.services.classification import compare_versions, comparison_lines

        old_year, new_year = sorted((old_year, new_year))
        return "\n".join(comparison_lines(compare_versions(self.store, old_year, new_year)))

    def _confirm_discard(self) -> bool:
        return ask.yes(self, self.tr("Tallentamattomia muutoksia"),
                       self.tr("Luokitukseen on tehty tallentamattomia muutoksia. Hylätäänkö ne?"))

    # ------------------------------------------------------------------ edits
    def push(self, text: str, mutate: Callable[[Classification], None]) -> None:
        if self.classification is None or self._loading:
            return
        self.undo_stack.push(EditCommand(self, text, mutate))

    def after_edit(self) -> None:
        """Show the edited classification; its figures follow at once (the preview is fast)."""
        self._stale = True
        self._rebuild_all()
        self.recompute()

    def restore(self, data: dict) -> None:
        self.classification = Classification.from_dict(data)
        if self.current_service and self.classification.service(self.current_service) is None:
            self.current_service = self.classification.services[0].code if self.classification.services else None
        self.after_edit()

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def _stack_changed(self) -> None:
        clean = self.undo_stack.is_clean()
        self.unsaved_label.setVisible(not clean)
        writable = self.store is not None and not self.store.readonly
        self.save_action.setEnabled(writable and not clean)
        self.undo_action.setEnabled(self.undo_stack.can_undo())
        self.redo_action.setEnabled(self.undo_stack.can_redo())

    def has_unsaved_changes(self) -> bool:
        return not self.undo_stack.is_clean()

    def save_changes(self) -> bool:
        return self.save()

    def save(self) -> bool:
        from desktop.services.classification import save_classification

        if self.store is None or self.classification is None or self.store.readonly:
            return False
        try:
            # writes the version of its own year: another year's saved version is never replaced
            save_classification(self.store, self.classification)
        except SaveConflict as exc:  # a colleague saved first: reload or save into a copy
            from desktop.ui.dialogs import save_conflict

            mine = self.classification
            save_conflict.resolve(self, self.store, exc, lambda copy: save_classification(copy, mine),
                                  self._reload_saved)
            return False
        except UserError as exc:
            ask.warn(self, self.tr("Luokitusta ei tallennettu"), str(exc))
            return False
        self.saved_valid_from = self.classification.valid_from
        self.undo_stack.set_clean()
        self._fill_versions()
        self.events = None  # the store changed: reload once
        self._load_events()
        self.status_message.emit(self.tr("Palveluluokitus tallennettu."))
        self.store_modified.emit()
        self.schedule_preview()
        return True

    def _reload_saved(self) -> None:
        """Drop the unsaved edits and show the newest saved versions."""
        self.undo_stack.clear()
        self.undo_stack.set_clean()
        self.refresh()

    def _service(self) -> Service | None:
        if self.classification is None or self.current_service is None:
            return None
        return self.classification.service(self.current_service)

    def _service_field(self, attr: str, value) -> None:
        svc = self._service()
        if svc is None or self._loading or getattr(svc, attr) == value:
            return
        code = svc.code

        def mutate(c: Classification) -> None:
            s = c.service(code)
            if attr == "code":
                for r in c.rules:
                    if r.service == code:
                        r.service = value
                for share in (x for r in c.resource_rules for x in r.shares if x.service == code):
                    share.service = value
            setattr(s, attr, value)

        if attr == "code":
            self.current_service = value
        self.push(self.tr("Muuta palvelua"), mutate)

    def add_service(self) -> None:
        c = self.classification
        if c is None:
            return
        n = 1
        while c.service(f"UUSI-{n}"):
            n += 1
        code = f"UUSI-{n}"
        aura = self._service().aura if self._service() else (c.aura_classes[0].code if c.aura_classes else "")
        self.current_service = code
        self.push(self.tr("Uusi palvelu"), lambda cl: cl.services.append(
            Service(code=code, name=self.tr("Uusi palvelu"), aura=aura)))

    def delete_service(self) -> None:
        svc = self._service()
        if svc is None:
            return
        code = svc.code

        def mutate(c: Classification) -> None:
            c.services = [s for s in c.services if s.code != code]
            c.rules = [r for r in c.rules if r.service != code]
            for r in c.resource_rules:
                r.shares = [x for x in r.shares if x.service != code]

        self.current_service = None
        self.push(self.tr("Poista palvelu"), mutate)

    def add_allocation_rule(self, conditions: list[Condition] | None = None) -> None:
        svc = self._service()
        if svc is None:
            return
        rule = AllocationRule(svc.code, list(conditions or []))

        def mutate(c: Classification) -> None:
            positions = [i for i, r in enumerate(c.rules) if r.service == svc.code]
            c.rules.insert(positions[-1] + 1 if positions else len(c.rules), AllocationRule.from_dict(rule.to_dict()))

        self.current_rule = ("alloc", rule.id)
        self.push(self.tr("Uusi kohdennussääntö"), mutate)

    def add_level_rule(self) -> None:
        svc = self._service()
        if svc is None:
            return
        rule = LevelRule("yellow", [])
        self.current_rule = ("level", rule.id)
        self.push(self.tr("Uusi tasosääntö"),
                  lambda c: c.service(svc.code).level_rules.append(LevelRule.from_dict(rule.to_dict())))

    def _find_rule(self, c: Classification | None = None):
        c = c or self.classification
        if c is None or self.current_rule is None:
            return None
        kind, rid = self.current_rule
        if kind == "alloc":
            return c.rule(rid)
        svc = c.service(self.current_service) if self.current_service else None
        return next((r for r in (svc.level_rules if svc else []) if r.id == rid), None)

    def _edit_rule(self, text: str, fn: Callable[[object], None]) -> None:
        if self._find_rule() is None:
            return
        self.push(text, lambda c: fn(self._find_rule(c)))

    def _conditions_edited(self, conditions: list[Condition]) -> None:
        frozen = [Condition.from_dict(x.to_dict()) for x in conditions]
        self._edit_rule(self.tr("Muuta ehtoja"), lambda r: setattr(r, "conditions", frozen))

    def _rule_enabled(self) -> None:
        on = self.enabled_check.isChecked()
        self._edit_rule(self.tr("Sääntö käyttöön / pois"), lambda r: setattr(r, "enabled", bool(on)))

    def _rule_level(self, _i: int) -> None:
        level = self.rule_level_combo.currentData()
        self._edit_rule(self.tr("Muuta tasoa"), lambda r: setattr(r, "level", level))

    def _rule_note(self) -> None:
        rule = self._find_rule()
        if rule is not None and rule.note != self.note_edit.text():
            note = self.note_edit.text()
            self._edit_rule(self.tr("Muuta selitettä"), lambda r: setattr(r, "note", note))

    def delete_rule(self) -> None:
        if self._find_rule() is None:
            return
        kind, rid = self.current_rule
        code = self.current_service

        def mutate(c: Classification) -> None:
            if kind == "alloc":
                c.rules = [r for r in c.rules if r.id != rid]
            else:
                s = c.service(code)
                s.level_rules = [r for r in s.level_rules if r.id != rid]

        self.current_rule = None
        self.push(self.tr("Poista sääntö"), mutate)

    def move_rule(self, step: int) -> None:
        if self._find_rule() is None:
            return
        kind, rid = self.current_rule
        code = self.current_service

        def mutate(c: Classification) -> None:
            if kind == "alloc":  # swap with the neighbouring rule of the same service in the one order
                mine = [i for i, r in enumerate(c.rules) if r.service == code]
                at = next(i for i in mine if c.rules[i].id == rid)
                k = mine.index(at) + step
                if 0 <= k < len(mine):
                    other = mine[k]
                    c.rules[at], c.rules[other] = c.rules[other], c.rules[at]
            else:
                lst = c.service(code).level_rules
                at = next(i for i, r in enumerate(lst) if r.id == rid)
                if 0 <= at + step < len(lst):
                    lst[at], lst[at + step] = lst[at + step], lst[at]

        self.push(self.tr("Siirrä sääntöä"), mutate)

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
        data = imported.to_dict()

        def mutate(c: Classification) -> None:
            new = Classification.from_dict(data)
            c.__dict__.update(new.__dict__)

        self.current_service = imported.services[0].code if imported.services else None
        self.push(self.tr("Tuo luokitus"), mutate)
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
        self._loading = True
        try:
            self._rebuild_tree()
            self._show_service()
            self.resources_panel.rebuild()
        finally:
            self._loading = False

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
                    if s.code == self.current_service:
                        selected = item
            self.tree.expandAll()
        if selected is not None:
            self.tree.setCurrentItem(selected)
        self.tree.blockSignals(False)

    def _tree_changed(self, item, _previous) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if code is None:
            return
        self.current_service = code
        self.current_rule = None
        self._loading = True
        try:
            self._show_service()
        finally:
            self._loading = False

    def _show_service(self) -> None:
        svc = self._service()
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
        svc = self._service()
        if svc is None:
            return []
        rows = [("alloc", i, r) for i, r in enumerate(self.classification.rules) if r.service == svc.code]
        rows += [("level", i, r) for i, r in enumerate(svc.level_rules)]
        return rows

    def _fill_rules_table(self) -> None:
        rows = self._rule_rows()
        table = self.rules_table
        table.blockSignals(True)
        table.setRowCount(len(rows))
        if self._stale:  # the figures are recomputed right after: do not count persons twice
            persons, flags, level_counts = {}, {}, {}
        else:
            persons = self._persons_for([i for kind, i, _r in rows if kind == "alloc"])
            flags = self._flags()
            level_counts = self._level_rule_counts()
        select_row = None
        for row, (kind, i, rule) in enumerate(rows):
            number = str(i + 1)
            if kind == "alloc":
                taken = int(self.stats.taken[i]) if self.stats is not None and i < len(self.stats.taken) else 0
                euros = float(self.stats.euros[i]) if self.stats is not None and i < len(self.stats.euros) else 0.0
                figures = {"taken": taken, "persons": persons.get(i, ""), "euros": euros}
                if self.shown is not None and i < len(self.shown.supp.rule_persons):  # small groups, complements
                    figures = self.shown.rule_record(i, figures)
                values = [number, self.tr("kohdennus") + ("" if rule.enabled else self.tr(" (pois)")),
                          rule.describe(), fmt(figures["taken"]), fmt(figures["persons"]), fmt(figures["euros"]), "",
                          flags.get(("alloc", i), "")]
            else:
                events, euros = level_counts.get(i, (0, 0.0))
                mark = self._level_rule_mark(i)
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
            if self.current_rule == (kind, rule.id):
                select_row = row
        if select_row is None and rows:
            select_row = 0
            self.current_rule = (rows[0][0], rows[0][2].id)
        if select_row is not None:  # not selectRow(): that obeys the keyboard modifiers held
            table.selectionModel().select(table.model().index(select_row, 0),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.blockSignals(False)
        self._show_rule()

    def _rule_selected(self) -> None:
        rows = self._rule_rows()
        selected = self.rules_table.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(rows):
            return
        kind, _i, rule = rows[selected[0].row()]
        self.current_rule = (kind, rule.id)
        self._show_rule()

    def _show_rule(self) -> None:
        rule = self._find_rule()
        was = self._loading
        self._loading = True
        try:
            self.builder.setEnabled(rule is not None)
            self.builder.set_conditions(list(rule.conditions) if rule is not None else [])
            is_alloc = self.current_rule is not None and self.current_rule[0] == "alloc"
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
            self._loading = was

    def _values_for(self, field: str) -> list[str]:
        if self.classifier is None:
            return []
        values = self.classifier.field(field).categories
        if field == "reasons":
            values = sorted({tk for v in values for tk in v.split()})
        return sorted(values)[:5000]

    # ------------------------------------------------------------------ preview
    def schedule_preview(self) -> None:
        self._preview_timer.start()

    def recompute(self) -> None:
        """Classify the events with the working copy and refresh every figure (events, persons, euros)."""
        self._preview_timer.stop()
        if self.classification is None or self.classifier is None:
            self._update_side(None, None)
            return
        self._show_preview(compute_preview(self.classifier, self.events, self.classification,
                                           privacy.min_group(self.store) if self.store is not None else MIN_GROUP))

    def _show_preview(self, preview: Preview) -> None:
        """Show the figures of a preview of the working copy (computed here or by the background load)."""
        started = time.perf_counter()
        self.arrays, self.stats, self.conflict_list = preview.arrays, preview.stats, preview.conflicts
        self.shown = preview.shown
        self._stale = False
        self._loading = True
        try:
            self._fill_rules_table()
        finally:
            self._loading = False
        self._update_side(preview.coverage, preview.top)
        self.resources_panel.update_figures()
        self.last_preview_s = preview.seconds + time.perf_counter() - started  # for benchmarks, never shown

    def _persons_for(self, rules: list[int]) -> dict[int, int]:
        from desktop.analysis.classify_report import rule_persons

        if self.arrays is None or not rules or len(self.arrays.rule) != len(self.events):
            return {}
        return rule_persons(self.events, self.arrays, rules)

    def _level_rule_mark(self, li: int) -> str | None:
        """"<N" or ".." when the selected service's level rule `li` takes a hidden group."""
        svc = self._service()
        if self.shown is None or svc is None:
            return None
        return self.shown.level_rule_mark(self.classification.service_index().get(svc.code, -1), li)

    def _level_rule_counts(self) -> dict[int, tuple[int, float]]:
        svc = self._service()
        if self.arrays is None or svc is None or not svc.level_rules:
            return {}
        si = self.classification.service_index().get(svc.code, -1)
        res, combos = self.arrays.per_combo, self.arrays.combos
        mine = res.service == si
        euros = self.classifier.combo_sums(combos)
        out = {}
        for li in range(len(svc.level_rules)):
            sel = mine & (res.level_rule == li)
            out[li] = (int(combos.rows[sel].sum()), float(euros[sel].sum()))
        return out

    def _flags(self) -> dict[tuple[str, int], str]:
        out: dict[tuple[str, int], str] = {}
        svc = self._service()
        for conflict in self.conflict_list:
            if conflict.kind.startswith("level_"):
                if svc is not None and conflict.service == svc.code:
                    out[("level", conflict.rule)] = conflict.message
            else:
                out[("alloc", conflict.rule)] = conflict.message
        return out

    def _update_side(self, cov, top) -> None:
        if cov is None:
            self.coverage_label.setText(self.tr("Ei aineistoa."))
            self.unclassified_table.setRowCount(0)
            self.conflicts_view.clear()
            self.split_label.clear()
            return
        if self.shown is not None:  # a small group and the figures that would give it back hidden
            cov = self.shown.coverage_record(cov)
        self.coverage_label.setText(self.tr("Luokiteltu {0} / {1} tapahtumaa ({2} %), {3} / {4} € ({5} %).").format(
            fmt(cov["events_classified"]), fmt(cov["events"]), share_text(cov["event_share"]),
            fmt(cov["euros_classified"]), fmt(cov["euros"]), share_text(cov["euro_share"])))
        self.unclassified_rows = top
        self.unclassified_table.setRowCount(len(top))
        records = self.shown.combination_records(top) if self.shown is not None else top.to_dict("records")
        for r, rec in enumerate(records):
            hidden = privacy.is_hidden_mark(rec.get("persons"))
            values = [rec["service_form"], rec["service_code"], rec["professional_group"], rec["special_law"],
                      rec["persons"] if hidden else fmt(rec["events"]), fmt(rec["euros"])]
            for col, value in enumerate(values):
                self.unclassified_table.setItem(r, col, QTableWidgetItem(str(value)))
        self.unclassified_table.resizeColumnsToContents()
        self.conflicts_view.clear()
        for conflict in self.conflict_list:
            self.conflicts_view.addItem(conflict.message)
            item = self.conflicts_view.item(self.conflicts_view.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, (conflict.kind, conflict.rule, conflict.service))
        if not self.conflict_list:
            self.conflicts_view.addItem(self.tr("Ei varjoon jääviä tai turhia sääntöjä."))
        self._update_split()

    def _update_split(self) -> None:
        """The selected service's events and euros over green / yellow / red."""
        from desktop.analysis.classify_report import level_split

        svc = self._service()
        if svc is None or self.arrays is None or self.events is None or len(self.arrays.service) != len(self.events):
            self.split_label.clear()
            return
        si = self.classification.service_index().get(svc.code, -1)
        split = level_split(self.events, self.arrays, si, self.classifier.costs())
        total = sum(v["events"] for v in split.values()) or 1
        if self.shown is not None:  # a small level and its complement hidden; no shares (they give the total)
            split = self.shown.level_split(si, split)
        whole = all(v["events"] is not None for v in split.values())
        parts = [f"<span style='color:{LEVEL_COLOURS[k]}'>■</span> {t(*LEVEL_LABELS[k])} "
                 + (f"{fmt(v['events'])} ({share_text(v['events'] / total, 0)} %), {euros_text(v['euros'])}" if whole
                    else f"{fmt(v['events'])}, {euros_text(v['euros'])}")
                 for k, v in split.items()]
        self.split_label.setText(self.tr("Palvelun tasojakauma: ") + " · ".join(parts))

    def _conflict_activated(self, item) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        kind, rule, service = data
        self.current_service = service if kind.startswith("level_") else self.classification.rules[rule].service
        rid = (self.classification.service(service).level_rules[rule].id if kind.startswith("level_")
               else self.classification.rules[rule].id)
        self.current_rule = ("level" if kind.startswith("level_") else "alloc", rid)
        self._rebuild_all()

    def create_rule_from_unclassified(self) -> None:
        """Add an allocation rule to the selected service taking the selected unclassified combination."""
        rows = self.unclassified_table.selectionModel().selectedRows() if self.unclassified_table.selectionModel() else []
        if not rows or self._service() is None:
            self.status_message.emit(self.tr("Valitse ensin palvelu ja luokittelematon yhdistelmä."))
            return
        rec = self.unclassified_rows.iloc[rows[0].row()]
        self.add_allocation_rule(rule_from_combination(rec.to_dict()))

    def render_check(self) -> None:
        if not self.wait_until_loaded():
            raise RuntimeError("classification page did not finish loading")
        if self.load_error is not None:
            raise RuntimeError(f"classification page could not load: {self.load_error}") from self.load_error
        if self.store is not None and self.classification is None:
            raise RuntimeError("classification page shows no classification")


def rule_from_combination(rec: dict) -> list[Condition]:
    """Conditions that take exactly one unclassified combination (empty values as 'is empty')."""
    out = []
    for field in ("service_form", "service_code", "professional_group", "special_law"):
        value = str(rec.get(field) or "")
        out.append(Condition(field, "in", (value,)) if value else Condition(field, "is_empty"))
    return out
