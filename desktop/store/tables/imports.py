"""Import history and the storage of imported datasets.

Large datasets (events, grid, travel times) are kept as compressed column chunks (`column_chunk`)
with store-wide dictionaries for text columns (`dictionary`); small reference datasets (population,
sites, finance, staff, municipalities) are ordinary SQL tables."""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, LargeBinary, String, Table, Text

from desktop.store.tables.base import col, metadata

#: one imported file; every stored row knows its batch, so the batch can be removed again
import_batch = Table(
    "import_batch", metadata,
    col("id", Integer, primary_key=True),
    col("kind", String(32)),
    col("file_name", Text),
    col("file_size", BigInteger, default=0),  # BIGINT: a server keeps files over 2 GB too
    col("sha256", String(64), default=""),
    col("row_count", Integer, default=0),
    col("rejected_count", Integer, default=0),
    col("imported_at", String(32)),
    col("app_version", String(32), default=""),
    col("mode", String(32), nullable=True),
    # JSON: warnings, rejected rows (line numbers and reasons), column mapping used.
    col("report_json", Text, default="{}"),
)

#: the columns of a column-stored dataset: kind 'dict', 'id' or 'num'
dataset_column = Table(
    "dataset_column", metadata,
    col("dataset", String(32), primary_key=True),
    col("column", String(64), primary_key=True),
    col("kind", String(8)),
    col("position", Integer, default=0),
)

#: store-wide dictionary of a text column: code 0..n-1 <-> value (WITHOUT ROWID, ordered by code)
dictionary = Table(
    "dictionary", metadata,
    col("dataset", String(32), primary_key=True),
    col("column", String(64), primary_key=True),
    col("code", Integer, primary_key=True),
    col("value", Text),
    sqlite_with_rowid=False,
)

#: up to CHUNK_ROWS values of one column of one batch, as a zstd-compressed numpy array; year_min..
#: year_max: the calendar years of its rows (NULL without dates)
column_chunk = Table(
    "column_chunk", metadata,
    col("id", Integer, primary_key=True),
    col("dataset", String(32)),
    col("batch_id", Integer, ForeignKey("import_batch.id", ondelete="CASCADE")),
    col("chunk_no", Integer),
    col("column", String(64)),
    col("dtype", String(16)),
    col("nrows", Integer),
    col("data", LargeBinary),
    col("year_min", Integer, nullable=True),
    col("year_max", Integer, nullable=True),
    Index("ix_column_chunk_dataset", "dataset", "column", "batch_id", "chunk_no"),
)

#: municipalities of the county (reference data, from resources/ or an import)
municipality = Table(
    "municipality", metadata,
    col("code", String(3), primary_key=True),
    col("name", Text),
    col("name_sv", Text, nullable=True),
    col("centre_name", Text, nullable=True),
    col("lat", Float, nullable=True),
    col("lon", Float, nullable=True),
    col("x", Float, nullable=True),
    col("y", Float, nullable=True),
    col("population", Integer, nullable=True),
)

#: residents by municipality, year, age band and sex; years after the current one are a forecast
population = Table(
    "population", metadata,
    col("id", Integer, primary_key=True),
    col("batch_id", Integer, ForeignKey("import_batch.id", ondelete="CASCADE"), index=True),
    col("municipality", String(3)),
    col("year", Integer),
    col("age_from", Integer),
    col("age_to", Integer),  # inclusive; single-year ages have age_from == age_to
    col("sex", String(1)),  # '1' male, '2' female, '' both
    col("count", Float),
    col("forecast", Integer, default=0),
)

#: service sites (sote centres, dental units, wards, day centres, housing units...)
site = Table(
    "site", metadata,
    col("id", Integer, primary_key=True),
    col("batch_id", Integer, ForeignKey("import_batch.id", ondelete="CASCADE"), index=True, nullable=True),
    col("site_id", String(64)),
    col("name", Text),
    col("type", String(64)),
    col("size", String(8), default=""),
    col("x", Float),  # metres, EPSG:3067
    col("y", Float),
    col("municipality", String(3), nullable=True),
    col("capacity", Float, nullable=True),  # persons it can serve; None = no limit
)

#: ledger euros by AURA class (and cost centre, when the export has one) and year
finance = Table(
    "finance", metadata,
    col("id", Integer, primary_key=True),
    col("batch_id", Integer, ForeignKey("import_batch.id", ondelete="CASCADE"), index=True),
    col("aura_code", String(16), nullable=True),
    col("aura_name", Text, nullable=True),
    col("year", Integer),
    col("cost_eur", Float),
    col("producer", String(32), nullable=True),
    col("cost_centre", Text, nullable=True),  # kustannuspaikka (schema v3)
)

#: personnel from HR exports: full-time equivalents (htv) and wages by cost centre, professional group
#: and year (month optional); `employees` is the head count when the export has it
staff = Table(
    "staff", metadata,
    col("id", Integer, primary_key=True),
    col("batch_id", Integer, ForeignKey("import_batch.id", ondelete="CASCADE"), index=True),
    col("cost_centre", Text),
    col("professional_group", Text, default=""),
    col("year", Integer),
    col("month", Integer, nullable=True),
    col("fte", Float),
    col("wages_eur", Float, nullable=True),
    col("employees", Float, nullable=True),
)

#: a saved column mapping for a kind of file, reused with --profile NAME
import_profile = Table(
    "import_profile", metadata,
    col("name", String(128), primary_key=True),
    col("kind", String(32)),
    col("mapping_json", Text),
    col("options_json", Text, default="{}"),
)
