"""ORM classes (`*Row`) for the code that works with sessions, mapped onto the store's tables
(declared with Core in `desktop.store.tables`, one module per planners' domain of the same name).
`Base.metadata` is `desktop.store.tables.metadata`: importing either package registers every table."""

from desktop.store.rows import analysis, classification, imports, measures, network, segments  # noqa: F401
from desktop.store.rows.base import Base

__all__ = ["Base"]
