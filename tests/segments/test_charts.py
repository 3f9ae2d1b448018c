"""The segment and traffic-light charts draw on a plain matplotlib Figure (no Qt) and write "<5"."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop.charts import segments as seg_charts
from desktop.charts import traffic_lights as tl_charts


def figure() -> Figure:
    fig = Figure(figsize=(10, 6))
    FigureCanvasAgg(fig)
    return fig


def texts(fig: Figure) -> list[str]:
    fig.canvas.draw()
    out = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    return [t for t in out if t]


def test_segment_charts_render_and_suppress_small_groups():
    sizes = pd.DataFrame({"segment": ["A", "B"], "year": [2024, 2024], "persons": [120, 3],
                          "per_1000": [12.5, 0.3]})
    fig = figure()
    seg_charts.draw_segment_sizes(fig, sizes, 2024)
    shown = texts(fig)
    assert "<5" in shown and any(t.startswith("120") for t in shown)
    overlaps = np.array([[120, 2], [2, 3]])
    seg_charts.draw_overlap_matrix(fig, ["A", "B"], overlaps, 121)
    assert texts(fig).count("<5") == 3
    seg_charts.draw_upset(fig, ["A", "B"], [((0,), 118), ((0, 1), 2)], 121)
    assert "<5" in texts(fig)
    proj = pd.DataFrame({"segment": ["A"] * 3, "year": [2023, 2024, 2030], "clients": [110.0, 120.0, 131.6],
                         "kind": ["observed", "observed", "projected"], "base_year": [2024] * 3})
    seg_charts.draw_projection(fig, proj)
    assert any("132" in t for t in texts(fig))


def test_traffic_light_bars_write_levels_and_row_totals():
    shares = pd.DataFrame({"segment": ["Lapset", "Iäkkäät"], "green": [310.0, 10.0], "yellow": [200.0, 40.0],
                           "red": [490.0, 50.0], "unclassified": [0.0, 0.0]})
    total = shares[["green", "yellow", "red"]].sum(axis=1)
    for lv in ("green", "yellow", "red", "unclassified"):
        shares[f"share_{lv}"] = shares[lv] / total
    shares["total"] = total
    fig = figure()
    tl_charts.draw_level_bars(fig, shares, "cost_eur", small={("Iäkkäät", "red"): True},
                              row_totals={"Iäkkäät": "<5"})
    shown = texts(fig)
    assert "31\u00a0%" in shown and "49\u00a0%" in shown  # Lapset: green and red shares
    assert "1\u00a0000\u00a0€" in shown  # absolute figure at the row end, Finnish format
    assert shown.count("<5") == 2  # the small cell and the row total
    assert {"vihreä", "keltainen", "punainen"} <= set(shown)  # levels also written in text
