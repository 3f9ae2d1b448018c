"""Blocks of Windows-1252 text (or another single-byte encoding) parsed without re-encoding them as
UTF-8 first.

pandas' C reader reads UTF-8 only, and re-encoding a block of Windows-1252 costs about half as much as
parsing it. Yet an events import makes few Python strings of the text: numbers are parsed from their
bytes, person ids are kept as bytes and the other columns come as Categoricals, whose distinct values
only are decoded. A block whose every column is read so is therefore parsed as it is: the bytes that
are not UTF-8 are kept by the decoder as the code points U+F780-U+F7FF, and each distinct value is then
decoded from its original bytes in the file's encoding. That gives exactly the text the re-encoded
block gives; a block for which it cannot be vouched comes back None (the caller re-encodes it): a
column read as plain text, a person id with a byte above 127, a UTF-8 sequence of one of those code
points in the block, or two values the file's encoding makes one (its undefined bytes)."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

KEPT_BYTES = "sote-kept-bytes"  # the decoder's error handler: a byte b that is not UTF-8 becomes U+F700 + b
_FIRST, _LAST = 0xF780, 0xF7FF
_AMBIGUOUS = (b"\xef\x9e", b"\xef\x9f")  # the UTF-8 of U+F780-U+F7FF begins so


def _keep_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(0xF700 + b) for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error(KEPT_BYTES, _keep_bytes)


def to_utf8(part: bytes, encoding: str) -> bytes:
    """Text bytes re-encoded as UTF-8 (undecodable bytes become U+FFFD). Windows-1252 differs from
    Latin-1 only in bytes 0x80-0x9F; without them the much faster Latin-1 codec gives the same text."""
    if encoding == "cp1252" and not np.count_nonzero(np.frombuffer(part, np.uint8) - np.uint8(0x80) < 0x20):
        return part.decode("latin-1").encode("utf-8")
    return part.decode(encoding, errors="replace").encode("utf-8")


def fills_width(values: np.ndarray) -> bool:
    """True when some fixed-width byte string uses its last byte (it may have been cut there)."""
    if values.dtype.kind != "S" or not len(values):
        return False
    width = values.dtype.itemsize
    return bool(values.view(np.uint8).reshape(len(values), width)[:, width - 1].any())


def original_text(value: str, encoding: str) -> str:
    """`value` as decoded with KEPT_BYTES, decoded again from its original bytes in `encoding`."""
    raw = bytearray()
    for char in value:
        code = ord(char)
        if _FIRST <= code <= _LAST:
            raw.append(code - 0xF700)
        else:
            raw += char.encode("utf-8")
    return raw.decode(encoding, "replace")


def undecoded_frame(part: bytes, encoding: str, headers: Iterable[str], typed: set[str],
                    parse: Callable[[str], pd.DataFrame]) -> pd.DataFrame | None:
    """The block `part` parsed as it is by `parse(errors)` with the text of every Categorical decoded
    in `encoding`, or None (see the module docstring). `typed`: the columns asked as Categoricals,
    bytes or numbers."""
    if not set(headers) <= typed or (b"\xef" in part and any(seq in part for seq in _AMBIGUOUS)):  # memchr first
        return None
    frame = parse(KEPT_BYTES)
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            values = column.cat.categories.tolist()
            if all(isinstance(v, str) and v.isascii() for v in values):
                continue
            if not all(isinstance(v, str) for v in values):
                return None
            text = [v if v.isascii() else original_text(v, encoding) for v in values]
            if len(set(text)) < len(text):
                return None
            frame[name] = column.cat.rename_categories(text)
        elif column.dtype.kind == "S":
            raw = np.ascontiguousarray(column.to_numpy())
            if raw.size and bool((raw.view(np.uint8) > 127).any()):
                return None
        elif column.dtype.kind != "f":
            return None
    return frame
