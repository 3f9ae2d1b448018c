"""The reconciliation of the books with the event data: per year and AURA class the ledger euros
against the classified events' euros, exact and as may be shown."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis.allocation import _aura_of
from desktop.services.resources.allocation import _version_by_year, load_ledger
from desktop.store import Store

# ------------------------------------------------------------------------------ reconciliation
RECONCILIATION_COLUMNS = ["year", "aura_code", "aura_name", "ledger_eur", "clients", "event_eur", "coverage_pct",
                          "difference_eur"]
EVENT_FIGURES = ("event_eur", "coverage_pct", "difference_eur")  # of the events: hidden with a small class


def reconciliation(store: Store, events: pd.DataFrame | None = None, selected: np.ndarray | None = None) -> pd.DataFrame:
    """Per year and AURA class: the ledger euros, the distinct clients and the event-level euros of the
    classified events, the coverage (event euros as % of the ledger; None without ledger euros) and the
    difference (ledger minus events). Years with ledger rows only; classes with either figure. Ledger
    rows whose class is not in the classification keep the code or name they were imported with.
    Exact figures: `shown_reconciliation` gives what may be shown. `table.attrs["clients"]`: the
    distinct clients of each year's classified events (the total's).

    `selected` (an event mask of `events`, which then carry `ledger_eur` from `events_with_resources`:
    the page's filters): the selected events only, the ledger euros being the parts of the books the
    allocation rules place on those events, by the AURA class of each event's service."""
    from desktop.services.classification import classified_events, load_versions

    ledger = load_ledger(store)
    year_clients: dict[int, int] = {}
    if ledger.empty:
        return pd.DataFrame(columns=RECONCILIATION_COLUMNS)
    versions = load_versions(store)
    events = classified_events(store) if events is None else events
    if selected is not None:
        return _selected_reconciliation(events, np.asarray(selected, dtype=bool),
                                        _version_by_year(versions, ledger["year"].unique()))
    by_year = _version_by_year(versions, ledger["year"].unique())
    sums: dict[tuple[int, str], list] = {}
    lookup: dict = {}  # each version's AURA look-up tables, made once
    for rec in ledger.itertuples(index=False):
        year = int(rec.year)
        v = by_year.get(year)
        code = _aura_of(rec.aura_code, rec.aura_name, v, lookup) if v is not None else None
        if code is not None:
            name = v.aura_class(code).name
        else:
            code = rec.aura_code if isinstance(rec.aura_code, str) and rec.aura_code else ""
            name = rec.aura_name if isinstance(rec.aura_name, str) else ""
        entry = sums.setdefault((year, code or name), [code, name, 0.0, 0.0, 0])
        entry[2] += float(rec.cost_eur)
    if len(events) and "aura" in events:
        ev_years = events["year"].to_numpy()
        codes = events["aura"].cat.codes.to_numpy()
        names = list(events["aura"].cat.categories)
        cost = np.nan_to_num(events["cost_eur"].to_numpy(dtype=float))
        person = events["person_id"] if "person_id" in events else pd.Series(np.zeros(len(events)))
        for year, v in by_year.items():
            sel = (ev_years == year) & (codes >= 0)
            euros = np.bincount(codes[sel], weights=cost[sel], minlength=len(names))
            counts = np.bincount(codes[sel], minlength=len(names))
            clients = pd.Series(person[sel].to_numpy()).groupby(codes[sel]).nunique()
            year_clients[year] = int(pd.Series(person[sel].to_numpy()).nunique())
            code_of = {a.name: a.code for a in v.aura_classes}
            for i, nm in enumerate(names):
                if counts[i]:
                    code = code_of.get(nm, "")
                    entry = sums.setdefault((year, code or nm), [code, nm, 0.0, 0.0, 0])
                    entry[3] += float(euros[i])
                    entry[4] += int(clients.get(i, 0))
    rows = []
    for (year, _key), (code, name, ledger_eur, event_eur, clients) in sorted(sums.items(), key=lambda kv: (
            kv[0][0], kv[1][0], kv[1][1])):
        rows.append({"year": year, "aura_code": code, "aura_name": name, "ledger_eur": ledger_eur,
                     "clients": clients, "event_eur": event_eur,
                     "coverage_pct": 100.0 * event_eur / ledger_eur if ledger_eur > 0 else None,
                     "difference_eur": ledger_eur - event_eur})
    out = pd.DataFrame(rows, columns=RECONCILIATION_COLUMNS)
    out.attrs["clients"] = year_clients
    return out


def shown_reconciliation(table: pd.DataFrame, n: int, ledger_hidden: set | None = None) -> pd.DataFrame:
    """`reconciliation` rows as they may be shown: the event euros (and the coverage and difference they
    give) of a class of fewer than `n` clients hidden, and, so that the year's total event euros minus
    the shown ones cannot give them, those of its complement (desktop.analysis.disclosure); clients "<N"
    or "..". The ledger euros are the books', not persons': shown; but those of a filtered table
    (`reconciliation(..., selected=...)`) are the selected events' parts of their services' books, which
    with the service's whole euros and ledger would give the hidden event euros back: hidden alike, and
    those of the classes in `ledger_hidden` ((year, class name): a class holding a service cell hidden on
    the traffic lights, which its ledger part beside its euros would solve)."""
    from desktop.analysis.disclosure import Suppression, hide_rows, suppress

    if table.empty:
        return table
    years = table["year"].to_numpy()
    persons = table["clients"].to_numpy(dtype=float)
    totals = sorted(set(int(y) for y in years))
    year_clients = table.attrs.get("clients", {})
    entries = np.concatenate([persons, [float(year_clients.get(y, 0)) for y in totals]])
    is_total = np.arange(len(entries)) >= len(table)
    lines = [np.append(np.flatnonzero(years == y), len(table) + k) for k, y in enumerate(totals)]
    supp = suppress(entries, lines, n, is_total)
    rows = Suppression(supp.primary[:len(table)], supp.hidden[:len(table)])
    hidden = (*EVENT_FIGURES, "ledger_eur") if table.attrs.get("selected") else EVENT_FIGURES
    out = hide_rows(table, rows, n, ("clients",), hidden)
    if ledger_hidden:  # a class holding a hidden service cell: its ledger part (and what it gives) hidden
        keys = list(zip(table["year"].astype(int), table["aura_name"].astype(str), strict=True))
        part = np.array([k in ledger_hidden for k in keys], dtype=bool) & ~rows.hidden
        for col in ("ledger_eur", "coverage_pct", "difference_eur"):
            out[col] = out[col].astype(object)
            out.loc[part, col] = None
        rows = Suppression(rows.primary, rows.hidden | part)
    out.attrs["hidden_totals"] = {y: (f"<{n}" if supp.primary[len(table) + k] else "..")
                                  for k, y in enumerate(totals) if supp.hidden[len(table) + k]}
    # filtered: each class's ledger part is its events' euros times its books' public ratio, so the year's
    # ledger total would add a second sum over the hidden classes (ledger) beside the first (event euros)
    # and two hidden classes with different ratios would be solved from the two: the total hidden too
    out.attrs["hidden_ledger_totals"] = ({int(y) for y in years[rows.hidden]} if table.attrs.get("selected")
                                         else set())
    return out


def _selected_reconciliation(events: pd.DataFrame, selected: np.ndarray, by_year: dict) -> pd.DataFrame:
    """`reconciliation` of the selected events: their ledger parts against their euros per year and class."""
    if not len(events) or "aura" not in events or "ledger_eur" not in events or not selected.any():
        return pd.DataFrame(columns=RECONCILIATION_COLUMNS)
    from desktop.analysis.segments import person_codes

    frame = pd.DataFrame({"year": events["year"].to_numpy()[selected],
                          "aura_name": events["aura"].astype(object).to_numpy()[selected],
                          "person": person_codes(events)[selected],
                          "ledger_eur": events["ledger_eur"].to_numpy(dtype=float)[selected],
                          "event_eur": np.nan_to_num(events["cost_eur"].to_numpy(dtype=float)[selected])})
    year_clients = {int(y): int(n) for y, n in frame.groupby("year")["person"].nunique().items()}
    frame = frame[frame["aura_name"].notna() & frame["year"].isin(list(by_year))]
    sums = frame.groupby(["year", "aura_name"], as_index=False).agg(
        ledger_eur=("ledger_eur", "sum"), event_eur=("event_eur", "sum"), clients=("person", "nunique"))
    code_of = {(y, a.name): a.code for y, v in by_year.items() for a in v.aura_classes}
    sums["aura_code"] = [code_of.get((int(y), n), "") for y, n in zip(sums["year"], sums["aura_name"], strict=True)]
    sums["coverage_pct"] = [100.0 * e / g if g > 0 else None for g, e in zip(sums["ledger_eur"], sums["event_eur"],
                                                                                strict=True)]
    sums["difference_eur"] = sums["ledger_eur"] - sums["event_eur"]
    sums["year"] = sums["year"].astype(int)
    out = sums.sort_values(["year", "aura_code", "aura_name"]).reset_index(drop=True)[RECONCILIATION_COLUMNS]
    out.attrs["clients"] = year_clients
    out.attrs["selected"] = True  # the ledger euros are the selected events' parts: hidden with them
    return out


def filtered_reconciliation(data, years, filters=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(exact, shown) `reconciliation` rows of `years` for the traffic-light figures `data` (a
    desktop.services.traffic_lights.TrafficLightData) and its `filters` (municipality, sex, producer,
    age band, segment...: the selected events' euros against the ledger euros the rules place on them;
    none: every classified event against the books). `shown`: `shown_reconciliation` with the project's
    smallest group. The Täsmäytys tab, the report page and `report STORE reconciliation --filter`."""
    from desktop.analysis.traffic_lights import selection_mask

    filters = {k: tuple(v) for k, v in (filters or {}).items() if v}
    held = data.for_years(years)
    selected = selection_mask(held.events, list(years), filters, held.membership) if filters else None
    exact = reconciliation(data.store, held.events, selected)
    ledger_hidden = _classes_with_hidden_services(data, held.events, years, filters) if filters else None
    table = shown_reconciliation(exact, data.min_group, ledger_hidden)  # small classes + complements hidden
    keep = table["year"].isin(list(years)).to_numpy() if len(table) else np.zeros(0, dtype=bool)
    return exact[keep].reset_index(drop=True), table[keep].reset_index(drop=True)


def _classes_with_hidden_services(data, events: pd.DataFrame, years, filters) -> set:
    """(year, AURA class name) of the classes of two or more services holding a service cell hidden on the
    filtered traffic lights: the class's ledger part beside its euros would be a second, differently
    weighted sum over its services' cells (a class of one service: its ledger part is its euros times a
    public ratio, nothing more)."""
    from desktop.services.traffic_lights import suppression

    result = data.table(("service", "year"), list(years), filters)
    hidden = result.rows.loc[suppression(result).rows.hidden, ["service", "year"]].astype(str)
    if not len(hidden) or "aura" not in events:
        return set()
    pairs = pd.DataFrame({"service": events["service"].astype(str).to_numpy(), "year": events["year"].astype(str).to_numpy(),
                          "aura": events["aura"].astype(str).to_numpy()}).drop_duplicates()
    several = pairs.groupby(["year", "aura"])["service"].transform("nunique") > 1  # one service: ledger = k x euros
    found = pairs[several.to_numpy()].merge(hidden, on=["service", "year"])
    return {(int(y), a) for y, a in zip(found["year"], found["aura"], strict=True)}


def reconciliation_json(store: Store, table: pd.DataFrame | None = None, shown: pd.DataFrame | None = None) -> dict:
    """{"rows": [...], "totals": [{year, ledger_eur, clients, event_eur, coverage_pct, difference_eur}]}, euros
    to cents; classes of fewer than the project's smallest group of clients, and their complements,
    without event figures (`shown_reconciliation`). `table`: exact `reconciliation` rows to write (e.g.
    `filtered_reconciliation`'s first, with its second as `shown`); default: every year of the books against
    every classified event.
    Filtered, a year's ledger total (and its coverage and difference) is hidden when a class's is."""
    from desktop.analysis import privacy

    table = reconciliation(store) if table is None else table
    n = privacy.min_group(store)
    shown = shown_reconciliation(table, n) if shown is None else shown
    rows = [{k: _clean(v) for k, v in rec.items()} for rec in shown.to_dict("records")]
    totals = []
    hidden = shown.attrs.get("hidden_totals", {}) if len(shown) else {}
    for year, part in table.groupby("year", sort=True):
        ledger_eur, event_eur = float(part["ledger_eur"].sum()), float(part["event_eur"].sum())
        total = {"year": int(year), "ledger_eur": round(ledger_eur, 2),
                 "clients": int(table.attrs.get("clients", {}).get(int(year), 0)), "event_eur": round(event_eur, 2),
                 "coverage_pct": round(100.0 * event_eur / ledger_eur, 2) if ledger_eur > 0 else None,
                 "difference_eur": round(ledger_eur - event_eur, 2)}
        if int(year) in hidden:
            total.update(clients=hidden[int(year)], event_eur=None, coverage_pct=None, difference_eur=None)
        if int(year) in shown.attrs.get("hidden_ledger_totals", set()):
            total.update(ledger_eur=None, coverage_pct=None, difference_eur=None)
        totals.append(total)
    return {"rows": rows, "totals": totals}


def _clean(value):
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if value != value else round(value, 2)
    return value
