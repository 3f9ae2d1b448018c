"""Creating a new project store with every feature's shipped defaults loaded.

Each feature that ships defaults (classification, segments, reach goals, ...) exposes
`install_defaults(store)` in its services module, listed in DEFAULT_INSTALLERS in the order they
run. A feature module that does not exist yet is skipped; any other error fails the creation.
"""

from __future__ import annotations

import importlib
import os

from desktop.store import Store

DEFAULT_INSTALLERS = (
    "desktop.services.reference",  # municipalities of the county
    "desktop.services.classification",  # AURA classes, services, allocation and level rules
    "desktop.services.segments",  # default segments and need levels
    "desktop.services.network",  # reach goals of the Keski-Suomi policy
    "desktop.services.measures",  # development measures scaffold
)


def install_all_defaults(store: Store) -> list[str]:
    """Run every available `install_defaults(store)`; returns the modules that ran."""
    ran = []
    for name in DEFAULT_INSTALLERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        install = getattr(module, "install_defaults", None)
        if install is not None:
            install(store)
            ran.append(name)
    return ran


def create_project(path: str | os.PathLike) -> Store:
    """A new store at `path` with all shipped defaults. The file is removed again on failure."""
    store = Store.create(path)
    try:
        install_all_defaults(store)
    except BaseException:
        store.close()
        os.unlink(path)
        raise
    return store
