"""Both backends for the tests: a project as a `.sote` file and as a team project on the test
server (the session fixture `pg_server` of tests/conftest.py)."""

from __future__ import annotations

BACKENDS = ("file", "server")


def project_target(request, folder, name: str = "projekti") -> str:
    """For fixtures parametrized over BACKENDS (any scope): a `.sote` path in `folder`, or a fresh
    empty database on the test server (opened as the analyst `analyst1`)."""
    if request.param == "server":
        server = request.getfixturevalue("pg_server")
        return server.url("analyst1", server.new_database())
    return str(folder / f"{name}.sote")
