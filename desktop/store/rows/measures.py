"""Tables of the development-measures self-assessment (see desktop.core.measures).

Goals (hyötytavoitteet) and focus areas (kärjet) are two independent lists; a measure points to one
of each. Ratings are one row per measure and month ('YYYY-MM', value 1-5). The followed months (the
columns of the tracker) are kept in `measure_month` so an empty month can be shown before it is rated.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.rows.base import Base


class MeasureGoalRow(Base):
    __tablename__ = "measure_goal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class MeasureAreaRow(Base):
    __tablename__ = "measure_area"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class MeasureRow(Base):
    __tablename__ = "measure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("measure_goal.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("measure_area.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class MeasureRatingRow(Base):
    __tablename__ = "measure_rating"
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 'YYYY-MM'
    rating: Mapped[int] = mapped_column(Integer)
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="ck_measure_rating_scale"),)


class MeasureMonthRow(Base):
    __tablename__ = "measure_month"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 'YYYY-MM'


class MeasureIndicatorRow(Base):
    """A measure's link to a computed figure, by indicator provider name."""

    __tablename__ = "measure_indicator"
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True)
    provider: Mapped[str] = mapped_column(String(200), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
