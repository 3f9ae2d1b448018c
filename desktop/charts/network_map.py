"""The service-network map on a matplotlib Figure (no Qt, no tiles: works offline).

Grid cells are coloured by the travel-time band to the nearest qualifying site (blue-green within the
threshold, orange-red beyond it, black for no route); populated cells that are not covered carry a
small cross. Municipal borders and the region's outline are drawn when given; municipalities below
the goal's target get a thick red outline. Sites are drawn by type (marker) and size (marker area);
switched-off sites hollow, what-if sites with a star; municipal centres labelled, larger places
first, a label left out where it would overlap another (`place_labels`, again after every zoom).
A scale bar replaces coordinate ticks (`draw_scale_bar`). The map fills its axes; the legend stands
in a column to the right of it. Coordinates are metres (EPSG:3067).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from desktop.charts.numbers import short
from desktop.core.lang import t

NO_ROUTE_COLOUR = "#202020"
TYPE_MARKERS = {"sote-keskus": "o", "hammashoitola": "D", "vuodeosasto": "s", "päivätoimintakeskus": "^",
                "ikäihmisten asumisyksikkö": "p", "ehdokas": "P"}
SIZE_AREAS = {"S": 30, "M": 60, "L": 110}
_MAX_RASTER = 6_000_000


@dataclass
class MapLayers:
    """What the map shows. `minutes` per cell (NaN = no route); sites need x, y, type, size and
    optionally `state` ('active', 'closed', 'added'); centres need name, x, y."""

    cell_x: np.ndarray
    cell_y: np.ndarray
    minutes: np.ndarray
    population: np.ndarray
    threshold: float
    sites: pd.DataFrame
    centres: pd.DataFrame | None = None
    title: str = ""
    estimate: bool = False
    borders: dict | None = None  # municipality code -> list of rings ((n, 2) arrays, metres)
    region: list | None = None  # the region's outline: list of rings
    below: dict | None = None  # code -> name of the municipalities below the goal's target (outlined)
    attribution: str = ""


def bands(threshold: float) -> list[float]:
    """Band edges in minutes: quarters of the threshold, then 1.5x and 2x beyond it."""
    return [0.0, threshold / 4, threshold / 2, 3 * threshold / 4, threshold, 1.5 * threshold, 2 * threshold, np.inf]


BAND_COLOURS = ["#08589e", "#2b8cbe", "#4eb3d3", "#7bccc4", "#fdae61", "#f46d43", "#d73027"]


def band_index(minutes: np.ndarray, threshold: float) -> np.ndarray:
    """Band of each cell (0..6), -1 for no route. Band 3 ends at the threshold inclusive."""
    edges = np.array(bands(threshold)[1:-1])
    idx = np.searchsorted(edges, np.nan_to_num(minutes, nan=0.0), side="left")
    return np.where(np.isnan(minutes), -1, idx)


def cell_size(x: np.ndarray, y: np.ndarray) -> float:
    """The grid spacing in metres (smallest step between distinct coordinates), 1000 if unknown."""
    steps = []
    for v in (x, y):
        u = np.unique(np.round(v, 3))
        if len(u) > 1:
            steps.append(np.min(np.diff(u)))
    return float(min(steps)) if steps else 1000.0


LEGEND_WIDTH = 0.27  # share of the figure's width for the legend column
BELOW_COLOUR = "#c62828"


def draw_network_map(fig: Figure, layers: MapLayers, ax=None):
    """Draw the map; returns the Axes (so a host can keep its pan/zoom and pick clicks)."""
    if ax is None:
        fig.clear()
        ax = fig.add_axes((0.005, 0.01, 1.0 - LEGEND_WIDTH - 0.01, 0.93))
    else:
        ax.clear()
    x, y, m = layers.cell_x, layers.cell_y, np.asarray(layers.minutes, float)
    band = band_index(m, layers.threshold)
    colours = ListedColormap([NO_ROUTE_COLOUR] + BAND_COLOURS)
    if len(x):
        size = cell_size(x, y)
        col = np.round((x - x.min()) / size).astype(np.int64)
        row = np.round((y - y.min()) / size).astype(np.int64)
        if (col.max() + 1) * (row.max() + 1) <= _MAX_RASTER:
            raster = np.full((row.max() + 1, col.max() + 1), np.nan)
            raster[row, col] = band + 1
            ax.imshow(raster, origin="lower", cmap=colours, vmin=-0.5, vmax=len(BAND_COLOURS) + 0.5,
                      extent=(x.min() - size / 2, x.max() + size / 2, y.min() - size / 2, y.max() + size / 2),
                      interpolation="nearest", zorder=1)
        else:  # scattered points (e.g. tract centroids): draw them as dots
            ax.scatter(x, y, c=band + 1, cmap=colours, vmin=-0.5, vmax=len(BAND_COLOURS) + 0.5, s=12, marker="s", zorder=1)
        uncovered = (np.isnan(m) | (m > layers.threshold)) & (np.asarray(layers.population) > 0)
        if uncovered.any():
            ax.scatter(x[uncovered], y[uncovered], marker="x", s=6, linewidths=0.6, color="#7f0000", zorder=2)
    below = layers.below or {}
    for rings in (layers.borders or {}).values():
        for ring in rings:
            ax.plot(ring[:, 0], ring[:, 1], color="#5a5a5a", linewidth=0.6, zorder=3)
    for ring in layers.region or []:
        ax.plot(ring[:, 0], ring[:, 1], color="#1a1a1a", linewidth=1.6, zorder=3)
    for code in below:
        for ring in (layers.borders or {}).get(code, []):
            ax.plot(ring[:, 0], ring[:, 1], color=BELOW_COLOUR, linewidth=2.4, zorder=4)
    _draw_sites(ax, layers.sites)
    labels = []
    if layers.centres is not None and len(layers.centres):
        c = layers.centres.dropna(subset=["x", "y"])
        ax.scatter(c["x"], c["y"], marker="+", s=40, color="black", zorder=5)
        weight = c["population"] if "population" in c.columns else pd.Series(0, index=c.index)
        for name, cx, cy, w in zip(c["name"], c["x"], c["y"], weight.fillna(0), strict=True):
            labels.append((str(name), float(cx), float(cy), float(w)))
    ax._sote_labels = sorted(labels, key=lambda item: -item[3])  # larger places win a contested spot
    ax._sote_label_artists = []
    edges = bands(layers.threshold)
    handles = [Patch(color=BAND_COLOURS[i], label=_band_label(edges[i], edges[i + 1], i == 3))
               for i in range(len(BAND_COLOURS))]
    handles.append(Patch(color=NO_ROUTE_COLOUR, label=t("ei reittiä", "no route")))
    handles.append(Line2D([], [], marker="x", ls="", color="#7f0000", label=t("asukkaita, ei katettu", "residents not covered")))
    if layers.region:
        handles.append(Line2D([], [], color="#1a1a1a", linewidth=1.6, label=t("alueen raja", "region border")))
    if layers.borders:
        handles.append(Line2D([], [], color="#5a5a5a", linewidth=0.6, label=t("kuntaraja", "municipal border")))
    if below:
        handles.append(Line2D([], [], color=BELOW_COLOUR, linewidth=2.4,
                              label=t(f"kunta alle tavoitteen ({len(below)})", f"municipality below target ({len(below)})")))
    for kind in sorted(set(layers.sites["type"])) if len(layers.sites) else []:
        handles.append(Line2D([], [], marker=TYPE_MARKERS.get(kind, "o"), ls="", color="white",
                              markeredgecolor="black", label=kind))
    if len(layers.sites) and "size" in layers.sites.columns:
        for size in [s for s in ("S", "M", "L") if s in set(layers.sites["size"])]:
            handles.append(Line2D([], [], marker="o", ls="", color="white", markeredgecolor="black",
                                  markersize=np.sqrt(SIZE_AREAS[size]), label=t(f"koko {size}", f"size {size}")))
    if len(layers.sites) and "state" in layers.sites.columns:
        states = set(layers.sites["state"])
        if "closed" in states:
            handles.append(Line2D([], [], marker="X", ls="", color="#c62828", label=t("suljettu (mitä jos)", "closed (what-if)")))
        if "added" in states:
            handles.append(Line2D([], [], marker="*", ls="", color="#ffd400", markeredgecolor="black", markersize=10,
                                  label=t("lisätty (mitä jos)", "added (what-if)")))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0 - LEGEND_WIDTH + 0.005, 0.99), fontsize=7,
               framealpha=0.95, borderaxespad=0.0, title=t("Matka-aika lähimpään", "Time to the nearest"),
               title_fontsize=7)
    ax.set_aspect("equal", adjustable="datalim")  # the map fills the axes; the view widens instead
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#999999")
    title = layers.title + (t(" — linnuntie-arvio", " — straight-line estimate") if layers.estimate else "")
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    if layers.attribution:
        fig.text(0.995, 0.005, layers.attribution, fontsize=6, ha="right", va="bottom", color="#555555")
    refresh_overlays(ax)
    return ax


def refresh_overlays(ax) -> None:
    """Scale bar and centre labels for the current view (after drawing, a zoom or a pan)."""
    ax.apply_aspect()
    draw_scale_bar(ax)
    place_labels(ax)


def draw_scale_bar(ax) -> None:
    """A scale bar of a round length (1, 2 or 5 x 10^n km) about a fifth of the view's width, in the
    lower left corner of the axes; replaced when called again (after a zoom)."""
    for artist in getattr(ax, "_sote_scale", []):
        artist.remove()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width = abs(x1 - x0)
    if not np.isfinite(width) or width <= 0:
        ax._sote_scale = []
        return
    target = width / 5.0
    exponent = np.floor(np.log10(target))
    length = max(step * 10 ** exponent for step in (1, 2, 5) if step * 10 ** exponent <= target)
    left, bottom = x0 + 0.03 * width, y0 + 0.04 * abs(y1 - y0)
    height = 0.012 * abs(y1 - y0)
    km = length / 1000.0
    text = f"{short(km)} km" if km >= 1 else f"{short(length)} m"
    bar = Rectangle((left, bottom), length, height, facecolor="black", edgecolor="white", linewidth=0.8, zorder=8)
    ax.add_patch(bar)
    label = ax.text(left + length / 2, bottom + 1.8 * height, text, ha="center", va="bottom", fontsize=8, zorder=8,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    ax._sote_scale = [bar, label]


_OFFSETS = ((4, 4, "left", "bottom"), (-4, 4, "right", "bottom"), (4, -4, "left", "top"), (-4, -4, "right", "top"))


def place_labels(ax, renderer=None) -> list:
    """Label the centres in view, larger places first; a label goes to the first of four spots around
    its point that overlaps no earlier label and stays inside the axes, or is left out. Returns the
    text artists placed (call again after a zoom or a pan)."""
    for artist in getattr(ax, "_sote_label_artists", []):
        artist.remove()
    placed, boxes = [], []
    fig = ax.figure
    if renderer is None:
        get = getattr(fig.canvas, "get_renderer", None)
        renderer = get() if get is not None else fig._get_renderer()
    frame = ax.get_window_extent(renderer)
    x0, x1 = sorted(ax.get_xlim())
    y0, y1 = sorted(ax.get_ylim())
    for name, cx, cy, _w in getattr(ax, "_sote_labels", []):
        if not (x0 <= cx <= x1 and y0 <= cy <= y1):
            continue
        for dx, dy, ha, va in _OFFSETS:
            text = ax.annotate(name, (cx, cy), xytext=(dx, dy), textcoords="offset points", fontsize=7, ha=ha, va=va,
                               zorder=9, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
            box = text.get_window_extent(renderer).expanded(1.02, 1.05)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(b) for b in boxes):
                placed.append(text)
                boxes.append(box)
                break
            text.remove()
    ax._sote_label_artists = placed
    return placed


def _band_label(lo: float, hi: float, at_threshold: bool) -> str:
    """'0–7,5 min' (Finnish decimal comma) / '0–7.5 min'."""
    if np.isinf(hi):
        return f"> {short(lo)} min"
    return f"{short(lo)}–{short(hi)} min" + (t(" (raja)", " (threshold)") if at_threshold else "")


def _draw_sites(ax, sites: pd.DataFrame) -> None:
    if sites is None or not len(sites):
        return
    state = sites["state"] if "state" in sites.columns else pd.Series(["active"] * len(sites), index=sites.index)
    for kind, group in sites.groupby("type", sort=True):
        marker = TYPE_MARKERS.get(kind, "o")
        areas = group["size"].map(SIZE_AREAS).fillna(45).to_numpy(float)
        st = state.loc[group.index]
        active = (st == "active").to_numpy()
        closed = (st == "closed").to_numpy()
        added = (st == "added").to_numpy()
        if active.any():
            ax.scatter(group["x"][active], group["y"][active], s=areas[active], marker=marker, color="white",
                       edgecolors="black", linewidths=1.2, zorder=6)
        if closed.any():
            ax.scatter(group["x"][closed], group["y"][closed], s=areas[closed], marker=marker, color="#dddddd",
                       edgecolors="#c62828", linewidths=1.2, zorder=6)
            ax.scatter(group["x"][closed], group["y"][closed], s=areas[closed] * 0.6, marker="x", color="#c62828",
                       linewidths=1.5, zorder=7)
        if added.any():
            ax.scatter(group["x"][added], group["y"][added], s=areas[added] * 2.5, marker="*", color="#ffd400",
                       edgecolors="black", linewidths=1.0, zorder=7)
