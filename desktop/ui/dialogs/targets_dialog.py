"""The targets dialog of the traffic lights page (Finnish: Tavoitteet): the store's targets with their
status; add (or replace) and delete targets. What it lists and writes goes through the page's Qt-free
presenter (desktop.presenters.traffic_lights)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from desktop.core.errors import UserError
from desktop.ui.clicks import on_click
from desktop.ui.models.frame_model import FrameModel


class TargetsDialog(QDialog):
    """The targets of the store with their status; add (or replace) and delete targets."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.presenter = page.presenter
        self.setWindowTitle(self.tr("Tavoitteet"))
        layout = QVBoxLayout(self)
        self.table = QTableView()
        self.model = FrameModel(self)
        self.table.setModel(self.model)
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table)
        form = QHBoxLayout()
        self.segment_box = QComboBox()
        for name in page.data.membership.names:
            self.segment_box.addItem(name)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(page.years()[-1] if page.years() else 2025)
        self.level_box = QComboBox()
        for key, text in (("green", self.tr("vihreä")), ("yellow", self.tr("keltainen")), ("red", self.tr("punainen"))):
            self.level_box.addItem(text, key)
        self.measure_box = QComboBox()
        for key, text in (("cost_eur", self.tr("eurot")), ("clients", self.tr("asiakkaat")),
                          ("contacts", self.tr("käynnit"))):
            self.measure_box.addItem(text, key)
        self.direction_box = QComboBox()
        self.direction_box.addItem(self.tr("vähintään"), True)
        self.direction_box.addItem(self.tr("enintään"), False)
        self.share_spin = QDoubleSpinBox()
        self.share_spin.setRange(0, 100)
        self.share_spin.setSuffix(" %")
        self.share_spin.setValue(40)
        add = QPushButton(self.tr("Lisää tavoite"))
        on_click(add, self.add_target)
        remove = QPushButton(self.tr("Poista valittu"))
        on_click(remove, self.remove_selected)
        for w in (self.segment_box, self.year_spin, self.level_box, self.measure_box, self.direction_box,
                  self.share_spin, add, remove):
            form.addWidget(w)
        layout.addLayout(form)
        self.message = QLabel()
        layout.addWidget(self.message)
        self.resize(900, 420)
        self.ids: list[int] = []
        self.reload()

    def reload(self) -> None:
        frame, ids = self.presenter.targets()
        if frame is None:  # the page is loading the store again: the list follows at the next open
            return
        self.ids = ids
        self.model.set_frame(frame)

    def add_target(self) -> None:
        try:
            self.presenter.add_target(self.segment_box.currentText(), self.year_spin.value(),
                                      self.level_box.currentData(), self.measure_box.currentData(),
                                      self.share_spin.value() / 100.0, bool(self.direction_box.currentData()))
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        self.reload()
        self.page.store_modified.emit()

    def remove_selected(self) -> None:
        # any selected cell marks its row (selectedRows() needs every column selected, which a
        # hidden or not-yet-laid-out column can prevent)
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        if not rows and self.table.currentIndex().isValid():  # the focused row counts as chosen
            rows = [self.table.currentIndex().row()]
        self.presenter.delete_targets([self.ids[row] for row in rows])
        if rows:
            self.reload()
            self.page.store_modified.emit()
