"""Saving a chart: PNG, SVG or PDF chosen by the file name."""

from __future__ import annotations

import os
from pathlib import Path

from matplotlib.figure import Figure

from desktop.core.errors import UserError
from desktop.core.lang import t

FIGURE_FORMATS = (".png", ".svg", ".pdf")


def new_figure(width_in: float = 11.0, height_in: float = 6.5) -> Figure:
    """A figure not attached to any GUI (Agg canvas), for files and tests."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(width_in, height_in), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def save_figure(fig: Figure, path: str | os.PathLike) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FIGURE_FORMATS:
        raise UserError(t(f"Kuvan tiedostomuoto {suffix or '?'} ei käy; käytä .png, .svg tai .pdf.",
                          f"Image type {suffix or '?'} is not supported; use .png, .svg or .pdf."))
    if not path.parent.exists():
        raise UserError(t(f"Kansiota {path.parent} ei ole.", f"Folder {path.parent} does not exist."))
    fig.savefig(path, format=suffix[1:], dpi=150 if suffix == ".png" else None)
    return path
