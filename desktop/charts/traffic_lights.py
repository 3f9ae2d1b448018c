"""Traffic-light charts drawn on a matplotlib Figure passed in (no pyplot, no Qt).

Colours are colour-blind safe (Okabe-Ito bluish green, yellow, vermillion; grey for unclassified)
and every level is also written in text. Texts and numbers follow desktop.core.lang (Finnish: '1 234 €',
'12,5 %'; English: '€1,234', '12.5 %'; see desktop.charts.numbers). Groups of 1-4 persons are written
"<5" (see desktop.analysis.privacy). The *_NAMES_FI tables stay Finnish (reports and the CLI use them);
`level_name`, `measure_name` and `structure_name` give the word in the current language; these words
and colours live in desktop.charts.traffic_light_labels (imported from here too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from desktop.analysis.privacy import SUPPRESSED
from desktop.charts.hover import set_bar_tips, set_cell_tips, set_point_tips
from desktop.charts.numbers import eur, number, percent
from desktop.charts.traffic_light_labels import (
    LEVEL_COLOURS,
    LEVEL_NAMES_EN,
    LEVEL_NAMES_FI,
    LEVEL_TEXT_COLOURS,
    LEVELS,
    MEASURE_NAMES_EN,
    MEASURE_NAMES_FI,
    STRUCTURE_COLOURS,
    STRUCTURE_NAMES_EN,
    STRUCTURE_NAMES_FI,
    filters_subtitle,
    level_name,
    measure_name,
    measure_text,
    short_labels,
    structure_name,
)
from desktop.core.lang import t

__all__ = [  # the words and colours live in desktop.charts.traffic_light_labels; callers import them from here too
    "LEVELS", "LEVEL_COLOURS", "LEVEL_NAMES_EN", "LEVEL_NAMES_FI", "LEVEL_TEXT_COLOURS", "MEASURE_NAMES_EN",
    "MEASURE_NAMES_FI", "STRUCTURE_COLOURS", "STRUCTURE_NAMES_EN", "STRUCTURE_NAMES_FI", "draw_comparison",
    "draw_heat_table", "draw_level_bars", "draw_level_shift", "draw_pareto", "draw_structure", "filters_subtitle",
    "level_name", "measure_name", "measure_text", "pareto_table", "short_labels", "structure_name",
]


def _titles(fig: Figure, title: str, subtitle: str = "") -> None:
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.93, subtitle, ha="left", va="top", fontsize=8, color="#444444")



def draw_level_bars(fig: Figure, shares: pd.DataFrame, measure: str = "cost_eur", title: str = "",
                    subtitle: str = "", small: Mapping[tuple[str, str], bool] | None = None,
                    row_totals: Mapping[str, object] | None = None) -> None:
    """The seed's central picture: one row per group (first column of `shares`), a 100 % bar split
    green / yellow / red / unclassified, with the absolute figure at the end of the row.

    `shares` comes from `analysis.traffic_lights.level_shares` (or `reports.traffic_light.central_table`,
    whose `share_hidden` is the hidden cells of a row drawn together in grey). `small[(group, level)]`
    marks hidden cells ("<5", ".." or True): no share is written for them. `row_totals` overrides the
    figure written at the row end (e.g. distinct persons, or "<5").
    """
    fig.clear()
    dim = shares.columns[0]
    groups = [str(g) for g in shares[dim]]
    n = len(groups)
    ax = fig.add_axes((0.28, 0.12, 0.58, 0.74))
    y = np.arange(n)[::-1]
    left = np.zeros(n)
    small = small or {}
    for level in LEVELS:
        widths = shares[f"share_{level}"].to_numpy(dtype=float)
        if level == "unclassified" and not widths.any():
            continue
        bars = ax.barh(y, widths, left=left, color=LEVEL_COLOURS[level], edgecolor="white", height=0.7,
                       label=level_name(level))
        figures = shares[level].to_numpy(dtype=float) if level in shares.columns else np.full(n, np.nan)
        set_bar_tips(bars, [f"{groups[i]} – {level_name(level)}: {percent(widths[i], 1)} "
                            f"({measure_text(figures[i], measure)})" if widths[i] > 0 else "" for i in range(n)],
                     [(dim, groups[i]) for i in range(n)])
        merged = "share_hidden" in shares.columns  # hidden cells drawn together below
        for i in range(n):
            mark = small.get((groups[i], level))
            if mark and not merged:
                text = mark if isinstance(mark, str) else SUPPRESSED
            elif not mark and widths[i] >= 0.09:
                text = percent(widths[i])
            else:
                continue
            ax.text(left[i] + widths[i] / 2, y[i], text, ha="center", va="center", fontsize=8,
                    color=LEVEL_TEXT_COLOURS[level])
        left += widths
    if "share_hidden" in shares.columns and (shares["share_hidden"] > 0).any():
        widths = shares["share_hidden"].to_numpy(dtype=float)
        bars = ax.barh(y, widths, left=left, color="#bbbbbb", hatch="///", edgecolor="white", height=0.7,
                       label=t("piilotettu (pieni ryhmä)", "hidden (small group)"))
        set_bar_tips(bars, [t(f"{groups[i]}: piilotettu, jotta pienen ryhmän lukua ei voi päätellä",
                              f"{groups[i]}: hidden so that a small group's figure cannot be worked out")
                            if widths[i] > 0 else "" for i in range(n)], [(dim, groups[i]) for i in range(n)])
        for i in range(n):
            marks = sorted({str(v) if isinstance(v, str) else SUPPRESSED for (g, _lv), v in small.items()
                            if g == groups[i] and v})
            if widths[i] >= 0.05 and marks:
                ax.text(left[i] + widths[i] / 2, y[i], " ".join(marks), ha="center", va="center", fontsize=7)
        left += widths
    totals = shares["total"].to_numpy(dtype=float)
    for i in range(n):
        value = (row_totals or {}).get(groups[i], totals[i])
        ax.text(1.02, y[i], measure_text(value, measure), ha="left", va="center", fontsize=9)
    ax.set_yticks(y, groups, fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0 %", "25 %", "50 %", "75 %", "100 %"], fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(ncols=4, loc="upper left", bbox_to_anchor=(0, -0.06), fontsize=8, frameon=False)
    _titles(fig, title or t(f"Liikennevalojakauma: {measure_name(measure)}",
                            f"Traffic-light distribution: {measure_name(measure)}"), subtitle)


def draw_level_shift(fig: Figure, before: pd.DataFrame, after: pd.DataFrame, year_before: int, year_after: int,
                     measure: str = "cost_eur", targets: Sequence[dict] | None = None, subtitle: str = "") -> None:
    """Year-over-year: per group and level, the share in `year_before` (hollow dot) and `year_after`
    (filled dot) joined by an arrow; targets of `year_after` or later as black diamonds."""
    fig.clear()
    dim = after.columns[0]
    groups = [str(g) for g in after[dim]]
    b = before.set_index(before.columns[0])
    y = np.arange(len(groups))[::-1]
    axes = fig.subplots(1, 3, sharey=True, gridspec_kw={"left": 0.26, "right": 0.98, "top": 0.84, "bottom": 0.14})
    for ax, level in zip(axes, ("green", "yellow", "red"), strict=True):
        new = after[f"share_{level}"].to_numpy(dtype=float)
        old = np.array([float(b.loc[g, f"share_{level}"]) if g in b.index else np.nan for g in after[dim]])
        for yi, o, nw in zip(y, old, new, strict=True):
            if o == o and nw == nw:  # a hidden share (NaN) is not drawn
                ax.annotate("", xy=(nw, yi), xytext=(o, yi),
                            arrowprops={"arrowstyle": "->", "color": LEVEL_COLOURS[level], "lw": 1.5})
        # the earlier year as a wide ring, the later as a dot inside it: an unchanged share shows both
        tips = [t(f"{g} – {level_name(level)}: {year_before} {percent(o, 1)}, {year_after} {percent(nw, 1)}",
                  f"{g} – {level_name(level)}: {year_before} {percent(o, 1)}, {year_after} {percent(nw, 1)}")
                for g, o, nw in zip(groups, old, new, strict=True)]
        keys = [(dim, g) for g in groups]
        rings = ax.scatter(old, y, facecolors="none", edgecolors=LEVEL_COLOURS[level], linewidths=1.8, s=95,
                           zorder=3, label=t(f"{year_before} (rengas)", f"{year_before} (ring)"))
        dots = ax.scatter(new, y, color=LEVEL_COLOURS[level], edgecolors="black", linewidths=0.4, s=26, zorder=4,
                          label=t(f"{year_after} (piste)", f"{year_after} (dot)"))
        set_point_tips(rings, tips, keys)
        set_point_tips(dots, tips, keys)
        for target in targets or ():
            if target.get("level") == level and target.get("segment") in groups:
                yi = y[groups.index(target["segment"])]
                ax.scatter([target["share"]], [yi], marker="D", color="black", s=22, zorder=4)
                ax.text(target["share"], yi + 0.28, t(f"tavoite {target['year']}", f"target {target['year']}"), fontsize=6, ha="center")
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.5, 1.0], ["0 %", "50 %", "100 %"], fontsize=8)
        ax.set_title(level_name(level), fontsize=10)
        ax.grid(axis="x", color="#dddddd")
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_yticks(y, groups, fontsize=9)
    axes[0].legend(fontsize=7, loc="lower left", bbox_to_anchor=(0, -0.2), ncols=2, frameon=False)
    _titles(fig, t(f"Painopisteen siirtymä {year_before}–{year_after}: {measure_name(measure)}",
                   f"Shift of emphasis {year_before}–{year_after}: {measure_name(measure)}"),
            subtitle + (t("  ◆ = tavoite", "  ◆ = target") if targets else ""))


def draw_structure(fig: Figure, structure: pd.DataFrame, subtitle: str = "") -> None:
    """Service structure: shares of outpatient / housing / institutional services of euros, contacts
    and clients (and ledger euros and FTEs when the table has them). `structure` has columns structure,
    cost_eur, contacts, clients[, ledger_eur, fte] (summed over levels)."""
    fig.clear()
    ax = fig.add_axes((0.2, 0.2, 0.75, 0.62))
    measures = [m for m in ("cost_eur", "ledger_eur", "fte", "contacts", "clients") if m in structure.columns]
    y = np.arange(len(measures))[::-1]
    left = np.zeros(len(measures))
    for rec in structure.to_dict("records"):
        name = str(rec["structure"])
        widths = []
        for m in measures:
            total = float(structure[m].sum())
            widths.append(float(rec[m]) / total if total else 0.0)
        widths = np.array(widths)
        bars = ax.barh(y, widths, left=left, color=STRUCTURE_COLOURS.get(name, "#999999"), edgecolor="white",
                       height=0.6, label=structure_name(name))
        key = ("structure", name) if name in STRUCTURE_COLOURS else None
        set_bar_tips(bars, [f"{structure_name(name)} – {measure_name(m)}: {percent(w, 1)} ({measure_text(rec[m], m)})"
                            for m, w in zip(measures, widths, strict=True)], [key] * len(measures))
        for i, w in enumerate(widths):
            if w >= 0.08:
                ax.text(left[i] + w / 2, y[i], percent(w), ha="center", va="center", fontsize=8,
                        color="white" if name in ("asumis", "laitos") else "black")
        left += widths
    ax.set_yticks(y, [measure_name(m).capitalize() for m in measures], fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.5, 1.0], ["0 %", "50 %", "100 %"], fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(ncols=4, loc="upper left", bbox_to_anchor=(0, -0.1), fontsize=8, frameon=False)
    _titles(fig, t("Palvelurakenne: avo-, asumis- ja laitospalvelut",
                   "Service structure: outpatient, housing and institutional services"), subtitle)


def pareto_table(rows: pd.DataFrame, dim: str = "service", measure: str = "cost_eur", top: int = 15) -> pd.DataFrame:
    """The largest groups by `measure` (summed over levels) with their cumulative share (0..1)."""
    totals = rows.groupby(dim, sort=False)[[measure]].sum().sort_values(measure, ascending=False)
    grand = float(totals[measure].sum())
    totals["share"] = totals[measure] / grand if grand else 0.0
    totals["cumulative"] = totals["share"].cumsum()
    return totals.head(top).reset_index()


def draw_pareto(fig: Figure, pareto: pd.DataFrame, measure: str = "cost_eur", subtitle: str = "",
                levels: pd.DataFrame | None = None) -> None:
    """Pareto chart: bars of the largest services, line of the cumulative share. With `levels` (one
    row per service of `pareto`, columns green / yellow / red / unclassified / hidden holding the
    measure) each bar is split by traffic-light level; a hidden part is grey and hatched."""
    fig.clear()
    dim = pareto.columns[0]
    ax = fig.add_axes((0.09, 0.36, 0.8, 0.5))
    x = np.arange(len(pareto))
    names = [str(v) for v in pareto[dim]]
    values = pareto[measure].to_numpy(dtype=float)
    keys = [(dim, name) if name != t(*_HIDDEN_GROUP) else None for name in names]
    if levels is None:
        bars = ax.bar(x, values, color="#0072B2")
        set_bar_tips(bars, [f"{name}: {measure_text(v, measure)}" for name, v in zip(names, values, strict=True)], keys)
    else:
        bottom = np.zeros(len(pareto))
        parts = [(level, LEVEL_COLOURS[level], None, level_name(level)) for level in LEVELS]
        parts.append(("hidden", "#bbbbbb", "///", t("piilotettu (pieni ryhmä)", "hidden (small group)")))
        for level, colour, hatch, label in parts:
            heights = levels[level].to_numpy(dtype=float) if level in levels.columns else np.zeros(len(pareto))
            heights = np.nan_to_num(heights)
            if not heights.any():
                continue
            bars = ax.bar(x, heights, bottom=bottom, color=colour, hatch=hatch, edgecolor="white", linewidth=0.5,
                          label=label)
            if level == "hidden":  # never a figure for hidden cells, not even their sum
                tips = [t(f"{name}: osa piilotettu, jotta pienen ryhmän lukua ei voi päätellä",
                          f"{name}: part hidden so that a small group's figure cannot be worked out") if h > 0 else ""
                        for name, h in zip(names, heights, strict=True)]
            else:
                tips = [f"{name} – {label}: {measure_text(h, measure)} ({percent(h / v if v else 0, 1)})"
                        if h > 0 else "" for name, h, v in zip(names, heights, values, strict=True)]
            set_bar_tips(bars, tips, keys)
            bottom += heights
        ax.legend(ncols=5, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8, frameon=False)
    top = float(np.nanmax(values)) if len(values) and np.isfinite(values).any() else 1.0
    for xi, v in zip(x, values, strict=True):
        if not v > 0:  # a service hidden for privacy: said so, not an empty gap
            ax.text(xi, top * 0.01, t("piilotettu", "hidden"), rotation=90, ha="center", va="bottom", fontsize=7,
                    color="#777777")
    ax.set_xticks(x, short_labels(names, 30), rotation=55, ha="right", rotation_mode="anchor", fontsize=8)
    ax.yaxis.set_major_formatter(lambda v, _pos: number(v))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylabel(measure_name(measure), fontsize=8)
    twin = ax.twinx()
    cumulative = pareto["cumulative"].to_numpy(dtype=float)
    line = twin.plot(x, cumulative, color="#333333", marker="o", ms=3, lw=1.2)[0]
    line.set_label(t("kertymä", "cumulative"))
    points = twin.scatter(x, cumulative, s=14, color="#333333", zorder=3)
    set_point_tips(points, [t(f"{i + 1} suurinta palvelua: {percent(c, 1)} yhteensä",
                              f"{i + 1} largest services: {percent(c, 1)} in all") if c == c else ""
                            for i, c in enumerate(cumulative)])
    twin.set_ylim(0, 1.05)
    twin.yaxis.set_major_formatter(lambda v, _pos: percent(v))
    twin.tick_params(axis="y", labelsize=8)
    twin.set_ylabel(t("kertymä (viiva)", "cumulative (line)"), fontsize=8)
    ax.spines[["top"]].set_visible(False)
    _titles(fig, t(f"Suurimmat palvelut: {measure_name(measure)} ja kertymä",
                   f"Largest services: {measure_name(measure)} and cumulative share"), subtitle)


_HIDDEN_GROUP = ("piilotettu", "hidden")


def draw_heat_table(fig: Figure, table: pd.DataFrame, columns: Sequence[str], headers: Sequence[str],
                    formats: Sequence[str], title: str, subtitle: str = "", row_keys: Sequence | None = None) -> None:
    """A heat table: one row per group (first column of `table`), cells shaded by their column's
    range (a colour scale below says so, and each header gives its column's smallest and largest
    value), values written in the cells. `formats` per column: 'eur', 'percent' or 'number'.
    `row_keys`: the drill key of each row (a click on a cell drills into its row)."""
    fig.clear()
    ax = fig.add_axes((0.22, 0.12, 0.76, 0.68))
    labels = [str(v) for v in table.iloc[:, 0]]
    data = np.array([[_as_float(v) for v in table[c]] for c in columns], dtype=float).T
    norm = np.full_like(data, np.nan)

    def text_of(value, fmt: str) -> str:
        return value if isinstance(value, str) else (
            eur(value) if fmt == "eur" else percent(value) if fmt == "percent" else number(value))

    ranges = []
    for j in range(data.shape[1]):
        col = data[:, j]
        finite = col[np.isfinite(col)]
        if len(finite) and finite.max() > finite.min():
            norm[:, j] = (col - finite.min()) / (finite.max() - finite.min())
        elif len(finite):
            norm[:, j] = 0.5
        ranges.append(f"{text_of(finite.min(), formats[j])}–{text_of(finite.max(), formats[j])}" if len(finite) else "")
    image = ax.imshow(np.nan_to_num(norm, nan=0.0), aspect="auto", cmap="Blues", vmin=-0.15, vmax=1.3)
    tips = []
    for i in range(data.shape[0]):
        row_tips = []
        for j, fmt in enumerate(formats):
            text = text_of(table[columns[j]].iloc[i], fmt)
            ax.text(j, i, text, ha="center", va="center", fontsize=8,
                    color="white" if np.nan_to_num(norm[i, j]) > 0.75 else "black")
            row_tips.append(f"{labels[i]} – {headers[j]}: {text}")
        tips.append(row_tips)
    set_cell_tips(image, tips, [[key] * len(columns) for key in row_keys] if row_keys is not None else None)
    ax.set_xticks(range(len(headers)), [f"{h}\n{r}" for h, r in zip(headers, ranges, strict=True)], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # the colour scale: each column runs from its own smallest (light) to its largest (dark) value
    scale = fig.add_axes((0.22, 0.05, 0.3, 0.025))
    scale.imshow(np.linspace(0, 1, 100)[None, :], aspect="auto", cmap="Blues", vmin=-0.15, vmax=1.3)
    scale.set_yticks([])
    scale.set_xticks([0, 99], [t("sarakkeen pienin", "column's smallest"), t("suurin", "largest")], fontsize=8)
    scale.tick_params(length=0)
    for spine in scale.spines.values():
        spine.set_visible(False)
    fig.text(0.535, 0.062, t("Väri: arvon paikka oman sarakkeensa pienimmän ja suurimman välillä",
                             "Colour: where the value lies between its column's smallest and largest"),
             fontsize=8, va="center", color="#444444")
    _titles(fig, title, subtitle)


def _as_float(value) -> float:
    if value is None or isinstance(value, str):
        return float("nan")
    return float(value)


def draw_comparison(fig: Figure, table: pd.DataFrame, own_name: str, reference_name: str, subtitle: str = "") -> None:
    """Own €/resident beside the reference's per segment: two stacked bars (own above, reference
    below, hatched) split by level. `table` from services.traffic_lights.comparison_table."""
    fig.clear()
    segments = list(dict.fromkeys(table["segment"]))
    ax = fig.add_axes((0.26, 0.12, 0.64, 0.74))
    n = len(segments)
    base = np.arange(n)[::-1] * 1.0
    top = 0.0
    for offset, column, hatch in ((0.2, "eur_per_resident", None), (-0.2, "reference_eur_per_resident", "//")):
        left = np.zeros(n)
        missing = np.zeros(n, dtype=bool)
        for level in LEVELS:
            part = table[table["level"] == level].set_index("segment")[column]
            if part.empty:
                continue
            values = [part.get(s, 0.0) for s in segments]
            gaps = np.array([v is None or v != v for v in values])  # hidden (a small group)
            missing |= gaps
            widths = np.array([0.0 if v is None or v != v else float(v) for v in values])
            bars = ax.barh(base + offset, widths, left=left, height=0.36, color=LEVEL_COLOURS[level], hatch=hatch,
                           edgecolor="white", label=level_name(level) if hatch is None else None)
            who = own_name if hatch is None else reference_name
            set_bar_tips(bars, [t(f"{s} – {level_name(level)} ({who}): {eur(w)} / asukas",
                                  f"{s} – {level_name(level)} ({who}): {eur(w)} / resident") if w > 0 and not gap else ""
                                for s, w, gap in zip(segments, widths, gaps, strict=True)],
                         [("segment", s) for s in segments])
            left += widths
        for y, total, gap in zip(base + offset, left, missing, strict=True):  # no total beside a hidden part
            ax.text(total, y, " " + ("–" if gap else eur(total)), va="center", fontsize=7)
        top = max(top, float(left.max()) if n else 0.0)
    ax.set_yticks(base, segments, fontsize=9)
    ax.set_xlim(0, top * 1.2 if top else 1)
    ax.xaxis.set_major_formatter(lambda v, _pos: number(v))
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(ncols=4, loc="upper left", bbox_to_anchor=(0, -0.06), fontsize=8, frameon=False)
    _titles(fig, t(f"€/asukas: {own_name} (ylempi) ja {reference_name} (alempi, viivoitettu)",
                   f"€/resident: {own_name} (upper) and {reference_name} (lower, hatched)"), subtitle)
