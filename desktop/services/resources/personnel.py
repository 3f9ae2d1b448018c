"""The personnel tables: the staff allocated to services by name, by traffic-light level and by
professional group (the traffic-light page's tabs), and the personnel report of the command line."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis.allocation import Allocation
from desktop.services.resources.allocation import _version_by_year, load_staff, store_allocation
from desktop.services.resources.reconciliation import _clean
from desktop.store import Store


# ------------------------------------------------------------------------------ personnel tables
def allocated_by_name(store: Store, allocation: Allocation) -> pd.DataFrame:
    """Allocation.services with the service names of each year's version in `service`."""
    from desktop.services.classification import load_versions

    services = allocation.services
    if services.empty:
        return services
    by_year = _version_by_year(load_versions(store), services["year"].unique())
    names = {(y, s.code): s.name for y, v in by_year.items() for s in v.services}
    return services.assign(service=[names.get((int(y), c), c) for y, c in zip(services["year"], services["service"],
                                                                               strict=True)])


def service_level_shares(events: pd.DataFrame, selected: np.ndarray | None = None) -> pd.DataFrame:
    """year, service (name), level, share: each service's event euros split by traffic-light level in a year
    (its events when the service has no euros). `selected` (an event mask: the page's filters): the shares
    of the selected events in their service's euros (or events) of the year, so that a service's shares add
    up to the part of its personnel that the selection's events carry (as `events_with_resources` spreads it)."""
    if not len(events) or "service" not in events:
        return pd.DataFrame(columns=["year", "service", "level", "share"])
    frame = pd.DataFrame({"year": events["year"].to_numpy(), "service": events["service"].astype(object).to_numpy(),
                          "level": events["level"].astype(object).to_numpy(),
                          "eur": np.nan_to_num(events["cost_eur"].to_numpy(dtype=float)), "n": 1.0})
    frame = frame[frame["service"].notna()]
    if selected is not None:
        whole = frame.groupby(["year", "service"], as_index=False)[["eur", "n"]].sum()
        frame = frame[np.asarray(selected, dtype=bool)[frame.index.to_numpy()]]
    sums = frame.groupby(["year", "service", "level"], as_index=False)[["eur", "n"]].sum()
    if selected is None:
        total = sums.groupby(["year", "service"])[["eur", "n"]].transform("sum")
    else:
        total = sums[["year", "service"]].merge(whole, on=["year", "service"], how="left")[["eur", "n"]]
    sums["share"] = np.where(total["eur"].to_numpy() > 0, sums["eur"].to_numpy() / total["eur"].where(total["eur"] > 0, 1).to_numpy(),
                             sums["n"].to_numpy() / total["n"].to_numpy())
    return sums[["year", "service", "level", "share"]]


def staff_tables(store: Store, events: pd.DataFrame, years, filters=None, membership=None) -> dict[str, pd.DataFrame]:
    """The personnel of `years` allocated to services that had events (as the traffic lights count them):
    'groups' (professional groups: fte, employees, wages, with a last total row; small groups' wages and
    their complements suppressed), 'levels' (each group's FTEs in green / yellow / red services) and
    'services' (FTEs and wages per service, suppressed the same way). Empty frames without staff rows.

    `filters` (the traffic-light filters: municipality, sex, producer, age band, segment with `membership`):
    the part of each service's personnel that the selected events carry, as the FTE column of the
    traffic-light table counts it (the service's FTEs, head counts and wages times the selected events'
    share of its euros in the year)."""
    from desktop.analysis.privacy import min_group
    from desktop.analysis.staff_tables import shown_staff_groups, staff_by_level
    from desktop.analysis.traffic_lights import selection_mask

    allocation = store_allocation(store, events)
    services = allocated_by_name(store, allocation)
    if services.empty or not (services["fte"] > 0).any():
        empty = pd.DataFrame()
        return {"groups": empty, "levels": empty, "services": empty}
    years = list(years)
    filters = {k: tuple(v) for k, v in (filters or {}).items() if v}
    selected = selection_mask(events, years, filters, membership) if filters and len(events) else None
    shares = service_level_shares(events, selected)
    # as on the traffic lights: personnel of services that had events in the years (the rest is unallocated)
    services = services.merge(shares[["year", "service"]].drop_duplicates(), on=["year", "service"])
    levels = staff_by_level(services, shares, years)  # the shares carry the selection's part already
    if selected is not None:
        part = shares.groupby(["year", "service"], as_index=False)["share"].sum()
        services = services.merge(part, on=["year", "service"])
        services = services.assign(**{c: services[c] * services["share"] for c in ("fte", "employees", "wages_eur",
                                                                                   "ledger_eur")}).drop(columns="share")
    n = min_group(store)
    within = ("service", "professional_group")  # both tables are margins of this one: hidden alike
    return {"groups": shown_staff_groups(services, "professional_group", within, n, years),
            "levels": levels,
            "services": shown_staff_groups(services, "service", within, n, years)}


PERSONNEL_DIMENSIONS = ("cost_centre", "professional_group", "service")


def personnel_json(store: Store, by: tuple[str, ...], year: int | None = None) -> dict:
    """The personnel of `year` (default: the latest) by one or two of PERSONNEL_DIMENSIONS, JSON-ready:
    {year, years, by, rows, totals: {dimension: rows} (two dimensions), total}. Cost centres and
    professional groups as imported; services as allocated by the saved rules (what no rule reaches is
    'service' ""). Wages of groups under the project's smallest group of employees, and their
    complements, hidden (desktop.analysis.staff_tables.personnel_table)."""
    from desktop.analysis.privacy import min_group
    from desktop.analysis.staff_tables import personnel_table
    from desktop.core.errors import UserError
    from desktop.core.lang import t

    staff = load_staff(store)
    if staff.empty:
        raise UserError(t("Projektissa ei ole henkilöstön rivejä: tuo ne ensin (import STORE staff).",
                          "The project has no personnel rows: import them first (import STORE staff)."))
    years = sorted(int(y) for y in staff["year"].dropna().unique())
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise UserError(t(f"Vuodelta {year} ei ole henkilöstön rivejä (vuodet: {', '.join(map(str, years))}).",
                          f"No personnel rows for {year} (years: {', '.join(map(str, years))})."))
    if "service" in by:
        allocation = store_allocation(store)
        frame = allocated_by_name(store, allocation)
        unallocated = allocation.unallocated
        if not unallocated.empty:  # what no rule reaches, so that the table adds up to what was imported
            rest = unallocated[unallocated["fte"].fillna(0) > 0].assign(service="", employees=np.nan)
            frame = pd.concat([frame, rest[[c for c in frame.columns if c in rest.columns]]], ignore_index=True)
    else:
        frame = staff
    frame = frame[frame["year"] == year]
    # one dimension: a margin of the whole two-way table, so that the other tables hide alike
    within = ("service", "professional_group") if "service" in by else ("cost_centre", "professional_group")
    table = personnel_table(frame, tuple(by), min_group(store), within)

    def records(part: pd.DataFrame) -> list[dict]:
        return [{k: _clean(v) for k, v in rec.items()} for rec in part.to_dict("records")]

    return {"year": year, "years": years, "by": list(by), "rows": records(table.rows),
            "totals": {d: records(m) for d, m in table.margins.items()},
            "total": {k: _clean(v) for k, v in table.total.items()}}
