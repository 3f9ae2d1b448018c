"""Column-chunk storage of large datasets inside the store (an SQLite file or a PostgreSQL database).

Each dataset column is kept per import batch as compressed numpy arrays of at most `CHUNK_ROWS`
values. Text columns are dictionary-encoded with store-wide codes (so codes agree across batches);
missing text is code -1. Loading a dataset concatenates the chunks and, for text columns, wraps the
codes in a pandas Categorical without copying the values.

Every chunk of events records the calendar years of its rows (`year_min`..`year_max`), and rows
that come grouped by year (a yearly export, a file sorted by date) start a new chunk at each change
of year, so a report of one year reads and decodes only that year's chunks (`load_columns(...,
years=...)`); a chunk of several years is filtered row by row. Chunks written by schema 3 and older
get their year range from their dates when the store is upgraded.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, NamedTuple

import zstandard
from sqlalchemy import Connection, delete, func, insert, inspect, select, update
from sqlalchemy.exc import OperationalError

from desktop.core.lazy import lazy_module
from desktop.store.rows.imports import ColumnChunkRow, DatasetColumnRow, DictionaryRow

if TYPE_CHECKING:  # pandas is imported where a frame is made: a command that only reads facts starts quicker
    import numpy as np
    import pandas as pd
else:
    np = lazy_module("numpy")  # loaded when a chunk is read or written

CHUNK_ROWS = 1 << 20
_ZSTD_LEVEL = 1  # fast: the arrays are mostly small integer codes; decompression is the same at any level

KIND_DICT = "dict"
KIND_ID = "id"
KIND_NUM = "num"
DATE_COLUMN = "date"  # days since 1970-01-01: the column whose calendar year splits the chunks
_FETCH_CHUNKS = 64  # compressed chunks held in memory at a time while loading


def _compress(array: np.ndarray) -> bytes:
    # the frame's content checksum (4 bytes) makes any changed byte of a chunk a detected damage
    return zstandard.ZstdCompressor(level=_ZSTD_LEVEL, write_checksum=True).compress(np.ascontiguousarray(array).tobytes())


class ChunkDamaged(Exception):
    """A column chunk that cannot be what it claims (bad frame, checksum, length or codes)."""


def _decompress(data: bytes, dtype: str, nrows: int) -> np.ndarray:
    try:
        size = nrows * np.dtype(dtype).itemsize
        if not isinstance(data, bytes | bytearray | memoryview):
            raise ChunkDamaged(f"data of type {type(data).__name__}")
        raw = zstandard.ZstdDecompressor().decompress(data, max_output_size=size)
    except (zstandard.ZstdError, TypeError, ValueError) as exc:
        raise ChunkDamaged(str(exc)) from exc
    if len(raw) != size:
        raise ChunkDamaged(f"{len(raw)} bytes instead of {size}")
    return np.frombuffer(raw, dtype=dtype)


def _store_name(conn: Connection) -> str:
    database = str(conn.engine.url.database or "")
    return os.path.basename(database.split("?")[0].removeprefix("file:")) or database


def _damaged(conn: Connection, dataset: str, column: str, detail: str) -> Exception:
    from desktop.core.lang import t
    from desktop.store.sqlite_health import damaged

    return damaged(_store_name(conn), t(f"aineiston {dataset} sarakkeen {column} tallennettu osa ei ole ehjä: {detail}",
                                        f"a stored part of column {column} of {dataset} is not intact: {detail}"))


def smallest_int_dtype(max_value: int) -> np.dtype:
    """The narrowest signed integer dtype that holds -1..max_value."""
    for dtype in (np.int8, np.int16, np.int32):
        if max_value <= np.iinfo(dtype).max:
            return np.dtype(dtype)
    return np.dtype(np.int64)


def dictionary(conn: Connection, dataset: str, column: str) -> list[str]:
    """The values of a text column's dictionary in code order (index = code)."""
    rows = conn.execute(
        select(DictionaryRow.code, DictionaryRow.value)
        .where(DictionaryRow.dataset == dataset, DictionaryRow.column == column)
        .order_by(DictionaryRow.code)
    ).all()
    return [value for _code, value in rows]


def encode(conn: Connection, dataset: str, column: str, values: pd.Series | Sequence) -> np.ndarray:
    """Dictionary-encode text values against the store's dictionary, adding new values.

    Missing values (None, NaN, '') get code -1. Returns int32 codes.
    """
    import pandas as pd

    lock_dataset(conn, dataset)
    series = pd.Series(values, copy=False)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniques = [str(u) for u in uniques]
    where = [DictionaryRow.dataset == dataset, DictionaryRow.column == column]
    if len(uniques) <= 20_000:  # stay well under SQLite's limit of bound parameters
        where.append(DictionaryRow.value.in_(uniques))
    existing = dict(conn.execute(select(DictionaryRow.value, DictionaryRow.code).where(*where)).all())
    next_code = conn.execute(
        select(func.coalesce(func.max(DictionaryRow.code), -1)).where(
            DictionaryRow.dataset == dataset, DictionaryRow.column == column
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


def is_server(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def lock_dataset(conn: Connection, dataset: str) -> None:
    """A team project (PostgreSQL): the one writer of `dataset`'s dictionary and chunks until this
    transaction ends, so that two analysts' imports never give two values one code (readers are
    not blocked). A file has one writer anyway."""
    if is_server(conn):
        from desktop.store.server import advisory_lock

        advisory_lock(conn, f"dataset:{dataset}")


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


def register_columns(conn: Connection, dataset: str, kinds: Mapping[str, str]) -> None:
    """Declare a dataset's columns and their kinds (idempotent)."""
    lock_dataset(conn, dataset)
    known = {
        c: k
        for c, k in conn.execute(
            select(DatasetColumnRow.column, DatasetColumnRow.kind).where(DatasetColumnRow.dataset == dataset)
        ).all()
    }
    position = len(known)
    for column, kind in kinds.items():
        if column in known:
            continue
        conn.execute(
            insert(DatasetColumnRow).values(dataset=dataset, column=column, kind=kind, position=position)
        )
        position += 1


def column_kinds(conn: Connection, dataset: str) -> dict[str, str]:
    rows = conn.execute(
        select(DatasetColumnRow.column, DatasetColumnRow.kind)
        .where(DatasetColumnRow.dataset == dataset)
        .order_by(DatasetColumnRow.position)
    ).all()
    return {c: k for c, k in rows}


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
        select(func.coalesce(func.max(ColumnChunkRow.chunk_no), -1)).where(
            ColumnChunkRow.dataset == dataset, ColumnChunkRow.batch_id == batch_id
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
        conn.execute(insert(ColumnChunkRow), rows)
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


def event_years(dates: np.ndarray) -> np.ndarray:
    """Calendar year of each day number (int32; -1 where the date is missing, e.g. NaN)."""
    from desktop.core.datasets import years_of

    dates = np.asarray(dates)
    if dates.dtype.kind == "f":
        known = np.isfinite(dates)
        out = np.full(len(dates), -1, dtype=np.int32)
        out[known] = years_of(dates[known].astype(np.int64))
        return out
    if not len(dates):
        return np.empty(0, dtype=np.int32)
    first, last = int(dates.min()), int(dates.max())
    if last - first > 200_000:  # implausible span: convert each date
        return years_of(dates).astype(np.int32)
    table = years_of(np.arange(first, last + 1)).astype(np.int32)  # one entry per calendar day
    return table[dates - first]


def load_columns(
    conn: Connection,
    dataset: str,
    columns: Iterable[str] | None = None,
    batch_ids: Iterable[int] | None = None,
    decode: bool | Iterable[str] = True,
    years: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Load a dataset as a DataFrame.

    Text ('dict') columns come back as pandas Categorical when decoded, else as int codes (-1 missing);
    'id' columns come back as int codes unless named in `decode`. Numeric columns keep their dtype.
    `years`: only the rows whose date falls in one of these calendar years (in stored order), read
    from those years' chunks only; a dataset without a date column comes back whole.
    """
    import pandas as pd

    kinds = column_kinds(conn, dataset)
    wanted = list(kinds) if columns is None else [c for c in columns if c in kinds]
    batch_ids = None if batch_ids is None else list(batch_ids)
    refs = _chunk_refs(conn, dataset, wanted, batch_ids)
    selection = None
    if years is not None and DATE_COLUMN in kinds:
        selection, date_rows = _year_selection(conn, dataset, batch_ids, {int(y) for y in years})
        if any(date_rows.get((r.batch_id, r.chunk_no)) != r.nrows for r in refs):
            return _load_then_select(conn, dataset, wanted, batch_ids, decode, years)  # chunks not aligned
    arrays = _read_chunks(conn, refs, selection, wanted, kinds, dataset)
    totals = {col: sum(r.nrows for r in refs if r.column == col) for col in wanted}
    if len(set(totals.values())) > 1:  # a chunk of some column is missing or extra
        from desktop.core.lang import t

        lengths = list(totals.values())
        usual = max(set(lengths), key=lengths.count)
        odd = [col for col, n in totals.items() if n != usual]
        raise _damaged(conn, dataset, ", ".join(odd), t(f"{totals[odd[0]]} riviä, muissa sarakkeissa {usual}",
                                                        f"{totals[odd[0]]} rows where the other columns have {usual}"))
    if isinstance(decode, bool):
        decode_set = {c for c, k in kinds.items() if k == KIND_DICT} if decode else set()
    else:
        decode_set = set(decode)
    out: dict[str, object] = {}
    for column in wanted:
        array = arrays[column]
        if kinds[column] in (KIND_DICT, KIND_ID) and column in decode_set:
            values = dictionary(conn, dataset, column)
            if len(array) and (int(array.max()) >= len(values) or int(array.min()) < -1):
                raise _damaged(conn, dataset, column, f"codes outside the dictionary of {len(values)} values")
            out[column] = pd.Categorical.from_codes(array, categories=pd.Index(values, dtype=object), validate=False)
        else:
            out[column] = array
    return pd.DataFrame(out, copy=False)


class _ChunkRef(NamedTuple):
    id: int
    column: str
    batch_id: int
    chunk_no: int
    dtype: str
    nrows: int


def _chunk_refs(conn: Connection, dataset: str, wanted: list[str], batch_ids: list[int] | None) -> list[_ChunkRef]:
    """The chunks of the wanted columns, without their data, in row order."""
    c = ColumnChunkRow
    query = select(c.id, c.column, c.batch_id, c.chunk_no, c.dtype, c.nrows).where(
        c.dataset == dataset, c.column.in_(wanted))
    if batch_ids is not None:
        query = query.where(c.batch_id.in_(batch_ids))
    return [_ChunkRef(*row) for row in conn.execute(query.order_by(c.batch_id, c.chunk_no))]


def _year_selection(conn: Connection, dataset: str, batch_ids: list[int] | None,
                    years: set[int]) -> tuple[dict, dict]:
    """({(batch, chunk_no): None for every row | bool mask of the rows} of the chunks holding rows of
    `years`, {(batch, chunk_no): rows} of every date chunk). A chunk's stored year range decides
    without reading it; a chunk of several years (or of an older store) is filtered by its dates."""
    selection: dict[tuple[int, int], np.ndarray | None] = {}
    date_rows: dict[tuple[int, int], int] = {}
    unsure: list[_ChunkRef] = []
    for ref, low, high in _date_chunks(conn, dataset, batch_ids):
        key = (ref.batch_id, ref.chunk_no)
        date_rows[key] = ref.nrows
        if low is None or high is None:
            unsure.append(ref)
        elif all(y in years for y in range(low, high + 1)):
            selection[key] = None
        elif any(low <= y <= high for y in years):
            unsure.append(ref)
    for ref, dates in _chunk_arrays(conn, unsure):
        mask = np.isin(event_years(dates), list(years))
        if mask.all():
            selection[(ref.batch_id, ref.chunk_no)] = None
        elif mask.any():
            selection[(ref.batch_id, ref.chunk_no)] = mask
    return selection, date_rows


def _date_chunks(conn: Connection, dataset: str, batch_ids: list[int] | None):
    """[(chunk ref, year_min, year_max)] of the date column (years None where not recorded)."""
    c = ColumnChunkRow
    ranged = has_year_ranges(conn)
    query = select(c.id, c.column, c.batch_id, c.chunk_no, c.dtype, c.nrows,
                   *((c.year_min, c.year_max) if ranged else ())).where(c.dataset == dataset, c.column == DATE_COLUMN)
    if batch_ids is not None:
        query = query.where(c.batch_id.in_(batch_ids))
    out = []
    for row in conn.execute(query):
        out.append((_ChunkRef(*row[:6]), *(row[6:8] if ranged else (None, None))))
    return out


def has_year_ranges(conn: Connection) -> bool:
    """Whether column_chunk records year ranges (schema 5; an older store opened read-only does not)."""
    return "year_min" in {c["name"] for c in inspect(conn).get_columns("column_chunk")}


def _chunk_arrays(conn: Connection, refs: list[_ChunkRef]):
    """(ref, values) of each chunk, read a few at a time."""
    for start in range(0, len(refs), _FETCH_CHUNKS):
        part = refs[start : start + _FETCH_CHUNKS]
        data = _fetch(conn, [r.id for r in part])
        for ref in part:
            try:
                yield ref, _decompress(data[ref.id], ref.dtype, ref.nrows)
            except ChunkDamaged as exc:
                raise _damaged(conn, "events", ref.column, f"erä {ref.batch_id}, osa {ref.chunk_no}: {exc}") from exc


def _fetch(conn: Connection, ids: list[int]) -> dict[int, bytes]:
    """The stored bytes of chunks by id. PostgreSQL: in binary (bytea as it is, about three times
    quicker than its hex text form: 0.3 s instead of 0.9 s for 3.5 M events' chunks)."""
    query = select(ColumnChunkRow.id, ColumnChunkRow.data).where(ColumnChunkRow.id.in_(ids))
    if not is_server(conn):
        return dict(conn.execute(query).all())
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    with conn.connection.dbapi_connection.cursor(binary=True) as cur:
        cur.execute(str(compiled), compiled.params)
        return dict(cur.fetchall())


def _read_chunks(conn: Connection, refs: list[_ChunkRef], selection: dict | None, wanted: list[str],
                 kinds: Mapping[str, str], dataset: str = "") -> dict[str, np.ndarray]:
    """Each wanted column as one array: the chosen chunks (all when `selection` is None, else its
    keys; a mask picks rows) decompressed straight into their place in the column's array."""
    chosen = [r for r in refs if selection is None or (r.batch_id, r.chunk_no) in selection]
    masks = {} if selection is None else selection
    plan: list[tuple[_ChunkRef, np.ndarray, np.ndarray | None]] = []
    out: dict[str, np.ndarray] = {}
    for column in wanted:
        mine = [r for r in chosen if r.column == column]
        sizes = [_selected_rows(r, masks.get((r.batch_id, r.chunk_no))) for r in mine]
        stored = [np.dtype(r.dtype) for r in refs if r.column == column]  # the dtype a whole load gives
        if stored:
            dtype = np.result_type(*stored)
        else:
            dtype = np.dtype(np.float64 if kinds[column] == KIND_NUM else np.int32)
        target = np.empty(sum(sizes), dtype=dtype)
        out[column] = target
        offset = 0
        for ref, size in zip(mine, sizes, strict=True):
            plan.append((ref, target[offset : offset + size], masks.get((ref.batch_id, ref.chunk_no))))
            offset += size
    by_id = {ref.id: (ref, target, mask) for ref, target, mask in plan}
    ids = [ref.id for ref, _t, _m in plan]
    # zstd releases the GIL: decompress the chunks on every core (about halves a 3.5 M-row load on 2)
    workers = min(len(ids), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        for start in range(0, len(ids), _FETCH_CHUNKS):
            try:
                data = _fetch(conn, ids[start : start + _FETCH_CHUNKS])
            except OperationalError as exc:  # e.g. a chunk's bytes turned into text that is not UTF-8
                raise _damaged(conn, dataset, ", ".join(wanted), str(getattr(exc, "orig", exc))) from exc
            jobs = [(*by_id[i], data[i]) for i in ids[start : start + _FETCH_CHUNKS]]
            for ref, error in zip((job[0] for job in jobs), pool.map(lambda job: _place(*job), jobs), strict=True):
                if error is not None:
                    raise _damaged(conn, dataset, ref.column, f"erä {ref.batch_id}, osa {ref.chunk_no}: {error}")
    return out


def _selected_rows(ref: _ChunkRef, mask: np.ndarray | None) -> int:
    return ref.nrows if mask is None else int(np.count_nonzero(mask))


def _place(ref: _ChunkRef, target: np.ndarray, mask: np.ndarray | None, data: bytes) -> ChunkDamaged | None:
    """Decompress a chunk into `target` (its rows picked by `mask`); the damage found, if any (the
    whole frame is decompressed so that its length and content checksum are checked)."""
    try:
        values = _decompress(data, ref.dtype, ref.nrows)
    except ChunkDamaged as exc:
        return exc
    target[:] = values if mask is None else values[mask]
    return None


def _load_then_select(conn: Connection, dataset: str, wanted: list[str], batch_ids, decode, years) -> pd.DataFrame:
    """The rows of `years` from a whole load (for chunks that do not line up across columns)."""
    frame = load_columns(conn, dataset, [*wanted, DATE_COLUMN], batch_ids, decode)
    keep = np.isin(event_years(frame[DATE_COLUMN].to_numpy()), list(years))
    frame = frame[keep].reset_index(drop=True)
    return frame if DATE_COLUMN in wanted else frame.drop(columns=[DATE_COLUMN])


def dataset_years(conn: Connection, dataset: str) -> list[int]:
    """The calendar years of a dataset's rows, ascending (from the chunks' year ranges; a chunk of
    several years or of an older store is read). Empty for a dataset without dates."""
    years: set[int] = set()
    unsure = []
    for ref, low, high in _date_chunks(conn, dataset, None):
        if low is not None and low == high:
            years.add(int(low))
        elif ref.nrows:
            unsure.append(ref)
    for _ref, dates in _chunk_arrays(conn, unsure):
        found = event_years(dates)
        years.update(int(y) for y in np.unique(found[found >= 0]))
    return sorted(years)


def fill_year_ranges(conn: Connection) -> int:
    """Record the year range of every chunk written without one (the upgrade to schema 5): each
    row of a (dataset, batch, chunk) gets the years of that chunk's dates. Returns the chunks done."""
    c = ColumnChunkRow
    refs = [ref for ref, low, _high in _date_chunks(conn, "events", None) if low is None]
    for ref, dates in _chunk_arrays(conn, refs):
        found = event_years(dates)
        found = found[found >= 0]
        if not len(found):
            continue
        conn.execute(update(c).where(c.dataset == "events", c.batch_id == ref.batch_id, c.chunk_no == ref.chunk_no)
                     .values(year_min=int(found.min()), year_max=int(found.max())))
    return len(refs)


def row_count(conn: Connection, dataset: str, batch_ids: Iterable[int] | None = None) -> int:
    """Rows stored for a dataset (counted from one column's chunks)."""
    kinds = column_kinds(conn, dataset)
    if not kinds:
        return 0
    first = next(iter(kinds))
    query = select(func.coalesce(func.sum(ColumnChunkRow.nrows), 0)).where(
        ColumnChunkRow.dataset == dataset, ColumnChunkRow.column == first
    )
    if batch_ids is not None:
        query = query.where(ColumnChunkRow.batch_id.in_(list(batch_ids)))
    return int(conn.execute(query).scalar_one())


def delete_batch_columns(conn: Connection, batch_id: int) -> None:
    conn.execute(delete(ColumnChunkRow).where(ColumnChunkRow.batch_id == batch_id))


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
        where = (ColumnChunkRow.dataset == dataset, ColumnChunkRow.column == column)
        used = np.zeros(len(values) + 1, dtype=bool)  # the extra slot takes code -1 (missing)
        for dtype, nrows, data in conn.execute(
            select(ColumnChunkRow.dtype, ColumnChunkRow.nrows, ColumnChunkRow.data).where(*where)
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
    conn.execute(delete(DictionaryRow).where(DictionaryRow.dataset == dataset, DictionaryRow.column == column))
    if len(values):
        add_values(conn, dataset, column, 0, list(values))
    moved = np.flatnonzero(new_code[:-1] != np.arange(len(new_code) - 1))
    if not len(moved):
        return
    first_moved = int(moved[0])
    for chunk_id, dtype, nrows, data in conn.execute(
        select(ColumnChunkRow.id, ColumnChunkRow.dtype, ColumnChunkRow.nrows, ColumnChunkRow.data).where(
            ColumnChunkRow.dataset == dataset, ColumnChunkRow.column == column)
    ).all():
        codes = _decompress(data, dtype, nrows)
        if not len(codes) or int(codes.max()) < first_moved:
            continue
        remapped = new_code[codes]
        remapped = remapped.astype(smallest_int_dtype(int(remapped.max()) if len(remapped) else 0))
        conn.execute(
            ColumnChunkRow.__table__.update().where(ColumnChunkRow.id == chunk_id).values(
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
    columns = conn.execute(select(DatasetColumnRow.dataset, DatasetColumnRow.column)
                           .where(DatasetColumnRow.kind == KIND_DICT)).all()
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
