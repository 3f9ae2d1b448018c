"""Creating a new project store with every feature's shipped defaults loaded.

Each feature that ships defaults exposes `install_defaults(store)` in its services module; they run
in the order of DEFAULT_INSTALLERS. Any error fails the creation (and the new file is removed).
"""

from __future__ import annotations

import os

from desktop.services import classification, measures, network, reference, segments
from desktop.store import Store

DEFAULT_INSTALLERS = (
    reference.install_defaults,  # municipalities of the county
    classification.install_defaults,  # AURA classes, services, allocation and level rules
    segments.install_defaults,  # default segments and need levels
    network.install_defaults,  # reach goals of the Keski-Suomi policy
    measures.install_defaults,  # the programme's benefit goals, no measures
)


def install_all_defaults(store: Store) -> None:
    """Run every feature's `install_defaults(store)`, in the order of DEFAULT_INSTALLERS."""
    for install in DEFAULT_INSTALLERS:
        install(store)


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
