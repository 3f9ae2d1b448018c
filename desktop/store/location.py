"""Where a project lives: a `.sote` file, or a team's PostgreSQL database given as a URL.

    location = parse_location("postgresql://maija@sote.example.fi/keski_suomi")
    location.display   # 'postgresql://maija@sote.example.fi/keski_suomi' (never a password)

Every command and the GUI turn the user's STORE argument into a location with `parse_location`
(through `desktop.store.open_store`). A password may be in the URL, in PGPASSWORD or in ~/.pgpass
(libpq reads the last two when the URL has none); it is kept only in memory and `display`,
`key` and `redact()` (desktop.core.passwords) never show it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.passwords import redact

SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
_SECRET_QUERY_KEYS = {"password", "sslpassword"}


def is_server_url(text: str | os.PathLike) -> bool:
    return isinstance(text, str) and text.strip().lower().startswith(SERVER_SCHEMES)


@dataclass(frozen=True)
class FileLocation:
    """A project file (`.sote`, SQLite)."""

    path: Path
    is_server = False

    @property
    def display(self) -> str:
        return str(self.path)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def key(self) -> str:
        """What the recent list keeps."""
        return str(self.path.resolve())


@dataclass(frozen=True)
class ServerLocation:
    """A PostgreSQL database. `url` is SQLAlchemy's URL (driver psycopg), password included when given."""

    url: URL
    is_server = True

    @property
    def database(self) -> str:
        return self.url.database or ""

    @property
    def host(self) -> str:
        return self.url.host or ""

    @property
    def port(self) -> int | None:
        return self.url.port

    @property
    def user(self) -> str:
        return self.url.username or ""

    @property
    def has_password(self) -> bool:
        return bool(self.url.password)

    def with_password(self, password: str | None) -> ServerLocation:
        return ServerLocation(self.url._replace(password=password or None))  # URL.set() ignores None

    @property
    def display(self) -> str:
        """`postgresql://user@host:port/db?sslmode=...`: no password, no secret query values."""
        query = {k: v for k, v in self.url.query.items() if k.lower() not in _SECRET_QUERY_KEYS}
        shown = self.url._replace(drivername="postgresql", password=None).set(query=query)  # set() ignores None
        return shown.render_as_string(hide_password=False)

    @property
    def name(self) -> str:
        return self.database

    @property
    def key(self) -> str:
        return self.display


Location = FileLocation | ServerLocation


def server_location(host: str, database: str, user: str, port: int | None = None, password: str | None = None,
                    query: dict | None = None) -> ServerLocation:
    """A location from the fields of the 'Avaa tiimin projekti' dialog."""
    url = URL.create("postgresql+psycopg", username=user or None, password=password or None, host=host or None,
                     port=port or None, database=database, query=query or {})
    return ServerLocation(url)


def parse_location(value: str | os.PathLike | Location) -> Location:
    """The user's STORE argument as a location: a `postgresql://` URL or a file path."""
    if isinstance(value, (FileLocation, ServerLocation)):
        return value
    if not is_server_url(value):
        return FileLocation(Path(value))
    text = str(value).strip()
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise UserError(t(f"Tietokannan osoite {redact(text)} ei kelpaa. Muoto: "
                          "postgresql://KÄYTTÄJÄ@PALVELIN:PORTTI/TIETOKANTA.",
                          f"The database address {redact(text)} is not valid. Form: "
                          "postgresql://USER@HOST:PORT/DATABASE.")) from exc
    if url.drivername not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise UserError(t(f"Tietokannan osoite {redact(text)}: tuettu on vain postgresql://.",
                          f"Database address {redact(text)}: only postgresql:// is supported."))
    if not url.database:
        raise UserError(t(f"Tietokannan osoitteesta {redact(text)} puuttuu tietokannan nimi "
                          "(postgresql://KÄYTTÄJÄ@PALVELIN/TIETOKANTA).",
                          f"The database address {redact(text)} names no database "
                          "(postgresql://USER@HOST/DATABASE)."))
    return ServerLocation(url.set(drivername="postgresql+psycopg"))
