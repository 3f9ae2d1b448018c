"""Connecting a button or a menu action to what it does, without Qt's arguments.

`QAbstractButton.clicked` and `QAction.triggered` carry a `checked` flag. Connected straight to a
slot such as `export_chart(self, path=None)`, Qt passes `False` into `path` and the slot returns at
once: the button does nothing. Every button, tool button and menu action of the app is connected
with `on_click` (tests/ui/test_every_click.py checks that no `.clicked.connect(` or
`.triggered.connect(` is written anywhere else in desktop/ui).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def on_click(control: Any, slot: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run `slot(*args, **kwargs)` when `control` (a button or a QAction) is clicked or triggered;
    whatever Qt sends with the signal is dropped. Returns `control`."""
    signal = control.triggered if isinstance(control, QAction) else control.clicked

    def run(*_qt_arguments: Any) -> None:
        slot(*args, **kwargs)

    signal.connect(run)
    return control


def menu_action(menu: QMenu, text: str, slot: Callable[..., Any], *args: Any, **kwargs: Any) -> QAction:
    """Add an action `text` to `menu` that runs `slot(*args, **kwargs)` (see `on_click`)."""
    action = menu.addAction(text)
    on_click(action, slot, *args, **kwargs)
    return action
