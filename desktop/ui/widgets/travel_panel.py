"""The "Matka-ajat" tab of the service network page: where travel times come from (matrix, road
network, straight-line estimate), the estimate's and the road network's settings, the road network
import and what the figures rest on. The page connects "Käytä" and imports the road network file
the planner chose (`road_file_chosen`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QPushButton, QWidget

from desktop.charts.numbers import number
from desktop.core.errors import UserError
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask


class TravelPanel(QWidget):
    #: the planner chose a road network file to import (its path)
    road_file_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.travel_source = QComboBox()
        for key, text in (("auto", self.tr("paras saatavilla")), ("matrix", self.tr("matka-aikamatriisi")),
                          ("road", self.tr("tieverkko")), ("straight-line", self.tr("linnuntie-arvio"))):
            self.travel_source.addItem(text, key)
        self.detour = QDoubleSpinBox()
        self.detour.setRange(1.0, 3.0)
        self.detour.setSingleStep(0.05)
        self.car_speed = QDoubleSpinBox()
        self.car_speed.setRange(5, 130)
        self.access_speed = QDoubleSpinBox()
        self.access_speed.setRange(0, 100)
        self.max_snap = QDoubleSpinBox()
        self.max_snap.setRange(10, 50_000)
        self.max_snap.setSingleStep(100)
        self.apply_travel = QPushButton(self.tr("Käytä"))
        self.import_road_button = QPushButton(self.tr("Tuo tieverkko (GeoPackage tai .osm.pbf)…"))
        self.travel_info = QLabel()
        self.travel_info.setWordWrap(True)
        form.addRow(self.tr("Matka-aikojen lähde"), self.travel_source)
        form.addRow(self.tr("Linnuntie-arvio: kiertokerroin"), self.detour)
        form.addRow(self.tr("Linnuntie-arvio: nopeus autolla (km/h)"), self.car_speed)
        form.addRow(self.tr("Tieverkko: liityntänopeus (km/h, 0 = ei liityntäaikaa)"), self.access_speed)
        form.addRow(self.tr("Tieverkko: suurin kohdistusetäisyys (m)"), self.max_snap)
        form.addRow(self.apply_travel)
        form.addRow(self.import_road_button)
        form.addRow(self.travel_info)
        on_click(self.import_road_button, self._choose_road_file)

    def _choose_road_file(self) -> None:
        name = ask.open_file(self, self.tr("Tuo tieverkko"), "", self.tr("Tieverkot (*.gpkg *.pbf *.osm)"))
        if name:
            self.road_file_chosen.emit(name)

    def show_settings(self, settings: dict) -> None:
        """The store's travel settings (`desktop.services.network.travel_settings`)."""
        line = settings["straight_line"]
        self.detour.setValue(line["detour_factor"])
        self.car_speed.setValue(line["speeds_kmh"].get("car", 60.0))
        self.access_speed.setValue(float(settings["access_speed_kmh"] or 0))
        self.max_snap.setValue(settings["max_snap_m"])

    def settings(self) -> tuple[float, float, float, float]:
        """Detour factor, car speed (km/h), access speed (km/h, 0: none), largest snapping distance (m)."""
        return self.detour.value(), self.car_speed.value(), self.access_speed.value(), self.max_snap.value()

    def sources_line(self, kinds: list[str], estimated: bool, closed: int, added: int) -> str:
        """The line above the goals: the travel-time sources of the figures (`kinds`: 'matrix', 'road',
        'straight-line'), whether some are estimates, and the what-if's closed and added sites."""
        names = {"matrix": self.tr("matka-aikamatriisi"), "road": self.tr("tieverkko"),
                 "straight-line": self.tr("linnuntie-arvio")}
        text = self.tr("Matka-ajat: ") + (", ".join(names.get(k, k) for k in kinds) or "-")
        if estimated:
            text += self.tr(" — osa luvuista on linnuntie-arvioita (*)")
        if closed or added:
            text += self.tr(" — MITÄ JOS: {0} suljettu, {1} lisätty").format(closed, added)
        return text

    def import_road_network(self, store, path: str) -> dict | None:
        """Read a road network file (GeoPackage or OpenStreetMap) into `store` in the background with a
        progress dialog; its report, or None when it could not be read (said in a message)."""
        from desktop.services.network import import_road_network
        from desktop.ui.worker import run_with_progress

        try:
            return run_with_progress(self, lambda progress: import_road_network(store, path, progress=progress),
                                     title=self.tr("Tieverkko"), label=self.tr("Luetaan tieverkkoa…"))
        except UserError as exc:
            ask.warn(self, self.tr("Tieverkko"), str(exc))
            return None

    def show_sources(self, road: tuple[int, int] | None, snap: dict | None, estimated: bool) -> None:
        """The travel-time sources in words: `road` is (nodes, edges) of the stored road network, `snap`
        how the cells were snapped to it, `estimated` whether some figure is a straight-line estimate."""
        parts = []
        if road is not None:
            parts.append(self.tr("Tieverkko: {0} solmua, {1} kaarta.").format(number(road[0]), number(road[1])))
        if snap:
            parts.append(self.tr("Ruutujen kohdistus tieverkkoon: suurin etäisyys {0} m, keskimäärin {1} m; {2} ruutua "
                                 "({3} hlö) yli {4} m päässä: ei reittiä.").format(
                number(snap["max_m"]), number(snap["mean_m"]), snap["far"], number(snap["far_population"]),
                number(snap["max_snap_m"])))
        if estimated:
            parts.append(self.tr("Osa luvuista on linnuntie-arvioita: etäisyys × kiertokerroin / nopeus."))
        self.travel_info.setText("\n".join(parts))
