"""ORM tables (`*Row`). Each planners' domain keeps its tables in its own module; importing this
package registers them all on `Base.metadata`."""

from desktop.store.rows import analysis, classification, imports, measures, network, segments  # noqa: F401
from desktop.store.rows.base import Base

__all__ = ["Base"]
