"""The one way the app writes figures and months for people, in the current language (core.lang):
pages, charts, reports and the command line's text all use these functions.

Finnish: '1 234 567,9', '1 234 €', '71,0 %', 'marraskuu 2020' / '11/2020'. English: '1,234,567.9',
'€1,234', '71.0 %', 'November 2020' / '11/2020'. Spaces inside a figure are no-break spaces, so a
figure never splits over two lines. '<5' (a suppressed small group) and other strings pass through,
None / NaN is '–', negatives carry a real minus sign (−). Machine-readable outputs (JSON, CSV, XLSX
cells) never go through these functions.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from desktop.core.lang import language

NBSP = "\u00a0"
MISSING = "–"
SUPPRESSED = "<5"

MONTHS_FI = ("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu", "elokuu",
             "syyskuu", "lokakuu", "marraskuu", "joulukuu")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _english(lang: str | None) -> bool:
    return (lang or language()) == "en"


# ------------------------------------------------------------------ figures
def fi_number(value: Any, decimals: int = 0) -> str:
    """Finnish whatever the UI language: 1234567.891 -> '1 234 567,89'."""
    if _missing(value):
        return MISSING
    if isinstance(value, str):
        return value
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",").replace("-", "−")


def number(value: Any, decimals: int = 0, lang: str | None = None) -> str:
    """A count or an amount: '1 234,5' (fi) or '1,234.5' (en)."""
    if not _english(lang):
        return fi_number(value, decimals)
    if _missing(value):
        return MISSING
    if isinstance(value, str):
        return value
    return f"{float(value):,.{decimals}f}".replace("-", "−")


def count(value: Any, lang: str | None = None) -> str:
    """A whole count: 144299 -> '144 299' (fi) / '144,299' (en)."""
    return number(value, 0, lang)


def eur(value: Any, decimals: int = 0, lang: str | None = None) -> str:
    """Euros: '1 234 €' (fi) or '€1,234' (en); '<5' and '–' stay as they are."""
    text = number(value, decimals, lang)
    if text in (MISSING, SUPPRESSED) or isinstance(value, str):
        return text
    if not _english(lang):
        return f"{text}{NBSP}€"
    return f"−€{text[1:]}" if text.startswith("−") else f"€{text}"


def percent(share: Any, decimals: int = 0, lang: str | None = None) -> str:
    """A share 0..1 as a percentage: 0.71 -> '71 %'; with 1 decimal '71,0 %' (fi) / '71.0 %' (en)."""
    if _missing(share):
        return MISSING
    if isinstance(share, str):
        return share
    return f"{number(100.0 * float(share), decimals, lang)}{NBSP}%"


def percent_value(value: Any, decimals: int = 0, lang: str | None = None) -> str:
    """A figure that already is in percent (0..100): 71.04 -> '71 %' / with 1 decimal '71,0 %'."""
    if _missing(value) or isinstance(value, str):
        return percent(value, decimals, lang)
    return percent(float(value) / 100.0, decimals, lang)


def short(value: Any, max_decimals: int = 3, lang: str | None = None) -> str:
    """A figure with no trailing zeros, like Python's ':g' but with the language's decimal mark:
    7.5 -> '7,5' (fi) / '7.5' (en); 30.0 -> '30'; at most `max_decimals` decimals."""
    if _missing(value) or isinstance(value, str):
        return number(value, lang=lang)
    fixed = f"{abs(float(value)):.{max_decimals}f}".rstrip("0")
    decimals = len(fixed.split(".")[1]) if "." in fixed else 0
    return number(round(float(value), decimals), decimals, lang)


def seconds(value: float, lang: str | None = None) -> str:
    """A duration for a person: '0,6 s', '12 s', '3 min 5 s' (never milliseconds)."""
    if value < 60:
        return f"{short(round(value, 1 if value < 10 else 0), 1, lang)}{NBSP}s"
    minutes, rest = divmod(int(round(value)), 60)
    return f"{minutes}{NBSP}min {rest}{NBSP}s"


# ------------------------------------------------------------------ months and dates
def month(year: int, month_number: int, style: str = "long", lang: str | None = None) -> str:
    """A month: 'marraskuu 2020' / 'November 2020' (long) or '11/2020' (short, both languages)."""
    if style == "short":
        return f"{month_number}/{year}"
    names = MONTHS_EN if _english(lang) else MONTHS_FI
    return f"{names[month_number - 1]}{NBSP}{year}"


def month_of(text: str, style: str = "long", lang: str | None = None) -> str:
    """'2020-11' (as stored) written for a person; text that is no month passes through."""
    try:
        year, number_ = (int(part) for part in str(text).split("-")[:2])
    except ValueError:
        return str(text)
    if not 1 <= number_ <= 12:
        return str(text)
    return month(year, number_, style, lang)


def date(value: dt.date, lang: str | None = None) -> str:
    """A day: '4.12.2026' (fi) / '4 December 2026' (en)."""
    if _english(lang):
        return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.day}.{value.month}.{value.year}"
