"""Writing a batch's columns as chunks of at most `CHUNK_ROWS` rows, each recording the calendar
years of its rows; rows that come grouped by year start a new chunk at each change of year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select

from desktop.core.lazy import lazy_module
from desktop.store.columns.chunks import (
    DATE_COLUMN,
    KIND_DICT,
    KIND_ID,
    _compress,
    lock_dataset,
    register_columns,
    smallest_int_dtype,
)
from desktop.store.columns.reading import event_years
from desktop.store.tables.imports import column_chunk

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # loaded when a chunk is read or written

CHUNK_ROWS = 1 << 20


def write_columns(
    conn: Connection,
    dataset: str,
    batch_id: int,
    columns: Mapping[str, np.ndarray],
    kinds: Mapping[str, str],
    progress=None,
) -> int:
    """Store already-encoded columns (text columns as int codes from `encode`) for a batch.

    All arrays must have the same length; rows keep their order. With a `date` column each chunk
    records the calendar years of its rows, and rows that come grouped by year (a yearly export, a
    file sorted by date) start a new chunk at each change of year. Returns the number of rows written.
    """
    lengths = {len(a) for a in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"columns of unequal length: {lengths}")
    nrows = lengths.pop() if lengths else 0
    lock_dataset(conn, dataset)
    register_columns(conn, dataset, kinds)
    chunk_no = conn.execute(
        select(func.coalesce(func.max(column_chunk.c.chunk_no), -1)).where(
            column_chunk.c.dataset == dataset, column_chunk.c.batch_id == batch_id
        )
    ).scalar_one() + 1
    years = event_years(columns[DATE_COLUMN]) if DATE_COLUMN in columns else None
    spans = [(start, min(high, start + CHUNK_ROWS)) for low, high in _year_spans(years, nrows)
             for start in range(low, high, CHUNK_ROWS)]
    total_steps = max(1, len(columns) * len(spans))
    step = 0
    for start, end in spans:
        low, high = _year_range(None if years is None else years[start:end])
        rows = []
        for name, array in columns.items():
            rows.append(_chunk_row(dataset, batch_id, chunk_no, name, np.asarray(array[start:end]), kinds[name], low, high))
            step += 1
            if progress is not None:
                progress.report(step, total_steps, "")
        conn.execute(insert(column_chunk), rows)
        chunk_no += 1
    return nrows


_MAX_YEAR_SPANS = 64  # more changes of year than this in one write: the rows are not grouped by year


def _year_spans(years: np.ndarray | None, nrows: int) -> list[tuple[int, int]]:
    """(start, end) row spans of a write: one per calendar year when the rows come grouped by year,
    else the whole write."""
    if years is None or nrows == 0:
        return [(0, nrows)] if nrows else []
    changes = np.flatnonzero(years[1:] != years[:-1]) + 1
    if len(changes) > _MAX_YEAR_SPANS:
        return [(0, nrows)]
    bounds = [0, *changes.tolist(), nrows]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _year_range(years: np.ndarray | None) -> tuple[int | None, int | None]:
    """The first and last calendar year of a chunk's rows (None: no dates)."""
    if years is None:
        return None, None
    known = years[years >= 0]
    return (int(known.min()), int(known.max())) if len(known) else (None, None)


def _chunk_row(dataset: str, batch_id: int, chunk_no: int, name: str, part: np.ndarray, kind: str,
               year_min: int | None, year_max: int | None) -> dict:
    """The column_chunk row of one column's values: codes narrowed to the smallest integer type."""
    if kind in (KIND_DICT, KIND_ID):
        top = int(part.max()) if len(part) else 0
        part = part.astype(smallest_int_dtype(top), copy=False)
    elif part.dtype == object:
        part = part.astype(np.float64)
    return {
        "dataset": dataset, "batch_id": batch_id, "chunk_no": chunk_no, "column": name, "dtype": part.dtype.str,
        "nrows": len(part), "data": _compress(part), "year_min": year_min, "year_max": year_max,
    }


def delete_batch_columns(conn: Connection, batch_id: int) -> None:
    conn.execute(delete(column_chunk).where(column_chunk.c.batch_id == batch_id))
