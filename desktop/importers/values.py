"""Turning the text of export cells into typed values, vectorised: a column is factorised and only
its distinct values are looked at in Python (an export has few distinct dates, codes or
municipalities however many rows it has); numbers go through pandas' C parser first.

Every parser returns the converted values and a boolean mask of bad cells (non-empty but not
understood); empty cells are never bad here (the kind decides whether a field is required).

The generic part (text as codes) lives in desktop.importers.coded and the words (sex, producer,
reasons, municipalities, age bands) in desktop.importers.vocabularies; their names are imported
from here too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.core.datasets import EPOCH
from desktop.importers.coded import MAX_TEXT_CHARS, Coded, _text, by_uniques, coded_text
from desktop.importers.vocabularies import (
    OPEN_AGE_END,
    PRODUCER_WORDS,
    SEX_WORDS,
    MunicipalityNames,
    parse_age_bands,
    parse_producer,
    parse_reasons,
    parse_sex,
    plain,
)

__all__ = [  # the text-as-codes and vocabulary names are imported from here too
    "MAX_TEXT_CHARS", "OPEN_AGE_END", "PRODUCER_WORDS", "SEX_WORDS", "Coded", "DecimalMark", "MunicipalityNames",
    "age_at", "by_uniques", "coded_text", "date_parts", "decide_mark", "number_evidence", "parse_age_bands",
    "parse_dates", "parse_ints", "parse_numbers", "parse_numbers_marked", "parse_producer", "parse_reasons",
    "parse_sex", "plain",
]


# ------------------------------------------------------------------ numbers
_NUMBER_JUNK = re.compile(r"[\s\u00a0\u202f'€%]")
# one mark followed by exactly three digits after 1-3 leading digits: '1.234' is 1234 with a dot as
# thousands separator, or 1.234 with a decimal point; only the rest of the column (or file) can tell
_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")
_STRICT = {
    ",": re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d+)?(?:[eE][-+]?\d+)?$"),
    ".": re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$"),
}


@dataclass
class DecimalMark:
    """The decimal mark of one number column, decided from the column's own unambiguous values
    ('85,20', '12.345,50', '0.5'), else from the file's (`file_mark`); never guessed cell by cell."""

    mark: str | None = None
    file_mark: str | None = None

    @property
    def effective(self) -> str | None:
        return self.mark or self.file_mark


def _clean_number(value: str) -> str:
    text = _NUMBER_JUNK.sub("", value).replace("\u2212", "-")
    return text[1:] if text[:1] in "+-" else text


def number_evidence(value: str) -> str | None:
    """',' or '.' when `value` shows which mark is its decimal mark, 'ambiguous' for '1.234' / '1,234',
    None for whole numbers and text."""
    text = _clean_number(value)
    comma, point = text.count(","), text.count(".")
    if comma and point:
        return "," if text.rfind(",") > text.rfind(".") else "."
    if comma > 1:
        return "."
    if point > 1:
        return ","
    if comma or point:
        return "ambiguous" if _AMBIGUOUS.match(text) else ("," if comma else ".")
    return None


def decide_mark(values, mark: DecimalMark) -> None:
    """Decide `mark.mark` from text values when they show it (the majority of the values that do;
    the others are then bad cells)."""
    if mark.mark is not None:
        return
    votes = {",": 0, ".": 0}
    for value in values:
        found = number_evidence(str(value))
        if found in votes:
            votes[found] += 1
    if votes[","] != votes["."]:
        mark.mark = "," if votes[","] > votes["."] else "."
    elif votes[","]:
        mark.mark = mark.file_mark  # a tie: the file's mark, else undecided (the minority is bad either way)


def _number_in(value: str, mark: str) -> float:
    text = _NUMBER_JUNK.sub("", value).replace("\u2212", "-")
    sign = -1.0 if text.startswith("-") else 1.0
    body = text[1:] if text[:1] in "+-" else text
    if not any(c.isdigit() for c in body) or not _STRICT[mark].match(body):
        raise ValueError(value)
    other = "." if mark == "," else ","
    return sign * float(body.replace(other, "").replace(mark, "."))


def parse_numbers_marked(series: pd.Series, mark: DecimalMark) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Numbers with the column's decimal mark (decided here from the values when not yet known);
    thousands separated by the other mark, space or non-breaking space. Returns (float64 values, NaN
    where empty or bad; bad mask; empty mask; ambiguous mask: '1.234'-shaped cells while neither the
    column nor the file tells the mark; those are also bad)."""
    if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        empty = np.isnan(values)
        none = np.zeros(len(values), dtype=bool)
        return values, none, empty, none
    codes, uniques = pd.factorize(_text(series), use_na_sentinel=True)
    texts = [str(u).strip() for u in uniques]
    decide_mark(texts, mark)
    use = mark.effective
    out = np.full(len(texts) + 1, np.nan)
    bad = np.zeros(len(texts) + 1, dtype=bool)
    empty = np.zeros(len(texts) + 1, dtype=bool)
    ambiguous = np.zeros(len(texts) + 1, dtype=bool)
    empty[-1] = True
    todo = range(len(texts))
    if texts:
        # plain numbers in C first: without the other mark (without either while undecided), the
        # decimal mark turned into a point
        arr = pd.Series(np.array(texts, dtype=object))
        plain = arr.str.replace(",", ".", regex=False) if use == "," else arr
        has_comma = arr.str.contains(",", regex=False).to_numpy(dtype=bool)
        has_point = arr.str.contains(".", regex=False).to_numpy(dtype=bool)
        forbidden = has_point if use == "," else has_comma if use == "." else (has_comma | has_point)
        fast = np.array(pd.to_numeric(plain, errors="coerce"), dtype=np.float64)
        ok = np.isfinite(fast) & ~forbidden
        out[: len(texts)][ok] = fast[ok]
        todo = np.flatnonzero(~ok).tolist()
    for i in todo:
        text = texts[i]
        if not text:
            empty[i] = True
            continue
        try:
            if use is None:
                if number_evidence(text) == "ambiguous":
                    ambiguous[i] = bad[i] = True
                    continue
                number = _number_in(text, ".") if "," not in text else _number_in(text, ",")
            else:
                number = _number_in(text, use)
            if not np.isfinite(number):
                raise ValueError(text)
            out[i] = number
        except (ValueError, OverflowError):
            bad[i] = True
    return out[codes], bad[codes], empty[codes], ambiguous[codes]


def parse_numbers(series: pd.Series, mark: DecimalMark | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`parse_numbers_marked` without the ambiguous mask (ambiguous cells are bad)."""
    values, bad, empty, _ambiguous = parse_numbers_marked(series, mark if mark is not None else DecimalMark())
    return values, bad, empty


def _number(value: str) -> float:
    """A whole number or a number with one unambiguous decimal mark (for integer fields)."""
    found = number_evidence(value)
    return _number_in(value, found if found in (",", ".") else ".")


def _integer(lo: int, hi: int) -> Callable[[str], int]:
    def convert(value: str) -> int:
        number = _number(value)
        if number != int(number) or not lo <= number <= hi:
            raise ValueError(value)
        return int(number)

    return convert


def parse_ints(series: pd.Series, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whole numbers in lo..hi. Returns (int64 values with -1 where empty or bad, bad, empty)."""
    if pd.api.types.is_float_dtype(series.dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        empty = np.isnan(values)
        ok = ~empty & (values == np.round(values)) & (values >= lo) & (values <= hi)
        out = np.where(ok, values, -1).astype(np.int64)
        return out, ~empty & ~ok, empty
    out, codes, bad, empty = by_uniques(series, _integer(lo, hi), bad_value=-1)
    return np.array(out, dtype=np.int64)[codes], bad, empty


# -------------------------------------------------------------------- dates
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_TIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@functools.lru_cache(maxsize=1 << 16)  # an export repeats its few thousand dates in every block
def _date(value: str) -> int:
    m = _ISO.match(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DMY.match(value) or _DMY_TIME.match(value) or _SLASH.match(value)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if len(m.group(3)) == 2:  # dd.mm.yy: this century unless that is in the future
                this = dt.date.today().year % 100
                y += 2000 if y <= this else 1900
        else:
            m = _COMPACT.match(value)
            if not m:
                raise ValueError(value)
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not 1800 <= y <= 2200:
        raise ValueError(value)
    return (dt.date(y, mo, d) - dt.date(1970, 1, 1)).days


def parse_dates(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dates d.m.yyyy, dd.mm.yy, yyyy-mm-dd (a time part is ignored), d/m/yyyy, yyyymmdd.
    Returns (int32 days since 1970-01-01, -1 where empty or bad; bad; empty)."""
    out, codes, bad, empty = by_uniques(series, _date, bad_value=-1)
    return np.array(out, dtype=np.int64)[codes].astype(np.int32), bad, empty


def date_parts(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(year, month, day) of day numbers, through a lookup table over the range of `days`."""
    days = np.asarray(days, dtype=np.int64)
    if not len(days):
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    lo, hi = int(days.min()), int(days.max())
    first, *parts = _calendar()
    if first <= lo and hi < first + len(parts[0]):
        i = days - first
        return parts[0][i], parts[1][i], parts[2][i]
    return _date_parts(days, lo, hi)


@functools.cache
def _calendar() -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(first day, years, months, days) of every day of 1800-2200: the days of most columns (birth days,
    visits) are looked up here instead of making a table per call."""
    lo, hi = (dt.date(1800, 1, 1) - dt.date(1970, 1, 1)).days, (dt.date(2200, 12, 31) - dt.date(1970, 1, 1)).days
    return (lo, *_date_parts(np.arange(lo, hi + 1, dtype=np.int64), lo, hi))


def _date_parts(days: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    table = EPOCH + np.arange(lo, hi + 1).astype("timedelta64[D]")
    years = table.astype("datetime64[Y]")
    months = table.astype("datetime64[M]")
    y = years.astype(np.int64) + 1970
    m = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    d = (table - months.astype("datetime64[D]")).astype(np.int64) + 1
    i = days - lo
    return y[i], m[i], d[i]


def age_at(birth_days: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Whole years of age on `days` for people born on `birth_days` (day numbers)."""
    by, bm, bd = date_parts(birth_days)
    ey, em, ed = date_parts(days)
    before_birthday = (em < bm) | ((em == bm) & (ed < bd))
    return ey - by - before_birthday.astype(np.int64)
