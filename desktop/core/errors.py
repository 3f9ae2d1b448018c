"""Errors a planner can act on. Anything else is a bug and is logged as such."""

from __future__ import annotations

from desktop.core.identity import masked
from desktop.core.lang import t


class UserError(Exception):
    """Bad input or a situation the user can fix. The message is a sentence in the current language.

    `problems` holds detail lines (e.g. one per bad cell) shown after the message. Identity codes
    in either (a file name, a cell value) are masked here, so no message can show one.
    """

    def __init__(self, message: str, problems: list[str] | None = None):
        message = masked(message)
        super().__init__(message)
        self.message = message
        self.problems = [masked(p) for p in problems or []]

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join("  " + p for p in self.problems)


class Cancelled(Exception):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(t("Toiminto peruttiin; mitään ei muutettu.", "Cancelled; nothing was changed."))


class StoreInUse(UserError):
    """Another app instance holds the store open for writing."""


class StoreTooNew(UserError):
    """The store was written by a newer app version; we must not touch it."""


class NotAStore(UserError):
    """The file is not a Sote Planner store (or is damaged)."""
