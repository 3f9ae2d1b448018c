"""Opening an export file with the right reader, decided by content (not only by the name)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.lang import t
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
    try:
        with open(path, "rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise UserError(t(f"Tiedostoa {path.name} ei voitu lukea: {exc}", f"Could not read {path.name}: {exc}")) from exc
    if not magic.strip():
        size = path.stat().st_size
        if size == 0 or not open(path, "rb").read(1 << 16).strip():
            raise UserError(t(f"Tiedosto {path.name} on tyhjä.", f"The file {path.name} is empty."))
    if magic.startswith(SQLITE_MAGIC):
        from desktop.importers.geopackage import GeoPackageSource

        return GeoPackageSource(path, layer=sheet)
    if magic.startswith(ZIP_MAGIC) or magic.startswith(OLE_MAGIC) or path.suffix.lower() in EXCEL_SUFFIXES:
        from desktop.importers.excel import ExcelSource

        return ExcelSource(path, sheet=sheet)
    from desktop.importers.csv_reader import CsvSource

    return CsvSource(path)
