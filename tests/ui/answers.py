"""`Answers`: answers the app's questions (desktop.ui.dialogs.ask) as a test tells it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.ui.dialogs import ask

Button = QMessageBox.StandardButton


class Answers:
    """Answers every `ask.Request` and keeps them in `requests`.

    - yes/no questions: `yes_no` (Yes); Save/Discard/Cancel questions: `save_discard` (Discard);
    - file choosers: `file_for(request)` (a callable set by the test; "" = cancel by default);
    - text, integer, item: `values[kind]` when set, else the proposed value;
    - modal dialogs: `on_dialog(dialog)` returns the result code (Rejected by default);
    - messages and problem reports are only recorded.
    """

    def __init__(self) -> None:
        self.requests: list[ask.Request] = []
        self.yes_no = Button.Yes
        self.save_discard = Button.Discard
        self.file_for: Callable[[ask.Request], str] = lambda _request: ""
        self.values: dict[str, Any] = {}
        self.on_dialog: Callable[[QDialog], int] = lambda _dialog: int(QDialog.DialogCode.Rejected)

    def __call__(self, request: ask.Request) -> Any:
        self.requests.append(request)
        if request.kind == "question":
            if request.buttons & Button.Save:
                return self.save_discard
            return self.yes_no
        if request.kind in ("save_file", "open_file"):
            return self.file_for(request)
        if request.kind in ("text", "integer", "item"):
            return self.values.get(request.kind, request.suggestion)
        if request.kind == "dialog":
            return self.on_dialog(request.dialog)
        return None

    def of(self, kind: str) -> list[ask.Request]:
        return [r for r in self.requests if r.kind == kind]

    @property
    def asked(self) -> list[str]:
        """The texts of the questions asked, in order."""
        return [r.text for r in self.of("question")]

    @property
    def warnings(self) -> list[str]:
        return [r.text for r in self.of("message") if r.level == "warning"]

    @property
    def notices(self) -> list[str]:
        return [r.text for r in self.of("message") if r.level == "information"]
