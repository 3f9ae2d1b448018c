"""Tables of the service-network domain: reach goals, what-if scenarios and stored road networks."""

from __future__ import annotations

from sqlalchemy import Float, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.rows.base import Base


class ReachGoalRow(Base):
    """A reach goal: P % of the target population within M minutes of a qualifying site."""

    __tablename__ = "reach_goal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    site_types_json: Mapped[str] = mapped_column(Text)  # JSON list of site types that count
    sizes_json: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of sizes; [] = any size
    population_column: Mapped[str] = mapped_column(String(64), default="population")
    minutes: Mapped[float] = mapped_column(Float)  # threshold, inclusive
    target_pct: Mapped[float] = mapped_column(Float, default=95.0)
    mode: Mapped[str] = mapped_column(String(32), default="car")
    position: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class ReachScenarioRow(Base):
    """A named what-if: sites switched off and sites added (JSON), saved for comparison."""

    __tablename__ = "reach_scenario"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[str] = mapped_column(String(32))
    closed_json: Mapped[str] = mapped_column(Text, default="[]")  # site ids switched off
    added_json: Mapped[str] = mapped_column(Text, default="[]")  # [{site_id, name, type, size, x, y}]
    note: Mapped[str] = mapped_column(Text, default="")


class RoadNetworkRow(Base):
    """A routable road network read from a GeoPackage or OSM extract (compressed numpy arrays)."""

    __tablename__ = "road_network"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(32))
    mode: Mapped[str] = mapped_column(String(32), default="car")
    node_count: Mapped[int] = mapped_column(Integer, default=0)
    edge_count: Mapped[int] = mapped_column(Integer, default=0)
    report_json: Mapped[str] = mapped_column(Text, default="{}")
    data: Mapped[bytes] = mapped_column(LargeBinary)
