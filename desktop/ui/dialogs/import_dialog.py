"""The import dialog (File > Import and a file dropped on the window).

Choose the kind (guessed from the headers), see the first 50 rows parsed with the recognised
mapping, change a column's mapping with the drop-down above it, see problems highlighted before
importing, then import with progress (rows, bytes, time left) and Cancel. The import itself is the
service `desktop.services.importing.run_import`, run in the thread pool (`desktop.ui.worker.Task`),
so the window stays responsive; nothing is stored unless the whole import succeeds.

This module holds the widgets; the file, its plan, mapping, preview, profiles and the sentences are
desktop.presenters.importing (no Qt), the preview's Qt model is desktop.ui.models.import_models.

    run_import_dialog(parent, store, path=None) -> bool   # True when a batch was imported
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Cancelled, UserError
from desktop.core.lang import t
from desktop.importers import mapping as mp
from desktop.presenters.importing import (
    ImportSession,
    import_with_progress,
    plan_with_progress,
    seconds_left,
)
from desktop.services import importing
from desktop.store import Store
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.dialogs.report_dialog import show_error
from desktop.ui.models.import_models import PROBLEM_BRUSH, PreviewModel
from desktop.ui.widgets.column_mapping import ColumnMappingRow
from desktop.ui.worker import Task, run_with_progress

__all__ = ["PROBLEM_BRUSH", "ImportDialog", "run_import_dialog"]


class ImportDialog(QDialog):
    """See the module docstring. `imported` holds the ImportResult after a successful import."""

    def __init__(self, store: Store, path: str | Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tuo tiedosto"))
        self.resize(980, 640)
        self.store = store
        self.session = ImportSession(store)
        self.task: Task | None = None
        self.last_error: BaseException | None = None
        self.report = None  # the report dialog of the last problem
        self._started = 0.0
        self._updating = False

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("Ei tiedostoa"))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.file_label, 1)
        top.addWidget(self._button(self.tr("Valitse tiedosto..."), self.choose_file))
        layout.addLayout(top)

        form = QFormLayout()
        self.kind_combo = QComboBox()
        for kind, (fi, en) in mp.KIND_LABELS.items():
            self.kind_combo.addItem(t(fi, en), kind)  # labels come from the Qt-free importers with both texts
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Aineiston laji:"), self.kind_combo)
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.sheet_label = QLabel(self.tr("Välilehti tai taso:"))
        form.addRow(self.sheet_label, self.sheet_combo)
        self.mode_edit = QLineEdit(importing.DEFAULT_MODE)
        self.mode_edit.editingFinished.connect(self.refresh)
        self.mode_label = QLabel(self.tr("Kulkutapa (matka-ajat):"))
        form.addRow(self.mode_label, self.mode_edit)
        profiles = QHBoxLayout()
        self.profile_combo = QComboBox()
        self.profile_combo.activated.connect(self._profile_chosen)
        self.save_profile_button = self._button(self.tr("Tallenna profiilina..."), self.save_profile)
        self.delete_profile_button = self._button(self.tr("Poista profiili"), self.delete_profile)
        for widget, stretch in ((self.profile_combo, 1), (self.save_profile_button, 0), (self.delete_profile_button, 0)):
            profiles.addWidget(widget, stretch)
        form.addRow(self.tr("Tuontiprofiili:"), profiles)
        layout.addLayout(form)

        layout.addWidget(QLabel(self.tr("Sarakkeiden vastaavuus (valitse kenttä kunkin sarakkeen yläpuolelta):")))
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.mapping = ColumnMappingRow(self.table, self.set_mapping)
        self.mapping_host = self.mapping.host
        layout.addWidget(self.mapping)
        layout.addWidget(self.table, 1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        options = QHBoxLayout()
        self.skip_invalid = QCheckBox(self.tr("Tuo vain kelvolliset rivit (virheelliset kirjataan erän raporttiin)"))
        self.replace = QCheckBox(self.tr("Korvaa aiemmin tuotu sama tiedosto"))
        for widget in (self.skip_invalid, self.replace):
            options.addWidget(widget)
        options.addStretch(1)
        layout.addLayout(options)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_label = QLabel()
        self.progress_bar.hide()
        self.progress_label.hide()
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Tuo"))
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        on_click(self.import_button, self.start_import)
        self.cancel_button = self._button(self.tr("Peruuta tuonti"), self.cancel_import)
        self.cancel_button.hide()
        self.close_button = self._button(self.tr("Sulje"), self.reject)
        for button in (self.import_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._show_optional_rows()
        if path is not None:
            self.open_file(path)
        else:
            self.refresh()

    def _button(self, text: str, slot) -> QPushButton:
        """A button that Enter does not press (Enter imports)."""
        button = QPushButton(text)
        button.setAutoDefault(False)
        on_click(button, slot)
        return button

    # the session's state, read by the window and tests
    path = property(lambda self: self.session.path)
    plan = property(lambda self: self.session.plan)
    imported = property(lambda self: self.session.imported)

    # ------------------------------------------------------------ choosing
    def choose_file(self) -> None:
        name = ask.open_file(
            self, self.tr("Valitse tuotava tiedosto"), str(self.path.parent if self.path else Path.home()),
            self.tr("Aineistot (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods *.gpkg);;Kaikki tiedostot (*)"),
        )
        if name:
            self.open_file(name)

    def open_file(self, path: str | Path, sheet: str | None = None, kind: str | None = None) -> None:
        """Open `path`, guess the kind and show the preview."""
        self.file_label.setText(str(Path(path)))
        try:
            plan = self.session.open(path, kind, sheet, self.current_kind(), self._open_in_background)
        except (UserError, Cancelled) as exc:
            self.import_button.setEnabled(False)
            if isinstance(exc, UserError):
                self._show_problem(exc)
            return
        self._updating = True
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(plan.kind)))
        self.sheet_combo.clear()
        for name in plan.source.layer_names:
            self.sheet_combo.addItem(name, name)
        if plan.source.layer:
            self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(plan.source.layer)))
        self._updating = False
        self._fill_profiles()
        self._show_optional_rows()
        self._show_plan()

    def _open_in_background(self, kind: str | None, sheet: str | None) -> importing.ImportPlan:
        """Opening a file reads it (a large workbook for seconds): do it off the UI thread."""
        return run_with_progress(
            self, plan_with_progress, self.store, self.path, kind=kind, sheet=sheet, mode=self._mode(),
            title=self.tr("Tuo tiedosto"), label=self.tr("Avataan tiedostoa %1...").replace("%1", self.path.name),
        )

    def current_kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _mode(self) -> str:
        return self.mode_edit.text().strip() or importing.DEFAULT_MODE

    def _kind_changed(self) -> None:
        if self._updating or self.path is None:
            self._show_optional_rows()
            return
        self.session.overrides = {}
        self.refresh()
        self._fill_profiles()

    def _sheet_changed(self) -> None:
        if self._updating or self.path is None:
            return
        self.open_file(self.path, sheet=self.sheet_combo.currentData(), kind=self.current_kind())

    def _show_optional_rows(self) -> None:
        travel = self.current_kind() == "travel-times"
        self.mode_label.setVisible(travel)
        self.mode_edit.setVisible(travel)
        layers = bool(self.session.layer_names())
        self.sheet_label.setVisible(layers)
        self.sheet_combo.setVisible(layers)

    def refresh(self) -> None:
        """Re-plan with the chosen kind, mode and hand-made mapping, and show the preview again."""
        if self.path is None or self.plan is None:
            self.import_button.setEnabled(False)
            return
        try:
            self.session.replan(self.current_kind(), self._mode())
        except UserError as exc:
            self._show_problem(exc)
            return
        self._show_optional_rows()
        self._show_plan()

    # --------------------------------------------------------------- preview
    def _show_plan(self) -> None:
        preview = self.session.preview(label=self.tr)
        self.model.set_preview(preview)
        self.mapping.show_choices(self.session.mapping_choices(label=self.tr))
        self.status_label.setText("\n".join(preview.notes))
        self.import_button.setEnabled(preview.can_import)

    def mapping_combo(self, source_column: str) -> QComboBox:
        """The drop-down of a source column (for tests and keyboard users)."""
        return self.mapping.combos[source_column]

    def set_mapping(self, source_column: str, canonical: str) -> None:
        """Map `source_column` to `canonical` ('' = not used) and refresh the preview."""
        if self.session.set_mapping(source_column, canonical):
            self.refresh()

    # --------------------------------------------------------------- profiles
    def _fill_profiles(self) -> None:
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("(ei profiilia)"), None)
        for name in self.session.profile_names(self.current_kind()):
            self.profile_combo.addItem(name, name)
        self.delete_profile_button.setEnabled(self.profile_combo.count() > 1)

    def _profile_chosen(self) -> None:
        name = self.profile_combo.currentData()
        if not name or self.plan is None:
            return
        mode = self.session.choose_profile(name)
        if mode:
            self.mode_edit.setText(mode)
        self.refresh()

    def save_profile(self, name: str | None = None) -> None:
        if self.plan is None:
            return
        if not name:
            name = ask.text(self, self.tr("Tallenna profiili"), self.tr("Profiilin nimi:"))
            if not name or not name.strip():
                return
        try:
            name = self.session.save_profile(name)
        except UserError as exc:
            self._show_problem(exc)
            return
        self._fill_profiles()
        self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(name)))

    def delete_profile(self) -> None:
        name = self.profile_combo.currentData()
        if not name:
            return
        self.session.delete_profile(name)
        self._fill_profiles()

    # ----------------------------------------------------------------- import
    def start_import(self) -> None:
        if self.plan is None or self.task is not None:
            return
        try:
            plan = self.session.import_plan(self._mode())
        except UserError as exc:
            self._show_problem(exc)
            return
        self.task = Task(import_with_progress, self.store, plan, skip_invalid=self.skip_invalid.isChecked(),
                         replace=self.replace.isChecked(), parent=self)
        self.task.progressed.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)
        self.task.cancelled.connect(self._on_cancelled)
        self._set_running(True)
        self._started = time.monotonic()
        self.task.start()

    def cancel_import(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.progress_label.setText(self.tr("Perutaan..."))

    def _set_running(self, running: bool) -> None:
        for widget in (self.import_button, self.close_button, self.kind_combo, self.mapping_host, self.profile_combo,
                       self.save_profile_button, self.delete_profile_button, self.skip_invalid, self.replace):
            widget.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress_bar.setVisible(True)
        self.progress_label.setVisible(True)
        if running:
            self.progress_bar.setValue(0)
            self.progress_label.setText(self.tr("Aloitetaan..."))

    def _on_progress(self, done: float, total: float, text: str) -> None:
        fraction = done / total if total else 0.0
        self.progress_bar.setValue(int(1000 * max(0.0, min(1.0, fraction))))
        seconds = seconds_left(time.monotonic() - self._started, fraction)
        left = "" if seconds is None else self.tr(", aikaa jäljellä noin %1 s").replace("%1", str(seconds))
        self.progress_label.setText(f"{text}{left}")

    def _on_finished(self, result: importing.ImportResult) -> None:
        self.task = None
        self.session.imported = result
        self._set_running(False)
        self.progress_bar.setValue(1000)
        self.progress_label.setText(self.success_text(result))
        self.accept()

    def success_text(self, result: importing.ImportResult) -> str:
        """What the planner is told after an import: rows, persons, the batch, rejected rows, warnings."""
        return self.session.success_text(result)

    def _on_failed(self, error: BaseException) -> None:
        self.task = None
        self.last_error = error
        self._set_running(False)
        self.progress_label.setText(self.tr("Tuonti epäonnistui; mitään ei tallennettu."))
        self._show_problem(error)

    def _on_cancelled(self) -> None:
        self.task = None
        self._set_running(False)
        self.progress_label.setText(self.tr("Tuonti peruttiin; mitään ei tallennettu."))

    def _show_problem(self, exc: BaseException) -> None:
        self.last_error = exc
        self.status_label.setText(str(exc.message if isinstance(exc, UserError) else exc))
        self.report = show_error(self, exc)  # readable, with "save as text"

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.cancel_import()
            return
        super().reject()

def run_import_dialog(parent: QWidget | None, store: Store, path: str | Path | None = None) -> bool:
    """Show the import dialog (for `path` when given; else the planner picks a file). Returns True
    when a batch was imported into `store`."""
    if path is None:
        name = ask.open_file(
            parent, QCoreApplication.translate("ImportDialog", "Valitse tuotava tiedosto"), str(Path.home()),
            QCoreApplication.translate(
                "ImportDialog", "Aineistot (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods *.gpkg);;Kaikki tiedostot (*)"),
        )
        if not name:
            return False
        path = name
    dialog = ImportDialog(store, path, parent)
    try:
        ask.run_dialog(dialog)
        if dialog.imported is not None:  # the planner sees that it worked and what came in
            notes = dialog.imported.notes
            if notes and hasattr(parent, "statusBar"):  # e.g. a new pseudonymisation key was made: back it up
                parent.statusBar().showMessage(" ".join(notes), 120_000)
            ask.inform(parent, QCoreApplication.translate("ImportDialog", "Tuonti onnistui"),
                       dialog.success_text(dialog.imported))
        return dialog.imported is not None
    finally:
        dialog.deleteLater()

