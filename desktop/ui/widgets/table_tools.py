"""What every table of the app can do: Ctrl+C copies the selected cells as tab-separated text that
Excel pastes into cells, and a right-click menu offers "Kopioi", "Kopioi koko taulukko" and "Vie
taulukko…" (Excel or CSV).

`add_table_tools(view)` equips one QTableView / QTreeView; the main window equips every table of every
page. Figures are copied and exported as numbers (no thousands spaces, decimal comma in Finnish), so
Excel can compute with them; "<5" stays text.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from desktop.core.errors import UserError
from desktop.core.lang import language
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask


def _raw(model, index: QModelIndex):
    value = model.data(index, Qt.ItemDataRole.UserRole)
    if isinstance(value, bool) or value is None:
        return model.data(index, Qt.ItemDataRole.DisplayRole)
    if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
        return value
    return model.data(index, Qt.ItemDataRole.DisplayRole)


def _cell_text(value) -> str:
    """A cell as Excel reads it: numbers plain (decimal comma in Finnish), text without line breaks."""
    if value is None:
        return ""
    if hasattr(value, "item"):  # a NumPy figure
        value = value.item()
    if isinstance(value, float):
        text = repr(round(value, 6)).removesuffix(".0")
        return text.replace(".", ",") if language() != "en" else text
    return str(value).replace("\t", " ").replace("\n", " ")


def _path(index: QModelIndex) -> tuple[int, ...]:
    """The rows from the top of a tree down to `index` (a table's row: one number)."""
    rows = []
    while index.isValid():
        rows.append(index.row())
        index = index.parent()
    return tuple(reversed(rows))


def _every_row(model, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent if parent is not None else QModelIndex()
    out = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        out.append(index)
        if model.rowCount(index) > 0:
            out.extend(_every_row(model, index))
    return out


def _rows(view: QAbstractItemView, indexes: list[QModelIndex] | None) -> tuple[list[str], list[list]]:
    """(headers, rows of raw values) of the selected cells, or of the whole table when `indexes` is None;
    rows in the order shown (a tree's rows depth first)."""
    model = view.model()
    hidden = getattr(view, "isColumnHidden", lambda _c: False)
    if indexes is None:
        firsts = _every_row(model)
        columns = [c for c in range(model.columnCount()) if not hidden(c)]
        chosen = {(_path(i), c) for i in firsts for c in columns}
        parents = {_path(i): (i.row(), i.parent()) for i in firsts}
    else:
        valid = [i for i in indexes if i.isValid()]
        chosen = {(_path(i), i.column()) for i in valid}
        parents = {_path(i): (i.row(), i.parent()) for i in valid}
        columns = sorted({c for _, c in chosen if not hidden(c)})
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    out = []
    for path in sorted(parents):
        row, parent = parents[path]
        out.append([_raw(model, model.index(row, c, parent)) if (path, c) in chosen else None for c in columns])
    return headers, out


def table_text(view: QAbstractItemView, whole: bool = False) -> str:
    """The selected cells (or the whole table) as tab-separated lines, the column headers first."""
    indexes = None if whole else view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if not whole and not indexes and view.currentIndex().isValid():
        indexes = [view.currentIndex()]
    headers, rows = _rows(view, indexes)
    lines = ["\t".join(headers)] + ["\t".join(_cell_text(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def table_frame(view: QAbstractItemView) -> pd.DataFrame:
    """The whole table as a DataFrame with the headers shown on screen."""
    headers, rows = _rows(view, None)
    return pd.DataFrame(rows, columns=headers)


def copy_table(view: QAbstractItemView, whole: bool = False) -> str:
    """Put the selection (or the whole table) on the clipboard; returns the text."""
    text = table_text(view, whole)
    QGuiApplication.clipboard().setText(text)
    return text


def export_table(view: QAbstractItemView, name: str = "taulukko") -> Path | None:
    """Ask for a file and write the whole table to it (Excel or CSV). Returns the path written."""
    from desktop.reports.tables import write_csv, write_xlsx

    parent = view.window()
    path = ask.save_file(view, QCoreApplication.translate("TableTools", "Vie taulukko"), f"{name}.xlsx",
                         QCoreApplication.translate("TableTools", "Excel (*.xlsx);;CSV, puolipiste (*.csv)"))
    if not path:
        return None
    frame = table_frame(view)
    try:
        if path.lower().endswith(".csv"):
            write_csv(frame, path)
        else:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            write_xlsx({name[:31] or "Taulukko": frame}, path, finnish_headers=False)
    except (UserError, OSError) as exc:
        ask.warn(parent, QCoreApplication.translate("TableTools", "Vie taulukko"), str(exc))
        return None
    return Path(path)


def table_menu(view: QAbstractItemView, name: str) -> QMenu:
    """The right-click menu of a table (not shown; the caller pops it up)."""
    menu = QMenu(view)
    copy = menu.addAction(QCoreApplication.translate("TableTools", "Kopioi"))
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    on_click(copy, copy_table, view)
    on_click(menu.addAction(QCoreApplication.translate("TableTools", "Kopioi koko taulukko")), copy_table, view, True)
    menu.addSeparator()
    on_click(menu.addAction(QCoreApplication.translate("TableTools", "Vie taulukko…")), export_table, view, name)
    return menu


def add_table_tools(view: QAbstractItemView, name: str = "taulukko") -> None:
    """Ctrl+C and the right-click menu (see the module docstring) for `view`."""
    if getattr(view, "_table_tools", False):
        return
    view._table_tools = True  # type: ignore[attr-defined]
    copy = QAction(view)
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    on_click(copy, copy_table, view)
    view.addAction(copy)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(
        lambda pos: table_menu(view, name).popup(view.viewport().mapToGlobal(pos)))


def add_tools_to_tables(root: QWidget, name: str) -> None:
    """Equip every table and tree view under `root` (a page) with the table tools."""
    from PySide6.QtWidgets import QTableView, QTreeView

    for view in root.findChildren(QAbstractItemView):
        if isinstance(view, QTableView | QTreeView):
            add_table_tools(view, name)
