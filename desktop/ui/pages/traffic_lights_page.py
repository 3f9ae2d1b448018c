"""Traffic lights page (Finnish: Liikennevalot): the seed's central picture and the other charts of
the traffic-light analysis, with filters that apply to every chart, a drill-down from a segment to
its services and from a service to its aggregated code combinations, exports and the workshop report.

The view: widgets only. What the page holds and computes (the loads, the year and slicer choices, the
filters, the drill-down, which report page each tab shows and the table under it) is the Qt-free
TrafficLightsPresenter (desktop.presenters.traffic_lights); the page base (LoadingPage) runs the load,
the banner, load errors and the self-test check. The first load (reading and classifying the events,
segment membership, population: about 1 s on a county's 2.9 M events) runs in the background
(`load_traffic_lights`); the page shows "Ladataan…" meanwhile and emits `loaded`. Every year is read
after the first picture, also in the background (`load_all_years`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from desktop.core.errors import UserError
from desktop.presenters.traffic_lights import (
    CHARTS,
    SLICERS,
    TrafficLightsPresenter,
    load_all_years,
    load_traffic_lights,
)
from desktop.ui.dialogs import ask
from desktop.ui.dialogs.targets_dialog import TargetsDialog
from desktop.ui.pages.base import LoadingPage
from desktop.ui.pages.traffic_lights_layout import TrafficLightsLayout
from desktop.ui.widgets.slicer import Slicer
from desktop.ui.worker import LatestLoad


class TrafficLightsPage(TrafficLightsLayout, LoadingPage):
    title_fi = "Liikennevalot"
    key = "traffic_lights"

    CHARTS = CHARTS
    #: e.g. a project without events: said on the chart, not in red at the top
    user_error_in_banner = False

    def __init__(self, parent=None):
        super().__init__(parent)
        self.presenter = TrafficLightsPresenter()
        self.all_years_loader = LatestLoad(self)  # the other years, after the first picture
        self.all_years_loader.finished.connect(self.presenter.take_all_years)
        self.all_years_loader.failed.connect(lambda _error: None)  # the years are read again when asked
        self._updating = False
        layout = self.add_banner_and_content()
        self._build_filters(layout)
        self._build_charts(layout)
        self._build_buttons(layout)

    # ------------------------------------------------------------------ the presenter's state, read by
    # the targets dialog and by tests
    data = property(lambda self: self.presenter.data)
    drill = property(lambda self: self.presenter.drill)
    current_page = property(lambda self: self.presenter.current_page)

    # ------------------------------------------------------------------ loading (LoadingPage)
    def refresh(self) -> None:
        """Start reading the store in the background (a load still running is dropped); the page
        shows "Ladataan…" until `loaded`."""
        self.all_years_loader.cancel()
        self.presenter.clear()
        super().refresh()

    def load(self):
        self.presenter.store = self.store
        if self.store is None:
            return None
        store = self.store
        self._show_message(self.loading_text())
        # looked up when the load runs: tests hold it (tests/ui/test_background_page_loads.py)
        return lambda progress: load_traffic_lights(progress, store)

    def loading_text(self) -> str:
        return self.tr("Ladataan liikennevaloja…")

    def load_failed_text(self, error: BaseException) -> str:
        return self.tr("Liikennevalojen lataus epäonnistui: {0}").format(error)

    def show_empty(self) -> None:
        self._show_message(self.tr("Avaa projekti."))

    def show_load_failed(self, error: BaseException) -> None:
        self._show_message(str(error) if isinstance(error, UserError) else self.load_failed_text(error))

    def show_loaded(self, result: tuple) -> None:
        if not self.presenter.take_loaded(result):
            self._show_message(self.tr("Projektissa ei ole palvelutapahtumia."))
            return
        self._fill_filters()
        self._fill_resource_measures()
        self.redraw()
        if self.presenter.needs_all_years():
            self.all_years_loader.start(load_all_years, self.store)

    def check_loaded(self) -> None:
        if self.store is not None and self.data is None and self.message.text() == "":
            raise RuntimeError("traffic lights page has no data")

    # ------------------------------------------------------------------ filters
    def _slicers(self) -> tuple[Slicer, ...]:
        """The slicers in the order of SLICERS."""
        return self.municipality_box, self.sex_box, self.producer_box, self.age_box

    def _fill_filters(self) -> None:
        labels = {"municipality": self.presenter.municipality_names(),  # "179 Jyväskylä"
                  "sex": {"1": self.tr("miehet"), "2": self.tr("naiset")},
                  "producer": {"own": self.tr("oma"), "purchased": self.tr("ostopalvelu"),
                               "voucher": self.tr("palveluseteli")},
                  "age_band": {}}
        self._updating = True
        try:
            self.year_box.clear()
            for text, value in self.presenter.year_choices():
                self.year_box.addItem(text, value)
            for dim, box in zip(SLICERS, self._slicers(), strict=True):
                box.set_items((value, labels[dim].get(value, value)) for value in self.presenter.slicer_values(dim))
        finally:
            self._updating = False

    def _fill_resource_measures(self) -> None:
        """FTEs and ledger euros in the measure box when the store has personnel or finance rows."""
        names = {"fte": self.tr("Henkilötyövuodet (htv)"), "ledger_eur": self.tr("Kirjanpidon eurot")}
        have = self.presenter.resource_measures()
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
        return self.presenter.years(self.year_box.currentData())

    def filters(self) -> dict[str, tuple[str, ...]]:
        """The ticked values of each slicer, e.g. {'municipality': ('179', '182')} (a slicer with nothing
        ticked is left out: every value), narrowed by the drill-down."""
        return self.presenter.filters({dim: box.values() for dim, box in zip(SLICERS, self._slicers(), strict=True)})

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
        key = self.CHARTS[self.tabs.currentIndex()]
        try:
            page = self.presenter.chart(key, self.years(), self.filters(), self.measure())
        except UserError as exc:
            self._show_message(str(exc), key)
            self.back_button.setEnabled(bool(self.drill))  # a drilled selection may be what has no figures
            self.drill_label.setText(self._drill_text() if self.drill else "")
            return
        panel = self.panels[key]
        page.draw(panel.figure)
        panel.drawn()
        self.sentence.setText(page.text)
        self.message.setText("")
        self._show_table()

    def _show_message(self, text: str, key: str = "central") -> None:
        canvas = self.canvases[key]
        canvas.figure.clear()
        canvas.figure.text(0.05, 0.5, text, fontsize=11)
        canvas.draw_idle()
        self.sentence.setText("")
        self.model.set_frame(None)
        self.message.setText(text)

    def open_reference(self, path: str | None = None) -> None:
        """Open another store read-only as the reference of the Vertailu chart."""
        if path is None:
            path = ask.open_file(self, self.tr("Vertailuprojekti"), "", self.tr("Projektit (*.sote);;Kaikki (*)"))
        if not path:
            return
        try:
            self.presenter.open_reference(path)
        except UserError as exc:
            ask.warn(self, self.tr("Vertailuprojekti"), str(exc))
            return
        self.tabs.setCurrentIndex(self.CHARTS.index("comparison"))
        self.redraw()

    # ------------------------------------------------------------------ drill-down
    def _mark_clicked(self, _text: str, key) -> None:
        """A click on a bar, a point or a cell of a chart: the page is filtered to it (every chart),
        e.g. a segment's bar shows its services, a service's bar the segments that use it."""
        target = self.presenter.drill_target(key)
        if target is not None:
            self.drill_into(*target)

    def drill_into(self, dim: str, value: str) -> None:
        """Filter every chart of the page to `dim` = `value` (a step "Takaisin" undoes)."""
        if self.presenter.drill_into(dim, value):
            self.redraw()

    def drill_to_segment(self, segment: str) -> None:
        """Show the services behind a segment's bar (by level, small groups suppressed)."""
        self.presenter.drill_to_segment(segment)
        self.redraw()

    def drill_to_service(self, service: str) -> None:
        """Show the aggregated code combinations behind a service of the drilled segment."""
        self.drill_into("service", service)

    def drill_up(self) -> None:
        """One step back from the last click."""
        self.presenter.drill_up()
        self.redraw()

    def _row_double_clicked(self, index: QModelIndex) -> None:
        target = self.presenter.row_drill(self.model.frame, index.row())
        if target is None:
            return
        dim, value = target
        if dim == "service":
            self.drill_to_service(value)
        else:
            self.drill_to_segment(value)

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
        self.model.set_frame(self.presenter.table(self.years(), self.filters()))
        if self.presenter.shows_code_combinations():
            self.drill_label.setText(self._drill_text() + " · " + self.tr("koodiyhdistelmät"))

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
        store, events, year = self.store, self.presenter.workshop_events(), self.years()[-1]
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
