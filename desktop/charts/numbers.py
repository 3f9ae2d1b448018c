"""Figures written for people in the current language: the app's one formatter is
desktop.core.numbers; the charts, reports and pages that import it from here get the same functions."""

from __future__ import annotations

from desktop.core.numbers import (
    MISSING,
    NBSP,
    SUPPRESSED,
    count,
    eur,
    month,
    month_of,
    number,
    percent,
    short,
)

__all__ = ["MISSING", "NBSP", "SUPPRESSED", "count", "eur", "month", "month_of", "number", "percent", "short"]
