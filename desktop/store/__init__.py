"""The project store: one SQLite file per planning project, opened through SQLAlchemy 2.0.

`Store` and `open_store` load on first use (PEP 562): `desktop.store.keys` and the other plain
modules of this package import without SQLAlchemy (`sote-planner key list` starts quicker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.db import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str):
    if name in __all__:
        from desktop.store import db

        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
