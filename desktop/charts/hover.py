"""What a chart says when the pointer rests on one of its marks: exact figures in the UI language.

A drawing function labels a mark with `set_tip(artist, text)`; `tip_at(figure, x, y)` finds the text
of the mark under a pixel position (matplotlib display coordinates). Marks without a label of their
own say their value: a bar its length, a heat-map cell its number. No Qt here: the Qt widget that
shows the text as a tooltip is desktop.ui.widgets.chart_toolbar.ChartHover.
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


def set_tip(artist: Any, text: str) -> Any:
    """Let `artist` (a bar, a point, a line) say `text` on hover; returns the artist."""
    setattr(artist, _TIP, text)
    return artist


def set_bar_tips(bars: BarContainer, texts: list[str]) -> None:
    """One text per bar of `ax.bar(...)` / `ax.barh(...)`."""
    for patch, text in zip(bars.patches, texts, strict=False):
        set_tip(patch, text)


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
                inside = artist.contains(event)[0]
            except (ValueError, TypeError, NotImplementedError):  # some artists cannot tell
                continue
            if not inside:
                continue
            own = getattr(artist, _TIP, None)
            if own:
                return str(own)
            if isinstance(artist, Rectangle):
                text = _bar_value(ax, artist)
                if text:
                    return text
            if isinstance(artist, AxesImage):
                text = _value_text(artist.get_cursor_data(event))
                if text:
                    return text
    return ""
