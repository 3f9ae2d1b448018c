"""The staff and ledger rows of the allocation by key in plain Python: the few hundred rows of a county's
books took about 5 ms in pandas (`assign`, `groupby(...).sum()`, `itertuples`, a frame per year) and take a
fraction of one here.

Only where the figures are pandas' own, bit for bit: when every key holds one row, each of pandas' ways of
summing a group (Kahan's compensated loop, or `np.add.reduceat` over sorted groups without NaN) gives the
row's value itself, except that the loop turns -0.0 into 0.0 and a lone NaN into 0.0 (or NaN under
`min_count`); -0.0 is therefore left to pandas, and so is any key with several rows (the callers group with
pandas then). The groups come in pandas' sorted order (numbers before texts, missing keys last, as NaN)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

NAN = float("nan")


def float_column(frame: pd.DataFrame, name: str) -> np.ndarray:
    """`pd.to_numeric(frame[name], errors="coerce").astype(float)` as a float64 array (a float64 column as
    it is, without the conversions)."""
    column = frame[name]
    if column.dtype == np.float64:
        return column.to_numpy()
    return pd.to_numeric(column, errors="coerce").astype(float).to_numpy()


def _order_key(value, missing: bool) -> tuple:
    # pandas sorts a key's values with numbers before texts (a mixed column) and the missing last
    if missing:
        return (2,)
    return (1, value) if isinstance(value, str) else (0, value)


def single_row_groups(frame: pd.DataFrame, keys: Sequence[str], values: Sequence[np.ndarray], min_count: int = 0,
                      dropna: bool = False) -> list[tuple[tuple, list[float]]] | None:
    """`frame.groupby(list(keys), dropna=dropna, sort=True, as_index=False)[...].sum(min_count=min_count)`
    as [(key values, [each of `values`])] in the groups' order when every group is one row and no value is
    -0.0; None otherwise (group with pandas). A missing key value is NaN; with `dropna` rows missing a key
    are left out. `values`: float64 arrays, one value per row of `frame`."""
    columns = [(frame[k].tolist(), frame[k].isna().to_numpy()) for k in keys]
    values = [np.asarray(v, dtype=np.float64) for v in values]
    if any(bool(((v == 0) & np.signbit(v)).any()) for v in values):
        return None
    gaps = np.logical_or.reduce([c[1] for c in columns]).tolist()
    seen: set[tuple] = set()
    groups: list[tuple[tuple, list[bool], int]] = []  # (key, missing per key, row)
    none_missing = [False] * len(columns)
    for i, (key, gap) in enumerate(zip(zip(*(c[0] for c in columns), strict=True), gaps, strict=True)):
        missing = none_missing
        if gap:
            if dropna:
                continue
            missing = [bool(c[1][i]) for c in columns]
            key = tuple(None if m else v for v, m in zip(key, missing, strict=True))
        if key in seen:
            return None  # a key of several rows: pandas sums them its own way
        seen.add(key)
        groups.append((key, missing, i))
    try:  # no key missing and each key of one kind (texts, or numbers): their own order is pandas'
        if any(m for _k, missing, _i in groups for m in missing):
            raise TypeError
        groups.sort(key=lambda g: g[0])
    except TypeError:
        groups.sort(key=lambda g: tuple(map(_order_key, g[0], g[1])))
    rows = [v.tolist() for v in values]
    lone_nan = NAN if min_count > 0 else 0.0
    return [(key if not any(missing) else tuple(NAN if m else v for v, m in zip(key, missing, strict=True)),
             [lone_nan if math.isnan(r[i]) else r[i] for r in rows]) for key, missing, i in groups]


def year_totals(years: np.ndarray, values: np.ndarray, wanted: Sequence[int]) -> list[float]:
    """Per wanted year: `float(Series(values)[years == year].sum())` (NaN counts as 0)."""
    out = []
    for year in wanted:
        part = values[years == year]
        part = np.where(np.isnan(part), 0.0, part)
        out.append(float(part.sum()))
    return out
