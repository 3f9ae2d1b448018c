"""The write transaction of an events import, driven by a thread of its own while the file is still
being read: person pseudonyms and event rows go into the store chunk by chunk, and nothing is
visible until the final job commits."""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from desktop.core.datasets import EVENT_COLUMNS
from desktop.importers.values import Coded
from desktop.services.importing.gathered import _fill_missing
from desktop.services.importing.plan import ImportPlan
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.tables import imports as tables

IMPORT_CACHE_KIB = -262144  # SQLite page cache of the import's write transaction: 256 MB at most


class _StoreWriter:
    """One write transaction driven by a thread of its own: person pseudonyms go into the store's
    dictionary while the file is still being read (SQLite releases the GIL while it works), and the
    final job writes the batch and commits. Any error or `abort()` rolls everything back."""

    _COMMIT = object()
    _ROLLBACK = object()

    def __init__(self, store: Store):
        import queue
        import threading

        self.store = store
        self.jobs: queue.Queue = queue.Queue()
        self.error: BaseException | None = None
        self.result = None
        self.person_codes = np.empty(0, dtype=np.int32)  # store code of each person of the PersonTable
        self._person_dict: dict[str, int] | None = None
        self._next_code = 0
        self.batch_id: int | None = None  # the batch, once the first rows were written
        self._text_known: dict[str, dict[str, int]] = {}  # text column -> value -> store code
        self._unlisted: list[tuple[list[str], int]] = []  # person values added without the table, first code
        self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with self.store.engine.connect() as conn:
                if self.store.is_server:
                    self._transaction(conn)
                    return
                raw = conn.connection.dbapi_connection  # pragmas outside SQLAlchemy's transaction
                cache = raw.execute("PRAGMA cache_size").fetchone()[0]
                # the import's pages stay in memory until the commit (SQLite's default cache is 2 MB)
                raw.execute(f"PRAGMA cache_size={IMPORT_CACHE_KIB}")
                try:
                    self._transaction(conn)
                finally:
                    raw.execute(f"PRAGMA cache_size={int(cache)}")  # the pooled connection as it was
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            self.error = self.error or exc

    def _transaction(self, conn: Connection) -> None:
        trans = conn.begin()
        try:
            while True:
                job = self.jobs.get()
                if job is self._COMMIT or job is self._ROLLBACK:
                    break
                if self.error is None:
                    try:
                        outcome = job(conn)
                        if outcome is not None:
                            self.result = outcome
                    except BaseException as exc:  # noqa: BLE001 - handed to the caller
                        self.error = exc
            if job is self._COMMIT and self.error is None:
                trans.commit()
            else:
                trans.rollback()
        except BaseException as exc:  # noqa: BLE001
            self.error = self.error or exc
            if trans.is_active:
                trans.rollback()

    def submit(self, job) -> None:
        self.jobs.put(job)

    def add_persons(self, values: list[str], start: int, may_repeat: bool = True) -> None:
        """Encode pseudonyms `values` (persons start.. of the PersonTable) in the background.

        The same contract as `columns.encode` (store-wide codes, existing values keep theirs), kept
        incremental for one transaction: the column's dictionary is read once, and new values get the
        next codes in the order they were first seen (the dictionary's b-tree grows at its end).
        `may_repeat` False: the PersonTable vouches that no pseudonym of this import repeats (no id
        came in our export form 'ps:...', the only way two ids get one pseudonym); into a store
        without persons the values are then added as they are, without a lookup table."""

        def job(conn: Connection) -> None:
            if self._person_dict is None:
                colstore.lock_dataset(conn, "events")  # a team project: one importer of events at a time
                rows = conn.execute(
                    select(tables.dictionary.c.value, tables.dictionary.c.code).where(
                        tables.dictionary.c.dataset == "events", tables.dictionary.c.column == "person_id")
                ).all()
                self._person_dict = dict(rows)
                self._next_code = max(self._person_dict.values(), default=-1) + 1
            known = self._person_dict
            n = len(values)
            first = self._next_code
            if not known and not may_repeat:  # a store without persons: every value is new
                colstore.add_values(conn, "events", "person_id", first, values)
                codes = np.arange(first, first + n, dtype=np.int32)
                self._unlisted.append((values, first))
                self._next_code = first + n
            else:
                for earlier, code in self._unlisted:  # values added without the table: list them now
                    known.update(zip(earlier, range(code, code + len(earlier)), strict=True))
                self._unlisted.clear()
                codes = np.fromiter(map(known.get, values, repeat(-1)), dtype=np.int32, count=n)
                fresh = np.flatnonzero(codes < 0)
                if len(fresh):
                    # one code per distinct value (an identity code and its exported pseudonym 'ps:...'
                    # in one file give the same pseudonym twice)
                    local, distinct = pd.factorize(np.asarray(values, dtype=object)[fresh])
                    distinct = distinct.tolist()
                    colstore.add_values(conn, "events", "person_id", first, distinct)
                    codes[fresh] = first + local.astype(np.int32)
                    known.update(zip(distinct, range(first, first + len(distinct)), strict=True))
                    self._next_code = first + len(distinct)
            if len(self.person_codes) < start + len(values):
                grown = np.full(start + len(values), -1, dtype=np.int32)
                grown[: len(self.person_codes)] = self.person_codes
                self.person_codes = grown
            self.person_codes[start : start + len(values)] = codes

        self.submit(job)

    def write_event_rows(self, plan: ImportPlan, columns: dict[str, object], keep: np.ndarray | None) -> None:
        """Write one chunk of converted events as column chunks of this import's batch (created
        with the first chunk; its counts and report are filled in by the last job)."""

        def job(conn: Connection) -> None:
            if self.batch_id is None:
                self.batch_id = self.store.add_batch(conn, plan.kind, plan.source.file_name, int(plan.source.file_size))
            arrays: dict[str, np.ndarray] = {}
            for name in EVENT_COLUMNS:
                value = columns.get(name)
                if name == "person_id":
                    people = np.asarray(value, dtype=np.int64)
                    codes = np.append(self.person_codes, -1)[people]
                elif isinstance(value, Coded):
                    codes = self._text_codes(conn, name, value.uniques)[value.codes]
                else:
                    codes = np.asarray(value)
                arrays[name] = codes if keep is None else codes[keep]
            kinds = dict(EVENT_COLUMNS)
            n = len(next(iter(arrays.values())))
            _fill_missing(conn, "events", arrays, kinds, n)
            colstore.write_columns(conn, "events", self.batch_id, arrays, kinds)

        self.submit(job)

    def _text_codes(self, conn: Connection, column: str, uniques: list[str]) -> np.ndarray:
        """Store codes of a chunk's distinct values of a text column (+ -1 for index -1). Values
        coded earlier in this import are remembered: only new ones go through `columns.encode`."""
        known = self._text_known.setdefault(column, {})
        lookup = np.fromiter(map(known.get, uniques, repeat(-2)), dtype=np.int32, count=len(uniques))
        new = np.flatnonzero(lookup == -2)
        if len(new):
            values = [uniques[i] for i in new.tolist()]
            codes = colstore.encode(conn, "events", column, pd.Series(values, dtype=object))
            lookup[new] = codes
            known.update(zip(values, codes.tolist(), strict=True))
        return np.append(lookup, np.int32(-1))

    def finish(self, job):
        """Run the last job, commit and wait; raises the first error of any job (rolled back)."""
        self.submit(job)
        self.jobs.put(self._COMMIT)
        self._thread.join()
        if self.error is not None:
            raise self.error
        self.store.changed()
        return self.result

    def abort(self) -> None:
        self.jobs.put(self._ROLLBACK)
        self._thread.join()
