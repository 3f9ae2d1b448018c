"""Reach charts drawn on a matplotlib Figure (no Qt, no pyplot), shared by the page and the report.

- `draw_reach_curve`: share of the target population (%) reached within t minutes, per goal, with the
  goal's threshold and target drawn in and the met / not-met verdict in words.
- `draw_goal_summary`: one horizontal bar per goal (coverage %), with each target marked.

On hover the curve's points and the threshold marker say their exact share (desktop.charts.hover); a
click on the marker drills into ("map", goal name). Figures follow desktop.core.lang ('87,5 %' in Finnish, '87.5 %' in English; see desktop.charts.numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

from desktop.charts.hover import set_bar_tips, set_point_tips, set_tip
from desktop.charts.numbers import number, short
from desktop.core.lang import t

MET_COLOUR = "#1a7f37"
NOT_MET_COLOUR = "#c62828"
CURVE_COLOUR = "#1f5fa8"


@dataclass
class CurveData:
    """One goal's curve: step points (minutes, % of the whole target population)."""

    name: str
    minutes: np.ndarray
    share_pct: np.ndarray
    threshold: float
    target_pct: float
    coverage_pct: float
    estimate: bool = False

    @property
    def met(self) -> bool:
        return self.coverage_pct >= self.target_pct


def _tidy(fig, **margins) -> None:
    """tight_layout on a Figure; a SubFigure (a report page part) has none: fixed margins there."""
    if hasattr(fig, "tight_layout"):
        fig.tight_layout()
    elif margins:
        fig.subplots_adjust(**margins)


def verdict(met: bool) -> str:
    return t("toteutuu", "met") if met else t("ei toteudu", "not met")


def draw_reach_curve(fig: Figure, curves: Sequence[CurveData], max_minutes: float | None = None) -> None:
    """One panel per goal (side by side, at most three per row)."""
    fig.clear()
    if not curves:
        ax = fig.add_subplot(111)
        ax.set_axis_off()
        ax.text(0.5, 0.5, t("Ei tavoitteita näytettäväksi.", "No goals to show."), ha="center", va="center")
        return
    cols = min(3, len(curves))
    rows = int(np.ceil(len(curves) / cols))
    for i, c in enumerate(curves):
        ax = fig.add_subplot(rows, cols, i + 1)
        limit = max_minutes or max(2 * c.threshold, float(c.minutes.max()) if len(c.minutes) else 0.0)
        x = np.r_[c.minutes[c.minutes <= limit], limit]
        y = np.r_[c.share_pct[c.minutes <= limit], c.share_pct[c.minutes <= limit][-1] if (c.minutes <= limit).any() else 0]
        ax.step(x, y, where="post", color=CURVE_COLOUR, lw=1.8, label=t("osuus kohdeväestöstä", "share of target population"))
        steps = ax.scatter(x[:-1], y[:-1], s=10, color=CURVE_COLOUR, zorder=4)
        set_point_tips(steps, [t(f"{c.name}: {number(share, 1)} % kohdeväestöstä enintään {short(minute)} min päässä",
                                 f"{c.name}: {number(share, 1)} % of the target population within {short(minute)} min")
                               for minute, share in zip(x[:-1], y[:-1], strict=True)])
        ax.axvline(c.threshold, color="#555555", ls="--", lw=1)
        ax.axhline(c.target_pct, color="#555555", ls=":", lw=1)
        colour = MET_COLOUR if c.met else NOT_MET_COLOUR
        marker = ax.plot([c.threshold], [c.coverage_pct], "o", color=colour, ms=7, zorder=5)[0]
        set_tip(marker, t(f"{c.name}: {number(c.coverage_pct, 1)} % kohdeväestöstä {short(c.threshold)} minuutissa, "
                          f"tavoite {short(c.target_pct)} % – {verdict(c.met)}. Napsauta: kartalle.",
                          f"{c.name}: {number(c.coverage_pct, 1)} % of the target population within "
                          f"{short(c.threshold)} min, target {short(c.target_pct)} % – {verdict(c.met)}. Click: to the map."),
                ("map", c.name))
        ax.annotate(f"{number(c.coverage_pct, 1)} % ({verdict(c.met)})", (c.threshold, c.coverage_pct),
                    textcoords="offset points", xytext=(6, -16), color=colour, fontsize=9, fontweight="bold")
        ax.text(limit * 0.01, c.target_pct, f"{t('tavoite', 'target')} {short(c.target_pct)} %", va="bottom", ha="left",
                fontsize=8, color="#555555")
        ax.text(c.threshold, 2, f" {short(c.threshold)} min", fontsize=8, color="#555555")
        title = c.name + (t(" (arvio)", " (estimate)") if c.estimate else "")
        ax.set_title(title, fontsize=10)
        ax.set_xlim(0, limit)
        ax.set_ylim(0, 104)  # a point at 100 % lies inside the chart, where the mouse can reach it
        ax.set_yticks(range(0, 101, 20))
        ax.set_xlabel(t("matka-aika, min", "travel time, min"))
        ax.set_ylabel(t("% kohdeväestöstä", "% of target population"))
        ax.grid(alpha=0.3)
    if any(c.estimate for c in curves):
        fig.text(0.01, 0.005, t("Arvio: linnuntie × kiertokerroin / nopeus.",
                                "Estimate: straight line × detour factor / speed."), fontsize=8, color="#8a5a00")
    _tidy(fig, hspace=0.45, wspace=0.3, bottom=0.1, top=0.93)


def draw_goal_summary(fig: Figure, names: Sequence[str], coverage_pct: Sequence[float], target_pct: Sequence[float]) -> None:
    """Horizontal bars of coverage per goal, the target marked, met / not met in words."""
    fig.clear()
    ax = fig.add_subplot(111)
    y = np.arange(len(names))[::-1]
    met = [c >= tg for c, tg in zip(coverage_pct, target_pct, strict=True)]
    bars = ax.barh(y, coverage_pct, color=[MET_COLOUR if m else NOT_MET_COLOUR for m in met], alpha=0.85)
    set_bar_tips(bars, [t(f"{n}: {number(c, 1)} %, tavoite {short(tg)} % – {verdict(m)}",
                          f"{n}: {number(c, 1)} %, target {short(tg)} % – {verdict(m)}")
                        for n, c, tg, m in zip(names, coverage_pct, target_pct, met, strict=True)])
    for yi, c, tg, m in zip(y, coverage_pct, target_pct, met, strict=True):
        ax.plot([tg, tg], [yi - 0.4, yi + 0.4], color="black", lw=2)
        ax.text(min(c, 100) + 1, yi, f"{number(c, 1)} % ({verdict(m)})", va="center", fontsize=8)
    ax.set_yticks(y, list(names), fontsize=8)
    ax.set_xlim(0, 135)  # room for "100,0 % (ei toteudu)" after a full bar
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel(t("% kohdeväestöstä tavoiteajassa (musta viiva = tavoite)",
                    "% of target population within the threshold (black line = target)"))
    _tidy(fig, left=0.3, right=0.97, bottom=0.12, top=0.96)
