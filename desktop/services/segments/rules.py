"""The segment rules in the store: the shipped defaults, loading and saving the rules, and the
need-level thresholds."""

from __future__ import annotations

import json

from sqlalchemy import delete, select

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import NeedThresholds, Segment, condition_from_dict, default_segments
from desktop.services import edit_versions
from desktop.services.written_sql import select_rows
from desktop.store import Store
from desktop.store.tables.segments import segment as SEGMENTS

SETTING_THRESHOLDS = "segments.need_thresholds"


# ------------------------------------------------------------------------------ rules in the store
def install_defaults(store: Store) -> None:
    """Load the default segments and need-level thresholds into a new store (no-op if it has segments)."""
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")
        if conn.execute(select(SEGMENTS.c.id).limit(1)).first() is None:
            _insert(conn, default_segments())
        if store.setting(SETTING_THRESHOLDS) is None:
            store.set_setting(SETTING_THRESHOLDS, NeedThresholds().to_dict(), conn=conn)


def _insert(conn, segments: list[Segment], start: int = 0) -> None:
    for i, s in enumerate(segments):
        conn.execute(SEGMENTS.insert().values(
            name=s.name, name_en=s.name_en, kind=s.kind, position=start + i,
            condition_json=json.dumps(s.condition.to_dict(), ensure_ascii=False), description=s.description,
            active=True,
        ))


def _from_row(row) -> Segment:
    return Segment(row.name, condition_from_dict(json.loads(row.condition_json)), row.kind, row.name_en or "",
                   row.description or "")


def load_segments(store: Store, active_only: bool = True) -> list[Segment]:
    """The project's segments in list order."""
    order = ("position", "id")
    with store.read() as conn:  # written SQL: its first compile was a millisecond of every report
        if active_only:
            rows = select_rows(conn, SEGMENTS, order_by=order, active=True).all()
        else:
            rows = select_rows(conn, SEGMENTS, order_by=order).all()
    return [_from_row(r) for r in rows]


def save_segments(store: Store, segments: list[Segment]) -> None:
    """Replace the project's segments with `segments` (in this order), in one transaction."""
    names = [s.name for s in segments]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise UserError(t(f"Segmentin nimi on kahdesti: {dupes[0]}.", f"Segment name given twice: {dupes[0]}."))
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")  # refused over a colleague's newer save
        conn.execute(delete(SEGMENTS))
        _insert(conn, segments)


def need_thresholds(store: Store) -> NeedThresholds:
    return NeedThresholds.from_dict(store.setting(SETTING_THRESHOLDS))


def set_need_thresholds(store: Store, thresholds: NeedThresholds) -> None:
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")
        store.set_setting(SETTING_THRESHOLDS, thresholds.to_dict(), conn=conn)
