"""Report pages and writing them into one PDF with matplotlib's PdfPages.

A `ReportPage` is a chart (a function drawing on a figure), the table behind it (already fit for
display: small groups suppressed) and one generated sentence. Each feature's pages of the workshop
report are built in its own module here (traffic_light, resources, network, measures) and listed in
desktop.reports.workshop.
"""

from __future__ import annotations

import math
import os
import textwrap
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
ROWS_PER_TABLE_PAGE = 30
TABLE_FONT = 8  # points: the smallest a county board reads on paper
BAND_TOP = 0.035  # the running heading's share of the page height
BAND_BOTTOM = 0.035  # the footer's


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




def draw_table(fig, table: pd.DataFrame, top: float = 0.95, bottom: float = 0.02) -> None:
    """The table on a page (figure or subfigure) between `top` and `bottom`, headers and numbers in the
    current language (desktop.core.lang), at 8 pt or more so it can be read on paper.

    Drawn as one multi-line text per column (not matplotlib's Table, which costs a text layout per
    cell): a page of 30 rows x 8 columns writes in a fraction of a second."""
    ax = fig.add_axes((0.03, bottom, 0.94, top - bottom))
    ax.axis("off")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    if table is None or table.empty:
        ax.text(0, 1, t("Ei rivejä.", "No rows."), va="top", fontsize=TABLE_FONT)
        return
    columns = list(table.columns)
    cells = [[_fmt(v, c) for v, c in zip(rec, columns, strict=True)] for rec in table.itertuples(index=False)]
    headers = [_header_lines(header(c), max([len(row[j][:44]) for row in cells] + [1]))
               for j, c in enumerate(columns)]
    header_lines = max(h.count("\n") + 1 for h in headers)
    widths = [max([len(line) for line in headers[j].split("\n")] + [len(row[j][:44]) for row in cells]) + 2
              for j in range(len(columns))]
    widths[0] = min(widths[0], 46)
    scale = 1.0 / sum(widths)
    fontsize = TABLE_FONT + 1 if sum(widths) < 120 else TABLE_FONT
    # one line of text in axes units: the axes' height in points over the line's height
    height_pt = (top - bottom) * fig.bbox.height * 72 / fig.dpi
    line_h = min(0.12, fontsize * 1.35 / max(height_pt, 1))
    x = 0.0
    for j, col in enumerate(columns):
        w = widths[j] * scale
        left = j == 0 or table[col].map(lambda v: isinstance(v, str) and v != "<5").all()
        xpos = x + 0.005 if left else x + w - 0.005
        align = "left" if left else "right"
        ax.text(xpos, 1.0, headers[j], ha=align, va="top", fontsize=fontsize, fontweight="bold",
                multialignment=align, linespacing=1.2)
        body = "\n".join(row[j][:44] for row in cells)
        ax.text(xpos, 1.0 - line_h * (header_lines + 0.2), body, ha=align, va="top", fontsize=fontsize,
                multialignment=align, linespacing=1.35)
        x += w
    ax.axhline(1.0 - line_h * (header_lines + 0.05), color="#999999", lw=0.6)
    ax.axhline(1.0 + 0.01, color="#999999", lw=0.6)


def _header_lines(text: str, cell_width: int) -> str:
    """A header longer than its column's figures wrapped on up to three lines at spaces, so that
    long Finnish headers ('Henkilötyövuodet (htv)') do not run into their neighbours."""
    words = text.split()
    if len(text) <= cell_width + 2 or len(words) < 2:
        return text
    # a unit ('%', '€', 'min', 'hlö') stays on its word's line: 'Kattavuus %', not 'Kattavuus' over '%'
    glued = [words[0]]
    for word in words[1:]:
        if len(word) <= 3:
            glued[-1] += "\u00a0" + word
        else:
            glued.append(word)
    width = max(cell_width, max(len(w) for w in glued), -(-len(text) // 3))
    return "\n".join(line.replace("\u00a0", " ") for line in textwrap.wrap(" ".join(glued), width))


def _wrapped(text: str, width: int = 150) -> list[str]:
    return [line for part in text.split("\n") for line in (textwrap.wrap(part, width) or [""])]


def render_page(fig: Figure, page: ReportPage, rows: int | None = None) -> None:
    """A page: the chart above, the sentence and the first `rows` table rows below (all rows that fit),
    between the running heading and the footer."""
    rows = ROWS_ON_CHART_PAGE if rows is None else rows
    first = page.table.head(rows) if page.table is not None and rows else None
    lines = _wrapped(page.text) if page.text else []
    text_share = 0.03 * len(lines) + (0.01 if lines else 0.0)
    table_share = 0.0 if first is None else min(0.5, 0.05 + 0.026 * (len(first) + 1))
    lower_share = max(0.08, text_share + table_share)
    chart_share = 1.0 - BAND_TOP - BAND_BOTTOM - lower_share
    _band, chart_fig, lower, _foot = fig.subfigures(4, 1, height_ratios=[BAND_TOP, chart_share, lower_share, BAND_BOTTOM])
    page.draw(chart_fig)
    if lines:
        lower.text(0.03, 0.99, "\n".join(lines), va="top", ha="left", fontsize=10, style="italic")
    if first is not None:
        draw_table(lower, first, top=1.0 - text_share / lower_share, bottom=0.0)


@dataclass
class PageFrame:
    """What every page of a report carries besides its content: a running heading on top, and in the
    footer the date, "synteettinen aineisto" when the data is synthetic, and "Sivu N / M"."""

    heading: str
    synthetic: bool = False
    date: str = ""

    def draw(self, fig: Figure, title: str, number_: int, total: int) -> None:
        fig.text(0.03, 0.985, f"{self.heading} · {title}" if title else self.heading, ha="left", va="top",
                 fontsize=9, color="#444444")
        left = [self.date] if self.date else []
        if self.synthetic:
            left.append(t("synteettinen aineisto – ei todellisia henkilöitä", "synthetic data – no real persons"))
        fig.text(0.03, 0.012, " · ".join(left), ha="left", va="bottom", fontsize=8,
                 color="#8a5a00" if self.synthetic else "#444444")
        fig.text(0.97, 0.012, t(f"Sivu {number_} / {total}", f"Page {number_} / {total}"), ha="right",
                 va="bottom", fontsize=8, color="#444444")


def _plan(pages: Sequence[ReportPage]) -> list[tuple[ReportPage, int, int, bool]]:
    """The physical pages: (page, first row, rows, continued) — a table of a few rows more than a
    chart page holds stays on it; a longer one goes on in even parts, never a page of one row."""
    out = []
    for page in pages:
        n = 0 if page.table is None else len(page.table)
        if n <= ROWS_ON_CHART_PAGE + 6:
            out.append((page, 0, n, False))
            continue
        out.append((page, 0, ROWS_ON_CHART_PAGE, False))
        rest = n - ROWS_ON_CHART_PAGE
        parts = math.ceil(rest / ROWS_PER_TABLE_PAGE)
        size = math.ceil(rest / parts)
        for start in range(ROWS_ON_CHART_PAGE, n, size):
            out.append((page, start, min(size, n - start), True))
    return out


def _draw_contents(fig: Figure, entries: list[tuple[str, int]]) -> None:
    fig.text(0.07, 0.9, t("Sisällys", "Contents"), fontsize=18, fontweight="bold", va="top")
    half = math.ceil(len(entries) / 2) if len(entries) > 24 else len(entries)
    for column, chunk in enumerate((entries[:half], entries[half:])):
        x = 0.07 + 0.46 * column
        for row, (title, number_) in enumerate(chunk):
            y = 0.82 - row * 0.028
            fig.text(x, y, title[:60], fontsize=10, va="top")
            fig.text(x + 0.42, y, str(number_), fontsize=10, va="top", ha="right")


def write_pdf(path: str | os.PathLike, pages: Sequence[ReportPage], cover: Callable[[Figure], None] | None = None,
              progress: Progress | None = None, metadata: dict | None = None, frame: PageFrame | None = None) -> int:
    """Write `cover`, a contents page (when there are more than three pages) and `pages` to a PDF; a
    page's table continues on further pages when long. With `frame` every page after the cover has a
    heading, page numbers and (synthetic data) the warning in its footer. Returns the PDF's page count."""
    progress = progress or NullProgress()
    plan = _plan(pages)
    contents = frame is not None and len(pages) > 3
    before = (1 if cover is not None else 0) + (1 if contents else 0)
    total = before + len(plan)
    entries, seen = [], set()
    for number_, (page, _start, _rows, continued) in enumerate(plan, start=before + 1):
        if not continued and id(page) not in seen:
            seen.add(id(page))
            entries.append((page.title, number_))
    count = 0
    with PdfPages(path, metadata=metadata or {}) as pdf:
        if cover is not None:
            fig = new_figure(*A4_LANDSCAPE)
            cover(fig)
            if frame is not None:
                frame.draw(fig, "", 1, total)
            pdf.savefig(fig)
            count += 1
        if contents:
            fig = new_figure(*A4_LANDSCAPE)
            _draw_contents(fig, entries)
            frame.draw(fig, t("Sisällys", "Contents"), count + 1, total)
            pdf.savefig(fig)
            count += 1
        for i, (page, start, rows, continued) in enumerate(plan):
            progress.report(i, len(plan), page.title)
            fig = new_figure(*A4_LANDSCAPE)
            if not continued:
                render_page(fig, page, rows)
                title = page.title
            else:
                title = page.title + t(" (taulukko jatkuu)", " (table continued)")
                fig.text(0.03, 0.94, title, ha="left", va="top", fontsize=12, fontweight="bold")
                draw_table(fig, page.table.iloc[start:start + rows], top=0.89, bottom=BAND_BOTTOM)
            if frame is not None:
                frame.draw(fig, title, count + 1, total)
            pdf.savefig(fig)
            count += 1
        progress.report(len(plan), len(plan), "")
    return count
