"""Where the app reads its bundled resources and writes its user data (Qt-free)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def user_data_dir() -> Path:
    """The user's data folder (demo store, logs). SOTE_PLANNER_HOME overrides it (tests, portable use)."""
    override = os.environ.get("SOTE_PLANNER_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":  # pragma: no cover
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "SotePlanner"
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Application Support" / "SotePlanner"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "sote-planner"
    base.mkdir(parents=True, exist_ok=True)
    return base


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_store_path() -> Path:
    return user_data_dir() / "demo-keski-suomi.sote"
