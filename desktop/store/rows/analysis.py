"""ORM classes of the tables of the analysis domain: the planners' traffic-light targets.

The tables themselves are declared in `desktop.store.tables.analysis` (Core, no ORM); these classes
map onto them for the code that works with ORM sessions."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desktop.store.rows.base import Base
from desktop.store.tables import analysis as tables


class TargetRow(Base):
    """A target share per segment and year, e.g. "green share of euros for children and youth at
    least 40 % in 2027": segment name, year, level ('green', 'yellow', 'red'), measure ('contacts',
    'clients', 'cost_eur'), share 0..1, at_least (False: at most)."""

    __tablename__ = "traffic_light_target"
    __table__ = tables.traffic_light_target
    id: Mapped[int]
    segment: Mapped[str]
    year: Mapped[int]
    level: Mapped[str]
    measure: Mapped[str]
    share: Mapped[float]
    at_least: Mapped[bool]
    note: Mapped[str]
