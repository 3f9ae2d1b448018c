"""Every question the app asks the planner goes through here: file choosers, yes/no questions,
messages, a name or a number to type, and modal dialogs.

One routing point so that a test (or a script) can answer them as a planner would, without a
blocking dialog: `with answered_by(answer): ...` makes every question a `Request` handed to
`answer(request)`, whose return value is the planner's answer (see `Request`). Without an answerer
the real Qt dialogs are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

Button = QMessageBox.StandardButton


@dataclass
class Request:
    """One question. `kind` and what the answerer returns for it:

    - "save_file", "open_file": a path (str) or "" for cancel; `suggestion` is the proposed name or
      folder, `filters` the file-type filter ("Excel (*.xlsx)").
    - "question": one of `buttons` (QMessageBox.StandardButton); `default` is the default button.
    - "message": nothing (a warning or a notice; `level` is "warning" or "information").
    - "text", "integer", "item": the value, or None for cancel; `suggestion` the proposed value,
      `choices` the items to pick from.
    - "dialog": the result code (QDialog.DialogCode) after filling in `dialog` as the planner would;
      the dialog is open (window-modal) while the answerer runs.
    - "report": nothing; a problem report (`dialog`) was shown, `unexpected` when it is a bug.
    """

    kind: str
    title: str
    text: str = ""
    parent: QWidget | None = None
    suggestion: Any = None
    filters: str = ""
    choices: Sequence[Any] = ()
    buttons: Any = None
    default: Any = None
    level: str = "information"
    dialog: QDialog | None = None
    unexpected: bool = False
    extra: dict = field(default_factory=dict)


_answerers: list[Callable[[Request], Any]] = []


@contextmanager
def answered_by(answer: Callable[[Request], Any]) -> Iterator[None]:
    """Within the block, `answer(request)` answers every question instead of a Qt dialog."""
    _answerers.append(answer)
    try:
        yield
    finally:
        _answerers.remove(answer)


def _answerer() -> Callable[[Request], Any] | None:
    return _answerers[-1] if _answerers else None


def save_file(parent: QWidget | None, title: str, suggestion: str, filters: str) -> str:
    """A path to write, or "" when the planner cancelled."""
    answer = _answerer()
    if answer is not None:
        return str(answer(Request("save_file", title, parent=parent, suggestion=suggestion, filters=filters)) or "")
    name, _ = QFileDialog.getSaveFileName(parent, title, suggestion, filters)
    return name


def open_file(parent: QWidget | None, title: str, start: str, filters: str) -> str:
    """A path of an existing file to read, or "" when the planner cancelled."""
    answer = _answerer()
    if answer is not None:
        return str(answer(Request("open_file", title, parent=parent, suggestion=start, filters=filters)) or "")
    name, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
    return name


def question(parent: QWidget | None, title: str, text: str, buttons: Any = Button.Yes | Button.No,
             default: Any = Button.No) -> Button:
    """The button the planner chose (QMessageBox.StandardButton)."""
    answer = _answerer()
    if answer is not None:
        return answer(Request("question", title, text, parent, buttons=buttons, default=default))
    return QMessageBox.question(parent, title, text, buttons, default)


def yes(parent: QWidget | None, title: str, text: str, default_yes: bool = False) -> bool:
    """True when the planner answered Yes."""
    return question(parent, title, text, default=Button.Yes if default_yes else Button.No) == Button.Yes


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A warning the planner reads and closes."""
    answer = _answerer()
    if answer is not None:
        answer(Request("message", title, text, parent, level="warning"))
        return
    QMessageBox.warning(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A notice the planner reads and closes."""
    answer = _answerer()
    if answer is not None:
        answer(Request("message", title, text, parent, level="information"))
        return
    QMessageBox.information(parent, title, text)


def text(parent: QWidget | None, title: str, label: str, value: str = "", secret: bool = False) -> str | None:
    """A line of text typed by the planner, or None for cancel. `secret`: a password (typed
    characters not shown; the request's `extra["secret"]` is True)."""
    answer = _answerer()
    if answer is not None:
        return answer(Request("text", title, label, parent, suggestion=value, extra={"secret": secret}))
    echo = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
    typed, ok = QInputDialog.getText(parent, title, label, echo, value)
    return typed if ok else None


def integer(parent: QWidget | None, title: str, label: str, value: int, low: int, high: int) -> int | None:
    """A whole number from `low` to `high` typed by the planner, or None for cancel."""
    answer = _answerer()
    if answer is not None:
        return answer(Request("integer", title, label, parent, suggestion=value, choices=(low, high)))
    number, ok = QInputDialog.getInt(parent, title, label, value, low, high)
    return number if ok else None


def item(parent: QWidget | None, title: str, label: str, items: Sequence[str], current: int = 0) -> str | None:
    """One of `items` picked by the planner, or None for cancel."""
    answer = _answerer()
    if answer is not None:
        return answer(Request("item", title, label, parent, suggestion=items[current] if items else None, choices=items))
    chosen, ok = QInputDialog.getItem(parent, title, label, list(items), current, False)
    return chosen if ok else None


def run_dialog(dialog: QDialog) -> int:
    """Show `dialog` modally and return its result code (QDialog.DialogCode)."""
    answer = _answerer()
    if answer is None:
        return dialog.exec()
    dialog.open()
    code = None
    try:
        code = answer(Request("dialog", dialog.windowTitle(), parent=dialog.parentWidget(), dialog=dialog))
    finally:
        if dialog.isVisible():  # the answerer did not press a button of its own: close with its answer
            dialog.done(int(code) if code is not None else int(QDialog.DialogCode.Rejected))
    return dialog.result()


def report_shown(dialog: QDialog, unexpected: bool) -> None:
    """Tell the answerer that a problem report is on screen (it stays open: the planner closes it)."""
    answer = _answerer()
    if answer is not None:
        answer(Request("report", dialog.windowTitle(), parent=dialog.parentWidget(), dialog=dialog, unexpected=unexpected))
