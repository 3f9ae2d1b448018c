"""The Qt model of the import dialog's preview (over desktop.presenters.importing.ImportPreview) and the
field labels of desktop.importers.mapping marked for translation in the dialog's context."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.importers.problems import mask_value
from desktop.presenters.importing import ImportPreview

PROBLEM_BRUSH = QBrush(QColor(255, 205, 205))
# Field labels of desktop.importers.mapping (Finnish only there), marked here so pyside6-lupdate collects
# them into the ImportDialog context; tests/ui/test_translations.py checks that each one is translated.
FIELD_LABELS = (
    QT_TRANSLATE_NOOP("ImportDialog", "AURA-koodi"),
    QT_TRANSLATE_NOOP("ImportDialog", "AURA-nimi"),
    QT_TRANSLATE_NOOP("ImportDialog", "ammattiluokka"),
    QT_TRANSLATE_NOOP("ImportDialog", "erityislaki"),
    QT_TRANSLATE_NOOP("ImportDialog", "henkilö"),
    QT_TRANSLATE_NOOP("ImportDialog", "ikä"),
    QT_TRANSLATE_NOOP("ImportDialog", "kohde"),
    QT_TRANSLATE_NOOP("ImportDialog", "koko"),
    QT_TRANSLATE_NOOP("ImportDialog", "kapasiteetti"),
    QT_TRANSLATE_NOOP("ImportDialog", "kulkutapa"),
    QT_TRANSLATE_NOOP("ImportDialog", "kunta"),
    QT_TRANSLATE_NOOP("ImportDialog", "kustannus"),
    QT_TRANSLATE_NOOP("ImportDialog", "käynnin luonne"),
    QT_TRANSLATE_NOOP("ImportDialog", "käyntisyy"),
    QT_TRANSLATE_NOOP("ImportDialog", "leveysaste"),
    QT_TRANSLATE_NOOP("ImportDialog", "lukumäärä"),
    QT_TRANSLATE_NOOP("ImportDialog", "lähde"),
    QT_TRANSLATE_NOOP("ImportDialog", "lähtöruutu"),
    QT_TRANSLATE_NOOP("ImportDialog", "minuutit"),
    QT_TRANSLATE_NOOP("ImportDialog", "määrä"),
    QT_TRANSLATE_NOOP("ImportDialog", "nimi"),
    QT_TRANSLATE_NOOP("ImportDialog", "palvelu"),
    QT_TRANSLATE_NOOP("ImportDialog", "palvelumuoto"),
    QT_TRANSLATE_NOOP("ImportDialog", "pituusaste"),
    QT_TRANSLATE_NOOP("ImportDialog", "päivämäärä"),
    QT_TRANSLATE_NOOP("ImportDialog", "ruutu"),
    QT_TRANSLATE_NOOP("ImportDialog", "sukupuoli"),
    QT_TRANSLATE_NOOP("ImportDialog", "syntymävuosi"),
    QT_TRANSLATE_NOOP("ImportDialog", "tunnus"),
    QT_TRANSLATE_NOOP("ImportDialog", "tuottaja"),
    QT_TRANSLATE_NOOP("ImportDialog", "tyyppi"),
    QT_TRANSLATE_NOOP("ImportDialog", "vuosi"),
    QT_TRANSLATE_NOOP("ImportDialog", "väestö"),
    QT_TRANSLATE_NOOP("ImportDialog", "x"),
    QT_TRANSLATE_NOOP("ImportDialog", "y"),
    QT_TRANSLATE_NOOP("ImportDialog", "yhteystapa"),
    QT_TRANSLATE_NOOP("ImportDialog", "kustannuspaikka"),
    QT_TRANSLATE_NOOP("ImportDialog", "ammattiryhmä"),
    QT_TRANSLATE_NOOP("ImportDialog", "kuukausi"),
    QT_TRANSLATE_NOOP("ImportDialog", "henkilötyövuodet"),
    QT_TRANSLATE_NOOP("ImportDialog", "palkat"),
    QT_TRANSLATE_NOOP("ImportDialog", "henkilöt"),
)


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read; cells with a problem are red with the reason as tooltip.
    Values of the person id column are masked (the screen shows no identity codes either)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.frame = pd.DataFrame()
        self.lines: list[int] = []
        self.problems: dict[tuple[int, str], str] = {}
        self.masked_column: str | None = None

    def set_preview(self, preview: ImportPreview) -> None:
        self.beginResetModel()
        self.frame, self.lines = preview.frame, preview.lines
        self.problems, self.masked_column = preview.problems, preview.masked_column
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.frame)

    def columnCount(self, parent=None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.frame.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.frame.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self.frame.iat[index.row(), index.column()]
            if value is None or (isinstance(value, float) and value != value):
                return ""
            if column == self.masked_column:
                return mask_value(value, person=True)
            return mask_value(value, limit=60)
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), column) in self.problems:
            return PROBLEM_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problems.get((index.row(), column))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self.frame.columns[section]) if section < len(self.frame.columns) else None
        return str(self.lines[section]) if section < len(self.lines) else str(section + 1)
