"""Segment charts drawn on a matplotlib Figure passed in (no pyplot, no Qt): sizes, the overlap
matrix, an UpSet-style chart of the largest intersections and the projection lines.
Groups of 1-4 persons are written "<5" and drawn as empty; a count given as a mark ("<N", "..": hidden
by desktop.services.segments, with the complements that keep it hidden) is written as it is and drawn
as empty too, so callers pass the shown figures. Texts and numbers follow desktop.core.lang
(see desktop.charts.numbers); segment names are data and stay as they are."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from desktop.analysis.privacy import is_hidden_mark, is_small, shown_count
from desktop.charts.numbers import number
from desktop.core.lang import t

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")


def _titles(fig: Figure, title: str, subtitle: str = "") -> None:
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.93, subtitle, ha="left", va="top", fontsize=8, color="#444444")


def _shown(value) -> float:
    """A bar's length: hidden counts (small, or a mark) empty."""
    return 0.0 if value is None or is_hidden_mark(value) or is_small(value) else float(value)


def _point(value) -> float:
    """A line's point: hidden counts leave a gap."""
    return float("nan") if value is None or is_hidden_mark(value) or is_small(value) else float(value)


def _hidden(value) -> bool:
    return value is None or is_hidden_mark(value) or is_small(value)


def _label(value) -> str:
    """A count as written on a chart: a mark as it is, a small count "<5", else the number."""
    if value is None:
        return number(None)
    if is_hidden_mark(value):
        return value
    return str(shown_count(value)) if is_small(value) else number(value)


def draw_segment_sizes(fig: Figure, sizes: pd.DataFrame, year: int, subtitle: str = "") -> None:
    """Persons per segment in `year` (bars) with clients per 1,000 residents of the segment's
    population base written after each bar. `sizes` from analysis.segments.segment_sizes."""
    fig.clear()
    part = sizes[sizes["year"] == year]
    ax = fig.add_axes((0.3, 0.1, 0.55, 0.76))
    y = np.arange(len(part))[::-1]
    persons = part["persons"].to_numpy()
    ax.barh(y, [_shown(p) for p in persons], color="#0072B2", height=0.65)
    top = max([_shown(p) for p in persons] + [1.0])
    per_1000 = pd.to_numeric(part["per_1000"], errors="coerce").to_numpy(dtype=float)
    for yi, p, per in zip(y, persons, per_1000, strict=True):
        text = _label(p)
        if not _hidden(p) and per == per:
            text = t(f"{number(p)}  ({number(per, 1)} / 1 000 as.)", f"{number(p)}  ({number(per, 1)} / 1,000 res.)")
        ax.text(_shown(p) + top * 0.01, yi, text, va="center", fontsize=8)
    ax.set_yticks(y, part["segment"].tolist(), fontsize=9)
    ax.set_xlim(0, top * 1.45)
    ax.xaxis.set_major_formatter(lambda v, _pos: number(v))
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    _titles(fig, t(f"Segmenttien koot {year}: henkilöt ja osuus väestöstä",
                   f"Segment sizes {year}: persons and share of the population"), subtitle)


def draw_overlap_matrix(fig: Figure, names: Sequence[str], overlaps: np.ndarray, total_persons: int,
                        subtitle: str = "") -> None:
    """Persons in both of two segments (diagonal: the segment's size); the total counts each person once.
    `overlaps`: the shown matrix (desktop.services.segments.shown_overlaps, marks where hidden)."""
    fig.clear()
    ax = fig.add_axes((0.3, 0.05, 0.65, 0.62))
    n = len(names)
    overlaps = np.asarray(overlaps, dtype=object)
    values = np.array([[_shown(v) for v in row] for row in overlaps], dtype=float)
    ax.imshow(np.log1p(values), cmap="Blues", aspect="auto")
    peak = np.log1p(values).max() if values.size else 1.0
    for i in range(n):
        for j in range(n):
            ax.text(j, i, _label(overlaps[i, j]), ha="center", va="center", fontsize=7,
                    color="white" if peak and np.log1p(values[i, j]) > 0.7 * peak else "black")
    ax.set_xticks(range(n), names, rotation=55, ha="left", fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks(range(n), names, fontsize=7)
    ax.tick_params(length=0)
    total = number(shown_count(total_persons))
    _titles(fig, t("Segmenttien päällekkäisyys (henkilöt molemmissa)", "Segment overlaps (persons in both)"),
            (subtitle + " · " if subtitle else "") + t(f"Yhteensä {total} eri henkilöä (jokainen kerran)",
                                                       f"{total} distinct persons in all (each once)"))


def draw_upset(fig: Figure, names: Sequence[str], intersections: Sequence[tuple[tuple[int, ...], int]],
               total_persons: int, subtitle: str = "") -> None:
    """UpSet-style chart: bars of the largest exact segment combinations, dots below naming them."""
    fig.clear()
    k = len(intersections)
    bars = fig.add_axes((0.3, 0.45, 0.66, 0.4))
    dots = fig.add_axes((0.3, 0.05, 0.66, 0.38), sharex=bars)
    x = np.arange(k)
    counts = [c for _rows, c in intersections]
    bars.bar(x, [_shown(c) for c in counts], color="#0072B2")
    for xi, c in zip(x, counts, strict=True):
        bars.text(xi, _shown(c), _label(c), ha="center", va="bottom",
                  fontsize=6, rotation=90)
    bars.tick_params(axis="x", bottom=False, labelbottom=False)
    bars.yaxis.set_major_formatter(lambda v, _pos: number(v))
    bars.tick_params(axis="y", labelsize=7)
    bars.spines[["top", "right"]].set_visible(False)
    n = len(names)
    for xi, (rows, _c) in zip(x, intersections, strict=True):
        dots.scatter([xi] * n, range(n), color="#dddddd", s=18)
        if rows:
            dots.scatter([xi] * len(rows), rows, color="#222222", s=22)
            dots.plot([xi, xi], [min(rows), max(rows)], color="#222222", lw=1.2)
    dots.set_yticks(range(n), names, fontsize=7)
    dots.set_ylim(n - 0.5, -0.5)
    dots.tick_params(axis="x", bottom=False, labelbottom=False)
    for spine in dots.spines.values():
        spine.set_visible(False)
    total = number(shown_count(total_persons))
    _titles(fig, t("Suurimmat segmenttien yhdistelmät", "Largest segment combinations"),
            (subtitle + " · " if subtitle else "") + t(f"Yhteensä {total} eri henkilöä", f"{total} distinct persons in all"))


def draw_projection(fig: Figure, projection: pd.DataFrame, segments: Sequence[str] | None = None,
                    subtitle: str = "") -> None:
    """Clients per segment: observed years (solid) and the projection (dashed) from the base year's
    usage rates and the population forecast. `projection` from analysis.segments.project_clients."""
    fig.clear()
    ax = fig.add_axes((0.09, 0.12, 0.6, 0.74))
    names = list(dict.fromkeys(projection["segment"])) if segments is None else list(segments)
    for i, name in enumerate(names):
        part = projection[projection["segment"] == name].sort_values("year")
        colour = PALETTE[i % len(PALETTE)]
        obs = part[part["kind"] == "observed"]
        proj = part[part["kind"] == "projected"]
        ax.plot(obs["year"], [_point(v) for v in obs["clients"]], color=colour, marker="o", ms=3, label=name)
        if len(proj):
            base = obs[obs["year"] == proj["base_year"].iloc[0]]
            xs = list(base["year"]) + list(proj["year"])
            ys = [_point(v) for v in list(base["clients"]) + list(proj["clients"])]
            ax.plot(xs, ys, color=colour, ls="--", marker=".", ms=3)
            last = proj.iloc[-1]
            value = last["clients"] if _hidden(last["clients"]) else round(last["clients"])
            ax.text(last["year"], _shown(value), " " + _label(value), fontsize=7, va="center", color=colour)
    ax.yaxis.set_major_formatter(lambda v, _pos: number(v))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=7)
    ax.set_ylabel(t("asiakkaat", "clients"), fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False)
    _titles(fig, t("Asiakasmäärien ennuste väestöennusteen mukaan (katkoviiva)",
                   "Clients projected with the population forecast (dashed)"), subtitle)
