"""Importing an export file into the store: the action behind `sote-planner import` and the import
dialog.

    plan = plan_import(store, path, kind=None, overrides={...})   # reader, kind, column mapping
    preview = preview_import(store, plan)                          # first rows + problems found
    result = run_import(store, plan, skip_invalid=False, replace=False, progress=...)

`import_file(...)` does all three. The file is read and converted completely before the store is
touched; everything is then written in ONE transaction together with the import batch, so a bad
file, a cancel, a killed process or a full disk leaves the store as it was.

The package in the order of an import:
    plan.py          ImportPlan, plan_import, check_plan: reader, kind, column mapping
    conversion.py    the converting context and the rows under their canonical field names
    preview.py       Preview, preview_import: the first rows and their problems
    run.py           ImportResult, import_file, run_import: read, refuse or write in one transaction
    gathered.py      the columns gathered while reading and their final write
    event_writer.py  the events' write transaction running beside the reading
    batches.py       earlier batches of the same file; travel times checked against grid and sites
    profiles.py      saved import profiles (named column mappings)
"""

from desktop.services.importing.batches import earlier_batch
from desktop.services.importing.plan import (
    DEFAULT_MODE,
    KINDS,
    ImportPlan,
    check_plan,
    grid_extra_columns,
    mode_minutes_column,
    plan_import,
)
from desktop.services.importing.preview import Preview, preview_import
from desktop.services.importing.profiles import (
    delete_profile,
    list_profiles,
    load_profile,
    save_profile,
    save_profile_row,
)
from desktop.services.importing.run import ImportResult, import_file, run_import

__all__ = [
    "DEFAULT_MODE",
    "KINDS",
    "ImportPlan",
    "ImportResult",
    "Preview",
    "check_plan",
    "delete_profile",
    "earlier_batch",
    "grid_extra_columns",
    "import_file",
    "list_profiles",
    "load_profile",
    "mode_minutes_column",
    "plan_import",
    "preview_import",
    "run_import",
    "save_profile",
    "save_profile_row",
]
