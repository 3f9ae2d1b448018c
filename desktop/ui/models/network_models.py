"""Qt models of the service network page over plain data: the reach goals with their figures
(`GoalsModel`, a list of ReachGoal and their GoalResults) and read-only tables with headers in the
planners' words (`HeadedFrameModel`, a DataFrame: per municipality, centre rules, catchments, the
scenario comparison)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.analysis.reach import ReachGoal
from desktop.charts.numbers import number, short
from desktop.charts.reach import MET_COLOUR, NOT_MET_COLOUR
from desktop.presenters.network import edited_goal

_ROOT = QModelIndex()


class GoalsModel(QAbstractTableModel):
    """Reach goals with their current coverage. Edits go through `edit_requested` (undoable)."""

    COLUMNS = ("name", "types", "sizes", "population", "minutes", "target", "coverage", "status", "below",
               "not_covered", "no_route")
    EDITABLE = {"name", "types", "sizes", "population", "minutes", "target"}
    edit_requested = Signal(int, object)  # row, new ReachGoal

    def __init__(self, parent=None):
        super().__init__(parent)
        self.goals: list[ReachGoal] = []
        self.results: list = []

    def headers(self) -> list[str]:
        return [self.tr("Tavoite"), self.tr("Toimipistetyypit"), self.tr("Koot"), self.tr("Kohdeväestö"),
                self.tr("Aikaraja (min)"), self.tr("Tavoite %"), self.tr("Kattavuus %"), self.tr("Tila"),
                self.tr("Kunnat alle tavoitteen"), self.tr("Kattamatta (hlö)"), self.tr("Ei reittiä (hlö)")]

    def set_data(self, goals: list[ReachGoal], results: list) -> None:
        self.beginResetModel()
        self.goals, self.results = list(goals), list(results)
        self.endResetModel()

    def update_results(self, results: list) -> None:
        self.results = list(results)
        if self.goals:
            self.dataChanged.emit(self.index(0, 6), self.index(len(self.goals) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.goals)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.COLUMNS[index.column()] in self.EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _result(self, row):
        return self.results[row] if row < len(self.results) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.goals):
            return None
        goal, key = self.goals[index.row()], self.COLUMNS[index.column()]
        result = self._result(index.row())
        ok = result is not None and not isinstance(result, Exception)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(goal, key, result, ok, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.BackgroundRole and key == "status" and ok:
            return QBrush(QColor(MET_COLOUR if result.met else NOT_MET_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and ok:
            return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.BackgroundRole and key == "below" and ok and len(result.below_target()):
            return QBrush(QColor("#f8d7da"))  # a badge: some municipalities fall short
        if role == Qt.ItemDataRole.ToolTipRole and key == "below" and ok and len(result.below_target()):
            return self.tr("Alle tavoitteen {0} %: ").format(short(goal.target_pct)) + ", ".join(
                f"{r.name} {number(r.share_pct, 1)} %" for r in result.below_target().itertuples(index=False))
        if role == Qt.ItemDataRole.ToolTipRole and ok and result.estimate:
            return self.tr("Luvut perustuvat osin linnuntie-arvioon (etäisyys × kiertokerroin / nopeus).")
        if role == Qt.ItemDataRole.UserRole and ok:  # sort/test role: the real numbers
            return {"coverage": result.coverage.share_pct, "not_covered": result.coverage.not_covered,
                    "no_route": result.coverage.no_route, "below": len(result.below_target())}.get(key)
        return None

    def _text(self, goal: ReachGoal, key: str, result, ok: bool, edit: bool):
        """A cell's text (or, with `edit`, the value the editor starts from)."""
        if key == "name":
            return goal.name
        if key == "types":
            return ", ".join(goal.site_types)
        if key == "sizes":
            return ", ".join(goal.sizes) if (goal.sizes or edit) else self.tr("kaikki")
        if key == "population":  # the grid's column name in planners' words ("population" is a code)
            names = {"population": self.tr("koko väestö"), "pop_65plus": self.tr("65 vuotta täyttäneet")}
            return goal.population_column if edit else names.get(goal.population_column, goal.population_column)
        if key == "minutes":
            return goal.minutes if edit else short(goal.minutes)
        if key == "target":
            return goal.target_pct if edit else short(goal.target_pct)
        if not ok:
            return str(result) if key == "status" and result is not None else ""
        if key == "coverage":
            return number(result.coverage.share_pct, 1) + (" *" if result.estimate else "")
        if key == "status":
            return self.tr("toteutuu") if result.met else self.tr("ei toteudu")
        if key == "below":
            n = len(result.below_target())
            return self.tr("ei yhtään") if n == 0 else self.tr("1 kunta") if n == 1 else \
                self.tr("{0} kuntaa").format(n)
        if key == "not_covered":
            return number(result.coverage.not_covered)
        if key == "no_route":
            return number(result.coverage.no_route)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        new = edited_goal(self.goals[index.row()], self.COLUMNS[index.column()], value)
        if new is None:
            return False
        self.edit_requested.emit(index.row(), new)
        return True


class HeadedFrameModel(QAbstractTableModel):
    """A read-only DataFrame with Finnish headers ({column: header}); numbers right-aligned, one
    decimal in columns ending in 'pct', whole numbers elsewhere; UserRole = raw value."""

    def __init__(self, headers: dict[str, str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.frame = pd.DataFrame(columns=list(headers))

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame[list(self.headers)].reset_index(drop=True)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return list(self.headers.values())[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, float | np.floating):
                name = self.frame.columns[index.column()]
                return number(value, 1) if name.endswith("pct") else number(value)
            if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
                return number(value)  # '144 299', not '144299'
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, float | int | np.number):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return value.item() if hasattr(value, "item") else value
        return None
