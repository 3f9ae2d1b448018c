"""A throwaway PostgreSQL server for the tests: its own folder under /tmp, a free local port, the
roles of README's set-up (team, viewer, two analysts, one viewer login), stopped and removed at
the end. Works as root (initdb refuses root: the server runs as the `postgres` user) and as any
other user. No mock: the suite's team-project tests run against this real server.

If the server cannot start, `start()` raises with the server's own log (the tests fail, they are
never skipped: CI must run them).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PASSWORDS = {"postgres": "su-pw-1", "analyst1": "an-pw-1", "analyst2": "an-pw-2", "viewer1": "vi-pw-1"}
TEAM_ROLE, VIEWER_ROLE = "sote_team", "sote_viewer"


def find_bindir() -> Path:
    """initdb/pg_ctl: SOTE_PG_BIN, the newest Debian /usr/lib/postgresql/N/bin, or the PATH."""
    candidates = [os.environ.get("SOTE_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    raise RuntimeError("PostgreSQL (initdb, pg_ctl) not found: run ./dev.sh test, which installs Debian's "
                       "'postgresql' package, or set SOTE_PG_BIN to its bin folder")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayServer:
    def __init__(self, name: str = "postgres"):
        self.bindir = find_bindir()
        self.as_root = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix=f"sote-{name}-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self._numbers = itertools.count(1)
        self.started = False
        if self.as_root:  # initdb refuses root: the server runs as the 'postgres' user
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise RuntimeError("running as root needs the 'postgres' user (Debian's postgresql package "
                                   "creates it)") from exc
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            os.chmod(self.folder, 0o700)

    # --------------------------------------------------------------- running
    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=600,
                              stdin=subprocess.DEVNULL)

    def start(self) -> ThrowawayServer:
        pwfile = self.folder / "pwfile"
        pwfile.write_text(PASSWORDS["postgres"] + "\n")
        if self.as_root:
            owner = pwd.getpwnam("postgres")
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        result = self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "scram-sha-256",
                           f"--pwfile={pwfile}", "-E", "UTF8", "--no-locale", check=False)
        pwfile.unlink()
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        last = ""
        for _attempt in range(5):  # another engineer's server may take the port between our look and its start
            self.port = free_port()
            options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=60 "
                       "-c shared_buffers=64MB")
            result = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "300",
                               "start", check=False)
            if result.returncode == 0:
                self.started = True
                break
            last = result.stdout + result.stderr + (self.log.read_text() if self.log.exists() else "")
        if not self.started:
            raise RuntimeError(f"PostgreSQL did not start in {self.folder}:\n{last}")
        self._set_up_roles()
        return self

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)

    # ---------------------------------------------------------------- SQL
    def url(self, user: str = "postgres", database: str = "postgres", password: bool = False) -> str:
        secret = f":{PASSWORDS[user]}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def sql(self, statements: str | list[str], database: str = "postgres", user: str = "postgres") -> list:
        """Run statements as `user` (autocommit); returns the last one's rows."""
        import psycopg

        rows: list = []
        with psycopg.connect(host="127.0.0.1", port=self.port, user=user, password=PASSWORDS[user],
                             dbname=database, autocommit=True) as conn:
            for statement in [statements] if isinstance(statements, str) else statements:
                cur = conn.execute(statement)
                rows = cur.fetchall() if cur.description else []
        return rows

    def _set_up_roles(self) -> None:
        """README's set-up: a team role that owns the projects' tables, a viewer role, logins."""
        self.sql([
            f"CREATE ROLE {TEAM_ROLE} NOLOGIN",
            f"CREATE ROLE {VIEWER_ROLE} NOLOGIN",
            f"CREATE ROLE analyst1 LOGIN PASSWORD '{PASSWORDS['analyst1']}' IN ROLE {TEAM_ROLE}",
            f"CREATE ROLE analyst2 LOGIN PASSWORD '{PASSWORDS['analyst2']}' IN ROLE {TEAM_ROLE}",
            f"CREATE ROLE viewer1 LOGIN PASSWORD '{PASSWORDS['viewer1']}' IN ROLE {VIEWER_ROLE}",
        ])

    def new_database(self, prefix: str = "projekti") -> str:
        """A fresh, empty database set up as README says; returns its name."""
        name = f"{prefix}_{next(self._numbers)}"
        self.sql(f'CREATE DATABASE "{name}" OWNER {TEAM_ROLE}')
        self.sql([f"ALTER DEFAULT PRIVILEGES FOR ROLE {TEAM_ROLE} GRANT SELECT ON TABLES TO {VIEWER_ROLE}",
                  f"GRANT CONNECT ON DATABASE \"{name}\" TO {VIEWER_ROLE}"], database=name)
        return name

    def pgpass(self, path: Path) -> Path:
        """A ~/.pgpass-style file with every login's password (libpq reads it when a URL has none)."""
        lines = [f"127.0.0.1:{self.port}:*:{user}:{pw}" for user, pw in PASSWORDS.items()]
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o600)
        return path
