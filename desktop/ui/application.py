"""The Qt application of the app: the QApplication with its name and icon, and the UI language
(`--lang`, the saved choice or the system's) with its Qt translators. The start-up wiring
(desktop.app) and the self-test use these; so does the main window's language switch."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from desktop import APP_ID, APP_NAME, ORG_NAME, __version__

log = logging.getLogger(__name__)

_translators: list = []  # installed QTranslators (kept alive; replaced on a language switch)


def language_from_argv(argv: list[str]) -> str | None:
    """'fi' or 'en' when `--lang X` or `--lang=X` is on the command line."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def ui_language(settings, argv: list[str] | None = None) -> str:
    """The UI language: `--lang` on the command line, else the saved choice, else the system's."""
    from desktop.core.lang import default_language
    from desktop.ui import settings as S

    chosen = language_from_argv(list(sys.argv[1:] if argv is None else argv)) or settings.get(S.LANGUAGE)
    if not chosen:
        chosen = default_language()
    return "en" if chosen.lower().startswith("en") else "fi"


def translations_dir() -> Path:
    from desktop.paths import resources_dir

    return resources_dir() / "translations"


def install_translators(language: str) -> bool:
    """Make `language` ('fi' or 'en') the UI language of the running QApplication and of the Qt-free
    messages. Finnish is the source language of the app's texts; for it Qt's own texts (buttons of
    standard dialogs) get Qt's Finnish translation. Returns True when every file needed was loaded."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    from desktop.core.lang import set_language

    set_language(language)
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    ok = True
    if language == "en":
        translator = QTranslator(app)
        ok = translator.load("sote_en", str(translations_dir()))
        if ok:
            app.installTranslator(translator)
            _translators.append(translator)
        else:
            log.warning("English translation not found in %s", translations_dir())
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    else:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load("qtbase_fi", qt_dir):
            app.installTranslator(translator)
            _translators.append(translator)
        gaps = _qt_finnish_gaps(app)  # installed last: asked first
        app.installTranslator(gaps)
        _translators.append(gaps)
        QLocale.setDefault(QLocale(QLocale.Language.Finnish, QLocale.Country.Finland))
    return ok


#: Qt's own texts that qtbase_fi leaves in English (the widget file dialog's labels) or words
#: otherwise than the app does ("Peru" for Cancel, where the app's own buttons say "Peruuta")
QT_FINNISH_GAPS = {
    ("QFileDialog", "&Look in:"): "&Sijainti:",
    ("QFileDialog", "Files of &type:"): "Tiedosto&tyyppi:",
    ("QPlatformTheme", "Cancel"): "Peruuta",
    ("QPlatformTheme", "&Cancel"): "&Peruuta",
}


def _qt_finnish_gaps(parent):
    """A translator giving QT_FINNISH_GAPS (asked before qtbase_fi)."""
    from PySide6.QtCore import QTranslator

    class QtFinnishGaps(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
            return QT_FINNISH_GAPS.get((context, source))  # None: not ours, the next translator answers

        def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
            return False

    return QtFinnishGaps(parent)


def create_application(argv: list[str] | None = None):
    """The QApplication (the existing one when there is one), named and with the app icon."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORG_NAME)
    app.setDesktopFileName(APP_ID)
    from desktop.ui.main_window import app_icon

    app.setWindowIcon(app_icon())
    return app
