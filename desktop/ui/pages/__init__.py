"""The pages of the main window, in navigation order. Each page module is owned by its feature."""

from __future__ import annotations

import importlib
import logging
import traceback

from PySide6.QtCore import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Page titles are class attributes; these marks let pyside6-lupdate collect them ("Page" context).
PAGE_TITLES = (
    QT_TRANSLATE_NOOP("Page", "Aineistot"),
    QT_TRANSLATE_NOOP("Page", "Palveluluokitus"),
    QT_TRANSLATE_NOOP("Page", "Segmentit"),
    QT_TRANSLATE_NOOP("Page", "Liikennevalot"),
    QT_TRANSLATE_NOOP("Page", "Palveluverkko"),
    QT_TRANSLATE_NOOP("Page", "Kehittämistoimenpiteet"),
)

#: (key, Finnish title, module, class) in navigation order
PAGES = (
    ("data", "Aineistot", "desktop.ui.pages.data_page", "DataPage"),
    ("classification", "Palveluluokitus", "desktop.ui.pages.classification_page", "ClassificationPage"),
    ("segments", "Segmentit", "desktop.ui.pages.segments_page", "SegmentsPage"),
    ("traffic_lights", "Liikennevalot", "desktop.ui.pages.traffic_lights_page", "TrafficLightsPage"),
    ("network", "Palveluverkko", "desktop.ui.pages.network_page", "NetworkPage"),
    ("measures", "Kehittämistoimenpiteet", "desktop.ui.pages.measures_page", "MeasuresPage"),
)


def page_classes() -> list[type]:
    """The page classes. A page whose module fails to import is replaced by a page that shows the
    error (and fails --self-test), so one broken feature does not keep the app from starting."""
    classes = []
    for key, title_fi, module_name, class_name in PAGES:
        try:
            classes.append(getattr(importlib.import_module(module_name), class_name))
        except Exception as exc:  # noqa: BLE001 - reported on the page itself and in the log
            log.exception("page %s could not be loaded", key)
            classes.append(_unavailable_page(key, title_fi, exc))
    return classes


def _unavailable_page(key: str, title_fi: str, error: BaseException) -> type:
    from desktop.ui.pages.unavailable_page import UnavailablePage

    details = "".join(traceback.format_exception(error))
    return type(
        f"Unavailable_{key}",
        (UnavailablePage,),
        {"key": key, "title_fi": title_fi, "error": error, "details": details},
    )
