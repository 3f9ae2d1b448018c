"""Tables of the analysis domain: the planners' traffic-light targets."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.rows.base import Base


class TargetRow(Base):
    """A target share per segment and year, e.g. "green share of euros for children and youth at
    least 40 % in 2027": segment name, year, level ('green', 'yellow', 'red'), measure ('contacts',
    'clients', 'cost_eur'), share 0..1, at_least (False: at most)."""

    __tablename__ = "traffic_light_target"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(16))
    measure: Mapped[str] = mapped_column(String(16), default="cost_eur")
    share: Mapped[float] = mapped_column(Float)
    at_least: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (UniqueConstraint("segment", "year", "level", "measure", name="uq_target"),)
