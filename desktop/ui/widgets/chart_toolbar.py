"""A chart's own small toolbar in the planner's language, and its hover tooltips.

`ChartToolbar(canvas)`: "Lähennä" (drag a rectangle to zoom in), "Siirrä" (drag to move), "Palauta"
(back to the whole chart). It replaces matplotlib's NavigationToolbar2QT, whose English buttons,
figure-options dialog and "x=4.320e+05" readouts are not for planners. The zoom and pan logic is
matplotlib's own (`NavigationToolbar2`, Qt-free), without its widgets.

`ChartHover(canvas)`: while the pointer rests on a bar, a point or a heat-map cell, a tooltip gives
its exact figure in the UI language (desktop.charts.hover). `ChartHover.mark_clicked` reports a click on
a mark with the mark's text and drill key (desktop.charts.hover.set_tip), for drilling down.

`ChartPanel()`: a canvas with its toolbar above and its hover: what every chart tab of the app shows.
"""

from __future__ import annotations

from matplotlib.backend_bases import NavigationToolbar2
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QToolTip, QVBoxLayout, QWidget

from desktop.charts.hover import mark_at, tip_at
from desktop.ui.clicks import on_click


class _Navigation(NavigationToolbar2):
    """matplotlib's zoom / pan / home without any widget of its own."""

    def __init__(self, canvas: FigureCanvasQTAgg, changed) -> None:
        self._changed = changed
        super().__init__(canvas)

    def set_message(self, s: str) -> None:  # no coordinate readouts for planners
        pass

    def draw_rubberband(self, event, x0, y0, x1, y1) -> None:
        height = self.canvas.figure.bbox.height
        rect = [int(v) for v in (x0, height - y0, x1 - x0, y0 - y1)]
        self.canvas.drawRectangle(rect)

    def remove_rubberband(self) -> None:
        self.canvas.drawRectangle(None)

    def set_history_buttons(self) -> None:
        self._changed()


class ChartToolbar(QWidget):
    """Zoom, pan and reset buttons for `canvas` (see the module docstring). `mode` is "", "zoom" or "pan"."""

    def __init__(self, canvas: FigureCanvasQTAgg, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.navigation: _Navigation | None = None
        self.navigation = _Navigation(canvas, self._sync)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.zoom_button = self._button(self.tr("Lähennä"), self.tr("Vedä hiirellä alue, jota haluat katsoa lähempää"), True)
        self.pan_button = self._button(self.tr("Siirrä"), self.tr("Vedä kuvaa hiirellä"), True)
        self.reset_button = self._button(self.tr("Palauta"), self.tr("Näytä koko kuva taas"), False)
        on_click(self.zoom_button, self.zoom)
        on_click(self.pan_button, self.pan)
        on_click(self.reset_button, self.reset)
        for button in (self.zoom_button, self.pan_button, self.reset_button):
            layout.addWidget(button)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint, 1)

    def _button(self, text: str, tip: str, checkable: bool) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    @property
    def mode(self) -> str:
        return {"ZOOM": "zoom", "PAN": "pan"}.get(self.navigation.mode.name, "")

    def zoom(self) -> None:
        """Zoom mode on (or off again): drag a rectangle on the chart."""
        self.navigation.zoom()
        self._sync()

    def pan(self) -> None:
        """Pan mode on (or off again): drag the chart."""
        self.navigation.pan()
        self._sync()

    def reset(self) -> None:
        """The whole chart again, and no zoom or pan mode."""
        if self.mode == "zoom":
            self.navigation.zoom()
        elif self.mode == "pan":
            self.navigation.pan()
        self.navigation.home()
        self._sync()

    def forget_views(self) -> None:
        """The chart was drawn anew: its earlier zoom steps no longer apply."""
        self.navigation.update()

    def _sync(self) -> None:
        if getattr(self, "navigation", None) is None:  # matplotlib calls back while the toolbar is built
            return
        mode = self.mode
        self.zoom_button.setChecked(mode == "zoom")
        self.pan_button.setChecked(mode == "pan")
        self.hint.setText({"zoom": self.tr("Vedä alue, jota lähennetään."),
                           "pan": self.tr("Vedä kuvaa siirtääksesi.")}.get(mode, ""))


class ChartHover(QObject):
    """Tooltips with exact figures on `canvas` (see the module docstring)."""

    #: the planner clicked a mark of the chart: its text and its drill key (None: nothing to drill into)
    mark_clicked = Signal(str, object)

    def __init__(self, canvas: FigureCanvasQTAgg, toolbar: ChartToolbar | None = None) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.toolbar = toolbar
        self._last = ""
        canvas.mpl_connect("motion_notify_event", self._moved)
        canvas.mpl_connect("button_press_event", self._pressed)
        canvas.setMouseTracking(True)

    def text_at(self, x: float, y: float) -> str:
        """The tooltip at display position (x, y) of the figure (matplotlib's pixels, origin bottom left)."""
        return tip_at(self.canvas.figure, x, y)

    def _moved(self, event) -> None:
        if self.toolbar is not None and self.toolbar.mode:
            return
        text = self.text_at(event.x, event.y)
        if text == self._last:
            return
        self._last = text
        if not text:
            QToolTip.hideText()
            return
        ratio = self.canvas.device_pixel_ratio or 1
        point = QPoint(int(event.x / ratio), int(self.canvas.figure.bbox.height / ratio - event.y / ratio))
        QToolTip.showText(self.canvas.mapToGlobal(point), text, self.canvas)

    def _pressed(self, event) -> None:
        if (self.toolbar is not None and self.toolbar.mode) or getattr(event, "button", 1) != 1:
            return
        text, key = mark_at(self.canvas.figure, event.x, event.y)
        if text:
            self.mark_clicked.emit(text, key)


class ChartPanel(QWidget):
    """A chart canvas with the Finnish zoom / pan / reset toolbar above it and exact-figure tooltips;
    `mark_clicked(text, key)` when a mark is clicked. Call `drawn()` after drawing anew on `figure`."""

    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = FigureCanvasQTAgg(figure)
        self.toolbar = ChartToolbar(self.canvas, self)
        self.hover = ChartHover(self.canvas, self.toolbar)
        self.mark_clicked = self.hover.mark_clicked
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas, 1)

    @property
    def figure(self) -> Figure:
        return self.canvas.figure

    def drawn(self) -> None:
        """The figure was drawn anew: earlier zoom steps are forgotten and the canvas repaints."""
        self.toolbar.forget_views()
        self.canvas.draw_idle()
