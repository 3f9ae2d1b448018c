"""The service-network map on a matplotlib Figure (no Qt, no tiles: works offline).

Grid cells are coloured by the travel-time band to the nearest qualifying site (blue-green within the
threshold, orange-red beyond it, black for no route); populated cells that are not covered carry a
small cross. Sites are drawn by type (marker) and size (marker area); switched-off sites hollow,
what-if sites with a star; municipal centres labelled. Coordinates are metres (EPSG:3067).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

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


def draw_network_map(fig: Figure, layers: MapLayers, ax=None):
    """Draw the map; returns the Axes (so a host can keep its pan/zoom and pick clicks)."""
    if ax is None:
        fig.clear()
        ax = fig.add_subplot(111)
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
    _draw_sites(ax, layers.sites)
    if layers.centres is not None and len(layers.centres):
        c = layers.centres.dropna(subset=["x", "y"])
        ax.scatter(c["x"], c["y"], marker="+", s=40, color="black", zorder=4)
        for name, cx, cy in c[["name", "x", "y"]].itertuples(index=False):
            ax.annotate(str(name), (cx, cy), xytext=(4, 4), textcoords="offset points", fontsize=7, zorder=5,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    edges = bands(layers.threshold)
    handles = [Patch(color=BAND_COLOURS[i], label=_band_label(edges[i], edges[i + 1], i == 3))
               for i in range(len(BAND_COLOURS))]
    handles.append(Patch(color=NO_ROUTE_COLOUR, label=t("ei reittiä", "no route")))
    handles.append(Line2D([], [], marker="x", ls="", color="#7f0000", label=t("asukkaita, ei katettu", "residents not covered")))
    for kind in sorted(set(layers.sites["type"])) if len(layers.sites) else []:
        handles.append(Line2D([], [], marker=TYPE_MARKERS.get(kind, "o"), ls="", color="white",
                              markeredgecolor="black", label=kind))
    if len(layers.sites) and "state" in layers.sites.columns:
        states = set(layers.sites["state"])
        if "closed" in states:
            handles.append(Line2D([], [], marker="X", ls="", color="#c62828", label=t("suljettu (mitä jos)", "closed (what-if)")))
        if "added" in states:
            handles.append(Line2D([], [], marker="*", ls="", color="#ffd400", markeredgecolor="black", markersize=10,
                                  label=t("lisätty (mitä jos)", "added (what-if)")))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, framealpha=0.9,
              borderaxespad=0.0)
    ax.set_aspect("equal")
    ax.set_xlabel("x (m, ETRS-TM35FIN)")
    ax.set_ylabel("y (m)")
    ax.ticklabel_format(style="plain", useOffset=False)
    ax.tick_params(labelsize=7)
    title = layers.title + (t(" — linnuntie-arvio", " — straight-line estimate") if layers.estimate else "")
    ax.set_title(title, fontsize=10)
    fig.subplots_adjust(left=0.1, right=0.74, bottom=0.08, top=0.94)  # room for the legend on the right
    return ax


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
