"""Tables of the segments domain: the segment rules of a project.

The need-level thresholds are a project setting (`SettingRow` key "segments.need_thresholds").
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.rows.base import Base


class SegmentRow(Base):
    """One segment: its name, kind ('population', 'client', 'need_level') and its rule as JSON
    (`desktop.core.segments.Condition.to_dict()`). `position` orders the segment list and charts."""

    __tablename__ = "segment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(32), default="client")
    position: Mapped[int] = mapped_column(Integer, default=0)
    condition_json: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
