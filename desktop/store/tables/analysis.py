"""Tables of the analysis domain: the planners' traffic-light targets."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, Integer, String, Table, Text, UniqueConstraint

from desktop.store.tables.base import col, metadata

#: a target share per segment and year, level and measure; at_least False: at most
traffic_light_target = Table(
    "traffic_light_target", metadata,
    col("id", Integer, primary_key=True),
    col("segment", String(200)),
    col("year", Integer),
    col("level", String(16)),
    col("measure", String(16), default="cost_eur"),
    col("share", Float),
    col("at_least", Boolean, default=True),
    col("note", Text, default=""),
    UniqueConstraint("segment", "year", "level", "measure", name="uq_target"),
)
