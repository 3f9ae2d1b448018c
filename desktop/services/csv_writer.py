"""Coded columns written as CSV bytes with numpy, a block of rows at a time: the events export (3.5 M
rows) in seconds, where pandas' `to_csv` makes a Python string of every cell and takes half a minute.

The bytes are exactly those of `DataFrame.to_csv(sep=";", quoting=csv.QUOTE_MINIMAL,
float_format="%.10g", lineterminator="\\r\\n", na_rep="")` (UTF-8; the caller writes the BOM). How:

- a dictionary-coded text column turns every dictionary value into its CSV cell ONCE (quoted by the
  csv module itself when it needs quotes) and keeps the cells' UTF-8 bytes as a matrix, each cell
  padded with zero bytes to the longest; a block's cells are the rows of that matrix its codes pick;
- a block of rows is one byte matrix: a slot per column as wide as its widest cell, then ';' (the
  last column: CRLF). Text never holds a zero byte, so dropping the zeros (`matrix[matrix != 0]`)
  leaves the block's text, rows joined;
- numbers with few distinct values in a block (dates, years) are formatted once per distinct value
  by the caller's own function; floats that are whole cents below 10^8 (every cost in euros) are
  laid out digit by digit; other floats go through '%.10g' once per distinct value.

A column may give up on a block (`cells` returns None: a cell with a zero byte, or one longer than
its matrix allows); the caller's fallback writes that block instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol

import numpy as np

from desktop.services.export_format import FLOAT_FORMAT, LINE_END, SEPARATOR

_NEEDS_QUOTES = (SEPARATOR, '"', "\r", "\n")  # what makes csv.QUOTE_MINIMAL quote a field
BLOCK_BYTES = 24 << 20  # about this much for a block's byte matrix (its text and mask as much again)
MIN_BLOCK_ROWS, MAX_BLOCK_ROWS = 256, 250_000
MATRIX_BYTES = 128 << 20  # at most this much for one dictionary's padded cells
MAX_CELL_BYTES = 4096  # longer texts are written by the fallback (they make every block's row as wide)
NUMBER_WIDTH = 16  # about how wide a number's cell is, for sizing blocks
_CENTS_LIMIT = 10**10  # whole cents below this have at most 10 digits: '%.10g' shows them exactly


@dataclass
class Cells:
    """A block's cells of one column: row i is `data[rows[i]]` (-1: the last row), or `data[i]`
    without `rows`. `data` (n, width) uint8 holds each cell's UTF-8 bytes with zeros where unused."""

    data: np.ndarray
    rows: np.ndarray | None = None

    @property
    def width(self) -> int:
        return self.data.shape[1]

    def fill(self, out: np.ndarray) -> None:
        """Copy the block's cells into `out`, the (n, width) slot of the block's byte matrix."""
        if self.rows is None:
            out[...] = self.data
        elif self.width in (2, 4, 8):  # a cell is one machine word: take() of words is 2-3x faster
            word = np.dtype(f"u{self.width}")
            np.take(self.data.view(word)[:, 0], self.rows, out=out.view(word)[:, 0], mode="wrap")
        else:  # mode 'wrap' spares take() a buffered copy; -1 picks the last row, as meant
            np.take(self.data, self.rows, axis=0, out=out, mode="wrap")


class CsvColumn(Protocol):
    width: int  # about how wide the cells are (bytes), for sizing blocks

    def cells(self, start: int, stop: int) -> Cells | None:
        """The cells of rows start..stop-1, or None when they cannot be written exactly here."""


def csv_field(text: str) -> str:
    """`text` as the csv module writes a field with QUOTE_MINIMAL (quoted, inner quotes doubled)."""
    if not any(c in text for c in _NEEDS_QUOTES):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=SEPARATOR, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL).writerow([text, ""])
    return buffer.getvalue()[: -len(SEPARATOR + LINE_END)]


def _encoded_cells(texts: Sequence[str], prefix: str) -> tuple[bytes, np.ndarray]:
    """The CSV cells of `prefix + text` as one UTF-8 string of bytes and each cell's byte length."""
    if prefix:
        texts = [prefix + v for v in texts]
    joined = "".join(texts)
    if any(c in joined for c in _NEEDS_QUOTES):
        texts = [csv_field(v) for v in texts]
        joined = "".join(texts)
    if joined.isascii():
        return joined.encode("ascii"), np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    encoded = [v.encode("utf-8") for v in texts]
    return b"".join(encoded), np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))


@dataclass
class CellTable:
    """CSV cells of a list of texts, plus a last, empty cell (code -1): `cells.data` (n + 1, width),
    and `unusable[i]` True where cell i has a zero byte or was cut to fit the width."""

    cells: Cells
    unusable: np.ndarray

    def __post_init__(self) -> None:
        self.unusable_any = bool(self.unusable.any())

    @classmethod
    def of(cls, parts: Iterable[Sequence[str]], prefix: str = "", max_bytes: int = MATRIX_BYTES) -> CellTable:
        """The table of every text in `parts` (lists of texts in code order), each with `prefix`.
        The matrix stays under `max_bytes` and MAX_CELL_BYTES wide: longer cells are cut (and unusable)."""
        encoded = [_encoded_cells(part, prefix) for part in parts]
        lengths = np.concatenate([lengths for _, lengths in encoded] + [np.zeros(1, dtype=np.int64)])
        width = max(1, min(int(lengths.max()), max_bytes // len(lengths), MAX_CELL_BYTES))
        if width in (3, 5, 6, 7):  # cells of 4 or 8 bytes are copied as machine words (see Cells.fill)
            width = 4 if width == 3 else 8
        unusable = lengths > width
        matrix = np.zeros((len(lengths), width), dtype=np.uint8)
        row = 0
        for data, part_lengths in encoded:
            flat = np.frombuffer(data, dtype=np.uint8)
            rows = slice(row, row + len(part_lengths))
            if b"\0" in data:  # a NUL character: zero bytes are the padding, such cells go elsewhere
                starts = np.cumsum(part_lengths) - part_lengths
                unusable[rows][np.unique(np.searchsorted(starts, np.flatnonzero(flat == 0), side="right") - 1)] = True
            keep = np.minimum(part_lengths, width)
            if (keep < part_lengths).any():  # keep the first `width` bytes of the cut ones
                starts = np.cumsum(part_lengths) - part_lengths
                flat = flat[np.repeat(starts, keep) + _ranges(keep)]
            matrix[rows][np.arange(width) < keep[:, None]] = flat
            row += len(part_lengths)
        return cls(Cells(matrix), unusable)

    def pick(self, rows: np.ndarray) -> Cells | None:
        """The cells `rows` picks (codes, -1 the empty cell), or None if one of them is unusable."""
        if self.unusable_any and self.unusable[rows].any():
            return None
        return Cells(self.cells.data, rows)


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """0..n-1 for every n in `lengths`, concatenated."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - lengths, lengths)


class TextColumn:
    """A dictionary-coded text column: int codes into the texts of `parts` (lists of texts in code
    order, read one part at a time), -1 = missing (an empty cell)."""

    def __init__(self, codes: np.ndarray, parts: Iterable[Sequence[str]], prefix: str = "",
                 max_bytes: int = MATRIX_BYTES) -> None:
        self.codes = codes
        self.table = CellTable.of(parts, prefix, max_bytes)
        self.width = self.table.cells.width

    def cells(self, start: int, stop: int) -> Cells | None:
        return self.table.pick(self.codes[start:stop])


class LookupColumn:
    """Numbers with few distinct values in a block (dates, years): `format_values(distinct values)`
    gives the text of each distinct value once per block."""

    width = NUMBER_WIDTH

    def __init__(self, values: np.ndarray, format_values: Callable[[np.ndarray], Sequence[str]]) -> None:
        self.values = values
        self.format_values = format_values

    def cells(self, start: int, stop: int) -> Cells | None:
        uniques, inverse = distinct(self.values[start:stop])
        return CellTable.of([[str(v) for v in self.format_values(uniques)]]).pick(inverse)


def distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(values, return_inverse=True), without sorting for whole numbers of a narrow range."""
    if values.dtype.kind not in "iu" or len(values) == 0:
        return np.unique(values, return_inverse=True)
    low, high = int(values.min()), int(values.max())
    if high - low >= 1 << 20:
        return np.unique(values, return_inverse=True)
    offsets = values.astype(np.int64) - low
    present = np.zeros(high - low + 1, dtype=bool)
    present[offsets] = True
    index = np.cumsum(present) - 1
    return (np.flatnonzero(present) + low).astype(values.dtype), index[offsets]


class FloatColumn:
    """Floats as '%.10g' formats them (float32 widened exactly, as Python's % does); NaN is empty."""

    width = NUMBER_WIDTH

    def __init__(self, values: np.ndarray) -> None:
        self.values = values

    def cells(self, start: int, stop: int) -> Cells | None:
        values = self.values[start:stop].astype(np.float64)
        with np.errstate(invalid="ignore", over="ignore"):
            cents = np.rint(values * 100)
            exact = (cents / 100 == values) & (np.abs(cents) < _CENTS_LIMIT)
        data = _cents_bytes(np.where(exact, np.abs(cents), 0).astype(np.int64), np.signbit(values) & exact, exact)
        other = ~exact & ~np.isnan(values)
        if other.any():  # thirds, tiny and huge numbers, inf: '%.10g' once per distinct value
            uniques, inverse = np.unique(values[other], return_inverse=True)
            table = CellTable.of([[FLOAT_FORMAT % v for v in uniques.tolist()]])
            width = max(table.cells.width, data.shape[1])
            slots = np.zeros((len(values), width), dtype=np.uint8)
            slots[:, : data.shape[1]] = data
            slots[other, : table.cells.width] = table.cells.data[inverse]
            data = slots
        return Cells(data)


def _cents_bytes(cents: np.ndarray, negative: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """Whole cents (>= 0, with their sign apart) as '%.10g' writes the euros: '-12.5', '0', '99.99'.
    Laid out [sign][digits][.][tenths][hundredths] with zeros where unused; rows not `exact` empty."""
    euros, fraction = np.divmod(cents, 100)
    digits = len(str(int(euros.max()))) if len(euros) else 1
    data = np.zeros((len(cents), digits + 4), dtype=np.uint8)
    data[:, 0] = np.where(negative, ord("-"), 0)
    rest = euros
    for power in range(digits):  # ones last; leading zeros unused
        rest, digit = np.divmod(rest, 10)
        shown = exact & (euros >= 10**power) if power else exact
        data[:, digits - power] = np.where(shown, digit + ord("0"), 0)
    tenths, hundredths = np.divmod(fraction, 10)
    decimals = exact & (fraction != 0)
    data[:, digits + 1] = np.where(decimals, ord("."), 0)
    data[:, digits + 2] = np.where(decimals, tenths + ord("0"), 0)
    data[:, digits + 3] = np.where(exact & (hundredths != 0), hundredths + ord("0"), 0)
    return data


def header_line(names: Sequence[str]) -> bytes:
    return (SEPARATOR.join(csv_field(n) for n in names) + LINE_END).encode("utf-8")


def write_rows(fh: BinaryIO, columns: Sequence[CsvColumn], nrows: int,
               fallback: Callable[[int, int], bytes], block_rows: int | None = None) -> None:
    """Write rows 0..nrows-1 of `columns` (no header) to the binary file `fh`, a block at a time;
    `fallback(start, stop)` gives the bytes of a block some column cannot write itself (and of all
    blocks for fewer than two columns: csv quotes a lone empty field, only the fallback knows that)."""
    width = sum(c.width + 1 for c in columns) + 1
    step = block_rows or int(min(MAX_BLOCK_ROWS, max(MIN_BLOCK_ROWS, BLOCK_BYTES // width)))
    for start in range(0, nrows, step):
        stop = min(start + step, nrows)
        cells = [column.cells(start, stop) for column in columns]
        if len(cells) < 2 or any(c is None for c in cells):
            fh.write(fallback(start, stop))
        else:
            fh.write(_join_rows(cells, stop - start).data)


def _join_rows(cells: Sequence[Cells], n: int) -> np.ndarray:
    """The rows' bytes: cells joined by the separator, each row ended by LINE_END."""
    total = sum(c.width for c in cells) + len(cells) - 1 + len(LINE_END)
    matrix = np.empty((n, total), dtype=np.uint8)
    at = 0
    for i, c in enumerate(cells):
        c.fill(matrix[:, at : at + c.width])
        at += c.width
        end = (SEPARATOR if i < len(cells) - 1 else LINE_END).encode("ascii")
        matrix[:, at : at + len(end)] = np.frombuffer(end, dtype=np.uint8)
        at += len(end)
    return matrix[matrix != 0]
