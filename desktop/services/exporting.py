"""Writing a dataset of the store back out as CSV: UTF-8 with BOM (Excel opens it right), ';'
separator, decimal point, ISO dates (yyyy-mm-dd) and canonical column names, so the file imports
again unchanged. Person ids are written as 'ps:<pseudonym>' (never a raw code: the store has none),
which the importer keeps as they are.

The events (millions of rows) are written by export_events with numpy; the small tables (population,
sites, finance, staff) by export_tables with the csv module, without loading pandas; the grid and
the travel times by pandas' to_csv."""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.private_files import create_private
from desktop.services import export_tables
from desktop.store import Store

if TYPE_CHECKING:
    import pandas as pd

KINDS = ("events", "population", "grid", "sites", "travel-times", "finance", "staff")
_STORED = {"grid": "grid", "travel-times": "travel_times"}  # kinds kept as columns, read with pandas


def _unknown(kind: str) -> UserError:
    return UserError(t(f"Tuntematon aineiston laji '{kind}'. Lajit: {', '.join(KINDS)}.",
                       f"Unknown dataset kind '{kind}'. Kinds: {', '.join(KINDS)}."))


def dataset_frame(store: Store, kind: str) -> pd.DataFrame:
    """The dataset as the text/number columns of the export file (a frame, for comparing contents)."""
    import pandas as pd
    from sqlalchemy import select

    from desktop.services.export_events import event_text_chunks
    from desktop.store.tables.imports import finance, population, site, staff

    if kind == "events":
        chunks = list(event_text_chunks(store))
        return pd.concat(chunks) if chunks else pd.DataFrame()
    if kind in _STORED:
        return store.load(_STORED[kind])
    table = {"population": population, "sites": site, "finance": finance, "staff": staff}.get(kind)
    if table is None:
        raise _unknown(kind)
    with store.read() as conn:
        frame = pd.read_sql(select(table).order_by(table.c.id), conn)
    frame = frame.drop(columns=[c for c in ("id", "batch_id") if c in frame.columns])
    if kind == "population":
        from desktop.core.age_bands import age_band_text

        age = [age_band_text(int(a), int(b)) for a, b in zip(frame["age_from"], frame["age_to"], strict=True)]
        frame = pd.DataFrame({"municipality": frame["municipality"], "year": frame["year"], "age": age,
                              "sex": frame["sex"], "count": frame["count"]})
    return frame


def export_dataset(store: Store, kind: str, path: str | os.PathLike) -> int:
    """Write `kind` to `path` as CSV; returns the number of rows written.

    The file appears only when complete (written as '<name>.osittainen', then renamed)."""
    if kind not in KINDS:
        raise _unknown(kind)
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise UserError(t(f"Kansiota {path.parent} ei ole.", f"Folder {path.parent} does not exist."))
    tmp = path.with_name(path.name + ".osittainen")
    rows = 0
    try:
        if kind == "events":
            from desktop.services.export_events import write_events

            create_private(tmp, exclusive=False)  # person-level rows (pseudonymised): owner-only like the project
            with open(tmp, "wb") as fh:
                fh.write(codecs.BOM_UTF8)
                rows = write_events(store, fh)
        elif kind in _STORED:
            from desktop.services.export_events import CSV_OPTIONS

            frame = store.load(_STORED[kind])
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                frame.to_csv(fh, header=True, **CSV_OPTIONS)
            rows = len(frame)
        else:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                rows = export_tables.write_table(store, kind, fh)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(t(f"Tiedostoa {path} ei voitu kirjoittaa: {exc}", f"Could not write {path}: {exc}")) from exc
    return rows
