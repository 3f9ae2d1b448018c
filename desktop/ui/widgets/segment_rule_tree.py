"""Segment rule tree: a segment's condition (desktop.core.segments) shown and edited as a tree.

Groups are "kaikki seuraavat" (AllOf), "jokin seuraavista" (AnyOf) and "ei" (Not); leaves are the
statements about a person's year (age, sex, municipality, special law, service use, reasons, need
level), each described in plain Finnish. A form below the tree edits the selected leaf; buttons add a
condition or a group, wrap the selected node in "ei", remove it or switch a group between and / or.

The widget never changes its rule itself: every edit is emitted as `rule_edited(Condition, path)` (the
whole new rule and the path of the node to select), and the owner (the Segmentit page) pushes it to
its undo stack and calls `set_rule` back. A path is a tuple of child indexes from the root (a "ei"
node has the single child 0). The tree edits on conditions themselves (paths, replace / remove / add a
node, a leaf from the form's values) are Qt-free: desktop.presenters.segment_rules.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.segments import (
    AGE_AT_EVENT,
    AGE_AT_YEAR_END,
    NEED_LEVELS,
    Age,
    AllOf,
    AnyOf,
    Condition,
    Municipality,
    NeedLevel,
    Not,
    Reasons,
    Sex,
    SpecialLaw,
    Uses,
)
from desktop.presenters.segment_rules import (
    GROUPS,
    Path,
    add_to,
    children,
    default_leaf,
    leaf_condition,
    node_at,
    remove_at,
    replace_at,
)
from desktop.ui.clicks import on_click
from desktop.ui.widgets.condition_builder import _MultiValueCompleter

PATH_ROLE = 256  # Qt.UserRole


class SegmentRuleTree(QWidget):
    """The tree, the leaf form and the edit buttons. `values_for(column) -> list[str]` completes values."""

    rule_edited = Signal(object, object)  # (Condition, Path to select)
    error = Signal(str)

    def __init__(self, parent=None, values_for: Callable[[str], list[str]] | None = None):
        super().__init__(parent)
        self.values_for = values_for or (lambda _column: [])
        self.rule: Condition = AllOf(())
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumHeight(120)
        self.tree.currentItemChanged.connect(lambda *_a: self._selection_changed())
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.leaf_type = QComboBox()
        for key, text in self._type_names().items():
            self.leaf_type.addItem(text, key)
        self.add_button = QPushButton(self.tr("Lisää ehto"))
        self.add_button.setToolTip(self.tr("Lisää valitun tyyppinen ehto valittuun ryhmään"))
        self.add_and_button = QPushButton(self.tr("+ ja-ryhmä"))
        self.add_or_button = QPushButton(self.tr("+ tai-ryhmä"))
        on_click(self.add_button, lambda: self.add_condition(self.leaf_type.currentData()))
        on_click(self.add_and_button, self.add_group, "all")
        on_click(self.add_or_button, self.add_group, "any")
        for w in (self.leaf_type, self.add_button, self.add_and_button, self.add_or_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        buttons2 = QHBoxLayout()
        self.not_button = QPushButton(self.tr("Kääri ei-ehtoon"))
        self.switch_button = QPushButton(self.tr("Vaihda ja/tai"))
        self.remove_button = QPushButton(self.tr("Poista ehto"))
        on_click(self.not_button, self.wrap_in_not)
        on_click(self.switch_button, self.switch_group)
        on_click(self.remove_button, self.remove_selected)
        for w in (self.not_button, self.switch_button, self.remove_button):
            buttons2.addWidget(w)
        buttons2.addStretch(1)
        layout.addLayout(buttons2)

        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = form
        self.age_low = QSpinBox()
        self.age_high = QSpinBox()
        for spin in (self.age_low, self.age_high):
            spin.setRange(-1, 150)
            spin.setSpecialValueText("–")
            spin.editingFinished.connect(self.apply_form)
        ages = QWidget()
        ages_row = QHBoxLayout(ages)
        ages_row.setContentsMargins(0, 0, 0, 0)
        ages_row.addWidget(self.age_low)
        ages_row.addWidget(self.age_high)
        self.age_at = QComboBox()
        self.age_at.addItem(self.tr("vuoden lopussa"), AGE_AT_YEAR_END)
        self.age_at.addItem(self.tr("käynnillä"), AGE_AT_EVENT)
        self.sex = QComboBox()
        self.sex.addItem(self.tr("nainen"), "2")
        self.sex.addItem(self.tr("mies"), "1")
        self.column = QComboBox()
        for key, text in self._column_names().items():
            self.column.addItem(text, key)
        self.values = QLineEdit()
        self.values.setPlaceholderText(self.tr("arvot pilkuin eroteltuina"))
        self.values.editingFinished.connect(self.apply_form)
        self.completion = QStringListModel(self)
        completer = _MultiValueCompleter(self.completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.values.setCompleter(completer)
        self.min_events = QSpinBox()
        self.min_events.setRange(1, 100_000)
        self.min_events.editingFinished.connect(self.apply_form)
        self.need = QComboBox()
        for key in NEED_LEVELS:
            self.need.addItem(self._need_names()[key], key)
        for combo in (self.age_at, self.sex, self.column, self.need):
            combo.activated.connect(lambda _i: self.apply_form())
        self.column.currentIndexChanged.connect(lambda _i: self._fill_completion())
        self.rows = {
            "ages": (self.tr("Ikä (vähintään – enintään)"), ages),
            "age_at": (self.tr("Ikä ajankohtana"), self.age_at),
            "sex": (self.tr("Sukupuoli"), self.sex),
            "column": (self.tr("Kenttä"), self.column),
            "values": (self.tr("Arvot"), self.values),
            "min_events": (self.tr("Vähintään kertaa"), self.min_events),
            "need": (self.tr("Palvelutarpeen taso"), self.need),
        }
        for label, widget in self.rows.values():
            form.addRow(label, widget)
        layout.addWidget(self.form_box)
        self._rebuild(())

    # ------------------------------------------------------------------ texts
    def _type_names(self) -> dict[str, str]:
        return {"age": self.tr("ikä"), "sex": self.tr("sukupuoli"), "municipality": self.tr("kunta"),
                "special_law": self.tr("erityislaki"), "uses": self.tr("käyttänyt palvelua"),
                "reasons": self.tr("käyntisyy"), "need_level": self.tr("palvelutarpeen taso")}

    def _column_names(self) -> dict[str, str]:
        return {"service": self.tr("palvelu"), "aura": self.tr("AURA-luokka"), "level": self.tr("taso"),
                "structure": self.tr("rakenne"), "service_code": self.tr("lähdejärjestelmän koodi"),
                "service_form": self.tr("palvelumuoto"), "producer": self.tr("tuottaja")}

    def _need_names(self) -> dict[str, str]:
        return {"occasional": self.tr("Satunnainen tarve"), "wider": self.tr("Laajempi tarve"),
                "high": self.tr("Suuri tarve")}

    def describe(self, cond: Condition) -> str:
        """One node in plain Finnish (in English when the UI language is English)."""
        if isinstance(cond, AllOf):
            return self.tr("kaikki seuraavat")
        if isinstance(cond, AnyOf):
            return self.tr("jokin seuraavista")
        if isinstance(cond, Not):
            return self.tr("ei")
        if isinstance(cond, Age):
            low, high = cond.min_age, cond.max_age
            if low is not None and high is not None:
                span = f"{low}–{high}"
            elif low is not None:
                span = self.tr("vähintään {0}").format(low)
            elif high is not None:
                span = self.tr("enintään {0}").format(high)
            else:
                span = self.tr("mikä tahansa")
            if cond.at == AGE_AT_EVENT:
                return self.tr("Ikä käynnillä {0}").format(span)
            return self.tr("Ikä vuoden lopussa {0}").format(span)
        if isinstance(cond, Sex):
            return self.tr("Sukupuoli: {0}").format(self.tr("mies") if cond.value == "1" else self.tr("nainen"))
        if isinstance(cond, Municipality):
            return self.tr("Kunta: {0}").format(", ".join(cond.codes) or "–")
        if isinstance(cond, SpecialLaw):
            return self.tr("Erityislaki: {0}").format(", ".join(cond.laws) or "–")
        if isinstance(cond, Uses):
            values = ", ".join(f"'{v}'" for v in cond.values) or "–"
            column = self._column_names().get(cond.column, cond.column)
            if cond.column == "service":
                return self.tr("Käyttänyt palvelua {0} vähintään {1} kertaa").format(values, cond.min_events)
            return self.tr("Käyttänyt ({0}) {1} vähintään {2} kertaa").format(column, values, cond.min_events)
        if isinstance(cond, Reasons):
            return self.tr("Käyntisyy {0} vähintään {1} kertaa").format(", ".join(cond.ranges) or "–",
                                                                         cond.min_events)
        if isinstance(cond, NeedLevel):
            return self.tr("Palvelutarpeen taso: {0}").format(self._need_names().get(cond.level, cond.level))
        return str(cond)

    # ------------------------------------------------------------------ showing
    def set_rule(self, rule: Condition, select: Path | None = None) -> None:
        """Show `rule` (does not emit); keeps the selected path when it still exists."""
        keep = self.selected_path() if select is None else select
        self.rule = rule
        self._rebuild(keep)

    def _rebuild(self, select: Path) -> None:
        self._loading = True
        try:
            self.tree.clear()
            items: dict[Path, QTreeWidgetItem] = {}

            def add(cond: Condition, path: Path, parent) -> None:
                item = QTreeWidgetItem([self.describe(cond)])
                item.setData(0, PATH_ROLE, list(path))
                if parent is None:
                    self.tree.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                items[path] = item
                for i, child in enumerate(children(cond)):
                    add(child, (*path, i), item)

            add(self.rule, (), None)
            self.tree.expandAll()
            while select and select not in items:
                select = select[:-1]
            self.tree.setCurrentItem(items[select])
        finally:
            self._loading = False
        self._selection_changed()

    def item_texts(self) -> list[str]:
        """Every node's text, depth first, indented by two spaces per level (for tests and logs)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            out.append("  " * depth + item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i), depth + 1)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), 0)
        return out

    def selected_path(self) -> Path:
        item = self.tree.currentItem()
        return tuple(item.data(0, PATH_ROLE) or ()) if item is not None else ()

    def select(self, path: Path) -> None:
        it = self.tree.topLevelItem(0)
        for i in path:
            it = it.child(i)
        self.tree.setCurrentItem(it)

    def selected(self) -> Condition:
        return node_at(self.rule, self.selected_path())

    def _selection_changed(self) -> None:
        if self._loading:
            return
        node = self.selected()
        group = isinstance(node, GROUPS)
        self.switch_button.setEnabled(group)
        self.form_box.setVisible(not group and not isinstance(node, Not))
        self._show_form(node)

    def _show_row(self, key: str, visible: bool) -> None:
        self.form.setRowVisible(self.rows[key][1], visible)

    def _show_form(self, node: Condition) -> None:
        self._loading = True
        try:
            shown = set()
            if isinstance(node, Age):
                shown = {"ages", "age_at"}
                self.age_low.setValue(-1 if node.min_age is None else node.min_age)
                self.age_high.setValue(-1 if node.max_age is None else node.max_age)
                self.age_at.setCurrentIndex(self.age_at.findData(node.at))
            elif isinstance(node, Sex):
                shown = {"sex"}
                self.sex.setCurrentIndex(self.sex.findData(node.value))
            elif isinstance(node, (Municipality, SpecialLaw)):
                shown = {"values"}
                self.values.setText(", ".join(node.codes if isinstance(node, Municipality) else node.laws))
            elif isinstance(node, Uses):
                shown = {"column", "values", "min_events"}
                self.column.setCurrentIndex(self.column.findData(node.column))
                self.values.setText(", ".join(node.values))
                self.min_events.setValue(node.min_events)
            elif isinstance(node, Reasons):
                shown = {"values", "min_events"}
                self.values.setText(", ".join(node.ranges))
                self.min_events.setValue(node.min_events)
            elif isinstance(node, NeedLevel):
                shown = {"need"}
                self.need.setCurrentIndex(self.need.findData(node.level))
            for key in self.rows:
                self._show_row(key, key in shown)
        finally:
            self._loading = False
        self._fill_completion()

    def _fill_completion(self) -> None:
        node = self.selected()
        column = {Municipality: "municipality", SpecialLaw: "special_law"}.get(type(node))
        if isinstance(node, Uses):
            column = self.column.currentData()
        try:
            values = self.values_for(column) if column else []
        except Exception:  # noqa: BLE001 - completion is a convenience, never an error
            values = []
        self.completion.setStringList(sorted({str(v) for v in values}))

    # ------------------------------------------------------------------ editing (emits rule_edited)
    def form_condition(self) -> Condition:
        """The selected leaf as the form describes it (raises UserError for bad values)."""
        low = None if self.age_low.value() < 0 else self.age_low.value()
        high = None if self.age_high.value() < 0 else self.age_high.value()
        return leaf_condition(self.selected(), values_text=self.values.text(), low=low, high=high,
                              at=self.age_at.currentData(), sex=self.sex.currentData(),
                              column=self.column.currentData(), min_events=self.min_events.value(),
                              need=self.need.currentData())

    def apply_form(self) -> None:
        """Emit the rule with the selected leaf replaced by the form's values (if they changed)."""
        if self._loading:
            return
        path = self.selected_path()
        try:
            new = self.form_condition()
        except UserError as exc:
            self.error.emit(str(exc))
            return
        if new != node_at(self.rule, path):
            self._emit(replace_at(self.rule, path, new), path)

    def add_condition(self, kind: str) -> None:
        rule, path = add_to(self.rule, self.selected_path(), default_leaf(kind))
        self._emit(rule, path)

    def add_group(self, how: str) -> None:
        rule, path = add_to(self.rule, self.selected_path(), AllOf(()) if how == "all" else AnyOf(()))
        self._emit(rule, path)

    def wrap_in_not(self) -> None:
        """Wrap the selected node in "ei" (a "ei" node is unwrapped instead)."""
        path = self.selected_path()
        node = node_at(self.rule, path)
        self._emit(replace_at(self.rule, path, node.item if isinstance(node, Not) else Not(node)), path)

    def switch_group(self) -> None:
        path = self.selected_path()
        node = node_at(self.rule, path)
        if isinstance(node, GROUPS):
            other = AnyOf if isinstance(node, AllOf) else AllOf
            self._emit(replace_at(self.rule, path, other(node.items)), path)

    def remove_selected(self) -> None:
        rule, path = remove_at(self.rule, self.selected_path())
        self._emit(rule, path)

    def _emit(self, rule: Condition, path: Path) -> None:
        self.error.emit("")
        self.rule_edited.emit(rule, path)


__all__ = ["SegmentRuleTree", "add_to", "node_at", "remove_at", "replace_at"]
