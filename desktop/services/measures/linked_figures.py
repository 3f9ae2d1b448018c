"""The figures the app offers for linking to a development measure (see indicators.py):

- `clients_per_1000:SERVICE`: a service's distinct clients per 1,000 residents, over the classified
  events (desktop.services.classification.classified_events);
- `reach:GOAL`: the share of residents a service-network reach goal covers, % (desktop.services.network).

The names are stored with the links in projects: keep them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from desktop.analysis import privacy
from desktop.core.datasets import years_of
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.services import network
from desktop.services.classification import classified_events
from desktop.services.measures.indicators import IndicatorFamily, IndicatorUnavailable, indicator_years
from desktop.store import Store
from desktop.store.tables.imports import population as P

SERVICE_COLUMNS = ("service", "service_name", "orp_service")


def _service_column(frame: pd.DataFrame) -> str:
    for col in SERVICE_COLUMNS:
        if col in frame.columns:
            return col
    raise IndicatorUnavailable(t("ei saatavilla: luokitelluissa tapahtumissa ei ole palvelua", "not available: classified events have no service"))


def residents(store: Store, year: int) -> float:
    """Residents of the county in `year` from the population table (persons; both sexes, all ages).

    Rows split by sex are used when present; a row for both sexes ('') only when no split exists.
    """
    with store.read() as conn:
        by_sex = dict(conn.execute(select(P.c.sex, func.sum(P.c.count)).where(P.c.year == year).group_by(P.c.sex)).all())
    split = sum(v for k, v in by_sex.items() if k in ("1", "2"))
    return float(split if split else by_sex.get("", 0.0) or 0.0)


def clients_per_1000(store: Store, year: int, service: str) -> float | None:
    """Distinct clients of `service` in `year` per 1,000 residents (persons / 1 000 residents)."""
    frame = classified_events(store, year)
    col = _service_column(frame)
    people = residents(store, year)
    if people <= 0:
        raise IndicatorUnavailable(t(f"ei väestötietoa vuodelle {year}", f"no population for {year}"))
    if "date" in frame.columns and np.issubdtype(frame["date"].dtype, np.integer):
        frame = frame[years_of(frame["date"].to_numpy()) == year]
    chosen = frame[frame[col].astype(str) == service]
    clients = chosen["person_id"].nunique()
    n = privacy.min_group(store)
    if privacy.is_small(clients, n):  # the rate times the (public) residents would give the small count
        raise IndicatorUnavailable(t(f"piilotettu: alle {n} asiakasta vuonna {year}",
                                     f"hidden: fewer than {n} clients in {year}"))
    return 1000.0 * clients / people


def _service_names(store: Store) -> list[tuple[str, str]]:
    years = indicator_years(store)
    if not years:
        return []
    frame = classified_events(store, years[-1])
    col = _service_column(frame)
    names = sorted({str(v) for v in frame[col].dropna().unique() if str(v)})
    return [(n, n) for n in names]


def reach_coverage(store: Store, _year: int, goal_name: str) -> float | None:
    """The share of residents within the reach goal's travel time, % (the current network; any year)."""
    try:
        return float(network.build_context(store).evaluate(network.goal_by_name(store, goal_name)).coverage.share_pct)
    except UserError:
        return None


APP_FAMILIES = (
    IndicatorFamily("clients_per_1000", clients_per_1000, _service_names,
                    "Asiakkaita / 1 000 asukasta: {param}", "Clients per 1,000 residents: {param}", "/1 000 as."),
    IndicatorFamily("reach", reach_coverage, lambda store: [(g.name, g.name) for g in network.list_goals(store)],
                    "Saavutettavuus: {param}", "Reach: {param}", "%"),
)
