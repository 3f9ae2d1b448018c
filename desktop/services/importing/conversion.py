"""Converting a planned file's rows: the converting context (municipality names, the person key),
the rows under their canonical field names, the number and category columns the reader may give
as such, and the empty rows that are not data."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
from sqlalchemy import select

from desktop.importers.kinds import NUMERIC_FIELDS, Context, PersonTable
from desktop.importers.values import MunicipalityNames, decide_mark
from desktop.services.importing.plan import ImportPlan
from desktop.store import Store
from desktop.store.tables import imports as tables


def _municipality_names(store: Store | None) -> MunicipalityNames:
    names: dict[str, str] = {}
    if store is not None:
        with store.read() as conn:
            for code, name, name_sv in conn.execute(
                select(tables.municipality.c.code, tables.municipality.c.name, tables.municipality.c.name_sv)
            ):
                names[name] = code
                if name_sv:
                    names[name_sv] = code
    return MunicipalityNames(names)


def _context(store: Store | None, plan: ImportPlan, secret: bytes | None = None) -> Context:
    """What converting needs. `secret`: the project's key for person ids (a preview, which stores
    nothing and shows no pseudonym, converts with a throwaway key)."""
    ctx = Context(kind=plan.kind, municipalities=_municipality_names(store), mode=plan.mode,
                  extra_columns=plan.extra_columns, file_decimal=getattr(plan.source, "decimal_found", None))
    if plan.kind == "events":
        ctx.secret = secret or os.urandom(32)
        ctx.persons = PersonTable(ctx.secret)
    return ctx


def _canonical_frame(frame: pd.DataFrame, plan: ImportPlan) -> pd.DataFrame:
    data = {canonical: frame[source] for canonical, source in plan.mapping.items()}
    for extra in plan.extra_columns:
        data[extra] = frame[extra]
    return pd.DataFrame(data, copy=False)


def _decided_number_columns(plan: ImportPlan, ctx: Context) -> tuple[str, ...]:
    """Source columns the reader may give as numbers directly: those whose decimal mark the preview
    decided (from the column, else the file) and equal to the reader's. The others come as text and
    are decided (or refused) from their values by the converters."""
    fields = [f for f in NUMERIC_FIELDS.get(plan.kind, ()) if f in plan.mapping]
    preview = plan.source.preview(200)
    reader_mark = getattr(plan.source, "decimal", None)
    out = []
    for name, column in [*((f, plan.mapping[f]) for f in fields), *((c, c) for c in plan.extra_columns)]:
        mark = ctx.decimal(name)
        if column in preview and not pd.api.types.is_numeric_dtype(preview[column].dtype):
            decide_mark(preview[column].astype(str).str.strip().tolist(), mark)
        if reader_mark is None or mark.effective == reader_mark:
            out.append(column)
    return tuple(out)


def _category_columns(plan: ImportPlan, float_columns: tuple[str, ...]) -> tuple[str, ...]:
    """Source columns of an events file read as categories: every text column but the person id (a
    column with about as many distinct values as rows is faster as plain strings). Columns the import
    does not use come so too: a Windows-1252 block whose every column is a category, bytes or numbers
    is parsed without re-encoding it (desktop.importers.undecoded)."""
    if plan.kind != "events":
        return ()
    person = plan.mapping.get("person_id")
    columns = [*plan.mapping.values(), *plan.source.headers]
    return tuple(dict.fromkeys(c for c in columns if c != person and c not in float_columns))


def _drop_empty_rows(frame: pd.DataFrame, lines: np.ndarray, plan: ImportPlan):
    """Rows whose every mapped cell is empty (';;;;' lines at the end of exports) are not data."""
    first = frame.columns[0]
    column = frame[first]
    if pd.api.types.is_numeric_dtype(column.dtype):
        candidates = column.isna().to_numpy()
    elif column.dtype.kind == "S":  # person ids read as bytes
        candidates = column.to_numpy() == b""
    else:
        candidates = (column == "").to_numpy()
    if not candidates.any():
        return frame, lines
    idx = np.flatnonzero(candidates)
    sub = frame.iloc[idx]
    blank = np.ones(len(idx), dtype=bool)
    for name in frame.columns:
        col = sub[name]
        if col.dtype.kind == "S":
            col = col.str.decode("utf-8", "replace")
        blank &= (col.isna() if pd.api.types.is_numeric_dtype(col.dtype) else col.astype(str).str.strip() == "").to_numpy()
    if not blank.any():
        return frame, lines
    keep = np.ones(len(frame), dtype=bool)
    keep[idx[blank]] = False
    return frame.loc[keep].reset_index(drop=True), lines[keep]
