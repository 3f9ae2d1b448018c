"""The classification page without Qt: the working copy of one classification version, its undo
stack, every edit a planner makes, the background load and the live preview on the events.

Saving is explicit: edits change the working copy (`classification`); `save()` writes it as the
version of its own year. Every edit is an `EditCommand` on `undo_stack` (a mutation applied once,
then before/after snapshots), so undo and redo are exact. After an edit the presenter tells its
listeners (`on_edit`: the view rebuilds and asks for the preview, `recompute()`).

The view (desktop.ui.pages.classification_page) calls these methods from its widgets and shows
`classification`, `current_service`, `current_rule` and `preview`; tests drive it without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from desktop.analysis import privacy
from desktop.core.command import Command, UndoStack
from desktop.core.rules import Classification, Condition
from desktop.presenters.classification_edits import ClassificationEdits
from desktop.presenters.classification_figures import (  # noqa: F401 - COVERAGE_TOP and Preview for the view
    COVERAGE_TOP,
    ClassificationFigures,
    Preview,
    compute_preview,
)


def choose_version(versions: list[Classification], wanted: int | None) -> Classification:
    """The saved version valid from `wanted`, else the newest; a store from before the classification
    existed gets an empty one valid from the default's year (the page then offers the default)."""
    chosen = next((v for v in versions if v.valid_from == wanted), versions[-1] if versions else None)
    if chosen is None:
        from desktop.services.classification import default_classification

        chosen = Classification(valid_from=default_classification().valid_from)
    return chosen


@dataclass
class LoadedClassification:
    """What `load_classification` hands back to the presenter."""

    versions: list[Classification]
    events: object
    classifier: object
    chosen: Classification | None  # the version to show (None when unsaved edits are kept)
    preview: Preview | None  # of `chosen` or of the working copy `working`; None: compute on the GUI thread
    working: dict | None


def load_classification(progress, store, working: dict | None, saved_valid_from: int | None,
                        events=None, classifier=None) -> LoadedClassification:
    """The page's heavy load, run off the GUI thread: the saved versions, the events (from the store's
    cache when unchanged), a Classifier and the preview of the version to show, or of `working` (the
    unsaved working copy as a dict). The page's own `classifier` is reused, without a preview here,
    when the events did not change (it is not shared between threads)."""
    from desktop.analysis.classification import Classifier
    from desktop.services import edit_versions
    from desktop.services.classification import load_versions

    if working is None:  # the saved version is shown: saves are based on what is stored now
        edit_versions.begin_editing(store, "classification")
    versions = load_versions(store)
    progress.check()
    fresh = store.load("events")
    chosen = None if working is not None else choose_version(versions, saved_valid_from)
    if fresh is events and classifier is not None:
        return LoadedClassification(versions, events, classifier, chosen, None, working)
    classifier = Classifier(fresh)
    progress.check()
    shown = chosen if chosen is not None else Classification.from_dict(working)
    return LoadedClassification(versions, fresh, classifier, chosen,
                                compute_preview(classifier, fresh, shown, privacy.min_group(store)), working)


def rule_from_combination(rec: dict) -> list[Condition]:
    """Conditions that take exactly one unclassified combination (empty values as 'is empty')."""
    out = []
    for field in ("service_form", "service_code", "professional_group", "special_law"):
        value = str(rec.get(field) or "")
        out.append(Condition(field, "in", (value,)) if value else Condition(field, "is_empty"))
    return out


class EditCommand(Command):
    """An edit of the working classification: `mutate(classification)` once, then snapshots."""

    def __init__(self, presenter: ClassificationPresenter, text: str, mutate: Callable[[Classification], None]):
        self.presenter = presenter
        self.text = text
        self.mutate = mutate
        self.before: dict | None = None
        self.after: dict | None = None

    def do(self) -> None:
        p = self.presenter
        if self.after is None:
            self.before = p.classification.to_dict()
            self.mutate(p.classification)
            self.after = p.classification.to_dict()
            p.edited()
        else:
            p.restore(self.after)

    def undo(self) -> None:
        self.presenter.restore(self.before)


class ClassificationPresenter(ClassificationEdits, ClassificationFigures):
    """The working copy, the selection (service, rule), the undo stack, the load and the preview."""

    def __init__(self) -> None:
        self.store = None
        self.classification: Classification | None = None
        self.saved_valid_from: int | None = None
        self.current_service: str | None = None
        self.current_rule: tuple[str, str] | None = None  # ('alloc'|'level', rule id)
        self.events = None
        self.classifier = None
        self.preview: Preview | None = None
        self.versions: list[Classification] = []
        self.undo_stack = UndoStack()
        self.stale = False  # the figures belong to an earlier state of the working copy
        self.frozen = False  # the view is filling its widgets: their signals are no edits
        #: called after every edit, undo and redo (the view rebuilds and recomputes)
        self.on_edit: list[Callable[[], None]] = []

    # ------------------------------------------------------------------ store and loads
    def set_store(self, store) -> None:
        """Another store: its newest version at the next load; unsaved edits of the previous are dropped."""
        self.store = store
        self.events = self.classifier = None
        self.saved_valid_from = None
        self.undo_stack.clear()

    def keeps_edits(self) -> bool:
        return self.store is not None and self.classification is not None and not self.undo_stack.is_clean()

    def load_job(self) -> Callable | None:
        """The background work of a refresh (`job(progress)`), None without a store. Unsaved edits are
        kept (and previewed anew); otherwise the saved version is read again."""
        if not self.keeps_edits():
            self.undo_stack.clear()
            self.preview = None
        if self.store is None:
            self.classification = None
            return None
        working = self.classification.to_dict() if self.keeps_edits() else None
        return partial(_run_load, self.store, working, self.saved_valid_from, self.events, self.classifier)

    def loaded(self, loaded: LoadedClassification) -> bool:
        """Take a finished load; True when the working copy is a saved version read now (not kept edits)."""
        self.events, self.classifier, self.versions = loaded.events, loaded.classifier, loaded.versions
        if loaded.working is not None:
            if loaded.preview is not None and self.classification.to_dict() == loaded.working:
                self.preview = loaded.preview
            else:
                self.recompute()
            return False
        chosen = loaded.chosen
        self.classification = chosen
        self.saved_valid_from = chosen.valid_from if loaded.versions else None
        if self.current_service is None or chosen.service(self.current_service) is None:
            self.current_service = chosen.services[0].code if chosen.services else None
        self.current_rule = None
        self.undo_stack.set_clean()
        if loaded.preview is not None:
            self.preview = loaded.preview
        else:
            self.recompute()
        return True

    def load_failed(self) -> None:
        """The load failed: no figures; the working copy stays only when it holds unsaved edits."""
        self.events = self.classifier = None
        self.preview = None
        if self.undo_stack.is_clean():
            self.classification = None

    def writable(self) -> bool:
        return self.store is not None and not self.store.readonly

    # ------------------------------------------------------------------ versions and saving
    def pick_version(self, year: int) -> bool:
        """Show the saved version valid from `year` (unsaved edits are dropped: ask first)."""
        from desktop.services.classification import load_versions

        chosen = next((v for v in load_versions(self.store) if v.valid_from == year), None)
        self.saved_valid_from = year
        if chosen is None:
            return False
        self.classification = chosen
        self.undo_stack.clear()
        self.undo_stack.set_clean()
        self.recompute()
        return True

    def save(self) -> None:
        """Write the working copy as the version of its own year (another year's version stays);
        raises UserError when it cannot be saved."""
        from desktop.analysis.classification import Classifier
        from desktop.services.classification import load_versions, save_classification

        save_classification(self.store, self.classification)
        self.saved_valid_from = self.classification.valid_from
        self.undo_stack.set_clean()
        self.versions = load_versions(self.store)
        self.events = self.store.load("events")  # the store changed: read once
        self.classifier = Classifier(self.events)

    def compare(self, old_year: int, new_year: int) -> list[str]:
        """What changed between two saved versions and the effect on the store's events, as lines."""
        from desktop.services.classification import compare_versions, comparison_lines

        old_year, new_year = sorted((old_year, new_year))
        return comparison_lines(compare_versions(self.store, old_year, new_year))

    # ------------------------------------------------------------------ undo
    def push(self, text: str, mutate: Callable[[Classification], None]) -> None:
        if self.classification is None or self.frozen:
            return
        self.undo_stack.push(EditCommand(self, text, mutate))

    def edited(self) -> None:
        self.stale = True
        for listener in list(self.on_edit):
            listener()

    def restore(self, data: dict) -> None:
        self.classification = Classification.from_dict(data)
        if self.current_service and self.classification.service(self.current_service) is None:
            self.current_service = self.classification.services[0].code if self.classification.services else None
        self.edited()

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()


def _run_load(store, working, saved_valid_from, events, classifier, progress) -> LoadedClassification:
    return load_classification(progress, store, working, saved_valid_from, events, classifier)
