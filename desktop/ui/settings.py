"""The app's own settings, declared once, typed, with defaults (stored with QSettings).

User preferences (language, demo size) are kept apart from window state (geometry, last page,
recent files). The file is `settings.ini` in the user's data folder, so tests and portable use get
fresh settings by pointing SOTE_PLANNER_HOME elsewhere; no other module calls QSettings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from desktop.paths import user_data_dir

T = TypeVar("T")

MAX_RECENT = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its QSettings key, default and Python type (str, int, bool, list, bytes)."""

    key: str
    default: T
    type: type
    doc: str = ""

    def read(self, qs: QSettings) -> T:
        raw = qs.value(self.key)
        if raw is None:
            return self.default
        try:
            if self.type is bool:
                return (raw.lower() in ("1", "true", "yes")) if isinstance(raw, str) else bool(raw)  # type: ignore[return-value]
            if self.type is int:
                return int(raw)  # type: ignore[return-value]
            if self.type is list:  # JSON: QSettings turns a one-item list into a plain string
                value = json.loads(raw) if isinstance(raw, str) else list(raw)
                return value if isinstance(value, list) else self.default  # type: ignore[return-value]
            if self.type is bytes:
                return bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)  # type: ignore[return-value]
            return self.type(raw)
        except (TypeError, ValueError, AttributeError):
            return self.default

    def write(self, qs: QSettings, value: T) -> None:
        if self.type is list:
            qs.setValue(self.key, json.dumps(list(value), ensure_ascii=False))  # type: ignore[arg-type]
        elif self.type is bytes:
            qs.setValue(self.key, QByteArray(bytes(value)))  # type: ignore[arg-type]
        else:
            qs.setValue(self.key, value)


# ----------------------------------------------------------------- preferences
LANGUAGE = Setting("preferences/language", "", str, "'fi', 'en' or '' (follow the system)")
DEMO_SIZE = Setting("preferences/demo_size", "full", str, "size of the demo store built on first start (full: realistic per-resident figures)")
# ---------------------------------------------------------------- window state
GEOMETRY = Setting("window/geometry", b"", bytes, "QMainWindow.saveGeometry()")
WINDOW_STATE = Setting("window/state", b"", bytes, "QMainWindow.saveState()")
LAST_PAGE = Setting("window/last_page", "", str, "key of the page shown last")
RECENT_FILES = Setting("files/recent", [], list, "project files opened, newest first")
LAST_STORE = Setting("files/last_store", "", str, "project open when the app was closed")

ALL_SETTINGS = (LANGUAGE, DEMO_SIZE, GEOMETRY, WINDOW_STATE, LAST_PAGE, RECENT_FILES, LAST_STORE)


def _recent_key(path: str | Path) -> str:
    from desktop.store.location import is_server_url, parse_location

    if is_server_url(str(path)):
        return parse_location(str(path)).key
    return str(Path(path).resolve())


def settings_path() -> Path:
    return user_data_dir() / "settings.ini"


class AppSettings:
    """Typed access to the settings file: `settings.get(LANGUAGE)`, `settings.set(LAST_PAGE, "data")`."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        return setting.read(self._qs)

    def set(self, setting: Setting[T], value: T) -> None:
        setting.write(self._qs, value)

    def reset(self, setting: Setting[Any]) -> None:
        self._qs.remove(setting.key)

    def sync(self) -> None:
        self._qs.sync()

    # ------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        return [str(p) for p in self.get(RECENT_FILES) if isinstance(p, str)]

    def add_recent_file(self, path: str | Path) -> list[str]:
        """Put `path` first in the recent list (at most MAX_RECENT, no duplicates). A team project's
        address is kept without its password."""
        path = _recent_key(path)
        files = [path] + [p for p in self.recent_files() if p != path]
        files = files[:MAX_RECENT]
        self.set(RECENT_FILES, files)
        return files

    def remove_recent_file(self, path: str | Path) -> None:
        path = _recent_key(path)
        self.set(RECENT_FILES, [p for p in self.recent_files() if p != path])
