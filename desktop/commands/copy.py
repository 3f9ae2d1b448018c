"""`sote-planner copy SOURCE TARGET [--json]`: a whole project from a team's server to a file (a
workshop laptop) or from a file to a server (publishing), with the same figures."""

from __future__ import annotations

import json

from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser(
        "copy",
        help=t("kopioi koko projekti palvelimelta tiedostoon tai tiedostosta palvelimelle",
               "copy a whole project from a server to a file or from a file to a server"),
        description=t(
            "Kopioi koko projektin (aineistot, luokitus, segmentit, tavoitteet, toimenpiteet) uuteen "
            "tiedostoon tai tyhjään tietokantaan: esim. tiimin projekti työpajan kannettavalle "
            "(sote-planner copy postgresql://maija@palvelin/sote tyopaja.sote) ja takaisin palvelimelle. "
            "Kohde luodaan kokonaan tai ei ollenkaan.",
            "Copies the whole project (datasets, classification, segments, goals, measures) into a new file "
            "or an empty database: e.g. the team's project for a workshop laptop "
            "(sote-planner copy postgresql://maija@server/sote workshop.sote) and back to the server. "
            "The target is created completely or not at all.",
        ),
    )
    p.add_argument("source", help=t("projektitiedosto tai postgresql://-osoite", "project file or postgresql:// URL"))
    p.add_argument("target", help=t("uusi tiedosto tai tyhjän tietokannan postgresql://-osoite",
                                    "a new file or an empty database's postgresql:// URL"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.core.progress import ConsoleProgress
    from desktop.store.copying import copy_project

    result = copy_project(args.source, args.target, progress=ConsoleProgress())
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return 0
    from desktop.core.numbers import count

    rows, tables, events = count(result.total), count(len(result.rows)), count(result.rows.get("column_chunk", 0))
    print(t(f"Projekti {result.source} kopioitiin kohteeseen {result.target}: {rows} riviä "
            f"{tables} taulusta ({events} sarakepalaa).",
            f"Project {result.source} was copied to {result.target}: {rows} rows from "
            f"{tables} tables ({events} column chunks)."))
    return 0
