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

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QSplitter,
    QTabWidget,
    QVBoxLayout,
)

from desktop.core.errors import SaveConflict, UserError
from desktop.core.rules import (
    Classification,
)
from desktop.presenters.classification import (
    COVERAGE_TOP,  # noqa: F401 - the number of unclassified combinations shown (tests read it here)
    ClassificationPresenter,
    LoadedClassification,
)
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import LoadingPage
from desktop.ui.pages.classification_layout import ClassificationLayout
from desktop.ui.pages.classification_views import (  # noqa: F401 - the figures' texts, read by tests here
    ClassificationViews,
    euros_text,
    fmt,
    share_text,
)
from desktop.ui.widgets.resource_rules_panel import ResourceRulesPanel

PREVIEW_DELAY_MS = 30


class ClassificationPage(ClassificationLayout, ClassificationViews, LoadingPage):
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
        except SaveConflict as exc:  # a colleague saved first: reload or save into a copy
            from desktop.services.classification import save_classification
            from desktop.ui.dialogs import save_conflict

            mine = self.classification
            save_conflict.resolve(self, self.store, exc, lambda copy: save_classification(copy, mine),
                                  self._reload_saved)
            return False
        except UserError as exc:
            ask.warn(self, self.tr("Luokitusta ei tallennettu"), str(exc))
            return False
        self._fill_versions()
        self.status_message.emit(self.tr("Palveluluokitus tallennettu."))
        self.store_modified.emit()
        self.schedule_preview()
        return True

    def _reload_saved(self) -> None:
        """Drop the unsaved edits and show the newest saved versions."""
        self.presenter.undo_stack.clear()
        self.presenter.undo_stack.set_clean()
        self.refresh()

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

