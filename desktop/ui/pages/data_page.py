"""Data page (Finnish: Aineistot): what the open project holds and where it came from.

Two tables from `desktop.services.project_info.project_info`: the datasets (kind, rows, years) and
the import batches (kind, file, rows, rejected rows, time, SHA-256). A batch can be removed again,
after a confirmation that says it cannot be undone.
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.core.lang import language
from desktop.core.numbers import count
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.models.frame_model import SORT_ROLE, Column, FrameModel
from desktop.ui.pages.base import Page

# Dataset kinds as planners call them ("DataKinds" context for the translation).
KIND_LABELS = {
    "events": QT_TRANSLATE_NOOP("DataKinds", "Palvelutapahtumat"),
    "population": QT_TRANSLATE_NOOP("DataKinds", "Väestö"),
    "grid": QT_TRANSLATE_NOOP("DataKinds", "Väestöruudut"),
    "sites": QT_TRANSLATE_NOOP("DataKinds", "Toimipisteet"),
    "travel-times": QT_TRANSLATE_NOOP("DataKinds", "Matka-ajat"),
    "finance": QT_TRANSLATE_NOOP("DataKinds", "Talous"),
    "staff": QT_TRANSLATE_NOOP("DataKinds", "Henkilöstö"),
}


def kind_label(kind: str) -> str:
    """The planner's name of a dataset kind in the UI language (the kind itself when unknown)."""
    label = KIND_LABELS.get(kind)
    return QCoreApplication.translate("DataKinds", label) if label else kind


def format_count(n: int | float | None) -> str:
    """Whole numbers in the UI language (core.numbers): 12 345 in Finnish, 12,345 in English; none is ""."""
    return "" if n is None else count(int(n))


def format_time(iso: str | None) -> str:
    """ISO time of an import in local time: 'd.m.yyyy hh:mm' in Finnish, 'yyyy-mm-dd hh:mm' in English
    (a day-first date with dots is ambiguous to an English reader)."""
    if not iso:
        return ""
    try:
        stamp = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone()
    if language() == "en":
        return f"{stamp:%Y-%m-%d %H:%M}"
    return f"{stamp.day}.{stamp.month}.{stamp.year} {stamp:%H:%M}"


def format_years(years: list[int]) -> str:
    """[2023, 2024] -> '2023–2024'; gaps are listed: [2021, 2023] -> '2021, 2023'."""
    if not years:
        return "–"
    years = sorted(years)
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


RecordTableModel = FrameModel  # the data page's tables: records with columns


class DatasetTableModel(RecordTableModel):
    """Datasets of the store: kind, rows, years (records from project_info()['datasets'])."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = (
            [
                Column(self.tr("Aineisto"), lambda r: kind_label(r["kind"]), lambda r: kind_label(r["kind"])),
                Column(self.tr("Rivejä"), lambda r: format_count(r["rows"]), lambda r: int(r["rows"]), numeric=True),
                Column(self.tr("Vuodet"), self._years, lambda r: min(r["years"] or [0])),
            ]
        )


    def _years(self, record: dict) -> str:
        if not record["rows"]:
            return self.tr("ei tuotu")
        forecast = set(record.get("forecast_years") or [])
        actual = [y for y in record["years"] if y not in forecast]
        if forecast and actual:
            return self.tr("%1 (ennuste %2)").replace("%1", format_years(actual)).replace("%2", format_years(sorted(forecast)))
        if forecast:
            return self.tr("ennuste %1").replace("%1", format_years(sorted(forecast)))
        return format_years(record["years"])


class BatchTableModel(RecordTableModel):
    """Import batches: kind, file, rows, rejected, time, SHA-256 (records from project_info()['batches'])."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = (
            [
                Column(self.tr("Erä"), lambda r: str(r["id"]), lambda r: int(r["id"]), numeric=True),
                Column(self.tr("Aineisto"), lambda r: kind_label(r["kind"]), lambda r: kind_label(r["kind"])),
                Column(self.tr("Tiedosto"), lambda r: r["file_name"], lambda r: r["file_name"].lower()),
                Column(self.tr("Rivejä"), lambda r: format_count(r["rows"]), lambda r: int(r["rows"] or 0), numeric=True),
                Column(self.tr("Hylätty"), lambda r: format_count(r["rejected"]), lambda r: int(r["rejected"] or 0), numeric=True),
                Column(self.tr("Tuotu"), lambda r: format_time(r["imported_at"]), lambda r: r["imported_at"] or ""),
                Column(self.tr("SHA-256"), lambda r: (r["sha256"] or "–")[:12], lambda r: r["sha256"] or ""),
            ]
        )


def _table(model: RecordTableModel) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    return view


class DataPage(Page):
    title_fi = "Aineistot"
    key = "data"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.info: dict | None = None
        layout = QVBoxLayout(self)

        self.intro = QLabel(
            self.tr(
                "Projektiin tuodut tiedostot ja niistä syntyneet aineistot. Jokainen tuotu tiedosto on "
                "oma tuontieränsä, jonka voi myös poistaa."
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.synthetic_label = QLabel(
            self.tr(
                "Synteettinen demoaineisto: henkilöt, käynnit ja kustannukset on arvottu. "
                "Kuntien väestöluvut ja sijainnit ovat todellisia."
            )
        )
        self.synthetic_label.setWordWrap(True)
        self.synthetic_label.setStyleSheet(
            "QLabel { background: #fff4ce; color: #4a3b00; border: 1px solid #e0c060; padding: 6px; }"
        )
        self.synthetic_label.hide()
        layout.addWidget(self.synthetic_label)

        datasets_box = QGroupBox(self.tr("Aineistot"))
        box_layout = QVBoxLayout(datasets_box)
        self.dataset_model = DatasetTableModel(self)
        self.dataset_view = _table(self.dataset_model)
        box_layout.addWidget(self.dataset_view)
        layout.addWidget(datasets_box, 2)

        batches_box = QGroupBox(self.tr("Tuontierät"))
        box_layout = QVBoxLayout(batches_box)
        self.batch_model = BatchTableModel(self)
        self.batch_view = _table(self.batch_model)
        self.batch_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.batch_view.doubleClicked.connect(lambda _index: self.show_batch_report())
        box_layout.addWidget(self.batch_view)
        self.empty_label = QLabel(self.tr("Projektiin ei ole vielä tuotu tiedostoja. Aloita painamalla ”Tuo tiedosto...”."))
        self.empty_label.setWordWrap(True)
        box_layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Tuo tiedosto..."))
        self.import_button.setToolTip(self.tr("Tuo CSV- tai Excel-tiedosto projektiin uutena tuontieränä"))
        on_click(self.import_button, self.import_requested.emit)
        self.report_button = QPushButton(self.tr("Näytä tuontiraportti"))
        on_click(self.report_button, self.show_batch_report)
        self.remove_button = QPushButton(self.tr("Poista erä..."))
        self.remove_button.setToolTip(self.tr("Poistaa valitun tuontierän ja kaikki sen tuomat rivit"))
        on_click(self.remove_button, self.remove_selected_batch)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.remove_button)
        box_layout.addLayout(buttons)
        layout.addWidget(batches_box, 3)
        self._update_buttons()

    # ------------------------------------------------------------------ store
    def refresh(self) -> None:
        from desktop.services.project_info import project_info

        if self.store is None:
            self.info = None
            self.dataset_model.set_records([])
            self.batch_model.set_records([])
            self.synthetic_label.hide()
        else:
            self.info = project_info(self.store)
            self.dataset_model.set_records(self._dataset_records(self.info["datasets"]))
            self.batch_model.set_records(self.info["batches"])
            self.synthetic_label.setVisible(bool(self.info.get("synthetic")))
        self.empty_label.setVisible(self.store is not None and not self.batch_model.records)
        self._update_buttons()

    def _dataset_records(self, datasets: list[dict]) -> list[dict]:
        """project_info's datasets, marked empty or with the population forecast years apart."""
        from sqlalchemy import select

        from desktop.store.tables.imports import population

        records = []
        for dataset in datasets:
            record = dict(dataset, empty=not dataset["rows"])
            if dataset["kind"] == "population" and dataset["rows"]:
                with self.store.read() as conn:  # type: ignore[union-attr]
                    query = select(population.c.year).where(population.c.forecast == 1).distinct()
                    record["forecast_years"] = sorted(int(y) for y in conn.execute(query).scalars())
            records.append(record)
        return records

    def render_check(self) -> None:
        if self.store is None:
            return
        if self.info is None:
            raise RuntimeError("Data page has not read the store")
        if self.batch_model.rowCount() != len(self.info["batches"]):
            raise RuntimeError("Data page shows a different number of batches than the store holds")
        if self.dataset_model.rowCount() != len(self.info["datasets"]):
            raise RuntimeError("Data page shows a different number of datasets than the store holds")

    # -------------------------------------------------------------- selection
    def selected_batch(self) -> dict | None:
        rows = self.batch_view.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.batch_view.model().mapToSource(rows[0])  # type: ignore[attr-defined]
        return self.batch_model.record(source.row())

    def select_batch(self, batch_id: int) -> bool:
        """Select the row of a batch (used by tests and after an import). True when found."""
        proxy = self.batch_view.model()
        for row in range(proxy.rowCount()):
            source = proxy.mapToSource(proxy.index(row, 0))  # type: ignore[attr-defined]
            if self.batch_model.record(source.row())["id"] == batch_id:
                self.batch_view.selectRow(row)
                return True
        return False

    def _update_buttons(self, *_args) -> None:
        has_store = self.store is not None
        writable = has_store and not self.store.readonly  # type: ignore[union-attr]
        selected = self.selected_batch() is not None
        self.import_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and selected)
        self.report_button.setEnabled(selected)
        if has_store and not writable:
            self.remove_button.setToolTip(self.tr("Projekti on avattu vain luku -tilassa."))

    # ---------------------------------------------------------------- actions
    def remove_selected_batch(self) -> bool:
        """Ask, then remove the selected batch and every row it brought. True when removed."""
        batch = self.selected_batch()
        if batch is None or self.store is None:
            return False
        question = (
            self.tr("Poistetaanko tuontierä %1 (%2, rivejä %3)?")
            .replace("%1", str(batch["id"]))
            .replace("%2", batch["file_name"])
            .replace("%3", format_count(batch["rows"]))
            + "\n\n"
            + self.tr(
                "Kaikki erän tuomat rivit poistetaan projektista. Poistoa ei voi perua. "
                "Jos tarvitset aineistoa myöhemmin, sinun on tuotava tiedosto uudelleen."
            )
        )
        if not ask.yes(self, self.tr("Poista tuontierä"), question):
            return False
        try:
            self.store.remove_batch(int(batch["id"]))
        except Exception as exc:  # noqa: BLE001 - shown to the planner, logged when unexpected
            from desktop.ui.dialogs.report_dialog import show_error

            show_error(self, exc)
            return False
        self.refresh()
        self.status_message.emit(
            self.tr("Tuontierä %1 (%2) poistettiin.").replace("%1", str(batch["id"])).replace("%2", batch["file_name"])
        )
        self.store_modified.emit()
        return True

    def show_batch_report(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        from desktop.ui.dialogs.report_dialog import ReportDialog

        labels = {
            "file": self.tr("Tiedosto"),
            "kind": self.tr("Aineisto"),
            "size": self.tr("Koko (tavua)"),
            "rows": self.tr("Rivejä"),
            "rejected": self.tr("Hylättyjä rivejä"),
            "time": self.tr("Tuotu"),
            "version": self.tr("Ohjelmaversio"),
        }
        lines = [
            f"{labels['file']}: {batch['file_name']}",
            f"{labels['kind']}: {kind_label(batch['kind'])}",
            f"{labels['size']}: {format_count(batch.get('file_size'))}",
            f"SHA-256: {batch['sha256']}",
            f"{labels['rows']}: {format_count(batch['rows'])}",
            f"{labels['rejected']}: {format_count(batch['rejected'])}",
            f"{labels['time']}: {format_time(batch['imported_at'])}",
            f"{labels['version']}: {batch.get('app_version', '')}",
        ]
        report = batch.get("report") or {}
        details = json.dumps(report, ensure_ascii=False, indent=2) if report else self.tr("Erälle ei ole tallennettu huomautuksia.")
        dialog = ReportDialog(
            self.tr("Tuontiraportti: erä %1").replace("%1", str(batch["id"])),
            "\n".join(lines),
            details,
            self,
            error=False,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
