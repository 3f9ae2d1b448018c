"""Import history and the storage of imported datasets.

Large datasets (events, grid, travel times) are stored as compressed column chunks
(`ColumnChunkRow`) with store-wide dictionaries for text columns (`DictionaryRow`), so that
millions of rows load as numpy arrays in a fraction of a second. Small reference datasets
(population, sites, finance, staff, municipalities) are ordinary SQL tables.

The tables themselves are declared in `desktop.store.tables.imports` (Core, no ORM); these classes
map onto them for the code that works with ORM sessions."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desktop.store.rows.base import Base
from desktop.store.tables import imports as tables


class ImportBatchRow(Base):
    """One imported file. Every stored row knows its batch, so the batch can be removed again."""

    __tablename__ = "import_batch"
    __table__ = tables.import_batch
    id: Mapped[int]
    kind: Mapped[str]
    file_name: Mapped[str]
    file_size: Mapped[int]
    sha256: Mapped[str]
    row_count: Mapped[int]
    rejected_count: Mapped[int]
    imported_at: Mapped[str]
    app_version: Mapped[str]
    mode: Mapped[str | None]
    report_json: Mapped[str]


class DatasetColumnRow(Base):
    """The columns of a column-stored dataset: kind is 'dict' (text, dictionary-encoded),
    'id' (dictionary-encoded identifier, not decoded unless asked) or 'num' (numbers)."""

    __tablename__ = "dataset_column"
    __table__ = tables.dataset_column
    dataset: Mapped[str]
    column: Mapped[str]
    kind: Mapped[str]
    position: Mapped[int]


class DictionaryRow(Base):
    """Store-wide dictionary of a text column: code 0..n-1 <-> value.

    One b-tree ordered by (dataset, column, code) (WITHOUT ROWID, no index on the value): new values
    get the next codes, so an import appends at the end of the tree (a million-row events file adds
    ~200,000 person pseudonyms). Values are unique per column by construction: `columns.encode`
    reads the column's existing values before adding new ones. Stores created before this layout
    keep their rowid table and unique value index; both layouts are read and written the same way.
    """

    __tablename__ = "dictionary"
    __table__ = tables.dictionary
    dataset: Mapped[str]
    column: Mapped[str]
    code: Mapped[int]
    value: Mapped[str]


class ColumnChunkRow(Base):
    """Up to CHUNK_ROWS values of one column of one batch, as a zstd-compressed numpy array.

    `year_min`..`year_max`: the calendar years of the chunk's rows (events: one year per chunk since
    schema 4); NULL for datasets without dates and for rows whose date is missing."""

    __tablename__ = "column_chunk"
    __table__ = tables.column_chunk
    id: Mapped[int]
    dataset: Mapped[str]
    batch_id: Mapped[int]
    chunk_no: Mapped[int]
    column: Mapped[str]
    dtype: Mapped[str]
    nrows: Mapped[int]
    data: Mapped[bytes]
    year_min: Mapped[int | None]
    year_max: Mapped[int | None]


class MunicipalityRow(Base):
    """Municipalities of the county (reference data, from resources/ or an import)."""

    __tablename__ = "municipality"
    __table__ = tables.municipality
    code: Mapped[str]
    name: Mapped[str]
    name_sv: Mapped[str | None]
    centre_name: Mapped[str | None]
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    x: Mapped[float | None]
    y: Mapped[float | None]
    population: Mapped[int | None]


class PopulationRow(Base):
    """Residents by municipality, year, age band and sex. Years after the current one are a forecast."""

    __tablename__ = "population"
    __table__ = tables.population
    id: Mapped[int]
    batch_id: Mapped[int]
    municipality: Mapped[str]
    year: Mapped[int]
    age_from: Mapped[int]
    age_to: Mapped[int]
    sex: Mapped[str]
    count: Mapped[float]
    forecast: Mapped[int]


class SiteRow(Base):
    """Service sites (sote centres, dental units, wards, day centres, housing units...)."""

    __tablename__ = "site"
    __table__ = tables.site
    id: Mapped[int]
    batch_id: Mapped[int | None]
    site_id: Mapped[str]
    name: Mapped[str]
    type: Mapped[str]
    size: Mapped[str]
    x: Mapped[float]
    y: Mapped[float]
    municipality: Mapped[str | None]
    capacity: Mapped[float | None]


class FinanceRow(Base):
    """Ledger euros by AURA class (and cost centre, when the export has one) and year from finance exports."""

    __tablename__ = "finance"
    __table__ = tables.finance
    id: Mapped[int]
    batch_id: Mapped[int]
    aura_code: Mapped[str | None]
    aura_name: Mapped[str | None]
    year: Mapped[int]
    cost_eur: Mapped[float]
    producer: Mapped[str | None]
    cost_centre: Mapped[str | None]


class StaffRow(Base):
    """Personnel from HR exports: full-time equivalents (henkilötyövuodet, htv) and wages by cost centre,
    professional group and year (month optional). `employees` is the head count when the export has it."""

    __tablename__ = "staff"
    __table__ = tables.staff
    id: Mapped[int]
    batch_id: Mapped[int]
    cost_centre: Mapped[str]
    professional_group: Mapped[str]
    year: Mapped[int]
    month: Mapped[int | None]
    fte: Mapped[float]
    wages_eur: Mapped[float | None]
    employees: Mapped[float | None]


class ImportProfileRow(Base):
    """A saved column mapping for a kind of file, reused with --profile NAME."""

    __tablename__ = "import_profile"
    __table__ = tables.import_profile
    name: Mapped[str]
    kind: Mapped[str]
    mapping_json: Mapped[str]
    options_json: Mapped[str]
