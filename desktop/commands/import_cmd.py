"""`sote-planner import STORE KIND FILE [--map CANONICAL=SOURCE ...] [--sheet NAME] [--profile NAME]
[--save-profile NAME] [--mode NAME] [--skip-invalid] [--replace] [--json]`."""

from __future__ import annotations

import json
import sys

from desktop.core import collector
from desktop.core.lang import t

KIND_CHOICES = ("events", "population", "grid", "sites", "travel-times", "finance", "staff", "auto")


def register(sub) -> None:
    p = sub.add_parser(
        "import",
        help=t("tuo CSV-, Excel- tai GeoPackage-tiedosto projektiin", "import a CSV, Excel or GeoPackage file"),
        description=t(
            "Tuo tiedoston projektiin kokonaan tai ei ollenkaan. Henkilötunnukset korvataan pseudonyymeillä. "
            "Projekti luodaan, jos sitä ei ole.",
            "Imports a file into the project, all or nothing. Identity codes are replaced by pseudonyms. "
            "The project is created if it does not exist.",
        ),
    )
    p.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    p.add_argument("kind", choices=KIND_CHOICES, metavar="KIND",
                   help=t("aineiston laji: " + ", ".join(KIND_CHOICES) + " (auto = päättele sarakkeista)",
                          "dataset kind: " + ", ".join(KIND_CHOICES) + " (auto = guess from the columns)"))
    p.add_argument("file", help=t("tuotava tiedosto (.csv, .txt, .xlsx, .gpkg)", "file to import (.csv, .txt, .xlsx, .gpkg)"))
    p.add_argument("--map", action="append", default=[], metavar="CANONICAL=SOURCE",
                   help=t("kerro mikä sarake on mikin kenttä, esim. --map person_id=Asiakas",
                          "which column holds a field, e.g. --map person_id=Client"))
    p.add_argument("--sheet", help=t("Excelin välilehti tai GeoPackagen taso", "Excel sheet or GeoPackage layer"))
    p.add_argument("--profile", help=t("käytä tallennettua tuontiprofiilia", "use a saved import profile"))
    p.add_argument("--save-profile", metavar="NAME", help=t("tallenna käytetty sarakevastaavuus profiiliksi",
                                                             "save the mapping used as a profile"))
    p.add_argument("--mode", help=t("matka-aikojen kulkutapa (oletus car)", "travel mode of travel times (default car)"))
    p.add_argument("--skip-invalid", action="store_true",
                   help=t("tuo kelvolliset rivit ja kirjaa hylätyt erän raporttiin",
                          "import the valid rows and record the rejected ones in the batch report"))
    p.add_argument("--replace", action="store_true",
                   help=t("korvaa aiemmin tuotu sama tiedosto", "replace an earlier import of the same file"))
    p.add_argument("--key", metavar="FILE",
                   help=t("pseudonymisointiavaimen tiedosto (oletus: käyttäjän avainkansio tai SOTE_PLANNER_KEY_FILE)",
                          "pseudonymisation key file (default: the user's key folder or SOTE_PLANNER_KEY_FILE)"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    # the modules loaded here make some 100,000 objects and no garbage: in the command's own process the
    # collector is held back while they load, and they are frozen out of the import's collections
    from desktop.core.progress import ConsoleProgress
    from desktop.importers.mapping import parse_map_options
    from desktop.services.importing import import_file
    from desktop.services.new_project import open_or_create_project

    collector.loaded()
    overrides = parse_map_options(args.map)
    store = open_or_create_project(args.store)
    # a project file made only for this import is not left behind when the import fails (a team
    # database keeps its new, empty project: a colleague may already be importing into it)
    created = store.created and not store.is_server
    try:
        result = import_file(
            store,
            args.file,
            kind=None if args.kind == "auto" else args.kind,
            overrides=overrides,
            sheet=args.sheet,
            profile=args.profile,
            save_profile=args.save_profile,
            mode=args.mode,
            skip_invalid=args.skip_invalid,
            replace=args.replace,
            progress=ConsoleProgress(),
            key_file=args.key,
        )
    except BaseException:
        store.close()
        if created:  # a project made only for this import is not left behind empty
            _remove_project(store.path)
        raise
    finally:
        store.close()
    for note in result.notes:
        sys.stderr.write(t("Huom: ", "Note: ") + note + "\n")
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return 0
    from desktop.core.numbers import count

    rows, rejected = count(result.rows), count(result.rejected)
    print(
        t(
            f"Tuotiin {rows} riviä erään #{result.batch_id} ({result.kind}); hylättyjä rivejä {rejected}.",
            f"Imported {rows} rows as batch #{result.batch_id} ({result.kind}); {rejected} rows rejected.",
        )
    )
    for warning in result.warnings:
        sys.stdout.write(t("Huom: ", "Note: ") + warning + "\n")
    return 0


def _remove_project(path) -> None:
    for leftover in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal", ".lock"))):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
