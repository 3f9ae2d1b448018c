"""Subcommands of `sote-planner`. Each module here defines `register(subparsers)` that adds its
parser and sets `func(args) -> int`. COMMAND_NAMES lists the commands in the order of `--help`;
`command_module(name)` imports the one module a command line needs (a command then starts without
building the other fourteen parsers); tests/test_architecture.py checks that every module of this
folder is one command's."""

from __future__ import annotations

from types import ModuleType

COMMAND_NAMES = ("classification", "copy", "demo", "export", "gui", "import", "info", "key", "measures", "optimize",
                 "privacy", "reach", "report", "segments", "upgrade")


def command_module(name: str) -> ModuleType | None:
    """The module of command `name` (only it imported), or None for a name that is no command."""
    if name == "classification":
        from desktop.commands import classification as module
    elif name == "copy":
        from desktop.commands import copy as module
    elif name == "demo":
        from desktop.commands import demo as module
    elif name == "export":
        from desktop.commands import export as module
    elif name == "gui":
        from desktop.commands import gui as module
    elif name == "import":
        from desktop.commands import import_cmd as module
    elif name == "info":
        from desktop.commands import info as module
    elif name == "key":
        from desktop.commands import key as module
    elif name == "measures":
        from desktop.commands import measures as module
    elif name == "optimize":
        from desktop.commands import optimize as module
    elif name == "privacy":
        from desktop.commands import privacy as module
    elif name == "reach":
        from desktop.commands import reach as module
    elif name == "report":
        from desktop.commands import report as module
    elif name == "segments":
        from desktop.commands import segments as module
    elif name == "upgrade":
        from desktop.commands import upgrade as module
    else:
        return None
    return module


def command_modules(names: tuple[str, ...] = COMMAND_NAMES) -> list[ModuleType]:
    """The modules of the commands `names` (every command by default), in the order of `--help`."""
    return [module for module in map(command_module, names) if module is not None]
