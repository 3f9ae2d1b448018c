"""A store's reads and all-or-nothing writes, and the versions that caches key on (a team project:
another analyst's writes noticed). Part of `desktop.store.db.Store`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from desktop.core.errors import ReadOnlyRole, StoreInUse, UserError
from desktop.core.lang import t
from desktop.store.server import read_only_message
from desktop.store.versions import COLUMN_TABLES


class StoreTransactions:
    """`transaction()`, `read()`, and `version(...)` for caches."""

    def read_only_error(self) -> UserError:
        if self.read_only_role:
            return ReadOnlyRole(read_only_message(self.location))
        return StoreInUse(t("Projekti on avattu vain luku -tilassa.", "The project is open read-only."))

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing write. Any exception rolls everything back."""
        if self._bound is not None:  # part of the creating transaction
            yield self._bound
            return
        if self.readonly:
            raise self.read_only_error()
        self.pending_bases.clear()
        try:
            with self.engine.begin() as conn:
                yield conn
        except BaseException:
            self.pending_bases.clear()
            raise
        self.edit_bases.update(self.pending_bases)
        self.pending_bases.clear()
        self.changed()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading; a team project's reads see one snapshot of the database (a
        colleague's batch removal renumbers dictionary codes: chunks and dictionary must agree)."""
        if self._bound is not None:
            yield self._bound
            return
        with self.engine.connect() as conn:
            yield self.backend.for_reading(conn)

    def lock_dataset(self, conn: Connection, dataset: str) -> None:
        """Inside a write transaction: the one writer of `dataset`'s dictionary and chunks until the
        transaction ends (a team project: another analyst's import of the same dataset waits)."""
        self.backend.lock_dataset(conn, dataset)

    def changed(self) -> None:
        """Forget the cached datasets whose tables were written (called after every write)."""
        if self.versions.touches(self.versions.changed(), *COLUMN_TABLES):
            self._cache.clear()
        self._data_version += 1
        self._stamp = None

    @property
    def data_version(self) -> int:
        """A number that changes whenever the store's data changes (a team project: also by
        another analyst's import, batch removal or save)."""
        if self.is_server and self._bound is None:
            self.refresh()
        return self._data_version

    def refresh(self) -> bool:
        """A team project: forget cached data when another analyst changed it. True if so."""
        if not self.is_server:
            return False
        with self.engine.connect() as conn:
            stamp = self.backend.data_stamp(conn)
        changed = self._stamp is not None and stamp != self._stamp
        if changed:
            self._cache.clear()
            self._data_version += 1
            self.versions.changed_elsewhere()  # which tables the colleague wrote is not known
        self._stamp = stamp
        return changed

    def version(self, *names: str) -> tuple:
        """A cache key that changes when one of these datasets / tables / table-name prefixes ("classification_")
        is written, and only then (a rating edit does not change `version("events")`); a team project:
        also when another analyst changed anything."""
        self.data_version  # noqa: B018 - a team project: notices another analyst's writes
        return self.versions.version(*names)

    def version_except(self, *prefixes: str) -> tuple:
        """A cache key that changes when any table not starting with one of `prefixes` is written."""
        self.data_version  # noqa: B018 - a team project: notices another analyst's writes
        return self.versions.version_except(*prefixes)
