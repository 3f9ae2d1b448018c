"""The project store: one SQLite file per planning project, opened through SQLAlchemy 2.0."""

from desktop.store.db import Store, open_store

__all__ = ["Store", "open_store"]
