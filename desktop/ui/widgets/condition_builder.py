"""Condition builder: edits a list of conditions (all must hold) as rows of field, operator and
values, with completion from the values present in the store.

Reusable by any rule editor (classification, segments): give it the fields (key -> (kind,
label)), the operators per kind (key -> label) and a `values_for(field) -> list[str]` callable.
It emits `conditions_changed(list[Condition])` once per finished edit (a value typed and Enter or
focus out, a field or operator picked, a row added or removed); `set_conditions` does not emit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lang import t
from desktop.core.rules import (
    FIELD_LABELS,
    FIELDS,
    OPERATOR_LABELS,
    OPERATORS_BY_KIND,
    Condition,
    split_values,
)
from desktop.ui.clicks import on_click

NO_BOUND = -1.0  # spin box value shown as "-" (open bound)


def classification_fields() -> dict[str, tuple[str, str]]:
    """The event fields of the classification rules: key -> (kind, label in the current language)."""
    return {key: (kind, t(*FIELD_LABELS[key])) for key, kind in FIELDS.items()}


def classification_operators() -> dict[str, dict[str, str]]:
    """Operators per field kind: kind -> {operator key: label}."""
    return {kind: {op: t(*OPERATOR_LABELS[op]) for op in ops} for kind, ops in OPERATORS_BY_KIND.items()}


class _MultiValueCompleter(QCompleter):
    """Completes the value after the last comma ('T21, T2' -> 'T21, T22')."""

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt override
        value = super().pathFromIndex(index)
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + value

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [path.rsplit(",", 1)[-1].strip()]


class ConditionRow(QWidget):
    """One condition: field, operator, values (or low-high for numbers), remove button."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, builder: ConditionBuilder, condition: Condition | None = None):
        super().__init__(builder)
        self.builder = builder
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QComboBox()
        for key, (_kind, label) in builder.fields.items():
            self.field.addItem(label, key)
        self.op = QComboBox()
        self.values = QLineEdit()
        self.values.setPlaceholderText(self.tr("arvot pilkuin eroteltuina, esim. T21, T22"))
        self.low = QDoubleSpinBox()
        self.high = QDoubleSpinBox()
        for box in (self.low, self.high):
            box.setRange(NO_BOUND, 150)
            box.setDecimals(0)
            box.setSpecialValueText("-")
        self.remove = QPushButton("✕")
        self.remove.setToolTip(self.tr("Poista ehto"))
        self.remove.setFixedWidth(28)
        for w in (self.field, self.op, self.values, self.low, self.high, self.remove):
            layout.addWidget(w)
        layout.setStretch(2, 1)
        self._model = QStringListModel(self)
        self._completer = _MultiValueCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.values.setCompleter(self._completer)
        self._loading = False
        self.set_condition(condition or Condition(next(iter(builder.fields)), "in"))
        self.field.currentIndexChanged.connect(self._field_changed)
        self.op.currentIndexChanged.connect(self._op_changed)
        self.values.editingFinished.connect(self._edited)
        self.low.editingFinished.connect(self._edited)
        self.high.editingFinished.connect(self._edited)
        on_click(self.remove, self.remove_requested.emit, self)

    def kind(self) -> str:
        return self.builder.fields[self.field.currentData()][0]

    def set_condition(self, c: Condition) -> None:
        self._loading = True
        try:
            i = self.field.findData(c.field)
            self.field.setCurrentIndex(max(i, 0))
            self._fill_ops(c.op)
            self.values.setText(", ".join(c.values))
            self.low.setValue(NO_BOUND if c.low is None else c.low)
            self.high.setValue(NO_BOUND if c.high is None else c.high)
            self._show_inputs()
            self._fill_completion()
        finally:
            self._loading = False

    def condition(self) -> Condition:
        op = self.op.currentData()
        if op == "between":
            low = None if self.low.value() <= NO_BOUND else self.low.value()
            high = None if self.high.value() <= NO_BOUND else self.high.value()
            return Condition(self.field.currentData(), op, (), low, high)
        if op in ("is_empty", "not_empty"):
            return Condition(self.field.currentData(), op)
        return Condition(self.field.currentData(), op, split_values(self.values.text()))

    def _fill_ops(self, selected: str | None) -> None:
        self.op.blockSignals(True)
        self.op.clear()
        for key, label in self.builder.operators[self.kind()].items():
            self.op.addItem(label, key)
        i = self.op.findData(selected)
        self.op.setCurrentIndex(max(i, 0))
        self.op.blockSignals(False)

    def _show_inputs(self) -> None:
        op = self.op.currentData()
        self.values.setVisible(op not in ("between", "is_empty", "not_empty"))
        self.low.setVisible(op == "between")
        self.high.setVisible(op == "between")

    def _fill_completion(self) -> None:
        values = self.builder.values_for(self.field.currentData()) if self.kind() != "number" else []
        self._model.setStringList(list(values))

    def _field_changed(self) -> None:
        if self._loading:
            return
        self._fill_ops(self.op.currentData())
        self._show_inputs()
        self._fill_completion()
        self.changed.emit()

    def _op_changed(self) -> None:
        if self._loading:
            return
        self._show_inputs()
        self.changed.emit()

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()


class ConditionBuilder(QWidget):
    """Rows of conditions; see the module docstring."""

    conditions_changed = Signal(list)

    def __init__(self, fields: dict[str, tuple[str, str]] | None = None,
                 operators: dict[str, dict[str, str]] | None = None,
                 values_for: Callable[[str], list[str]] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields = fields or classification_fields()
        self.operators = operators or classification_operators()
        self.values_for = values_for or (lambda _field: [])
        self.rows: list[ConditionRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("Ehdot (kaikkien pitää täyttyä):"))
        outer.addWidget(self.title)
        self.grid = QGridLayout()
        outer.addLayout(self.grid)
        self.empty_label = QLabel(self.tr("Ei ehtoja: sääntö koskee kaikkia tapahtumia."))
        outer.addWidget(self.empty_label)
        self.add_button = QPushButton(self.tr("+ Lisää ehto"))
        on_click(self.add_button, self.add_condition)
        outer.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self._last: list[dict] = []

    def set_conditions(self, conditions: list[Condition]) -> None:
        """Show `conditions` (no signal)."""
        for row in self.rows:
            self._discard(row)
        self.rows = []
        for c in conditions:
            self._append(ConditionRow(self, c))
        self._last = [c.to_dict() for c in conditions]
        self.empty_label.setVisible(not self.rows)

    def conditions(self) -> list[Condition]:
        return [row.condition() for row in self.rows]

    def add_condition(self) -> None:
        self._append(ConditionRow(self))
        self._emit()


    def _append(self, row: ConditionRow) -> None:
        row.changed.connect(self._emit)
        row.remove_requested.connect(self._remove)
        self.grid.addWidget(row, len(self.rows), 0)
        self.rows.append(row)
        self.empty_label.setVisible(False)

    def _discard(self, row: ConditionRow) -> None:
        self.grid.removeWidget(row)
        row.hide()  # deleteLater waits for the event loop: hide it now
        row.setParent(None)
        row.deleteLater()

    def _remove(self, row: ConditionRow) -> None:
        self.rows.remove(row)
        self._discard(row)
        self.empty_label.setVisible(not self.rows)
        self._emit()

    def _emit(self) -> None:
        conditions = self.conditions()
        now = [c.to_dict() for c in conditions]
        if now != self._last:
            self._last = now
            self.conditions_changed.emit(conditions)
