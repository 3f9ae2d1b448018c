"""Converting a chunk of source rows (renamed to canonical field names) into the typed columns of a
dataset kind, with every bad cell reported as (row, field, message).

events -> EVENT_COLUMNS, grid -> GRID_COLUMNS + extra numeric columns, travel-times ->
TRAVEL_TIME_COLUMNS, population / sites / finance / staff -> the columns of their SQL tables.

One module per family of kinds, over the shared checks:
    checks.py    Context, Converted, Checker and the field readers every kind uses
    persons.py   PersonTable: person ids to pseudonyms, birth days and sexes
    events.py    events
    areas.py     grid, travel times, population, sites
    economy.py   finance (costs by AURA class), staff
"""

from desktop.importers.kinds.areas import (
    convert_grid,
    convert_population,
    convert_sites,
    convert_travel_times,
)
from desktop.importers.kinds.checks import Checker, Context, Converted
from desktop.importers.kinds.economy import convert_finance, convert_staff
from desktop.importers.kinds.events import convert_events
from desktop.importers.kinds.persons import DAMAGED_CODE, PersonTable, looks_like_damaged_code

__all__ = [
    "CONVERTERS",
    "DAMAGED_CODE",
    "NUMERIC_FIELDS",
    "Checker",
    "Context",
    "Converted",
    "PersonTable",
    "looks_like_damaged_code",
]

CONVERTERS = {
    "events": convert_events,
    "grid": convert_grid,
    "travel-times": convert_travel_times,
    "population": convert_population,
    "sites": convert_sites,
    "finance": convert_finance,
    "staff": convert_staff,
}
NUMERIC_FIELDS = {
    "events": ("cost_eur", "units"),
    "grid": ("x", "y", "lon", "lat", "population"),
    "travel-times": ("minutes",),
    "population": ("count",),
    "sites": ("x", "y", "lon", "lat"),
    "finance": ("cost_eur",),
    "staff": ("fte", "wages_eur", "employees"),
}
