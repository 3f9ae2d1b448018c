"""The service-use events' columns as arrays, shared by the segments and the traffic-light figures:
person codes (made once per events frame), calendar years and a year's rows, and text columns as
integer category codes with masks of the accepted categories."""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import numpy as np
import pandas as pd

from desktop.core.datasets import years_of
from desktop.core.errors import UserError
from desktop.core.lang import t

_PERSON_CODES: dict[int, tuple[tuple, np.ndarray]] = {}


def person_codes(events: pd.DataFrame) -> np.ndarray:
    """Person codes 0..P-1 as an int64 array (a Categorical person column gives its codes); made
    once per events frame (membership and the traffic-light table both need them: 8 bytes an event)."""
    if "person_id" not in events.columns:
        raise UserError(t("Palvelutapahtumista puuttuu henkilön tunniste (person_id); segmenttejä ei voi laskea.",
                          "The service-use events have no person identifier (person_id); no segments."))
    col = events["person_id"]
    values = np.asarray(col.array.codes) if isinstance(col.dtype, pd.CategoricalDtype) else col.to_numpy()
    source = (values.__array_interface__["data"][0], values.dtype.str, len(values))  # the column's own memory
    cached = _PERSON_CODES.get(id(events))
    if cached is not None and cached[0] == source:
        return cached[1]
    codes = values.astype(np.int64, copy=False).view()
    codes.flags.writeable = False  # shared by every caller
    if id(events) not in _PERSON_CODES:
        weakref.finalize(events, _PERSON_CODES.pop, id(events), None)
    _PERSON_CODES[id(events)] = (source, codes)
    return codes


def event_years(events: pd.DataFrame) -> np.ndarray:
    """Calendar year of each event (the `year` column, or from `date`)."""
    if "year" in events.columns:
        return events["year"].to_numpy()
    return years_of(events["date"].to_numpy())


def distinct_years(years: np.ndarray) -> list[int]:
    """The distinct years of a year array, ascending (counting, not sorting)."""
    if not len(years):
        return []
    lo, hi = int(years.min()), int(years.max())
    if lo == hi:
        return [lo]
    if hi - lo <= 24:  # a few years: one comparison each beats counting through an int64 copy
        return [y for y in range(lo, hi + 1) if y in (lo, hi) or bool((years == y).any())]
    counts = np.bincount((years - lo).astype(np.int64))
    return [lo + int(i) for i in np.flatnonzero(counts)]


def year_rows(years: np.ndarray, year: int) -> slice | np.ndarray:
    """The rows of `year`: a slice when they are consecutive (events stored year by year: the year's
    columns are then views, not copies), else their indices."""
    rows = np.flatnonzero(years == year)
    if len(rows) and int(rows[-1]) - int(rows[0]) + 1 == len(rows):
        return slice(int(rows[0]), int(rows[-1]) + 1)
    return rows


def codes_and_categories(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes (-1 missing) and the category texts of a text column."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        # the Categorical's own codes: `series.cat.codes` copies them (a Series of a numpy array, pandas 3)
        return np.asarray(series.array.codes), [str(c) for c in series.cat.categories]
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, [str(u) for u in uniques]


def category_mask(codes: np.ndarray, categories: Sequence[str], wanted) -> np.ndarray:
    """Event mask: the category of the event is accepted by `wanted` (a set or a predicate)."""
    if callable(wanted):
        lut = np.fromiter((bool(wanted(c)) for c in categories), dtype=bool, count=len(categories))
    else:
        lut = np.fromiter((c in wanted for c in categories), dtype=bool, count=len(categories))
    hits = np.flatnonzero(lut)
    if len(hits) <= 6:  # a few equality tests beat a gather through the lookup table
        mask = np.zeros(len(codes), dtype=bool)
        for code in hits:
            mask |= codes == code
        return mask
    lut = np.append(lut, False)  # code -1 (missing) -> last slot
    return lut[codes]
