"""Tables of the measures domain (owned by that feature; see desktop/store/rows/__init__.py)."""

from __future__ import annotations

from desktop.store.rows.base import Base  # noqa: F401
