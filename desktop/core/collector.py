"""The cyclic garbage collector in a command's own process: held back while the command loads its
libraries, then told to leave what loading made alone.

Loading SQLAlchemy, pandas and our modules leaves some 100,000 tracked objects (modules, classes,
functions, the libraries' tables) that live to the end of the process. With the default thresholds
every collection of an older generation traversed them again: of a small `report ... --json` about
0.12 s CPU was the collector (measured with gc.callbacks), 0.04-0.05 s of it one full pass during
the figures. Garbage cycles are still collected: seldom while loading, as usual during the work.
At the process's end (`exiting`) everything is frozen out of the interpreter's last collections."""

from __future__ import annotations

import gc

#: while loading: the youngest generation collected after 500,000 new objects (default 700); loading
#: makes about 100,000, so none while loading (one pass over 100,000 young objects took 0.03 s)
LOADING_THRESHOLDS = (500_000, 10, 10)

_usual: tuple[int, int, int] | None = None  # the thresholds to restore; None = not held


def hold() -> None:
    """For a command in a process of its own (desktop.cli.main; not the app, which runs on): collect seldom
    while loading. A command that never calls `loaded()` runs to its end so (cycles collected 500,000
    objects later)."""
    global _usual
    if _usual is None:
        _usual = gc.get_threshold()
    gc.set_threshold(*LOADING_THRESHOLDS)


def loaded() -> None:
    """A command after its imports, before its work: what loading made is frozen out of every later
    collection (gc.freeze) and the collector runs as usual for the work. Nothing when the collector
    was not held (a test or the app calling the command in its own process)."""
    global _usual
    if _usual is None:
        return
    gc.freeze()
    gc.set_threshold(*_usual)
    _usual = None


def exiting() -> None:
    """The command's process ends next: the interpreter's last collections would walk every object
    of the loaded libraries only to free memory the exit frees anyway (0.3-0.5 s after a 1 M-row
    import), so every object is frozen out of them. Nothing is written or closed by those collections:
    the store closes its connections itself."""
    gc.freeze()
