"""Charts of personnel and the books, drawn on a matplotlib Figure passed in (no pyplot, no Qt):
the reconciliation of ledger euros with event euros per AURA class."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from desktop.charts.numbers import eur, percent
from desktop.core.lang import t

LEDGER_COLOUR = "#BBBBBB"
EVENT_COLOUR = "#0072B2"


def draw_reconciliation(fig: Figure, table: pd.DataFrame, subtitle: str = "", top: int = 18) -> None:
    """Per AURA class (the `top` largest by ledger euros): ledger euros as a grey bar, the event euros
    inside it in blue, and the coverage % at the bar's end. `table`: aura_code, aura_name, ledger_eur,
    event_eur, coverage_pct."""
    fig.clear()
    # a filtered table's hidden classes have no ledger euros either (None): drawn without bars
    rows = table.assign(ledger_eur=pd.to_numeric(table["ledger_eur"], errors="coerce")).sort_values(
        "ledger_eur", ascending=False, na_position="last").head(top).iloc[::-1]
    ax = fig.add_axes((0.36, 0.1, 0.5, 0.76))
    y = np.arange(len(rows))
    ledger = rows["ledger_eur"].to_numpy(dtype=float)
    events = pd.to_numeric(rows["event_eur"], errors="coerce").to_numpy(dtype=float)
    ax.barh(y, ledger, color=LEDGER_COLOUR, height=0.75, label=t("kirjanpito", "ledger"))
    ax.barh(y, events, color=EVENT_COLOUR, height=0.45, label=t("tapahtumat", "events"))
    labels = [f"{c} {n}"[:46] for c, n in zip(rows["aura_code"], rows["aura_name"], strict=True)]
    ax.set_yticks(y, labels, fontsize=7)
    both = np.append(ledger, events)
    right = float(np.nanmax(both)) if np.isfinite(both).any() else 1.0
    for i, rec in enumerate(rows.to_dict("records")):
        cover = rec["coverage_pct"]  # None where the class's event euros are hidden
        text = "–" if cover is None or cover != cover else percent(cover / 100.0)
        event = rec["event_eur"] if rec["event_eur"] is not None else float("nan")  # hidden: a small class
        end = np.array([rec["ledger_eur"], event], dtype=float)
        ax.text((float(np.nanmax(end)) if np.isfinite(end).any() else 0.0) + right * 0.01, y[i], text, va="center",
                fontsize=7)
    ax.set_xlim(0, right * 1.15)
    ax.xaxis.set_major_formatter(lambda v, _pos: eur(v))
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    fig.suptitle(t("Kirjanpito ja tapahtumatieto AURA-luokittain: kattavuus",
                   "Ledger and event data by AURA class: coverage"), x=0.01, ha="left", fontsize=12,
                 fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.93, subtitle, ha="left", va="top", fontsize=8, color="#444444")
