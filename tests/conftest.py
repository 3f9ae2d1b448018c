"""Shared fixtures: fresh user-data folder and settings for every test, small demo store once."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_addoption(parser):
    parser.addoption("--bench", action="store_true", help="run the full-size benchmarks in tests/bench")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--bench"):
        return
    skip = pytest.mark.skip(reason="full-size benchmark: run with --bench")
    for item in items:
        if item.get_closest_marker("bench") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _user_home(tmp_path_factory, monkeypatch):
    """Every test gets its own user-data folder (demo store, logs, settings)."""
    home = tmp_path_factory.mktemp("userhome")
    monkeypatch.setenv("SOTE_PLANNER_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    from desktop.core.lang import set_language

    set_language("fi")
    yield home


@pytest.fixture
def english():
    """The app's language is English for this test (the Qt translators are not touched)."""
    from desktop.core.lang import language, set_language

    previous = language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture
def finnish():
    """The app's language is Finnish for this test (as every test starts; named for clarity)."""
    from desktop.core.lang import language, set_language

    previous = language()
    set_language("fi")
    yield
    set_language(previous)


@pytest.fixture(autouse=True)
def _no_leaked_windows():
    """Fail a test that leaves a visible top-level window (dialog, main window) behind.

    Runs after pytest-qt's own teardown (qtbot closes the widgets it was given)."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:  # Qt-free tests stay Qt-free
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    app.processEvents()
    leaked = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()]
    names = ", ".join(f"{type(w).__name__}({w.windowTitle()!r})" for w in leaked)
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    if leaked:
        pytest.fail(f"test left visible top-level windows: {names}")
