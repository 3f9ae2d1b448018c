"""Creating a new project store with every feature's shipped defaults loaded.

Each feature that ships defaults (classification, segments, reach goals, ...) exposes
`install_defaults(store)` in its services module, listed in DEFAULT_INSTALLERS in the order they
run. They run inside the store's creating transaction: any error fails the creation and leaves no
file (or, on a server, no tables) behind.
"""

from __future__ import annotations

import os

from desktop.store import Store
from desktop.store.location import Location, parse_location


def _installers() -> tuple:
    """DEFAULT_INSTALLERS, imported when first needed: an import into an existing project creates no
    defaults and does not load the features' services for them (about 0.03 s CPU)."""
    from desktop.services import classification, measures, network, reference, segments

    return (
        reference.install_defaults,  # municipalities of the county
        classification.install_defaults,  # AURA classes, services, allocation and level rules
        segments.install_defaults,  # default segments and need levels
        network.install_defaults,  # reach goals of the Keski-Suomi policy
        measures.install_defaults,  # the programme's benefit goals, no measures
    )


def __getattr__(name: str):
    if name == "DEFAULT_INSTALLERS":  # PEP 562: the features' modules load on first use
        return _installers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def install_all_defaults(store: Store) -> None:
    """Run every feature's `install_defaults(store)`, in the order of DEFAULT_INSTALLERS."""
    for install in _installers():
        install(store)


def create_project(target: str | os.PathLike | Location) -> Store:
    """A new store at `target` (a file path or an empty database's URL) with all shipped defaults."""
    return Store.create(target, initialise=install_all_defaults)


def open_or_create_project(target: str | os.PathLike | Location) -> Store:
    """The project at `target` for writing; a missing file or an empty database becomes a new project
    with the shipped defaults (the first import creates the team's project)."""
    return Store.open(parse_location(target), create=True, initialise=install_all_defaults)
