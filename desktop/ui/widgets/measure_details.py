"""The panel beside the measures tree: the selected measure's name and rating history, its rating
and linked figures per year (are the figures moving?), the link buttons and its notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.presenters.measures import MeasureDetails
from desktop.ui.clicks import on_click


def tool_button(text: str, tip: str = "", slot=None) -> QToolButton:
    """A text-only tool button (the measures page's buttons), running `slot` when clicked."""
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip or text)
    b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    if slot is not None:
        on_click(b, slot)
    return b


class MeasureDetailsPanel(QWidget):
    """Widgets only: the page connects the buttons and fills it with `show_details`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        col = QVBoxLayout(self)
        self.title = QLabel(self.tr("Valitse toimenpide nähdäksesi sen arviohistorian ja mittarit."))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight:bold;")
        self.history = QLabel()
        self.history.setWordWrap(True)
        caption = QLabel(self.tr("Arvio ja linkitetyt mittarit vuosittain – liikkuvatko luvut?"))
        caption.setWordWrap(True)
        self.figures = QTableWidget(0, 0)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.figures.setWordWrap(True)
        self.figures.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555;")
        for widget, stretch in ((self.title, 0), (self.history, 0), (caption, 0), (self.figures, 1), (self.note, 0)):
            col.addWidget(widget, stretch)
        buttons = QHBoxLayout()
        self.link_button = tool_button(self.tr("Linkitä mittari"), self.tr(
            "Liitä toimenpiteeseen sovelluksen laskema luku, esim. palvelun asiakkaat / 1 000 asukasta"))
        self.link_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.link_menu = QMenu(self.link_button)
        self.link_button.setMenu(self.link_menu)
        self.unlink_button = tool_button(self.tr("Poista linkki"))
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        col.addLayout(buttons)
        col.addWidget(QLabel(self.tr("Huomiot:")))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(self.tr("Toimenpiteen huomiot (tallentuu, kun kohdistus poistuu)"))
        self.notes_edit.setMaximumHeight(90)
        col.addWidget(self.notes_edit)
        self.setMinimumWidth(340)

    def show_details(self, details: MeasureDetails | None, notes: str, writable: bool, linked: bool) -> None:
        """Show a measure (`details`), or without one the hint to choose one."""
        self.figures.clear()
        self.figures.setRowCount(0)
        self.figures.setColumnCount(0)
        self.note.clear()
        self.notes_edit.blockSignals(True)
        self.notes_edit.setPlainText(notes)
        self.notes_edit.setEnabled(writable)
        self.notes_edit.blockSignals(False)
        self.link_button.setEnabled(writable)
        self.unlink_button.setEnabled(writable and linked)
        if details is None:
            self.title.setText(self.tr("Valitse toimenpide nähdäksesi sen arviohistorian ja mittarit."))
            self.history.clear()
            return
        self.title.setText(details.title)
        self.history.setText(details.history)
        self.figures.setRowCount(len(details.years))
        self.figures.setColumnCount(len(details.headers))
        self.figures.setVerticalHeaderLabels([str(y) for y in details.years])
        for j, (text, tip) in enumerate(zip(details.headers, details.tips, strict=True)):
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            self.figures.setHorizontalHeaderItem(j, item)
        for j, column in enumerate(details.columns):
            for i, text in enumerate(column):
                self.figures.setItem(i, j, QTableWidgetItem(text))
        self.figures.resizeColumnsToContents()
        self.note.setText(details.note)
