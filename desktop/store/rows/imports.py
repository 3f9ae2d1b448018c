"""Import history and the storage of imported datasets.

Large datasets (events, grid, travel times) are stored as compressed column chunks
(`ColumnChunkRow`) with store-wide dictionaries for text columns (`DictionaryRow`), so that
millions of rows load as numpy arrays in a fraction of a second. Small reference datasets
(population, sites, finance, staff, municipalities) are ordinary SQL tables.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.rows.base import Base


class ImportBatchRow(Base):
    """One imported file. Every stored row knows its batch, so the batch can be removed again."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(Text)
    file_size: Mapped[int] = mapped_column(BigInteger, default=0)  # BIGINT: a server keeps files over 2 GB too
    sha256: Mapped[str] = mapped_column(String(64), default="")
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[str] = mapped_column(String(32))
    app_version: Mapped[str] = mapped_column(String(32), default="")
    mode: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # JSON: warnings, rejected rows (line numbers and reasons), column mapping used.
    report_json: Mapped[str] = mapped_column(Text, default="{}")


class DatasetColumnRow(Base):
    """The columns of a column-stored dataset: kind is 'dict' (text, dictionary-encoded),
    'id' (dictionary-encoded identifier, not decoded unless asked) or 'num' (numbers)."""

    __tablename__ = "dataset_column"
    dataset: Mapped[str] = mapped_column(String(32), primary_key=True)
    column: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer, default=0)


class DictionaryRow(Base):
    """Store-wide dictionary of a text column: code 0..n-1 <-> value.

    One b-tree ordered by (dataset, column, code) (WITHOUT ROWID, no index on the value): new values
    get the next codes, so an import appends at the end of the tree (a million-row events file adds
    ~200,000 person pseudonyms). Values are unique per column by construction: `columns.encode`
    reads the column's existing values before adding new ones. Stores created before this layout
    keep their rowid table and unique value index; both layouts are read and written the same way.
    """

    __tablename__ = "dictionary"
    dataset: Mapped[str] = mapped_column(String(32), primary_key=True)
    column: Mapped[str] = mapped_column(String(64), primary_key=True)
    code: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    __table_args__ = ({"sqlite_with_rowid": False},)


class ColumnChunkRow(Base):
    """Up to CHUNK_ROWS values of one column of one batch, as a zstd-compressed numpy array.

    `year_min`..`year_max`: the calendar years of the chunk's rows (events: one year per chunk since
    schema 4); NULL for datasets without dates and for rows whose date is missing."""

    __tablename__ = "column_chunk"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"))
    chunk_no: Mapped[int] = mapped_column(Integer)
    column: Mapped[str] = mapped_column(String(64))
    dtype: Mapped[str] = mapped_column(String(16))
    nrows: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    year_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    year_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    __table_args__ = (Index("ix_column_chunk_dataset", "dataset", "column", "batch_id", "chunk_no"),)


class MunicipalityRow(Base):
    """Municipalities of the county (reference data, from resources/ or an import)."""

    __tablename__ = "municipality"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_sv: Mapped[str | None] = mapped_column(Text, nullable=True)
    centre_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    x: Mapped[float | None] = mapped_column(Float, nullable=True)
    y: Mapped[float | None] = mapped_column(Float, nullable=True)
    population: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PopulationRow(Base):
    """Residents by municipality, year, age band and sex. Years after the current one are a forecast."""

    __tablename__ = "population"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    municipality: Mapped[str] = mapped_column(String(3))
    year: Mapped[int] = mapped_column(Integer)
    age_from: Mapped[int] = mapped_column(Integer)
    age_to: Mapped[int] = mapped_column(Integer)  # inclusive; single-year ages have age_from == age_to
    sex: Mapped[str] = mapped_column(String(1))  # '1' male, '2' female, '' both
    count: Mapped[float] = mapped_column(Float)
    forecast: Mapped[int] = mapped_column(Integer, default=0)


class SiteRow(Base):
    """Service sites (sote centres, dental units, wards, day centres, housing units...)."""

    __tablename__ = "site"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True, nullable=True
    )
    site_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(64))
    size: Mapped[str] = mapped_column(String(8), default="")
    x: Mapped[float] = mapped_column(Float)  # metres, EPSG:3067
    y: Mapped[float] = mapped_column(Float)
    municipality: Mapped[str | None] = mapped_column(String(3), nullable=True)
    capacity: Mapped[float | None] = mapped_column(Float, nullable=True)  # persons it can serve; None = no limit


class FinanceRow(Base):
    """Ledger euros by AURA class (and cost centre, when the export has one) and year from finance exports."""

    __tablename__ = "finance"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    aura_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    aura_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    year: Mapped[int] = mapped_column(Integer)
    cost_eur: Mapped[float] = mapped_column(Float)
    producer: Mapped[str | None] = mapped_column(String(32), nullable=True)
    cost_centre: Mapped[str | None] = mapped_column(Text, nullable=True)  # kustannuspaikka (schema v3)


class StaffRow(Base):
    """Personnel from HR exports: full-time equivalents (henkilötyövuodet, htv) and wages by cost centre,
    professional group and year (month optional). `employees` is the head count when the export has it."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    cost_centre: Mapped[str] = mapped_column(Text)
    professional_group: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fte: Mapped[float] = mapped_column(Float)
    wages_eur: Mapped[float | None] = mapped_column(Float, nullable=True)
    employees: Mapped[float | None] = mapped_column(Float, nullable=True)


class ImportProfileRow(Base):
    """A saved column mapping for a kind of file, reused with --profile NAME."""

    __tablename__ = "import_profile"
    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    mapping_json: Mapped[str] = mapped_column(Text)
    options_json: Mapped[str] = mapped_column(Text, default="{}")
