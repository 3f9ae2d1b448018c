"""Report pages and writing them into one PDF with matplotlib's PdfPages.

A `ReportPage` is a chart (a function drawing on a figure), the table behind it (already fit for
display: small groups suppressed) and one generated sentence. Other features add their own pages
to the workshop report by exposing `workshop_pages(store, year) -> list[ReportPage]` in their
services module (see desktop.reports.workshop.SECTION_MODULES).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from desktop.charts.numbers import MISSING, number
from desktop.core.lang import language, t
from desktop.core.progress import NullProgress, Progress
from desktop.reports.figures import new_figure
from desktop.reports.tables import COLUMN_NAMES_EN, COLUMN_NAMES_FI

A4_LANDSCAPE = (11.69, 8.27)
ROWS_ON_CHART_PAGE = 8
ROWS_PER_TABLE_PAGE = 32


@dataclass
class ReportPage:
    title: str
    draw: Callable[[Figure], None]
    table: pd.DataFrame | None = None
    text: str = ""


LEVEL_FI = {"green": "vihreä", "yellow": "keltainen", "red": "punainen", "unclassified": "luokittelematon"}
STRUCTURE_FI = {"avo": "avo", "asumis": "asumis", "laitos": "laitos"}
STATUS_FI = {"met": "saavutettu", "not_met": "ei saavutettu", "no_data": "ei tietoa"}
MEASURE_FI = {"contacts": "käynnit", "clients": "asiakkaat", "cost_eur": "eurot"}
KIND_FI = {"observed": "toteutunut", "projected": "ennuste", "population": "väestösegmentti",
           "client": "asiakassegmentti", "need_level": "palvelutarve"}
HEADERS_FI = {"target": "Tavoite", "actual": "Toteuma", "status": "Tila", "measure": "Mittari",
              "cumulative": "Kertymä", "name": "Nimi"}
LEVEL_EN = {"green": "green", "yellow": "yellow", "red": "red", "unclassified": "unclassified"}
STRUCTURE_EN = {"avo": "outpatient", "asumis": "housing", "laitos": "institutional"}
STATUS_EN = {"met": "met", "not_met": "not met", "no_data": "no data"}
MEASURE_EN = {"contacts": "visits", "clients": "clients", "cost_eur": "euros"}
KIND_EN = {"observed": "observed", "projected": "forecast", "population": "population segment",
           "client": "client segment", "need_level": "service need"}
HEADERS_EN = {"target": "Target", "actual": "Actual", "status": "Status", "measure": "Measure",
              "cumulative": "Cumulative", "name": "Name"}
#: columns whose string cells are report words (other string cells are data: names, codes)
WORDS = {"level": (LEVEL_FI, LEVEL_EN), "status": (STATUS_FI, STATUS_EN), "measure": (MEASURE_FI, MEASURE_EN),
         "kind": (KIND_FI, KIND_EN), "structure": (STRUCTURE_FI, STRUCTURE_EN)}


def _header(column: str, names: dict[str, str], levels: dict[str, str], others: dict[str, str]) -> str:
    if column in names:
        return names[column]
    if column.startswith("share_"):
        parts = column.split("_")
        return " ".join([levels.get(parts[1], parts[1]), *parts[2:], "%"])
    return others.get(column, column)


def header_fi(column: str) -> str:
    """Finnish column header; 'share_green_2024' -> 'vihreä 2024 %'."""
    return _header(column, COLUMN_NAMES_FI, LEVEL_FI, HEADERS_FI)


def header(column: str) -> str:
    """The column header in the current language: 'vihreä 2024 %' / 'green 2024 %'."""
    if language() == "en":
        return _header(column, COLUMN_NAMES_EN, LEVEL_EN, HEADERS_EN)
    return header_fi(column)


def _fmt(value, column: str) -> str:
    """A table cell in the current language: report words (level, status, measure, kind) named,
    numbers in the language's format (desktop.charts.numbers); shares as percentages."""
    if value is None or (isinstance(value, float) and value != value):
        return MISSING
    if isinstance(value, str):
        if column in WORDS:
            names_fi, names_en = WORDS[column]
            return (names_en if language() == "en" else names_fi).get(value, value)
        return value
    if column in ("cost_eur", "eur_per_resident", "eur_per_client", "ledger_eur", "eur_per_contact", "event_eur",
                  "difference_eur", "wages_eur", "wages_per_fte"):
        return number(value, 2 if abs(float(value)) < 100 else 0)
    if column == "fte":  # full-time equivalents: always one decimal (3,0 htv)
        return number(value, 1)
    if column in ("share", "cumulative", "actual", "target", "cost_share", "reference_cost_share") or \
            column.startswith("share_"):
        return number(100 * float(value), 1) + " %"
    if isinstance(value, float) and not value.is_integer():
        return number(value, 1)
    if column == "year":
        return str(int(value))
    return number(value)


def draw_table(fig, table: pd.DataFrame, top: float = 0.95) -> None:
    """The table on the lower part of a page (figure or subfigure), headers and numbers in the current
    language (desktop.core.lang).

    Drawn as one multi-line text per column (not matplotlib's Table, which costs a text layout per
    cell): a page of 30 rows x 8 columns writes in a fraction of a second."""
    ax = fig.add_axes((0.03, 0.02, 0.94, top - 0.02))
    ax.axis("off")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    if table is None or table.empty:
        ax.text(0, 1, t("Ei rivejä.", "No rows."), va="top", fontsize=8)
        return
    columns = list(table.columns)
    cells = [[_fmt(v, c) for v, c in zip(rec, columns, strict=True)] for rec in table.itertuples(index=False)]
    headers = [header(c) for c in columns]
    widths = [max([len(headers[j])] + [len(row[j]) for row in cells]) + 2 for j in range(len(columns))]
    widths[0] = min(widths[0], 46)
    scale = 1.0 / sum(widths)
    fontsize = 7 if sum(widths) < 170 else 6
    line_h = 0.06 if len(cells) <= ROWS_ON_CHART_PAGE else 0.025
    x = 0.0
    for j, col in enumerate(columns):
        w = widths[j] * scale
        left = j == 0 or table[col].map(lambda v: isinstance(v, str) and v != "<5").all()
        xpos = x + 0.005 if left else x + w - 0.005
        align = "left" if left else "right"
        ax.text(xpos, 1.0, headers[j], ha=align, va="top", fontsize=fontsize, fontweight="bold")
        body = "\n".join(row[j][:44] for row in cells)
        ax.text(xpos, 1.0 - line_h, body, ha=align, va="top", fontsize=fontsize, multialignment=align,
                linespacing=1.35)
        x += w
    ax.axhline(1.0 - line_h * 0.85, color="#999999", lw=0.6)
    ax.axhline(1.0 + 0.01, color="#999999", lw=0.6)


def render_page(fig: Figure, page: ReportPage) -> None:
    """A page: the chart on the upper two thirds, the sentence and the first table rows below."""
    first = page.table.head(ROWS_ON_CHART_PAGE) if page.table is not None else None
    chart_fig, lower = fig.subfigures(2, 1, height_ratios=[0.66, 0.34] if first is not None else [0.88, 0.12])
    page.draw(chart_fig)
    if page.text:
        lower.text(0.03, 0.97, page.text, va="top", ha="left", fontsize=10, style="italic", wrap=True)
    if first is not None:
        draw_table(lower, first, top=0.84)


def write_pdf(path: str | os.PathLike, pages: Sequence[ReportPage], cover: Callable[[Figure], None] | None = None,
              progress: Progress | None = None, metadata: dict | None = None) -> int:
    """Write `cover` and `pages` to a PDF; a page's table continues on further pages when long.
    Returns the number of PDF pages written."""
    progress = progress or NullProgress()
    count = 0
    with PdfPages(path, metadata=metadata or {}) as pdf:
        if cover is not None:
            fig = new_figure(*A4_LANDSCAPE)
            cover(fig)
            pdf.savefig(fig)
            count += 1
        for i, page in enumerate(pages):
            progress.report(i, len(pages), page.title)
            fig = new_figure(*A4_LANDSCAPE)
            render_page(fig, page)
            table = page.table
            pdf.savefig(fig)
            count += 1
            if table is not None and len(table) > ROWS_ON_CHART_PAGE:
                rest = table.iloc[ROWS_ON_CHART_PAGE:]
                for start in range(0, len(rest), ROWS_PER_TABLE_PAGE):
                    fig = new_figure(*A4_LANDSCAPE)
                    fig.suptitle(page.title + t(" (taulukko jatkuu)", " (table continued)"), x=0.01, ha="left",
                                 fontsize=11)
                    draw_table(fig, rest.iloc[start:start + ROWS_PER_TABLE_PAGE], top=0.9)
                    pdf.savefig(fig)
                    count += 1
        progress.report(len(pages), len(pages), "")
    return count

