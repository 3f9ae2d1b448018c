"""Subcommands of `sote-planner`. Each module here defines `register(subparsers)` that adds its
parser and sets `func(args) -> int`; COMMAND_MODULES lists them in the order of `--help`
(tests/test_architecture.py checks that every module of this folder is listed)."""

from __future__ import annotations

from desktop.commands import (
    classification,
    copy,
    demo,
    export,
    gui,
    import_cmd,
    info,
    key,
    measures,
    optimize,
    privacy,
    reach,
    report,
    segments,
    upgrade,
)

COMMAND_MODULES = (classification, copy, demo, export, gui, import_cmd, info, key, measures, optimize, privacy, reach,
                   report, segments, upgrade)


def command_modules() -> list:
    """The subcommand modules, in the order of `--help`."""
    return list(COMMAND_MODULES)
