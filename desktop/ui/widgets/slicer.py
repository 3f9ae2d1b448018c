"""A slicer: a drop-down list whose values a planner ticks, one or several ("179 Jyväskylä" and
"182 Jämsä"); nothing ticked means every value.

The list stays open while values are ticked (a click or the space bar ticks the value under the
pointer or the cursor); `selection_changed` is emitted once when the list closes with another
selection than it opened with, so a page redraws once per choice rather than once per tick. The
box itself says what is chosen: "kaikki", the one value's name, or "3 valittu" (the tooltip lists
them all). "kaikki" at the top of the list clears the ticks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter

VALUE_ROLE = Qt.ItemDataRole.UserRole


class Slicer(QComboBox):
    """Values ticked in a drop-down list; `values()` is the ticked values (empty: every value)."""

    #: the ticked values changed (emitted when the list closes, or by `set_values`)
    selection_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._opened_with: tuple[str, ...] | None = None
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.view().viewport().installEventFilter(self)
        self.view().installEventFilter(self)
        self._popup = self.view().window()  # Qt's popup frame: it hides itself on Escape or a click outside
        self._popup.installEventFilter(self)
        self.set_items([])

    # ------------------------------------------------------------------ contents
    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        """The values to choose from as (value, label) pairs; the ticks are cleared (no signal)."""
        self._model.clear()
        every = QStandardItem(self.tr("kaikki"))
        every.setData(None, VALUE_ROLE)
        self._model.appendRow(every)
        for value, label in items:
            item = QStandardItem(str(label))
            item.setData(str(value), VALUE_ROLE)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
            self._model.appendRow(item)
        self.setCurrentIndex(0)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 40)
        self._update_text()

    def items(self) -> list[tuple[str, str]]:
        """The (value, label) pairs of the list."""
        return [(self._model.item(i).data(VALUE_ROLE), self._model.item(i).text()) for i in range(1, self._model.rowCount())]

    def label_of(self, value: str) -> str:
        return dict(self.items()).get(str(value), str(value))

    def values(self) -> tuple[str, ...]:
        """The ticked values in list order; () when none is ticked (every value)."""
        return tuple(self._model.item(i).data(VALUE_ROLE) for i in range(1, self._model.rowCount())
                     if self._model.item(i).checkState() == Qt.CheckState.Checked)

    def set_values(self, values: Sequence[str], notify: bool = True) -> None:
        """Tick exactly `values` (values not in the list are ignored); emits `selection_changed` when the
        selection changes and `notify` is true."""
        before = self.values()
        wanted = {str(v) for v in values}
        for i in range(1, self._model.rowCount()):
            item = self._model.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(VALUE_ROLE) in wanted else Qt.CheckState.Unchecked)
        self._update_text()
        if notify and self.values() != before:
            self.selection_changed.emit()

    def toggle_row(self, row: int) -> None:
        """Tick or untick the value on `row` of the list (row 0, "kaikki", clears every tick)."""
        if row == 0:
            for i in range(1, self._model.rowCount()):
                self._model.item(i).setCheckState(Qt.CheckState.Unchecked)
        elif 0 < row < self._model.rowCount():
            item = self._model.item(row)
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
        self._update_text()

    # ------------------------------------------------------------------ what the box says
    def summary(self) -> str:
        chosen = self.values()
        if not chosen:
            return self.tr("kaikki")
        if len(chosen) == 1:
            return self.label_of(chosen[0])
        return self.tr("%n valittu", "", len(chosen))

    def _update_text(self) -> None:
        chosen = self.values()
        self.setToolTip(", ".join(self.label_of(v) for v in chosen) if chosen else self.tr("kaikki"))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.summary()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    # ------------------------------------------------------------------ the open list
    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self._opened_with = self.values()
        super().showPopup()

    def _popup_closed(self) -> None:
        self.setCurrentIndex(0)
        opened, self._opened_with = self._opened_with, None
        if opened is not None and opened != self.values():
            self.selection_changed.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        view = self.view()
        if obj is self._popup and event.type() == QEvent.Type.Hide:
            self._popup_closed()
            return False
        if obj is view.viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            index = view.indexAt(event.position().toPoint())
            if index.isValid():
                self.toggle_row(index.row())
                return True  # the list stays open for more ticks
        if obj is view.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            return view.indexAt(event.position().toPoint()).isValid()  # no "activated": the list stays open
        if obj is view and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Space,
                                                                                      Qt.Key.Key_Select):
            index: QModelIndex = view.currentIndex()
            if index.isValid():
                self.toggle_row(index.row())
            return True
        return super().eventFilter(obj, event)
