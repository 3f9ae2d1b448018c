"""Declarative base and the store's own bookkeeping tables (meta, settings).

The tables themselves are declared in `desktop.store.tables.base` (Core, no ORM); these classes
map onto them for the code that works with ORM sessions."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase, Mapped

from desktop.store.tables import base as tables
from desktop.store.tables.base import metadata


class Base(DeclarativeBase):
    """The ORM classes' base: its metadata is the tables' one (`desktop.store.tables.metadata`)."""

    metadata = metadata


class MetaRow(Base):
    """Key-value facts about the store itself: schema_version, store_id, created_at, app_version."""

    __tablename__ = "meta"
    __table__ = tables.meta
    key: Mapped[str]
    value: Mapped[str]


class SettingRow(Base):
    """Project settings that travel with the file (JSON values)."""

    __tablename__ = "setting"
    __table__ = tables.setting
    key: Mapped[str]
    value_json: Mapped[str]


class EditVersionRow(Base):
    """How often an edited area ('classification', 'segments', 'goals', 'measures') was saved, when
    and by whom. A save based on an older version than the stored one is refused
    (`desktop.services.edit_versions`): never a silent overwrite of a colleague's save."""

    __tablename__ = "edit_version"
    __table__ = tables.edit_version
    area: Mapped[str]
    version: Mapped[int]
    saved_at: Mapped[str]
    saved_by: Mapped[str]
