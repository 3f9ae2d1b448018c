"""The preview of an import: the first rows as read and the problems converting them finds."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.importers.kinds import CONVERTERS
from desktop.services.importing.conversion import _canonical_frame, _context
from desktop.services.importing.plan import ImportPlan
from desktop.store import Store


@dataclass
class Preview:
    """The first rows as read (`frame`, source columns), their line numbers, and the problems found
    converting them: (row index, source column, message)."""

    frame: pd.DataFrame
    lines: np.ndarray
    problems: list[tuple[int, str, str]]
    missing: list[str]


def preview_import(store: Store | None, plan: ImportPlan, rows: int = 50) -> Preview:
    frame = plan.source.preview(rows)
    lines_fn = getattr(plan.source, "preview_lines", None)
    lines = lines_fn(rows) if lines_fn else np.arange(len(frame)) + 2
    if len(lines) != len(frame):
        lines = np.arange(len(frame)) + 2
    problems: list[tuple[int, str, str]] = []
    missing = plan.missing
    if not missing and len(frame):
        ctx = _context(store, plan)
        converted = CONVERTERS[plan.kind](_canonical_frame(frame, plan), ctx)
        problems = [(i, plan.mapping.get(f, f), msg) for i, f, msg in converted.problems]
    return Preview(frame, np.asarray(lines), problems, missing)
