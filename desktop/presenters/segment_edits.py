"""The edits a planner makes to the working segment rules and need thresholds (Qt-free; the
presenter's edit part).

Each edit is one command on the undo stack: `SegmentListEdit` replaces the whole list (its old and new
lists are kept, segments being immutable, so undo and redo are exact), `ThresholdsEdit` the need
thresholds. The texts name the edit for the undo history, Finnish first."""

from __future__ import annotations

import json
from dataclasses import replace

from desktop.core.command import Command
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import (
    AGE_AT_EVENT,
    AGE_AT_YEAR_END,
    AllOf,
    AnyOf,
    NeedThresholds,
    Not,
    Segment,
    condition_from_dict,
)


class SegmentListEdit(Command):
    """The segment list replaced by `new`; `select` is the row to show after it, `old_row` the row
    shown before (and after an undo)."""

    def __init__(self, presenter, text: str, new: list[Segment], select: int, old_row: int):
        self.presenter = presenter
        self.text = text
        self.old = list(presenter.segments)
        self.new = list(new)
        self.select = select
        self.old_row = old_row

    def do(self) -> None:
        self.presenter.segments = list(self.new)
        self.presenter.segments_changed(self.select)

    def undo(self) -> None:
        self.presenter.segments = list(self.old)
        self.presenter.segments_changed(self.old_row)


class ThresholdsEdit(Command):
    """The need thresholds changed from `old` to `new`."""

    def __init__(self, presenter, old: NeedThresholds, new: NeedThresholds):
        self.presenter = presenter
        self.text = t("Muuta kynnysarvoja", "Change thresholds")
        self.old = old
        self.new = new

    def do(self) -> None:
        self.presenter.thresholds_changed(self.new)

    def undo(self) -> None:
        self.presenter.thresholds_changed(self.old)


def builder_condition(kind: str, values_text: str, low: int | None, high: int | None, field: str,
                      negate: bool):
    """The condition of the editor's builder row: `kind` (age_end, age_event, sex, municipality,
    special_law, uses, reasons, need_level), its comma-separated values, the lower and upper number
    (age, or the least number of events), the field of 'uses' and whether it is negated. Raises
    UserError for bad values."""
    values = [v.strip() for v in values_text.split(",") if v.strip()]
    data = {
        "age_end": {"type": "age", "min": low, "max": high, "at": AGE_AT_YEAR_END},
        "age_event": {"type": "age", "min": low, "max": high, "at": AGE_AT_EVENT},
        "sex": {"type": "sex", "value": values[0] if values else ""},
        "municipality": {"type": "municipality", "codes": values},
        "special_law": {"type": "special_law", "laws": values},
        "uses": {"type": "uses", "field": field, "values": values, "min_events": low or 1},
        "reasons": {"type": "reasons", "ranges": values, "min_events": low or 1},
        "need_level": {"type": "need_level", "level": values[0] if values else ""},
    }[kind]
    condition = condition_from_dict(data)
    return Not(condition) if negate else condition


def joined(old, new, how: str):
    """`new` joined to the rule `old` with AND ('all') or OR ('any'): into `old` when it is such a
    group already."""
    group = AllOf if how == "all" else AnyOf
    items = old.items if isinstance(old, group) else (old,)
    return group((*items, new))


def rule_from_json(text: str):
    """The condition written as JSON text (the editor's advanced field); raises UserError."""
    try:
        return condition_from_dict(json.loads(text))
    except json.JSONDecodeError as exc:
        raise UserError(t("Ehto ei ole kelvollista JSONia: ", "The condition is not valid JSON: ") + exc.msg) from exc


class SegmentEdits:
    """The edit part of SegmentsPresenter (uses its `segments`, `thresholds` and `undo_stack`)."""

    def segments_changed(self, row: int) -> None:
        """The list changed (an edit, undo or redo): the membership is stale (the edited segment is
        counted alone first: the live count); the listeners show the list with `row` selected."""
        self.membership = None
        self._sizes = self._projection = None  # tables of the old membership: let it go
        for listener in list(self.on_segments):
            listener(row)

    def thresholds_changed(self, value: NeedThresholds) -> None:
        self.thresholds = value
        for listener in list(self.on_thresholds):
            listener()

    def free_name(self, base: str) -> str:
        """`base`, or `base 2`, `base 3`, ... when the name is taken."""
        names = {s.name for s in self.segments}
        name, n = base, 2
        while name in names:
            name, n = f"{base} {n}", n + 1
        return name

    def replace_all(self, new: list[Segment], text: str, select: int | None, current: int) -> None:
        """Replace the list (undoable); `current` is the row shown now, `select` the row to show after."""
        self.undo_stack.push(SegmentListEdit(self, text, new, select if select is not None else current, current))

    def add_segment(self, segment: Segment, current: int) -> None:
        """Append `segment` (renamed when its name is taken) and select it."""
        if any(s.name == segment.name for s in self.segments):
            segment = replace(segment, name=self.free_name(segment.name))
        self.replace_all([*self.segments, segment], t("Lisää segmentti", "Add segment"), len(self.segments), current)

    def remove_segment(self, row: int) -> None:
        """Remove segment `row` (the row shown); the one before it is selected."""
        if 0 <= row < len(self.segments):
            self.replace_all(self.segments[:row] + self.segments[row + 1:], t("Poista segmentti", "Remove segment"),
                             max(row - 1, 0), row)

    def edit_segment(self, row: int, segment: Segment, current: int) -> None:
        """Replace segment `row` (undoable); raises UserError when another segment has its name."""
        if segment.name in {s.name for i, s in enumerate(self.segments) if i != row}:
            raise UserError(t("Nimi on jo käytössä: ", "The name is already in use: ") + segment.name)
        new = list(self.segments)
        new[row] = segment
        self.replace_all(new, t("Muokkaa segmenttiä", "Edit segment"), row, current)

    def set_thresholds(self, values: dict) -> None:
        """New need thresholds (undoable) from {wider_eur, high_eur, high_red_eur}; raises UserError."""
        new = NeedThresholds.from_dict(values)
        if new != self.thresholds:
            self.undo_stack.push(ThresholdsEdit(self, self.thresholds, new))
