"""A readable report of an error or of problems found (e.g. rejected rows), with "save as text".

`show_error(parent, exc)` is the one place the UI turns an exception into something a planner can
read: a `UserError` shows its message and detail lines; anything else is a bug, so the traceback is
written to a log file (desktop.paths.log_dir()) and the dialog names that file.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.core.errors import UserError
from desktop.paths import log_dir, safe_text, write_log
from desktop.ui.clicks import on_click
from desktop.ui.dialogs import ask

log = logging.getLogger(__name__)


def write_error_log(exc: BaseException) -> Path:
    """Write the exception with its traceback to a new file in the log folder; returns its path."""
    text = getattr(exc, "__traceback_text__", None) or "".join(traceback.format_exception(exc))
    stamp = dt.datetime.now()
    path = log_dir() / f"virhe-{stamp:%Y%m%d-%H%M%S-%f}.log"
    header = f"{APP_NAME} {__version__}  {stamp.isoformat(timespec='seconds')}\n\n"
    write_log(path, header + text)  # identity codes masked, never a database password
    log.error("unexpected error (details in %s): %s", path, safe_text(exc))
    return path


class ReportDialog(QDialog):
    """A message on top and a scrollable, selectable text below; "Tallenna tekstinä..." saves both."""

    def __init__(
        self,
        title: str,
        message: str,
        details: str = "",
        parent: QWidget | None = None,
        error: bool = True,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(560, 360 if details else 160)
        self.message = message
        self.details = details
        layout = QVBoxLayout(self)
        icon = self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical if error else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        head = QLabel()
        head.setPixmap(icon.pixmap(32, 32))
        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(head, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.message_label, 1)
        layout.addLayout(top)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_view.setVisible(bool(details))
        layout.addWidget(self.details_view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(self.tr("Tallenna tekstinä..."), QDialogButtonBox.ButtonRole.ActionRole)
        on_click(self.save_button, self._ask_save)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.message + ("\n\n" + self.details if self.details else "") + "\n"

    def save_to(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.text(), encoding="utf-8")
        return path

    def _ask_save(self) -> None:
        name = ask.save_file(
            self, self.tr("Tallenna raportti"), str(Path.home() / "raportti.txt"), self.tr("Tekstitiedostot (*.txt)")
        )
        if not name:
            return
        try:
            self.save_to(name)
        except OSError as exc:
            ask.warn(self, self.tr("Tallennus epäonnistui"), self.tr("Tiedostoa ei voitu tallentaa: %1").replace("%1", str(exc)))


def error_report(exc: BaseException, parent: QWidget | None = None) -> ReportDialog:
    """The dialog for an exception (not shown yet). Unexpected errors are logged to a file first."""
    if isinstance(exc, UserError):
        return ReportDialog(
            QCoreApplication.translate("ReportDialog", "Toimintoa ei voitu tehdä"), exc.message, "\n".join(exc.problems), parent
        )
    path = write_error_log(exc)
    message = QCoreApplication.translate(
        "ReportDialog",
        "Ohjelmassa tapahtui odottamaton virhe: %1\n\nTiedot on tallennettu lokitiedostoon:\n%2\n"
        "Voit jatkaa työtä; jos virhe toistuu, lähetä lokitiedosto ylläpidolle."
    )
    message = message.replace("%1", safe_text(f"{type(exc).__name__}: {exc}")).replace("%2", str(path))
    details = safe_text(getattr(exc, "__traceback_text__", None) or "".join(traceback.format_exception(exc)))
    dialog = ReportDialog(QCoreApplication.translate("ReportDialog", "Odottamaton virhe"), message, details, parent)
    dialog.log_path = path  # type: ignore[attr-defined]
    return dialog


_open_reports: set[ReportDialog] = set()  # keeps parentless dialogs alive while shown


def show_error(parent: QWidget | None, exc: BaseException) -> ReportDialog | None:
    """Show an exception as a readable report (window-modal, does not block). Never raises."""
    try:
        dialog = error_report(exc, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open_reports.add(dialog)
        dialog.finished.connect(lambda _result: _open_reports.discard(dialog))
        dialog.open()
        ask.report_shown(dialog, unexpected=not isinstance(exc, UserError))
        return dialog
    except Exception:  # noqa: BLE001 - the report itself must not take the app down
        log.exception("could not show the error report")
        return None
