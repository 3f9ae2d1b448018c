"""Exports that are text in a wrapping: gzip (`.csv.gz`), a zip archive holding one CSV, UTF-16 with a
BOM (Excel's "Unicode text") and old-Mac CR-only line ends. Each is written once, in blocks of 1 MiB
(bounded memory), as a temporary UTF-8 file with LF line ends that the CSV reader reads as usual;
line numbers stay those of the original text. The temporary file is removed with its reader.
"""

from __future__ import annotations

import codecs
import gzip
import os
import tempfile
import weakref
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import number

GZIP_MAGIC = b"\x1f\x8b"
BLOCK = 1 << 20
# a CSV packs 5-30 times smaller; far more than this is a damaged or hostile archive
MAX_RATIO = 200
MIN_LIMIT = 256 << 20
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab", ".dat")


def _limit(packed: int) -> int:
    return max(MIN_LIMIT, MAX_RATIO * packed)


def _too_large(name: str, limit: int) -> UserError:
    return UserError(t(
        f"{name}: purettuna tiedosto olisi yli {number(limit / 1e9, 1)} Gt, mikä ei ole uskottavaa tämän kokoiselle "
        "paketille (vioittunut tai keinotekoinen paketti). Pura se itse ja tuo CSV-tiedosto.",
        f"{name}: unpacked, the file would be over {number(limit / 1e9, 1)} GB, which is not credible for an archive of "
        "this size (damaged or crafted). Unpack it yourself and import the CSV file.",
    ))


def zip_text_member(path: Path) -> str | None:
    """The one text member of a zip archive that is not a workbook, or None when it is a workbook.
    Raises UserError for an archive with no or several text files."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(t(f"{path.name} ei ole ehjä zip-paketti ({exc}).", f"{path.name} is not an intact zip archive ({exc}).")) from exc
    if "[Content_Types].xml" in names or any(n.startswith(("xl/", "content.xml")) for n in names):
        return None
    texts = [n for n in names if n.lower().endswith(TEXT_SUFFIXES) and not n.startswith("__MACOSX/")]
    if len(texts) == 1:
        return texts[0]
    listed = ", ".join(names[:10]) + (" ..." if len(names) > 10 else "")
    raise UserError(t(
        f"{path.name} on zip-paketti, jossa pitäisi olla täsmälleen yksi CSV-tiedosto; siinä on {len(texts)} "
        f"({listed}). Pura haluamasi tiedosto ja tuo se.",
        f"{path.name} is a zip archive that should hold exactly one CSV file; it holds {len(texts)} ({listed}). "
        "Unpack the file you want and import it.",
    ))


def _raw_blocks(path: Path, member: str | None) -> Iterator[bytes]:
    """The file's bytes in blocks: as they are, gunzipped, or the zip member's, each at most `_limit`."""
    limit = _limit(path.stat().st_size)
    try:
        if member is not None:
            with zipfile.ZipFile(path) as zf, zf.open(member) as fh:
                yield from _bounded(fh, limit, path.name)
        else:
            with open(path, "rb") as raw:
                is_gzip = raw.read(2) == GZIP_MAGIC
                raw.seek(0)
                if is_gzip:
                    with gzip.GzipFile(fileobj=raw) as fh:
                        yield from _bounded(fh, limit, path.name)
                else:
                    yield from iter(lambda: raw.read(BLOCK), b"")
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise UserError(t(
            f"{path.name}: pakattua tiedostoa ei voitu purkaa ({exc}); se on katkennut tai vioittunut.",
            f"{path.name}: the packed file could not be unpacked ({exc}); it is cut short or damaged.",
        )) from exc


def _bounded(fh, limit: int, name: str) -> Iterator[bytes]:
    done = 0
    for block in iter(lambda: fh.read(BLOCK), b""):
        done += len(block)
        if done > limit:
            raise _too_large(name, limit)
        yield block


def _text_blocks(blocks: Iterator[bytes], utf16: str | None, cr_only: bool) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(utf16)("strict") if utf16 else None
    for block in blocks:
        if decoder is not None:
            try:
                block = decoder.decode(block).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise UserError(t("UTF-16-tekstissä on virheellinen merkki; tiedosto on vioittunut.",
                                  "The UTF-16 text holds an invalid character; the file is damaged.")) from exc
        if cr_only:
            block = block.replace(b"\r", b"\n")
        yield block
    if decoder is not None:
        tail = decoder.decode(b"", final=True).encode("utf-8")
        yield tail.replace(b"\r", b"\n") if cr_only else tail


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for text whose every other byte is NUL (UTF-16 saved without a BOM)."""
    sample = head[: min(len(head), 4096) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def needs_copy(head: bytes) -> tuple[str | None, bool]:
    """(UTF-16 codec of the text or None, CR-only line ends) of a file's first bytes."""
    codec = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else _utf16_without_bom(head)
    if codec:
        text = head[: len(head) - len(head) % 2].decode(codec, errors="ignore")
        return codec, "\r" in text and "\n" not in text
    return None, b"\r" in head and b"\n" not in head


def head_of(path: Path, member: str | None) -> bytes:
    """The first MiB of the (unpacked) text."""
    for block in _raw_blocks(path, member):
        return block
    return b""


def text_copy(path: Path, member: str | None = None, utf16: str | None = None, cr_only: bool = False) -> Path:
    """A temporary UTF-8 / LF copy of `path` (or its zip `member`); removed when the caller's
    reader is gone (see `remove_with`)."""
    fd, name = tempfile.mkstemp(prefix="sote-tuonti-", suffix=".csv")
    try:
        with os.fdopen(fd, "wb") as out:
            for block in _text_blocks(_raw_blocks(path, member), utf16, cr_only):
                out.write(block)
    except OSError as exc:
        os.unlink(name)
        raise UserError(t(
            f"{path.name}: purettua tiedostoa ei voitu kirjoittaa väliaikaiskansioon ({exc.strerror or exc}).",
            f"{path.name}: the unpacked file could not be written to the temporary folder ({exc.strerror or exc}).",
        )) from exc
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def remove_with(owner: object, path: Path) -> None:
    """Delete `path` when `owner` is garbage collected (or at exit)."""
    weakref.finalize(owner, _unlink, str(path))


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
