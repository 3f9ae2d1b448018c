"""The small imported tables (population, sites, finance, staff) written as export CSV rows, straight
from the database driver with the csv module: no pandas to load for a file of a few thousand rows.

The cells are those pandas' `to_csv(float_format='%.10g', na_rep='')` wrote from `read_sql`: a
decimal number as '%.10g', a whole number as its digits, a missing value (NULL, NaN) empty, text as
it is (quoted by the csv module when it holds the separator, a quote or a line break). Rows come in
the order they were imported (by id)."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from typing import TextIO

from desktop.core.age_bands import age_band_text
from desktop.services.export_format import FLOAT_FORMAT, LINE_END, SEPARATOR
from desktop.store import Store

#: export kind -> (table, its columns in the file); the population's age band is written as one text
TABLES = {
    "population": ("population", ("municipality", "year", "age_from", "age_to", "sex", "count")),
    "sites": ("site", ("site_id", "name", "type", "size", "x", "y", "municipality", "capacity")),
    "finance": ("finance", ("aura_code", "aura_name", "year", "cost_eur", "producer", "cost_centre")),
    "staff": ("staff", ("cost_centre", "professional_group", "year", "month", "fte", "wages_eur", "employees")),
}
_FETCH_ROWS = 10_000


def cell(value) -> str:
    """One value as its export cell: '%.10g' for a decimal number, '' for missing."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else FLOAT_FORMAT % value
    return str(value)


def header(kind: str) -> list[str]:
    columns = list(TABLES[kind][1])
    if kind == "population":
        columns[2:4] = ["age"]
    return columns


def _stored_rows(store: Store, table: str, columns: tuple[str, ...]) -> Iterator[list]:
    """The table's rows (lists of the columns' values) in import order, straight from the driver."""
    names = ", ".join(f'"{c}"' for c in columns)
    with store.read() as conn:
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(f'SELECT {names} FROM "{table}" ORDER BY id')
            while part := cursor.fetchmany(_FETCH_ROWS):
                yield from part
        finally:
            cursor.close()


def text_rows(store: Store, kind: str) -> Iterator[list[str]]:
    """The rows of the export file of `kind`, each a list of cells (without the header)."""
    table, columns = TABLES[kind]
    for row in _stored_rows(store, table, columns):
        cells = [cell(v) for v in row]
        if kind == "population":
            age_from, age_to = row[2], row[3]
            band = "" if age_from is None or age_to is None else age_band_text(int(age_from), int(age_to))
            cells[2:4] = [band]
        yield cells


def write_table(store: Store, kind: str, fh: TextIO) -> int:
    """Write `kind`'s header and rows to the text file `fh`; returns the rows written."""
    writer = csv.writer(fh, delimiter=SEPARATOR, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header(kind))
    rows = 0
    for cells in text_rows(store, kind):
        writer.writerow(cells)
        rows += 1
    return rows
