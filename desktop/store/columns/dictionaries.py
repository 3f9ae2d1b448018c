"""Text columns' dictionaries: store-wide codes for text values (code = position; missing is -1),
added at import, pruned when a batch is removed, renumbered with the chunks that hold a changed
code, and identity codes masked in them (projects written before cells were masked at import)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.exc import OperationalError

from desktop.core.lazy import lazy_module
from desktop.store.columns.chunks import (
    KIND_DICT,
    KIND_ID,
    _compress,
    _decompress,
    column_kinds,
    is_server,
    lock_dataset,
    smallest_int_dtype,
)
from desktop.store.tables.imports import column_chunk, dataset_column
from desktop.store.tables.imports import dictionary as dictionary_table

if TYPE_CHECKING:  # pandas is imported where a frame is made: a command that only reads facts starts quicker
    import numpy as np
    import pandas as pd
else:
    np = lazy_module("numpy")  # loaded when a chunk is read or written


def _dictionary_cursor(conn: Connection, dataset: str, column: str):
    """A driver cursor over a dictionary's values in code order: straight from the SQLite or psycopg
    driver, about three times quicker than SQLAlchemy rows (the 14,000 cell ids of a grid: 6 ms, not 18)."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    cursor = conn.connection.driver_connection.cursor()
    cursor.execute(f'SELECT value FROM dictionary WHERE dataset = {mark} AND "column" = {mark} ORDER BY code',
                   (dataset, column))
    return cursor


def dictionary(conn: Connection, dataset: str, column: str) -> list[str]:
    """The values of a text column's dictionary in code order (index = code)."""
    cursor = _dictionary_cursor(conn, dataset, column)
    try:
        return [value for (value,) in cursor.fetchall()]
    finally:
        cursor.close()


def dictionary_parts(conn: Connection, dataset: str, column: str, size: int = 100_000):
    """The values of a dictionary in code order, `size` at a time (1.4 M person pseudonyms without
    holding them twice)."""
    cursor = _dictionary_cursor(conn, dataset, column)
    try:
        while part := cursor.fetchmany(size):
            yield [value for (value,) in part]
    finally:
        cursor.close()


def encode(conn: Connection, dataset: str, column: str, values: pd.Series | Sequence) -> np.ndarray:
    """Dictionary-encode text values against the store's dictionary, adding new values.

    Missing values (None, NaN, '') get code -1. Returns int32 codes.
    """
    import pandas as pd

    lock_dataset(conn, dataset)
    series = pd.Series(values, copy=False)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniques = [str(u) for u in uniques]
    where = [dictionary_table.c.dataset == dataset, dictionary_table.c.column == column]
    if len(uniques) <= 20_000:  # stay well under SQLite's limit of bound parameters
        where.append(dictionary_table.c.value.in_(uniques))
    existing = dict(conn.execute(select(dictionary_table.c.value, dictionary_table.c.code).where(*where)).all())
    next_code = conn.execute(
        select(func.coalesce(func.max(dictionary_table.c.code), -1)).where(
            dictionary_table.c.dataset == dataset, dictionary_table.c.column == column
        )
    ).scalar_one() + 1
    mapping = np.empty(len(uniques) + 1, dtype=np.int32)
    new_rows = []
    for i, value in enumerate(uniques):
        code = existing.get(value)
        if value == "":
            code = -1
        elif code is None:
            code = next_code
            next_code += 1
            new_rows.append((dataset, column, code, value))
        mapping[i] = code
    mapping[-1] = -1  # index -1 (pandas' NA sentinel) maps to the last slot
    if new_rows:
        add_values(conn, dataset, column, new_rows[0][2], [row[3] for row in new_rows])
    return mapping[codes]


def add_values(conn: Connection, dataset: str, column: str, first_code: int, values: Sequence[str]) -> None:
    """Add new dictionary values with codes first_code, first_code + 1, ... (the caller knows they
    are new and holds `lock_dataset`). SQLite: one statement per 100,000 values: SQLite unpacks a
    JSON array itself (json_each), about twice as fast as an executemany of tuples; the executemany
    when JSON cannot carry the values (a NUL character) or this SQLite has no JSON functions.
    PostgreSQL: COPY."""
    if is_server(conn):
        from desktop.store.server import copy_dictionary_values

        copy_dictionary_values(conn, dataset, column, first_code, values)
        return
    step = 100_000
    for start in range(0, len(values), step):
        part = list(values[start : start + step])
        code = first_code + start
        payload = _json_array(part)
        if "\\u0000" not in payload and _insert_json(conn, dataset, column, code, payload):
            continue
        conn.exec_driver_sql(
            'INSERT INTO dictionary (dataset, "column", code, value) VALUES (?, ?, ?, ?)',
            [(dataset, column, code + k, v) for k, v in enumerate(part)],
        )


_JSON_SPECIAL = re.compile(r'["\\\x00-\x1f]')


def _json_array(values: list[str]) -> str:
    """`json.dumps(values, ensure_ascii=False)` of strings; joined directly when no value needs
    escaping (pseudonyms, codes: several times quicker than the encoder for 100,000 values)."""
    if not _JSON_SPECIAL.search("".join(values)):
        return '["' + '","'.join(values) + '"]' if values else "[]"
    return json.dumps(values, ensure_ascii=False)


def _insert_json(conn: Connection, dataset: str, column: str, code: int, payload: str) -> bool:
    try:
        conn.exec_driver_sql(
            'INSERT INTO dictionary (dataset, "column", code, value) SELECT ?, ?, ? + key, value FROM json_each(?)',
            (dataset, column, code, payload),
        )
    except OperationalError as exc:
        if "json_each" in str(exc):  # no JSON functions in this SQLite
            return False
        raise
    return True


def prune_dictionaries(conn: Connection, dataset: str) -> int:
    """Drop dictionary values no stored row uses any more (after a batch was removed), so that no
    value of a removed batch stays in the file. Codes stay contiguous (code = position): the values
    kept are renumbered in order and the chunks that hold a changed code are rewritten. Returns the
    number of values dropped. A team project: holds the dataset's writer lock (codes change)."""
    lock_dataset(conn, dataset)
    dropped = 0
    for column, kind in column_kinds(conn, dataset).items():
        if kind not in (KIND_DICT, KIND_ID):
            continue
        values = dictionary(conn, dataset, column)
        if not values:
            continue
        where = (column_chunk.c.dataset == dataset, column_chunk.c.column == column)
        used = np.zeros(len(values) + 1, dtype=bool)  # the extra slot takes code -1 (missing)
        for dtype, nrows, data in conn.execute(
            select(column_chunk.c.dtype, column_chunk.c.nrows, column_chunk.c.data).where(*where)
        ):
            used[_decompress(data, dtype, nrows)] = True
        used = used[:-1]
        if used.all():
            continue
        keep = np.flatnonzero(used)
        new_code = np.full(len(values) + 1, -1, dtype=np.int64)
        new_code[keep] = np.arange(len(keep))
        recode_dictionary(conn, dataset, column, [values[i] for i in keep.tolist()], new_code)
        dropped += len(values) - len(keep)
    return dropped


def recode_dictionary(conn: Connection, dataset: str, column: str, values: Sequence[str],
                      new_code: np.ndarray) -> None:
    """Replace a text column's dictionary by `values` (code = position) where stored code `c` becomes
    `new_code[c]` (`new_code` has one slot more, for code -1: missing). Only the chunks holding a
    code that changes are rewritten; codes below the first change keep their number."""
    conn.execute(delete(dictionary_table).where(dictionary_table.c.dataset == dataset, dictionary_table.c.column == column))
    if len(values):
        add_values(conn, dataset, column, 0, list(values))
    moved = np.flatnonzero(new_code[:-1] != np.arange(len(new_code) - 1))
    if not len(moved):
        return
    first_moved = int(moved[0])
    for chunk_id, dtype, nrows, data in conn.execute(
        select(column_chunk.c.id, column_chunk.c.dtype, column_chunk.c.nrows, column_chunk.c.data).where(
            column_chunk.c.dataset == dataset, column_chunk.c.column == column)
    ).all():
        codes = _decompress(data, dtype, nrows)
        if not len(codes) or int(codes.max()) < first_moved:
            continue
        remapped = new_code[codes]
        remapped = remapped.astype(smallest_int_dtype(int(remapped.max()) if len(remapped) else 0))
        conn.execute(
            column_chunk.update().where(column_chunk.c.id == chunk_id).values(
                dtype=remapped.dtype.str, data=_compress(remapped)
            )
        )


def mask_dictionary_codes(conn: Connection) -> dict[tuple[str, str], int]:
    """Mask valid identity codes in the text dictionaries of every column dataset (projects written
    before cells were masked at import kept them). Values that mask to the same text become one
    value and the chunks holding a merged code are rewritten; every other code and figure stays as
    it was. Returns {(dataset, column): values masked}."""
    from desktop.core.identity import CODE_SHAPED, mask_text

    done: dict[tuple[str, str], int] = {}
    columns = conn.execute(select(dataset_column.c.dataset, dataset_column.c.column)
                           .where(dataset_column.c.kind == KIND_DICT)).all()
    for dataset, column in columns:
        values = dictionary(conn, dataset, column)
        if not CODE_SHAPED.search("\n".join(values)):
            continue
        masked = [mask_text(v, valid_only=True)[0] for v in values]
        changed = sum(a != b for a, b in zip(values, masked, strict=True))
        if not changed:
            continue
        position = {v: i for i, v in enumerate(dict.fromkeys(masked))}
        new_code = np.array([position[v] for v in masked] + [-1], dtype=np.int64)
        recode_dictionary(conn, dataset, column, list(position), new_code)
        done[(dataset, column)] = changed
    return done
