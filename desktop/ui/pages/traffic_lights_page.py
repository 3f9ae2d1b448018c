"""Traffic lights page (Finnish: Liikennevalot). Placeholder until its feature lands."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.ui.pages.base import Page


class TrafficLightsPage(Page):
    title_fi = "Liikennevalot"
    key = "traffic_lights"

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.label = QLabel(self.tr("Tämä sivu on vielä tekeillä."))
        layout.addWidget(self.label)
        layout.addStretch(1)
