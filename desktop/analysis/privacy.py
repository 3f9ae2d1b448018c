"""Small-group suppression and the Finnish way of writing figures.

Secondary-use law (552/2019): single persons are never examined, so no output shows a group of
fewer than `MIN_GROUP` persons as an exact figure. Such a count is written "<5"; the other figures of
the group (contacts, units, euros and the per-person ratios) are hidden (None) so they cannot reveal
one person's use. A group of 0 persons is an empty cell and stays 0.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

MIN_GROUP = 5
SUPPRESSED = "<5"
PERSON_COLUMNS = ("clients", "persons")
DERIVED_COLUMNS = ("contacts", "events", "units", "cost_eur", "eur_per_resident", "eur_per_client",
                   "fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")


def is_small(count: Any) -> bool:
    """True for a person count of 1..4."""
    try:
        n = float(count)
    except (TypeError, ValueError):
        return False
    return 0 < n < MIN_GROUP


def shown_count(count: Any) -> int | str:
    """A person count as it may be shown: an int, or "<5" for 1..4 persons."""
    if isinstance(count, str):
        return count
    return SUPPRESSED if is_small(count) else int(count)


def suppress_table(table: pd.DataFrame, person_columns=PERSON_COLUMNS, derived_columns=DERIVED_COLUMNS) -> pd.DataFrame:
    """A copy of `table` for display or export: person counts of 1..4 become "<5" and, on those rows,
    the derived figures become None. Columns become object dtype where something was hidden."""
    out = table.copy()
    present = [c for c in person_columns if c in out.columns]
    if not present:
        return out
    small = np.zeros(len(out), dtype=bool)
    for col in present:
        values = pd.to_numeric(out[col], errors="coerce").to_numpy(dtype=float)
        small |= (values > 0) & (values < MIN_GROUP)
    if not small.any():
        return out
    for col in present:
        out[col] = out[col].astype(object)
        out.loc[small, col] = SUPPRESSED
    for col in derived_columns:
        if col in out.columns:
            out[col] = out[col].astype(object)
            out.loc[small, col] = None
    return out


def suppress_record(record: dict[str, Any], person_keys=PERSON_COLUMNS, derived_keys=DERIVED_COLUMNS) -> dict[str, Any]:
    """The same rule for one JSON record (a dict); returns a new dict."""
    out = dict(record)
    if any(is_small(out.get(k)) for k in person_keys if k in out):
        for k in person_keys:
            if k in out:
                out[k] = shown_count(out[k])
        for k in derived_keys:
            if k in out:
                out[k] = None
    return out


# ------------------------------------------------------------------ Finnish number formatting
NBSP = "\u00a0"


def fi_number(value: Any, decimals: int = 0) -> str:
    """1234567.891 -> '1 234 567,89' (no-break space as thousands separator, decimal comma);
    '<5' and None pass through as '<5' and '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, str):
        return value
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",").replace("-", "−")


def fi_eur(value: Any, decimals: int = 0) -> str:
    text = fi_number(value, decimals)
    return text if text in ("–", SUPPRESSED) else f"{text}{NBSP}€"


def fi_percent(share: Any, decimals: int = 0) -> str:
    """A share 0..1 as '34 %'."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{fi_number(100.0 * float(share), decimals)}{NBSP}%"
