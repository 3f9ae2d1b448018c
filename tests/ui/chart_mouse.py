"""The mouse on a chart as a planner moves it: `point_of(canvas, ax, x, y)` is the widget position of a
data point, `hover(qtbot, canvas, point)` moves the pointer there (Qt mouse-move events, so matplotlib's
motion events and the app's tooltip follow) and returns the tooltip's text, `click` presses there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolTip


def point_of(canvas, ax, x: float, y: float) -> QPoint:
    """The canvas widget's position of data coordinates (`x`, `y`) of `ax`."""
    canvas.draw()
    px, py = ax.transData.transform((x, y))
    ratio = canvas.device_pixel_ratio or 1
    return QPoint(round(px / ratio), round((canvas.figure.bbox.height - py) / ratio))


def point_of_patch(canvas, patch) -> QPoint:
    """The canvas widget's position of the middle of a bar (or any patch)."""
    canvas.draw()
    box = patch.get_window_extent()
    ratio = canvas.device_pixel_ratio or 1
    return QPoint(round((box.x0 + box.x1) / 2 / ratio), round((canvas.figure.bbox.height - (box.y0 + box.y1) / 2) / ratio))


def hover(qtbot, canvas, point: QPoint) -> str:
    """Move the mouse over `point` of `canvas` (from a corner, so the move is seen) and return the tooltip."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=3000)  # no earlier tooltip is read as this one
    qtbot.mouseMove(canvas, QPoint(1, 1))
    qtbot.mouseMove(canvas, point)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    return QToolTip.text()


def click(qtbot, canvas, point: QPoint) -> None:
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
