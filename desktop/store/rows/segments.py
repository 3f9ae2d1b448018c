"""ORM classes of the tables of the segments domain: the segment rules of a project.

The need-level thresholds are a project setting (`SettingRow` key "segments.need_thresholds").

The tables themselves are declared in `desktop.store.tables.segments` (Core, no ORM); these classes
map onto them for the code that works with ORM sessions."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desktop.store.rows.base import Base
from desktop.store.tables import segments as tables


class SegmentRow(Base):
    """One segment: its name, kind ('population', 'client', 'need_level') and its rule as JSON
    (`desktop.core.segments.Condition.to_dict()`). `position` orders the segment list and charts."""

    __tablename__ = "segment"
    __table__ = tables.segment
    id: Mapped[int]
    name: Mapped[str]
    name_en: Mapped[str]
    kind: Mapped[str]
    position: Mapped[int]
    condition_json: Mapped[str]
    description: Mapped[str]
    active: Mapped[bool]
