"""The pages of the main window, in navigation order. Each page module is owned by its feature."""

from __future__ import annotations


def page_classes() -> list[type]:
    from desktop.ui.pages.classification_page import ClassificationPage
    from desktop.ui.pages.data_page import DataPage
    from desktop.ui.pages.measures_page import MeasuresPage
    from desktop.ui.pages.network_page import NetworkPage
    from desktop.ui.pages.segments_page import SegmentsPage
    from desktop.ui.pages.traffic_lights_page import TrafficLightsPage

    return [DataPage, ClassificationPage, SegmentsPage, TrafficLightsPage, NetworkPage, MeasuresPage]
