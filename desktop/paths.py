"""Where the app reads its bundled resources and writes its user data (Qt-free)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from desktop.core.identity import MaskingFormatter, masked
from desktop.core.passwords import redact
from desktop.core.private_files import private_dir, write_private_text


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def user_data_dir() -> Path:
    """The user's data folder (demo store, logs, keys), owner-only (0700). SOTE_PLANNER_HOME overrides
    it (tests, portable use)."""
    override = os.environ.get("SOTE_PLANNER_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":  # pragma: no cover
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "SotePlanner"
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Application Support" / "SotePlanner"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "sote-planner"
    if not base.is_dir():
        private_dir(base)
    return base


def log_dir() -> Path:
    return private_dir(user_data_dir() / "logs")


def key_dir() -> Path:
    """The user's pseudonymisation keys (desktop.store.keys), owner-only."""
    return private_dir(user_data_dir() / "keys")


def safe_text(text: object) -> str:
    """`text` fit for a log, a message or an error report: every identity code masked and no
    database password (desktop.core.passwords.redact)."""
    return masked(redact(str(text)))


class SafeLogFormatter(MaskingFormatter):
    """The app log's formatter: identity codes masked and database passwords removed from the whole
    formatted record (message, arguments and traceback alike)."""

    def format(self, record: logging.LogRecord) -> str:
        return safe_text(super().format(record))


def write_log(path: Path, text: str) -> Path:
    """Write a log file owner-only, with every identity code in `text` masked and no database password."""
    return write_private_text(path, safe_text(text))


def demo_store_path() -> Path:
    return user_data_dir() / "demo-keski-suomi.sote"
