"""The built-in demo region: a deterministic synthetic store of the Keski-Suomi wellbeing services
county, generated from the real municipality figures in resources/. Clearly labelled synthetic.

`build_demo(path, size="small"|"full", progress=None)` creates it (see desktop/demo/build.py).
The generators live in population.py, geography.py, sites.py, travel.py, persons.py, events.py and
rates.py; vocabulary.py is the contract with the default classification.
"""

from __future__ import annotations

import os
from pathlib import Path


def build_demo(path: str | os.PathLike, size: str = "small", progress=None) -> Path:
    """Build the synthetic Keski-Suomi demo store at `path` (a new file); returns the path."""
    from desktop.demo.build import build_demo as _build

    return _build(path, size=size, progress=progress)


__all__ = ["build_demo"]
