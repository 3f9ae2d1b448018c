"""The one `metadata` of the store's tables and the store's own bookkeeping tables (meta, settings,
edit versions).

Columns are NOT NULL unless marked `nullable=True` (as the ORM classes' `Mapped[...]` made them);
`default=` values are filled in by SQLAlchemy on insert, not stored in the schema."""

from __future__ import annotations

from functools import partial

from sqlalchemy import Column, Integer, MetaData, String, Table, Text
from sqlalchemy.ext.compiler import compiles

metadata = MetaData()

#: a column NOT NULL unless told otherwise (a primary key is NOT NULL anyway)
col = partial(Column, nullable=False)


@compiles(String, "postgresql")
def _varchar_without_length(type_, compiler, **kw) -> str:
    """A team project on PostgreSQL keeps text as a file does: SQLite never enforces VARCHAR(n), so
    neither does the server (a municipality name where a code was expected stays storable)."""
    return "VARCHAR"


#: key-value facts about the store itself: schema_version, store_id, created_at, app_version
meta = Table(
    "meta", metadata,
    col("key", String(64), primary_key=True),
    col("value", Text),
)

#: project settings that travel with the file (JSON values)
setting = Table(
    "setting", metadata,
    col("key", String(128), primary_key=True),
    col("value_json", Text),
)

#: how often an edited area ('classification', 'segments', 'goals', 'measures') was saved, when and by
#: whom (`desktop.services.edit_versions`)
edit_version = Table(
    "edit_version", metadata,
    col("area", String(32), primary_key=True),
    col("version", Integer, default=0),
    col("saved_at", String(32), default=""),
    col("saved_by", Text, default=""),
)
