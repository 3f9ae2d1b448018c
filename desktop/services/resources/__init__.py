"""Personnel and ledger euros of a store on its services: the actions behind the traffic-light measures
(FTEs, ledger euros, contacts per FTE, euros per contact), the coverage of the allocation rules, the
reconciliation of the books with the event data, and the personnel table.

    allocation = store_allocation(store)                  # desktop.analysis.allocation.Allocation
    events, summary = events_with_resources(store, events)  # + per-event 'fte' / 'ledger_eur' columns
    reconciliation(store)                                 # per year and AURA class: ledger vs event euros

The parts: `allocation` (the tables, the allocation and the per-event columns), `reconciliation`
and `personnel` (the personnel tables).
"""

from desktop.services.resources.allocation import (
    ResourceSummary,
    events_with_resources,
    load_ledger,
    load_staff,
    service_euros,
    store_allocation,
)
from desktop.services.resources.personnel import (
    PERSONNEL_DIMENSIONS,
    allocated_by_name,
    personnel_json,
    service_level_shares,
    staff_tables,
)
from desktop.services.resources.reconciliation import (
    EVENT_FIGURES,
    RECONCILIATION_COLUMNS,
    filtered_reconciliation,
    reconciliation,
    reconciliation_json,
    shown_reconciliation,
)

__all__ = [
    "EVENT_FIGURES", "PERSONNEL_DIMENSIONS", "RECONCILIATION_COLUMNS", "ResourceSummary",
    "allocated_by_name", "events_with_resources", "filtered_reconciliation", "load_ledger",
    "load_staff", "personnel_json", "reconciliation", "reconciliation_json", "service_euros", "service_level_shares",
    "shown_reconciliation", "staff_tables", "store_allocation",
]
