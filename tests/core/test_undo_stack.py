"""The Qt-free undo stack: undo, redo, merging bursts, and the saved step (is_clean)."""

from __future__ import annotations

from desktop.core.command import Command, FunctionCommand, UndoStack


class SetName(Command):
    """Rename an entry of a plain dict; typing the same entry again merges into one step."""

    def __init__(self, names: dict, key: str, value: str):
        self.names, self.key, self.value, self.old = names, key, value, names[key]

    def do(self) -> None:
        self.names[self.key] = self.value

    def undo(self) -> None:
        self.names[self.key] = self.old

    def merge_with(self, other: Command) -> bool:
        if isinstance(other, SetName) and other.key == self.key:
            self.value = other.value
            return True
        return False


def test_a_new_edit_after_undoing_the_saved_step_is_unsaved():
    """Edit, save, undo, a different edit: the saved state is gone (QUndoStack forgets its clean index)."""
    names = {"a": "Neuvola"}
    stack = UndoStack()
    stack.push(SetName(names, "a", "Äitiysneuvola"))
    stack.set_clean()  # saved: 'Äitiysneuvola'
    stack.undo()
    assert not stack.is_clean() and names == {"a": "Neuvola"}
    stack.push(SetName(names, "a", "Lastenneuvola"))
    assert names == {"a": "Lastenneuvola"}
    assert not stack.is_clean()  # was clean before the fix: one command done, as when saved
    stack.undo()
    assert not stack.is_clean()  # 'Neuvola' was never saved either
    stack.redo()
    assert not stack.is_clean()
    stack.set_clean()
    assert stack.is_clean()


def test_undo_and_redo_back_to_the_saved_step_is_clean():
    names = {"a": "x"}
    stack = UndoStack()
    assert stack.is_clean()
    stack.push(SetName(names, "a", "y"))
    stack.set_clean()
    stack.push(FunctionCommand("b", lambda: names.update(b="1"), lambda: names.pop("b")))
    assert not stack.is_clean()
    stack.undo()
    assert stack.is_clean() and names == {"a": "y"}
    stack.undo()
    assert not stack.is_clean()
    stack.redo()
    assert stack.is_clean()


def test_an_edit_after_the_saved_step_is_not_merged_into_it():
    names = {"a": "x"}
    stack = UndoStack()
    stack.push(SetName(names, "a", "y"))
    stack.push(SetName(names, "a", "z"))
    assert len(stack.done) == 1  # a burst of typing is one step
    stack.set_clean()
    stack.push(SetName(names, "a", "w"))
    assert len(stack.done) == 2 and not stack.is_clean()
    stack.undo()
    assert stack.is_clean() and names == {"a": "z"}


def test_listeners_hear_every_change_and_clear_is_clean():
    heard = []
    stack = UndoStack()
    stack.listeners.append(lambda: heard.append(stack.is_clean()))
    stack.push(FunctionCommand("c", lambda: None, lambda: None))
    stack.set_clean()
    stack.undo()
    stack.push(FunctionCommand("d", lambda: None, lambda: None))
    stack.clear()
    assert heard == [False, True, False, False, True]
