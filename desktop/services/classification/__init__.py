"""The service classification of a store: defaults, versions, saving, and the classified events.

Contract used by the traffic-light and segment features:
`classified_events(store, year=None) -> pandas.DataFrame` (see its docstring).

Saving is explicit: the editor keeps its edits in memory until `save_classification`; only saved
versions affect `classified_events`.

The parts: `versions` (the default, reading, writing, files), `events` (the classified events),
`check` (coverage and conflicts) and `comparison` (two versions side by side).
"""

from desktop.services.classification.events import (
    LEVEL_CATEGORIES,
    STRUCTURE_CATEGORIES,
    YEAR_FRAMES_KEPT,
    classified_events,
    classify_by_version,
    event_years,
    saved_versions,
)
from desktop.services.classification.versions import (
    DEFAULT_FILE,
    classification_revision,
    default_classification,
    delete_version,
    export_classification,
    import_classification,
    install_defaults,
    load_classification,
    load_versions,
    save_classification,
)

#: the coverage check and the comparison of two versions, imported on first use (the figures need neither)
_LATER = ("check_classification", "compare_versions", "comparison_lines")


def __getattr__(name: str):
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from desktop.services.classification.check import check_classification
    from desktop.services.classification.comparison import compare_versions, comparison_lines

    globals().update(check_classification=check_classification, compare_versions=compare_versions,
                     comparison_lines=comparison_lines)
    return globals()[name]


__all__ = [
    "DEFAULT_FILE", "LEVEL_CATEGORIES", "STRUCTURE_CATEGORIES", "YEAR_FRAMES_KEPT", "check_classification",
    "classification_revision", "classified_events", "classify_by_version", "compare_versions", "comparison_lines",
    "default_classification", "delete_version", "event_years", "export_classification", "import_classification",
    "install_defaults", "load_classification", "load_versions", "save_classification", "saved_versions",
]
