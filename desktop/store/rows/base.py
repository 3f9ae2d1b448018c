"""Declarative base and the store's own bookkeeping tables (meta, settings)."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


@compiles(String, "postgresql")
def _varchar_without_length(type_, compiler, **kw) -> str:
    """A team project on PostgreSQL keeps text as a file does: SQLite never enforces VARCHAR(n), so
    neither does the server (a municipality name where a code was expected stays storable)."""
    return "VARCHAR"


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Key-value facts about the store itself: schema_version, store_id, created_at, app_version."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SettingRow(Base):
    """Project settings that travel with the file (JSON values)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


class EditVersionRow(Base):
    """How often an edited area ('classification', 'segments', 'goals', 'measures') was saved, when
    and by whom. A save based on an older version than the stored one is refused
    (`desktop.services.edit_versions`): never a silent overwrite of a colleague's save."""

    __tablename__ = "edit_version"
    area: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    saved_at: Mapped[str] = mapped_column(String(32), default="")
    saved_by: Mapped[str] = mapped_column(Text, default="")
