"""The Qt model of the development measures page: goals > focus areas > measures with the months as
columns, over the plain tree and tracker of desktop.presenters.measures; and the rating drop-down of
the month cells. Edits go to the presenter through the page's `apply` (it shows a refused edit)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from desktop.core.measures import (
    NO_RATING_COLOUR,
    RATING_COLOURS,
    RATING_TEXT_COLOURS,
    Month,
    Tracker,
    rating_label,
    rating_scale,
)
from desktop.presenters.measures import DETAILS, MeasuresPresenter, TreeNode, build_tree, tree_shape

# Columns: the name, then one per followed month (the ratings, where the eye goes first), then details.
COL_NAME = 0
FIRST_MONTH_COLUMN = 1
RATING_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


class MeasureTreeModel(QAbstractItemModel):
    """Goals > focus areas > measures over a `Tracker`; months are columns after the fixed ones.

    An edit calls `apply(edit, *args)` with one of the presenter's edits (so it can be undone and a
    refused one is shown); the model is refreshed from the store afterwards with `set_tracker`.
    """

    def __init__(self, presenter: MeasuresPresenter, apply: Callable[..., object], parent: QObject | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.apply = apply
        self.tracker = Tracker()
        self.months: list[Month] = []
        self.roots: list[TreeNode] = []
        self.editable = True

    # ------------------------------------------------------------- structure
    def set_tracker(self, tracker: Tracker) -> None:
        """Show `tracker`; a full reset only when goals, areas, measures or months changed."""
        roots = build_tree(tracker)
        months = tracker.all_months()
        if months == self.months and tree_shape(roots) == tree_shape(self.roots):
            self.tracker = tracker
            self._emit_all_changed(self.roots, QModelIndex())
            return
        self.beginResetModel()
        self.tracker, self.roots, self.months = tracker, roots, months
        self.endResetModel()

    def _emit_all_changed(self, nodes: list[TreeNode], parent: QModelIndex) -> None:
        if not nodes:
            return
        self.dataChanged.emit(self.index(0, 0, parent), self.index(len(nodes) - 1, self.columnCount() - 1, parent))
        for node in nodes:
            if node.children:
                self._emit_all_changed(node.children, self.index(node.row, 0, parent))

    def node(self, index: QModelIndex) -> TreeNode | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, key: tuple, column: int = 0) -> QModelIndex:
        """The index of the node with `key` (see TreeNode.key), or an invalid index."""
        def find(nodes, parent):
            for n in nodes:
                idx = self.index(n.row, 0, parent)
                if n.key == key:
                    return self.index(n.row, column, parent)
                found = find(n.children, idx)
                if found.isValid():
                    return found
            return QModelIndex()

        return find(self.roots, QModelIndex())

    def month_of(self, column: int) -> Month | None:
        i = column - FIRST_MONTH_COLUMN
        return self.months[i] if 0 <= i < len(self.months) else None

    def month_column(self, month: str) -> int:
        """The column of a month given as text ('2021-05'); the name column when the month is not shown."""
        months = [str(m) for m in self.months]
        return FIRST_MONTH_COLUMN + months.index(month) if month in months else COL_NAME

    def detail_of(self, column: int) -> str | None:
        """'responsible', 'notes' or 'indicators' for the detail columns after the months."""
        i = column - FIRST_MONTH_COLUMN - len(self.months)
        return DETAILS[i] if 0 <= i < len(DETAILS) else None

    def column_of(self, detail: str) -> int:
        return FIRST_MONTH_COLUMN + len(self.months) + DETAILS.index(detail)

    # ------------------------------------------------------------ Qt model API
    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        nodes = self.roots if not parent.isValid() else parent.internalPointer().children
        if 0 <= row < len(nodes) and 0 <= column < self.columnCount():
            return self.createIndex(row, column, nodes[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        return QModelIndex() if up is None else self.createIndex(up.row, 0, up)

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self.roots)
        if parent.column() != 0:
            return 0
        return len(parent.internalPointer().children)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return FIRST_MONTH_COLUMN + len(self.months) + len(DETAILS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == COL_NAME:
                return self.tr("Hyötytavoite / kärki / toimenpide")
            month = self.month_of(section)
            if month is not None:
                return month.label()
            return {"responsible": self.tr("Vastuuhenkilö"), "notes": self.tr("Huomiot"),
                    "indicators": self.tr("Mittarit")}.get(self.detail_of(section))
        if role == Qt.ItemDataRole.ToolTipRole and self.month_of(section) is not None:
            return self.tr("Arvio kuukaudelta {0} (1-5)").format(self.month_of(section).label())
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        if node.kind == "goal":
            return self._caption_data(self.tracker.goal(node.goal_id), node, index.column(), role)
        if node.kind == "area":
            return self._caption_data(self.tracker.area(node.area_id), node, index.column(), role)
        return self._measure_data(self.tracker.measure(node.measure_id), index.column(), role)

    def _caption_data(self, item, node: TreeNode, col: int, role):
        """A goal's or focus area's row: its name with how many measures it has, and its notes."""
        goal = node.kind == "goal"
        if col == COL_NAME and role == Qt.ItemDataRole.DisplayRole:
            n = len(self.tracker.measures_of(goal_id=item.id)) if goal else len(node.children)
            return f"{item.name}  ({n})"
        if col == COL_NAME and role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return item.name
        if self.detail_of(col) == "notes" and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.notes
        if role == Qt.ItemDataRole.FontRole:
            f = QFont()
            if goal:
                f.setBold(True)
            else:
                f.setItalic(True)
            return f
        return None

    def _measure_data(self, measure, col: int, role):
        month = self.month_of(col)
        if month is not None:
            value = self.tracker.rating(measure.id, month)
            if role == Qt.ItemDataRole.DisplayRole:
                return rating_label(value) if value is not None else "–"
            if role in (Qt.ItemDataRole.EditRole, RATING_ROLE):
                return value
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(RATING_COLOURS[value] if value is not None else NO_RATING_COLOUR))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(RATING_TEXT_COLOURS[value] if value is not None else "#888888"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{measure.name}\n{month.label()}: {rating_label(value) or self.tr('ei arvioitu')}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            detail = self.detail_of(col)
            if col == COL_NAME:
                return measure.name
            if detail in ("responsible", "notes"):
                return getattr(measure, detail)
            if detail == "indicators":
                n = len(measure.indicators)
                if role == Qt.ItemDataRole.ToolTipRole:
                    return "\n".join(measure.indicators) or self.tr("Ei linkitettyjä mittareita")
                return self.tr("{0} kpl").format(n) if n else ""
        return None

    def flags(self, index: QModelIndex):
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.editable:
            return base
        col = index.column()
        detail = self.detail_of(col)
        editable = (
            (node.kind in ("goal", "area") and (col == COL_NAME or detail == "notes"))
            or (node.kind == "measure" and (col == COL_NAME or detail in ("responsible", "notes")))
            or (node.kind == "measure" and self.month_of(col) is not None)
        )
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        node = self.node(index)
        month = self.month_of(index.column())
        if month is not None:
            return bool(self.apply(self.presenter.rate, node.measure_id, month, value))
        name = "name" if index.column() == COL_NAME else self.detail_of(index.column())
        return bool(self.apply(self.presenter.edit_node, node, name, value))


class RatingDelegate(QStyledItemDelegate):
    """A drop-down of the scale ('1 ei aloitettu' ... '5 käytössä', or empty) for month cells."""

    @staticmethod
    def _is_month(index) -> bool:
        return index.model().month_of(index.column()) is not None

    def createEditor(self, parent, option, index):
        if not self._is_month(index):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItem(self.tr("– (ei arviota)"), None)
        for value, word in rating_scale():
            combo.addItem(f"{value} {word}", value)
        return combo

    def setEditorData(self, editor, index):
        if not self._is_month(index):
            return super().setEditorData(editor, index)
        value = index.data(RATING_ROLE)
        editor.setCurrentIndex(0 if value is None else int(value))

    def setModelData(self, editor, model, index):
        if not self._is_month(index):
            return super().setModelData(editor, model, index)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
