"""Problems found in an imported file: where (file, line as a text editor counts it, column) and what
was expected. Values shown to the user are masked so a personal identity code never reaches a
message, a log or a batch report (`desktop.core.identity`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.identity import CODE_SHAPED, MASK, masked
from desktop.core.lang import t

MAX_SHOWN = 20  # problems listed in an error message
MAX_STORED = 10_000  # rejected rows whose reasons are kept in a batch report

def mask_value(value: object, person: bool = False, limit: int = 40) -> str:
    """A value as it may be shown: identity-code-like parts become '******-****' (nothing of the
    birth date); other person ids keep at most their first 3 characters; long values are cut to
    `limit` characters."""
    text = "" if value is None else str(value)
    if person:
        if CODE_SHAPED.fullmatch(text.strip()):
            return MASK
        keep = masked(text)[: min(3, len(text) // 3)]
        return keep + "****"
    text = masked(text)
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text)} " + t("merkkiä", "characters") + ")"
    return text


@dataclass(frozen=True)
class Problem:
    """One bad cell or row. `line` is 1-based as a text editor (or Excel) counts it; 0 = whole file."""

    line: int
    column: str
    message: str

    def text(self, file_name: str = "") -> str:
        where = []
        if self.line:
            where.append(t(f"rivi {self.line}", f"line {self.line}"))
        if self.column:
            where.append(t(f"sarake {self.column}", f"column {self.column}"))
        prefix = f"{file_name}: " if file_name else ""
        return prefix + ", ".join(where) + (": " if where else "") + self.message

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class ProblemLog:
    """Collects problems; keeps every rejected line number but only the first details."""

    problems: list[Problem] = field(default_factory=list)
    rejected_lines: set[int] = field(default_factory=set)
    count: int = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.count += 1
        self.rejected_lines.add(int(line))
        if len(self.problems) < MAX_STORED:
            self.problems.append(Problem(int(line), column, message))

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.line, p.column))

    def shown(self, file_name: str, limit: int = MAX_SHOWN) -> list[str]:
        return [p.text(file_name) for p in self.sorted_problems()[:limit]]

    def __bool__(self) -> bool:
        return self.count > 0
