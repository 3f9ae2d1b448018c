"""The personnel and ledger euros of a store allocated to its services by the saved rules, and spread
onto the events (per-event `fte` / `ledger_eur` columns): the staff and finance tables as imported,
each service's event euros (the default split of an AURA class), and the cached allocation."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
from sqlalchemy import inspect

from desktop.analysis.allocation import (
    LEDGER_COLUMNS,
    STAFF_COLUMNS,
    Allocation,
    allocate,
    spread_amounts,
)
from desktop.analysis.event_columns import distinct_years
from desktop.core.rules import Classification, version_for_year
from desktop.services.written_sql import select_rows
from desktop.store import Store
from desktop.store.tables.imports import finance as FINANCE
from desktop.store.tables.imports import staff as STAFF
from desktop.store.versions import EDITS_OF_MEASURES

_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# ------------------------------------------------------------------------------ reading
def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """The rows as a frame, built from their columns (a frame of the driver's Row objects probes every row:
    about 1.5 ms for 200 rows); the same columns and types."""
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame(dict(zip(columns, (list(c) for c in zip(*rows, strict=True)), strict=True)))


def load_staff(store: Store) -> pd.DataFrame:
    """The staff table: cost_centre, professional_group, year, month, fte, wages_eur, employees."""
    with store.read() as conn:
        return _read_staff(conn)


def _read_staff(conn) -> pd.DataFrame:
    columns = [*STAFF_COLUMNS, "month"]
    if not inspect(conn).has_table("staff"):  # a read-only store of schema 2
        return pd.DataFrame({c: pd.Series(dtype=float if c in ("fte", "wages_eur", "employees") else object)
                             for c in columns})
    frame = _frame(select_rows(conn, STAFF, columns, order_by=("id",)).all(), columns)
    for c in ("fte", "wages_eur", "employees"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
    return frame


def load_ledger(store: Store) -> pd.DataFrame:
    """The finance table: cost_centre, aura_code, aura_name, year, cost_eur, producer."""
    with store.read() as conn:
        return _read_ledger(conn)


def _read_ledger(conn) -> pd.DataFrame:
    has_centre = "cost_centre" in {c["name"] for c in inspect(conn).get_columns("finance")}
    names = [c for c in (*LEDGER_COLUMNS, "producer") if c != "cost_centre" or has_centre]
    frame = _frame(select_rows(conn, FINANCE, names, order_by=("id",)).all(), names)
    if not has_centre:
        frame["cost_centre"] = None
    frame["cost_eur"] = frame["cost_eur"].astype(float)
    return frame


def _cache_entry(store: Store) -> dict:
    """This store's cached staff and ledger rows and allocations, kept until the store or a classification
    changes (a rating edit keeps them)."""
    from desktop.services.classification import classification_revision

    key = (store.version_except(*EDITS_OF_MEASURES), classification_revision())
    entry = _CACHE.get(store)
    if entry is None or entry["key"] != key:
        entry = {"key": key, "allocations": {}, "tables": None}
        _CACHE[store] = entry
    return entry


def _tables(store: Store, entry: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(staff, ledger) of the store as load_staff and load_ledger read them, read once per cache entry (in one
    connection); not handed out: callers get them filtered or counted."""
    if entry["tables"] is None:
        with store.read() as conn:
            entry["tables"] = (_read_staff(conn), _read_ledger(conn))
    return entry["tables"]


# ------------------------------------------------------------------------------ services' event euros
def _version_by_year(versions: list[Classification], years) -> dict[int, Classification]:
    return {int(y): versions[version_for_year(versions, int(y))] for y in years} if versions else {}


def service_euros(events: pd.DataFrame, versions: list[Classification]) -> pd.DataFrame:
    """year, service (code), event_eur, contacts of classified events (their `service` holds names)."""
    if not len(events) or not versions or "service" not in events:
        return pd.DataFrame(columns=["year", "service", "event_eur", "contacts"])
    codes = np.asarray(events["service"].array.codes)
    names = list(events["service"].cat.categories)
    years = events["year"].to_numpy()
    cost = np.nan_to_num(events["cost_eur"].to_numpy(dtype=float)) if "cost_eur" in events else np.zeros(len(events))
    first, n_names = int(years.min()), len(names)
    # one pass: a bin per (year, service); each bin adds its events in row order, as a year's selection did
    classified = codes >= 0
    key = (years[classified].astype(np.intp) - first) * n_names + codes[classified]
    size = (int(years.max()) - first + 1) * n_names
    euros_at = np.bincount(key, weights=cost[classified], minlength=size)
    counts_at = np.bincount(key, minlength=size)
    table: dict[str, list] = {"year": [], "service": [], "event_eur": [], "contacts": []}
    for year, v in _version_by_year(versions, distinct_years(years)).items():
        at = (year - first) * n_names
        euros, counts = euros_at[at:at + n_names].tolist(), counts_at[at:at + n_names].tolist()
        code_of = {s.name: s.code for s in v.services}
        for i, nm in enumerate(names):
            if counts[i] and nm in code_of:
                table["year"].append(year)
                table["service"].append(code_of[nm])
                table["event_eur"].append(euros[i])
                table["contacts"].append(counts[i])
    if not table["year"]:
        return pd.DataFrame([], columns=["year", "service", "event_eur", "contacts"])
    return pd.DataFrame(table)


def store_allocation(store: Store, events: pd.DataFrame | None = None,
                     versions: list[Classification] | None = None, years=None) -> Allocation:
    """The saved rules applied to the store's staff and ledger rows (cached until the store or a
    classification changes). `events`: the classified events (every year's read when None); `versions`:
    the saved classification versions (read when None).

    A year's allocation needs that year's event euros (the default split of an AURA class): when `events`
    hold only some of the store's event years (a page or report that read only the years it shows), the
    allocation covers the staff and ledger rows of those years only. `years`: only the rows of these years
    (of the events' years: a report of one year)."""
    from desktop.services.classification import classified_events, saved_versions

    if years is not None:
        years = tuple(sorted({int(y) for y in years}))
    elif events is not None and len(events):
        held = set(distinct_years(events["year"].to_numpy()))
        if not set(store.years("events")) <= held:
            years = tuple(sorted(held))
    entry = _cache_entry(store)
    if years in entry["allocations"]:
        return entry["allocations"][years]
    events = classified_events(store) if events is None else events
    versions = saved_versions(store) if versions is None else versions
    staff, ledger = _tables(store, entry)
    if years is not None:
        staff, ledger = staff[staff["year"].isin(years)], ledger[ledger["year"].isin(years)]
    result = allocate(staff, ledger, versions, service_euros(events, versions))
    entry["allocations"][years] = result
    return result


# ------------------------------------------------------------------------------ on the events
class ResourceSummary:
    """Per year what was imported and what reached no event (no rule, or a service without events). A plain
    class (a dataclass cost 0.4 ms of every command's start)."""

    def __init__(self, imported: pd.DataFrame, unreached: dict[str, dict[int, float]] | None = None,
                 measures: tuple[str, ...] = ()):
        self.imported = imported  # year, fte, ledger_eur, wages_eur
        self.unreached = {} if unreached is None else unreached  # measure -> year -> amount
        self.measures = measures  # 'fte' and/or 'ledger_eur': the data the store has

    def unallocated(self, measure: str, years) -> float:
        return float(sum(self.unreached.get(measure, {}).get(int(y), 0.0) for y in years))

    def imported_total(self, measure: str, years) -> float:
        imp = self.imported
        return float(imp.loc[imp["year"].isin([int(y) for y in years]), measure].sum()) if len(imp) else 0.0


def events_with_resources(store: Store, events: pd.DataFrame,
                          years=None) -> tuple[pd.DataFrame, ResourceSummary | None]:
    """`events` (classified) with float columns `fte` (when staff was imported) and `ledger_eur` (when
    ledger rows were), each event's part of its service's allocation; (events, None) when the store
    has neither. `years`: only the staff and ledger rows of these years are allocated, and only their
    events get their parts (the others 0: a report of one year that reads the year before for its
    changes only; each year's parts are the same as when every year is allocated)."""
    staff, ledger = _tables(store, _cache_entry(store))
    staff_rows, ledger_rows = len(staff), len(ledger)
    if not staff_rows and not ledger_rows:
        return events, None
    from desktop.services.classification import saved_versions

    versions = saved_versions(store)
    allocation = store_allocation(store, events, versions, years)
    measures = tuple(m for m, n in (("fte", staff_rows), ("ledger_eur", ledger_rows)) if n)
    per_service = allocation.per_service()
    names = list(events["service"].cat.categories) if "service" in events else []
    position = {nm: i for i, nm in enumerate(names)}
    service_years, codes = per_service["year"].tolist(), per_service["service"].tolist()
    name_of: dict[int, dict] = {}  # per year: service code -> the name of its first service of that code
    for year, v in _version_by_year(versions, set(service_years)).items():
        name_of[year] = {}
        for s in v.services:
            name_of[year].setdefault(s.code, s.name)
    index = []
    for year, code in zip(service_years, codes, strict=True):
        name = name_of[int(year)].get(code, code)
        if name not in position:
            position[name] = len(position)  # a service without events in any year
        index.append(position[name])
    n = len(events)
    service = events["service"].cat.codes.to_numpy().astype(np.int64) if "service" in events else np.full(n, -1)
    years = events["year"].to_numpy() if n else np.zeros(0, dtype=np.int64)
    cost = events["cost_eur"].to_numpy(dtype=float) if "cost_eur" in events else np.zeros(n)
    if n and len(per_service):
        parts, _reached = spread_amounts(service, years, cost, np.asarray(service_years, dtype=np.int64),
                                         np.asarray(index, dtype=np.int64),
                                         {m: per_service[m].to_numpy(dtype=float) for m in measures})
    else:
        parts = {m: np.zeros(n) for m in measures}
    out = events.copy(deep=False)
    unreached: dict[str, dict[int, float]] = {}
    imported = allocation.imported
    first = int(years.min()) if n else 0
    year_index = years.astype(np.intp) - first if n else years
    for m in measures:
        out[m] = parts[m]
        reached = np.bincount(year_index, weights=parts[m]) if n else np.zeros(0)
        unreached[m] = {int(y): float(v) - (float(reached[int(y) - first]) if 0 <= int(y) - first < len(reached)
                                            else 0.0)
                        for y, v in zip(imported["year"], imported[m], strict=True)}
    return out, ResourceSummary(imported, unreached, measures)
