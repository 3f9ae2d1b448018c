"""Subcommands of `sote-planner`. Each module here defines `register(subparsers)` that adds its
parser and sets `func(args) -> int`. Modules are found automatically, so a feature adds its
command by adding a module (the PyInstaller spec collects all submodules)."""

from __future__ import annotations

import importlib
import pkgutil


def command_modules() -> list:
    import desktop.commands as package

    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"desktop.commands.{name}") for name in names]
