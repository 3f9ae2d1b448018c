"""Small tables read with written SQL: a command reads its segment rules, classification versions, staff and
ledger rows once, and SQLAlchemy compiled each `select(...)` on first use (about 0.4 ms a statement, several
milliseconds of a command that takes half a second). The SQL is the statement's own (the table's columns
quoted by the dialect, the same WHERE and ORDER BY), written once per process and dialect."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection, CursorResult

_WRITTEN: dict[tuple, object] = {}


def select_rows(conn: Connection, table: Table, columns: Sequence[str] | None = None, order_by: Sequence[str] = (),
                **equal) -> CursorResult:
    """`select(columns of table).where(table.c[k] == v for k, v in equal).order_by(*order_by)`: rows whose
    values are the driver's (a boolean as the driver gives it: test it with `bool()`)."""
    names = tuple(c.name for c in table.c) if columns is None else tuple(columns)
    key = (conn.dialect.name, table.name, names, tuple(order_by), tuple(equal))
    sql = _WRITTEN.get(key)
    if sql is None:
        quote = conn.dialect.identifier_preparer.quote
        sql = f"SELECT {', '.join(quote(n) for n in names)} FROM {quote(table.name)}"
        if equal:
            sql += " WHERE " + " AND ".join(f"{quote(k)} = :{k}" for k in equal)
        if order_by:
            sql += f" ORDER BY {', '.join(quote(n) for n in order_by)}"
        sql = _WRITTEN[key] = text(sql)
    return conn.execute(sql, equal)
