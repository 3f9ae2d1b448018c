"""`sote-planner info STORE [--json]`: datasets with row counts, years, import batches, schema version."""

from __future__ import annotations

import json

from desktop.core.lang import t
from desktop.core.numbers import count


def register(sub) -> None:
    p = sub.add_parser("info", help=t("projektin aineistot ja tuontierät", "datasets and import batches of a project"))
    p.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.services.project_info import project_info
    from desktop.store import open_store

    with open_store(args.store, readonly=True) as store:
        info = project_info(store)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(f"{t('Projekti', 'Project')}: {info['store']}  ({t('tietokantaversio', 'schema version')} {info['schema_version']})")
    if info.get("synthetic"):
        print(t("HUOM: synteettinen demoaineisto, ei todellisia henkilöitä.", "NOTE: synthetic demo data, no real persons."))
    print(t("Aineistot:", "Datasets:"))
    for d in info["datasets"]:
        years = ", ".join(str(y) for y in d["years"]) if d["years"] else "-"
        print(f"  {d['kind']:<14} {count(d['rows']):>12} {t('riviä', 'rows')}  {t('vuodet', 'years')}: {years}")
    print(t("Tuontierät:", "Import batches:"))
    for b in info["batches"]:
        print(f"  #{b['id']:<4} {b['kind']:<14} {b['file_name']}  {count(b['rows'])} {t('riviä', 'rows')}  {b['imported_at']}")
    return 0
