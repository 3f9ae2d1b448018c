"""Development measures: the self-assessment tracker of the county's development programme (benefit
goals, focus areas, measures, monthly ratings 1-5) and the figures a measure can be linked to.

- tracker.py: reading the tracker (`load_tracker`) and its JSON summary;
- edits.py: every edit as an undoable command (rating, fields, add / move / delete, months, links);
- rows.py: the tables and the small writes the edits and imports share;
- files.py: the shipped example, merging records by name, Excel import and export, chart files;
- indicators.py: the registry of linkable figures and their values per year;
- linked_figures.py: the app's own figures (clients per 1,000 residents, reach-goal coverage).

The report pages of the tracker live in desktop.reports.measures. This package's names are the ones
the measures page and the `measures` command use (`from desktop.services import measures as svc`).
"""

from desktop.services.measures.edits import (
    AddArea,
    AddGoal,
    AddMeasure,
    AddMonth,
    DeleteArea,
    DeleteGoal,
    DeleteMeasure,
    EditField,
    MoveMeasure,
    RemoveMonth,
    SetIndicators,
    SetRating,
)
from desktop.services.measures.files import (
    SEED_EXAMPLE,
    ImportRecords,
    export_chart,
    export_measures_xlsx,
    import_measures_xlsx,
    install_defaults,
    install_seed_example,
    read_seed_example,
)
from desktop.services.measures.indicators import (
    IndicatorUnavailable,
    available_indicators,
    indicator_provider,
    indicator_values,
    indicator_years,
    register_indicator,
    register_indicator_family,
)
from desktop.services.measures.tracker import load_tracker, tracker_summary

__all__ = [
    "AddArea", "AddGoal", "AddMeasure", "AddMonth", "DeleteArea", "DeleteGoal", "DeleteMeasure",
    "EditField", "ImportRecords", "IndicatorUnavailable", "MoveMeasure", "RemoveMonth", "SEED_EXAMPLE",
    "SetIndicators", "SetRating", "available_indicators", "export_chart", "export_measures_xlsx",
    "import_measures_xlsx", "indicator_provider", "indicator_values", "indicator_years",
    "install_defaults", "install_seed_example", "load_tracker", "read_seed_example", "register_indicator",
    "register_indicator_family", "tracker_summary",
]
