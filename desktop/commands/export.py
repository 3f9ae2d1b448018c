"""`sote-planner export STORE KIND FILE [--json]`: write a dataset back out as CSV (UTF-8 with BOM,
';' separator, decimal point, ISO dates) that imports again as it is."""

from __future__ import annotations

import json

from desktop.core.lang import t

KIND_CHOICES = ("events", "population", "grid", "sites", "travel-times", "finance", "staff")


def register(sub) -> None:
    p = sub.add_parser("export", help=t("kirjoita aineisto CSV-tiedostoksi", "write a dataset as a CSV file"))
    p.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    p.add_argument("kind", choices=KIND_CHOICES, metavar="KIND", help=", ".join(KIND_CHOICES))
    p.add_argument("file", help=t("kirjoitettava CSV-tiedosto", "CSV file to write"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.services.exporting import export_dataset
    from desktop.store import open_store

    with open_store(args.store, readonly=True) as store:
        rows = export_dataset(store, args.kind, args.file)
    if args.json:
        print(json.dumps({"kind": args.kind, "rows": rows, "file": str(args.file)}, ensure_ascii=False))
    else:
        from desktop.core.numbers import count

        print(t(f"Kirjoitettiin {count(rows)} riviä tiedostoon {args.file}.", f"Wrote {count(rows)} rows to {args.file}."))
    return 0
