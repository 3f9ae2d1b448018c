"""Modules loaded on their first use, so that a command which never needs them starts quicker
(`sote-planner info` reads facts from the store without numpy: about 0.1 s of its 0.5 s)."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """`name` as a module that is executed at its first attribute access (the standard library's
    LazyLoader); the real module when it is imported already or cannot be loaded lazily."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return importlib.import_module(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
