"""The import dialog without Qt: the file being imported, its plan and hand-made mapping, the preview
and its problems, the import profiles and what the planner is told afterwards.

`ImportSession` holds the state of one import dialog: the store, the chosen file, the plan of
desktop.services.importing (the kind, the recognised mapping, the source's headers) and the planner's
overrides of that mapping. The dialog (desktop.ui.dialogs.import_dialog) shows the preview and runs the
file's opening and the import itself in the background with `plan_with_progress` and
`import_with_progress`; nothing is stored unless the whole import succeeds.

Sentences use `t("fi", "en")`; field labels of desktop.importers.mapping are Finnish only and are
passed through the `label` function the dialog gives (its Qt translation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from desktop.core.errors import Cancelled, UserError
from desktop.core.lang import t
from desktop.core.numbers import count
from desktop.importers import mapping as mp
from desktop.services import importing
from desktop.store import Store

PREVIEW_ROWS = 50
#: the dialog's "not used" choice of a column's drop-down
NOT_MAPPED = ""


@dataclass(frozen=True)
class ImportPreview:
    """The first rows of the file as read, with each cell's problems (several joined by new lines)."""

    frame: pd.DataFrame
    lines: list[int]
    problems: dict[tuple[int, str], str]
    masked_column: str | None  # the person id column: its values are masked on screen
    missing: list[str]  # required fields without a column
    problem_rows: int
    notes: list[str]  # what the planner should know before importing (sentences)

    @property
    def can_import(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class MappingChoice:
    """One drop-down above a source column: the fields of the kind and the one chosen."""

    header: str
    fields: list[tuple[str, str]]  # (field name, label with ' *' when required)
    current: str


def _same(label: str) -> str:
    return label


def plan_with_progress(progress, store: Store, path: Path, **kwargs) -> importing.ImportPlan:
    """Opening a file reads it (a large workbook for seconds): the dialog runs this off the UI thread."""
    progress.report(0, 1)
    return importing.plan_import(store, path, **kwargs)


def import_with_progress(progress, store: Store, plan: importing.ImportPlan, **kwargs) -> importing.ImportResult:
    return importing.run_import(store, plan, progress=progress, **kwargs)


def _unrecognised(exc: UserError) -> bool:
    return "lajia ei tunnistettu" in exc.message or "Could not tell the kind" in exc.message


class ImportSession:
    """One import: the file, its plan, the hand-made mapping; see the module docstring."""

    def __init__(self, store: Store):
        self.store = store
        self.path: Path | None = None
        self.plan: importing.ImportPlan | None = None
        self.overrides: dict[str, str | None] = {}
        self.imported: importing.ImportResult | None = None

    # ----------------------------------------------------------------- opening
    def open(self, path: str | Path, kind: str | None, sheet: str | None, chosen_kind: str,
             planner: Callable[..., importing.ImportPlan] | None = None, mode: str = importing.DEFAULT_MODE,
             ) -> importing.ImportPlan:
        """Open `path` as `kind` (None: guessed from the headers; when no kind is recognised, the
        `chosen_kind` of the dialog). `planner(kind, sheet)` plans it (the dialog's runs in the
        background). A file that cannot be opened raises UserError (or Cancelled) and leaves no plan."""
        self.path = Path(path)
        self.overrides = {}
        if planner is None:
            def planner(kind, sheet):
                return importing.plan_import(self.store, self.path, kind=kind, sheet=sheet, mode=mode)
        try:
            try:
                plan = planner(kind, sheet)
            except UserError as exc:
                if kind is not None or not _unrecognised(exc):
                    raise
                plan = planner(chosen_kind, sheet)
        except (UserError, Cancelled):
            self.plan = None
            raise
        self.plan = plan
        return plan

    def replan(self, kind: str, mode: str) -> importing.ImportPlan | None:
        """Plan again with `kind`, `mode` and the hand-made mapping (None before a file is open)."""
        if self.path is None or self.plan is None:
            return None
        self.plan = importing.plan_import(self.store, self.path, kind=kind, overrides=self.overrides, mode=mode,
                                          source=self.plan.source)
        return self.plan

    def layer_names(self) -> list[str]:
        return list(self.plan.source.layer_names) if self.plan else []

    # ----------------------------------------------------------------- preview
    def preview(self, label: Callable[[str], str] = _same, rows: int = PREVIEW_ROWS) -> ImportPreview:
        """The preview of the plan and the notes under it (`label` translates a field's Finnish label)."""
        plan = self.plan
        assert plan is not None
        preview = importing.preview_import(self.store, plan, rows=rows)
        problems: dict[tuple[int, str], str] = {}
        for row, column, message in preview.problems:
            key = (row, column)
            problems[key] = problems.get(key, "") + ("\n" if key in problems else "") + message
        notes = []
        if preview.missing:
            labels = {f.name: label(f.label_fi) for f in mp.fields(plan.kind)}
            notes.append(t("Pakollisia kenttiä puuttuu: %1. Valitse niille sarakkeet.",
                           "Required fields missing: %1. Choose columns for them.").replace(
                "%1", ", ".join(labels.get(name, name) for name in preview.missing)))
        problem_rows = len({r for r, _c, _m in preview.problems})
        if preview.problems:
            notes.append(t("Esikatselussa on %1 virheellistä riviä (punaisella; vie hiiri solun päälle).",
                           "The preview has %1 invalid rows (in red; hover over a cell).").replace("%1", str(problem_rows)))
        if plan.extra_columns:
            notes.append(t("Lisäsarakkeet väestöinä: %1", "Extra columns as populations: %1").replace(
                "%1", ", ".join(plan.extra_columns)))
        notes.extend(plan.warnings)
        earlier = importing.earlier_batch(self.store, plan.path, plan.kind, plan=plan)
        if earlier is not None:
            notes.append(t("Sama tiedosto on jo tuotu erässä #%1; valitse 'Korvaa', jos haluat korvata sen.",
                           "The same file was already imported in batch #%1; choose 'Replace' to replace it.")
                         .replace("%1", str(earlier.id)))
        if not notes:
            notes.append(t("Esikatselussa ei löytynyt ongelmia.", "No problems found in the preview."))
        return ImportPreview(preview.frame, [int(v) for v in preview.lines], problems,
                             plan.mapping.get("person_id"), list(preview.missing), problem_rows, notes)

    def mapping_choices(self, label: Callable[[str], str] = _same) -> list[MappingChoice]:
        """A drop-down per source column: '(not used)' is NOT_MAPPED, then the kind's fields."""
        plan = self.plan
        if plan is None:
            return []
        by_source = {source: canonical for canonical, source in plan.mapping.items()}
        fields = [(f.name, label(f.label_fi) + (" *" if f.required else "")) for f in mp.fields(plan.kind)]
        return [MappingChoice(header, fields, by_source.get(header, NOT_MAPPED)) for header in plan.source.headers]

    def set_mapping(self, source_column: str, canonical: str) -> bool:
        """Map `source_column` to `canonical` (NOT_MAPPED = not used); True when the plan must be made again."""
        if self.plan is None:
            return False
        for name, source in list(self.overrides.items()):
            if source == source_column:
                self.overrides.pop(name)
        for name, source in self.plan.mapping.items():
            if source == source_column and name != canonical:
                self.overrides[name] = None
        if canonical:
            self.overrides[canonical] = source_column
        return True

    # ---------------------------------------------------------------- profiles
    def profile_names(self, kind: str) -> list[str]:
        return [profile["name"] for profile in importing.list_profiles(self.store, kind)]

    def choose_profile(self, name: str) -> str | None:
        """Take the mapping of profile `name` (the columns this file has); its travel mode, if it has one."""
        profile = importing.load_profile(self.store, name)
        headers = self.plan.source.headers if self.plan else []
        self.overrides = {c: s for c, s in profile["mapping"].items() if s in headers}
        return profile["options"].get("mode") or None

    def save_profile(self, name: str) -> str:
        """Save the plan's mapping (and travel mode, sheet) as profile `name`; the name saved."""
        plan = self.plan
        assert plan is not None
        options = {"mode": plan.mode} if plan.kind == "travel-times" else {}
        if plan.source.layer:
            options["sheet"] = plan.source.layer
        importing.save_profile(self.store, name.strip(), plan.kind, plan.mapping, options)
        return name.strip()

    def delete_profile(self, name: str) -> None:
        importing.delete_profile(self.store, name)

    # ------------------------------------------------------------------ import
    def import_plan(self, mode: str) -> importing.ImportPlan:
        """The plan the import runs: checked (UserError when it cannot run) and read from the whole file."""
        plan = self.plan
        assert plan is not None
        importing.check_plan(plan)
        return importing.plan_import(self.store, self.path, kind=plan.kind, overrides=self.overrides, mode=mode,
                                     sheet=plan.source.layer)

    def success_text(self, result: importing.ImportResult) -> str:
        """What the planner is told after an import: rows, persons, the batch, rejected rows, warnings."""
        message = t("Tiedosto %1 tuotiin: %2 riviä erään %3.", "%1 was imported: %2 rows into batch %3.") \
            .replace("%1", self.path.name if self.path else "").replace("%2", count(result.rows)) \
            .replace("%3", str(result.batch_id))
        persons = result.report.get("persons")
        if persons is not None:
            message += " " + t("Henkilöitä %1.", "Persons %1.").replace("%1", count(persons))
        if result.rejected:
            message += " " + t("Hylättyjä rivejä %1 (ne näkyvät erän raportissa).",
                               "Rejected rows %1 (listed in the batch report).").replace("%1", count(result.rejected))
        if result.warnings or result.notes:
            message += "\n" + "\n".join([*result.warnings, *result.notes])
        return message


def seconds_left(elapsed: float, fraction: float) -> int | None:
    """The time left of an import `fraction` done after `elapsed` seconds; None while too early to tell."""
    if 0.02 < fraction < 1.0 and elapsed > 1.0:
        return int(elapsed * (1 - fraction) / fraction)
    return None
