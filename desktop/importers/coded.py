"""Text columns of export cells as codes into their distinct values, vectorised: a column is
factorised and only its distinct values are looked at in Python (an export has few distinct dates,
codes or municipalities however many rows it has). Used by the number, date and vocabulary parsers
(desktop.importers.values, desktop.importers.vocabularies)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

MAX_TEXT_CHARS = 500  # longer text cells are refused (a 1 MB cell is a broken file, not a code)


@dataclass
class Coded:
    """A text column as codes into `uniques` (-1 = empty)."""

    codes: np.ndarray
    uniques: list[str]

    def values(self) -> np.ndarray:
        table = np.array([*self.uniques, ""], dtype=object)
        return table[self.codes]


def _text(series: pd.Series) -> pd.Series:
    if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
        return series
    return series.map(lambda v: "" if pd.isna(v) else f"{v:g}" if isinstance(v, float) else str(v))


def by_uniques(series: pd.Series, convert: Callable[[str], object], bad_value=None):
    """Apply `convert` to each distinct stripped value. `convert` returns the converted value or
    raises ValueError (bad cell). Empty cells get `bad_value`'s place-holder and are not bad.

    Returns (converted values per row as numpy object/num array via the uniques, bad mask, empty mask).
    """
    if isinstance(series.dtype, pd.CategoricalDtype):  # read as categories: already factorised (in C)
        codes = np.asarray(series.array.codes)  # `.cat.codes` would copy them (pandas 3)
        uniques = series.cat.categories.tolist()
    else:
        codes, uniques = pd.factorize(_text(series), use_na_sentinel=True)
    out = []
    bad = np.zeros(len(uniques) + 1, dtype=bool)
    empty = np.zeros(len(uniques) + 1, dtype=bool)
    for i, raw in enumerate(uniques):
        value = str(raw).strip()
        if not value:
            out.append(bad_value)
            empty[i] = True
            continue
        try:
            out.append(convert(value))
        except (ValueError, TypeError, OverflowError):
            out.append(bad_value)
            bad[i] = True
    out.append(bad_value)
    empty[-1] = True
    return out, codes, bad[codes], empty[codes]


def coded_text(series: pd.Series, convert: Callable[[str], str] | None = None) -> tuple[Coded, np.ndarray, np.ndarray]:
    """Text column as `Coded` (stripped; `convert` may normalise or raise ValueError).
    Returns (coded, bad mask, empty mask); too long values are bad."""

    def check(value: str) -> str:
        if len(value) > MAX_TEXT_CHARS:
            raise ValueError("too long")
        return convert(value) if convert else value

    out, codes, bad, empty = by_uniques(series, check, bad_value="")
    table: dict[str, int] = {}
    mapping = np.empty(len(out), dtype=np.int32)
    for i, value in enumerate(out):
        if not value:
            mapping[i] = -1
        else:
            mapping[i] = table.setdefault(value, len(table))
    return Coded(mapping[codes], list(table)), bad, empty
