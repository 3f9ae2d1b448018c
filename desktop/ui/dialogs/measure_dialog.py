"""The dialog of a new development measure (and of moving one): goal, focus area, name, responsible."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from desktop.core.measures import Tracker


class NewMeasureDialog(QDialog):
    """Goal, focus area (pick one or type a new name) and the name of a new measure."""

    def __init__(self, tracker: Tracker, goal_id: int | None, area_id: int | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Uusi kehittämistoimenpide"))
        form = QFormLayout(self)
        self.goal = QComboBox()
        for g in tracker.goals:
            self.goal.addItem(g.name, g.id)
        if goal_id is not None:
            self.goal.setCurrentIndex(max(0, self.goal.findData(goal_id)))
        self.area = QComboBox()
        self.area.setEditable(True)
        for a in tracker.areas:
            self.area.addItem(a.name, a.id)
        if area_id is not None:
            self.area.setCurrentIndex(max(0, self.area.findData(area_id)))
        self.name = QLineEdit()
        self.responsible = QLineEdit()
        form.addRow(self.tr("Hyötytavoite"), self.goal)
        form.addRow(self.tr("Kärki (valitse tai kirjoita uusi)"), self.area)
        form.addRow(self.tr("Toimenpide"), self.name)
        form.addRow(self.tr("Vastuuhenkilö"), self.responsible)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(640, 10)

    def area_choice(self) -> int | str:
        text = self.area.currentText().strip()
        i = self.area.findText(text)
        return self.area.itemData(i) if i >= 0 else text
