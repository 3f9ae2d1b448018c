"""The service-network map as a widget to work on: the Qt-free drawing of `desktop.charts.network_map`
on a FigureCanvasQTAgg, with the mouse as planners expect of a map: the wheel zooms around the
pointer, dragging pans, "Koko alue" returns to the whole region; hovering a grid cell tells its
residents, the time to the nearest site and that site's name (the page supplies the text); a click
adds a what-if site when "Lisää toimipiste klikkaamalla" is on. Scale bar and centre labels are
redrawn for every view so that labels never overlap."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolTip, QVBoxLayout, QWidget

from desktop.charts.network_map import MapLayers, draw_network_map, refresh_overlays
from desktop.ui.clicks import on_click

ZOOM_STEP = 1.25  # one wheel notch
CLICK_SLOP_PX = 4  # a press and release closer than this is a click, not a drag


class NetworkMapView(QWidget):
    #: a click on the map in add mode: x, y in metres (EPSG:3067)
    site_requested = Signal(float, float)
    #: the view was zoomed, panned or reset
    view_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.figure = Figure(figsize=(7, 6))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMouseTracking(True)
        self.ax = None
        self.home: tuple | None = None  # the whole region's limits
        self.hover_text: Callable[[float, float], str | None] | None = None
        self.last_hover = ""
        self._press = None  # (pixel x, pixel y, xlim, ylim) while the left button is down
        self._dragged = False
        bar = QHBoxLayout()
        self.zoom_in_button = QPushButton("+")
        self.zoom_out_button = QPushButton("−")
        self.reset_button = QPushButton(self.tr("Koko alue"))
        self.add_button = QPushButton(self.tr("Lisää toimipiste klikkaamalla"))
        self.add_button.setCheckable(True)
        for button, tip in ((self.zoom_in_button, self.tr("Lähennä (tai hiiren rulla)")),
                            (self.zoom_out_button, self.tr("Loitonna (tai hiiren rulla)")),
                            (self.reset_button, self.tr("Näytä koko alue")),
                            (self.add_button, self.tr("Kun painike on pohjassa, kartan napsautus lisää mitä jos "
                                                      "-toimipisteen siihen kohtaan"))):
            button.setToolTip(tip)
            bar.addWidget(button)
        for button in (self.zoom_in_button, self.zoom_out_button):
            button.setFixedWidth(32)
        self.help_label = QLabel(self.tr("Rulla lähentää, vetäminen siirtää, osoitin ruudun päällä kertoo sen tiedot."))
        self.help_label.setStyleSheet("color: #555555")
        bar.addWidget(self.help_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        on_click(self.zoom_in_button, lambda: self.zoom(1 / ZOOM_STEP))
        on_click(self.zoom_out_button, lambda: self.zoom(ZOOM_STEP))
        on_click(self.reset_button, lambda: self.reset_view())
        self.add_button.toggled.connect(self._add_mode_changed)
        self.canvas.mpl_connect("scroll_event", self._on_scroll)
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("button_release_event", self._on_release)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("resize_event", lambda _e: self._refresh())

    # ------------------------------------------------------------------ drawing
    def show_layers(self, layers: MapLayers, keep_view: bool = False) -> None:
        """Draw `layers`; with `keep_view` the current zoom and position stay."""
        limits = self.limits() if keep_view and self.ax is not None else None
        self.ax = draw_network_map(self.figure, layers)
        self.home = self.limits()
        if limits is not None:
            self.ax.set_xlim(*limits[0])
            self.ax.set_ylim(*limits[1])
        self._refresh()

    def clear(self) -> None:
        self.figure.clear()
        self.ax, self.home = None, None
        self.canvas.draw_idle()

    def limits(self) -> tuple:
        return tuple(self.ax.get_xlim()), tuple(self.ax.get_ylim())

    def _refresh(self) -> None:
        if self.ax is not None and self.ax in self.figure.axes:
            refresh_overlays(self.ax)
        self.canvas.draw_idle()

    # ------------------------------------------------------------------ view
    def zoom(self, factor: float, centre: tuple[float, float] | None = None) -> None:
        """Scale the view by `factor` (< 1 = closer) around `centre` (metres; default the middle)."""
        if self.ax is None:
            return
        (x0, x1), (y0, y1) = self.limits()
        cx, cy = centre if centre is not None else ((x0 + x1) / 2, (y0 + y1) / 2)
        self.ax.set_xlim(cx - (cx - x0) * factor, cx + (x1 - cx) * factor)
        self.ax.set_ylim(cy - (cy - y0) * factor, cy + (y1 - cy) * factor)
        self._refresh()
        self.view_changed.emit()

    def reset_view(self) -> None:
        if self.ax is None or self.home is None:
            return
        self.ax.set_xlim(*self.home[0])
        self.ax.set_ylim(*self.home[1])
        self._refresh()
        self.view_changed.emit()

    # ------------------------------------------------------------------ mouse
    def _on_scroll(self, event) -> None:
        if self.ax is None or event.inaxes is not self.ax:
            return
        self.zoom(ZOOM_STEP ** -float(event.step), (event.xdata, event.ydata))  # step: notches, up = closer

    def _on_press(self, event) -> None:
        if self.ax is None or event.inaxes is not self.ax or event.button != 1:
            return
        self._press = (event.x, event.y, *self.limits())
        self._dragged = False

    def _on_motion(self, event) -> None:
        if self._press is not None and self.ax is not None:
            px, py, xlim, ylim = self._press
            if not self._dragged and abs(event.x - px) + abs(event.y - py) < CLICK_SLOP_PX:
                return
            self._dragged = True
            inverse = self.ax.transData.inverted()
            (ax0, ay0), (ax1, ay1) = inverse.transform([(px, py), (event.x, event.y)])
            dx, dy = ax1 - ax0, ay1 - ay0
            # transData follows the limits being changed: measure from the limits at the press
            self.ax.set_xlim(xlim[0] - dx, xlim[1] - dx)
            self.ax.set_ylim(ylim[0] - dy, ylim[1] - dy)
            self._press = (event.x, event.y, self.ax.get_xlim(), self.ax.get_ylim())
            self.canvas.draw_idle()
            return
        self._hover(event)

    def _on_release(self, event) -> None:
        if self._press is None:
            return
        dragged, self._press = self._dragged, None
        if dragged:
            self._refresh()
            self.view_changed.emit()
        elif self.add_button.isChecked() and event.inaxes is self.ax and event.xdata is not None:
            self.site_requested.emit(float(event.xdata), float(event.ydata))

    def _hover(self, event) -> None:
        if self.ax is None or event.inaxes is not self.ax or self.hover_text is None or event.xdata is None:
            self.last_hover = ""
            QToolTip.hideText()
            return
        text = self.hover_text(float(event.xdata), float(event.ydata)) or ""
        if text == self.last_hover:
            return
        self.last_hover = text
        if text:
            ratio = self.canvas.devicePixelRatioF() or 1.0
            local = QPoint(int(event.x / ratio), int(self.canvas.height() - event.y / ratio))
            QToolTip.showText(self.canvas.mapToGlobal(local), text, self.canvas)
        else:
            QToolTip.hideText()

    def _add_mode_changed(self, on: bool) -> None:
        self.canvas.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
