"""ORM classes of the tables of the service-network domain: reach goals, what-if scenarios and stored
road networks.

The tables themselves are declared in `desktop.store.tables.network` (Core, no ORM); these classes
map onto them for the code that works with ORM sessions."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desktop.store.rows.base import Base
from desktop.store.tables import network as tables


class ReachGoalRow(Base):
    """A reach goal: P % of the target population within M minutes of a qualifying site."""

    __tablename__ = "reach_goal"
    __table__ = tables.reach_goal
    id: Mapped[int]
    name: Mapped[str]
    site_types_json: Mapped[str]
    sizes_json: Mapped[str]
    population_column: Mapped[str]
    minutes: Mapped[float]
    target_pct: Mapped[float]
    mode: Mapped[str]
    position: Mapped[int]
    note: Mapped[str]


class ReachScenarioRow(Base):
    """A named what-if: sites switched off and sites added (JSON), saved for comparison."""

    __tablename__ = "reach_scenario"
    __table__ = tables.reach_scenario
    id: Mapped[int]
    name: Mapped[str]
    created_at: Mapped[str]
    closed_json: Mapped[str]
    added_json: Mapped[str]
    note: Mapped[str]


class RoadNetworkRow(Base):
    """A routable road network read from a GeoPackage or OSM extract (compressed numpy arrays)."""

    __tablename__ = "road_network"
    __table__ = tables.road_network
    id: Mapped[int]
    name: Mapped[str]
    file_name: Mapped[str]
    created_at: Mapped[str]
    mode: Mapped[str]
    node_count: Mapped[int]
    edge_count: Mapped[int]
    report_json: Mapped[str]
    data: Mapped[bytes]
