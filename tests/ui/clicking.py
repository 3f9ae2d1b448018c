"""Clicking everything a planner can click, through Qt, and noticing what each click did.

`Clicker.explore(root)` clicks every visible, enabled button under `root` with `qtbot.mouseClick`
(buttons that appear after a click, e.g. behind a check box, included), shows every tab of its tab
widgets, and triggers every action of a button's drop-down menu; `Clicker.trigger(action)` does the
same for a menu action. After each click it lets the app settle (background page loads finish), closes
the windows the click opened (after exploring their buttons too) and records a `Click`. Questions are
answered by `PlannerAnswers` (file choosers get paths in a temporary folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from answers import Answers
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)
from shiboken6 import isValid

from desktop.paths import log_dir
from desktop.ui.dialogs import ask

#: texts of buttons that close the window they are in: clicked last when exploring a dialog
CLOSING = {"Sulje", "Close", "OK", "Peruuta", "Cancel", "Hylkää", "Kumoa"}


def settle(window) -> None:
    """Run the event loop until the pages' background loads are over (no sleeps, no timing)."""
    for _ in range(3):
        QCoreApplication.processEvents()
        for page in getattr(window, "pages", []):
            if page.isVisible():
                assert page.wait_until_loaded(), f"page {page.key} did not finish loading"
    QCoreApplication.processEvents()


class PlannerAnswers(Answers):
    """Answers as a planner trying every control would: Yes to questions, paths in `folder` for files
    to write, `open_files[extension]` for files to read, a name for names, OK in dialogs that have it."""

    def __init__(self, folder: Path, qtbot) -> None:
        super().__init__()
        self.folder = folder
        self.qtbot = qtbot
        self.open_files: dict[str, Path] = {}
        self.written: list[Path] = []
        self.file_for = self._file
        self.values = {"text": "Klikkitesti"}
        self.on_dialog = self._dialog

    def _file(self, request: ask.Request) -> str:
        if request.kind == "save_file":
            name = Path(str(request.suggestion or "tiedosto")).name
            path = self.folder / f"{len(self.written) + 1:02d}-{name}"
            self.written.append(path)
            return str(path)
        for extension, path in self.open_files.items():
            if f"*{extension}" in request.filters:
                return str(path)
        return ""  # nothing suitable to read: the planner cancels the chooser

    def _dialog(self, dialog: QDialog) -> int:
        """Fill an empty name field and press OK when the dialog has one; else close it. The import
        dialog: Enter, and wait until the import is over."""
        if hasattr(dialog, "import_button") and dialog.import_button.isEnabled():
            self.qtbot.keyClick(dialog.file_label, Qt.Key.Key_Return)
            self.qtbot.waitUntil(lambda: dialog.imported is not None or dialog.last_error is not None, timeout=60_000)
            return dialog.result()
        for edit in dialog.findChildren(QLineEdit):
            if edit.isVisible() and edit.isEnabled() and not edit.text() and not edit.isReadOnly():
                self.qtbot.keyClicks(edit, "Klikkitesti")
                break
        for box in dialog.findChildren(QDialogButtonBox):
            ok = box.button(QDialogButtonBox.StandardButton.Ok)
            if ok is not None and ok.isEnabled() and ok.isVisible():
                self.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
                return dialog.result()
        return int(QDialog.DialogCode.Rejected)


@dataclass
class Click:
    where: str
    text: str
    asked: list = field(default_factory=list)  # the ask.Requests of the click
    windows: list = field(default_factory=list)  # titles of the windows it opened
    written: list = field(default_factory=list)  # files it wrote
    error_logs: list = field(default_factory=list)  # unexpected errors logged meanwhile

    @property
    def opened_something(self) -> bool:
        dialogs = [r for r in self.asked if r.kind not in ("message", "report")]
        return bool(dialogs or self.windows or self.written)


def _label(control) -> str:
    text = control.text() if hasattr(control, "text") else ""
    return text.replace("&", "").strip()


def _key(control) -> str:
    """A name of a control that stays the same when its page is rebuilt."""
    parts = []
    widget = control if isinstance(control, QWidget) else None
    while widget is not None and not widget.isWindow():
        parts.append(type(widget).__name__)
        widget = widget.parentWidget()
    return f"{'/'.join(reversed(parts))}:{_label(control)}:{control.toolTip() if hasattr(control, 'toolTip') else ''}"


class Clicker:
    def __init__(self, qtbot, window, answers: PlannerAnswers) -> None:
        self.qtbot = qtbot
        self.window = window
        self.answers = answers
        self.clicks: list[Click] = []
        self.done: set[str] = set()
        self.skip: set[str] = set()  # labels of controls the test clicks itself, at its end

    # ------------------------------------------------------------------ one click
    def _windows(self) -> set:
        return {w for w in QApplication.topLevelWidgets() if isValid(w) and w.isVisible() and w.isWindow()}

    def _act(self, where: str, text: str, do, depth: int) -> Click:
        before_windows = self._windows()
        before_requests = len(self.answers.requests)
        before_written = {p for p in self.answers.folder.iterdir()}
        before_logs = set(log_dir().glob("virhe-*.log"))
        if os.environ.get("CLICKS_TRACE"):
            print(f"click {where} '{text}'", flush=True)
        do()
        settle(self.window)
        click = Click(where, text)
        click.asked = self.answers.requests[before_requests:]
        new_windows = [w for w in self._windows() - before_windows if w is not self.window]
        click.windows = [w.windowTitle() for w in new_windows]
        click.written = sorted(p for p in set(self.answers.folder.iterdir()) - before_written if p.is_file())
        click.error_logs = sorted(set(log_dir().glob("virhe-*.log")) - before_logs)
        self.clicks.append(click)
        for opened in new_windows:
            if depth < 1 and isValid(opened) and opened.isVisible():
                self.explore(opened, f"{where} > {opened.windowTitle()}", depth + 1)
            if isValid(opened) and opened.isVisible():
                opened.close()
        settle(self.window)
        return click

    def click(self, button: QAbstractButton, where: str, depth: int = 0) -> Click:
        return self._act(where, _label(button), lambda: self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton), depth)

    def trigger(self, action: QAction, where: str, depth: int = 0) -> Click:
        return self._act(where, _label(action), action.trigger, depth)

    # ------------------------------------------------------------------ exploring
    def menu_actions(self, menu: QMenu) -> list[QAction]:
        """The actions of `menu` and its submenus (filled as when it is opened)."""
        menu.aboutToShow.emit()
        out = []
        for action in menu.actions():
            if action.menu() is not None:
                out.extend(self.menu_actions(action.menu()))
            elif not action.isSeparator():
                out.append(action)
        return out

    def _next_button(self, root: QWidget, last: bool) -> QAbstractButton | None:
        for button in root.findChildren(QAbstractButton):
            if isinstance(button.parentWidget(), QTabBar) or not _label(button):
                continue  # a tab bar's scroll arrows, a table's corner button
            if not (button.isVisible() and button.isEnabled()) or button.window() is not root.window():
                continue
            key = _key(button)
            if key in self.done or _label(button) in self.skip or ((_label(button) in CLOSING) != last):
                continue
            return button
        return None

    def _next_tab(self, root: QWidget, seen: set) -> tuple[QTabWidget, int] | None:
        for number, tabs in enumerate(root.findChildren(QTabWidget)):
            if not tabs.isVisible():
                continue
            for index in range(tabs.count()):
                if (number, index) not in seen and tabs.isTabEnabled(index):
                    seen.add((number, index))
                    return tabs, index
        return None

    def explore(self, root: QWidget, where: str, depth: int = 0) -> None:
        """Click everything under `root` (see the module docstring); closing buttons last."""
        tabs_seen: set = set()
        for last in (False, True):
            for _ in range(200):  # a bound: a page has far fewer controls
                if not isValid(root) or not root.isVisible():
                    return
                button = self._next_button(root, last)
                if button is not None:
                    self.done.add(_key(button))
                    if getattr(button, "menu", lambda: None)() is not None:  # a drop-down: every entry, not the blocking popup
                        for action in self.menu_actions(button.menu()):
                            if action.isEnabled() and _label(action) not in self.skip:
                                self.trigger(action, f"{where} > {_label(button)}", depth)
                    else:
                        self.click(button, where, depth)
                    continue
                tab = self._next_tab(root, tabs_seen) if not last else None
                if tab is None:
                    break
                tabs, index = tab
                bar = tabs.tabBar()
                self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
                settle(self.window)
