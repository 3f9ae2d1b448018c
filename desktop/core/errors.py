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


class ReadOnlyRole(UserError):
    """The database role may read the team's project but not change it."""


class SchemaOutdated(UserError):
    """A team project's database has an older schema; it is upgraded only when asked."""


class ServerUnavailable(UserError):
    """The team project's database server could not be reached or refused the login."""


class LoginFailed(ServerUnavailable):
    """The server wants a (different) password."""


class SaveConflict(UserError):
    """Someone else saved the same thing after this editor loaded it: reload or save as a copy."""

    def __init__(self, message: str, area: str, base: int | None, current: int):
        super().__init__(message)
        self.area = area
        self.base = base
        self.current = current


class StoreDamaged(NotAStore):
    """The store file is damaged (a failing integrity check, an unreadable page or column chunk):
    nothing is written to it and no figure is shown from it."""


class StoreReadOnly(UserError):
    """The store (or its folder) cannot be written: read-only media, file or folder."""
