"""Shared fixtures: fresh user-data folder and settings for every test, small demo store once."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config):
    """Module- and session-scoped fixtures run outside any test's own user folder: give them one of
    the session's (a team project's key file lands there, never in the real user's folder)."""
    if not os.environ.get("SOTE_PLANNER_HOME"):
        import tempfile

        os.environ["SOTE_PLANNER_HOME"] = config._sote_home = tempfile.mkdtemp(prefix="sote-tests-home-")


def pytest_unconfigure(config):
    home = getattr(config, "_sote_home", None)
    if home:
        import shutil

        shutil.rmtree(home, ignore_errors=True)
        os.environ.pop("SOTE_PLANNER_HOME", None)


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


# ------------------------------------------------------------------ PostgreSQL (team projects)
@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """A real, throwaway PostgreSQL server for the whole session (see tests/pg_server.py); logins'
    passwords come from a pgpass file (PGPASSFILE), as libpq reads ~/.pgpass."""
    from pg_server import ThrowawayServer

    server = ThrowawayServer()
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001 - a failure, never a skip: CI must run these tests
        server.stop()
        pytest.fail(f"the PostgreSQL test server could not start: {exc}", pytrace=False)
    previous = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(server.pgpass(tmp_path_factory.mktemp("pgpass") / "pgpass"))
    try:
        yield server
    finally:
        server.stop()
        if previous is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = previous


class ProjectPlace:
    """Where a test's projects live: `.sote` files in tmp_path, or fresh databases on the test server
    (each `target()` a new empty database, opened as the analyst `analyst1`)."""

    def __init__(self, kind: str, tmp_path, server=None):
        self.kind = kind
        self.tmp_path = tmp_path
        self.server = server

    @property
    def is_server(self) -> bool:
        return self.kind == "server"

    def target(self, name: str = "projekti", user: str = "analyst1") -> str:
        if self.server is None:
            return str(self.tmp_path / f"{name}.sote")
        return self.server.url(user, self.server.new_database())

    def __repr__(self) -> str:
        return self.kind


@pytest.fixture(params=["file", "server"])
def place(request, tmp_path):
    """Run the test on both backends: a project file and a team project on PostgreSQL."""
    server = request.getfixturevalue("pg_server") if request.param == "server" else None
    return ProjectPlace(request.param, tmp_path, server)

