"""Tables of the development-measures self-assessment."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Table, Text

from desktop.store.tables.base import col, metadata

measure_goal = Table(
    "measure_goal", metadata,
    col("id", Integer, primary_key=True),
    col("name", Text),
    col("notes", Text, default=""),
    col("position", Integer, default=0),
)

measure_area = Table(
    "measure_area", metadata,
    col("id", Integer, primary_key=True),
    col("name", Text),
    col("notes", Text, default=""),
    col("position", Integer, default=0),
)

measure = Table(
    "measure", metadata,
    col("id", Integer, primary_key=True),
    col("goal_id", Integer, ForeignKey("measure_goal.id", ondelete="CASCADE"), index=True),
    col("area_id", Integer, ForeignKey("measure_area.id", ondelete="CASCADE"), index=True),
    col("name", Text),
    col("responsible", Text, default=""),
    col("notes", Text, default=""),
    col("position", Integer, default=0),
)

measure_rating = Table(
    "measure_rating", metadata,
    col("measure_id", Integer, ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    col("month", String(7), primary_key=True),  # 'YYYY-MM'
    col("rating", Integer),
    CheckConstraint("rating BETWEEN 1 AND 5", name="ck_measure_rating_scale"),
)

measure_month = Table(
    "measure_month", metadata,
    col("month", String(7), primary_key=True),  # 'YYYY-MM'
)

#: a measure's link to a computed figure, by indicator provider name
measure_indicator = Table(
    "measure_indicator", metadata,
    col("measure_id", Integer, ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    col("provider", String(200), primary_key=True),
    col("position", Integer, default=0),
)
