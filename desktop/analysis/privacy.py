"""Small-group suppression and the Finnish way of writing figures.

Secondary-use law (552/2019): single persons are never examined, so no output shows a group of
fewer than N persons as an exact figure (N = `MIN_GROUP` = 5 unless the project sets a larger one,
setting `MIN_GROUP_SETTING`). Such a count is written "<5"; the other figures of the group
(contacts, units, euros and the per-person ratios) are hidden (None) so they cannot reveal one
person's use. A group of 0 persons is an empty cell and stays 0. Tables with totals also need
secondary suppression so that no hidden cell is total − shown cells: desktop.analysis.disclosure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the marks and the project's setting need no pandas: `sote-planner privacy` loads none
    import pandas as pd

MIN_GROUP = 5
MIN_GROUP_SETTING = "privacy.min_group"  # project setting: the smallest group shown (>= MIN_GROUP)
SUPPRESSED = "<5"
SECONDARY = ".."  # hidden so that a small group cannot be computed from a total (disclosure.py)
PERSON_COLUMNS = ("clients", "persons")
DERIVED_COLUMNS = ("contacts", "events", "units", "cost_eur", "eur_per_resident", "eur_per_client",
                   "fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")


def min_group(store) -> int:
    """The project's smallest group shown as a figure (persons); `MIN_GROUP` unless set larger."""
    try:
        value = int(store.setting(MIN_GROUP_SETTING, MIN_GROUP))
    except (TypeError, ValueError):
        return MIN_GROUP
    return max(MIN_GROUP, value)


def small_label(n: int = MIN_GROUP) -> str:
    return f"<{n}"


def is_hidden_mark(value: Any) -> bool:
    """True for the marks of a hidden figure ("<N" or "..")."""
    return isinstance(value, str) and (value == SECONDARY or (value.startswith("<") and value[1:].isdigit()))


def is_small(count: Any, n: int = MIN_GROUP) -> bool:
    """True for a person count of 1..n-1."""
    try:
        value = float(count)
    except (TypeError, ValueError):
        return False
    return 0 < value < n


def shown_count(count: Any, n: int = MIN_GROUP) -> int | str:
    """A person count as it may be shown: an int, or "<n" for 1..n-1 persons."""
    if isinstance(count, str):
        return count
    return small_label(n) if is_small(count, n) else int(count)


def suppress_table(table: pd.DataFrame, person_columns=PERSON_COLUMNS, derived_columns=DERIVED_COLUMNS,
                   n: int = MIN_GROUP) -> pd.DataFrame:
    """A copy of `table` for display or export: person counts of 1..n-1 become "<n" and, on those
    rows, the derived figures become None. Columns become object dtype where something was hidden.
    Primary suppression only: a table shown with totals also needs disclosure.py."""
    import numpy as np
    import pandas as pd

    out = table.copy()
    present = [c for c in person_columns if c in out.columns]
    if not present:
        return out
    small = np.zeros(len(out), dtype=bool)
    for col in present:
        values = pd.to_numeric(out[col], errors="coerce").to_numpy(dtype=float)
        small |= (values > 0) & (values < n)
    if not small.any():
        return out
    for col in present:
        out[col] = out[col].astype(object)
        out.loc[small, col] = small_label(n)
    for col in derived_columns:
        if col in out.columns:
            out[col] = out[col].astype(object)
            out.loc[small, col] = None
    return out


def suppress_record(record: dict[str, Any], person_keys=PERSON_COLUMNS, derived_keys=DERIVED_COLUMNS,
                    n: int = MIN_GROUP, hidden: str | None = None) -> dict[str, Any]:
    """The same rule for one JSON record (a dict); returns a new dict. `hidden`: the mark when the
    record is hidden by secondary suppression (counts become it, other figures None)."""
    out = dict(record)
    if hidden is not None:
        for k in person_keys:
            if k in out:
                out[k] = hidden
        for k in derived_keys:
            if k in out:
                out[k] = None
        return out
    if any(is_small(out.get(k), n) for k in person_keys if k in out):
        for k in person_keys:
            if k in out:
                out[k] = shown_count(out[k], n)
        for k in derived_keys:
            if k in out:
                out[k] = None
    return out

