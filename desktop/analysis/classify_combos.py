"""The building blocks of the vectorised classification: event fields as integer codes, the
conditions evaluated once per DISTINCT value of a field, and the distinct combinations of the
fields a classification uses (the rules are evaluated once per combination, not per event).

`FieldCodes` holds one dictionary-encoded column: int codes per event (-1 missing) and its
categories, normalised once (spaces removed, upper case); for the multi-valued `reasons`, each
distinct reasons text is split into its codes once. A condition on the field is evaluated over the
categories, giving a boolean array of `len(categories) + 1` whose last element is the answer for a
missing value, so that `ok[codes]` works with code -1.

`Combos` are the distinct combinations of the used fields (plus an age band and, optionally, a
group such as the classification version of each event's year) with, for each event, the index of
its combination (`inverse`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop.core.rules import FIELDS, Condition, normalise_code, pattern_regex

LIFE_STAGE_BREAKS = (18, 65)  # children 0-17, working age 18-64, elderly 65+


def int_codes(column) -> tuple[np.ndarray, int]:
    """Int codes (-1 missing) and the number of distinct values, without decoding (person ids)."""
    if isinstance(column, pd.Series):
        column = column.array
    if isinstance(column, pd.Categorical):
        return np.asarray(column.codes), len(column.categories)
    if not isinstance(column, np.ndarray) and getattr(column, "dtype", None) is not None and column.dtype.kind in "iu":
        column = np.asarray(column)
    if isinstance(column, np.ndarray) and column.dtype.kind in "iu":
        return column, int(column.max()) + 1 if len(column) else 0
    codes, uniques = pd.factorize(pd.Series(column, dtype=object), use_na_sentinel=True)
    return codes, len(uniques)


def column_codes(column) -> tuple[np.ndarray, list[str]]:
    """Int codes (-1 missing) and the categories of an event column (Categorical, codes or text)."""
    if isinstance(column, pd.Series):
        column = column.array
    if isinstance(column, pd.Categorical):
        return np.asarray(column.codes), [str(c) for c in column.categories]
    codes, uniques = pd.factorize(pd.Series(column, dtype=object), use_na_sentinel=True)
    cats = [str(u) for u in uniques]
    return codes.astype(np.int32), cats


class FieldCodes:
    """One text column of the events as codes, with per-category condition evaluation (cached)."""

    def __init__(self, name: str, codes: np.ndarray, categories: list[str]):
        self.name = name
        self.codes = codes
        self.categories = categories
        self.multi = FIELDS.get(name) == "multi"
        norm = [normalise_code(c) for c in categories]
        self.norm = np.array(norm, dtype=object)
        self.empty = np.array([not v for v in norm] + [True], dtype=bool)  # last = missing code
        if self.multi:
            tokens_per_cat = [sorted({normalise_code(tk) for tk in c.split()} - {""}) for c in categories]
            self.empty = np.array([not tk for tk in tokens_per_cat] + [True], dtype=bool)
            token_index: dict[str, int] = {}
            flat: list[int] = []
            lengths = np.zeros(len(categories), dtype=np.int64)
            for i, tokens in enumerate(tokens_per_cat):
                lengths[i] = len(tokens)
                for tk in tokens:
                    flat.append(token_index.setdefault(tk, len(token_index)))
            self.tokens = np.array(list(token_index), dtype=object)
            self.token_flat = np.array(flat, dtype=np.int64)
            self.token_cat = np.repeat(np.arange(len(categories)), lengths)
        self._cache: dict[tuple, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.categories)

    def evaluate(self, cond: Condition) -> np.ndarray:
        """Boolean per category (+ one last element for a missing value)."""
        key = (cond.op, cond.normalised_values())
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        op = cond.op
        if op in ("is_empty", "not_empty"):
            out = self.empty.copy() if op == "is_empty" else ~self.empty
        else:
            positive = {"in": "in", "any_of": "in", "not_in": "in", "none_of": "in",
                        "starts_with": "prefix", "not_starts_with": "prefix", "matches": "pattern"}[op]
            negate = op in ("not_in", "none_of", "not_starts_with")
            values = cond.normalised_values()
            base = self.tokens if self.multi else self.norm
            ok = _match_values(base, positive, values)
            if self.multi:  # any of an event's reasons
                per_cat = np.zeros(len(self.categories), dtype=bool)
                if len(self.token_flat):
                    hits = self.token_cat[ok[self.token_flat]]
                    per_cat[hits] = True
                ok = per_cat
            out = np.append(ok, False)
            out[self.empty] = False
            if negate:
                out = ~out
        if len(self._cache) > 2000:
            self._cache.clear()
        self._cache[key] = out
        return out


def _match_values(base: np.ndarray, how: str, values: tuple[str, ...]) -> np.ndarray:
    if len(base) == 0 or not values:
        return np.zeros(len(base), dtype=bool)
    if how == "in":
        return np.isin(base, np.array(values, dtype=object))
    if how == "prefix":
        as_str = base.astype(str)
        ok = np.zeros(len(base), dtype=bool)
        for prefix in values:
            ok |= np.char.startswith(as_str, prefix)
        return ok
    regexes = [pattern_regex(v) for v in values]
    return np.fromiter((any(r.match(str(v)) for r in regexes) for v in base), dtype=bool, count=len(base))


def age_breaks(conditions: list[Condition]) -> tuple[int, ...]:
    """Whole-year ages where some age condition (or the life-cycle groups) changes its answer."""
    breaks = {0, *LIFE_STAGE_BREAKS}
    for c in conditions:
        if c.field == "age" and c.op == "between":
            if c.low is not None:
                breaks.add(max(0, math.ceil(c.low)))
            if c.high is not None:
                breaks.add(max(0, math.floor(c.high) + 1))
    return tuple(sorted(breaks))


@dataclass
class Combos:
    """Distinct combinations of field codes among the events.

    `inverse[row]` is the combination of each event; `codes[field][combo]` the field's code (-1
    missing); for `age`, the code is an age band (-1 unknown age) and `band_age[band]` the first
    whole year of the band; `group[combo]` the caller's group (e.g. version) or all zeros.
    """

    fields: tuple[str, ...]
    breaks: tuple[int, ...]
    inverse: np.ndarray
    codes: dict[str, np.ndarray]
    band_age: np.ndarray
    group: np.ndarray
    rows: np.ndarray  # events per combination
    first_row: np.ndarray  # one event of each combination (its codes are the combination's)
    rep: dict[str, np.ndarray] = field(default_factory=dict)  # collapsed field -> category of each class
    _index: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.rows)

    def ok(self, field_codes: FieldCodes | None, cond: Condition) -> np.ndarray:
        """The condition's answer per code of `combos.codes[cond.field]` (index -1 = missing)."""
        if cond.field == "age":
            return self.band_ok(cond)
        ok = field_codes.evaluate(cond)
        rep = self.rep.get(cond.field)
        if rep is not None:
            return np.append(ok[rep], False)
        return ok

    def band_ok(self, cond: Condition) -> np.ndarray:
        """Per age band (+ last = unknown age): does the age condition hold."""
        rep = self.band_age
        if cond.op == "is_empty":
            return np.append(np.zeros(len(rep), bool), True)
        if cond.op == "not_empty":
            return np.append(np.ones(len(rep), bool), False)
        ok = np.ones(len(rep), dtype=bool)
        if cond.low is not None:
            ok &= rep >= cond.low
        if cond.high is not None:
            ok &= rep <= cond.high
        return np.append(ok, False)

    def life_stage(self) -> np.ndarray:
        """Life-cycle group per combination by age band: 0 children, 1 working age, 2 elderly, -1 unknown."""
        band = self.codes["age"]
        stage_of_band = np.searchsorted(np.array(LIFE_STAGE_BREAKS), self.band_age, side="right").astype(np.int8)
        return np.append(stage_of_band, np.int8(-1))[band]

    def select(self, field_name: str, ok: np.ndarray) -> np.ndarray:
        """Indices of the combinations whose code of `field_name` has ok[code] True (sorted)."""
        codes = self.codes[field_name]
        order, starts, counts = self._inverted(field_name, len(ok))
        shifted = np.concatenate((ok[-1:], ok[:-1]))  # bins are code + 1: missing first
        bins = np.flatnonzero(shifted)
        total = int(counts[bins].sum())
        if total > self.n // 4:
            return np.flatnonzero(ok[codes])
        if total == 0:
            return np.empty(0, dtype=np.int64)
        if len(bins) <= 8:  # few codes: slices of the stable order (one slice is already sorted)
            parts = [order[starts[b]:starts[b + 1]] for b in bins if counts[b]]
            return parts[0] if len(parts) == 1 else np.sort(np.concatenate(parts))
        lengths = counts[bins]
        offsets = np.repeat(starts[bins] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return np.sort(order[offsets + np.arange(total)])

    def estimate(self, field_name: str, ok: np.ndarray) -> int:
        _order, _starts, counts = self._inverted(field_name, len(ok))
        return int(counts[np.concatenate((ok[-1:], ok[:-1]))].sum())

    def _inverted(self, field_name: str, nbins: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        hit = self._index.get(field_name)
        if hit is None or len(hit[1]) != nbins + 1:
            shifted = self.codes[field_name].astype(np.int64) + 1
            order = np.argsort(shifted, kind="stable")
            counts = np.bincount(shifted, minlength=nbins)
            starts = np.concatenate(([0], np.cumsum(counts)))
            hit = (order, starts, counts)
            self._index[field_name] = hit
        return hit


COMBINE_LIMIT = 1 << 23  # key range compacted with a dense table (bytes of scratch memory)
COLLAPSE_MIN = 2000  # fields with more categories are grouped by how the conditions answer


def collapse(field_codes: FieldCodes, conditions: list[Condition]) -> tuple[np.ndarray, np.ndarray]:
    """Group a field's categories (+ missing) that every condition answers alike.

    Returns `class_of` (per category, last = missing: class id) and `rep` (one category index per
    class, `len(categories)` meaning the missing value). Used for the many-valued fields (reasons,
    source-system codes) so that the combinations stay few.
    """
    ncat = len(field_codes)
    if not conditions:
        return np.zeros(ncat + 1, dtype=np.int32), np.array([ncat], dtype=np.int64)
    matrix = np.stack([field_codes.evaluate(c) for c in conditions], axis=1)
    packed = np.packbits(matrix, axis=1)
    if packed.shape[1] <= 8:
        row_keys = np.zeros(ncat + 1, dtype=np.uint64)
        for j in range(packed.shape[1]):
            row_keys = (row_keys << np.uint64(8)) | packed[:, j].astype(np.uint64)
        _u, first, class_of = np.unique(row_keys, return_index=True, return_inverse=True)
    else:
        _u, first, class_of = np.unique(packed, axis=0, return_index=True, return_inverse=True)
    return class_of.reshape(-1).astype(np.int32), first.astype(np.int64)


def age_bands(ages: np.ndarray | None, n: int, breaks: tuple[int, ...]) -> np.ndarray:
    """Age band of each event (int16; -1 unknown age): band i covers breaks[i] <= age < breaks[i+1]."""
    if ages is None:
        return np.full(n, -1, dtype=np.int16)
    ages = np.asarray(ages)
    top = max(int(ages.max(initial=0)), breaks[-1]) + 1
    table = (np.searchsorted(np.array(breaks, dtype=np.int64), np.arange(top), side="right") - 1).astype(np.int16)
    table = np.append(table, np.int16(-1))  # index -1 (unknown age) -> band -1
    return table[np.where(ages < 0, -1, ages)]


def combine(parts: list[tuple[np.ndarray, int, int]], n: int) -> tuple[np.ndarray, int, np.ndarray]:
    """Distinct combinations of integer columns over `n` rows.

    `parts` holds (codes per row, number of distinct codes, offset added to make them >= 0).
    Returns (combination of each row, number of combinations, first row of each combination).
    The key range is compacted with a dense table whenever it would grow past COMBINE_LIMIT.
    """
    parts = [p for p in parts if p[1] > 1]  # a part with one code adds nothing to the key
    total = 1
    for _codes, radix, _offset in parts:
        total *= radix
    # a key range that fits 32 bits is built in int32 (half the memory traffic of int64)
    key = np.zeros(n, dtype=np.int32 if total < 1 << 31 else np.int64)
    bound = 1
    for codes, radix, offset in sorted(parts, key=lambda p: p[1]):
        if bound * radix > COMBINE_LIMIT and bound > 1:
            key, bound = _compact(key, bound)
        key *= radix
        key += codes
        if offset:
            key += offset
        bound *= radix
    inverse, m = _compact(key, bound)
    first = np.empty(m, dtype=np.int64)
    for start in range(0, n, TAKE_BLOCK):  # any row of a combination represents it (here the last)
        part = inverse[start : start + TAKE_BLOCK]
        first[part] = np.arange(start, start + len(part))
    return inverse, m, first


def _compact(key: np.ndarray, bound: int) -> tuple[np.ndarray, int]:
    """Renumber keys 0..m-1 (dense table when the key range is small, hashing otherwise); int32
    numbers (4 bytes an event, kept with the combinations) unless there are 2**31 or more."""
    if len(key) == 0:
        return key.astype(np.int32), 0
    if bound <= max(COMBINE_LIMIT, 2 * len(key)):
        present = np.zeros(bound, dtype=bool)
        present[key] = True
        remap = np.cumsum(present, dtype=np.int64) - 1
        m = int(remap[-1]) + 1
        return take_rows(remap.astype(np.int32) if m < 1 << 31 else remap, key), m
    codes, uniques = pd.factorize(key)
    return codes.astype(np.int32 if len(uniques) < 1 << 31 else np.int64), len(uniques)


TAKE_BLOCK = 1 << 20  # rows per step of take_rows


def take_rows(table: np.ndarray, index: np.ndarray) -> np.ndarray:
    """`table[index]` a million rows at a time: numpy turns a narrow index into a full-size array of
    8-byte positions first, which for tens of millions of events is a large passing allocation."""
    if len(index) <= TAKE_BLOCK or index.dtype == np.intp:
        return table[index]
    out = np.empty(len(index), dtype=table.dtype)
    for start in range(0, len(index), TAKE_BLOCK):
        out[start : start + TAKE_BLOCK] = table[index[start : start + TAKE_BLOCK]]
    return out
