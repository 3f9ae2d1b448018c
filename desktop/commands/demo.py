"""`sote-planner demo PATH [--size small|full] [--json]`: build the synthetic Keski-Suomi demo store."""

from __future__ import annotations

import json
import time
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser(
        "demo",
        help=t("rakenna synteettinen Keski-Suomen demoaineisto", "build the synthetic Keski-Suomi demo store"),
        description=t(
            "Rakentaa uuden projektitiedoston, jossa on Keski-Suomen hyvinvointialueen synteettinen "
            "demoaineisto: väestö, väestöruudukko, palvelupisteet, matka-ajat ja palvelutapahtumat 2023-2024.",
            "Builds a new project file with the synthetic demo data of the Keski-Suomi wellbeing services "
            "county: population, population grid, service sites, travel times and service events 2023-2024.",
        ),
    )
    p.add_argument("path", help=t("uusi projektitiedosto (.sote) tai tyhjän tietokannan postgresql://-osoite",
                                  "new project file (.sote) or an empty database's postgresql:// URL"))
    p.add_argument(
        "--size",
        choices=["small", "full"],
        default="full",
        help=t(
            "full: koko alue (noin 2,9 miljoonaa tapahtumaa); small: 3 %% henkilöistä testeihin",
            "full: the whole region (about 2.9 million events); small: 3 %% of the persons, for tests",
        ),
    )
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.core.progress import ConsoleProgress
    from desktop.demo import build_demo
    from desktop.store.location import is_server_url

    if is_server_url(args.path):  # a team's demo on a server: built as a file, then copied there
        return _run_on_server(args)
    path = Path(args.path)
    if path.exists():
        raise UserError(
            t(
                f"Tiedosto {path} on jo olemassa; demoaineistoa ei kirjoiteta olemassa olevan tiedoston päälle. "
                "Anna uusi tiedostonimi tai poista vanha tiedosto ensin.",
                f"The file {path} already exists; the demo is never written over an existing file. "
                "Give a new file name or remove the old file first.",
            )
        )
    started = time.monotonic()
    build_demo(path, size=args.size, progress=ConsoleProgress())
    return _summary(args, path, time.monotonic() - started)


def _run_on_server(args) -> int:
    import tempfile

    from desktop.core.errors import NotAStore
    from desktop.core.progress import ConsoleProgress
    from desktop.demo import build_demo
    from desktop.store import open_store
    from desktop.store.copying import copy_project

    try:  # refused before the build when the database already holds a project
        open_store(args.path, readonly=True).close()
    except NotAStore:
        pass
    else:
        raise UserError(t(f"Tietokannassa {args.path} on jo projekti; demoaineistoa ei "
                          "kirjoiteta sen päälle.", f"The database {args.path} already holds a project; the demo is "
                          "never written over it."))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sote-demo-") as folder:
        local = Path(folder) / "demo.sote"
        build_demo(local, size=args.size, progress=ConsoleProgress())
        copy_project(local, args.path, progress=ConsoleProgress())
    return _summary(args, args.path, time.monotonic() - started)


def _summary(args, path, seconds: float) -> int:
    from desktop.store import open_store

    with open_store(path, readonly=True) as store:
        path = store.display
        summary = {
            "store": str(path),
            "size": args.size,
            "synthetic": True,
            "region": store.setting("region_name"),
            "events": store.row_count("events"),
            "grid_cells": store.row_count("grid"),
            "travel_times": store.row_count("travel_times"),
            "seconds": round(seconds, 1),
        }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        from desktop.charts.numbers import number

        events, cells, times = (number(summary[k]) for k in ("events", "grid_cells", "travel_times"))
        took = number(seconds, 1)
        print(
            t(
                f"Demo valmis: {path} ({summary['region']}, {args.size}): {events} palvelutapahtumaa, "
                f"{cells} ruutua, {times} matka-aikaa, {took} s.",
                f"Demo ready: {path} ({summary['region']}, {args.size}): {events} service events, "
                f"{cells} grid cells, {times} travel times, {took} s.",
            )
        )
    return 0

