"""The dialect of a delimited text file, told from its first megabyte: the encoding (UTF-8 with or
without BOM, else Windows-1252; UTF-16 refused), binary content, the separator, the decimal mark of
its numbers, and the quote-aware scan of record ends and field counts the reader builds on."""

from __future__ import annotations

import codecs
import re

import numpy as np
import pandas as pd

from desktop.core.errors import UserError
from desktop.core.lang import t

HEAD_BYTES = 1 << 20
SEPARATORS = (";", "\t", "|", ",")
QUOTE = ord('"')
NL = ord("\n")


def sniff_encoding(head: bytes) -> tuple[str, int]:
    """(encoding, bytes of BOM to skip). UTF-16 files are refused with a clear message."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        raise UserError(
            t(
                "Tiedosto on UTF-16-merkistöä (Excelin 'Unicode-teksti'). Tallenna se muodossa "
                "'CSV UTF-8' ja tuo uudelleen.",
                "The file is UTF-16 (Excel 'Unicode text'). Save it as 'CSV UTF-8' and import again.",
            )
        )
    cut = head.rfind(b"\n") if len(head) >= HEAD_BYTES else len(head)
    try:
        head[: cut if cut > 0 else len(head)].decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError:
        return "cp1252", 0


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: not a text file."""
    if not head:
        return False
    if b"\x00" in head[:65536]:
        return True
    sample = np.frombuffer(head[:65536], dtype=np.uint8)
    control = ((sample < 9) | ((sample > 13) & (sample < 32))) & (sample != 27)
    return control.mean() > 0.01


def record_layout(buf: bytes, sep: int, expected: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """Record ends (positions of their newline), field counts and the index of each end among all
    newlines, for a buffer that starts at a record start. A newline or separator counts only outside
    quotes (an even number of quote characters before it; '""' inside a field counts twice).
    With `expected` fields per record, a block whose separator total (up to its last record end)
    matches skips the per-record count (a too-long row then shows up as a row count mismatch and
    the caller asks again without).

    Returns (ends, fields, newline_index_of_end, open_quote_at_end).
    """
    arr = np.frombuffer(buf, dtype=np.uint8)
    nl = np.flatnonzero(arr == NL)
    is_sep = arr == sep
    inside_sep = np.empty(0, dtype=np.int64)
    open_quote = False
    if b'"' in buf:
        quotes = np.flatnonzero(arr == QUOTE)
        open_quote = bool(len(quotes) & 1)
        nl_index = np.flatnonzero((np.searchsorted(quotes, nl) & 1) == 0)
        ends = nl[nl_index]
        starts_q = quotes[0::2]
        ends_q = quotes[1::2]
        if open_quote:
            ends_q = np.append(ends_q, len(arr))
        lengths = ends_q - starts_q
        if lengths.sum():
            offsets = np.repeat(starts_q - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
            positions = np.arange(int(lengths.sum())) + offsets
            inside_sep = positions[is_sep[positions]]
    else:
        nl_index = np.arange(len(nl))
        ends = nl
    last = int(ends[-1]) if len(ends) else -1  # separators after the last record end (a cut record) do not count
    total = int(np.count_nonzero(is_sep[: last + 1])) - int(np.count_nonzero(inside_sep <= last))
    if expected is not None and len(ends) and total == (expected - 1) * len(ends):
        fields = np.full(len(ends), expected, dtype=np.int64)
    else:
        if len(inside_sep):
            is_sep = is_sep.copy()
            is_sep[inside_sep] = False
        sep_pos = np.flatnonzero(is_sep)
        fields = np.diff(np.searchsorted(sep_pos, ends), prepend=0) + 1
    return ends, fields, nl_index, open_quote


def sniff_separator(text_sample: str) -> str:
    """The separator whose quote-aware field count is the most consistent (and > 1) over the first
    records (csv.Sniffer fails on typical semicolon files)."""
    best, best_score = ";", -1.0
    lines = text_sample.encode("utf-8", "replace")
    for sep in SEPARATORS:
        ends, fields, _idx, _open = record_layout(lines, ord(sep))
        fields = fields[:200]
        if len(fields) > 1:
            fields = fields[:-1] if len(lines) >= HEAD_BYTES else fields  # the last may be cut
        if not len(fields):
            continue
        values, counts = np.unique(fields, return_counts=True)
        mode = values[np.argmax(counts)]
        if mode < 2:
            continue
        score = counts.max() / len(fields) + (0.001 * min(mode, 50))
        if score > best_score + 1e-9:
            best, best_score = sep, score
    return best


_NUMBERISH = re.compile(r"^[-+\u2212]?[\d \u00a0\u202f.,]*\d[€%]?$")
_DOTTED_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$")  # 5.1.2024 is a date, not a number


def sniff_decimal(frame: pd.DataFrame) -> str | None:
    """The decimal mark the preview's numbers show (',' when unambiguous decimal commas outnumber
    decimal points), None when no value shows one ('1.234' shows nothing: see values.number_evidence)."""
    from desktop.importers.values import number_evidence

    comma = point = 0
    for column in frame.columns:
        values = frame[column].astype(str).str.strip()
        numberish = values.str.match(_NUMBERISH) & ~values.str.match(_DOTTED_DATE)
        for value in pd.unique(values[numberish]):
            found = number_evidence(value)
            comma += found == ","
            point += found == "."
    if comma == point:
        return None
    return "," if comma > point else "."
