"""Edits of the development-measures tracker as undoable commands (desktop.core.command): rate a
measure for a month, change a field, add, move and delete goals, focus areas and measures, follow or
drop a month, link figures. Each `do`/`undo` writes the store in its own transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete, insert, select, update

from desktop.core.command import Command
from desktop.core.lang import t
from desktop.core.measures import Month, check_rating, rating_label
from desktop.services.measures.rows import (
    IND,
    MO,
    A,
    G,
    M,
    R,
    check_name,
    ensure_month,
    next_position,
    saving,
    set_links,
    write_rating,
)
from desktop.services.measures.tracker import load_tracker
from desktop.store import Store


class SetRating(Command):
    """Rate a measure for a month (None clears the rating)."""

    def __init__(self, store: Store, measure_id: int, month: Month, value: int | None):
        if value is not None:
            check_rating(value)
        self.store, self.measure_id, self.month, self.value = store, measure_id, month, value
        with store.read() as conn:
            self.old = conn.execute(
                select(R.c.rating).where(R.c.measure_id == measure_id, R.c.month == str(month))
            ).scalar_one_or_none()
            self.month_was_followed = conn.execute(select(MO.c.month).where(MO.c.month == str(month))).first() is not None
        self.text = t(f"Arvio {month}: {rating_label(value) or 'tyhjä'}", f"Rating {month}: {rating_label(value) or 'empty'}")

    def do(self) -> None:
        with saving(self.store) as conn:
            write_rating(conn, self.measure_id, self.month, self.value)

    def undo(self) -> None:
        with saving(self.store) as conn:
            write_rating(conn, self.measure_id, self.month, self.old)
            if not self.month_was_followed:
                conn.execute(delete(MO).where(MO.c.month == str(self.month)))


_EDITABLE = {
    "goal": (G, ("name", "notes")),
    "area": (A, ("name", "notes")),
    "measure": (M, ("name", "notes", "responsible", "goal_id", "area_id")),
}


class EditField(Command):
    """Change one field of a goal, focus area or measure ('name', 'notes', 'responsible', ...)."""

    def __init__(self, store: Store, kind: str, item_id: int, field: str, value):
        table, fields = _EDITABLE[kind]
        if field not in fields:
            raise ValueError(f"{kind}.{field} is not editable")
        if field == "name":
            value = check_name(value)
        elif field in ("notes", "responsible"):
            value = str(value or "").strip()
        self.store, self.table, self.item_id, self.field, self.value = store, table, item_id, field, value
        with store.read() as conn:
            self.old = conn.execute(select(table.c[field]).where(table.c.id == item_id)).scalar_one()
        self.text = t(f"Muokkaa: {field}", f"Edit: {field}")

    def _write(self, value) -> None:
        with saving(self.store) as conn:
            conn.execute(update(self.table).where(self.table.c.id == self.item_id).values({self.field: value}))

    def do(self) -> None:
        self._write(self.value)

    def undo(self) -> None:
        self._write(self.old)

    def merge_with(self, other: Command) -> bool:
        # Typing a name again right after: one undo step, back to the original.
        if isinstance(other, EditField) and (other.table, other.item_id, other.field) == (self.table, self.item_id, self.field):
            self.value = other.value
            return True
        return False


class _AddRow(Command):
    """Insert a row; redo re-inserts it with the same id so later commands still refer to it."""

    table = None

    def __init__(self, store: Store, values: dict):
        self.store, self.values, self.id = store, values, None

    def do(self) -> None:
        with saving(self.store) as conn:
            values = dict(self.values)
            if "position" not in values:
                values["position"] = self._position(conn)
                self.values["position"] = values["position"]
            if self.id is not None:
                values["id"] = self.id
            self.id = int(conn.execute(insert(self.table).values(**values)).inserted_primary_key[0])

    def _position(self, conn: Connection) -> int:
        return next_position(conn, self.table)

    def undo(self) -> None:
        with saving(self.store) as conn:
            conn.execute(delete(self.table).where(self.table.c.id == self.id))


class AddGoal(_AddRow):
    table = G

    def __init__(self, store: Store, name: str):
        super().__init__(store, {"name": check_name(name), "notes": ""})
        self.text = t("Uusi hyötytavoite", "New benefit goal")


class AddArea(_AddRow):
    table = A

    def __init__(self, store: Store, name: str):
        super().__init__(store, {"name": check_name(name), "notes": ""})
        self.text = t("Uusi kärki", "New focus area")


class AddMeasure(_AddRow):
    """A new measure under a goal and a focus area; `area` is an area id or the name of a new area."""

    table = M

    def __init__(self, store: Store, goal_id: int, area: int | str, name: str, responsible: str = ""):
        self.new_area = None if isinstance(area, int) else check_name(area)
        self.area_id = area if isinstance(area, int) else None
        super().__init__(store, {"goal_id": goal_id, "area_id": self.area_id, "name": check_name(name),
                                 "responsible": str(responsible or "").strip(), "notes": ""})
        self.text = t("Uusi kehittämistoimenpide", "New development measure")

    def do(self) -> None:
        if self.new_area is not None:
            with saving(self.store) as conn:
                values = {"name": self.new_area, "notes": "", "position": next_position(conn, A)}
                if self.area_id is not None:
                    values["id"] = self.area_id
                self.area_id = int(conn.execute(insert(A).values(**values)).inserted_primary_key[0])
            self.values["area_id"] = self.area_id
        super().do()

    def undo(self) -> None:
        super().undo()
        if self.new_area is not None:
            with saving(self.store) as conn:
                conn.execute(delete(A).where(A.c.id == self.area_id))

    def _position(self, conn: Connection) -> int:
        return next_position(conn, M, goal_id=self.values["goal_id"], area_id=self.values["area_id"])


class MoveMeasure(Command):
    """Move a measure under another goal and/or focus area (`area`: an id or the name of a new area)."""

    def __init__(self, store: Store, measure_id: int, goal_id: int, area: int | str):
        self.store, self.measure_id, self.goal_id = store, measure_id, goal_id
        self.new_area = None if isinstance(area, int) else check_name(area)
        self.area_id = area if isinstance(area, int) else None
        with store.read() as conn:
            row = conn.execute(select(M.c.goal_id, M.c.area_id, M.c.position).where(M.c.id == measure_id)).one()
        self.old = (row.goal_id, row.area_id, row.position)
        self.text = t("Siirrä kehittämistoimenpide", "Move development measure")

    def do(self) -> None:
        with saving(self.store) as conn:
            if self.new_area is not None:
                values = {"name": self.new_area, "notes": "", "position": next_position(conn, A)}
                if self.area_id is not None:
                    values["id"] = self.area_id
                self.area_id = int(conn.execute(insert(A).values(**values)).inserted_primary_key[0])
            position = next_position(conn, M, goal_id=self.goal_id, area_id=self.area_id)
            conn.execute(update(M).where(M.c.id == self.measure_id).values(
                goal_id=self.goal_id, area_id=self.area_id, position=position))

    def undo(self) -> None:
        goal_id, area_id, position = self.old
        with saving(self.store) as conn:
            conn.execute(update(M).where(M.c.id == self.measure_id).values(goal_id=goal_id, area_id=area_id, position=position))
            if self.new_area is not None:
                conn.execute(delete(A).where(A.c.id == self.area_id))


class _DeleteWithSnapshot(Command):
    """Delete rows (their dependants go by cascade); undo puts every removed row back as it was."""

    def __init__(self, store: Store):
        self.store = store
        self.snapshot: list[tuple[object, list[dict]]] = []

    def _take(self, conn: Connection, measure_ids: list[int], goal_ids=(), area_ids=(), months=()) -> None:
        def rows(table, cond) -> list[dict]:
            return [dict(r._mapping) for r in conn.execute(select(table).where(cond))]

        self.snapshot = [
            (G, rows(G, G.c.id.in_(goal_ids))),
            (A, rows(A, A.c.id.in_(area_ids))),
            (M, rows(M, M.c.id.in_(measure_ids))),
            (MO, rows(MO, MO.c.month.in_([str(m) for m in months]))),
            (R, rows(R, R.c.measure_id.in_(measure_ids) | R.c.month.in_([str(m) for m in months]))),
            (IND, rows(IND, IND.c.measure_id.in_(measure_ids))),
        ]

    def undo(self) -> None:
        with saving(self.store) as conn:
            for table, rows in self.snapshot:
                for row in rows:
                    conn.execute(insert(table).values(**row))


class DeleteMeasure(_DeleteWithSnapshot):
    def __init__(self, store: Store, measure_id: int):
        super().__init__(store)
        self.measure_id = measure_id
        self.text = t("Poista kehittämistoimenpide", "Delete development measure")

    def do(self) -> None:
        with saving(self.store) as conn:
            self._take(conn, [self.measure_id])
            conn.execute(delete(M).where(M.c.id == self.measure_id))


class DeleteGoal(_DeleteWithSnapshot):
    """Delete a benefit goal with all its measures."""

    def __init__(self, store: Store, goal_id: int):
        super().__init__(store)
        self.goal_id = goal_id
        self.text = t("Poista hyötytavoite", "Delete benefit goal")

    def do(self) -> None:
        with saving(self.store) as conn:
            ids = list(conn.execute(select(M.c.id).where(M.c.goal_id == self.goal_id)).scalars())
            self._take(conn, ids, goal_ids=[self.goal_id])
            conn.execute(delete(G).where(G.c.id == self.goal_id))


class DeleteArea(_DeleteWithSnapshot):
    """Delete a focus area with all its measures (under every goal)."""

    def __init__(self, store: Store, area_id: int):
        super().__init__(store)
        self.area_id = area_id
        self.text = t("Poista kärki", "Delete focus area")

    def do(self) -> None:
        with saving(self.store) as conn:
            ids = list(conn.execute(select(M.c.id).where(M.c.area_id == self.area_id)).scalars())
            self._take(conn, ids, area_ids=[self.area_id])
            conn.execute(delete(A).where(A.c.id == self.area_id))


class AddMonth(Command):
    """Follow one more month (a new column); without a month, the one after the last followed."""

    def __init__(self, store: Store, month: Month | None = None):
        if month is None:
            tracker = load_tracker(store)
            months = tracker.all_months()
            if months:
                month = months[-1].next()
            else:
                today = dt.date.today()
                month = Month(today.year, today.month)
        self.store, self.month = store, month
        self.text = t(f"Lisää kuukausi {month}", f"Add month {month}")

    def do(self) -> None:
        with saving(self.store) as conn:
            ensure_month(conn, self.month)

    def undo(self) -> None:
        with saving(self.store) as conn:
            conn.execute(delete(MO).where(MO.c.month == str(self.month)))


class RemoveMonth(_DeleteWithSnapshot):
    """Stop following a month; its ratings go too (undo brings them back)."""

    def __init__(self, store: Store, month: Month):
        super().__init__(store)
        self.month = month
        self.text = t(f"Poista kuukausi {month}", f"Remove month {month}")

    def do(self) -> None:
        with saving(self.store) as conn:
            self._take(conn, [], months=[self.month])
            conn.execute(delete(R).where(R.c.month == str(self.month)))
            conn.execute(delete(MO).where(MO.c.month == str(self.month)))


class SetIndicators(Command):
    """Replace the list of indicators linked to a measure (provider names, in display order)."""

    def __init__(self, store: Store, measure_id: int, names: list[str]):
        self.store, self.measure_id, self.names = store, measure_id, list(names)
        with store.read() as conn:
            self.old = list(
                conn.execute(
                    select(IND.c.provider).where(IND.c.measure_id == measure_id).order_by(IND.c.position)
                ).scalars()
            )
        self.text = t("Linkitetyt mittarit", "Linked indicators")

    def do(self) -> None:
        with saving(self.store) as conn:
            set_links(conn, self.measure_id, self.names)

    def undo(self) -> None:
        with saving(self.store) as conn:
            set_links(conn, self.measure_id, self.old)


