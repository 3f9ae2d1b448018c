"""The one read-only table model of the pages: rows are records (plain dicts) or the rows of a
DataFrame.

- Records with `Column`s: each column says how a record is shown, how it sorts and whether it is a
  figure (right-aligned); a record's "tooltip" is its tooltip, an "empty" record is greyed out.
- A DataFrame without columns: headers and cells in the UI language (desktop.ui.report_texts), text
  left and figures (and hidden marks) right; the frame is already suppressed for privacy.
The sort role (`SORT_ROLE`, Qt's UserRole) gives the raw value, so a QSortFilterProxyModel sorts
figures as figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.analysis import privacy
from desktop.analysis.disclosure import RESOURCE_FIGURES
from desktop.ui import report_texts

SORT_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One table column: its header, how a record is shown and how it sorts."""

    header: str
    display: Callable[[dict], str]
    sort: Callable[[dict], Any]
    numeric: bool = False


class FrameModel(QAbstractTableModel):
    """A read-only table over records (`set_records`, with `columns`) or a DataFrame (`set_frame`)."""

    def __init__(self, parent=None, columns: list[Column] | None = None):
        super().__init__(parent)
        self.columns: list[Column] = list(columns or [])
        self.records: list[dict] = []
        self.frame = pd.DataFrame()

    # ------------------------------------------------------------------ content
    def set_records(self, records: list[dict]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.frame = pd.DataFrame()
        self.endResetModel()

    def set_frame(self, frame: pd.DataFrame | None) -> None:
        self.beginResetModel()
        self.frame = (frame if frame is not None else pd.DataFrame()).reset_index(drop=True)
        self.records = []
        self.endResetModel()

    def record(self, row: int) -> dict:
        if self.records:
            return self.records[row]
        return {str(k): v for k, v in self.frame.iloc[row].items()}

    def _framed(self) -> bool:
        return not self.columns

    # ------------------------------------------------------------------ QAbstractTableModel
    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        if parent.isValid():
            return 0
        return len(self.frame) if self._framed() else len(self.records)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        if parent.isValid():
            return 0
        return len(self.frame.columns) if self._framed() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        if self._framed():
            return self._frame_data(index.row(), index.column(), role)
        column = self.columns[index.column()]
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == SORT_ROLE:
            return column.sort(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.get("tooltip")
        if role == Qt.ItemDataRole.ForegroundRole and record.get("empty"):
            return QBrush(QColor("#808080"))  # e.g. a dataset nothing has been imported into
        return None

    def _frame_data(self, row: int, col: int, role: int) -> Any:
        name = str(self.frame.columns[col])
        value = self.frame.iat[row, col]
        if role == Qt.ItemDataRole.DisplayRole:
            return report_texts.cell(value, name)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft if isinstance(value, str) and not privacy.is_hidden_mark(value)
                       else Qt.AlignmentFlag.AlignRight) | int(Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and self._framed()
                and 0 <= section < self.columnCount() and str(self.frame.columns[section]) in RESOURCE_FIGURES):
            return self.resource_tooltip()
        if role != Qt.ItemDataRole.DisplayRole or section < 0:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if section < self.rowCount() else None
        if self._framed():
            return report_texts.header(str(self.frame.columns[section])) if section < self.columnCount() else None
        return self.columns[section].header if section < len(self.columns) else None

    def resource_tooltip(self) -> str:
        """Why an FTE or ledger cell may show "–" (the rule is analysis.disclosure's)."""
        return self.tr("Henkilötyövuodet ja kirjanpidon eurot on kohdennettu palveluille tapahtumien euroilla. "
                       "– = ei näytetä: rivin jonkin palvelun asiakasmäärä on piilotettu (alle viisi asiakasta "
                       "tai piilotettu sen rinnalla), ja näistä luvuista voisi laskea sen eurot; tai riville ei "
                       "ole kohdennettu henkilöstöä tai kirjanpitoa.")
