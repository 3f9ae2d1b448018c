"""`sote-planner segments STORE [--year Y] [--project-to YEAR] [--json]` and
`sote-planner segments export|import STORE FILE.json|xlsx`."""

from __future__ import annotations

import json

from desktop.commands._team import add_as_copy_option, save_or_copy
from desktop.core import collector
from desktop.core.errors import UserError
from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser(
        "segments",
        help=t("asiakkuussegmentit: koot, päällekkäisyydet, ennuste; sääntöjen vienti ja tuonti",
               "client segments: sizes, overlaps, projection; export and import of the rules"),
        description=t("Käyttö: segments STORE [--year Y] [--project-to VUOSI] [--json] | "
                      "segments export STORE FILE.json|xlsx | segments import STORE FILE.json|xlsx",
                      "Usage: segments STORE [--year Y] [--project-to YEAR] [--json] | "
                      "segments export STORE FILE.json|xlsx | segments import STORE FILE.json|xlsx"),
    )
    p.add_argument("words", nargs="+", metavar="STORE | export STORE FILE | import STORE FILE")
    p.add_argument("--year", type=int, help=t("vuosi (oletus: viimeisin)", "year (default: the latest)"))
    p.add_argument("--project-to", type=int, metavar="YEAR",
                   help=t("ennusta asiakasmäärät väestöennusteella tähän vuoteen", "project clients to this year"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    add_as_copy_option(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.store import open_store

    words = args.words
    if words[0] in ("export", "import"):
        if len(words) != 3:
            raise UserError(t(f"Käyttö: segments {words[0]} STORE FILE.json|xlsx",
                              f"Usage: segments {words[0]} STORE FILE.json|xlsx"))
        if words[0] == "export":
            return _export(words[1], words[2], args.json)
        return _import(words[1], words[2], args.json, getattr(args, "as_copy", None))
    if len(words) != 1:
        raise UserError(t("Anna yksi projektitiedosto.", "Give one project file."))
    from desktop.services.segments import segment_report

    collector.loaded()
    with open_store(words[0], readonly=True) as store:
        report = segment_report(store, args.year, args.project_to)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    _print_report(report)
    return 0


def _export(store_path: str, file: str, as_json: bool) -> int:
    from desktop.services.segments import export_segments
    from desktop.store import open_store

    with open_store(store_path, readonly=True) as store:
        path = export_segments(store, file)
    if as_json:
        print(json.dumps({"exported": str(path)}))
    else:
        print(t(f"Segmentit kirjoitettu tiedostoon {path}.", f"Segments written to {path}."))
    return 0


def _import(store_path: str, file: str, as_json: bool, as_copy: str | None = None) -> int:
    from desktop.services.segments import import_segments

    result = save_or_copy(store_path, as_copy, lambda store: import_segments(store, file),
                          "sote-planner segments export {store} SEGMENTIT.xlsx")
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(t(f"Segmentit tuotu: {result['updated']} päivitetty, {result['added']} uutta.",
                f"Segments imported: {result['updated']} updated, {result['added']} added."))
    return 0


def _print_report(report: dict) -> None:
    from desktop.charts.numbers import eur, number

    print(t(f"Segmentit vuonna {report['year']}", f"Segments in {report['year']}"))
    proj_years = (report.get("projection") or {}).get("years", [])
    header = f"  {t('Segmentti', 'Segment'):<34} {t('Henkilöt', 'Persons'):>9} {'/1000':>7} {t('Tapaht.', 'Events'):>10} " \
             f"{t('Eurot', 'Euros'):>15}"
    header += "".join(f" {y:>8}" for y in proj_years)
    print(header)
    for s in report["segments"]:
        per = "–" if s["per_1000"] is None else number(s["per_1000"], 1)
        line = f"  {s['name']:<34} {number(s['persons']):>9} {per:>7} {number(s['events']):>10} " \
               f"{eur(s['cost_eur']):>15}"
        line += "".join(f" {number(s['projected'].get(str(y))):>8}" for y in proj_years)
        print(line)
    print(t(f"Eri henkilöitä segmenteissä yhteensä (jokainen kerran): {number(report['total_persons'])}",
            f"Distinct persons in the segments (each once): {number(report['total_persons'])}"))
