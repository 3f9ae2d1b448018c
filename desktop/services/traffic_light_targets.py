"""The traffic-light targets of a store ("at least 60 % of the contacts of 'Lapset ja nuoret' green in
2025"): listing, setting and removing them, and each target's status in the figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import delete, select

from desktop.analysis.traffic_light_cuts import LEVEL_ORDER
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.store import Store
from desktop.store.tables.analysis import traffic_light_target as TARGETS

if TYPE_CHECKING:
    from desktop.analysis.traffic_light_targets import Target
    from desktop.services.traffic_lights import TrafficLightData

TARGET_MEASURES = ("contacts", "clients", "cost_eur")


def list_targets(store: Store) -> list[Target]:
    table = TARGETS
    with store.read() as conn:
        rows = conn.execute(select(table).order_by(table.c.segment, table.c.year, table.c.level)).all()
    if not rows:
        return []
    from desktop.analysis.traffic_light_targets import Target

    return [Target(r.segment, int(r.year), r.level, r.measure, float(r.share), bool(r.at_least), int(r.id))
            for r in rows]


def set_target(store: Store, target: Target, note: str = "") -> None:
    """Add or replace the target of (segment, year, level, measure)."""
    if target.level not in LEVEL_ORDER[:3]:
        raise UserError(t(f"Tavoitteen taso '{target.level}' ei kelpaa (green, yellow, red).",
                          f"Target level '{target.level}' is not valid (green, yellow, red)."))
    if target.measure not in TARGET_MEASURES:
        raise UserError(t(f"Tavoitteen mittari '{target.measure}' ei kelpaa.", f"Target measure '{target.measure}' is not valid."),
                        [", ".join(TARGET_MEASURES)])
    if not 0.0 <= target.share <= 1.0:
        raise UserError(t("Tavoiteosuuden pitää olla 0-100 %.", "The target share must be 0-100 %."))
    table = TARGETS
    with store.transaction() as conn:
        conn.execute(delete(TARGETS).where(
            table.c.segment == target.segment, table.c.year == target.year, table.c.level == target.level,
            table.c.measure == target.measure))
        conn.execute(table.insert().values(segment=target.segment, year=target.year, level=target.level,
                                           measure=target.measure, share=target.share, at_least=target.at_least,
                                           note=note))


def delete_target(store: Store, target_id: int) -> None:
    with store.transaction() as conn:
        conn.execute(delete(TARGETS).where(TARGETS.c.id == target_id))


def targets_with_status(data: TrafficLightData, filters=None) -> list[dict]:
    """Every target of the store with its actual share in its year and status (met / not_met / no_data)."""
    targets = list_targets(data.store)
    if not targets:
        return []
    from desktop.analysis.traffic_light_targets import level_shares, target_status

    out = []
    cache: dict[tuple[int, str], pd.DataFrame] = {}
    for target in targets:
        key = (target.year, target.measure)
        if key not in cache:
            if target.year in data.years:
                cache[key] = level_shares(data.table(("segment",), [target.year], filters), target.measure)
            else:
                cache[key] = pd.DataFrame(columns=["segment", "total"])
        status = target_status(target, cache[key])
        out.append({"segment": target.segment, "year": target.year, "level": target.level,
                    "measure": target.measure, "share": target.share, "at_least": target.at_least, **status})
    return out
