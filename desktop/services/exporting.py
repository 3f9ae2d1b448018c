"""Writing a dataset of the store back out as CSV: UTF-8 with BOM (Excel opens it right), ';'
separator, decimal point, ISO dates (yyyy-mm-dd) and canonical column names, so the file imports
again unchanged. Person ids are written as 'ps:<pseudonym>' (never a raw code: the store has none),
which the importer keeps as they are."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select

from desktop.core.datasets import EPOCH
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.importers.values import OPEN_AGE_END
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.rows.imports import FinanceRow, PopulationRow, SiteRow

KINDS = ("events", "population", "grid", "sites", "travel-times", "finance")


EXPORT_CHUNK_ROWS = 250_000


def _event_text_chunks(store: Store, chunk_rows: int = EXPORT_CHUNK_ROWS):
    """The events as export text, `chunk_rows` rows at a time (memory stays flat for millions)."""
    with store.read() as conn:
        kinds = colstore.column_kinds(conn, "events")
        frame = colstore.load_columns(conn, "events", decode=tuple(c for c in kinds if c != "person_id"))
        persons = None
        if "person_id" in frame.columns:
            persons = np.array(["ps:" + v for v in colstore.dictionary(conn, "events", "person_id")] + [""],
                               dtype=object)
    for start in range(0, len(frame), chunk_rows):
        part = frame.iloc[start:start + chunk_rows]
        out = {}
        for column in part.columns:
            values = part[column]
            if column == "person_id":
                out[column] = persons[values.to_numpy()]  # code -1 picks the trailing ''
            elif column == "date":
                days, inverse = np.unique(values.to_numpy(), return_inverse=True)
                out[column] = (EPOCH + days.astype("timedelta64[D]")).astype(str).astype(object)[inverse]
            elif column in ("birth_year", "age"):
                array = values.to_numpy().astype(np.int64)
                out[column] = np.where(array < 0, "", array.astype(str))
            else:
                out[column] = values.to_numpy()
        yield pd.DataFrame(out, index=part.index)


def dataset_frame(store: Store, kind: str) -> pd.DataFrame:
    """The dataset as the text/number columns of the export file."""
    if kind == "events":
        chunks = list(_event_text_chunks(store))
        return pd.concat(chunks) if chunks else pd.DataFrame()
    if kind in ("grid", "travel-times"):
        return store.load("grid" if kind == "grid" else "travel_times")
    table = {"population": PopulationRow, "sites": SiteRow, "finance": FinanceRow}.get(kind)
    if table is None:
        raise UserError(t(f"Tuntematon aineiston laji '{kind}'. Lajit: {', '.join(KINDS)}.",
                          f"Unknown dataset kind '{kind}'. Kinds: {', '.join(KINDS)}."))
    with store.read() as conn:
        frame = pd.read_sql(select(table), conn)
    frame = frame.drop(columns=[c for c in ("id", "batch_id") if c in frame.columns])
    if kind == "population":
        age = np.where(frame["age_from"] == frame["age_to"], frame["age_from"].astype(str),
                       np.where(frame["age_to"] >= OPEN_AGE_END, frame["age_from"].astype(str) + "+",
                                frame["age_from"].astype(str) + "-" + frame["age_to"].astype(str)))
        frame = pd.DataFrame({"municipality": frame["municipality"], "year": frame["year"], "age": age,
                              "sex": frame["sex"], "count": frame["count"]})
    return frame


def export_dataset(store: Store, kind: str, path: str | os.PathLike) -> int:
    """Write `kind` to `path` as CSV; returns the number of rows written.

    The file appears only when complete (written as '<name>.osittainen', then renamed)."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise UserError(t(f"Kansiota {path.parent} ei ole.", f"Folder {path.parent} does not exist."))
    chunks = _event_text_chunks(store) if kind == "events" else iter([dataset_frame(store, kind)])
    tmp = path.with_name(path.name + ".osittainen")
    rows = 0
    try:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            for frame in chunks:
                frame.to_csv(fh, sep=";", index=False, header=rows == 0, quoting=csv.QUOTE_MINIMAL,
                             float_format="%.10g", lineterminator="\r\n", na_rep="")
                rows += len(frame)
            if rows == 0 and kind == "events":  # an empty store still gets the header line
                fh.write(";".join(store.load("events").columns) + "\r\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(t(f"Tiedostoa {path} ei voitu kirjoittaa: {exc}", f"Could not write {path}: {exc}")) from exc
    return rows
