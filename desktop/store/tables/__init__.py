"""The store's tables as SQLAlchemy Core `Table`s on one `metadata`: what creating, opening, upgrading
and reading a store needs, without the ORM (`sote-planner info` starts quicker).

Each planners' domain keeps its tables in its own module; importing this package registers them all
on `metadata`, so `metadata.create_all` creates every table."""

from desktop.store.tables import analysis, classification, imports, measures, network, segments  # noqa: F401
from desktop.store.tables.base import metadata

__all__ = ["metadata"]
