"""Language of user-visible messages in the Qt-free layers: Finnish first, English second.

The core marks each message with both texts (`t("fi", "en")`); the edge (CLI or UI) chooses which
language is shown. Qt pages use Qt Linguist (`self.tr`) instead.
"""

from __future__ import annotations

import os

_language = "fi"


def default_language() -> str:
    """'en' when LANG/LC_ALL/LANGUAGE asks for English, else 'fi'."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "fi"
    return "fi"


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.lower().startswith("en") else "fi"


def language() -> str:
    return _language


def t(fi: str, en: str) -> str:
    """The message in the current language."""
    return en if _language == "en" else fi
