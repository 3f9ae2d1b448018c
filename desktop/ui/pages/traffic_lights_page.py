"""Traffic lights page (Finnish: Liikennevalot): the seed's central picture and the other charts of
the traffic-light analysis, with filters that apply to every chart, a drill-down from a segment to
its services and from a service to its aggregated code combinations, exports and the workshop report.

Thin Qt layer: figures come from desktop.services.traffic_lights, pictures from desktop.charts via
desktop.reports.traffic_light (the same functions the PDF report uses). The first load (reading and
classifying the events, segment membership, population: about 1 s on a county's 2.9 M events) runs
in the background (`load_traffic_lights`); the page shows "Ladataan…" meanwhile and emits `loaded`.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis import privacy
from desktop.analysis.traffic_lights import AGE_BAND_LABELS, code_combinations
from desktop.core.errors import UserError
from desktop.reports.pages import ReportPage
from desktop.ui import report_texts
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import Page
from desktop.ui.widgets.chart_toolbar import ChartPanel
from desktop.ui.widgets.slicer import Slicer
from desktop.ui.worker import LatestLoad

_ROOT = QModelIndex()


def load_traffic_lights(progress, store) -> tuple:
    """The page's heavy first load, run off the GUI thread: `(TrafficLightData, central)` where central
    is the segment table of the latest year without filters (what the page draws first), or None
    when the store has no events. Only the latest year's events are read when the store has several
    (the page then reads every year in the background: `load_all_years`)."""
    from desktop.services.traffic_lights import TrafficLightData

    years = store.years("events")
    data = TrafficLightData(store, years=years[-1:] if len(years) > 1 else None)
    progress.check()
    central = data.table(("segment",), data.years[-1:], {}) if data.years else None
    return data, central


def load_all_years(progress, store):
    """Every year's figures, read after the first picture (year ranges, comparisons, reports)."""
    from desktop.services.traffic_lights import TrafficLightData

    return TrafficLightData(store)


class FrameModel(QAbstractTableModel):
    """A read-only table over a display DataFrame (already suppressed), headers and numbers in the UI
    language (desktop.ui.report_texts); the sort role gives the raw values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.frame = pd.DataFrame()

    def set_frame(self, frame: pd.DataFrame | None) -> None:
        self.beginResetModel()
        self.frame = (frame if frame is not None else pd.DataFrame()).reset_index(drop=True)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.frame.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return report_texts.header(str(self.frame.columns[section]))
        return str(section + 1)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = str(self.frame.columns[index.column()])
        value = self.frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return report_texts.cell(value, column)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft if isinstance(value, str) and not privacy.is_hidden_mark(value)
                       else Qt.AlignmentFlag.AlignRight) | int(Qt.AlignmentFlag.AlignVCenter)
        return None


class TargetsDialog(QDialog):
    """The targets of the store with their status; add (or replace) and delete targets."""

    def __init__(self, page: TrafficLightsPage):
        super().__init__(page)
        self.page = page
        self.setWindowTitle(self.tr("Tavoitteet"))
        layout = QVBoxLayout(self)
        self.table = QTableView()
        self.model = FrameModel(self)
        self.table.setModel(self.model)
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table)
        form = QHBoxLayout()
        self.segment_box = QComboBox()
        for name in page.data.membership.names:
            self.segment_box.addItem(name)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(page.years()[-1] if page.years() else 2025)
        self.level_box = QComboBox()
        for key, text in (("green", self.tr("vihreä")), ("yellow", self.tr("keltainen")), ("red", self.tr("punainen"))):
            self.level_box.addItem(text, key)
        self.measure_box = QComboBox()
        for key, text in (("cost_eur", self.tr("eurot")), ("clients", self.tr("asiakkaat")),
                          ("contacts", self.tr("käynnit"))):
            self.measure_box.addItem(text, key)
        self.direction_box = QComboBox()
        self.direction_box.addItem(self.tr("vähintään"), True)
        self.direction_box.addItem(self.tr("enintään"), False)
        self.share_spin = QDoubleSpinBox()
        self.share_spin.setRange(0, 100)
        self.share_spin.setSuffix(" %")
        self.share_spin.setValue(40)
        add = QPushButton(self.tr("Lisää tavoite"))
        on_click(add, self.add_target)
        remove = QPushButton(self.tr("Poista valittu"))
        on_click(remove, self.remove_selected)
        for w in (self.segment_box, self.year_spin, self.level_box, self.measure_box, self.direction_box,
                  self.share_spin, add, remove):
            form.addWidget(w)
        layout.addLayout(form)
        self.message = QLabel()
        layout.addWidget(self.message)
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        from desktop.services.traffic_lights import targets_with_status

        if self.page.data is None:  # the page is loading the store again: the list follows at the next open
            return
        rows = targets_with_status(self.page.data)
        self.ids = [t.id for t in self._targets()]
        frame = pd.DataFrame(rows, columns=["segment", "year", "level", "measure", "share", "actual", "status"])
        self.model.set_frame(frame.rename(columns={"share": "target"}))

    def _targets(self):
        from desktop.services.traffic_lights import list_targets

        return list_targets(self.page.store)

    def add_target(self) -> None:
        from desktop.analysis.traffic_lights import Target
        from desktop.services.traffic_lights import set_target

        target = Target(self.segment_box.currentText(), self.year_spin.value(), self.level_box.currentData(),
                        self.measure_box.currentData(), self.share_spin.value() / 100.0,
                        bool(self.direction_box.currentData()))
        try:
            set_target(self.page.store, target)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        self.reload()
        self.page.store_modified.emit()

    def remove_selected(self) -> None:
        from desktop.services.traffic_lights import delete_target

        # any selected cell marks its row (selectedRows() needs every column selected, which a
        # hidden or not-yet-laid-out column can prevent)
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        if not rows and self.table.currentIndex().isValid():  # the focused row counts as chosen
            rows = [self.table.currentIndex().row()]
        for row in rows:
            delete_target(self.page.store, self.ids[row])
        if rows:
            self.reload()
            self.page.store_modified.emit()


class TrafficLightsPage(Page):
    title_fi = "Liikennevalot"
    key = "traffic_lights"

    CHARTS = ("central", "shift", "structure", "pareto", "municipalities", "comparison", "staff", "books")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = None
        self.reference = None  # TrafficLightData of a read-only reference store
        self.reference_name = ""
        self.current_page: ReportPage | None = None
        #: what the planner drilled into by clicking the charts, e.g. [("segment", "Iäkkäät"),
        #: ("service", "Kotihoito")]: filters of every chart until "Takaisin"
        self.drill: list[tuple[str, str]] = []
        self._prepared = None  # (years, result) of the central table computed by the background load
        self.load_error: BaseException | None = None  # an unexpected failure of the last load
        self.loader = LatestLoad(self)
        self.loader.finished.connect(self._data_loaded)
        self.loader.failed.connect(self._load_failed)
        self.all_years_loader = LatestLoad(self)  # the other years, after the first picture
        self.all_years_loader.finished.connect(self._all_years_loaded)
        self.all_years_loader.failed.connect(lambda _error: None)  # the years are read again when asked
        layout = self.add_banner_and_content()

        bar = QHBoxLayout()
        self.year_box = QComboBox()
        self.measure_box = QComboBox()
        for key, text in (("cost_eur", self.tr("Eurot")), ("clients", self.tr("Asiakkaat")),
                          ("contacts", self.tr("Käynnit ja kontaktit"))):
            self.measure_box.addItem(text, key)
        # slicers: several values each ("179 Jyväskylä" and "182 Jämsä"), none ticked = all
        self.municipality_box = Slicer()
        self.sex_box = Slicer()
        self.producer_box = Slicer()
        self.age_box = Slicer()
        # two rows: the year and the measure, then the slicers (one row is wider than a 1280 px window)
        slicer_bar = QHBoxLayout()
        for label, box in ((self.tr("Vuosi"), self.year_box), (self.tr("Mittari"), self.measure_box),
                           (self.tr("Kunta"), self.municipality_box), (self.tr("Sukupuoli"), self.sex_box),
                           (self.tr("Tuottaja"), self.producer_box), (self.tr("Ikäryhmä"), self.age_box)):
            row = bar if box in (self.year_box, self.measure_box) else slicer_bar
            row.addWidget(QLabel(label))
            row.addWidget(box)
            if isinstance(box, Slicer):
                box.selection_changed.connect(self._filters_changed)
            else:
                box.currentIndexChanged.connect(self._filters_changed)
        # the share of FTEs in green / yellow / red services, one click away (needs personnel data)
        self.fte_button = QPushButton(self.tr("Htv tasoittain"))
        self.fte_button.setToolTip(self.tr("Henkilötyövuosien jakauma vihreisiin, keltaisiin ja punaisiin palveluihin"))
        on_click(self.fte_button, self.show_fte_levels)
        self.fte_button.setEnabled(False)
        bar.addWidget(self.fte_button)
        bar.addStretch(1)
        slicer_bar.addStretch(1)
        layout.addLayout(bar)
        layout.addLayout(slicer_bar)

        self.tabs = QTabWidget()
        self.panels: dict[str, ChartPanel] = {}
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        titles = {"central": self.tr("Segmentit"), "shift": self.tr("Muutos"), "structure": self.tr("Palvelurakenne"),
                  "pareto": self.tr("Suurimmat palvelut"), "municipalities": self.tr("Kunnat"),
                  "comparison": self.tr("Vertailu"), "staff": self.tr("Henkilöstö"), "books": self.tr("Täsmäytys")}
        for key in self.CHARTS:
            panel = ChartPanel(Figure(figsize=(9, 5), dpi=80))
            panel.mark_clicked.connect(self._mark_clicked)
            self.panels[key] = panel
            self.canvases[key] = panel.canvas
            self.tabs.addTab(panel, titles[key])
        self.tabs.currentChanged.connect(lambda _i: self.redraw())

        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.drill_label = QLabel()
        self.back_button = QPushButton(self.tr("Takaisin"))
        on_click(self.back_button, self.drill_up)
        self.back_button.setEnabled(False)
        self.table = QTableView()
        self.model = FrameModel(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        self.table.doubleClicked.connect(self._row_double_clicked)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.sentence)
        drill_bar = QHBoxLayout()
        drill_bar.addWidget(self.drill_label, 1)
        drill_bar.addWidget(self.back_button)
        lower_layout.addLayout(drill_bar)
        lower_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Vie kuva…"), self.export_chart), (self.tr("Vie taulukko…"), self.export_table),
                           (self.tr("Tavoitteet…"), self.edit_targets), (self.tr("Vertailuprojekti…"), self.open_reference),
                           (self.tr("Työpajaraportti…"), self.write_workshop)):
            button = on_click(QPushButton(text), slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        buttons.addWidget(self.message)
        layout.addLayout(buttons)
        self._updating = False

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Start reading the store in the background (a load still running is dropped); the page
        shows "Ladataan…" until `loaded`."""
        self.loader.cancel()
        self.all_years_loader.cancel()
        self.data = None
        self._prepared = None
        self.load_error = None
        self.drill = []
        if self.store is None:
            self._show_loaded_message(self.tr("Avaa projekti."))
            return
        text = self.tr("Ladataan liikennevaloja…")
        self._show_message(text)
        self.banner.show_loading(text)
        self.content.setEnabled(False)
        self.loader.start(load_traffic_lights, self.store)

    def is_loading(self) -> bool:
        return self.loader.running

    def _data_loaded(self, result: tuple) -> None:
        data, central = result
        if not data.years:
            self._show_loaded_message(self.tr("Projektissa ei ole palvelutapahtumia."))
            return
        self.data = data
        self._prepared = (data.years[-1:], central)
        self.banner.clear()
        self.content.setEnabled(True)
        self._fill_filters()
        self._fill_resource_measures()
        self.redraw()
        self.loaded.emit()
        if data.loaded_years is not None and self.store is not None:
            self.all_years_loader.start(load_all_years, self.store)

    def _all_years_loaded(self, every_year) -> None:
        """Every year is read: later pictures of any year need no reading on the GUI thread."""
        if self.data is not None and every_year.years == self.data.years:
            self.data.every_year = every_year

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):  # e.g. a store without the data the page needs
            self._show_loaded_message(str(error))
            return
        self.load_error = error
        self._show_loaded_message(self.tr("Liikennevalojen lataus epäonnistui: {0}").format(error), failed=True)

    def _show_loaded_message(self, text: str, failed: bool = False) -> None:
        """The load is over without data to show: say why, on the chart and under it (a failure also
        in red at the top)."""
        if failed:
            self.banner.show_error(text)
        else:
            self.banner.clear()
        self.content.setEnabled(True)
        self._show_message(text)
        self.loaded.emit()

    def _fill_filters(self) -> None:
        from desktop.reports.traffic_light import municipality_names

        events = self.data.events
        try:
            names = municipality_names(self.store) if self.store is not None else {}
        except Exception:  # noqa: BLE001 - without names the codes still work
            names = {}
        self._updating = True
        try:
            self.year_box.clear()
            for year in reversed(self.data.years):
                self.year_box.addItem(str(year), year)
            first = self.data.years[0]
            for last in self.data.years[1:]:  # ranges: clients counted once over the years
                self.year_box.addItem(f"{first}–{last}", (first, last))
            municipalities = {code: f"{code} {name}" for code, name in names.items()}  # "179 Jyväskylä"
            for box, column, labels in ((self.municipality_box, "municipality", municipalities),
                                        (self.sex_box, "sex", {"1": self.tr("miehet"), "2": self.tr("naiset")}),
                                        (self.producer_box, "producer", {"own": self.tr("oma"),
                                                                         "purchased": self.tr("ostopalvelu"),
                                                                         "voucher": self.tr("palveluseteli")})):
                values = []
                if column in events.columns:
                    found = events[column].cat.categories if hasattr(events[column], "cat") else events[column].unique()
                    values = sorted(str(v) for v in found)
                box.set_items((value, (labels or {}).get(value, value)) for value in values)
            self.age_box.set_items((label, label) for label in AGE_BAND_LABELS)
        finally:
            self._updating = False

    def _fill_resource_measures(self) -> None:
        """FTEs and ledger euros in the measure box when the store has personnel or finance rows."""
        names = {"fte": self.tr("Henkilötyövuodet (htv)"), "ledger_eur": self.tr("Kirjanpidon eurot")}
        have = [m for m in ("fte", "ledger_eur") if m in self.data.resource_measures]
        self._updating = True
        try:
            for i in reversed(range(self.measure_box.count())):
                if self.measure_box.itemData(i) in names:
                    self.measure_box.removeItem(i)
            for m in have:
                self.measure_box.addItem(names[m], m)
        finally:
            self._updating = False
        self.fte_button.setEnabled("fte" in have)

    def show_fte_levels(self) -> None:
        """The distribution of FTEs over green / yellow / red services by segment."""
        index = self.measure_box.findData("fte")
        if index < 0 or self.data is None:
            return
        self._updating = True
        try:
            self.measure_box.setCurrentIndex(index)
        finally:
            self._updating = False
        if self.tabs.currentIndex() == self.CHARTS.index("central"):
            self.redraw()
        else:
            self.tabs.setCurrentIndex(self.CHARTS.index("central"))  # redraws

    def years(self) -> list[int]:
        """The selected year, or every year of the selected range."""
        year = self.year_box.currentData()
        if isinstance(year, tuple):
            return [y for y in self.data.years if year[0] <= y <= year[1]]
        return [int(year)] if year is not None else (self.data.years[-1:] if self.data else [])

    def filters(self) -> dict[str, tuple[str, ...]]:
        """The ticked values of each slicer, e.g. {'municipality': ('179', '182')} (a slicer with nothing
        ticked is left out: every value)."""
        out = {}
        for dim, box in (("municipality", self.municipality_box), ("sex", self.sex_box),
                         ("producer", self.producer_box), ("age_band", self.age_box)):
            if box.values():
                out[dim] = box.values()
        for dim, value in self.drill:  # a clicked bar narrows the slicers' choice
            out[dim] = (value,)
        return out

    def measure(self) -> str:
        return self.measure_box.currentData() or "cost_eur"

    def _filters_changed(self) -> None:
        if not self._updating:
            self.redraw()

    # ------------------------------------------------------------------ drawing
    def redraw(self) -> None:
        """Draw the chart of the current tab and fill its table (the filters apply to every chart)."""
        if self.data is None:
            return
        from desktop.reports import traffic_light as pages

        key = self.CHARTS[self.tabs.currentIndex()]
        years, filters, measure = self.years(), self.filters(), self.measure()
        try:
            if key == "central":
                prepared, self._prepared = self._prepared, None
                dim = self.central_dimension()
                if prepared is not None and prepared[0] == years and not filters and dim == "segment":
                    result = prepared[1]  # computed by the background load
                else:
                    result = self.data.table((dim,), years, filters)
                page = pages.central_page(self.data, years, filters, measure, dim, result=result)
            elif key == "shift":
                earlier = [y for y in self.data.years if y < years[-1]]
                if not earlier:
                    raise UserError(self.tr("Muutoksen näyttämiseen tarvitaan kaksi vuotta."))
                from desktop.services.traffic_lights import targets_with_status

                start = years[0] if len(years) > 1 else earlier[-1]
                page = pages.shift_page(self.data, start, years[-1], filters, measure,
                                        targets_with_status(self.data, filters))
            elif key == "structure":
                page = pages.structure_page(self.data, years, filters)
            elif key == "pareto":
                page = pages.pareto_page(self.data, years, filters, measure if measure != "clients" else "cost_eur")
            elif key == "municipalities":
                page = pages.municipality_page(self.data, years, filters)
            elif key in ("staff", "books"):
                page = self._resource_page(key, years, filters)
            else:
                page = self._comparison_page(years, filters)
        except UserError as exc:
            self._show_message(str(exc), key)
            self.back_button.setEnabled(bool(self.drill))  # a drilled selection may be what has no figures
            self.drill_label.setText(self._drill_text() if self.drill else "")
            return
        self.current_page = page
        panel = self.panels[key]
        page.draw(panel.figure)
        panel.drawn()
        self.sentence.setText(page.text)
        self.message.setText("")
        self._show_table()

    def _resource_page(self, key: str, years, filters) -> ReportPage:
        from desktop.reports import resources as resource_reports

        if key == "staff":
            page = resource_reports.staff_level_page(self.data, years, filters)
            if page is None and filters:
                raise UserError(self.tr("Valittujen rajausten tapahtumille ei ole kohdennettu henkilöstöä."))
            if page is None:
                raise UserError(self.tr("Projektissa ei ole henkilöstötietoja palveluille kohdennettuna. Tuo henkilöstö "
                                        "(Tiedosto > Tuo, laji Henkilöstö) ja kohdenna se palveluihin "
                                        "Palveluluokitus-sivulla."))
            return page
        page = resource_reports.reconciliation_page(self.data, years, filters)
        if page is None and filters:
            raise UserError(self.tr("Valittujen rajausten tapahtumille ei ole kohdennettu kirjanpidon euroja."))
        if page is None:
            raise UserError(self.tr("Valitulta vuodelta ei ole kirjanpidon rivejä. Tuo talouden tiedot "
                                    "(Tiedosto > Tuo, laji Talous)."))
        return page

    def _comparison_page(self, years, filters) -> ReportPage:
        from desktop.charts.traffic_lights import draw_comparison, filters_subtitle
        from desktop.services.traffic_lights import comparison_table

        if self.reference is None:
            raise UserError(self.tr("Avaa vertailuprojekti (toinen hyvinvointialue tai saman alueen toinen projekti)."))
        table = comparison_table(self.data, self.reference, years, filters)
        own = str(self.store.setting("region_name") or self.store.name)
        subtitle = filters_subtitle(years, filters) + self.tr(" · vertailu: {0}").format(table.attrs["reference_years"][-1])

        def draw(fig):
            draw_comparison(fig, table, own, self.reference_name, subtitle)

        return ReportPage(self.tr("Vertailu"), draw, table, "")

    def open_reference(self, path: str | None = None) -> None:
        """Open another store read-only as the reference of the Vertailu chart."""
        from desktop.services.traffic_lights import TrafficLightData
        from desktop.store import open_store

        if path is None:
            path = ask.open_file(self, self.tr("Vertailuprojekti"), "", self.tr("Projektit (*.sote);;Kaikki (*)"))
        if not path:
            return
        try:
            reference = open_store(path, readonly=True)
            try:
                self.reference = TrafficLightData(reference)
                self.reference_name = str(reference.setting("region_name") or reference.name)
                self.reference.events  # noqa: B018 - loaded while the store is open
            finally:
                reference.close()
        except UserError as exc:
            ask.warn(self, self.tr("Vertailuprojekti"), str(exc))
            return
        self.tabs.setCurrentIndex(self.CHARTS.index("comparison"))
        self.redraw()

    def _show_message(self, text: str, key: str = "central") -> None:
        canvas = self.canvases[key]
        canvas.figure.clear()
        canvas.figure.text(0.05, 0.5, text, fontsize=11)
        canvas.draw_idle()
        self.sentence.setText("")
        self.model.set_frame(None)
        self.message.setText(text)

    # ------------------------------------------------------------------ drill-down
    DRILLS = ("segment", "service", "structure", "municipality")

    @property
    def drill_segment(self) -> str | None:
        return dict(self.drill).get("segment")

    @property
    def drill_service(self) -> str | None:
        return dict(self.drill).get("service")

    def central_dimension(self) -> str:
        """The first chart's rows: segments, or a drilled segment's services."""
        return "service" if self.drill_segment is not None and self.drill_service is None else "segment"

    def _mark_clicked(self, _text: str, key) -> None:
        """A click on a bar, a point or a cell of a chart: the page is filtered to it (every chart),
        e.g. a segment's bar shows its services, a service's bar the segments that use it."""
        if isinstance(key, tuple) and len(key) == 2 and key[0] in self.DRILLS:
            self.drill_into(str(key[0]), str(key[1]))

    def drill_into(self, dim: str, value: str) -> None:
        """Filter every chart of the page to `dim` = `value` (a step "Takaisin" undoes)."""
        if (dim, value) in self.drill:
            return
        self.drill = [(d, v) for d, v in self.drill if d != dim] + [(dim, value)]
        self.redraw()

    def drill_to_segment(self, segment: str) -> None:
        """Show the services behind a segment's bar (by level, small groups suppressed)."""
        self.drill = [("segment", segment)]
        self.redraw()

    def drill_to_service(self, service: str) -> None:
        """Show the aggregated code combinations behind a service of the drilled segment."""
        self.drill_into("service", service)

    def drill_up(self) -> None:
        """One step back from the last click."""
        if self.drill:
            self.drill.pop()
        self.redraw()

    def _row_double_clicked(self, index: QModelIndex) -> None:
        frame = self.model.frame
        if self.drill_segment is not None and self.drill_service is None and "service" in frame.columns:
            self.drill_to_service(str(frame.iloc[index.row()]["service"]))
        elif self.drill_segment is None and "segment" in frame.columns:
            self.drill_to_segment(str(frame.iloc[index.row()]["segment"]))

    def _drill_text(self) -> str:
        names = {"segment": self.tr("segmentti"), "service": self.tr("palvelu"), "structure": self.tr("rakenne"),
                 "municipality": self.tr("kunta")}
        values = {"municipality": {v: self.municipality_box.label_of(v) for v, _l in self.municipality_box.items()}}
        steps = [f"{names.get(d, d)} {values.get(d, {}).get(v, v)}" for d, v in self.drill]
        return self.tr("Rajattu kuvasta: ") + " › ".join(steps)

    def _show_table(self) -> None:
        if self.data is None:
            return
        self.back_button.setEnabled(bool(self.drill))
        self.drill_label.setText(self._drill_text() if self.drill else "")
        if self.drill_segment is not None and self.drill_service is not None:
            filters = dict(self.filters())
            held = self.data.for_years(self.years())
            combos = code_combinations(held.events, self.years(), filters, held.membership)
            self.model.set_frame(privacy.suppress_table(combos, n=self.data.min_group))
            self.drill_label.setText(self._drill_text() + " · " + self.tr("koodiyhdistelmät"))
            return
        self.model.set_frame(self.current_page.table if self.current_page is not None else None)

    # ------------------------------------------------------------------ exports
    def export_chart(self, path: str | None = None) -> None:
        from desktop.reports.figures import save_figure

        if path is None:
            path = ask.save_file(self, self.tr("Vie kuva"), "liikennevalot.png", self.tr("Kuvat (*.png *.svg *.pdf)"))
        if path:
            try:
                save_figure(self.canvases[self.CHARTS[self.tabs.currentIndex()]].figure, path)
                self.message.setText(self.tr("Kuva tallennettu: ") + path)
            except UserError as exc:
                ask.warn(self, self.tr("Vie kuva"), str(exc))

    def export_table(self, path: str | None = None) -> None:
        from desktop.reports.tables import write_xlsx

        if path is None:
            path = ask.save_file(self, self.tr("Vie taulukko"), "liikennevalot.xlsx", self.tr("Excel (*.xlsx)"))
        if path:
            try:
                write_xlsx({"Taulukko": self.model.frame}, path)
                self.message.setText(self.tr("Taulukko tallennettu: ") + path)
            except UserError as exc:
                ask.warn(self, self.tr("Vie taulukko"), str(exc))

    def write_workshop(self, path: str | None = None) -> None:
        from desktop.core.errors import Cancelled
        from desktop.reports.workshop import write_workshop_report
        from desktop.ui.worker import run_with_progress

        if self.store is None or self.data is None:
            return
        if path is None:
            path = ask.save_file(self, self.tr("Työpajaraportti"), "tyopajaraportti.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            return
        # the page's events when every year is read (else the report reads them itself)
        complete = self.data if self.data.loaded_years is None else self.data.every_year
        store, events, year = self.store, (complete.events if complete is not None else None), self.years()[-1]
        try:
            result = run_with_progress(self, lambda progress: write_workshop_report(store, path, year, progress, events),
                                       title=self.tr("Työpajaraportti"), label=self.tr("Kirjoitetaan raporttia…"))
        except Cancelled:
            return
        except UserError as exc:
            ask.warn(self, self.tr("Työpajaraportti"), str(exc))
            return
        self.message.setText(self.tr("Raportti tallennettu: ") + f"{result['path']} ({result['pages']})")

    def edit_targets(self) -> TargetsDialog | None:
        """Open the targets dialog (modeless); the charts redraw when it closes."""
        if self.store is None or self.data is None:
            return None
        if self.store.readonly:
            ask.inform(self, self.tr("Tavoitteet"), self.tr("Projekti on avattu vain luku -tilassa."))
            return None
        dialog = TargetsDialog(self)
        dialog.finished.connect(lambda _r: self.redraw())
        dialog.show()
        return dialog

    def render_check(self) -> None:
        if not self.wait_until_loaded():
            raise RuntimeError("traffic lights page did not finish loading")
        if self.load_error is not None:
            raise RuntimeError(f"traffic lights page could not load: {self.load_error}") from self.load_error
        if self.store is not None and self.data is None and self.message.text() == "":
            raise RuntimeError("traffic lights page has no data")
