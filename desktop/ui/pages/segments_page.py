"""Segments page (Finnish: Segmentit): the segment list with an editor (undo/redo, live person count),
the need-level thresholds, and the views: sizes, overlaps, the largest intersections and the
projection of clients with the population forecast. Small groups are written "<5" everywhere.

Edits change the page's working copy of the rules (with undo/redo); "Tallenna" writes them to the
store in one transaction. Figures come from desktop.analysis.segments and desktop.charts.segments.

`refresh()` reads the store in the background (`load_segments_data`: the rules, the population, the
classified events and every year's membership; about 1 s on a county's 2.9 M events); the page shows
"Ladataan…" with its editor disabled meanwhile and emits `loaded` when it is filled in. Edits, the
live count and the other years' pictures are computed on the GUI thread as before.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis import privacy
from desktop.charts.numbers import number
from desktop.core.command import FunctionCommand, UndoStack
from desktop.core.errors import SaveConflict, UserError
from desktop.core.segments import (
    KIND_CLIENT,
    KIND_NEED,
    KIND_POPULATION,
    Age,
    AllOf,
    AnyOf,
    NeedThresholds,
    Not,
    Reasons,
    Segment,
    condition_from_dict,
    youth_alternatives,
)
from desktop.ui.clicks import menu_action, on_click
from desktop.ui.dialogs import ask
from desktop.ui.pages.base import Page
from desktop.ui.pages.traffic_lights_page import FrameModel
from desktop.ui.widgets.chart_toolbar import ChartPanel
from desktop.ui.widgets.segment_rule_tree import SegmentRuleTree
from desktop.ui.worker import LatestLoad


@dataclass
class SegmentsData:
    """What `load_segments_data` hands to the page."""

    segments: list[Segment]
    thresholds: NeedThresholds
    population: object  # DataFrame: municipality, year, age_from, age_to, sex, count, forecast
    events: object  # the classified events (DataFrame), None when there are none to use
    message: str  # why there are no events or no membership (a UserError's text), else ""
    years: list[int]  # years of the events, newest first
    membership: object  # Membership of every segment in every year (all evaluated), or None
    sizes: object  # segment_sizes of `membership` (every year), or None
    projection: object  # project_clients of `membership` from the newest year, or None (no forecast)


def load_segments_data(progress, store) -> SegmentsData:
    """The page's heavy load, run off the GUI thread (Qt-free): the saved segments and need
    thresholds, the population, the classified events, and the membership of every segment in every
    year with its sizes table (the first picture) and the projection from the newest year (the
    forecast view, 0.3 s on a county's events), exactly as the page computed them before."""
    from desktop.analysis.segments import (
        distinct_years,
        event_years,
        membership,
        population_years,
        project_clients,
        segment_sizes,
    )
    from desktop.services import edit_versions
    from desktop.services import segments as svc

    edit_versions.begin_editing(store, "segments")  # saves are based on what is stored now
    segments = svc.load_segments(store)
    thresholds = svc.need_thresholds(store)
    population = svc.load_population(store)
    progress.check()
    events, message = None, ""
    try:
        from desktop.services.resources import events_with_resources

        # each event's part of its service's FTEs and ledger euros (none without personnel and books)
        events = events_with_resources(store, svc.analysis_events(store))[0]
    except UserError as exc:
        message = str(exc)
    years = list(reversed(distinct_years(event_years(events)))) if events is not None and len(events) else []
    found = sizes = projection = None
    if events is not None and segments and years:
        progress.check()
        try:
            found = membership(events, segments, None, thresholds)
            for year in found.years:  # the earlier years too, here rather than on the GUI thread later
                found.masks[year]
        except UserError as exc:
            events, found, message = None, None, str(exc)
        if found is not None:
            progress.check()
            pop = population if len(population) else None
            sizes = segment_sizes(found, pop)
            forecast = [y for y in population_years(pop) if y > years[0]] if pop is not None else []
            if forecast and years[0] in population_years(pop):
                progress.check()
                projection = project_clients(found, pop, years[0], forecast)
    return SegmentsData(segments, thresholds, population, events, message, years, found, sizes, projection)


class SegmentsPage(Page):
    title_fi = "Segmentit"
    key = "segments"

    VIEWS = ("sizes", "overlaps", "upset", "projection")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.segments: list[Segment] = []
        self.thresholds = NeedThresholds()
        self.events = None
        self.population = None
        self.membership = None
        self.undo_stack = UndoStack()
        self.undo_stack.listeners.append(self._stack_changed)
        self.last_count_seconds = 0.0
        self._loading = False
        self._tree_select = None  # path to select in the rule tree after a tree edit
        self._shown_row = -1
        self._sizes = None  # (membership, its segment_sizes table): computed once per membership
        self._projection = None  # (membership, {base year: its project_clients table})
        self.load_error: BaseException | None = None  # an unexpected failure of the last load
        self.loader = LatestLoad(self)
        self.loader.finished.connect(self._data_loaded)
        self.loader.failed.connect(self._load_failed)

        outer = self.add_banner_and_content()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Vuosi")))
        self.year_box = QComboBox()
        self.year_box.currentIndexChanged.connect(lambda _i: self._year_changed())
        bar.addWidget(self.year_box)
        self.undo_button = QPushButton(self.tr("Kumoa"))
        self.redo_button = QPushButton(self.tr("Tee uudelleen"))
        self.save_button = QPushButton(self.tr("Tallenna"))
        on_click(self.undo_button, self.undo)
        on_click(self.redo_button, self.redo)
        on_click(self.save_button, self.save)
        for b in (self.undo_button, self.redo_button, self.save_button):
            bar.addWidget(b)
        for keys, slot in (("Ctrl+Z", self.undo), ("Ctrl+Shift+Z", self.redo), ("Ctrl+Y", self.redo)):
            shortcut = QShortcut(QKeySequence(keys), self, activated=slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar.addStretch(1)
        self.message = QLabel()
        bar.addWidget(self.message)
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_editor())
        self.tabs = QTabWidget()
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        titles = {"sizes": self.tr("Koot"), "overlaps": self.tr("Päällekkäisyys"), "upset": self.tr("Yhdistelmät"),
                  "projection": self.tr("Ennuste")}
        self.panels: dict[str, ChartPanel] = {}
        for key in self.VIEWS:
            panel = ChartPanel(Figure(figsize=(8, 5), dpi=80))
            panel.mark_clicked.connect(self._mark_clicked)
            self.panels[key] = panel
            self.canvases[key] = panel.canvas
            self.tabs.addTab(panel, titles[key])
        self.tabs.currentChanged.connect(lambda _i: self.redraw())
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tabs)
        self.table = QTableView()
        self.model = FrameModel(self)
        self.table.setModel(self.model)
        self.model.modelReset.connect(self.table.resizeColumnsToContents)
        right.addWidget(self.table)
        right.setStretchFactor(0, 3)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        outer.addWidget(split, 1)
        self._stack_changed()
        # Ctrl+Z typed in a field of the editor undoes the segment edit (a field's own undo would
        # otherwise take the key), unless the field holds typing not yet made into an edit
        self._undo_fields = [self.name_edit, *self.need_spins.values()]
        for field in self._undo_fields:
            field.installEventFilter(self)

    # ------------------------------------------------------------------ editor widgets
    def _build_editor(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_segment)
        layout.addWidget(self.list, 2)
        buttons = QHBoxLayout()
        add = QToolButton()
        add.setText(self.tr("Lisää"))
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(add)
        menu_action(menu, self.tr("Uusi ikäsegmentti"), lambda: self.add_segment(
            Segment(self._free_name(self.tr("Uusi ikäsegmentti")), Age(0, 17), KIND_POPULATION)))
        menu_action(menu, self.tr("Uusi käyntisyysegmentti"), lambda: self.add_segment(
            Segment(self._free_name(self.tr("Uusi asiakassegmentti")), Reasons(("F20-F99",)), KIND_CLIENT)))
        menu.addSeparator()
        for alt in youth_alternatives():
            menu_action(menu, alt.name, self.add_segment, alt)
        add.setMenu(menu)
        self.add_button = add
        remove = QPushButton(self.tr("Poista"))
        on_click(remove, self.remove_selected)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.editingFinished.connect(self._name_edited)
        self.kind_box = QComboBox()
        for kind, text in ((KIND_POPULATION, self.tr("väestösegmentti")), (KIND_CLIENT, self.tr("asiakassegmentti")),
                           (KIND_NEED, self.tr("palvelutarpeen taso"))):
            self.kind_box.addItem(text, kind)
        self.kind_box.currentIndexChanged.connect(self._kind_edited)
        self.rule_tree = SegmentRuleTree(values_for=self._values_for)
        self.rule_tree.rule_edited.connect(self._tree_edited)
        self.rule_tree.error.connect(self.message.setText)
        self.rule_edit = QPlainTextEdit()
        self.rule_edit.setPlaceholderText('{"type": "age", "min": 0, "max": 17, "at": "year_end"}')
        self.apply_rule = QPushButton(self.tr("Käytä ehtoa"))
        on_click(self.apply_rule, self._rule_edited)
        self.show_json = QCheckBox(self.tr("Näytä ehto tekstinä (edistynyt)"))
        self.show_json.toggled.connect(self._json_toggled)
        self.count_label = QLabel()
        form.addRow(self.tr("Nimi"), self.name_edit)
        form.addRow(self.tr("Laji"), self.kind_box)
        form.addRow(self.tr("Henkilöitä"), self.count_label)
        layout.addLayout(form)
        layout.addWidget(self.rule_tree, 3)
        layout.addWidget(self.show_json)
        self.json_box = QWidget()
        json_layout = QVBoxLayout(self.json_box)
        json_layout.setContentsMargins(0, 0, 0, 0)
        json_layout.addWidget(self.rule_edit)
        json_layout.addWidget(self.apply_rule)
        json_layout.addWidget(QLabel(self.tr("Lisää ehto")))
        json_layout.addWidget(self._build_condition_row())
        layout.addWidget(self.json_box, 1)
        self.json_box.setVisible(False)

        need = QFormLayout()
        self.need_spins: dict[str, QDoubleSpinBox] = {}
        for key, text in (("wider_eur", self.tr("Laajempi tarve alkaen (€/asiakas)")),
                          ("high_eur", self.tr("Suuri tarve alkaen (€/asiakas)")),
                          ("high_red_eur", self.tr("Suuri tarve punaisella palvelulla (€)"))):
            spin = QDoubleSpinBox()
            spin.setRange(0, 10_000_000)
            spin.setDecimals(0)
            spin.setSingleStep(100)
            spin.editingFinished.connect(self._thresholds_edited)
            self.need_spins[key] = spin
            need.addRow(text, spin)
        layout.addLayout(need)
        return box

    BUILDER_TYPES = ("age_end", "age_event", "sex", "municipality", "special_law", "uses", "reasons", "need_level")

    def _build_condition_row(self) -> QWidget:
        """A small condition builder: pick a kind of condition, fill its values and join it to the
        current rule with AND / OR (optionally negated). The JSON above shows the whole rule."""
        box = QWidget()
        grid = QVBoxLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        row1 = QHBoxLayout()
        self.builder_type = QComboBox()
        for key, text in (("age_end", self.tr("ikä vuoden lopussa")), ("age_event", self.tr("ikä käynnillä")),
                          ("sex", self.tr("sukupuoli (1/2)")), ("municipality", self.tr("kunta")),
                          ("special_law", self.tr("erityislaki")), ("uses", self.tr("käyttänyt palvelua")),
                          ("reasons", self.tr("käyntisyy (esim. F20-F99)")),
                          ("need_level", self.tr("palvelutarpeen taso"))):
            self.builder_type.addItem(text, key)
        self.builder_field = QComboBox()
        for key, text in (("service", self.tr("palvelu")), ("aura", self.tr("AURA-luokka")),
                          ("level", self.tr("taso")), ("structure", self.tr("rakenne")),
                          ("service_code", self.tr("lähdejärjestelmän koodi"))):
            self.builder_field.addItem(text, key)
        row1.addWidget(self.builder_type)
        row1.addWidget(self.builder_field)
        grid.addLayout(row1)
        row2 = QHBoxLayout()
        self.builder_values = QLineEdit()
        self.builder_values.setPlaceholderText(self.tr("arvot pilkuin eroteltuina"))
        self.builder_low = QSpinBox()
        self.builder_low.setRange(-1, 150)
        self.builder_low.setSpecialValueText("–")
        self.builder_high = QSpinBox()
        self.builder_high.setRange(-1, 150)
        self.builder_high.setSpecialValueText("–")
        self.builder_low.setValue(-1)
        self.builder_high.setValue(-1)
        self.builder_not = QCheckBox(self.tr("ei"))
        and_button = QPushButton(self.tr("ja"))
        or_button = QPushButton(self.tr("tai"))
        on_click(and_button, self.join_condition, "all")
        on_click(or_button, self.join_condition, "any")
        for w in (self.builder_values, self.builder_low, self.builder_high, self.builder_not, and_button, or_button):
            row2.addWidget(w)
        grid.addLayout(row2)
        self.builder_type.currentIndexChanged.connect(self._builder_type_changed)
        self._builder_type_changed()
        return box

    def _builder_type_changed(self) -> None:
        kind = self.builder_type.currentData()
        self.builder_field.setVisible(kind == "uses")
        self.builder_values.setVisible(kind not in ("age_end", "age_event"))
        self.builder_low.setVisible(kind in ("age_end", "age_event", "uses", "reasons"))
        self.builder_high.setVisible(kind in ("age_end", "age_event"))
        self.builder_low.setToolTip(self.tr("vähintään (ikä tai tapahtumien määrä)"))
        self.builder_high.setToolTip(self.tr("enintään (ikä)"))

    def builder_condition(self):
        """The condition the builder row describes (raises UserError for bad values)."""
        from desktop.core.segments import AGE_AT_EVENT, AGE_AT_YEAR_END

        kind = self.builder_type.currentData()
        values = [v.strip() for v in self.builder_values.text().split(",") if v.strip()]
        low = None if self.builder_low.value() < 0 else self.builder_low.value()
        high = None if self.builder_high.value() < 0 else self.builder_high.value()
        data = {
            "age_end": {"type": "age", "min": low, "max": high, "at": AGE_AT_YEAR_END},
            "age_event": {"type": "age", "min": low, "max": high, "at": AGE_AT_EVENT},
            "sex": {"type": "sex", "value": values[0] if values else ""},
            "municipality": {"type": "municipality", "codes": values},
            "special_law": {"type": "special_law", "laws": values},
            "uses": {"type": "uses", "field": self.builder_field.currentData(), "values": values,
                     "min_events": low or 1},
            "reasons": {"type": "reasons", "ranges": values, "min_events": low or 1},
            "need_level": {"type": "need_level", "level": values[0] if values else ""},
        }[kind]
        condition = condition_from_dict(data)
        return Not(condition) if self.builder_not.isChecked() else condition

    def join_condition(self, how: str) -> None:
        """Join the builder's condition to the selected segment's rule with AND ('all') or OR ('any')."""
        cur = self._current()
        if not cur:
            return
        try:
            new = self.builder_condition()
        except UserError as exc:
            self.message.setText(str(exc))
            return
        old = cur[1].condition
        group = AllOf if how == "all" else AnyOf
        items = old.items if isinstance(old, group) else (old,)
        self.message.setText("")
        self.edit_segment(cur[0], replace(cur[1], condition=group((*items, new))))

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        """Re-read the rules, the population and the events (unsaved edits are dropped). The reading
        runs in the background (a load still running is dropped); the page is filled in on `loaded`."""
        self.loader.cancel()
        self.load_error = None
        self.events = self.membership = None
        self._sizes = self._projection = None
        self.undo_stack.clear()
        self.message.setText("")
        if self.store is None:
            self.segments = []
            self._fill_list()
            self.banner.clear()
            self.content.setEnabled(True)
            self.loaded.emit()
            return
        self.banner.show_loading(self.tr("Ladataan segmenttejä…"))
        self.content.setEnabled(False)
        self.loader.start(load_segments_data, self.store)

    def is_loading(self) -> bool:
        return self.loader.running

    def _data_loaded(self, data: SegmentsData) -> None:
        self._banner_off()
        self.segments = data.segments
        self.thresholds = data.thresholds
        self.population = data.population
        self.events = data.events
        if data.message:
            self.message.setText(data.message)
        self._loading = True
        try:
            self.year_box.clear()
            for year in data.years:
                self.year_box.addItem(str(year), year)
            for key, spin in self.need_spins.items():
                spin.setValue(getattr(self.thresholds, key))
        finally:
            self._loading = False
        # the membership first: the selected segment's count then comes from it, not from a recount
        self.membership = data.membership
        self._sizes = (data.membership, data.sizes) if data.sizes is not None else None
        self._projection = (data.membership, {data.years[0]: data.projection}) if data.projection is not None \
            else None
        self._fill_list()
        self._update_count()
        self.redraw()
        self.save_button.setEnabled(not self.store.readonly)
        self.banner.clear()
        self.content.setEnabled(True)
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        """Nothing to show or edit: say why at the top (the next refresh tries again)."""
        if isinstance(error, UserError):
            text = str(error)
        else:
            self.load_error = error
            text = self.tr("Segmenttien lataus epäonnistui: {0}").format(error)
        self.segments = []
        self._fill_list()
        self._loading = True
        try:
            self.year_box.clear()
        finally:
            self._loading = False
        self.count_label.setText("–")
        self.redraw()
        self.banner.show_error(text)
        self.loaded.emit()

    def year(self) -> int | None:
        return self.year_box.currentData()

    def _fill_list(self, select: int | None = None) -> None:
        row = self.list.currentRow() if select is None else select
        self._loading = True
        try:
            self.list.clear()
            for s in self.segments:
                self.list.addItem(s.name)
        finally:
            self._loading = False
        if self.segments:
            self.list.setCurrentRow(min(max(row, 0), len(self.segments) - 1))

    def _show_segment(self, row: int) -> None:
        if self._loading or not (0 <= row < len(self.segments)):
            return
        s = self.segments[row]
        self._loading = True
        try:
            self.name_edit.setText(s.name)
            self.kind_box.setCurrentIndex(self.kind_box.findData(s.kind))
            self.rule_edit.setPlainText(json.dumps(s.condition.to_dict(), ensure_ascii=False, indent=1))
            select = self._tree_select if self._tree_select is not None else (None if row == self._shown_row else ())
            self.rule_tree.set_rule(s.condition, select)
            self._shown_row = row
        finally:
            self._loading = False
        self._update_count()

    # ------------------------------------------------------------------ editing (undoable)
    def _free_name(self, base: str) -> str:
        names = {s.name for s in self.segments}
        name, n = base, 2
        while name in names:
            name, n = f"{base} {n}", n + 1
        return name

    def _replace_all(self, new: list[Segment], text: str, select: int | None = None) -> None:
        old = list(self.segments)
        old_row = self.list.currentRow()

        def do():
            self.segments = list(new)
            self._after_edit(select if select is not None else old_row)

        def undo():
            self.segments = list(old)
            self._after_edit(old_row)

        self.undo_stack.push(FunctionCommand(text, do, undo))

    def _after_edit(self, row: int) -> None:
        self.membership = None  # stale: the edited segment is counted alone first (live count)
        self._sizes = self._projection = None  # tables of the old membership: let it go
        self._fill_list(row)
        self._show_segment(self.list.currentRow())
        self._recompute()

    def add_segment(self, segment: Segment) -> None:
        if any(s.name == segment.name for s in self.segments):
            segment = replace(segment, name=self._free_name(segment.name))
        self._replace_all([*self.segments, segment], self.tr("Lisää segmentti"), len(self.segments))

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.segments):
            self._replace_all(self.segments[:row] + self.segments[row + 1:], self.tr("Poista segmentti"),
                              max(row - 1, 0))

    def edit_segment(self, row: int, segment: Segment) -> None:
        """Replace segment `row` (undoable) and recount its persons."""
        names = {s.name for i, s in enumerate(self.segments) if i != row}
        if segment.name in names:
            self.message.setText(self.tr("Nimi on jo käytössä: ") + segment.name)
            return
        new = list(self.segments)
        new[row] = segment
        self._replace_all(new, self.tr("Muokkaa segmenttiä"), row)

    def _current(self) -> tuple[int, Segment] | None:
        row = self.list.currentRow()
        return (row, self.segments[row]) if 0 <= row < len(self.segments) else None

    def _name_edited(self) -> None:
        cur = self._current()
        if cur and not self._loading and self.name_edit.text().strip() and self.name_edit.text().strip() != cur[1].name:
            self.edit_segment(cur[0], replace(cur[1], name=self.name_edit.text().strip()))

    def _kind_edited(self) -> None:
        cur = self._current()
        if cur and not self._loading and self.kind_box.currentData() != cur[1].kind:
            self.edit_segment(cur[0], replace(cur[1], kind=self.kind_box.currentData()))

    def _tree_edited(self, condition, select) -> None:
        """An edit in the rule tree: replace the selected segment's rule (undoable, recounted)."""
        cur = self._current()
        if not cur or condition == cur[1].condition:
            return
        self._tree_select = tuple(select)
        try:
            self.edit_segment(cur[0], replace(cur[1], condition=condition))
        finally:
            self._tree_select = None

    def _json_toggled(self, on: bool) -> None:
        self.json_box.setVisible(on)

    def _values_for(self, column: str) -> list[str]:
        """Values of an event column present in the store (completion in the rule tree)."""
        if self.events is None or column not in self.events.columns:
            return []
        return [str(v) for v in self.events[column].dropna().unique()[:5000]]

    def _rule_edited(self) -> None:
        cur = self._current()
        if not cur:
            return
        try:
            condition = condition_from_dict(json.loads(self.rule_edit.toPlainText()))
        except json.JSONDecodeError as exc:
            self.message.setText(self.tr("Ehto ei ole kelvollista JSONia: ") + exc.msg)
            return
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText("")
        if condition != cur[1].condition:
            self.edit_segment(cur[0], replace(cur[1], condition=condition))

    def _thresholds_edited(self) -> None:
        if self._loading:
            return
        try:
            new = NeedThresholds.from_dict({k: s.value() for k, s in self.need_spins.items()})
        except UserError as exc:
            self.message.setText(str(exc))
            return
        old = self.thresholds
        if new == old:
            return

        def apply(value: NeedThresholds):
            self.thresholds = value
            self._loading = True
            try:
                for key, spin in self.need_spins.items():
                    spin.setValue(getattr(value, key))
            finally:
                self._loading = False
            self._recompute()

        self.undo_stack.push(FunctionCommand(self.tr("Muuta kynnysarvoja"), lambda: apply(new), lambda: apply(old)))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj in getattr(self, "_undo_fields", ()) and event.type() in (QEvent.Type.ShortcutOverride,
                                                                          QEvent.Type.KeyPress):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
            cur = self._current()
            typing = obj is self.name_edit and cur is not None and obj.text().strip() != cur[1].name
            if (undo or redo) and not typing:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key comes to the field as a key press: handled below
                elif undo:
                    self.undo()
                else:
                    self.redo()
                return True
        return super().eventFilter(obj, event)

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def _stack_changed(self) -> None:
        self.undo_button.setEnabled(self.undo_stack.can_undo())
        self.redo_button.setEnabled(self.undo_stack.can_redo())

    def has_unsaved_changes(self) -> bool:
        return self.store is not None and not self.store.readonly and not self.undo_stack.is_clean()

    def save_changes(self) -> bool:
        self.save()
        return self.undo_stack.is_clean()

    def save(self) -> None:
        from desktop.services import segments as svc

        if self.store is None:
            return
        try:
            svc.save_segments(self.store, self.segments)
            svc.set_need_thresholds(self.store, self.thresholds)
        except SaveConflict as exc:  # a colleague saved first: reload or save into a copy
            from desktop.ui.dialogs import save_conflict

            segments, thresholds = list(self.segments), self.thresholds

            def save(copy) -> None:
                svc.save_segments(copy, segments)
                svc.set_need_thresholds(copy, thresholds)

            save_conflict.resolve(self, self.store, exc, save, self.refresh)
            return
        except UserError as exc:
            ask.warn(self, self.tr("Tallenna"), str(exc))
            return
        self.undo_stack.set_clean()
        self.message.setText(self.tr("Segmentit tallennettu."))
        self.store_modified.emit()

    # ------------------------------------------------------------------ figures
    def _update_count(self) -> None:
        """Persons of the selected segment in the selected year (live after every edit)."""
        from desktop.analysis.segments import membership

        cur = self._current()
        year = self.year()
        if cur is None or self.events is None or year is None:
            self.count_label.setText("–")
            return
        start = time.perf_counter()
        if self.membership is not None and year in self.membership.masks and cur[0] < len(self.membership.segments) \
                and self.membership.segments[cur[0]] == cur[1]:
            persons = int(self.membership.persons(year)[cur[0]])
            self.count_label.setText(f"{number(privacy.shown_count(persons, self.min_group))} ({year})")
            return
        try:
            m = membership(self.events, [cur[1]], [year], self.thresholds)
        except UserError as exc:
            self.count_label.setText("–")
            self.message.setText(str(exc))
            return
        persons = int(m.persons(year)[0])
        self.last_count_seconds = time.perf_counter() - start
        self.count_label.setText(f"{number(privacy.shown_count(persons, self.min_group))} ({year})")

    def _year_changed(self) -> None:
        """Another year: the membership covers every year already, so only the count and the
        pictures change (it was computed anew before: 0.2 s on a county's events)."""
        if self._loading:
            return
        if self.membership is not None and self.year() in self.membership.masks:
            self._update_count()
            self.redraw()
        else:
            self._recompute()

    def _segment_sizes(self, m, population):
        """segment_sizes of `m` (every year), computed once per membership."""
        from desktop.analysis.segments import segment_sizes

        if self._sizes is None or self._sizes[0] is not m:
            self._sizes = (m, segment_sizes(m, population))
        return self._sizes[1]

    def _projection_from(self, m, population, year: int, forecast: list[int]):
        """project_clients of `m` from `year` to the `forecast` years, computed once per membership
        and year (the newest year's by the background load)."""
        from desktop.analysis.segments import project_clients

        if self._projection is None or self._projection[0] is not m:
            self._projection = (m, {})
        tables = self._projection[1]
        if year not in tables:
            tables[year] = project_clients(m, population, year, forecast)
        return tables[year]

    def _recompute(self) -> None:
        from desktop.analysis.segments import membership

        if self._loading:
            return
        self.membership = None
        self._sizes = self._projection = None
        try:
            if self.events is not None and self.segments and self.year() is not None:
                self.membership = membership(self.events, self.segments, None, self.thresholds)
            self._update_count()
        except UserError as exc:
            self.events = None
            self.message.setText(str(exc))
        self.redraw()

    def redraw(self) -> None:
        from desktop.charts import segments as charts

        m, year = self.membership, self.year()
        key = self.VIEWS[self.tabs.currentIndex()]
        canvas = self.canvases[key]
        if m is None or year is None:
            canvas.figure.clear()
            canvas.draw_idle()
            self.model.set_frame(None)
            return
        from desktop.analysis.segments import population_years

        pop = self.population if self.population is not None and len(self.population) else None
        total = m.total_persons(year)
        if key == "sizes":
            sizes = self._segment_sizes(m, pop)
            from desktop.services.segments import shown_segment_sizes, size_columns

            table = shown_segment_sizes(m, sizes, year, self.min_group)
            charts.draw_segment_sizes(canvas.figure, table, year)  # hidden sizes and their complements empty
            self.model.set_frame(table[size_columns(table)])
        elif key == "overlaps":
            from desktop.services.segments import shown_overlaps

            frame = shown_overlaps(m, year, self.min_group)
            charts.draw_overlap_matrix(canvas.figure, m.names, frame[m.names].to_numpy(dtype=object), total)
            self.model.set_frame(frame)
        elif key == "upset":
            inter = m.intersections(year)
            from desktop.services.segments import shown_intersections

            shown = shown_intersections(m, year, self.min_group)
            charts.draw_upset(canvas.figure, m.names, inter, total, shown=list(shown["persons"]))
            self.model.set_frame(shown)
        else:
            forecast = [y for y in population_years(pop) if y > year] if pop is not None else []
            if not forecast or year not in population_years(pop):
                canvas.figure.clear()
                canvas.figure.text(0.05, 0.5, self.tr("Ennusteeseen tarvitaan perusvuoden väestö ja väestöennuste."))
                self.model.set_frame(None)
            else:
                from desktop.services.segments import segment_suppression, shown_projection

                shown = shown_projection(m, self._projection_from(m, pop, year, forecast), self.min_group)
                hidden = segment_suppression(m, year, self.min_group)[0].hidden
                hidden_names = {name for name, h in zip(m.names, hidden, strict=True) if h}
                charts.draw_projection(canvas.figure, shown, hidden=sorted(hidden_names))
                self.model.set_frame(shown[["segment", "year", "clients", "kind"]].rename(columns={"clients": "persons"}))
        self.panels[key].drawn()

    def _mark_clicked(self, _text: str, key) -> None:
        """A click on a segment's bar, cell or point opens that segment in the editor on the left."""
        if isinstance(key, tuple) and len(key) == 2 and key[0] == "segment":
            self.select_segment(str(key[1]))

    def select_segment(self, name: str) -> None:
        """Make segment `name` the current one of the list (its rule shows in the editor)."""
        for row in range(self.list.count()):
            if self.list.item(row).text() == name:
                self.list.setCurrentRow(row)
                return

    @property
    def min_group(self) -> int:
        """The project's smallest group shown as a figure (privacy.min_group)."""
        return privacy.min_group(self.store) if self.store is not None else privacy.MIN_GROUP

    def render_check(self) -> None:
        if not self.wait_until_loaded():
            raise RuntimeError("segments page did not finish loading")
        if self.load_error is not None:
            raise RuntimeError(f"segments page could not load: {self.load_error}") from self.load_error
        if self.store is not None and self.events is not None and self.membership is None and self.segments:
            raise RuntimeError("segments page computed no membership")
