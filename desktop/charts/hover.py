"""What a chart says when the pointer rests on one of its marks: exact figures in the UI language.

A drawing function labels a mark with `set_tip(artist, text, key)`; `tip_at(figure, x, y)` finds the
text of the mark under a pixel position (matplotlib display coordinates) and `mark_at` also its key:
what a click on the mark drills into, e.g. ("segment", "Iäkkäät"). Points of one scatter call get a
text each (`set_point_tips`), cells of a heat map too (`set_cell_tips`). Marks without a label of their
own say their value: a bar its length. No Qt here: the Qt widget that shows the text as a tooltip and
reports clicks is desktop.ui.widgets.chart_toolbar.ChartHover.
"""

from __future__ import annotations

import math
from typing import Any

from matplotlib.backend_bases import MouseEvent
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle

from desktop.core.numbers import number, short

_TIP = "_sote_tip"
_KEY = "_sote_key"
_POINT_TIPS = "_sote_point_tips"
_CELL_TIPS = "_sote_cell_tips"


def set_tip(artist: Any, text: str, key: Any = None) -> Any:
    """Let `artist` (a bar, a line) say `text` on hover; a click on it drills into `key`. Returns the artist."""
    setattr(artist, _TIP, text)
    if key is not None:
        setattr(artist, _KEY, key)
    return artist


def set_bar_tips(bars: BarContainer, texts: list[str], keys: list[Any] | None = None) -> None:
    """One text (and drill key) per bar of `ax.bar(...)` / `ax.barh(...)`."""
    for i, (patch, text) in enumerate(zip(bars.patches, texts, strict=False)):
        set_tip(patch, text, keys[i] if keys is not None and i < len(keys) else None)


def set_point_tips(points: Any, texts: list[str], keys: list[Any] | None = None) -> Any:
    """One text (and drill key) per point of `ax.scatter(...)`, in the order of its points."""
    setattr(points, _POINT_TIPS, (list(texts), list(keys) if keys is not None else None))
    return points


def set_cell_tips(image: AxesImage, texts: list[list[str]], keys: list[list[Any]] | None = None) -> AxesImage:
    """One text (and drill key) per cell of `ax.imshow(...)`: texts[row][column]."""
    setattr(image, _CELL_TIPS, (texts, keys))
    return image


def _value_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and not value.is_integer():
        return short(value, 2)
    return number(value)


def _bar_value(ax, patch: Rectangle) -> str:
    for container in ax.containers:
        if isinstance(container, BarContainer) and patch in container.patches:
            horizontal = container.orientation == "horizontal"
            return _value_text(patch.get_width() if horizontal else patch.get_height())
    return ""


def tip_at(figure: Figure, x: float, y: float) -> str:
    """The text of the mark under display position (`x`, `y`), or "" when there is none."""
    return mark_at(figure, x, y)[0]


def _cell(ax, image: AxesImage, event: MouseEvent) -> tuple[int, int] | None:
    column, row = ax.transData.inverted().transform((event.x, event.y))
    column, row = int(math.floor(column + 0.5)), int(math.floor(row + 0.5))
    return (row, column) if row >= 0 and column >= 0 else None


def mark_at(figure: Figure, x: float, y: float) -> tuple[str, Any]:
    """(text, drill key) of the mark under display position (`x`, `y`); ("", None) when there is none."""
    event = MouseEvent("motion_notify_event", figure.canvas, x, y)
    for ax in reversed(figure.axes):
        if not ax.get_visible() or not ax.contains(event)[0]:
            continue
        artists = sorted(list(ax.patches) + list(ax.collections) + list(ax.lines) + list(ax.images),
                         key=lambda a: a.get_zorder(), reverse=True)
        for artist in artists:
            if not artist.get_visible():
                continue
            try:
                inside, details = artist.contains(event)
            except (ValueError, TypeError, NotImplementedError):  # some artists cannot tell
                continue
            if not inside:
                continue
            points = getattr(artist, _POINT_TIPS, None)
            if points is not None and details.get("ind") is not None and len(details["ind"]):
                i = int(details["ind"][-1])  # the point drawn last is on top
                texts, keys = points
                if i < len(texts) and texts[i]:
                    return texts[i], (keys[i] if keys is not None and i < len(keys) else None)
                continue
            cells = getattr(artist, _CELL_TIPS, None)
            if cells is not None:
                at = _cell(ax, artist, event)
                texts, keys = cells
                if at is not None and at[0] < len(texts) and at[1] < len(texts[at[0]]) and texts[at[0]][at[1]]:
                    key = keys[at[0]][at[1]] if keys is not None else None
                    return texts[at[0]][at[1]], key
                continue
            own = getattr(artist, _TIP, None)
            if own:
                return str(own), getattr(artist, _KEY, None)
            if isinstance(artist, Rectangle):
                text = _bar_value(ax, artist)
                if text:
                    return text, None
            if isinstance(artist, AxesImage):
                text = _value_text(artist.get_cursor_data(event))
                if text:
                    return text, None
    return "", None
