"""Tables of the segments domain: the segment rules of a project."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Table, Text

from desktop.store.tables.base import col, metadata

#: one segment: its name, kind ('population', 'client', 'need_level') and its rule as JSON
segment = Table(
    "segment", metadata,
    col("id", Integer, primary_key=True),
    col("name", String(200), unique=True),
    col("name_en", String(200), default=""),
    col("kind", String(32), default="client"),
    col("position", Integer, default=0),
    col("condition_json", Text),
    col("description", Text, default=""),
    col("active", Boolean, default=True),
)
