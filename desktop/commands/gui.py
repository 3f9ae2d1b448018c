"""`sote-planner gui [STORE]`: open the app (on STORE, or the last store used, or the demo store)."""

from __future__ import annotations

from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser("gui", help=t("avaa sovellus", "open the app"))
    p.add_argument("store", nargs="?", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.app import run_gui

    return run_gui(args.store)
