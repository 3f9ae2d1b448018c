"""Opening an export file with the right reader, decided by content (not only by the name)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.importers import unpack
from desktop.importers.source import TableSource

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls
SQLITE_MAGIC = b"SQLite format 3\x00"
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def open_source(path: str | os.PathLike, sheet: str | None = None) -> TableSource:
    """A reader for `path`: CSV/text, Excel (sheet = sheet name) or GeoPackage (sheet = layer name).
    Raises UserError with a Finnish message for anything that cannot be read."""
    path = Path(path)
    if not path.exists():
        raise UserError(t(f"Tiedostoa {path} ei löydy.", f"File {path} not found."))
    if path.is_dir():
        raise UserError(t(f"{path} on kansio, ei tiedosto.", f"{path} is a folder, not a file."))
    if not path.is_file():  # a named pipe or a device: reading it could wait for ever
        raise UserError(t(
            f"{path.name} ei ole tavallinen tiedosto (vaan esimerkiksi nimetty putki tai laite). Tallenna aineisto "
            "tiedostoksi ja tuo se.",
            f"{path.name} is not a regular file (but e.g. a named pipe or a device). Save the data as a file and import it.",
        ))
    try:
        with open(path, "rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise UserError(t(f"Tiedostoa {path.name} ei voitu lukea: {exc}", f"Could not read {path.name}: {exc}")) from exc
    if not magic.strip():
        size = path.stat().st_size
        if size == 0 or not open(path, "rb").read(1 << 16).strip():
            raise UserError(t(f"Tiedosto {path.name} on tyhjä.", f"The file {path.name} is empty."))
    if magic.startswith(unpack.GZIP_MAGIC):
        return _text_source(path, None, "csv.gz")
    if magic.startswith(ZIP_MAGIC) and path.suffix.lower() not in EXCEL_SUFFIXES:
        member = unpack.zip_text_member(path)
        if member is not None:
            return _text_source(path, member, "zip")
    if magic.startswith(SQLITE_MAGIC):
        from desktop.importers.geopackage import GeoPackageSource

        return GeoPackageSource(path, layer=sheet)
    if magic.startswith(ZIP_MAGIC) or magic.startswith(OLE_MAGIC) or path.suffix.lower() in EXCEL_SUFFIXES:
        from desktop.importers.excel import ExcelSource

        return ExcelSource(path, sheet=sheet)
    from desktop.importers.csv_reader import HEAD_BYTES, CsvSource

    with open(path, "rb") as fh:
        utf16, cr_only = unpack.needs_copy(fh.read(HEAD_BYTES))
    if utf16 or cr_only:
        return _text_source(path, None, "csv")
    return CsvSource(path)


def _text_source(path: Path, member: str | None, format_name: str) -> TableSource:
    """A CSV reader over a temporary UTF-8 / LF copy of packed or re-encoded text (see `unpack`)."""
    from desktop.importers.csv_reader import CsvSource

    utf16, cr_only = unpack.needs_copy(unpack.head_of(path, member))
    copy = unpack.text_copy(path, member, utf16=utf16, cr_only=cr_only)
    try:
        source = CsvSource(copy, origin=path)
    except BaseException:
        os.unlink(copy)
        raise
    unpack.remove_with(source, copy)
    source.format_name = format_name
    if member is not None:
        source.layer = member
    return source
