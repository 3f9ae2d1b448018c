"""The pages of the main window, in navigation order. Each page module is owned by its feature."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.ui.pages.classification_page import ClassificationPage
from desktop.ui.pages.data_page import DataPage
from desktop.ui.pages.measures_page import MeasuresPage
from desktop.ui.pages.network_page import NetworkPage
from desktop.ui.pages.segments_page import SegmentsPage
from desktop.ui.pages.traffic_lights_page import TrafficLightsPage

# Page titles are class attributes; these marks let pyside6-lupdate collect them ("Page" context).
PAGE_TITLES = (
    QT_TRANSLATE_NOOP("Page", "Aineistot"),
    QT_TRANSLATE_NOOP("Page", "Palveluluokitus"),
    QT_TRANSLATE_NOOP("Page", "Segmentit"),
    QT_TRANSLATE_NOOP("Page", "Liikennevalot"),
    QT_TRANSLATE_NOOP("Page", "Palveluverkko"),
    QT_TRANSLATE_NOOP("Page", "Kehittämistoimenpiteet"),
)

#: the page classes in navigation order
PAGES = (DataPage, ClassificationPage, SegmentsPage, TrafficLightsPage, NetworkPage, MeasuresPage)


def page_classes() -> list[type]:
    """The page classes in navigation order."""
    return list(PAGES)
