"""Reading an Excel workbook (.xlsx, .xlsm, .xls, .ods) with python-calamine: one sheet (chosen by
name, default the first non-empty one), title lines above the header row skipped, cells turned into
the same text the CSV reader gives (dates as yyyy-mm-dd, whole numbers without '.0')."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import numpy as np
import pandas as pd

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import Progress
from desktop.importers.mapping import KIND_FIELDS, recognise
from desktop.importers.source import Chunk, TableSource, as_progress, unique_headers

CHUNK_ROWS = 100_000
HEADER_SEARCH_ROWS = 30


def cell_text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _header_row(rows: list[list]) -> int:
    """Index of the header row among the first rows: most recognised column names, else the first
    row as wide as the widest row and wholly text."""
    head = rows[:HEADER_SEARCH_ROWS]
    best, best_hits = -1, 1
    for i, row in enumerate(head):
        names = [str(c).strip() for c in row if isinstance(c, str) and c.strip()]
        hits = max((len(recognise(names, kind)) for kind in KIND_FIELDS), default=0)
        if hits > best_hits:
            best, best_hits = i, hits
    if best >= 0:
        return best
    widths = [sum(1 for c in row if cell_text(c).strip()) for row in head]
    widest = max(widths, default=0)
    for i, row in enumerate(head):
        texts = [c for c in row if cell_text(c).strip()]
        if widths[i] >= max(1, widest) and all(isinstance(c, str) for c in texts):
            return i
    return 0


def _has_table(rows: list[list]) -> bool:
    """A sheet with a table: some row has two or more filled cells and a filled row follows it."""
    filled = [sum(1 for c in row if cell_text(c).strip()) for row in rows[: HEADER_SEARCH_ROWS + 1]]
    return any(n >= 2 for n in filled[:-1]) and len([n for n in filled if n]) >= 2


class ExcelSource(TableSource):
    format_name = "xlsx"

    def __init__(self, path: str | os.PathLike, sheet: str | None = None):
        from python_calamine import CalamineWorkbook

        from desktop.importers.workbook_check import check_workbook, refuse_unsaved_formulas

        self._open_file(path)
        facts = check_workbook(self.path)  # before calamine holds any sheet: bounded memory
        try:
            workbook = CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for broken files
            raise UserError(
                t(
                    f"{self.file_name} ei ole luettava Excel-työkirja ({type(exc).__name__}: {exc}). "
                    "Onko tiedosto vioittunut tai jokin muu zip-paketti?",
                    f"{self.file_name} is not a readable Excel workbook ({type(exc).__name__}: {exc}). "
                    "Is the file damaged or some other zip archive?",
                )
            ) from exc
        self.layer_names = list(workbook.sheet_names)
        if sheet is not None and sheet not in self.layer_names:
            raise UserError(
                t(
                    f"{self.file_name}: välilehteä '{sheet}' ei ole. Välilehdet: {', '.join(self.layer_names)}.",
                    f"{self.file_name}: no sheet '{sheet}'. Sheets: {', '.join(self.layer_names)}.",
                )
            )
        names = [sheet] if sheet is not None else self._data_sheets(workbook)
        rows: list[list] = []
        start_row = 0
        for name in names:
            data = self._sheet(workbook, name)
            rows = data.to_python(skip_empty_area=False)
            start_row = (data.start or (0, 0))[0] if rows else 0
            if _has_table(rows) or (sheet is not None and any(cell_text(c).strip() for r in rows for c in r)):
                self.layer = name
                break
        else:
            raise UserError(
                t(f"{self.file_name}: työkirjassa ei ole tietoja (kaikki välilehdet ovat tyhjiä).",
                  f"{self.file_name}: the workbook holds no data (all sheets are empty).")
            )
        refuse_unsaved_formulas(self.path, facts, name)
        header_at = _header_row(rows)
        if header_at:
            self.warnings.append(
                t(
                    f"Otsikkorivi löytyi riviltä {start_row + header_at + 1}; sen yläpuolella olevat rivit ohitettiin.",
                    f"The header row is row {start_row + header_at + 1}; the rows above it were skipped.",
                )
            )
        header = rows[header_at]
        width = len(header)
        while width and not cell_text(header[width - 1]).strip():
            width -= 1  # empty trailing header cells
        body = rows[header_at + 1 :]
        data_width = max((len(r) for r in body), default=width)
        width = max(width, min(data_width, len(header)))
        self.headers = unique_headers([cell_text(c) for c in header[:width]])
        columns = []
        numbers: dict[str, np.ndarray] = {}  # columns whose filled cells are all numbers: their values
        for j in range(width):
            cells = [r[j] if j < len(r) else None for r in body]
            columns.append([cell_text(c) for c in cells])
            if all(c is None or c == "" or (isinstance(c, int | float) and not isinstance(c, bool)) for c in cells):
                numbers[self.headers[j]] = np.array([np.nan if c is None or c == "" else float(c) for c in cells])
        frame = pd.DataFrame({h: pd.Series(col, dtype=object) for h, col in zip(self.headers, columns, strict=True)})
        lines = np.arange(len(body), dtype=np.int64) + start_row + header_at + 2  # Excel row numbers
        nonempty = (frame != "").any(axis=1).to_numpy() if len(frame) else np.zeros(0, dtype=bool)
        self._frame = frame.loc[nonempty].reset_index(drop=True)
        self._numbers = {h: v[nonempty] for h, v in numbers.items()}
        self._lines = lines[nonempty]

    def _sheet(self, workbook, name: str):
        try:
            return workbook.get_sheet_by_name(name)
        except Exception as exc:  # noqa: BLE001 - calamine's own error types
            raise UserError(
                t(f"{self.file_name}: välilehteä '{name}' ei voitu lukea ({exc}).",
                  f"{self.file_name}: sheet '{name}' could not be read ({exc}).")
            ) from exc

    def _data_sheets(self, workbook) -> list[str]:
        """Sheets in the order to try: the one whose header row names the most known fields first (a
        cover page or instructions before the data are passed over). Two sheets naming equally many
        cannot be told apart: the planner is asked to choose with --sheet."""
        scores = []
        for name in self.layer_names:
            head = []
            for row in self._sheet(workbook, name).iter_rows():
                head.append(row)
                if len(head) > HEADER_SEARCH_ROWS:
                    break
            names = [[str(c).strip() for c in row if isinstance(c, str) and c.strip()] for row in head]
            scores.append(max((len(recognise(r, kind)) for r in names for kind in KIND_FIELDS), default=0))
        best = max(scores, default=0)
        if best >= 2:
            top = [n for n, score in zip(self.layer_names, scores, strict=True) if score == best]
            if len(top) > 1:
                raise UserError(t(
                    f"{self.file_name}: työkirjassa on useita taulukkovälilehtiä ({', '.join(top)}); kaikki välilehdet: "
                    f"{', '.join(self.layer_names)}. Valitse tuotava välilehti valinnalla --sheet NIMI.",
                    f"{self.file_name}: the workbook has several table sheets ({', '.join(top)}); all sheets: "
                    f"{', '.join(self.layer_names)}. Choose the sheet to import with --sheet NAME.",
                ))
            return top + [n for n in self.layer_names if n not in top]
        return list(self.layer_names)

    def describe(self) -> dict:
        return {"format": self.format_name, "sheet": self.layer}

    def preview(self, rows: int = 50) -> pd.DataFrame:
        return self._frame.head(rows).reset_index(drop=True)

    def preview_lines(self, rows: int = 50) -> np.ndarray:
        return self._lines[:rows]

    def chunks(self, progress: Progress | None = None, float_columns: tuple[str, ...] = (),
               category_columns: tuple[str, ...] = (), bytes_columns: tuple[str, ...] = ()) -> Iterator[Chunk]:
        progress = as_progress(progress)
        n = len(self._frame)
        for start in range(0, max(n, 1), CHUNK_ROWS):
            frame = self._frame.iloc[start : start + CHUNK_ROWS].reset_index(drop=True)
            for column in float_columns:  # number cells as the numbers they are (no decimal mark to guess)
                if column in self._numbers:
                    frame[column] = self._numbers[column][start : start + CHUNK_ROWS]
            progress.report(min(start + CHUNK_ROWS, n), max(n, 1), t("Luetaan välilehteä", "Reading the sheet"))
            yield Chunk(frame=frame, lines=self._lines[start : start + CHUNK_ROWS])
