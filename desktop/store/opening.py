"""Creating, opening, upgrading and closing a store: a `.sote` file (`desktop.store.sqlite_file`) or a
team's PostgreSQL database (`desktop.store.server`). Part of `desktop.store.db.Store`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import NotAStore, SchemaOutdated, StoreTooNew
from desktop.core.lang import t
from desktop.store.location import FileLocation, Location, ServerLocation, parse_location
from desktop.store.migrations import SCHEMA_VERSION, upgrade
from desktop.store.server import ServerBackend
from desktop.store.sqlite_file import FileBackend
from desktop.store.tables import metadata

if TYPE_CHECKING:
    from desktop.store.db import Store


class StoreOpening:
    """The ways to a `Store` (`create`, `open`), the schema upgrade, a backup copy, and closing."""

    # ----------------------------------------------------------------- opening
    @classmethod
    def create(cls, target: str | os.PathLike | Location,
               initialise: Callable[[Store], None] | None = None) -> Store:
        """Create a new, empty store (fails if the file exists or the database holds a project).

        `initialise(store)` (e.g. installing the shipped defaults) runs inside the creating
        transaction: a failure leaves no file and no tables behind. A file is owner-only (0600, and so
        are SQLite's -wal and -shm files). The store holds no pseudonymisation key, only (after the
        first person-level import) its fingerprint (desktop.store.keys)."""
        location = parse_location(target)
        if location.is_server:
            store = cls._open_server(location, readonly=False, create=True, upgrade_schema=False, initialise=initialise)
            if not store.created:
                store.close()
                raise NotAStore(t(f"Tietokannassa {location.display} on jo projekti.",
                                  f"The database {location.display} already holds a project."))
            return store
        backend = FileBackend(location)
        backend.refuse_existing()
        backend.acquire(creating=True)
        backend.create_file()
        engine = backend.make_engine(readonly=False)
        store = cls(backend, engine, readonly=False)
        try:
            with engine.begin() as conn:
                backend.journal(conn)
            store._initialise(initialise)
        except BaseException:
            engine.dispose()
            backend.release()
            backend.discard_new()
            raise
        store.created = True
        return store

    @classmethod
    def open(cls, target: str | os.PathLike | Location, readonly: bool = False, create: bool = False,
             upgrade_schema: bool = False, initialise: Callable[[Store], None] | None = None) -> Store:
        """Open an existing store.

        A file of an older schema is upgraded after a backup copy; a server database of an older
        schema only with `upgrade_schema` (SchemaOutdated otherwise). `create`: a missing file or an
        empty database becomes a new store (`initialise` runs in its creating transaction).
        Raises StoreInUse when another instance holds a file for writing (unless `readonly`),
        StoreTooNew for a newer schema, NotAStore for other files and databases.
        """
        location = parse_location(target)
        if location.is_server:
            return cls._open_server(location, readonly, create, upgrade_schema, initialise)
        return cls._open_file(location, readonly, create, initialise)

    @classmethod
    def _open_file(cls, location: FileLocation, readonly: bool, create: bool, initialise) -> Store:
        backend = FileBackend(location)
        path = location.path
        if not backend.exists() and create and not readonly:
            return cls.create(location, initialise)
        backend.check_header()
        if not readonly:
            backend.acquire()
        try:
            version = backend.read_version()
            if version > SCHEMA_VERSION:
                raise StoreTooNew(
                    t(
                        f"Projekti {path.name} on tehty uudemmalla ohjelmaversiolla (tietokantaversio {version}, "
                        f"tämä ohjelma tuntee version {SCHEMA_VERSION}). Päivitä Sote-suunnittelija; "
                        "tiedostoa ei muutettu.",
                        f"Project {path.name} was written by a newer app (schema {version}, this app knows "
                        f"{SCHEMA_VERSION}). Update Sote Planner; the file was not changed.",
                    )
                )
            engine = backend.make_engine(readonly)
            store = cls(backend, engine, readonly)
            if not readonly:
                if version < SCHEMA_VERSION:
                    store.backup_path = backend.backup_before_upgrade(version)
                    with engine.begin() as conn:
                        upgrade(conn, version)
                        metadata.create_all(conn)
                        store._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
                    backend.after_upgrade(version)  # e.g. the old key's bytes rewritten away
                    store.changed()
                else:
                    with engine.begin() as conn:
                        metadata.create_all(conn)  # tables added within this version
                with engine.begin() as conn:
                    backend.journal(conn)
            return store
        except Exception:
            backend.release()
            raise

    @classmethod
    def _open_server(cls, location: ServerLocation, readonly: bool, create: bool, upgrade_schema: bool,
                     initialise) -> Store:
        backend = ServerBackend(location)
        engine = backend.make_engine(readonly=False)
        try:
            backend.connect_check(engine)
            with engine.connect() as conn:
                version = backend.read_version(conn)
            store = cls(backend, engine, readonly=False)
            if version is None:
                if not create or readonly:
                    raise NotAStore(t(
                        f"Tietokannassa {location.display} ei ole vielä projektia. Ensimmäinen tuonti luo sen: "
                        f"sote-planner import {location.display} events TIEDOSTO.csv",
                        f"The database {location.display} holds no project yet. The first import creates it: "
                        f"sote-planner import {location.display} events FILE.csv"))
                store._initialise(initialise)
                with engine.connect() as conn:
                    version = backend.read_version(conn)
            if version > SCHEMA_VERSION:
                raise StoreTooNew(t(
                    f"Tiimin projektin {location.display} tietokantarakenne on uudemmalta ohjelmaversiolta (versio "
                    f"{version}, tämä ohjelma tuntee version {SCHEMA_VERSION}). Päivitä Sote-suunnittelija; "
                    "tietokantaa ei muutettu.",
                    f"The team project {location.display} has a schema of a newer app (version {version}, this app "
                    f"knows {SCHEMA_VERSION}). Update Sote Planner; the database was not changed."))
            if version < SCHEMA_VERSION:
                if not upgrade_schema or readonly:
                    raise SchemaOutdated(t(
                        f"Tiimin projektin {location.display} tietokantarakenne on vanhempaa versiota {version}; tämä "
                        f"ohjelma käyttää versiota {SCHEMA_VERSION}. Rakennetta ei päivitetä kysymättä, koska koko "
                        "tiimin on sen jälkeen käytettävä uutta ohjelmaversiota. Päivitä se komennolla "
                        f"'sote-planner upgrade {location.display}' (tai vastaa Kyllä sovelluksen kysymykseen); "
                        "tietokantaa ei muutettu.",
                        f"The team project {location.display} has an older schema, version {version}; this app uses "
                        f"version {SCHEMA_VERSION}. It is not upgraded without asking, since the whole team must "
                        f"then use the new app version. Upgrade it with 'sote-planner upgrade {location.display}' "
                        "(or answer Yes in the app); the database was not changed."))
                store.upgraded_from = store._upgrade_server()
            with engine.connect() as conn:
                may_write = backend.may_write(conn)
                missing = {t_.name for t_ in metadata.sorted_tables} - backend.table_names(conn)
            if missing and may_write and not readonly:
                with engine.begin() as conn:  # tables added within this version
                    backend.lock_schema(conn)
                    backend.own_as_team(conn)
                    metadata.create_all(conn)
            if readonly or not may_write:
                engine.dispose()
                store.engine = backend.make_engine(readonly=True)
                store.readonly = True
                store.read_only_role = not may_write
            return store
        except BaseException:
            engine.dispose()
            raise

    def _upgrade_server(self) -> int:
        """Upgrade the database's schema in one transaction (DDL included); returns the old version."""
        with self.engine.begin() as conn:
            self.backend.lock_schema(conn)
            self.backend.own_as_team(conn)
            version = self.backend.read_version(conn)  # another analyst may have upgraded meanwhile
            if version is not None and version < SCHEMA_VERSION:
                upgrade(conn, version)
                metadata.create_all(conn)
                self._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
        return int(version or SCHEMA_VERSION)

    def backup_to(self, dest: str | os.PathLike, progress=None) -> Path:
        """A consistent, self-contained project file (no WAL), e.g. for a workshop laptop."""
        if self.is_server:
            from desktop.store.copying import copy_project

            copy_project(self, dest, progress=progress)
            return Path(dest)
        return self.backend.backup_to(dest)

    def scrub(self) -> None:
        """A file: rewrite it so that deleted values are gone from it (secure_delete, VACUUM, a
        truncating WAL checkpoint). A team project: nothing (the server's own VACUUM reclaims
        deleted rows; the database files are the county's server's to keep)."""
        self.backend.scrub()
        self.changed()

    def close(self) -> None:
        self._cache.clear()
        self.engine.dispose()
        if not self.is_server:
            self.backend.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
