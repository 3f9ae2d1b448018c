"""The row of drop-downs above the import preview's columns: which field each source column is.

The drop-downs scroll with the table's columns (a 10-column export fits a 1280-pixel screen) and each
is as wide as its column (the column widens to show the chosen field's label)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QScrollArea, QTableView, QWidget

from desktop.presenters.importing import NOT_MAPPED, MappingChoice


class ColumnMappingRow(QScrollArea):
    """One drop-down per column of `table`; `changed(header, field)` is called when one is changed."""

    def __init__(self, table: QTableView, changed: Callable[[str, str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.table = table
        self.changed = changed
        self.combos: dict[str, QComboBox] = {}
        self.headers: list[str] = []
        self.row = QHBoxLayout()
        self.row.setSizeConstraint(QHBoxLayout.SizeConstraint.SetFixedSize)
        self.host = QWidget()
        self.host.setLayout(self.row)
        self.setWidget(self.host)
        self.setWidgetResizable(False)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(QComboBox().sizeHint().height() + 4)
        table.horizontalHeader().sectionResized.connect(lambda *_: self.align())
        table.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        table.horizontalScrollBar().rangeChanged.connect(lambda *_: self.align())

    def show_choices(self, choices: list[MappingChoice]) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos = {}
        self.headers = [choice.header for choice in choices]
        for choice in choices:
            combo = QComboBox(self.host)
            combo.addItem(self.tr("(ei käytetä)"), NOT_MAPPED)
            for name, text in choice.fields:
                combo.addItem(text, name)
            combo.setCurrentIndex(max(0, combo.findData(choice.current)))
            combo.setToolTip(self.tr("Sarake %1 tiedostossa").replace("%1", choice.header))
            combo.currentIndexChanged.connect(lambda _i, h=choice.header, c=combo: self.changed(h, c.currentData()))
            self.combos[choice.header] = combo
            self.row.addWidget(combo)
        self.row.addStretch(1)
        self.align()

    def align(self) -> None:
        header = self.table.horizontalHeader()
        offset = self.table.verticalHeader().width() + self.table.frameWidth()
        for i, name in enumerate(self.headers):
            combo = self.combos.get(name)
            if combo is None:
                continue
            text = combo.fontMetrics().horizontalAdvance(combo.currentText()) + 40  # + the arrow and padding
            width = max(120, text, header.sectionSize(i))
            header.resizeSection(i, width)
            combo.setFixedWidth(width)
        self.row.setContentsMargins(offset, 0, 0, 0)
        self.host.adjustSize()
        # room for the table's vertical scroll bar at the right end, so the two scroll the same way
        self.horizontalScrollBar().setRange(0, self.table.horizontalScrollBar().maximum())
        self.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())
