"""Development measures page (Finnish: Kehittämistoimenpiteet): the monthly self-assessment tracker.

A tree of benefit goals > focus areas > measures with the months as columns (ratings 1-5 picked
from a drop-down that shows the scale's words), the heat map and the distributions below, and on the
right the selected measure's rating history beside its linked figures per year. Every edit is a
command on an UndoStack (Ctrl+Z / Ctrl+Shift+Z) and is saved to the store at once.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.charts import measures as charts
from desktop.charts.numbers import number
from desktop.core.command import Command, UndoStack
from desktop.core.errors import SaveConflict, UserError
from desktop.core.measures import (
    NO_RATING_COLOUR,
    RATING_COLOURS,
    RATING_TEXT_COLOURS,
    Month,
    Tracker,
    rating_label,
    rating_scale,
)
from desktop.services import measures as svc
from desktop.ui.clicks import menu_action, on_click
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import Page
from desktop.ui.widgets.chart_toolbar import ChartHover

# Columns: the name, then one per followed month (the ratings, where the eye goes first), then details.
COL_NAME = 0
FIRST_MONTH_COLUMN = 1
DETAILS = ("responsible", "notes", "indicators")
RATING_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


@dataclass
class _Node:
    kind: str  # 'goal', 'area' (a focus area under one goal) or 'measure'
    goal_id: int
    area_id: int = 0
    measure_id: int = 0
    parent: _Node | None = None
    children: list[_Node] | None = None
    row: int = 0

    @property
    def key(self) -> tuple:
        return (self.kind, self.goal_id, self.area_id, self.measure_id)


class MeasureTreeModel(QAbstractItemModel):
    """Goals > focus areas > measures over a `Tracker`; months are columns after the fixed ones.

    Edits go through `page.push(command)` so they can be undone; the model is refreshed from the
    store afterwards with `set_tracker`.
    """

    def __init__(self, page: MeasuresPage):
        super().__init__(page)
        self.page = page
        self.tracker = Tracker()
        self.months: list[Month] = []
        self.roots: list[_Node] = []
        self.editable = True

    # ------------------------------------------------------------- structure
    def _build(self, tracker: Tracker) -> list[_Node]:
        roots = []
        for gi, goal in enumerate(sorted(tracker.goals, key=lambda g: (g.position, g.id))):
            gnode = _Node("goal", goal.id, row=gi, children=[])
            for area in sorted(tracker.areas, key=lambda a: (a.position, a.id)):
                measures = tracker.measures_of(goal.id, area.id)
                if not measures:
                    continue
                anode = _Node("area", goal.id, area.id, parent=gnode, row=len(gnode.children), children=[])
                anode.children = [_Node("measure", goal.id, area.id, m.id, parent=anode, row=i, children=[])
                                  for i, m in enumerate(measures)]
                gnode.children.append(anode)
            roots.append(gnode)
        return roots

    @staticmethod
    def _shape(roots: list[_Node]) -> list:
        return [(g.key, [(a.key, [m.key for m in a.children]) for a in g.children]) for g in roots]

    def set_tracker(self, tracker: Tracker) -> None:
        """Show `tracker`; a full reset only when goals, areas, measures or months changed."""
        roots = self._build(tracker)
        months = tracker.all_months()
        if months == self.months and self._shape(roots) == self._shape(self.roots):
            self.tracker = tracker
            self._emit_all_changed(self.roots, QModelIndex())
            return
        self.beginResetModel()
        self.tracker, self.roots, self.months = tracker, roots, months
        self.endResetModel()

    def _emit_all_changed(self, nodes: list[_Node], parent: QModelIndex) -> None:
        if not nodes:
            return
        self.dataChanged.emit(self.index(0, 0, parent), self.index(len(nodes) - 1, self.columnCount() - 1, parent))
        for node in nodes:
            if node.children:
                self._emit_all_changed(node.children, self.index(node.row, 0, parent))

    def node(self, index: QModelIndex) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, key: tuple, column: int = 0) -> QModelIndex:
        """The index of the node with `key` (see _Node.key), or an invalid index."""
        def find(nodes, parent):
            for n in nodes:
                idx = self.index(n.row, 0, parent)
                if n.key == key:
                    return self.index(n.row, column, parent)
                found = find(n.children or [], idx)
                if found.isValid():
                    return found
            return QModelIndex()

        return find(self.roots, QModelIndex())

    def month_of(self, column: int) -> Month | None:
        i = column - FIRST_MONTH_COLUMN
        return self.months[i] if 0 <= i < len(self.months) else None

    def detail_of(self, column: int) -> str | None:
        """'responsible', 'notes' or 'indicators' for the detail columns after the months."""
        i = column - FIRST_MONTH_COLUMN - len(self.months)
        return DETAILS[i] if 0 <= i < len(DETAILS) else None

    def column_of(self, detail: str) -> int:
        return FIRST_MONTH_COLUMN + len(self.months) + DETAILS.index(detail)

    # ------------------------------------------------------------ Qt model API
    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        nodes = self.roots if not parent.isValid() else (parent.internalPointer().children or [])
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
        return len(parent.internalPointer().children or [])

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
        col = index.column()
        tr = self.tracker
        if node.kind == "goal":
            goal = tr.goal(node.goal_id)
            if col == COL_NAME and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                n = len(tr.measures_of(goal_id=goal.id))
                return f"{goal.name}  ({n})" if role == Qt.ItemDataRole.DisplayRole else goal.name
            if col == COL_NAME and role == Qt.ItemDataRole.EditRole:
                return goal.name
            if self.detail_of(col) == "notes" and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return goal.notes
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setBold(True)
                return f
            return None
        if node.kind == "area":
            area = tr.area(node.area_id)
            if col == COL_NAME and role == Qt.ItemDataRole.DisplayRole:
                return f"{area.name}  ({len(node.children or [])})"
            if col == COL_NAME and role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
                return area.name
            if self.detail_of(col) == "notes" and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return area.notes
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setItalic(True)
                return f
            return None
        measure = tr.measure(node.measure_id)
        month = self.month_of(col)
        if month is not None:
            value = tr.rating(measure.id, month)
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
            if detail == "responsible":
                return measure.responsible
            if detail == "notes":
                return measure.notes
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
        col = index.column()
        store = self.page.store
        try:
            if self.month_of(col) is not None:
                value = None if value in (None, "", 0) else int(value)
                if value == self.tracker.rating(node.measure_id, self.month_of(col)):
                    return False
                command: Command = svc.SetRating(store, node.measure_id, self.month_of(col), value)
            else:
                field = "name" if col == COL_NAME else self.detail_of(col)
                if str(value) == str(self.data(index, Qt.ItemDataRole.EditRole) or ""):
                    return False
                kind, item_id = {"goal": ("goal", node.goal_id), "area": ("area", node.area_id),
                                 "measure": ("measure", node.measure_id)}[node.kind]
                command = svc.EditField(store, kind, item_id, field, value)
        except UserError as exc:
            self.page.show_error(str(exc))
            return False
        return self.page.push(command)


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


class MeasuresPage(Page):
    title_fi = "Kehittämistoimenpiteet"
    key = "measures"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = UndoStack()
        self.undo_stack.listeners.append(self._stack_changed)
        self.tracker = Tracker()
        self._charts_dirty = True
        self._figure_cache: dict[tuple, object] = {}

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self._scale_legend())

        self.model = MeasureTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(RatingDelegate(self.tree))
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setUniformRowHeights(True)
        self.tree.installEventFilter(self)  # digits 1-5 rate the current month cell directly
        self.tree.setWordWrap(False)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_details())
        self.model.modelReset.connect(self._after_reset)

        self.tabs = QTabWidget()
        self.chart_canvases: dict[str, FigureCanvasQTAgg] = {}
        for kind, title in (("heatmap", self.tr("Lämpökartta")), ("goals", self.tr("Jakauma hyötytavoitteittain")),
                            ("areas", self.tr("Jakauma kärjittäin"))):
            canvas = FigureCanvasQTAgg(Figure(dpi=80))
            ChartHover(canvas).mark_clicked.connect(self._mark_clicked)  # exact figures on hover, clicks drill
            scroll = QScrollArea()
            scroll.setWidget(canvas)
            scroll.setWidgetResizable(False)
            self.chart_canvases[kind] = canvas
            if kind == "heatmap":
                self.tabs.addTab(self._heatmap_tab(scroll), title)
            else:
                self.tabs.addTab(scroll, title)
        self.tabs.currentChanged.connect(lambda *_: self._draw_current_chart())

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.tree)
        left.addWidget(self.tabs)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self._build_details())
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 300])
        layout.addWidget(split, 1)

        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(200)
        self._chart_timer.timeout.connect(self._draw_current_chart)

        self.undo_action = QAction(self.tr("Kumoa"), self)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        on_click(self.undo_action, self.undo)
        self.redo_action = QAction(self.tr("Tee uudelleen"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        on_click(self.redo_action, self.redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self._update_actions()

    # ------------------------------------------------------------------ widgets
    def _button(self, text: str, slot, tip: str = "") -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip or text)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if slot is not None:
            on_click(b, slot)
        return b

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_goal_button = self._button(self.tr("Uusi hyötytavoite"), self.add_goal)
        self.add_measure_button = self._button(self.tr("Uusi toimenpide…"), self.add_measure)
        self.move_button = self._button(self.tr("Siirrä…"), self.move_selected,
                                        self.tr("Siirrä valittu toimenpide toisen hyötytavoitteen tai kärjen alle"))
        self.delete_button = self._button(self.tr("Poista valittu"), self.delete_selected,
                                          self.tr("Poistaa valitun toimenpiteen, kärjen tai hyötytavoitteen arvioineen"))
        self.add_month_button = self._button(self.tr("Lisää kuukausi"), self.add_month,
                                             self.tr("Lisää seuraavan kuukauden sarake arvioille"))
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self.import_button = self._button(self.tr("Tuo Excel…"), self.import_excel,
                                          self.tr("Tuo arviot Excel-taulukosta (taulukko 'Arviot': toimenpiderivit, kuukausisarakkeet)"))
        self.export_button = self._button(self.tr("Vie…"), None)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu_action(menu, self.tr("Seurantataulukko Excel-tiedostoon…"), self.export_excel)
        menu.addSeparator()
        for kind, text in (("heatmap", self.tr("Lämpökartta")), ("goals", self.tr("Jakauma hyötytavoitteittain")),
                           ("areas", self.tr("Jakauma kärjittäin"))):
            menu_action(menu, self.tr("{0} (PNG, SVG, PDF tai XLSX)…").format(text), self.export_chart, kind)
        self.export_button.setMenu(menu)
        for w in (self.add_goal_button, self.add_measure_button, self.move_button, self.delete_button, self.add_month_button,
                  self.undo_button, self.redo_button, self.import_button, self.export_button):
            bar.addWidget(w)
        bar.addStretch(1)
        return bar

    def _scale_legend(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Asteikko:")))
        for value, word in rating_scale():
            chip = QLabel(f" {value} {word} ")
            chip.setStyleSheet(f"background:{RATING_COLOURS[value]}; color:{RATING_TEXT_COLOURS[value]};"
                               " border:1px solid #888; padding:1px 4px;")
            row.addWidget(chip)
        hint = QLabel(self.tr("Arvioi kuukauden solussa: numero 1-5 tai kaksoisnapsautus avaa valikon; Delete tyhjentää."))
        hint.setStyleSheet("color:#555;")
        hint.setWordWrap(True)  # a long hint must not make the page wider than a laptop screen
        row.addWidget(hint, 1)
        return box

    def _build_details(self) -> QWidget:
        panel = QWidget()
        col = QVBoxLayout(panel)
        self.detail_title = QLabel(self.tr("Valitse toimenpide nähdäksesi sen arviohistorian ja mittarit."))
        self.detail_title.setWordWrap(True)
        self.detail_title.setStyleSheet("font-weight:bold;")
        col.addWidget(self.detail_title)
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        col.addWidget(self.history_label)
        caption = QLabel(self.tr("Arvio ja linkitetyt mittarit vuosittain – liikkuvatko luvut?"))
        caption.setWordWrap(True)
        col.addWidget(caption)
        self.figures = QTableWidget(0, 0)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.figures.setWordWrap(True)
        self.figures.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        col.addWidget(self.figures, 1)
        self.figure_note = QLabel()
        self.figure_note.setWordWrap(True)
        self.figure_note.setStyleSheet("color:#555;")
        col.addWidget(self.figure_note)
        buttons = QHBoxLayout()
        self.link_button = self._button(self.tr("Linkitä mittari"), None,
                                        self.tr("Liitä toimenpiteeseen sovelluksen laskema luku, esim. palvelun asiakkaat / 1 000 asukasta"))
        self.link_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.link_menu = QMenu(self.link_button)
        self.link_menu.aboutToShow.connect(self._fill_link_menu)
        self.link_button.setMenu(self.link_menu)
        self.unlink_button = self._button(self.tr("Poista linkki"), self.unlink_selected)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        col.addLayout(buttons)
        col.addWidget(QLabel(self.tr("Huomiot:")))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(self.tr("Toimenpiteen huomiot (tallentuu, kun kohdistus poistuu)"))
        self.notes_edit.setMaximumHeight(90)
        self.notes_edit.installEventFilter(self)
        col.addWidget(self.notes_edit)
        panel.setMinimumWidth(340)
        return panel

    # --------------------------------------------------------------- store I/O
    def set_store(self, store) -> None:
        self.store = None  # the old store may already be closed: clear the history without reading it
        self.undo_stack.clear()
        self._figure_cache.clear()
        super().set_store(store)

    def refresh(self) -> None:
        if self.store is None:
            self.tracker = Tracker()
        else:
            from desktop.services import edit_versions

            edit_versions.begin_editing(self.store, "measures")  # edits are based on what is shown
            self.tracker = svc.load_tracker(self.store)
        self.model.editable = self.store is not None and not self.store.readonly
        self.model.set_tracker(self.tracker)
        self._charts_dirty = True
        self._chart_timer.start()
        self._show_details()
        self._update_actions()

    def render_check(self) -> None:
        self.refresh()
        self._draw_current_chart()

    # ------------------------------------------------------------ heat map view
    def _heatmap_tab(self, scroll: QScrollArea) -> QWidget:
        """The heat map tab: a choice of one goal (the default: quick to draw and read) or all of them
        (a hundred measures take about a second to draw), above the picture."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 2, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Näytä:")))
        self.heatmap_goal = QComboBox()
        self.heatmap_goal.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.heatmap_goal.setMinimumContentsLength(30)
        self.heatmap_goal.currentIndexChanged.connect(lambda *_: self._draw_current_chart())
        row.addWidget(self.heatmap_goal, 1)
        column.addLayout(row)
        column.addWidget(scroll, 1)
        return holder

    def _fill_heatmap_goals(self) -> None:
        """The goals of the tracker in the heat map's choice; the choice made stays when it still exists."""
        goals = sorted(self.tracker.goals, key=lambda g: (g.position, g.id))
        items = [(self.tr("kaikki hyötytavoitteet"), None)] + [(f"{i}. {g.name}", g.id) for i, g in enumerate(goals, 1)]
        current = [(self.heatmap_goal.itemText(i), self.heatmap_goal.itemData(i)) for i in range(self.heatmap_goal.count())]
        if items == current:
            return
        # a choice among goals stays; before there were goals to choose from, the first goal
        chosen = self.heatmap_goal.currentData() if len(current) > 1 else (goals[0].id if goals else None)
        self.heatmap_goal.blockSignals(True)
        try:
            self.heatmap_goal.clear()
            for text, data in items:
                self.heatmap_goal.addItem(text, data)
            self.heatmap_goal.setCurrentIndex(max(0, self.heatmap_goal.findData(chosen)))
        finally:
            self.heatmap_goal.blockSignals(False)

    def heatmap_view(self) -> tuple[Tracker, str | None, str]:
        """(tracker, title, captions) of the heat map on screen: the chosen goal's measures, or all."""
        self._fill_heatmap_goals()
        goal_id = self.heatmap_goal.currentData()
        goals = sorted(self.tracker.goals, key=lambda g: (g.position, g.id))
        goal = next((g for g in goals if g.id == goal_id), None)
        if goal is None:
            return self.tracker, None, "goal"
        measures = self.tracker.measures_of(goal_id=goal.id)
        keep = {m.id for m in measures}
        sub = Tracker(self.tracker.goals, self.tracker.areas, measures, self.tracker.months,
                      {key: r for key, r in self.tracker.ratings.items() if key[0] in keep})
        name = goal.name if len(goal.name) <= 60 else goal.name[:59].rstrip() + "…"  # the title fits the picture
        title = self.tr("Arviot kuukausittain: {0}").format(f"{goals.index(goal) + 1}. {name}")
        return sub, title, "area"

    def is_loading(self) -> bool:
        """True while the charts wait for their (deferred) redraw after a refresh or an edit."""
        return self._chart_timer.isActive()

    def push(self, command: Command) -> bool:
        """Do `command` and keep it for undo; errors a planner can fix are shown, nothing changes."""
        try:
            self.undo_stack.push(command)
        except SaveConflict as exc:
            self._conflict(exc, command.do, command)
            return False
        except UserError as exc:
            self.show_error(str(exc))
            return False
        self.store_modified.emit()
        return True

    def _conflict(self, error: SaveConflict, again, command: Command | None) -> None:
        """A colleague changed the tracker after it was shown: reload, or make this edit in a copy."""
        from desktop.ui.dialogs import save_conflict

        def in_copy(copy) -> None:
            if command is not None and hasattr(command, "store"):
                own, command.store = command.store, copy
                try:
                    again()
                finally:
                    command.store = own

        def reload() -> None:
            self.undo_stack.clear()
            self.refresh()

        save_conflict.resolve(self, self.store, error, in_copy, reload)

    def undo(self) -> None:
        if self.undo_stack.can_undo():
            command = self.undo_stack.done[-1]
            try:
                self.undo_stack.undo()
            except SaveConflict as exc:
                self._conflict(exc, command.undo, command)
                return
            self.status_message.emit(self.tr("Kumottu: {0}").format(command.text))
            self.store_modified.emit()

    def redo(self) -> None:
        if self.undo_stack.can_redo():
            command = self.undo_stack.undone[-1]
            try:
                self.undo_stack.redo()
            except SaveConflict as exc:
                self._conflict(exc, command.do, command)
                return
            self.store_modified.emit()

    def _stack_changed(self) -> None:
        current = self.tree.currentIndex()
        key = (self.model.node(current).key, current.column()) if current.isValid() else None
        self.refresh()
        if key is not None:
            idx = self.model.index_of(key[0], key[1])
            if idx.isValid():
                self.tree.setCurrentIndex(idx)

    def _update_actions(self) -> None:
        writable = self.store is not None and not self.store.readonly
        self.undo_action.setEnabled(writable and self.undo_stack.can_undo())
        self.redo_action.setEnabled(writable and self.undo_stack.can_redo())
        if self.undo_stack.can_undo():
            self.undo_action.setToolTip(self.tr("Kumoa: {0} (Ctrl+Z)").format(self.undo_stack.done[-1].text))
        for b in (self.add_goal_button, self.add_measure_button, self.move_button, self.delete_button, self.add_month_button,
                  self.import_button, self.link_button, self.unlink_button):
            b.setEnabled(writable)
        self.export_button.setEnabled(self.store is not None)

    def _after_reset(self) -> None:
        # goal and focus-area rows are captions: their names run over the whole row
        for goal in self.model.roots:
            self.tree.setFirstColumnSpanned(goal.row, QModelIndex(), True)
            gidx = self.model.index(goal.row, 0)
            for area in goal.children or []:
                self.tree.setFirstColumnSpanned(area.row, gidx, True)
        self.tree.expandAll()
        header = self.tree.header()
        header.resizeSection(COL_NAME, 420)
        for month in self.model.months:
            header.resizeSection(self.model.months.index(month) + FIRST_MONTH_COLUMN, 165)
        for detail, width in zip(DETAILS, (140, 160, 70), strict=True):
            header.resizeSection(self.model.column_of(detail), width)

    def show_error(self, message: str) -> None:
        ask.warn(self, self.tr("Kehittämistoimenpiteet"), message)

    # ---------------------------------------------------------------- selection
    def selected_node(self) -> _Node | None:
        return self.model.node(self.tree.currentIndex())

    def selected_measure_id(self) -> int | None:
        node = self.selected_node()
        return node.measure_id if node is not None and node.kind == "measure" else None

    def _show_details(self) -> None:
        mid = self.selected_measure_id()
        self.figures.clear()
        self.figures.setRowCount(0)
        self.figures.setColumnCount(0)
        self.figure_note.clear()
        self.notes_edit.blockSignals(True)
        if mid is None or self.store is None:
            self.detail_title.setText(self.tr("Valitse toimenpide nähdäksesi sen arviohistorian ja mittarit."))
            self.history_label.clear()
            self.notes_edit.setPlainText("")
            self.notes_edit.setEnabled(False)
            self.unlink_button.setEnabled(False)
            self.link_button.setEnabled(False)
            self.notes_edit.blockSignals(False)
            return
        measure = self.tracker.measure(mid)
        writable = not self.store.readonly
        self.notes_edit.setEnabled(writable)
        self.link_button.setEnabled(writable)
        self.unlink_button.setEnabled(writable and bool(measure.indicators))
        self.notes_edit.setPlainText(measure.notes)
        self.notes_edit.blockSignals(False)
        self.detail_title.setText(measure.name)
        history = self.tracker.history(mid)
        if history:
            self.history_label.setText(self.tr("Arviohistoria: ") + ", ".join(f"{mo.label()}: {rating_label(v)}" for mo, v in history))
        else:
            self.history_label.setText(self.tr("Ei arvioita vielä."))
        self._fill_figures(measure)

    def _fill_figures(self, measure) -> None:
        """Years as rows: the rating at the end of each year beside each linked figure of that year."""
        key = (self.store.data_version, "years")
        if key not in self._figure_cache:  # reading the event years of millions of events: once per change
            self._figure_cache[key] = svc.indicator_years(self.store)
        data_years = self._figure_cache[key]
        years = sorted(set(data_years) | {mo.year for mo, _ in self.tracker.history(measure.id)})
        headers = [self.tr("Arvio\n(vuoden viimeisin)")]
        # a rating of an earlier year is not this year's status: a year without ratings says so
        columns = [[rating_label(last[1]) if (last := self.tracker.latest(measure.id, until=Month(y, 12)))
                    and last[0].year == y else self.tr("ei arviota")
                    for y in years]]
        tips = [self.tr("Toimenpiteen viimeisin arvio kyseisen vuoden aikana")]
        notes = []
        for name in measure.indicators:
            key = (self.store.data_version, name, tuple(data_years))
            result = self._figure_cache.get(key)
            if result is None:
                result = svc.indicator_values(self.store, name, data_years)
                self._figure_cache[key] = result
            label = result.label  # labels name their unit ("Asiakkaita / 1 000 asukasta: ...")
            headers.append("\n".join(textwrap.wrap(label, 18)[:5]))
            tips.append(label)
            columns.append([_fmt(result.values.get(y)) if y in result.values else "" for y in years])
            if result.note:
                notes.append(f"{result.label}: {result.note}")
        self.figures.setRowCount(len(years))
        self.figures.setColumnCount(len(headers))
        self.figures.setVerticalHeaderLabels([str(y) for y in years])
        for j, (text, tip) in enumerate(zip(headers, tips, strict=True)):
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            self.figures.setHorizontalHeaderItem(j, item)
        for j, column in enumerate(columns):
            for i, text in enumerate(column):
                self.figures.setItem(i, j, QTableWidgetItem(text))
        self.figures.resizeColumnsToContents()
        if not measure.indicators:
            notes.append(self.tr("Ei linkitettyjä mittareita. Linkitä mittari nähdäksesi, liikkuvatko luvut."))
        elif not data_years:
            notes.append(self.tr("Projektissa ei ole palvelutapahtumia, joten mittareille ei ole lukuja."))
        self.figure_note.setText("\n".join(notes))

    def _fill_link_menu(self) -> None:
        self.link_menu.clear()
        mid = self.selected_measure_id()
        if mid is None or self.store is None:
            return
        linked = set(self.tracker.measure(mid).indicators)
        providers = [p for p in svc.available_indicators(self.store) if p.name not in linked]
        if not providers:
            a = self.link_menu.addAction(self.tr(
                "Ei linkitettäviä lukuja: projektissa ei ole luokiteltuja palvelutapahtumia tai muita laskettuja lukuja"))
            a.setEnabled(False)
        for p in providers:
            menu_action(self.link_menu, p.label, self.link_indicator, p.name)

    def link_indicator(self, name: str) -> None:
        mid = self.selected_measure_id()
        if mid is not None:
            current = list(self.tracker.measure(mid).indicators)
            self.push(svc.SetIndicators(self.store, mid, current + [name]))

    def unlink_selected(self) -> None:
        mid = self.selected_measure_id()
        if mid is None:
            return
        current = list(self.tracker.measure(mid).indicators)
        row = self.figures.currentColumn() - 1  # column 0 is the rating
        if not current:
            return
        drop = current[row] if 0 <= row < len(current) else current[-1]
        self.push(svc.SetIndicators(self.store, mid, [n for n in current if n != drop]))

    def eventFilter(self, obj, event) -> bool:
        if obj is getattr(self, "notes_edit", None) and event.type() == event.Type.FocusOut:
            self._save_notes()
        if obj is self.tree and event.type() == event.Type.KeyPress and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            index = self.tree.currentIndex()
            node = self.model.node(index)
            if node is not None and node.kind == "measure" and self.model.month_of(index.column()) is not None:
                key = event.key()
                if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                    self.model.setData(index, key - Qt.Key.Key_0)
                    return True
                if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.model.setData(index, None)
                    return True
        return super().eventFilter(obj, event)

    def _save_notes(self) -> None:
        mid = self.selected_measure_id()
        if mid is None or self.store is None or self.store.readonly:
            return
        text = self.notes_edit.toPlainText().strip()
        if text != self.tracker.measure(mid).notes:
            self.push(svc.EditField(self.store, "measure", mid, "notes", text))

    # ------------------------------------------------------------------ actions
    def add_goal(self) -> None:
        name = ask.text(self, self.tr("Uusi hyötytavoite"), self.tr("Hyötytavoitteen nimi:"))
        if name and name.strip():
            self.push(svc.AddGoal(self.store, name))

    def add_measure(self, name: str | None = None, goal_id: int | None = None, area: int | str | None = None) -> None:
        """Ask goal, area and name (or take them as arguments, as tests do) and add the measure."""
        if not self.tracker.goals:
            self.show_error(self.tr("Lisää ensin hyötytavoite."))
            return
        node = self.selected_node()
        if name is None:
            dialog = NewMeasureDialog(self.tracker, node.goal_id if node else None, node.area_id if node and node.area_id else None, self)
            if ask.run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.name.text().strip():
                return
            name, goal_id, area = dialog.name.text(), dialog.goal.currentData(), dialog.area_choice()
            responsible = dialog.responsible.text()
        else:
            responsible = ""
        if self.push(svc.AddMeasure(self.store, goal_id, area, name, responsible)):
            command = self.undo_stack.done[-1]
            idx = self.model.index_of(("measure", goal_id, command.area_id, command.id))
            if idx.isValid():
                self.tree.setCurrentIndex(idx)
                self.tree.scrollTo(idx)

    def move_selected(self, goal_id: int | None = None, area: int | str | None = None) -> None:
        """Move the selected measure (asks where, unless `goal_id` and `area` are given)."""
        mid = self.selected_measure_id()
        if mid is None:
            self.show_error(self.tr("Valitse ensin siirrettävä toimenpide."))
            return
        measure = self.tracker.measure(mid)
        if goal_id is None or area is None:
            dialog = NewMeasureDialog(self.tracker, measure.goal_id, measure.area_id, self)
            dialog.setWindowTitle(self.tr("Siirrä: {0}").format(measure.name))
            dialog.name.setText(measure.name)
            dialog.name.setEnabled(False)
            dialog.responsible.setEnabled(False)
            if ask.run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            goal_id, area = dialog.goal.currentData(), dialog.area_choice()
        if (goal_id, area) == (measure.goal_id, measure.area_id):
            return
        command = svc.MoveMeasure(self.store, mid, goal_id, area)
        if self.push(command):
            idx = self.model.index_of(("measure", goal_id, command.area_id, mid))
            if idx.isValid():
                self.tree.setCurrentIndex(idx)
                self.tree.scrollTo(idx)

    def delete_selected(self) -> None:
        node = self.selected_node()
        if node is None:
            return
        if node.kind == "measure":
            command: Command = svc.DeleteMeasure(self.store, node.measure_id)
        elif node.kind == "area":
            area = self.tracker.area(node.area_id)
            if not ask.yes(self, self.tr("Poista kärki"), self.tr(
                    "Poistetaanko kärki '{0}' ja sen kaikki toimenpiteet kaikkien hyötytavoitteiden alta? "
                    "Voit kumota poiston (Ctrl+Z).").format(area.name)):
                return
            command = svc.DeleteArea(self.store, node.area_id)
        else:
            goal = self.tracker.goal(node.goal_id)
            if not ask.yes(self, self.tr("Poista hyötytavoite"), self.tr(
                    "Poistetaanko hyötytavoite '{0}' ja sen kaikki toimenpiteet? Voit kumota poiston (Ctrl+Z).").format(goal.name)):
                return
            command = svc.DeleteGoal(self.store, node.goal_id)
        self.push(command)

    def add_month(self) -> None:
        self.push(svc.AddMonth(self.store))

    def import_excel(self, path: str | None = None) -> None:
        if path is None:
            path = ask.open_file(self, self.tr("Tuo arviot Excel-tiedostosta"), "", self.tr("Excel (*.xlsx)"))
            if not path:
                return
        from pathlib import Path

        from desktop.importers.measures_xlsx import read_tracker_xlsx

        try:
            records, months = read_tracker_xlsx(path)
        except UserError as exc:
            self.show_error(str(exc))
            return
        command = svc.ImportRecords(self.store, records, months, Path(path).name)
        if self.push(command):
            r = command.result
            self.status_message.emit(self.tr("Tuotu {0}: {1} uutta toimenpidettä, {2} päivitetty, {3} arviota.").format(
                Path(path).name, r.measures_added, r.measures_updated, r.ratings_set))

    def export_excel(self, path: str | None = None) -> None:
        if path is None:
            path = ask.save_file(self, self.tr("Vie seurantataulukko"), "kehittamistoimenpiteet.xlsx", self.tr("Excel (*.xlsx)"))
            if not path:
                return
        svc.export_measures_xlsx(self.store, path)
        self.status_message.emit(self.tr("Tallennettu {0}").format(path))

    def export_chart(self, kind: str, path: str | None = None) -> None:
        if path is None:
            path = ask.save_file(self, self.tr("Vie kuva"), f"toimenpiteet-{kind}.png",
                                 self.tr("Kuva (*.png *.svg *.pdf);;Taulukko (*.xlsx)"))
            if not path:
                return
        try:
            svc.export_chart(self.store, kind, path)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.status_message.emit(self.tr("Tallennettu {0}").format(path))

    # ------------------------------------------------------------------- charts
    def _mark_clicked(self, _text: str, key) -> None:
        """A click on a heat-map cell selects that measure's month in the table above; a click on a
        goal's bar shows that goal's heat map."""
        if not isinstance(key, tuple) or len(key) != 2:
            return
        if key[0] == "measure":
            goal_id, area_id, measure_id, month = key[1]
            idx = self.model.index_of(("measure", goal_id, area_id, measure_id))
            months = [str(m) for m in self.model.months]
            if idx.isValid():
                column = FIRST_MONTH_COLUMN + months.index(month) if month in months else 0
                idx = idx.siblingAtColumn(column)
                self.tree.setCurrentIndex(idx)
                self.tree.scrollTo(idx)
        elif key[0] == "goal":
            self._fill_heatmap_goals()
            at = self.heatmap_goal.findData(key[1])
            if at >= 0:
                self.heatmap_goal.setCurrentIndex(at)
            self.tabs.setCurrentIndex(list(self.chart_canvases).index("heatmap"))

    def _draw_current_chart(self) -> None:
        kind = list(self.chart_canvases)[self.tabs.currentIndex()]
        canvas = self.chart_canvases[kind]
        fig = canvas.figure
        if kind == "heatmap":
            tracker, title, captions = self.heatmap_view()
            months = self.tracker.all_months()
            fig.set_size_inches(*charts.heatmap_size(tracker, months))
            charts.draw_rating_heatmap(fig, tracker, months, title, captions=captions)
        else:
            by = "goal" if kind == "goals" else "area"
            fig.set_size_inches(*charts.distribution_size(self.tracker, by))
            charts.draw_rating_distribution(fig, self.tracker, by=by)
        w, h = fig.get_size_inches() * fig.dpi
        canvas.setFixedSize(int(w), int(h))
        canvas.draw_idle()
        self.loaded.emit()


def _fmt(value: float | None) -> str:
    """One decimal in the UI language: '1 234,5' (Finnish: no-break space thousands, decimal comma) or '1,234.5'."""
    return number(value, 1)

