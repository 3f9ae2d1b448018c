"""Segment charts drawn on a matplotlib Figure passed in (no pyplot, no Qt): sizes, the overlap
matrix, an UpSet-style chart of the largest intersections and the projection lines.
Groups of 1-4 persons are written "<5" and drawn as empty; a count given as a mark ("<N", "..": hidden
by desktop.services.segments, with the complements that keep it hidden) is written as it is and drawn
as empty too, so callers pass the shown figures. Every bar, cell and point says its exact figure on
hover (desktop.charts.hover); a size bar's click drills into ("segment", name). Texts and numbers follow
desktop.core.lang (see desktop.charts.numbers); segment names are data and stay as they are."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from desktop.analysis.privacy import is_hidden_mark, is_small, shown_count
from desktop.charts.hover import set_bar_tips, set_cell_tips, set_point_tips
from desktop.charts.numbers import number
from desktop.core.lang import t

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")


def _titles(fig: Figure, title: str, subtitle: str = "") -> None:
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.93, subtitle, ha="left", va="top", fontsize=8, color="#444444")


def _hidden(value) -> bool:
    """A count that may not be drawn: small (1-4), missing or already a mark ("<N", "..")."""
    return value is None or isinstance(value, str) or is_hidden_mark(value) or is_small(value)


def _shown(value) -> float:
    """A bar's length: hidden counts empty."""
    return 0.0 if _hidden(value) else float(value)


def _point(value) -> float:
    """A line's point: hidden counts leave a gap."""
    return float("nan") if _hidden(value) else float(value)


def _label(value) -> str:
    """A count as written on a chart: a mark as it is, a small count "<5", else the number."""
    if value is None:
        return number(None)
    if isinstance(value, str) or is_hidden_mark(value):
        return str(value)
    return str(shown_count(value)) if is_small(value) else number(value)


def _whole(value):
    """A projected count rounded to persons; a mark stays as it is."""
    return value if value is None or isinstance(value, str) else round(value)


def draw_segment_sizes(fig: Figure, sizes: pd.DataFrame, year: int, subtitle: str = "") -> None:
    """Persons per segment in `year` (bars) with clients per 1,000 residents of the segment's own
    population base written after each bar, and that base (residents) beside it: segments have
    different bases (an age segment its ages, a client segment everyone), and the chart says so.
    `sizes` from analysis.segments.segment_sizes, or as shown (services.segments.shown_segment_sizes:
    hidden counts are marks and their other figures None)."""
    fig.clear()
    part = sizes[sizes["year"] == year]
    ax = fig.add_axes((0.3, 0.14, 0.5, 0.72))
    y = np.arange(len(part))[::-1]
    persons = part["persons"].tolist()
    per_1000 = pd.to_numeric(part["per_1000"], errors="coerce").to_numpy(dtype=float)
    residents = (pd.to_numeric(part["residents"], errors="coerce").to_numpy(dtype=float) if "residents" in part
                 else np.full(len(part), np.nan))
    names = [str(v) for v in part["segment"]]
    bars = ax.barh(y, [_shown(p) for p in persons], color="#0072B2", height=0.65)
    top = max([_shown(p) for p in persons] + [1.0])
    tips = []
    for yi, name, p, per, res in zip(y, names, persons, per_1000, residents, strict=True):
        text = _label(p)
        if _hidden(p):
            tips.append(t(f"{name}: {text} henkilöä (pieni ryhmä: luku piilotettu)",
                          f"{name}: {text} persons (small group: figure hidden)"))
        elif per == per:
            base = t(f"; pohja {number(res)}", f"; base {number(res)}") if res == res else ""
            text = t(f"{number(p)}  ({number(per, 1)} / 1 000 as.{base})",
                     f"{number(p)}  ({number(per, 1)} / 1,000 res.{base})")
            of = t(f" (väestöpohja {number(res)} asukasta)", f" (population base {number(res)} residents)") \
                if res == res else ""
            tips.append(t(f"{name}: {number(p)} henkilöä, {number(per, 1)} tuhatta asukasta kohden{of}",
                          f"{name}: {number(p)} persons, {number(per, 1)} per 1,000 residents{of}"))
        else:
            text = number(p)
            tips.append(t(f"{name}: {number(p)} henkilöä", f"{name}: {number(p)} persons"))
        ax.text(_shown(p) + top * 0.01, yi, text, va="center", fontsize=8)
    set_bar_tips(bars, tips, [("segment", name) for name in names])
    ax.set_yticks(y, names, fontsize=9)
    ax.set_xlim(0, top * 1.6)
    ax.xaxis.set_major_formatter(lambda v, _pos: number(v))
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, 0.02, t("Suluissa: henkilöitä tuhatta asukasta kohden ja segmentin oma väestöpohja (asukkaita). "
                           "Pohja vaihtelee: ikäsegmentillä sen ikäiset, muilla koko väestö.",
                           "In brackets: persons per 1,000 residents and the segment's own population base "
                           "(residents). Bases differ: an age segment's ages, others the whole population."),
             fontsize=7.5, color="#444444", wrap=True)
    _titles(fig, t(f"Segmenttien koot {year}: henkilöt ja osuus oman väestöpohjan asukkaista",
                   f"Segment sizes {year}: persons and share of their own population base"), subtitle)


def draw_overlap_matrix(fig: Figure, names: Sequence[str], overlaps: np.ndarray, total_persons: int,
                        subtitle: str = "") -> None:
    """Persons in both of two segments (diagonal: the segment's size); the total counts each person once.
    `overlaps`: the shown matrix (desktop.services.segments.shown_overlaps, marks where hidden)."""
    fig.clear()
    ax = fig.add_axes((0.3, 0.05, 0.65, 0.62))
    n = len(names)
    overlaps = np.asarray(overlaps, dtype=object)
    values = np.array([[_shown(v) for v in row] for row in overlaps], dtype=float)
    image = ax.imshow(np.log1p(values), cmap="Blues", aspect="auto")
    peak = np.log1p(values).max() if values.size else 1.0
    tips = []
    for i in range(n):
        row = []
        for j in range(n):
            text = _label(overlaps[i, j])
            ax.text(j, i, text, ha="center", va="center", fontsize=7,
                    color="white" if peak and np.log1p(values[i, j]) > 0.7 * peak else "black")
            row.append(t(f"{names[i]}: {text} henkilöä", f"{names[i]}: {text} persons") if i == j else
                       t(f"{names[i]} ja {names[j]}: {text} henkilöä molemmissa",
                         f"{names[i]} and {names[j]}: {text} persons in both"))
        tips.append(row)
    set_cell_tips(image, tips, [[("segment", names[i])] * n for i in range(n)])
    ax.set_xticks(range(n), names, rotation=55, ha="left", fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks(range(n), names, fontsize=7)
    ax.tick_params(length=0)
    total = number(shown_count(total_persons))
    _titles(fig, t("Segmenttien päällekkäisyys (henkilöt molemmissa)", "Segment overlaps (persons in both)"),
            (subtitle + " · " if subtitle else "") + t(f"Yhteensä {total} eri henkilöä (jokainen kerran)",
                                                       f"{total} distinct persons in all (each once)"))


def draw_upset(fig: Figure, names: Sequence[str], intersections: Sequence[tuple[tuple[int, ...], int]],
               total_persons: int, subtitle: str = "", shown: Sequence | None = None) -> None:
    """UpSet-style chart: bars of the largest exact segment combinations, dots below naming them.
    `shown`: the counts as they may be shown (services.segments.shown_intersections), marks for hidden."""
    fig.clear()
    k = len(intersections)
    bars = fig.add_axes((0.3, 0.45, 0.66, 0.4))
    dots = fig.add_axes((0.3, 0.05, 0.66, 0.38), sharex=bars)
    x = np.arange(k)
    counts = list(shown) if shown is not None else [c for _rows, c in intersections]
    drawn = bars.bar(x, [_shown(c) for c in counts], color="#0072B2")
    set_bar_tips(drawn, [t(f"{' + '.join(names[i] for i in rows) or 'ei segmenttiä'}: {_label(c)} henkilöä",
                           f"{' + '.join(names[i] for i in rows) or 'no segment'}: {_label(c)} persons")
                         for (rows, _c), c in zip(intersections, counts, strict=True)])
    for xi, c in zip(x, counts, strict=True):
        bars.text(xi, _shown(c), _label(c), ha="center", va="bottom", fontsize=6, rotation=90)
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
                    subtitle: str = "", hidden: Sequence[str] = ()) -> None:
    """Clients per segment: observed years (solid) and the projection (dashed) from the base year's
    usage rates and the population forecast. `projection` from analysis.segments.project_clients.
    Segments in `hidden` (hidden for privacy in the base year) are named in the legend, not drawn."""
    fig.clear()
    ax = fig.add_axes((0.09, 0.12, 0.6, 0.74))
    names = list(dict.fromkeys(projection["segment"])) if segments is None else list(segments)
    for i, name in enumerate(names):
        part = projection[projection["segment"] == name].sort_values("year")
        colour = PALETTE[i % len(PALETTE)]
        if name in set(hidden):
            ax.plot([], [], color="#bbbbbb", label=t(f"{name} (piilotettu)", f"{name} (hidden)"))
            continue
        obs = part[part["kind"] == "observed"]
        proj = part[part["kind"] == "projected"]
        ax.plot(obs["year"], [_point(v) for v in obs["clients"]], color=colour, marker="o", ms=3, label=name)
        texts = [t(f"{name} {int(yr)}{' (ennuste)' if kind == 'projected' else ''}: {_label(_whole(v))} asiakasta",
                   f"{name} {int(yr)}{' (projected)' if kind == 'projected' else ''}: {_label(_whole(v))} clients")
                 for yr, v, kind in zip(part["year"], part["clients"], part["kind"], strict=True)]
        points = ax.scatter(part["year"], [_point(_whole(v)) for v in part["clients"]], s=16, color=colour, zorder=3)
        set_point_tips(points, texts, [("segment", name)] * len(texts))
        if len(proj):
            base = obs[obs["year"] == proj["base_year"].iloc[0]]
            xs = list(base["year"]) + list(proj["year"])
            ys = [_point(v) for v in list(base["clients"]) + list(proj["clients"])]
            ax.plot(xs, ys, color=colour, ls="--", marker=".", ms=3)
            last = proj.iloc[-1]
            value = _whole(last["clients"])
            ax.text(last["year"], _shown(value), " " + _label(value), fontsize=7, va="center", color=colour)
    ax.yaxis.set_major_formatter(lambda v, _pos: number(v))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=7)
    ax.set_ylabel(t("asiakkaat", "clients"), fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1), frameon=False)
    _titles(fig, t("Asiakasmäärien ennuste väestöennusteen mukaan (katkoviiva)",
                   "Clients projected with the population forecast (dashed)"), subtitle)
