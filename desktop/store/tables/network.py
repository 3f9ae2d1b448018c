"""Tables of the service-network domain: reach goals, what-if scenarios and stored road networks."""

from __future__ import annotations

from sqlalchemy import Float, Integer, LargeBinary, String, Table, Text

from desktop.store.tables.base import col, metadata

#: a reach goal: P % of the target population within M minutes of a qualifying site
reach_goal = Table(
    "reach_goal", metadata,
    col("id", Integer, primary_key=True),
    col("name", Text, unique=True),
    col("site_types_json", Text),  # JSON list of site types that count
    col("sizes_json", Text, default="[]"),  # JSON list of sizes; [] = any size
    col("population_column", String(64), default="population"),
    col("minutes", Float),  # threshold, inclusive
    col("target_pct", Float, default=95.0),
    col("mode", String(32), default="car"),
    col("position", Integer, default=0),
    col("note", Text, default=""),
)

#: a named what-if: sites switched off and sites added (JSON), saved for comparison
reach_scenario = Table(
    "reach_scenario", metadata,
    col("id", Integer, primary_key=True),
    col("name", Text, unique=True),
    col("created_at", String(32)),
    col("closed_json", Text, default="[]"),  # site ids switched off
    col("added_json", Text, default="[]"),  # [{site_id, name, type, size, x, y}]
    col("note", Text, default=""),
)

#: a routable road network read from a GeoPackage or OSM extract (compressed numpy arrays)
road_network = Table(
    "road_network", metadata,
    col("id", Integer, primary_key=True),
    col("name", Text),
    col("file_name", Text, default=""),
    col("created_at", String(32)),
    col("mode", String(32), default="car"),
    col("node_count", Integer, default=0),
    col("edge_count", Integer, default=0),
    col("report_json", Text, default="{}"),
    col("data", LargeBinary),
)
