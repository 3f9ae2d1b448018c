"""ORM classes of the tables of the development-measures self-assessment (see desktop.core.measures).

Goals (hyötytavoitteet) and focus areas (kärjet) are two independent lists; a measure points to one
of each. Ratings are one row per measure and month ('YYYY-MM', value 1-5). The followed months (the
columns of the tracker) are kept in `measure_month` so an empty month can be shown before it is rated.

The tables themselves are declared in `desktop.store.tables.measures` (Core, no ORM); these classes
map onto them for the code that works with ORM sessions."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desktop.store.rows.base import Base
from desktop.store.tables import measures as tables


class MeasureGoalRow(Base):
    __tablename__ = "measure_goal"
    __table__ = tables.measure_goal
    id: Mapped[int]
    name: Mapped[str]
    notes: Mapped[str]
    position: Mapped[int]


class MeasureAreaRow(Base):
    __tablename__ = "measure_area"
    __table__ = tables.measure_area
    id: Mapped[int]
    name: Mapped[str]
    notes: Mapped[str]
    position: Mapped[int]


class MeasureRow(Base):
    __tablename__ = "measure"
    __table__ = tables.measure
    id: Mapped[int]
    goal_id: Mapped[int]
    area_id: Mapped[int]
    name: Mapped[str]
    responsible: Mapped[str]
    notes: Mapped[str]
    position: Mapped[int]


class MeasureRatingRow(Base):
    __tablename__ = "measure_rating"
    __table__ = tables.measure_rating
    measure_id: Mapped[int]
    month: Mapped[str]
    rating: Mapped[int]


class MeasureMonthRow(Base):
    __tablename__ = "measure_month"
    __table__ = tables.measure_month
    month: Mapped[str]


class MeasureIndicatorRow(Base):
    """A measure's link to a computed figure, by indicator provider name."""

    __tablename__ = "measure_indicator"
    __table__ = tables.measure_indicator
    measure_id: Mapped[int]
    provider: Mapped[str]
    position: Mapped[int]
