"""`sote-planner measures [import|export|chart] STORE [FILE] [--json]`: the development-measure self-assessment.

- `measures STORE [--json]`: goals, focus areas, measures with their latest rating and rating history,
  and the linked figures per year;
- `measures import STORE FILE.xlsx`: read and validate an Excel tracker (sheet 'Arviot'), then merge it;
  a bad file changes nothing and the message names each bad cell;
- `measures export STORE FILE.xlsx`: write the tracker laid out like the seed's tables;
- `measures chart STORE FILE.png|svg|pdf|xlsx [--kind heatmap|goals|areas]`: a chart, or its table.
"""

from __future__ import annotations

import json

from desktop.commands._team import add_as_copy_option, save_or_copy
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import number

ACTIONS = ("import", "export", "chart")


def register(sub) -> None:
    p = sub.add_parser(
        "measures",
        help=t("kehittämistoimenpiteiden oma-arviointi (arviot 1-5 kuukausittain)",
               "development measures self-assessment (monthly ratings 1-5)"),
        usage="sote-planner measures [import|export|chart] STORE [FILE] [--json] [--kind KIND]",
        description=t(
            "Ilman toimintoa tulostaa hyötytavoitteet, kärjet ja toimenpiteet viimeisimpine arvioineen. "
            "'import STORE FILE.xlsx' tuo arviot Excelistä, 'export STORE FILE.xlsx' vie ne, "
            "'chart STORE FILE.png' piirtää kuvan (png, svg, pdf tai xlsx-taulukko).",
            "Without an action prints the goals, focus areas and measures with their latest ratings. "
            "'import STORE FILE.xlsx' imports ratings from Excel, 'export STORE FILE.xlsx' writes them, "
            "'chart STORE FILE.png' draws a chart (png, svg, pdf or the xlsx table).",
        ),
    )
    p.add_argument("args", nargs="+", metavar="ARG", help=t("[toiminto] projektitiedosto [tiedosto]", "[action] store [file]"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    add_as_copy_option(p)
    p.add_argument("--kind", choices=("heatmap", "goals", "areas"), default="heatmap",
                   help=t("kuva: lämpökartta, jakauma hyötytavoitteittain tai kärjittäin",
                          "chart: heat map, distribution by goal or by focus area"))
    p.set_defaults(func=run)


def _usage_error(message: str) -> UserError:
    return UserError(message + " " + t("Katso: sote-planner measures --help", "See: sote-planner measures --help"))


def run(args) -> int:
    from desktop.services import measures as svc
    from desktop.store import open_store

    action = args.args[0] if args.args[0] in ACTIONS else None
    rest = args.args[1:] if action else args.args
    if action is None:
        if len(rest) != 1:
            raise _usage_error(t("Anna yksi projektitiedosto.", "Give one project file."))
        with open_store(rest[0], readonly=True) as store:
            summary = svc.tracker_summary(store)
        if args.json:
            print(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            _print_summary(summary)
        return 0
    if len(rest) != 2:
        raise _usage_error(t(f"'{action}' tarvitsee projektitiedoston ja tiedoston.", f"'{action}' needs a store and a file."))
    store_path, file_path = rest
    if action == "import":
        result = save_or_copy(store_path, args.as_copy, lambda store: svc.import_measures_xlsx(store, file_path),
                              "sote-planner measures export {store} ARVIOT.xlsx")
        if args.json:
            print(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            print(t(f"Tuotu {file_path}: {result.measures_added} uutta toimenpidettä, {result.measures_updated} päivitetty, "
                    f"{result.ratings_set} arviota, {result.ratings_removed} arviota poistettu.",
                    f"Imported {file_path}: {result.measures_added} new measures, {result.measures_updated} updated, "
                    f"{result.ratings_set} ratings, {result.ratings_removed} ratings removed."))
        return 0
    with open_store(store_path, readonly=True) as store:
        if action == "export":
            if not str(file_path).lower().endswith(".xlsx"):
                raise UserError(t("Vientitiedoston pääte on .xlsx.", "The export file must end in .xlsx."))
            path = svc.export_measures_xlsx(store, file_path)
        else:
            path = svc.export_chart(store, args.kind, file_path)
    if args.json:
        print(json.dumps({"written": str(path)}, ensure_ascii=False))
    else:
        print(t(f"Kirjoitettu {path}", f"Wrote {path}"))
    return 0


def _print_summary(summary: dict) -> None:
    from desktop.core.numbers import month_of

    months = summary["months"]  # '2020-11' as stored: written '11/2020' or 'marraskuu 2020' for people
    print(t("Seuratut kuukaudet: ", "Months followed: ") + (", ".join(month_of(m, "short") for m in months)
                                                           if months else "-"))
    current = (None, None)
    for m in summary["measures"]:
        if (m["goal"], m["focus_area"]) != current:
            if m["goal"] != current[0]:
                print(f"\n{m['goal']}")
            print(f"  {m['focus_area']}")
            current = (m["goal"], m["focus_area"])
        latest = m["latest"]
        shown = f"{latest['label']} ({month_of(latest['month'])})" if latest else t("ei arvioitu", "not rated")
        history = " ".join(f"{month_of(h['month'], 'short')}={h['rating']}" for h in m["history"])
        print(f"    - {m['name']}: {shown}" + (f"  [{history}]" if len(m["history"]) > 1 else ""))
        for ind in m["indicators"]:
            values = "; ".join(f"{y}: {number(v, 1)}" for y, v in ind["values"].items())
            print(f"        {ind['label']}: {values}" + (f"  ({ind['note']})" if ind["note"] else ""))
    empty = [g["name"] for g in summary["goals"] if not any(m["goal"] == g["name"] for m in summary["measures"])]
    for name in empty:
        print(f"\n{name}\n  ({t('ei toimenpiteitä', 'no measures')})")
