"""The events export: the stored columns (codes and numbers) written as CSV, a block of rows at a time
with numpy (csv_writer), byte for byte what pandas' to_csv wrote, which stays the fallback for a block
the fast writer cannot vouch for. Person ids are written as 'ps:<pseudonym>'."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd

from desktop.core.datasets import EPOCH
from desktop.services import csv_writer
from desktop.services.export_format import FLOAT_FORMAT, LINE_END, SEPARATOR
from desktop.store import Store
from desktop.store import columns as colstore

EXPORT_CHUNK_ROWS = 250_000
#: pandas to_csv options of the export file (the fast writer matches them byte for byte)
CSV_OPTIONS = {"sep": SEPARATOR, "index": False, "quoting": csv.QUOTE_MINIMAL,
               "float_format": FLOAT_FORMAT, "lineterminator": LINE_END, "na_rep": ""}


class EventCodes:
    """The stored events as codes and numbers, an array per column; dictionary texts read on demand."""

    def __init__(self, store: Store) -> None:
        self.store = store
        with store.read() as conn:
            kinds = colstore.column_kinds(conn, "events")
            # a column at a time: loading all at once holds every column twice while joining its chunks
            self.columns = {c: colstore.load_columns(conn, "events", [c], decode=False)[c].to_numpy() for c in kinds}
        self.coded = [c for c, kind in kinds.items() if kind in (colstore.KIND_DICT, colstore.KIND_ID)]
        lengths = {len(a) for a in self.columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"events columns of unequal length: {lengths}")
        self.rows = lengths.pop() if lengths else 0
        self._dictionaries: dict[str, list[str]] = {}
        self._persons: np.ndarray | None = None

    def dictionary(self, column: str) -> list[str]:
        if column not in self._dictionaries:
            with self.store.read() as conn:
                self._dictionaries[column] = colstore.dictionary(conn, "events", column)
        return self._dictionaries[column]

    def text_frame(self, start: int, stop: int) -> pd.DataFrame:
        """Rows start..stop-1 as the text/number columns of the export file."""
        stop = min(stop, self.rows)
        out = {}
        for column, array in self.columns.items():
            values = array[start:stop]
            if column == "person_id":
                out[column] = self.persons()[values]  # code -1 picks the trailing ''
            elif column in self.coded:
                categories = pd.Index(self.dictionary(column), dtype=object)
                out[column] = pd.Categorical.from_codes(values, categories=categories, validate=False).to_numpy()
            elif column == "date":
                out[column] = _dates(values).astype(object)
            elif column in ("birth_year", "age"):
                out[column] = _known_numbers(values)
            else:
                out[column] = values
        return pd.DataFrame(out, index=pd.RangeIndex(start, stop))

    def persons(self) -> np.ndarray:
        if self._persons is None:
            self._persons = np.array(["ps:" + v for v in self.dictionary("person_id")] + [""], dtype=object)
        return self._persons

    def csv_bytes(self, start: int, stop: int) -> bytes:
        """Rows start..stop-1 as pandas writes them (what the fast writer matches, and its fallback)."""
        return self.text_frame(start, stop).to_csv(header=False, **CSV_OPTIONS).encode("utf-8")

    def csv_columns(self) -> list | None:
        """A fast CSV writer column per event column; None if a column is of a kind it cannot write."""
        if any(a.dtype.kind not in "iuf" for a in self.columns.values()):
            return None
        columns = []
        with self.store.read() as conn:
            for name, values in self.columns.items():
                if name in self.coded:
                    parts = colstore.dictionary_parts(conn, "events", name)
                    prefix = "ps:" if name == "person_id" else ""
                    columns.append(csv_writer.TextColumn(values, parts, prefix))
                elif name == "date":
                    columns.append(csv_writer.LookupColumn(values, _dates))
                elif name in ("birth_year", "age"):
                    columns.append(csv_writer.LookupColumn(values, _known_numbers))
                elif values.dtype.kind in "iu":
                    columns.append(csv_writer.LookupColumn(values, lambda u: [str(v) for v in u.tolist()]))
                else:
                    columns.append(csv_writer.FloatColumn(values))
        return columns


def _dates(days: np.ndarray) -> np.ndarray:
    """Day numbers (days since 1970-01-01) as 'yyyy-mm-dd' texts."""
    unique, inverse = np.unique(days, return_inverse=True)
    return (EPOCH + unique.astype("timedelta64[D]")).astype(str)[inverse]


def _known_numbers(values: np.ndarray) -> np.ndarray:
    """Whole numbers as text, '' for the unknown (-1)."""
    array = values.astype(np.int64)
    return np.where(array < 0, "", array.astype(str))


def event_text_chunks(store: Store, chunk_rows: int = EXPORT_CHUNK_ROWS):
    """The events as export text, `chunk_rows` rows at a time."""
    events = EventCodes(store)
    for start in range(0, events.rows, chunk_rows):
        yield events.text_frame(start, start + chunk_rows)


def write_events(store: Store, fh) -> int:
    """The events to the binary file `fh` after its BOM: the header, then the rows built with numpy
    a block at a time (csv_writer), byte for byte what pandas' to_csv wrote. Returns the rows written."""
    events = EventCodes(store)
    rows = events.rows
    if rows == 0:  # an empty store still gets the header line
        fh.write((";".join(store.load("events").columns) + "\r\n").encode("utf-8"))
        return 0
    fh.write(csv_writer.header_line(list(events.columns)))
    columns = events.csv_columns() or []  # none: every block through pandas
    csv_writer.write_rows(fh, columns, rows, events.csv_bytes, None if columns else EXPORT_CHUNK_ROWS)
    return rows
