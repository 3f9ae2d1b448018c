"""Which tables a write touched, so a cache is kept until *its* data changes (not until any write).

Every statement the store's engine runs passes `before_cursor_execute`; INSERT / UPDATE / DELETE /
REPLACE name their table, anything else that writes (CREATE, ALTER, DROP, a statement this module
cannot read) counts as a change of everything. `Store.changed()` (after every write) bumps the
version of the tables written since the last call; when it saw none (a write this module did not
see, e.g. through a raw SQLite connection) everything counts as changed. A cache keys itself on
`store.version("events", "classification_")` or `store.version_except(*EDITS_OF_MEASURES)`: a rating
edit on the measures tracker then leaves the classified events and the linked figures cached. A team
project on a server: another analyst's write changes everything (Store.refresh).
"""

from __future__ import annotations

import re
import threading

from sqlalchemy import Engine, event

#: the tables of the column-stored datasets (events, grid, travel_times) and of their import batches
COLUMN_TABLES = ("import_batch", "dataset_column", "dictionary", "column_chunk")
#: names a cache may ask for besides table names (and table-name prefixes such as "classification_")
DATASET_TABLES = {"events": COLUMN_TABLES, "grid": COLUMN_TABLES, "travel_times": COLUMN_TABLES,
                  "classification": ("classification_",), "measures": ("measure", "measure_")}

_WRITE = re.compile(r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
                    r"\s+[\"`\[]?(\w+)", re.IGNORECASE)
_READ = re.compile(r"^\s*(?:SELECT|PRAGMA|WITH|EXPLAIN|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|ANALYZE|SET|SHOW|"
                   r"RESET|LOCK|START\s+TRANSACTION)\b",
                   re.IGNORECASE)
EVERYTHING = "*"
#: what a measures-tracker edit writes: its tables and the edited areas' save versions (edit_versions)
EDITS_OF_MEASURES = ("measure", "edit_version")


def written_table(statement: str) -> str | None:
    """The table a statement writes; None when it only reads; EVERYTHING when it cannot tell."""
    found = _WRITE.match(statement)
    if found:
        return found.group(1).lower()
    if _READ.match(statement):
        return None
    return EVERYTHING


class TableVersions:
    """Per-table write counters of one store (thread-safe: the import writer runs in a thread)."""

    def __init__(self, engine: Engine):
        self._lock = threading.Lock()
        self._written: set[str] = set()
        self._versions: dict[str, int] = {}
        self._everything = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement: str, _parameters, _context, _executemany) -> None:
        table = written_table(statement)
        if table is not None:
            with self._lock:
                self._written.add(table)

    def changed(self) -> set[str]:
        """Bump the tables written since the last call; returns them ({EVERYTHING} when unknown)."""
        with self._lock:
            written, self._written = self._written or {EVERYTHING}, set()
            if EVERYTHING in written:
                self._everything += 1
            for table in written - {EVERYTHING}:
                self._versions[table] = self._versions.get(table, 0) + 1
        return written

    def changed_elsewhere(self) -> None:
        """Another analyst wrote a team project: which tables is not known, so everything changed."""
        with self._lock:
            self._everything += 1

    def version(self, *names: str) -> tuple:
        """A key that changes whenever one of these tables (names, prefixes ending in '_', or a
        dataset of DATASET_TABLES) is written."""
        tables: list[str] = []
        for name in names:
            tables.extend(DATASET_TABLES.get(name, (name,)))
        prefixes = tuple(t for t in tables if t.endswith("_"))
        exact = set(tables) - set(prefixes)
        with self._lock:
            return (self._everything, tuple(sorted((t, v) for t, v in self._versions.items()
                                                   if t in exact or t.startswith(prefixes or ("\0",)))))

    def version_except(self, *prefixes: str) -> tuple:
        """A key that changes whenever a table not starting with one of `prefixes` is written."""
        with self._lock:
            return (self._everything, tuple(sorted((t, v) for t, v in self._versions.items()
                                                   if not t.startswith(prefixes))))

    def touches(self, written: set[str], *names: str) -> bool:
        """True when a write of `written` (from `changed()`) changes one of `names`."""
        if EVERYTHING in written:
            return True
        tables = [t for name in names for t in DATASET_TABLES.get(name, (name,))]
        return any(w == t or (t.endswith("_") and w.startswith(t)) for w in written for t in tables)
