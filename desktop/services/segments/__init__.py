"""Segment actions shared by the CLI and the GUI: the shipped defaults, saving and loading the rules,
export and import (JSON, XLSX), the need-level thresholds, and the segment report (sizes, overlaps,
projection) over the store's classified events.

The parts: `rules` (the rules and thresholds in the store), `files` (export and import), `report`
(the data for analyses and the segment report) and `shown` (what may be shown).
"""

from desktop.analysis.segments import membership  # noqa: F401 - services.traffic_lights calls segments.membership
from desktop.services.segments.report import (
    _POPULATION_CHUNK,  # noqa: F401 - the rows fetched at a time (tests/segments)
    POPULATION_COLUMNS,
    analysis_events,
    load_population,
    load_resident_rows,
    segment_report,
    store_membership,
)
from desktop.services.segments.rules import (
    SETTING_THRESHOLDS,
    install_defaults,
    load_segments,
    need_thresholds,
    save_segments,
    set_need_thresholds,
)
from desktop.services.segments.shown import (
    RESOURCE_FIGURES,
    SIZE_FIGURES,
    overlap_suppression,
    segment_suppression,
    shown_intersections,
    shown_overlaps,
    shown_projection,
    shown_segment_sizes,
    size_columns,
)

#: export and import of the rules (services.segments.files), imported on first use: a report needs neither
_LATER = ("EXPORT_FORMAT", "export_segments", "import_segments", "read_segment_file")


def __getattr__(name: str):
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from desktop.services.segments.files import (
        EXPORT_FORMAT,
        export_segments,
        import_segments,
        read_segment_file,
    )

    globals().update(EXPORT_FORMAT=EXPORT_FORMAT, export_segments=export_segments, import_segments=import_segments,
                     read_segment_file=read_segment_file)
    return globals()[name]


__all__ = [
    "EXPORT_FORMAT", "POPULATION_COLUMNS", "RESOURCE_FIGURES", "SETTING_THRESHOLDS", "SIZE_FIGURES",
    "analysis_events", "export_segments", "import_segments", "install_defaults",
    "load_population", "load_resident_rows", "load_segments", "need_thresholds", "overlap_suppression", "read_segment_file",
    "save_segments", "segment_report", "segment_suppression", "set_need_thresholds", "shown_intersections",
    "shown_overlaps", "shown_projection", "shown_segment_sizes", "size_columns", "store_membership",
]
