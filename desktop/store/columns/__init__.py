"""Column-chunk storage of large datasets inside the store (an SQLite file or a PostgreSQL database).

Each dataset column is kept per import batch as compressed numpy arrays of at most `CHUNK_ROWS`
values (`writing.CHUNK_ROWS`). Text columns are dictionary-encoded with store-wide codes (so codes
agree across batches); missing text is code -1. Loading a dataset concatenates the chunks and, for
text columns, wraps the codes in a pandas Categorical without copying the values.

Every chunk of events records the calendar years of its rows (`year_min`..`year_max`), and rows
that come grouped by year (a yearly export, a file sorted by date) start a new chunk at each change
of year, so a report of one year reads and decodes only that year's chunks (`load_columns(...,
years=...)`); a chunk of several years is filtered row by row. Chunks written by schema 3 and older
get their year range from their dates when the store is upgraded.

The parts: `chunks` (a dataset's column kinds, its writer lock, one chunk's stored bytes),
`dictionaries` (text codes), `writing` (a batch's chunks), `reading` (whole loads, years).
Callers import from here: `from desktop.store import columns`.
"""

from desktop.store.columns.chunks import (
    DATE_COLUMN,
    KIND_DICT,
    KIND_ID,
    KIND_NUM,
    ChunkDamaged,
    column_kinds,
    is_server,
    lock_dataset,
    register_columns,
    smallest_int_dtype,
)
from desktop.store.columns.dictionaries import (
    add_values,
    dictionary,
    dictionary_parts,
    encode,
    mask_dictionary_codes,
    prune_dictionaries,
    recode_dictionary,
)
from desktop.store.columns.reading import (
    dataset_years,
    event_years,
    fill_year_ranges,
    has_year_ranges,
    load_columns,
    row_count,
)
from desktop.store.columns.writing import delete_batch_columns, write_columns

__all__ = [
    "DATE_COLUMN", "KIND_DICT", "KIND_ID", "KIND_NUM", "ChunkDamaged", "add_values", "column_kinds", "dataset_years",
    "delete_batch_columns", "dictionary", "dictionary_parts", "encode", "event_years", "fill_year_ranges", "has_year_ranges",
    "is_server", "load_columns", "lock_dataset", "mask_dictionary_codes", "prune_dictionaries", "recode_dictionary",
    "register_columns", "row_count", "smallest_int_dtype", "write_columns",
]
