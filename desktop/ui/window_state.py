"""The main window's remembered state: its geometry, dock state and last page kept in the settings, the
window fitted to the screen (part of MainWindow, see main_window.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication

from desktop.ui import settings as S


class WindowState:
    """Restores and remembers the window's size, place and page, keeping it on the screen."""

    def _restore_window_state(self) -> None:
        if not self.restoreGeometry(self.settings.get(S.GEOMETRY)):
            self.resize(QSize(1200, 780))
        self.fit_to_screen()
        self._initial_size = self.size()
        self.restoreState(self.settings.get(S.WINDOW_STATE))
        self.show_page(self.settings.get(S.LAST_PAGE))

    def _remember_window_state(self) -> None:
        self.settings.set(S.GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(S.WINDOW_STATE, bytes(self.saveState().data()))
        current = self.current_page()
        if current is not None:
            self.settings.set(S.LAST_PAGE, current.key)

    def fit_to_screen(self) -> None:
        """Keep the window inside the screen's available area (without the task bar): on a 1366 x 768
        laptop a remembered or default size taller than the screen hid the status bar."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(self.width(), room.width() - frame.width())
        height = min(self.height(), room.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), room.x()), room.right() - width - frame.width())
        y = min(max(self.y(), room.y()), room.bottom() - height - frame.height())
        self.move(max(x, room.x()), max(y, room.y()))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not getattr(self, "_fitted", False):  # the frame's size is known once the window is shown
            self._fitted = True
            if self.size() == self._initial_size:  # not a size a caller chose (a script, a test)
                self.fit_to_screen()

