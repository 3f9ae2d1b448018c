"""Report pages of personnel and the books: each professional group's FTEs in green / yellow / red
services, the personnel table (wages of groups under five employees suppressed) and the reconciliation of
ledger euros with event euros. Used by the workshop report and the traffic-light page."""

from __future__ import annotations

import pandas as pd

from desktop.analysis import privacy
from desktop.charts import resources as resource_charts
from desktop.charts import traffic_lights as charts
from desktop.charts.numbers import eur, number, percent
from desktop.core.lang import t
from desktop.reports.pages import ReportPage
from desktop.services.traffic_lights import TrafficLightData

FILTERED_NOTE = ("Rajaukset koskevat henkilöstöä ja kirjanpitoa tapahtumien kautta: luvut ovat rajattujen "
                 "tapahtumien osuus palveluille kohdennetuista htv:istä ja euroista.",
                 "The filters reach personnel and the books through the events: the figures are the selected "
                 "events' part of the FTEs and euros allocated to their services.")


def _filters(filters) -> dict:
    return {k: tuple(v) for k, v in (filters or {}).items() if v}


def _refuse_hidden_services(data: TrafficLightData, years, filters) -> None:
    """Filtered, a service's FTEs on the page are its selected events' euros times its public FTEs/euros
    ratio: a service hidden on the traffic lights (fewer than N clients, or its complement) that carries
    personnel would be given back by them (with the level's shown euros). Raises UserError then."""
    from desktop.core.errors import UserError
    from desktop.services.traffic_lights import suppression

    result = data.table(("service",), list(years), filters)
    hidden = suppression(result).rows.hidden
    if "fte" in result.rows.columns and (result.rows.loc[hidden, "fte"].fillna(0.0) > 0).any():
        n = data.min_group
        raise UserError(t(f"Rajattujen tapahtumien henkilöstöä ei näytetä: rajauksessa on palveluja, joilla on alle {n} "
                          "asiakasta (tai jotka on piilotettu niiden rinnalla), ja niiden htv:istä voisi laskea "
                          "piilotetut eurot. Väljennä rajauksia tai katso henkilöstö ilman rajauksia.",
                          f"The personnel of the selected events is not shown: the selection has services of fewer "
                          f"than {n} clients (or hidden beside them), and their FTEs would give the hidden euros "
                          "back. Widen the filters or view the personnel without filters."))


def staff_level_page(data: TrafficLightData, years, filters=None) -> ReportPage | None:
    """FTEs of each professional group by the level of the services they were allocated to (None without
    staff); `filters`: the traffic-light filters (the selected events' part of each service's personnel;
    refused with a UserError when a hidden service of the selection carries personnel)."""
    from desktop.services.resources import staff_tables

    filters = _filters(filters)
    if filters:
        _refuse_hidden_services(data, years, filters)
    held = data.for_years(years)
    tables = staff_tables(data.store, held.events, years, filters, held.membership)
    levels, groups = tables["levels"], tables["groups"]
    if levels.empty:
        return None
    shares = levels.rename(columns={"professional_group": "professional_group", "fte": "total"})
    subtitle = charts.filters_subtitle(years, filters)

    def draw(fig):
        charts.draw_level_bars(fig, shares, "fte", subtitle=subtitle,
                               title=t("Henkilöstö ammattiryhmittäin: htv vihreissä, keltaisissa ja punaisissa palveluissa",
                                       "Personnel by professional group: FTEs in green, yellow and red services"))

    total = float(levels["fte"].sum())
    green = float(levels["green"].sum()) / total if total else 0.0
    red = float(levels["red"].sum()) / total if total else 0.0
    text = t(f"Palveluille kohdennetuista {number(total, 1)} henkilötyövuodesta {percent(green)} oli vihreissä ja "
             f"{percent(red)} punaisissa palveluissa.",
             f"Of the {number(total, 1)} FTEs allocated to services, {percent(green)} were in green and {percent(red)} "
             "in red services.")
    table = groups[["professional_group", "fte", "employees", "wages_eur", "wages_per_fte"]]
    if filters:
        text += " " + t(*FILTERED_NOTE)
    return ReportPage(t("Henkilöstö ammattiryhmittäin", "Personnel by professional group"), draw, table,
                      text + " " + t("Alle viiden työntekijän ryhmien palkat on piilotettu.",
                                     "The wages of groups of fewer than five employees are hidden."))


def reconciliation_page(data: TrafficLightData, years, filters=None) -> ReportPage | None:
    """Ledger euros against event euros per AURA class in `years` (None without ledger rows); `filters`:
    the traffic-light filters (the selected events' euros against the ledger euros allocated to them)."""
    from desktop.services.resources import filtered_reconciliation

    filters = _filters(filters)
    exact, table = filtered_reconciliation(data, years, filters)  # small classes' event euros + complements hidden
    if table.empty:
        return None
    if privacy.is_small(sum(exact.attrs.get("clients", {}).get(int(y), 0) for y in years), data.min_group):
        return None  # the events of fewer than N clients in all: no event euros to set against the books
    subtitle = charts.filters_subtitle(years, filters)

    def draw(fig):
        resource_charts.draw_reconciliation(fig, table, subtitle)

    ledger, events = float(exact["ledger_eur"].sum()), float(exact["event_eur"].sum())  # the totals: shown
    cover = events / ledger if ledger > 0 else 0.0
    lowest = table[(pd.to_numeric(table["ledger_eur"], errors="coerce") > 0) & table["coverage_pct"].notna()]
    lowest = lowest.assign(coverage_pct=lowest["coverage_pct"].astype(float)).sort_values("coverage_pct").head(1)
    text = t(f"Tapahtumatieto selittää {percent(cover)} kirjanpidon euroista ({eur(events)} / {eur(ledger)}).",
             f"The event data explains {percent(cover)} of the ledger euros ({eur(events)} / {eur(ledger)}).")
    if table.attrs.get("hidden_ledger_totals"):  # filtered with a class's ledger part hidden: not given back
        text = t(f"Rajattujen tapahtumien eurot: {eur(events)}. Kirjanpidon osuuksien summaa ei näytetä, koska "
                 "piilotetun luokan eurot voisi laskea siitä.",
                 f"The selected events' euros: {eur(events)}. The sum of the ledger parts is not shown, as a "
                 "hidden class's euros could be worked out from it.")
    if len(lowest):
        rec = lowest.iloc[0]
        text += " " + t(f"Heikoin kattavuus: {rec['aura_code']} {rec['aura_name']} ({percent(rec['coverage_pct'] / 100)}).",
                        f"Lowest coverage: {rec['aura_code']} {rec['aura_name']} ({percent(rec['coverage_pct'] / 100)}).")
    if filters:
        text += " " + t(*FILTERED_NOTE)
    shown = table[["year", "aura_code", "aura_name", "ledger_eur", "clients", "event_eur", "coverage_pct",
                   "difference_eur"]]
    return ReportPage(t("Kirjanpidon täsmäytys", "Reconciliation with the books"), draw, shown, text)


def resource_pages(data: TrafficLightData, years) -> list[ReportPage]:
    """The personnel and ledger pages the store has data for."""
    pages = [staff_level_page(data, years), reconciliation_page(data, years)]
    return [p for p in pages if p is not None]


def coverage_frame(data: TrafficLightData, years) -> pd.DataFrame:
    """Per year: imported, allocated (reaching events) and unallocated FTEs and ledger euros."""
    rows = []
    res = data.resources
    if res is None:
        return pd.DataFrame()
    for year in years:
        row = {"year": int(year)}
        for m in res.measures:
            row[m] = res.imported_total(m, [year])
            row[f"unallocated_{m}"] = res.unallocated(m, [year])
        rows.append(row)
    return pd.DataFrame(rows)
