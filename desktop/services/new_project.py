"""Creating a new project store with every feature's shipped defaults loaded.

Each feature that ships defaults (classification, segments, reach goals, ...) exposes
`install_defaults(store)` in its services module, listed in DEFAULT_INSTALLERS in the order they
run. They run inside the store's creating transaction: any error fails the creation and leaves no
file (or, on a server, no tables) behind.
"""

from __future__ import annotations

import importlib
import os

from desktop.store import Store
from desktop.store.location import Location, parse_location

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


def create_project(target: str | os.PathLike | Location) -> Store:
    """A new store at `target` (a file path or an empty database's URL) with all shipped defaults."""
    return Store.create(target, initialise=install_all_defaults)


def open_or_create_project(target: str | os.PathLike | Location) -> Store:
    """The project at `target` for writing; a missing file or an empty database becomes a new project
    with the shipped defaults (the first import creates the team's project)."""
    return Store.open(parse_location(target), create=True, initialise=install_all_defaults)
