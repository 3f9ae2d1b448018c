"""The import dialog (File > Import and a file dropped on the window).

Choose the kind (guessed from the headers), see the first 50 rows parsed with the recognised
mapping, change a column's mapping with the drop-down above it, see problems highlighted before
importing, then import with progress (rows, bytes, time left) and Cancel. The import itself is the
service `desktop.services.importing.run_import`, run in the thread pool (`desktop.ui.worker.Task`),
so the window stays responsive; nothing is stored unless the whole import succeeds.

    run_import_dialog(parent, store, path=None) -> bool   # True when a batch was imported
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
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
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Cancelled, UserError
from desktop.core.lang import t
from desktop.core.numbers import count
from desktop.importers import mapping as mp
from desktop.importers.problems import mask_value
from desktop.services import importing
from desktop.store import Store
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.dialogs.report_dialog import show_error
from desktop.ui.worker import Task, run_with_progress

PREVIEW_ROWS = 50
PROBLEM_BRUSH = QBrush(QColor(255, 205, 205))
NOT_MAPPED = ""
# Field labels of desktop.importers.mapping (Finnish only there), marked here so pyside6-lupdate collects
# them into the ImportDialog context; tests/ui/test_translations.py checks that each one is translated.
FIELD_LABELS = (
    QT_TRANSLATE_NOOP("ImportDialog", "AURA-koodi"),
    QT_TRANSLATE_NOOP("ImportDialog", "AURA-nimi"),
    QT_TRANSLATE_NOOP("ImportDialog", "ammattiluokka"),
    QT_TRANSLATE_NOOP("ImportDialog", "erityislaki"),
    QT_TRANSLATE_NOOP("ImportDialog", "henkilö"),
    QT_TRANSLATE_NOOP("ImportDialog", "ikä"),
    QT_TRANSLATE_NOOP("ImportDialog", "kohde"),
    QT_TRANSLATE_NOOP("ImportDialog", "koko"),
    QT_TRANSLATE_NOOP("ImportDialog", "kapasiteetti"),
    QT_TRANSLATE_NOOP("ImportDialog", "kulkutapa"),
    QT_TRANSLATE_NOOP("ImportDialog", "kunta"),
    QT_TRANSLATE_NOOP("ImportDialog", "kustannus"),
    QT_TRANSLATE_NOOP("ImportDialog", "käynnin luonne"),
    QT_TRANSLATE_NOOP("ImportDialog", "käyntisyy"),
    QT_TRANSLATE_NOOP("ImportDialog", "leveysaste"),
    QT_TRANSLATE_NOOP("ImportDialog", "lukumäärä"),
    QT_TRANSLATE_NOOP("ImportDialog", "lähde"),
    QT_TRANSLATE_NOOP("ImportDialog", "lähtöruutu"),
    QT_TRANSLATE_NOOP("ImportDialog", "minuutit"),
    QT_TRANSLATE_NOOP("ImportDialog", "määrä"),
    QT_TRANSLATE_NOOP("ImportDialog", "nimi"),
    QT_TRANSLATE_NOOP("ImportDialog", "palvelu"),
    QT_TRANSLATE_NOOP("ImportDialog", "palvelumuoto"),
    QT_TRANSLATE_NOOP("ImportDialog", "pituusaste"),
    QT_TRANSLATE_NOOP("ImportDialog", "päivämäärä"),
    QT_TRANSLATE_NOOP("ImportDialog", "ruutu"),
    QT_TRANSLATE_NOOP("ImportDialog", "sukupuoli"),
    QT_TRANSLATE_NOOP("ImportDialog", "syntymävuosi"),
    QT_TRANSLATE_NOOP("ImportDialog", "tunnus"),
    QT_TRANSLATE_NOOP("ImportDialog", "tuottaja"),
    QT_TRANSLATE_NOOP("ImportDialog", "tyyppi"),
    QT_TRANSLATE_NOOP("ImportDialog", "vuosi"),
    QT_TRANSLATE_NOOP("ImportDialog", "väestö"),
    QT_TRANSLATE_NOOP("ImportDialog", "x"),
    QT_TRANSLATE_NOOP("ImportDialog", "y"),
    QT_TRANSLATE_NOOP("ImportDialog", "yhteystapa"),
    QT_TRANSLATE_NOOP("ImportDialog", "kustannuspaikka"),
    QT_TRANSLATE_NOOP("ImportDialog", "ammattiryhmä"),
    QT_TRANSLATE_NOOP("ImportDialog", "kuukausi"),
    QT_TRANSLATE_NOOP("ImportDialog", "henkilötyövuodet"),
    QT_TRANSLATE_NOOP("ImportDialog", "palkat"),
    QT_TRANSLATE_NOOP("ImportDialog", "henkilöt"),
)


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read; cells with a problem are red with the reason as tooltip.
    Values of the person id column are masked (the screen shows no identity codes either)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.frame = pd.DataFrame()
        self.lines: list[int] = []
        self.problems: dict[tuple[int, str], str] = {}
        self.masked_column: str | None = None

    def set_preview(self, frame: pd.DataFrame, lines, problems, masked_column: str | None) -> None:
        self.beginResetModel()
        self.frame = frame
        self.lines = [int(v) for v in lines]
        self.problems = {}
        for row, column, message in problems:
            key = (row, column)
            self.problems[key] = self.problems.get(key, "") + ("\n" if key in self.problems else "") + message
        self.masked_column = masked_column
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.frame)

    def columnCount(self, parent=None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.frame.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.frame.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self.frame.iat[index.row(), index.column()]
            if value is None or (isinstance(value, float) and value != value):
                return ""
            if column == self.masked_column:
                return mask_value(value, person=True)
            return mask_value(value, limit=60)
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), column) in self.problems:
            return PROBLEM_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problems.get((index.row(), column))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self.frame.columns[section]) if section < len(self.frame.columns) else None
        return str(self.lines[section]) if section < len(self.lines) else str(section + 1)


class ImportDialog(QDialog):
    """See the module docstring. `imported` holds the ImportResult after a successful import."""

    def __init__(self, store: Store, path: str | Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tuo tiedosto"))
        self.resize(980, 640)
        self.store = store
        self.path: Path | None = None
        self.plan: importing.ImportPlan | None = None
        self.overrides: dict[str, str | None] = {}
        self.imported: importing.ImportResult | None = None
        self.task: Task | None = None
        self.last_error: BaseException | None = None
        self.report = None  # the report dialog of the last problem
        self._started = 0.0
        self._combos: dict[str, QComboBox] = {}
        self._updating = False

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("Ei tiedostoa"))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(self.tr("Valitse tiedosto..."))
        choose.setAutoDefault(False)  # Enter imports; it never reopens the file chooser
        on_click(choose, self.choose_file)
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
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
        self.save_profile_button = QPushButton(self.tr("Tallenna profiilina..."))
        self.save_profile_button.setAutoDefault(False)
        on_click(self.save_profile_button, self.save_profile)
        self.delete_profile_button = QPushButton(self.tr("Poista profiili"))
        self.delete_profile_button.setAutoDefault(False)
        on_click(self.delete_profile_button, self.delete_profile)
        profiles.addWidget(self.profile_combo, 1)
        profiles.addWidget(self.save_profile_button)
        profiles.addWidget(self.delete_profile_button)
        form.addRow(self.tr("Tuontiprofiili:"), profiles)
        layout.addLayout(form)

        layout.addWidget(QLabel(self.tr("Sarakkeiden vastaavuus (valitse kenttä kunkin sarakkeen yläpuolelta):")))
        self.mapping_row = QHBoxLayout()
        self.mapping_row.setSizeConstraint(QHBoxLayout.SizeConstraint.SetFixedSize)
        self.mapping_host = QWidget()
        self.mapping_host.setLayout(self.mapping_row)
        # the drop-downs scroll with the table's columns: a 10-column export fits a 1280-pixel screen
        self.mapping_scroll = QScrollArea()
        self.mapping_scroll.setWidget(self.mapping_host)
        self.mapping_scroll.setWidgetResizable(False)
        self.mapping_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.mapping_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_scroll.setFixedHeight(QComboBox().sizeHint().height() + 4)
        layout.addWidget(self.mapping_scroll)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._align_combos())
        self.table.horizontalScrollBar().valueChanged.connect(self.mapping_scroll.horizontalScrollBar().setValue)
        self.table.horizontalScrollBar().rangeChanged.connect(lambda *_: self._align_combos())
        layout.addWidget(self.table, 1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        options = QHBoxLayout()
        self.skip_invalid = QCheckBox(self.tr("Tuo vain kelvolliset rivit (virheelliset kirjataan erän raporttiin)"))
        self.replace = QCheckBox(self.tr("Korvaa aiemmin tuotu sama tiedosto"))
        options.addWidget(self.skip_invalid)
        options.addWidget(self.replace)
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
        self.cancel_button = QPushButton(self.tr("Peruuta tuonti"))
        self.cancel_button.setAutoDefault(False)
        on_click(self.cancel_button, self.cancel_import)
        self.cancel_button.hide()
        self.close_button = QPushButton(self.tr("Sulje"))
        self.close_button.setAutoDefault(False)
        on_click(self.close_button, self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._show_optional_rows()
        if path is not None:
            self.open_file(path)
        else:
            self.refresh()

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
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.overrides = {}
        try:
            try:
                self.plan = self._open_in_background(kind, sheet)
            except UserError as exc:
                if kind is None and ("lajia ei tunnistettu" in exc.message or "Could not tell the kind" in exc.message):
                    self.plan = self._open_in_background(self.current_kind(), sheet)
                else:
                    raise
        except (UserError, Cancelled) as exc:
            self.plan = None
            self.import_button.setEnabled(False)
            if isinstance(exc, UserError):
                self._show_problem(exc)
            return
        self._updating = True
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(self.plan.kind)))
        self.sheet_combo.clear()
        for name in self.plan.source.layer_names:
            self.sheet_combo.addItem(name, name)
        if self.plan.source.layer:
            self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(self.plan.source.layer)))
        self._updating = False
        self._fill_profiles()
        self._show_optional_rows()
        self._show_plan()

    def _open_in_background(self, kind: str | None, sheet: str | None) -> importing.ImportPlan:
        """Opening a file reads it (a large workbook for seconds): do it off the UI thread."""
        return run_with_progress(
            self, _plan_with_progress, self.store, self.path, kind=kind, sheet=sheet, mode=self._mode(),
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
        self.overrides = {}
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
        layers = bool(self.plan and self.plan.source.layer_names)
        self.sheet_label.setVisible(layers)
        self.sheet_combo.setVisible(layers)

    def refresh(self) -> None:
        """Re-plan with the chosen kind, mode and hand-made mapping, and show the preview again."""
        if self.path is None or self.plan is None:
            self.import_button.setEnabled(False)
            return
        try:
            self.plan = importing.plan_import(
                self.store, self.path, kind=self.current_kind(), overrides=self.overrides, mode=self._mode(),
                source=self.plan.source,
            )
        except UserError as exc:
            self._show_problem(exc)
            return
        self._show_optional_rows()
        self._show_plan()

    # --------------------------------------------------------------- preview
    def _show_plan(self) -> None:
        plan = self.plan
        assert plan is not None
        preview = importing.preview_import(self.store, plan, rows=PREVIEW_ROWS)
        self.model.set_preview(preview.frame, preview.lines, preview.problems, plan.mapping.get("person_id"))
        self._build_combos(plan)
        notes = []
        if preview.missing:
            labels = {f.name: self.tr(f.label_fi) for f in mp.fields(plan.kind)}
            notes.append(self.tr("Pakollisia kenttiä puuttuu: %1. Valitse niille sarakkeet.").replace(
                "%1", ", ".join(labels.get(name, name) for name in preview.missing)))
        if preview.problems:
            rows = len({r for r, _c, _m in preview.problems})
            notes.append(self.tr("Esikatselussa on %1 virheellistä riviä (punaisella; vie hiiri solun päälle).").replace(
                "%1", str(rows)))
        if plan.extra_columns:
            notes.append(self.tr("Lisäsarakkeet väestöinä: %1").replace("%1", ", ".join(plan.extra_columns)))
        notes.extend(plan.warnings)
        earlier = importing.earlier_batch(self.store, plan.path, plan.kind, plan=plan)
        if earlier is not None:
            notes.append(self.tr("Sama tiedosto on jo tuotu erässä #%1; valitse 'Korvaa', jos haluat korvata sen.")
                         .replace("%1", str(earlier.id)))
        self.status_label.setText("\n".join(notes) if notes else self.tr("Esikatselussa ei löytynyt ongelmia."))
        self.import_button.setEnabled(not preview.missing)

    def _build_combos(self, plan: importing.ImportPlan) -> None:
        while self.mapping_row.count():
            item = self.mapping_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._combos = {}
        by_source = {source: canonical for canonical, source in plan.mapping.items()}
        for header in plan.source.headers:
            combo = QComboBox(self.mapping_host)
            combo.addItem(self.tr("(ei käytetä)"), NOT_MAPPED)
            for f in mp.fields(plan.kind):
                combo.addItem(self.tr(f.label_fi) + (" *" if f.required else ""), f.name)
            current = by_source.get(header, NOT_MAPPED)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.setToolTip(self.tr("Sarake %1 tiedostossa").replace("%1", header))
            combo.currentIndexChanged.connect(lambda _i, h=header, c=combo: self.set_mapping(h, c.currentData()))
            self._combos[header] = combo
            self.mapping_row.addWidget(combo)
        self.mapping_row.addStretch(1)
        self._align_combos()

    def _align_combos(self) -> None:
        header = self.table.horizontalHeader()
        offset = self.table.verticalHeader().width() + self.table.frameWidth()
        for i, name in enumerate(self.plan.source.headers if self.plan else []):
            combo = self._combos.get(name)
            if combo is None:
                continue
            text = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 40  # + the arrow and padding
            width = max(120, text, header.sectionSize(i))
            header.resizeSection(i, width)
            combo.setFixedWidth(width)
        self.mapping_row.setContentsMargins(offset, 0, 0, 0)
        self.mapping_host.adjustSize()
        # room for the table's vertical scroll bar at the right end, so the two scroll the same way
        self.mapping_scroll.horizontalScrollBar().setRange(0, self.table.horizontalScrollBar().maximum())
        self.mapping_scroll.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())

    def mapping_combo(self, source_column: str) -> QComboBox:
        """The drop-down of a source column (for tests and keyboard users)."""
        return self._combos[source_column]

    def set_mapping(self, source_column: str, canonical: str) -> None:
        """Map `source_column` to `canonical` ('' = not used) and refresh the preview."""
        if self.plan is None:
            return
        for name, source in list(self.overrides.items()):
            if source == source_column:
                self.overrides.pop(name)
        for name, source in self.plan.mapping.items():
            if source == source_column and name != canonical:
                self.overrides[name] = None
        if canonical:
            self.overrides[canonical] = source_column
        self.refresh()

    # --------------------------------------------------------------- profiles
    def _fill_profiles(self) -> None:
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("(ei profiilia)"), None)
        for profile in importing.list_profiles(self.store, self.current_kind()):
            self.profile_combo.addItem(profile["name"], profile["name"])
        self.delete_profile_button.setEnabled(self.profile_combo.count() > 1)

    def _profile_chosen(self) -> None:
        name = self.profile_combo.currentData()
        if not name or self.plan is None:
            return
        profile = importing.load_profile(self.store, name)
        self.overrides = {c: s for c, s in profile["mapping"].items() if s in self.plan.source.headers}
        if profile["options"].get("mode"):
            self.mode_edit.setText(profile["options"]["mode"])
        self.refresh()

    def save_profile(self, name: str | None = None) -> None:
        if self.plan is None:
            return
        if not name:
            name = ask.text(self, self.tr("Tallenna profiili"), self.tr("Profiilin nimi:"))
            if not name or not name.strip():
                return
        options = {"mode": self.plan.mode} if self.plan.kind == "travel-times" else {}
        if self.plan.source.layer:
            options["sheet"] = self.plan.source.layer
        try:
            importing.save_profile(self.store, name.strip(), self.plan.kind, self.plan.mapping, options)
        except UserError as exc:
            self._show_problem(exc)
            return
        self._fill_profiles()
        self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(name.strip())))

    def delete_profile(self) -> None:
        name = self.profile_combo.currentData()
        if not name:
            return
        importing.delete_profile(self.store, name)
        self._fill_profiles()

    # ----------------------------------------------------------------- import
    def start_import(self) -> None:
        if self.plan is None or self.task is not None:
            return
        try:
            importing.check_plan(self.plan)
        except UserError as exc:
            self._show_problem(exc)
            return
        plan = importing.plan_import(self.store, self.path, kind=self.plan.kind, overrides=self.overrides,
                                     mode=self._mode(), sheet=self.plan.source.layer)
        self.task = Task(_run_import_with_progress, self.store, plan, skip_invalid=self.skip_invalid.isChecked(),
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
        elapsed = time.monotonic() - self._started
        left = ""
        if 0.02 < fraction < 1.0 and elapsed > 1.0:
            seconds = int(elapsed * (1 - fraction) / fraction)
            left = self.tr(", aikaa jäljellä noin %1 s").replace("%1", str(seconds))
        self.progress_label.setText(f"{text}{left}")

    def _on_finished(self, result: importing.ImportResult) -> None:
        self.task = None
        self.imported = result
        self._set_running(False)
        self.progress_bar.setValue(1000)
        self.progress_label.setText(self.success_text(result))
        self.accept()

    def success_text(self, result: importing.ImportResult) -> str:
        """What the planner is told after an import: rows, persons, the batch, rejected rows, warnings."""
        message = self.tr("Tiedosto %1 tuotiin: %2 riviä erään %3.").replace("%1", self.path.name if self.path else "") \
            .replace("%2", count(result.rows)).replace("%3", str(result.batch_id))
        persons = result.report.get("persons")
        if persons is not None:
            message += " " + self.tr("Henkilöitä %1.").replace("%1", count(persons))
        if result.rejected:
            message += " " + self.tr("Hylättyjä rivejä %1 (ne näkyvät erän raportissa).").replace("%1", count(result.rejected))
        if result.warnings or result.notes:
            message += "\n" + "\n".join([*result.warnings, *result.notes])
        return message

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


def _plan_with_progress(progress, store, path, **kwargs):
    progress.report(0, 1)
    return importing.plan_import(store, path, **kwargs)


def _run_import_with_progress(progress, store, plan, **kwargs):
    return importing.run_import(store, plan, progress=progress, **kwargs)


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

