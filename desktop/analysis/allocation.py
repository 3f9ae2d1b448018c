"""Allocating personnel (FTEs, wages) and ledger euros to the organisation-independent services with the
rules of desktop.core.resource_rules, and spreading each service's share over its events.

    result = allocate(staff, ledger, versions, service_euros)
    result.services      # year, service, professional_group, fte, ledger_eur, wages_eur, employees
    result.unallocated   # year, source, basis, key, professional_group, reason, fte, ledger_eur, wages_eur
    result.imported      # year, fte, ledger_eur, wages_eur (what the imported rows hold)

Per year, the classification version valid in that year is used. Allocated plus unallocated is exactly
what was imported (up to float rounding), per year and in total.

A service's FTEs and ledger euros reach the traffic-light figures through its events: each event gets
the service's amount times the event's share of the service's event euros in that year (its share of the
service's events when the service has no euros): `spread_to_events`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

from desktop.analysis.allocation_rows import float_column, single_row_groups, year_totals
from desktop.core.resource_rules import ResourceRule
from desktop.core.rules import Classification, version_for_year

STAFF_COLUMNS = ("cost_centre", "professional_group", "year", "fte", "wages_eur", "employees")
LEDGER_COLUMNS = ("cost_centre", "aura_code", "aura_name", "year", "cost_eur")
SERVICE_COLUMNS = ("year", "service", "professional_group", "fte", "ledger_eur", "wages_eur", "employees")
UNALLOCATED_COLUMNS = ("year", "source", "basis", "key", "professional_group", "reason", "fte", "ledger_eur",
                       "wages_eur")
#: why a row (or the rest of it) was not allocated
REASONS = {
    "rest": ("säännön osuudet jäävät alle 100 %", "the rule's shares stay below 100 %"),
    "no_rule": ("kustannuspaikalle ei ole sääntöä eikä kirjanpidon rivejä",
                "the cost centre has neither a rule nor ledger rows"),
    "no_events": ("AURA-luokan palveluilla ei ole tapahtumaeuroja eikä sääntöä",
                  "the AURA class's services have no event euros and no rule"),
    "unknown_aura": ("AURA-luokka ei ole luokituksessa", "the AURA class is not in the classification"),
}


class Allocation:
    """What `allocate` gives: `services`, `unallocated`, `imported` and `by_rule` (rule id, fte, ledger_eur:
    what each rule allocated). A plain class (a dataclass cost 0.4 ms of every command's start)."""

    def __init__(self, services: pd.DataFrame, unallocated: pd.DataFrame, imported: pd.DataFrame,
                 by_rule: pd.DataFrame | None = None):
        self.services = services
        self.unallocated = unallocated
        self.imported = imported
        self.by_rule = by_rule

    def rule_amounts(self, rule_id: str) -> tuple[float, float]:
        """(FTEs, ledger euros) the rule allocated to services."""
        if self.by_rule is None or rule_id not in set(self.by_rule["rule"]):
            return 0.0, 0.0
        row = self.by_rule[self.by_rule["rule"] == rule_id].iloc[0]
        return float(row["fte"]), float(row["ledger_eur"])

    def per_service(self) -> pd.DataFrame:
        """year, service, fte, ledger_eur, wages_eur summed over professional groups."""
        if self.services.empty:
            return pd.DataFrame(columns=["year", "service", "fte", "ledger_eur", "wages_eur"])
        return (self.services.groupby(["year", "service"], as_index=False, sort=True)[["fte", "ledger_eur", "wages_eur"]]
                .sum())

    def coverage(self) -> pd.DataFrame:
        """Per year: imported, allocated and unallocated FTEs and ledger euros, and the allocated shares."""
        imp = self.imported.set_index("year")
        out = []
        for year in imp.index:
            una = self.unallocated[self.unallocated["year"] == year]
            row = {"year": int(year)}
            for what in ("fte", "ledger_eur"):
                total = float(imp.loc[year, what])
                missing = float(una[what].sum())
                row[what] = total
                row[f"unallocated_{what}"] = missing
                row[f"allocated_{what}"] = total - missing
                row[f"{what}_share"] = (total - missing) / total if total else None
            out.append(row)
        return pd.DataFrame(out, columns=["year", "fte", "unallocated_fte", "allocated_fte", "fte_share", "ledger_eur",
                                          "unallocated_ledger_eur", "allocated_ledger_eur", "ledger_eur_share"])

    def largest_unallocated(self, top: int = 15, year: int | None = None) -> pd.DataFrame:
        """The unallocated amounts (of `year`, or all years) by source, cost centre or AURA class and
        reason, largest first."""
        una = self.unallocated if year is None else self.unallocated[self.unallocated["year"] == year]
        if una.empty:
            return pd.DataFrame(columns=["source", "basis", "key", "reason", "fte", "ledger_eur"])
        grouped = una.groupby(["source", "basis", "key", "reason"], as_index=False, sort=False)[["fte", "ledger_eur"]].sum()
        grouped["_size"] = grouped["ledger_eur"] / 60_000.0 + grouped["fte"]  # euros and FTEs on one scale
        return grouped.sort_values("_size", ascending=False).drop(columns="_size").head(top).reset_index(drop=True)


def _norm(value) -> str:
    return "".join(str(value).split()).upper() if value is not None and value == value else ""


def _aura_of(code, name, version: Classification, lookup: dict | None = None) -> str | None:
    """The version's AURA class code of a ledger row: by code, else by name (case and spaces ignored).
    `lookup`: a dict kept by the caller over many rows (each version's look-up tables made once)."""
    tables = None if lookup is None else lookup.get(id(version))
    if tables is None:
        tables = ({_norm(a.code): a.code for a in version.aura_classes},
                  {_norm(a.name): a.code for a in version.aura_classes})
        if lookup is not None:
            lookup[id(version)] = tables
    codes, names = tables
    if _norm(code) in codes:
        return codes[_norm(code)]
    return names.get(_norm(name))


def _first_rule(rules: Sequence[ResourceRule], basis: str, key, group: str | None) -> ResourceRule | None:
    if key is None or key != key or str(key) == "":
        return None
    for rule in rules:
        if rule.enabled and rule.basis == basis and rule.matches_key(str(key)) and rule.takes_group(group):
            return rule
    return None


def _default_split(version: Classification, aura: str, euros: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Shares of the services of AURA class `aura` by their event euros (by events when no euros)."""
    members = [s.code for s in version.services if s.aura == aura]
    eur = {c: max(euros.get(c, (0.0, 0.0))[0], 0.0) for c in members}
    total = sum(eur.values())
    if total > 0:
        return {c: v / total for c, v in eur.items() if v > 0}
    counts = {c: euros.get(c, (0.0, 0.0))[1] for c in members}
    total = sum(counts.values())
    return {c: v / total for c, v in counts.items() if v > 0} if total > 0 else {}


def allocate(staff: pd.DataFrame, ledger: pd.DataFrame, versions: list[Classification],
             service_euros: pd.DataFrame) -> Allocation:
    """Allocate staff rows (STAFF_COLUMNS) and ledger rows (LEDGER_COLUMNS) to services.

    `service_euros`: year, service (code), event_eur, contacts of the classified events (the default split
    of an AURA class's ledger euros). Rows of a year use the version valid in that year.
    """
    # the few hundred rows in plain Python where the sums are pandas' own (allocation_rows)
    fte, wages_eur, employees = (float_column(staff, c) for c in ("fte", "wages_eur", "employees"))
    cost_eur = float_column(ledger, "cost_eur")
    services: dict[tuple, np.ndarray] = defaultdict(lambda: np.zeros(4))  # fte, ledger, wages, employees
    unallocated: list[dict] = []
    euros: dict[int, dict[str, tuple[float, float]]] = defaultdict(dict)
    for year, service, event_eur, contacts in zip(*(service_euros[c].tolist() for c in
                                                    ("year", "service", "event_eur", "contacts")), strict=True):
        euros[int(year)][str(service)] = (float(event_eur), float(contacts))
    # cost centre -> service -> ledger euros allocated (and the centre's total) per year, for staff to follow
    centre_ledger: dict[tuple[int, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    centre_total: dict[tuple[int, str], float] = defaultdict(float)
    staff_years, ledger_years = staff["year"].tolist(), ledger["year"].tolist()
    years = sorted({int(y) for y in staff_years} | {int(y) for y in ledger_years})

    def version(year: int) -> Classification | None:
        i = version_for_year(versions, year)
        return versions[i] if i >= 0 else None

    def lost(year, source, basis, key, group, reason, amounts) -> None:
        if any(abs(a) > 0 for a in amounts[:3]):
            unallocated.append({"year": year, "source": source, "basis": basis, "key": key, "professional_group": group,
                                "reason": reason, "fte": amounts[0], "ledger_eur": amounts[1], "wages_eur": amounts[2]})

    taken: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(2))

    def give(year, group, shares: dict[str, float], amounts: np.ndarray, source, basis, key,
             rule: ResourceRule | None = None) -> dict[str, float]:
        for code, share in shares.items():
            services[(year, code, group)] += amounts * share
        if rule is not None:
            taken[rule.id] += amounts[:2] * sum(shares.values())
        rest = 1.0 - sum(shares.values())
        if rest > 1e-12:
            lost(year, source, basis, key, group, "rest", amounts * rest)
        return shares

    aura_lookup: dict = {}  # each version's AURA look-up tables (_aura_of), made once
    rule_of: dict[tuple, ResourceRule | None] = {}  # the first fitting rule of a version, basis, key and group

    def first_rule(rules: Sequence[ResourceRule], basis: str, key, group: str | None) -> ResourceRule | None:
        at = (id(rules), basis, key, group)
        if at not in rule_of:
            rule_of[at] = _first_rule(rules, basis, key, group)
        return rule_of[at]

    ledger_keys = ("year", "cost_centre", "aura_code", "aura_name")
    ledger_rows = single_row_groups(ledger, ledger_keys, (cost_eur,))
    if ledger_rows is None:  # a key of several rows: pandas sums them
        grouped = ledger.assign(cost_eur=pd.to_numeric(ledger["cost_eur"], errors="coerce").astype(float)).groupby(
            list(ledger_keys), dropna=False, sort=True, as_index=False)["cost_eur"].sum()
        ledger_rows = [(rec[:4], rec[4:]) for rec in grouped.itertuples(index=False, name=None)]
    for (rec_year, rec_centre, aura_code, aura_name), (rec_eur,) in ledger_rows:
        year = int(rec_year)
        v = version(year)
        centre = None if rec_centre != rec_centre else rec_centre
        amounts = np.array([0.0, float(rec_eur), 0.0, 0.0])
        if centre is not None:
            centre_total[(year, centre)] += float(rec_eur)
        aura = _aura_of(aura_code, aura_name, v, aura_lookup) if v is not None else None
        label = aura or str(aura_code if aura_code == aura_code and aura_code else aura_name)
        rule = first_rule(v.resource_rules, "cost_centre", centre, None) if v is not None else None
        if rule is not None:
            shares = give(year, "", {s.service: s.share for s in rule.shares}, amounts, "ledger", "cost_centre", centre,
                          rule)
        elif aura is None:
            lost(year, "ledger", "aura", label, "", "unknown_aura", amounts)
            continue
        else:
            rule = first_rule(v.resource_rules, "aura", aura, None)
            if rule is not None and rule.shares:
                shares = give(year, "", {s.service: s.share for s in rule.shares}, amounts, "ledger", "aura", aura, rule)
            else:
                shares = _default_split(v, aura, euros.get(year, {}))
                if not shares:
                    lost(year, "ledger", "aura", aura, "", "no_events", amounts)
                    continue
                give(year, "", shares, amounts, "ledger", "aura", aura)
        if centre is not None:
            for code, share in shares.items():
                centre_ledger[(year, centre)][code] += float(rec_eur) * share

    staff_keys, staff_figures = ("year", "cost_centre", "professional_group"), ("fte", "wages_eur", "employees")
    groups = staff.assign(professional_group=staff["professional_group"].fillna(""))
    staff_rows = single_row_groups(groups, staff_keys, (fte, wages_eur, employees), min_count=1, dropna=True)
    if staff_rows is None:  # a key of several rows (e.g. monthly rows): pandas sums them
        numeric = staff.assign(**{c: pd.to_numeric(staff[c], errors="coerce").astype(float) for c in staff_figures})
        grouped = numeric.assign(professional_group=numeric["professional_group"].fillna("")).groupby(
            list(staff_keys), sort=True, as_index=False)[list(staff_figures)].sum(min_count=1)
        staff_rows = [(rec[:3], rec[3:]) for rec in grouped.itertuples(index=False, name=None)]
    for (rec_year, rec_centre, rec_group), (rec_fte, rec_wages, rec_employees) in staff_rows:
        year, centre, group = int(rec_year), str(rec_centre), str(rec_group)
        v = version(year)
        wages = 0.0 if rec_wages != rec_wages else float(rec_wages)
        employees = 0.0 if rec_employees != rec_employees else float(rec_employees)
        amounts = np.array([float(rec_fte), 0.0, wages, employees])
        rule = first_rule(v.resource_rules, "cost_centre", centre, group or None) if v is not None else None
        if rule is not None:
            give(year, group, {s.service: s.share for s in rule.shares}, amounts, "staff", "cost_centre", centre, rule)
            continue
        total = centre_total.get((year, centre), 0.0)
        followed = centre_ledger.get((year, centre))
        if total > 0 and followed:
            give(year, group, {code: eur / total for code, eur in followed.items()}, amounts, "staff", "cost_centre",
                 centre)
        else:
            lost(year, "staff", "cost_centre", centre, group, "no_rule", amounts)

    service_frame = _service_frame(sorted(services.items()))
    staff_at, ledger_at = np.asarray(staff_years), np.asarray(ledger_years)
    imported = pd.DataFrame({"year": years, "fte": year_totals(staff_at, fte, years),
                             "ledger_eur": year_totals(ledger_at, cost_eur, years),
                             "wages_eur": year_totals(staff_at, wages_eur, years)})
    by_rule = pd.DataFrame([{"rule": r, "fte": a[0], "ledger_eur": a[1]} for r, a in taken.items()],
                           columns=["rule", "fte", "ledger_eur"])
    return Allocation(service_frame, pd.DataFrame(unallocated, columns=list(UNALLOCATED_COLUMNS)), imported, by_rule)


def _service_frame(items: list[tuple[tuple, np.ndarray]]) -> pd.DataFrame:
    """SERVICE_COLUMNS of the allocated amounts, a row per (year, service, group) in that order."""
    if not items:
        return pd.DataFrame([], columns=list(SERVICE_COLUMNS))
    keys, amounts = zip(*items, strict=True)
    table = np.array(amounts)
    frame = {name: [k[i] for k in keys] for i, name in enumerate(SERVICE_COLUMNS[:3])}
    frame.update({name: table[:, i] for i, name in enumerate(SERVICE_COLUMNS[3:])})
    return pd.DataFrame(frame, columns=list(SERVICE_COLUMNS))


def spread_to_events(service: np.ndarray, years: np.ndarray, cost: np.ndarray,
                     amounts: pd.DataFrame, columns: Sequence[str] = ("fte", "ledger_eur")) -> tuple[dict, pd.DataFrame]:
    """Each event's part of its service's amounts in its year.

    `service`: per event an index of the service (-1 or below: unclassified); `years`: per event its year;
    `cost`: event euros (NaN counts as 0); `amounts`: year, service (the same index), and `columns`.
    Returns ({column: per-event float64 array}, the rows of `amounts` that reach no event: year, service,
    columns). An event's part is the service's amount times the event's share of the service's euros in
    that year, or of its events when the service's euros are not above 0.
    """
    n = len(service)
    if n == 0 or amounts.empty:
        return {c: np.zeros(n) for c in columns}, amounts.iloc[0:0] if not amounts.empty else amounts
    out, reached = spread_amounts(service, years, cost, amounts["year"].to_numpy(dtype=np.int64),
                                  amounts["service"].to_numpy(dtype=np.int64),
                                  {c: amounts[c].to_numpy(dtype=float) for c in columns})
    missed = amounts[~reached]
    return out, missed.reset_index(drop=True)


def spread_amounts(service: np.ndarray, years: np.ndarray, cost: np.ndarray, amount_years: np.ndarray,
                   amount_service: np.ndarray, amounts: dict[str, np.ndarray]) -> tuple[dict, np.ndarray]:
    """`spread_to_events` on arrays: the amounts' years, service indices and {column: values}, one per amount
    row (at least one row, and at least one event). Returns ({column: per-event part}, per amount row: it
    reached an event)."""
    years = np.asarray(years)
    first = int(min(years.min(), amount_years.min()))
    span = int(max(years.max(), amount_years.max())) - first + 1
    n_svc = int(max(service.max(initial=-1), amount_service.max()) + 1)
    size = span * n_svc + 1  # (year, service) slots and a last one for the unclassified events
    # one key per event, built in place (several passes over millions of events cost more than the sums)
    key = years.astype(np.intp)
    key -= first
    key *= n_svc
    key += service
    key[service < 0] = size - 1
    cost = np.asarray(cost, dtype=np.float64)
    if not np.isfinite(cost).all():
        cost = np.where(np.isfinite(cost), cost, 0.0)
    euros = np.bincount(key, weights=cost, minlength=size)
    counts = np.bincount(key, minlength=size)
    by_euros = euros > 0
    by_euros[-1] = False
    # an event's weight in its service: its euros when the service has euros, else 1 (its share of events)
    weight = np.where(by_euros[key], cost, 1.0)
    base = np.where(by_euros, euros, np.maximum(counts, 1)).astype(np.float64)
    akey = (amount_years - first) * n_svc + amount_service
    out = {}
    for c, values in amounts.items():
        rate = np.bincount(akey, weights=values, minlength=size) / base
        rate[-1] = 0.0
        part = rate.take(key)
        part *= weight
        out[c] = part
    return out, counts[akey] != 0
