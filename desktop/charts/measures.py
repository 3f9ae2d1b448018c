"""Charts of the development-measure self-assessment, drawn on a matplotlib Figure (no Qt, no pyplot).

- `draw_rating_heatmap`: measures (rows, grouped under goal and focus area) x months, each cell
  coloured by its rating AND showing the number, so it reads in grey print too.
- `draw_rating_distribution`: per goal or focus area, stacked bars per month counting the measures at
  each rating (hatched per rating as well as coloured), so "how many measures are in use" shows over time.

On hover a heat-map cell says its measure, month and rating, a bar part how many measures of the goal
or area stood at that rating in that month (desktop.charts.hover). A click on a cell drills into
("measure", (goal id, area id, measure id, month)), on a goal's bar into ("goal", goal id).
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from desktop.charts.hover import set_bar_tips, set_cell_tips
from desktop.core.lang import t
from desktop.core.measures import (
    RATING_COLOURS,
    RATING_MAX,
    RATING_MIN,
    RATING_TEXT_COLOURS,
    Month,
    Tracker,
    rating_label,
)

HATCHES = {1: "", 2: "..", 3: "//", 4: "xx", 5: "", None: ""}
UNRATED_COLOUR = "#e6e6e6"
ROW_INCHES = 0.24
CELL_INCHES = 0.75
LABEL_INCHES = 6.0  # room for the measure names left of the cells (more when few months leave room)
NAME_CHAR_INCHES = 0.058  # mean width of a character of a 7.5 pt measure name


def figure_inches(fig) -> tuple[float, float]:
    """(width, height) in inches of a Figure or of a SubFigure (a part of a report page)."""
    if hasattr(fig, "get_figwidth"):
        return fig.get_figwidth(), fig.get_figheight()
    dpi = fig.figure.dpi
    return fig.bbox.width / dpi, fig.bbox.height / dpi


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def chart_months(tracker: Tracker) -> list[Month]:
    """The months worth drawing: from the first to the last month that has any rating."""
    rated = sorted({mo for (_mid, mo) in tracker.ratings})
    if not rated:
        return tracker.all_months()
    return [m for m in tracker.all_months() if rated[0] <= m <= rated[-1]]


def _heatmap_rows(tracker: Tracker, captions: str = "goal") -> list[tuple[str, object]]:
    """('caption', '1. goal · area') and ('measure', Measure) rows in display order; with
    captions='area' the caption names the focus area only ('Kärki: …', for a page of one goal)."""
    rows: list[tuple[str, object]] = []
    goal_no = {g.id: i for i, g in enumerate(sorted(tracker.goals, key=lambda g: (g.position, g.id)), start=1)}
    for goal, area, measures in tracker.groups():
        if captions == "area":
            rows.append(("caption", t(f"Kärki: {area.name}", f"Focus area: {area.name}")))
        else:
            rows.append(("caption", f"{goal_no[goal.id]}. {_short(goal.name, 80)} · {area.name}"))
        rows.extend(("measure", m) for m in measures)
    return rows


def heatmap_size(tracker: Tracker, months: list[Month] | None = None) -> tuple[float, float]:
    """A figure size (inches) that gives every row and month room for its label."""
    months = tracker.all_months() if months is None else months
    n_rows = len(_heatmap_rows(tracker))
    return (LABEL_INCHES + 0.3 + CELL_INCHES * max(len(months), 1), 1.6 + ROW_INCHES * max(n_rows, 3))


def _month_ticks(months: list[Month], cell_inches: float, few: int = 4) -> tuple[list[str], int, float]:
    """Month labels, their rotation and the inches to keep above a heat map for title, legend and
    labels: 'loka 2020' on one line for a few months, 'loka' over '2020' when the cells are wide
    enough for that (no slanted text running into the legend), else upright at 90 degrees."""
    if len(months) <= few:
        return [m.label() for m in months], 0, 1.0
    if cell_inches >= 0.42:
        return [m.label().replace(" ", "\n") for m in months], 0, 1.05
    return [m.label() for m in months], 90, 1.5


def _name_label(name: str, chars: int) -> tuple[str, float]:
    """A measure name for a row label and its font size: one line at 7.5 pt when it fits in `chars`
    characters, else two lines at 6.5 pt (cut with … only beyond that)."""
    if len(name) <= chars:
        return name, 7.5
    wide = int(chars * 7.5 / 6.5)
    lines = textwrap.wrap(name, min(wide, -(-len(name) // 2) + 12))  # two lines of about equal length
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), wide)]
    return "\n".join(lines), 6.5


def draw_rating_heatmap(fig: Figure, tracker: Tracker, months: list[Month] | None = None, title: str | None = None,
                        captions: str = "goal") -> None:
    """Measures x months; colour by rating with the number written in each rated cell. `captions`:
    'goal' ('1. goal · focus area' rows) or 'area' ('Kärki: focus area', for a chart of one goal)."""
    fig.clear()
    months = tracker.all_months() if months is None else months
    rows = _heatmap_rows(tracker, captions)
    title = title or t("Kehittämistoimenpiteiden arviot kuukausittain", "Development measure ratings by month")
    if not rows or not months:
        ax = fig.add_subplot(111)
        ax.axis("off")
        ax.text(0.5, 0.5, t("Ei kehittämistoimenpiteitä tai seurattavia kuukausia.", "No development measures or months to show."),
                ha="center", va="center")
        fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")
        return
    grid = np.full((len(rows), len(months)), np.nan)
    for i, (kind, item) in enumerate(rows):
        if kind == "measure":
            for j, mo in enumerate(months):
                v = tracker.rating(item.id, mo)
                if v is not None:
                    grid[i, j] = v
    width, height = figure_inches(fig)
    # names get the room the cells leave (a report page with few months), at least LABEL_INCHES
    label_inches = min(max(LABEL_INCHES, width - 0.4 - CELL_INCHES * len(months)), 0.75 * width)
    left = min(label_inches / width, 0.75)
    ax_width = min(CELL_INCHES * len(months) / width, 0.98 - left)
    month_labels, rotation, top_inches = _month_ticks(months, ax_width * width / len(months))
    top = 1 - top_inches / height
    bottom = 0.2 / height
    ax = fig.add_axes((left, bottom, ax_width, top - bottom))
    cmap = ListedColormap([RATING_COLOURS[v] for v in range(RATING_MIN, RATING_MAX + 1)]).with_extremes(bad="#ffffff")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=RATING_MIN - 0.5, vmax=RATING_MAX + 0.5,
                      aspect="auto", interpolation="nearest")
    not_rated = t("ei arvioitu", "not rated")
    set_cell_tips(image, [[f"{item.name} – {mo.label()}: {rating_label(grid[i, j]) if grid[i, j] == grid[i, j] else not_rated}"
                           for j, mo in enumerate(months)] if kind == "measure" else [""] * len(months)
                          for i, (kind, item) in enumerate(rows)],
                  [[("measure", (item.goal_id, item.area_id, item.id, str(mo))) for mo in months]
                   if kind == "measure" else [None] * len(months) for kind, item in rows])
    for i, (kind, _item) in enumerate(rows):
        if kind == "caption":
            ax.axhspan(i - 0.5, i + 0.5, color="#f4f4f4", zorder=2)
    # the numbers as text markers: one scatter per rating is fast even for thousands of cells
    rows_idx, cols_idx = np.indices(grid.shape)
    measure_rows = np.array([kind == "measure" for kind, _ in rows])[:, None] & np.ones(grid.shape, dtype=bool)
    for v in range(RATING_MIN, RATING_MAX + 1):
        sel = grid == v
        if sel.any():
            ax.scatter(cols_idx[sel], rows_idx[sel], marker=f"${v}$", s=42, c=RATING_TEXT_COLOURS[v], linewidths=0,
                       zorder=3, label=f"_rating_{v}")
    empty = np.isnan(grid) & measure_rows
    if empty.any():
        ax.scatter(cols_idx[empty], rows_idx[empty], marker="_", s=20, c="#9a9a9a", linewidths=0.8, zorder=3,
                   label="_not_rated")
    ax.set_xticks(range(len(months)), month_labels, rotation=rotation, ha="center", fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)))
    chars = int((left * width - 0.15) / NAME_CHAR_INCHES)
    labels = [("", 7.5) if kind == "caption" else _name_label(item.name, chars) for kind, item in rows]
    ax.set_yticklabels([text for text, _size in labels], fontsize=7.5, linespacing=1.0)
    for tick, (_text, size) in zip(ax.get_yticklabels(), labels, strict=True):
        tick.set_fontsize(size)
    # captions run from the left edge of the figure over the label column
    caption_at = blended_transform_factory(getattr(fig, "transSubfigure", fig.transFigure), ax.transData)
    for i, (kind, item) in enumerate(rows):
        if kind == "caption":
            ax.text(0.01, i, item, transform=caption_at, ha="left", va="center", fontsize=8, fontweight="bold", clip_on=False)
    ax.set_xticks(np.arange(-0.5, len(months)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(axis="y", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(facecolor=RATING_COLOURS[v], edgecolor="#666666", label=rating_label(v)) for v in range(RATING_MIN, RATING_MAX + 1)]
    handles.append(Patch(facecolor="#ffffff", edgecolor="#666666", label="– " + t("ei arvioitu", "not rated")))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.005, 1 - 0.3 / height), ncol=6, fontsize=8, frameon=False)
    fig.suptitle(title, x=0.01, ha="left", y=1 - 0.06 / height, va="top", fontsize=11, fontweight="bold")


# ------------------------------------------------------------------ distribution
def _groups(tracker: Tracker, by: str) -> list[tuple[str, list[int]]]:
    if by == "goal":
        items = sorted(tracker.goals, key=lambda g: (g.position, g.id))
        return [(g.name, [m.id for m in tracker.measures_of(goal_id=g.id)]) for g in items]
    if by == "area":
        items = sorted(tracker.areas, key=lambda a: (a.position, a.id))
        return [(a.name, [m.id for m in tracker.measures_of(area_id=a.id)]) for a in items]
    raise ValueError(f"by must be 'goal' or 'area', not {by!r}")


def _group_keys(tracker: Tracker, by: str) -> list[tuple[int, list[int]]]:
    """(goal or area id, its measure ids) in the order of `_groups`."""
    if by == "goal":
        items = sorted(tracker.goals, key=lambda g: (g.position, g.id))
        return [(g.id, [m.id for m in tracker.measures_of(goal_id=g.id)]) for g in items]
    items = sorted(tracker.areas, key=lambda a: (a.position, a.id))
    return [(a.id, [m.id for m in tracker.measures_of(area_id=a.id)]) for a in items]


def distribution_table(tracker: Tracker, by: str, months: list[Month] | None = None) -> list[dict]:
    """[{'group', 'month', 'counts': {1..5, None: n}}] per goal/area and month; a measure keeps its
    latest earlier rating in a month it was not rated (the state carries over)."""
    months = chart_months(tracker) if months is None else months
    out = []
    for name, ids in _groups(tracker, by):
        if not ids:
            continue
        for mo, counts in zip(months, tracker.distribution_series(months, ids), strict=True):
            out.append({"group": name, "month": str(mo), "counts": counts})
    return out


def distribution_size(tracker: Tracker, by: str) -> tuple[float, float]:
    n = sum(1 for _name, ids in _groups(tracker, by) if ids)
    cols = 2 if n > 3 else 1
    rows = max(1, -(-n // cols))
    return (11.0 if cols == 2 else 8.0, 1.3 + 2.6 * rows)


def draw_rating_distribution(fig: Figure, tracker: Tracker, by: str = "goal", months: list[Month] | None = None,
                             title: str | None = None) -> None:
    """Small multiples: per goal (by='goal') or focus area (by='area'), a stacked bar per month with
    the number of measures at each rating 1-5 and not yet rated; counts are written in the bars."""
    fig.clear()
    months = chart_months(tracker) if months is None else months
    numbered = [(f"{i}. {name}" if by == "goal" else name, ids) for i, (name, ids) in enumerate(_groups(tracker, by), 1)]
    groups = [(name, ids) for name, ids in numbered if ids]
    title = title or (
        t("Toimenpiteiden arviot hyötytavoitteittain", "Measure ratings by benefit goal") if by == "goal"
        else t("Toimenpiteiden arviot kärjittäin", "Measure ratings by focus area")
    )
    if not groups or not months:
        ax = fig.add_subplot(111)
        ax.axis("off")
        ax.text(0.5, 0.5, t("Ei arvioituja kehittämistoimenpiteitä.", "No rated development measures."), ha="center", va="center")
        fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")
        return
    cols = 2 if len(groups) > 3 else 1
    nrows = -(-len(groups) // cols)
    width, height = figure_inches(fig)
    axes = fig.subplots(nrows, cols, squeeze=False, sharey=False)
    fig.subplots_adjust(top=1 - 1.0 / height, bottom=0.35 / height, hspace=0.75, wspace=0.25, left=0.07, right=0.98)
    levels: list[int | None] = [*range(RATING_MIN, RATING_MAX + 1), None]
    x = np.arange(len(months))
    slot = width * 0.9 / cols / max(len(months), 6)  # inches per month in a panel
    tick_labels, rotation, _top = _month_ticks(months, slot + 0.06, few=6)
    keys = [(by, key) for key, ids in _group_keys(tracker, by) if ids]
    for k, (name, ids) in enumerate(groups):
        ax = axes[k // cols][k % cols]
        counts = tracker.distribution_series(months, ids)
        base = np.zeros(len(months))
        # a count is written in its bar part when the part is tall enough for 7 pt text (hatches and
        # colours still tell the rating of a thinner part)
        min_count = 0.11 / (ax.get_window_extent().height / fig.figure.dpi / (len(ids) * 1.05))
        for level in levels:
            heights = np.array([c[level] for c in counts], dtype=float)
            colour = UNRATED_COLOUR if level is None else RATING_COLOURS[level]
            bars = ax.bar(x, heights, bottom=base, color=colour, edgecolor="#555555", linewidth=0.5,
                          hatch=HATCHES[level], width=0.7)
            what = rating_label(level) if level is not None else t("ei arvioitu", "not rated")
            set_bar_tips(bars, [t(f"{name} – {mo.label()}: {int(h)}/{len(ids)} toimenpidettä, {what}",
                                  f"{name} – {mo.label()}: {int(h)}/{len(ids)} measures, {what}") if h > 0 else ""
                                for mo, h in zip(months, heights, strict=True)],
                         [keys[k] if by == "goal" else None] * len(months))
            for xi, (h, b) in enumerate(zip(heights, base, strict=True)):
                if h >= max(1, min_count):
                    txt_colour = "#000000" if level is None else RATING_TEXT_COLOURS[level]
                    label = f"{int(h)}" if level is None else f"{level}: {int(h)}"
                    ax.text(xi, b + h / 2, label, ha="center", va="center", fontsize=7, color=txt_colour,
                            bbox={"facecolor": colour, "edgecolor": "none", "pad": 1.5} if HATCHES[level] else None)
            base += heights
        ax.set_title("\n".join(textwrap.wrap(name, 60)[:2]), fontsize=8.5, loc="left")
        ax.set_xticks(x, tick_labels, fontsize=7 if len(months) > 6 else 7.5, rotation=rotation)
        ax.set_ylim(0, len(ids) * 1.05)
        ax.set_xlim(-0.6, max(len(months), 6) - 0.4)  # a lone month stays a bar, not a wall
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        ax.set_ylabel(t("toimenpiteitä", "measures"), fontsize=8)
        ax.tick_params(axis="y", labelsize=7.5)
        in_use = counts[-1][RATING_MAX]
        ax.text(1.0, 1.02, t(f"käytössä {in_use}/{len(ids)}", f"in use {in_use}/{len(ids)}"), transform=ax.transAxes,
                ha="right", va="bottom", fontsize=7.5)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
    for k in range(len(groups), nrows * cols):
        axes[k // cols][k % cols].axis("off")
    handles = [Patch(facecolor=RATING_COLOURS[v], hatch=HATCHES[v], edgecolor="#555555", label=rating_label(v))
               for v in range(RATING_MIN, RATING_MAX + 1)]
    handles.append(Patch(facecolor=UNRATED_COLOUR, edgecolor="#555555", label=t("ei arvioitu", "not rated")))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.01, 1 - 0.3 / height), ncol=6, fontsize=7.5, frameon=False)
    fig.suptitle(title, x=0.01, ha="left", y=1 - 0.05 / height, va="top", fontsize=11, fontweight="bold")
    fig.text(0.99, 1 - 0.1 / height, t("Kuukautena, jona toimenpidettä ei arvioitu, se lasketaan edellisen arvionsa mukaan.",
                                       "A measure not rated in a month counts with its previous rating."),
             ha="right", va="top", fontsize=7.5, color="#444444")
