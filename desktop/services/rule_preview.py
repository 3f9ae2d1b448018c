"""The personnel and finance rules' preview beside the classification (Palveluluokitus > Henkilöstö ja
talous): the working copy's allocation, each year by the version valid in it, and its coverage as sentences.

    allocation = rule_preview(staff, ledger, working_copy, event_years, event_services, event_euros, store)
    coverage_lines(allocation)   # "2024: henkilöstöstä kohdennettu 10,0 / 20,0 htv (50 %), ..."
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis.allocation import Allocation, allocate
from desktop.core.rules import Classification, version_for_year
from desktop.services.resources import store_allocation
from desktop.store import Store


def rule_preview(staff: pd.DataFrame, ledger: pd.DataFrame, classification: Classification, years: np.ndarray,
                 service: np.ndarray, costs: np.ndarray, store: Store | None = None) -> Allocation:
    """The allocation with an (unsaved) classification, as the classification editor previews it:
    `service` per event an index into classification.services (-1 unclassified), `years` and `costs`
    (euros) per event.

    `store`: its saved versions decide which years the working copy governs (it stands in for the saved
    version valid from the same year); the years of another saved version keep the store's saved
    allocation (that version's rules on its own classification of the events). Without a store, or when
    the working copy governs every year, it is applied to every year. The rules' amounts
    (`Allocation.by_rule`) are those of the working copy's years."""
    all_years = sorted({int(y) for y in staff["year"]} | {int(y) for y in ledger["year"]}
                       | {int(y) for y in (np.unique(years) if len(years) else [])})
    versions = []
    if store is not None:
        from desktop.services.classification import load_versions

        versions = [v for v in load_versions(store) if v.valid_from != classification.valid_from]
    merged = [*versions, classification]
    others = [y for y in all_years if merged[version_for_year(merged, y)] is not classification]
    if not others:
        return _working_preview(staff, ledger, classification, years, service, costs)
    mine = [y for y in all_years if y not in others]
    working = _working_preview(staff[staff["year"].isin(mine)], ledger[ledger["year"].isin(mine)], classification,
                               years, service, costs)
    saved = store_allocation(store)

    def join(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
        b = b[b["year"].isin(others)]
        parts = [f for f in (a, b) if len(f)]
        frame = pd.concat(parts, ignore_index=True) if parts else a.iloc[0:0]
        return frame.sort_values("year", kind="stable").reset_index(drop=True)

    return Allocation(join(working.services, saved.services), join(working.unallocated, saved.unallocated),
                      join(working.imported, saved.imported), working.by_rule)


def _working_preview(staff: pd.DataFrame, ledger: pd.DataFrame, classification: Classification, years: np.ndarray,
                     service: np.ndarray, costs: np.ndarray) -> Allocation:
    """`classification` applied to every year of `staff` and `ledger` (its event euros from the events)."""
    codes = [s.code for s in classification.services]
    rows = []
    valid = service >= 0
    cost = np.nan_to_num(np.asarray(costs, dtype=float))
    for year in np.unique(years) if len(years) else []:
        sel = valid & (years == year)
        euros = np.bincount(service[sel], weights=cost[sel], minlength=len(codes))
        counts = np.bincount(service[sel], minlength=len(codes))
        rows += [{"year": int(year), "service": codes[i], "event_eur": float(euros[i]), "contacts": int(counts[i])}
                 for i in np.flatnonzero(counts)]
    frame = pd.DataFrame(rows, columns=["year", "service", "event_eur", "contacts"])
    return allocate(staff, ledger, [classification], frame)


def coverage_lines(allocation: Allocation) -> list[str]:
    """Per year, how much of the imported personnel and ledger euros the rules allocate, as sentences."""
    from desktop.charts.numbers import eur, number, percent
    from desktop.core.lang import t

    lines = []
    for rec in allocation.coverage().to_dict("records"):
        year = rec["year"]
        if rec["fte"]:
            lines.append(t(f"{year}: henkilöstöstä kohdennettu {number(rec['allocated_fte'], 1)} / "
                           f"{number(rec['fte'], 1)} htv ({percent(rec['fte_share'])}), kohdentamatta "
                           f"{number(rec['unallocated_fte'], 1)} htv.",
                           f"{year}: personnel allocated {number(rec['allocated_fte'], 1)} / {number(rec['fte'], 1)} "
                           f"FTE ({percent(rec['fte_share'])}), not allocated {number(rec['unallocated_fte'], 1)} FTE."))
        if rec["ledger_eur"]:
            lines.append(t(f"{year}: kirjanpidosta kohdennettu {eur(rec['allocated_ledger_eur'])} / "
                           f"{eur(rec['ledger_eur'])} ({percent(rec['ledger_eur_share'])}), kohdentamatta "
                           f"{eur(rec['unallocated_ledger_eur'])}.",
                           f"{year}: ledger allocated {eur(rec['allocated_ledger_eur'])} / {eur(rec['ledger_eur'])} "
                           f"({percent(rec['ledger_eur_share'])}), not allocated {eur(rec['unallocated_ledger_eur'])}."))
    return lines
