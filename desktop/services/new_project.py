"""Creating a new project store with every feature's shipped defaults loaded.

Each feature that ships defaults (classification, segments, reach goals, ...) exposes
`install_defaults(store)` in its services module, listed in DEFAULT_INSTALLERS in the order they
run. Any error fails the creation (and the new file is removed).
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
    """Run every feature's `install_defaults(store)`; returns the modules that ran."""
    for name in DEFAULT_INSTALLERS:
        importlib.import_module(name).install_defaults(store)
    return list(DEFAULT_INSTALLERS)


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
