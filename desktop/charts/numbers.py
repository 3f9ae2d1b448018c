"""Figures written for people in the current language (desktop.core.lang): on charts, in the report
pages and their tables, in the CLI's text output and in the UI's tables.

Finnish: the house format of desktop.analysis.privacy ('1 234 567,9', '1 234 €', '34 %'; no-break
spaces, decimal comma). English: '1,234,567.9', '€1,234', '34 %' (decimal point, comma thousands).
Both: '<5' and other strings pass through, None / NaN is '–', negatives carry a minus sign (−).
Machine-readable outputs (JSON, CSV, XLSX cells) never go through these functions.
"""

from __future__ import annotations

import math
from typing import Any

from desktop.analysis.privacy import NBSP, SUPPRESSED, fi_eur, fi_number, fi_percent
from desktop.core.lang import language

MISSING = "–"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: Any, decimals: int = 0) -> str:
    """A count or amount: '1 234,5' (fi) or '1,234.5' (en)."""
    if language() != "en":
        return fi_number(value, decimals)
    if _missing(value):
        return MISSING
    if isinstance(value, str):
        return value
    return f"{float(value):,.{decimals}f}".replace("-", "−")


def eur(value: Any, decimals: int = 0) -> str:
    """Euros: '1 234 €' (fi) or '€1,234' (en); '<5' and '–' stay as they are."""
    if language() != "en":
        return fi_eur(value, decimals)
    text = number(value, decimals)
    if text in (MISSING, SUPPRESSED) or isinstance(value, str):
        return text
    return f"−€{text[1:]}" if text.startswith("−") else f"€{text}"


def percent(share: Any, decimals: int = 0) -> str:
    """A share 0..1 as '34 %' ('12,5 %' fi, '12.5 %' en)."""
    if language() != "en":
        return fi_percent(share, decimals)
    if _missing(share):
        return MISSING
    return f"{number(100.0 * float(share), decimals)}{NBSP}%"



def short(value: Any, max_decimals: int = 3) -> str:
    """A figure with no trailing zeros, like Python's ':g' but with the language's decimal mark:
    7.5 -> '7,5' (fi) / '7.5' (en); 30.0 -> '30'; at most `max_decimals` decimals (minutes,
    target percentages)."""
    if _missing(value) or isinstance(value, str):
        return number(value)
    fixed = f"{abs(float(value)):.{max_decimals}f}".rstrip("0")
    decimals = len(fixed.split(".")[1]) if "." in fixed else 0
    return number(round(float(value), decimals), decimals)
