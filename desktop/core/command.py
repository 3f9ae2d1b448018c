"""Undo without Qt: edits are command objects with do/undo; `UndoStack` keeps them.

The UI adapts this stack to QUndoStack-like actions (Ctrl+Z / Ctrl+Shift+Z); tests use it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


class Command:
    text: str = ""

    def do(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def undo(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def merge_with(self, other: Command) -> bool:
        """Absorb `other` (a later edit of the same thing) and return True, or return False."""
        return False


@dataclass
class FunctionCommand(Command):
    """A command from two callables, for small edits."""

    text: str = field()  # explicit field: the base class's `text = ""` must not become a default
    do_fn: Callable[[], None]
    undo_fn: Callable[[], None]

    def do(self) -> None:
        self.do_fn()

    def undo(self) -> None:
        self.undo_fn()


@dataclass
class UndoStack:
    """Commands done and undone, and the saved step: `clean_index` is how many commands were done
    when the edits were last saved (-1 once that state cannot come back, as in QUndoStack)."""

    done: list[Command] = field(default_factory=list)
    undone: list[Command] = field(default_factory=list)
    clean_index: int = 0
    listeners: list[Callable[[], None]] = field(default_factory=list)

    def push(self, command: Command) -> None:
        command.do()
        if self.clean_index > len(self.done):
            # The saved step was undone and this edit replaces it: no redo can bring it back.
            self.clean_index = -1
        if not (self.done and len(self.done) > self.clean_index and self.done[-1].merge_with(command)):
            self.done.append(command)
        self.undone.clear()
        self._changed()

    def undo(self) -> bool:
        if not self.done:
            return False
        command = self.done.pop()
        command.undo()
        self.undone.append(command)
        self._changed()
        return True

    def redo(self) -> bool:
        if not self.undone:
            return False
        command = self.undone.pop()
        command.do()
        self.done.append(command)
        self._changed()
        return True

    def can_undo(self) -> bool:
        return bool(self.done)

    def can_redo(self) -> bool:
        return bool(self.undone)

    def set_clean(self) -> None:
        self.clean_index = len(self.done)
        self._changed()

    def is_clean(self) -> bool:
        """True when the edits are as last saved (nothing to save)."""
        return self.clean_index == len(self.done)

    def clear(self) -> None:
        self.done.clear()
        self.undone.clear()
        self.clean_index = 0
        self._changed()

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()
