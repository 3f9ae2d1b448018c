"""`sote-planner classification export|import|check|compare`: the service classification from the command line.

- `classification export STORE FILE.xlsx|FILE.json [--year Y]`: write the version valid in Y (default newest);
- `classification import STORE FILE [--valid-from YEAR]`: validate and save a version (a bad file changes
  nothing; the message names sheet, row and column);
- `classification check STORE [--year Y] [--json]`: coverage of events and euros, the largest unclassified
  combinations, shadowed and redundant rules;
- `classification compare STORE OLD NEW [--year Y] [--json]`: what changed between two versions (by their first
  year) and the effect on the same events (per level, events changing service or level).
"""

from __future__ import annotations

import json

from desktop.commands._team import add_as_copy_option, save_or_copy
from desktop.core.lang import t
from desktop.core.numbers import number, percent


def register(sub) -> None:
    p = sub.add_parser("classification", help=t("palveluluokitus: vienti, tuonti ja tarkistus",
                                                "service classification: export, import and check"))
    actions = p.add_subparsers(dest="action", metavar="TOIMINTO" if t("fi", "en") == "fi" else "ACTION")
    actions.required = True

    e = actions.add_parser("export", help=t("vie luokitus Excel- tai JSON-tiedostoon", "export to Excel or JSON"))
    e.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    e.add_argument("file", help=t("kohdetiedosto .xlsx tai .json", "target file .xlsx or .json"))
    e.add_argument("--year", type=int, help=t("vuonna voimassa oleva versio (oletus uusin)",
                                              "the version valid in this year (default newest)"))
    e.set_defaults(func=run_export)

    i = actions.add_parser("import", help=t("tuo luokitus Excel- tai JSON-tiedostosta", "import from Excel or JSON"))
    i.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    i.add_argument("file", help=t("lähdetiedosto .xlsx tai .json", "source file .xlsx or .json"))
    i.add_argument("--valid-from", type=int, help=t("version ensimmäinen voimassaolovuosi (oletus tiedostosta)",
                                                    "first year of validity (default from the file)"))
    i.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    add_as_copy_option(i)
    i.set_defaults(func=run_import)

    c = actions.add_parser("check", help=t("kattavuus, luokittelemattomat ja ristiriitaiset säännöt",
                                           "coverage, unclassified events and conflicting rules"))
    c.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    c.add_argument("--year", type=int, help=t("vain tämän vuoden tapahtumat ja sinä vuonna voimassa oleva versio "
                                              "(oletus: uusin versio kaikilla tapahtumilla)",
                                              "only this year's events and the version valid that year "
                                              "(default: the newest version on all events)"))
    c.add_argument("--top", type=int, default=20, help=t("näytettävien yhdistelmien määrä", "combinations shown"))
    c.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    c.set_defaults(func=run_check)

    m = actions.add_parser("compare", help=t("vertaa kahta luokitusversiota", "compare two classification versions"))
    m.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    m.add_argument("old", type=int, help=t("vanhemman version alkuvuosi", "first year of the older version"))
    m.add_argument("new", type=int, help=t("uudemman version alkuvuosi", "first year of the newer version"))
    m.add_argument("--year", type=int, help=t("vertaa tämän vuoden tapahtumilla", "compare on this year's events"))
    m.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    m.set_defaults(func=run_compare)


def run_export(args) -> int:
    from desktop.services.classification import export_classification
    from desktop.store import open_store

    with open_store(args.store, readonly=True) as store:
        c = export_classification(store, args.file, args.year)
    print(t(f"Vietiin luokitusversio {c.valid_from} ({len(c.services)} palvelua, {len(c.rules)} sääntöä) "
            f"tiedostoon {args.file}.",
            f"Exported classification version {c.valid_from} ({len(c.services)} services, {len(c.rules)} rules) "
            f"to {args.file}."))
    return 0


def run_import(args) -> int:
    from desktop.services.classification import import_classification

    c = save_or_copy(args.store, args.as_copy, lambda store: import_classification(store, args.file, args.valid_from),
                     "sote-planner classification export {store} LUOKITUS.xlsx")
    if args.json:
        print(json.dumps({"valid_from": c.valid_from, "services": len(c.services), "rules": len(c.rules)}))
    else:
        print(t(f"Tuotiin luokitusversio, voimassa vuodesta {c.valid_from}: {len(c.services)} palvelua, "
                f"{len(c.rules)} kohdennussääntöä.",
                f"Imported classification version valid from {c.valid_from}: {len(c.services)} services, "
                f"{len(c.rules)} allocation rules."))
    return 0


def run_check(args) -> int:
    from desktop.core.numbers import eur
    from desktop.services.classification import check_classification
    from desktop.store import open_store

    with open_store(args.store, readonly=True) as store:
        report = check_classification(store, args.year, args.top)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    cov = report["coverage"]
    print(t(f"Luokitusversio {report['version']} ({report['name']})", f"Classification version {report['version']} "
            f"({report['name']})") + (f", {t('vuosi', 'year')} {report['year']}" if report["year"] else ""))
    print(t("Luokiteltu", "Classified") + f": {number(cov['events_classified'])} / {number(cov['events'])} "
          + t("tapahtumaa", "events") + f" ({percent(cov['event_share'], 1)}), "
          f"{eur(cov['euros_classified'])} / {eur(cov['euros'])} ({percent(cov['euro_share'], 1)}); "
          + t("henkilöitä", "persons") + f" {number(cov['persons_classified'])} / {number(cov['persons'])}")
    if report["unclassified"]:
        print(t("Suurimmat luokittelemattomat yhdistelmät:", "Largest unclassified combinations:"))
        for row in report["unclassified"]:
            label = " | ".join(f"{k}={row[k] or '-'}" for k in ("service_form", "service_code", "professional_group",
                                                               "special_law"))
            print(f"  {number(row['events']):>9} {t('tapahtumaa', 'events')} {number(row['persons']):>8} "
                  f"{t('henkilöä', 'persons')} {eur(row['euros']):>15}  {label}")
    if report["conflicts"]:
        print(t("Huomautettavat säännöt:", "Flagged rules:"))
        for c in report["conflicts"]:
            print(f"  [{c['kind']}] {c['message']}")
    else:
        print(t("Ei varjoon jääviä tai turhia sääntöjä.", "No shadowed or redundant rules."))
    return 0


def run_compare(args) -> int:
    from desktop.services.classification import compare_versions
    from desktop.store import open_store

    with open_store(args.store, readonly=True) as store:
        report = compare_versions(store, args.old, args.new, args.year)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    from desktop.services.classification import comparison_lines

    print("\n".join(comparison_lines(report)))
    return 0
