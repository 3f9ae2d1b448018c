"""What every part of the column store shares: a dataset's columns and their kinds, the dataset's
writer lock (a team project), and how one chunk of values is stored: narrowed to the smallest
integer type, zstd-compressed with a content checksum, and refused when damaged."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

import zstandard
from sqlalchemy import Connection, insert, select

from desktop.core.lazy import lazy_module
from desktop.store.tables.imports import dataset_column

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # loaded when a chunk is read or written

_ZSTD_LEVEL = 1  # fast: the arrays are mostly small integer codes; decompression is the same at any level

KIND_DICT = "dict"
KIND_ID = "id"
KIND_NUM = "num"
DATE_COLUMN = "date"  # days since 1970-01-01: the column whose calendar year splits the chunks


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


def is_server(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def lock_dataset(conn: Connection, dataset: str) -> None:
    """A team project (PostgreSQL): the one writer of `dataset`'s dictionary and chunks until this
    transaction ends, so that two analysts' imports never give two values one code (readers are
    not blocked). A file has one writer anyway."""
    if is_server(conn):
        from desktop.store.server import advisory_lock

        advisory_lock(conn, f"dataset:{dataset}")


def register_columns(conn: Connection, dataset: str, kinds: Mapping[str, str]) -> None:
    """Declare a dataset's columns and their kinds (idempotent)."""
    lock_dataset(conn, dataset)
    known = {
        c: k
        for c, k in conn.execute(
            select(dataset_column.c.column, dataset_column.c.kind).where(dataset_column.c.dataset == dataset)
        ).all()
    }
    position = len(known)
    for column, kind in kinds.items():
        if column in known:
            continue
        conn.execute(
            insert(dataset_column).values(dataset=dataset, column=column, kind=kind, position=position)
        )
        position += 1


def column_kinds(conn: Connection, dataset: str) -> dict[str, str]:
    rows = conn.execute(
        select(dataset_column.c.column, dataset_column.c.kind)
        .where(dataset_column.c.dataset == dataset)
        .order_by(dataset_column.c.position)
    ).all()
    return {c: k for c, k in rows}
