"""The tracker's tables and the small writes every edit and import shares (one transaction is the
caller's): the next position in a list, a checked name, a rating, a followed month, a measure's links;
`saving(store)` is the transaction of every write, refused over a colleague's newer save."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, delete, func, insert, select

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.measures import Month, check_rating
from desktop.services import edit_versions
from desktop.store import Store
from desktop.store.tables import measures as tables

G, A, M = tables.measure_goal, tables.measure_area, tables.measure
R, MO, IND = tables.measure_rating, tables.measure_month, tables.measure_indicator
ALL_TABLES = (G, A, M, MO, R, IND)  # parents first


@contextmanager
def saving(store: Store) -> Iterator[Connection]:
    """A write of the measures tracker: refused over a colleague's newer save (edit_versions)."""
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "measures")
        yield conn


def next_position(conn: Connection, table, **where) -> int:
    """1 + the largest position among the rows of `table` matching `where` (1 for an empty list)."""
    q = select(func.max(table.c.position))
    for k, v in where.items():
        q = q.where(table.c[k] == v)
    return int(conn.execute(q).scalar() or 0) + 1


def check_name(name: str) -> str:
    """The name with its spaces tidied; an empty name is refused with a planner's sentence."""
    name = " ".join(str(name).split())
    if not name:
        raise UserError(t("Nimi ei voi olla tyhjä.", "The name cannot be empty."))
    return name


def write_rating(conn: Connection, measure_id: int, month: Month, value: int | None) -> None:
    """Set (1-5) or clear (None) a measure's rating for `month`; a rated month becomes followed."""
    conn.execute(delete(R).where(R.c.measure_id == measure_id, R.c.month == str(month)))
    if value is not None:
        conn.execute(insert(R).values(measure_id=measure_id, month=str(month), rating=check_rating(value)))
        ensure_month(conn, month)


def ensure_month(conn: Connection, month: Month) -> None:
    """Follow `month` (a column of the tracker) unless it already is."""
    if conn.execute(select(MO.c.month).where(MO.c.month == str(month))).first() is None:
        conn.execute(insert(MO).values(month=str(month)))


def set_links(conn: Connection, measure_id: int, names: list[str]) -> None:
    """Replace the figures linked to a measure (provider names, in order; repeats dropped)."""
    conn.execute(delete(IND).where(IND.c.measure_id == measure_id))
    seen = set()
    for pos, name in enumerate(names):
        if name and name not in seen:
            seen.add(name)
            conn.execute(insert(IND).values(measure_id=measure_id, provider=name, position=pos))
