"""What an import gathers while the file is read (text columns as codes into one list of distinct
values, number columns as arrays) and how the gathered columns are written into the store in the
import's one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import Connection, select

from desktop.core.datasets import COLUMN_DATASET, EVENT_COLUMNS, GRID_COLUMNS, TRAVEL_TIME_COLUMNS
from desktop.core.progress import Progress
from desktop.importers.kinds import Context
from desktop.importers.values import Coded
from desktop.services.importing.plan import ImportPlan
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.db import insert_rows
from desktop.store.tables import imports as tables


class _TextColumn:
    """A text column gathered over chunks as codes into one list of distinct values."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.parts: list[np.ndarray] = []

    def add(self, coded: Coded, keep: np.ndarray | None) -> None:
        setdefault = self.index.setdefault
        local = np.array([setdefault(u, len(self.index)) for u in coded.uniques] + [-1], dtype=np.int32)
        codes = local[coded.codes]
        self.parts.append(codes if keep is None else codes[keep])

    def codes(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.empty(0, dtype=np.int32)

    def values(self) -> list[str]:
        return list(self.index)

    def store_codes(self, conn: Connection, dataset: str, column: str) -> np.ndarray:
        codes = self.codes()
        uniques = self.values()
        if not uniques:
            return codes
        used = np.zeros(len(uniques), dtype=bool)
        used[codes[codes >= 0]] = True
        order = sorted(np.flatnonzero(used).tolist(), key=uniques.__getitem__)  # sorted: faster index inserts
        lookup = np.full(len(uniques) + 1, -1, dtype=np.int32)
        if order:
            lookup[order] = colstore.encode(conn, dataset, column, [uniques[i] for i in order])
        return lookup[codes]


@dataclass
class _Gathered:
    text: dict[str, _TextColumn] = field(default_factory=dict)
    arrays: dict[str, list[np.ndarray]] = field(default_factory=dict)
    rows: int = 0

    def add(self, columns: dict[str, object], keep: np.ndarray | None) -> None:
        for name, value in columns.items():
            if isinstance(value, Coded):
                self.text.setdefault(name, _TextColumn()).add(value, keep)
            else:
                array = np.asarray(value)
                self.arrays.setdefault(name, []).append(array if keep is None else array[keep])

    def array(self, name: str) -> np.ndarray:
        parts = self.arrays.get(name, [])
        return np.concatenate(parts) if parts else np.empty(0)


def _fill_missing(conn: Connection, dataset: str, arrays: dict, kinds: dict, n: int) -> None:
    """Columns the dataset already has but this file lacks get missing values (every batch holds
    every column, so batches line up when loaded)."""
    for column, kind in colstore.column_kinds(conn, dataset).items():
        if column in arrays:
            continue
        arrays[column] = np.full(n, -1, dtype=np.int32) if kind in (colstore.KIND_DICT, colstore.KIND_ID) else np.full(n, np.nan)
        kinds[column] = kind


def _backfill_new_columns(conn: Connection, dataset: str, kinds: dict[str, str], batch_id: int) -> None:
    """New columns (a grid file with a new extra column): earlier batches get missing values."""
    known = colstore.column_kinds(conn, dataset)
    new = {c: k for c, k in kinds.items() if c not in known}
    if not new or not known:
        return
    chunk = tables.column_chunk.c
    batches = conn.execute(
        select(chunk.batch_id).distinct().where(chunk.dataset == dataset, chunk.batch_id != batch_id)
    ).scalars().all()
    for old in batches:
        n = colstore.row_count(conn, dataset, [old])
        arrays = {c: (np.full(n, -1, dtype=np.int32) if k != colstore.KIND_NUM else np.full(n, np.nan)) for c, k in new.items()}
        colstore.write_columns(conn, dataset, old, arrays, new)


def _write(conn: Connection, store: Store, plan: ImportPlan, ctx: Context, gathered: _Gathered, batch_id: int,
           progress: Progress, person_codes: np.ndarray | None = None) -> None:
    kind = plan.kind
    n = gathered.rows
    if kind in COLUMN_DATASET:
        dataset = COLUMN_DATASET[kind]
        colstore.lock_dataset(conn, dataset)  # a team project: one writer of the dataset until the commit
        base = {"events": EVENT_COLUMNS, "grid": GRID_COLUMNS, "travel-times": TRAVEL_TIME_COLUMNS}[kind]
        arrays: dict[str, np.ndarray] = {}
        kinds: dict[str, str] = {}
        for column, ckind in base.items():
            kinds[column] = ckind
            if column == "person_id":
                people = gathered.array("person_id").astype(np.int64)
                assert ctx.persons is not None
                if person_codes is not None and len(person_codes) >= len(ctx.persons.pseudonyms):
                    arrays[column] = np.append(person_codes, -1)[people]  # codes encoded while reading
                else:
                    pseudo = _TextColumn()
                    pseudo.add(Coded(people.astype(np.int32), ctx.persons.pseudonyms), None)
                    arrays[column] = pseudo.store_codes(conn, dataset, column)
            elif column in gathered.text:
                arrays[column] = gathered.text[column].store_codes(conn, dataset, column)
            elif column in gathered.arrays:
                arrays[column] = gathered.array(column)
            else:
                arrays[column] = np.full(n, -1, dtype=np.int32) if ckind != "num" else np.full(n, np.nan)
            progress.check()
        if kind == "grid":
            for extra in plan.extra_columns:
                if extra in gathered.arrays and extra not in arrays:
                    arrays[extra] = gathered.array(extra).astype(np.float64)
                    kinds[extra] = colstore.KIND_NUM
        _backfill_new_columns(conn, dataset, kinds, batch_id)
        _fill_missing(conn, dataset, arrays, kinds, n)
        colstore.write_columns(conn, dataset, batch_id, arrays, kinds, progress=progress)
        return
    table = {"population": tables.population, "sites": tables.site, "finance": tables.finance, "staff": tables.staff}[kind]
    names = {
        "population": ("municipality", "year", "age_from", "age_to", "sex", "count", "forecast"),
        "sites": ("site_id", "name", "type", "size", "x", "y", "municipality", "capacity"),
        "finance": ("aura_code", "aura_name", "year", "cost_eur", "producer", "cost_centre"),
        "staff": ("cost_centre", "professional_group", "year", "month", "fte", "wages_eur", "employees"),
    }[kind]
    columns = [gathered.array(c) for c in names]
    rows = [(batch_id, *[_plain(v) for v in values]) for values in zip(*columns, strict=True)]
    insert_rows(conn, table.name, ("batch_id", *names), rows)
    progress.report(1, 1)


def _plain(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:  # a missing number (e.g. no capacity) -> NULL
        return None
    return value
