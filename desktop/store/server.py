"""The server backend of a store: a team's project in a PostgreSQL database (psycopg 3).

No lock file, WAL, backups or VACUUM here: the county's server does that. What is particular:
- writers of one dataset take a transaction-level advisory lock while they add dictionary values
  and chunks (two analysts importing at once both land, codes never collide); readers are never
  blocked (MVCC);
- the schema is created (first import into an empty database) and upgraded in one transaction
  (PostgreSQL's DDL is transactional), under an advisory lock, owned by the database's owner role
  when the user is a member of it (the whole team can then write the tables);
- a role without write rights opens the project read-only, and a refused write (SQLSTATE 42501)
  becomes a Finnish message at the store boundary, never a traceback;
- passwords never leave memory: messages show `location.display`.
"""

from __future__ import annotations

import re
import zlib

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError

from desktop.core.errors import LoginFailed, NotAStore, ReadOnlyRole, ServerUnavailable
from desktop.core.lang import t
from desktop.store.location import ServerLocation, redact

APP_LOCK = 0x534F5445  # 'SOTE': first key of the app's advisory locks
PERMISSION_DENIED = "42501"
READ_ONLY_TRANSACTION = "25006"


def _lock_key(name: str) -> int:
    return zlib.crc32(name.encode()) - (1 << 31)  # a signed 32-bit key


def read_only_message(location: ServerLocation) -> str:
    who = location.user or t("käyttäjä", "user")
    return t(
        f"Tietokantaroolilla {who} on tiimin projektiin {location.database} vain lukuoikeus: voit avata projektin, "
        "katsoa raportteja ja viedä tietoja, mutta muutoksia ei voi tallentaa. Mitään ei muutettu. "
        "Pyydä kirjoitusoikeus tietokannan ylläpitäjältä.",
        f"The database role {who} may only read the team project {location.database}: you can open it, view "
        "reports and export, but not save changes. Nothing was changed. Ask the database administrator for "
        "write access.",
    )


def unavailable_error(location: ServerLocation, exc: BaseException) -> ServerUnavailable:
    """A connection failure as a sentence (the server's own words, without any password)."""
    orig = getattr(exc, "orig", None) or exc
    detail = redact(str(orig).strip().splitlines()[-1] if str(orig).strip() else type(orig).__name__)
    low = str(orig).lower()
    cls = LoginFailed if ("password" in low or "authentication" in low) else ServerUnavailable
    return cls(t(f"Tiimin projektiin {location.display} ei saatu yhteyttä: {detail}",
                 f"Could not connect to the team project {location.display}: {detail}"))


def advisory_lock(conn: Connection, name: str) -> None:
    """A transaction-level advisory lock (released by the commit or rollback; taking it again in the
    same transaction does not wait)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": APP_LOCK, "b": _lock_key(name)})


_COPY_SPECIAL = re.compile(r"[\\\t\n\r\x00]")


def _copy_text(value: str) -> str:
    """A value in COPY's text format (PostgreSQL text cannot hold NUL: it becomes U+FFFD)."""
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
            .replace("\x00", "\ufffd"))


def copy_dictionary_values(conn: Connection, dataset: str, column: str, first_code: int, values) -> None:
    """New dictionary values with codes first_code.. through COPY, inside the caller's transaction
    (a million-row events file adds ~200,000 person pseudonyms)."""
    values = list(values)
    if not values:
        return
    if _COPY_SPECIAL.search("".join(values)):
        values = [_copy_text(v) for v in values]
    prefix = f"{_copy_text(dataset)}\t{_copy_text(column)}\t"
    data = "".join(f"{prefix}{first_code + k}\t{v}\n" for k, v in enumerate(values))
    raw = conn.connection.dbapi_connection
    with raw.cursor() as cur, cur.copy('COPY dictionary (dataset, "column", code, value) FROM STDIN') as copy:
        copy.write(data)


class ServerBackend:
    is_server = True
    path = None

    def __init__(self, location: ServerLocation):
        self.location = location

    # ------------------------------------------------------------- opening
    def make_engine(self, readonly: bool) -> Engine:
        engine = create_engine(
            self.location.url,
            connect_args={"connect_timeout": 10, "application_name": "sote-planner"},
            pool_size=4,
            max_overflow=4,
            future=True,
        )
        if readonly:
            engine = engine.execution_options(postgresql_readonly=True)
        location = self.location

        @event.listens_for(engine, "handle_error")
        def _at_the_boundary(ctx):  # noqa: ANN001 - SQLAlchemy's ExceptionContext
            orig = ctx.original_exception
            state = getattr(orig, "sqlstate", None)
            if state in (PERMISSION_DENIED, READ_ONLY_TRANSACTION):
                return ReadOnlyRole(read_only_message(location))
            if ctx.is_disconnect or (ctx.connection is None and isinstance(ctx.sqlalchemy_exception, DBAPIError)):
                return unavailable_error(location, orig)
            return None

        return engine

    def connect_check(self, engine: Engine) -> None:
        """Reach the server once, so that a wrong address or password is told plainly."""
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except ServerUnavailable:
            raise
        except DBAPIError as exc:
            raise unavailable_error(self.location, exc) from exc

    def read_version(self, conn: Connection) -> int | None:
        """The schema version in `meta`; None in a database without a project (no tables at all).
        A database with other tables but no project is refused (nothing of ours is created there)."""
        names = set(inspect(conn).get_table_names())
        if "meta" in names:
            row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
            if row is None:
                raise NotAStore(t(f"{self.location.display}: tietokantaversio puuttuu.",
                                  f"{self.location.display}: schema version missing."))
            return int(row[0])
        if names:
            raise NotAStore(t(
                f"Tietokannassa {self.location.display} on muita tauluja ({', '.join(sorted(names)[:5])}) mutta ei "
                "Sote-suunnittelijan projektia. Käytä tiimin projektille omaa, tyhjää tietokantaa.",
                f"The database {self.location.display} holds other tables ({', '.join(sorted(names)[:5])}) but no "
                "Sote Planner project. Use an empty database of its own for the team project."))
        return None

    def table_names(self, conn: Connection) -> set[str]:
        return set(inspect(conn).get_table_names())

    def may_write(self, conn: Connection) -> bool:
        return bool(conn.execute(text("SELECT has_table_privilege('meta', 'INSERT')")).scalar_one())

    def lock_schema(self, conn: Connection) -> None:
        """Serialise creation and upgrades (two analysts' first imports at once create one schema)."""
        advisory_lock(conn, "schema")

    def own_as_team(self, conn: Connection) -> None:
        """Create tables as the database's owner role when the user is a member of it (and not it):
        the team role then owns them and every analyst of the team may write them."""
        owner = conn.execute(text(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")).scalar_one()
        me = conn.execute(text("SELECT current_user")).scalar_one()
        if owner != me and conn.execute(text("SELECT pg_has_role(current_user, :r, 'MEMBER')"), {"r": owner}).scalar_one():
            conn.execute(text(f'SET LOCAL ROLE "{owner}"'))

    def for_reading(self, conn: Connection) -> Connection:
        """Every statement of a read sees the same snapshot (REPEATABLE READ; readers still never
        wait for writers). Writes stay READ COMMITTED: after taking a lock they see what the previous
        holder committed."""
        return conn.execution_options(isolation_level="REPEATABLE READ")

    # ------------------------------------------------------------ writing
    def lock_dataset(self, conn: Connection, dataset: str) -> None:
        """Held until the transaction ends: one writer of a dataset's dictionary and chunks at a time
        (readers are not blocked)."""
        advisory_lock(conn, f"dataset:{dataset}")

    def data_stamp(self, conn: Connection) -> tuple:
        """Changes whenever any analyst imports or removes a batch or saves an edited area."""
        return tuple(conn.execute(text(
            "SELECT (SELECT count(*) FROM import_batch), (SELECT coalesce(max(id), 0) FROM import_batch), "
            "(SELECT coalesce(sum(version), 0) FROM edit_version)")).one())

    def lock_meta(self, conn: Connection, key: str) -> None:
        """Held until the transaction ends: one analyst at a time sets a fact that is set once (e.g.
        the key fingerprint at the first person-level import)."""
        advisory_lock(conn, f"meta:{key}")

    # ------------------------------------------------------ file-only parts
    def scrub(self) -> None:
        """Nothing to rewrite: the server's (auto)VACUUM reclaims deleted rows."""

    def integrity_ok(self, conn: Connection) -> bool:
        """The server checks its own pages; a query that answers is what we can see."""
        return conn.execute(text("SELECT 1")).scalar_one() == 1

