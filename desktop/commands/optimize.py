"""`sote-planner optimize STORE --candidates TYPE --minutes M (--target P | --max-sites K) [--keep TYPE[,...]]
[--population-column C] [--mode NAME] [--time-limit S] [--travel SOURCE] [--json]`: optimal new sites."""

from __future__ import annotations

import json
import sys

from desktop.commands.reach import _list, add_travel_argument, travel_context
from desktop.core.lang import t


def register(sub) -> None:
    p = sub.add_parser("optimize", help=t("uusien toimipisteiden optimaaliset sijainnit",
                                          "optimal locations of new sites"))
    p.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    p.add_argument("--candidates", required=True,
                   help=t("ehdokaspaikat: toimipistetyyppi (esim. ehdokas), 'kuntakeskukset' tai 'ruudut'",
                          "candidate locations: a site type (e.g. ehdokas), 'kuntakeskukset' or 'ruudut'"))
    p.add_argument("--minutes", type=float, required=True, help=t("aikaraja minuutteina", "threshold in minutes"))
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--target", type=float, help=t("tavoiteosuus %%: vähiten uusia paikkoja", "target share %%: fewest new sites"))
    group.add_argument("--max-sites", type=int, help=t("K uutta paikkaa, jotka kattavat eniten", "the K new sites covering the most"))
    p.add_argument("--keep", help=t("säilyvien toimipisteiden tyypit pilkuin eroteltuina", "types of existing sites kept, comma separated"))
    p.add_argument("--population-column", default="population", help=t("kohdeväestön sarake", "target population column"))
    p.add_argument("--mode", default="car", help=t("kulkutapa (oletus car)", "travel mode (default car)"))
    p.add_argument("--time-limit", type=float, default=60.0, help=t("ratkaisuaika enintään (s)", "solver time limit (s)"))
    add_travel_argument(p)
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.services.network import optimize_sites
    from desktop.store import open_store

    with open_store(args.store, readonly=True) as store:
        result = optimize_sites(
            store, args.candidates, args.minutes, target_pct=args.target, max_sites=args.max_sites,
            keep=list(_list(args.keep)), population_column=args.population_column, mode=args.mode,
            time_limit=args.time_limit, travel=args.travel, context=travel_context(store, args))
    found = bool(result["chosen"]) or result["optimal"]
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif found:
        proven = t("todistetusti optimaalinen", "proven optimal") if result["optimal"] else \
            t("EI todistetusti optimaalinen (aikaraja)", "NOT proven optimal (time limit)")
        print(t("Valitut uudet paikat:", "Chosen new sites:"), ", ".join(result["chosen"]) or "-")
        print(f"{t('katettu', 'covered')} {result['covered']:,} / {result['population']:,} = {result['share_pct']:.2f} %  "
              f"({proven})".replace(",", " "))
        if result["estimate"]:
            print(t("Matka-ajat ovat osin linnuntie-arvioita.", "Travel times are partly straight-line estimates."))
    if result["optimal"]:
        return 0
    # an answer that is not proven (or none at all) is never reported as a success
    status = result.get("status", "")
    if not found:
        sys.stderr.write(t(
            f"Ratkaisua ei löytynyt (ratkaisijan tila: {status}). Pidennä aikarajaa (--time-limit) tai "
            "lievennä tavoitetta; tulosta ei ole.\n",
            f"No answer was found (solver status: {status}). Allow more time (--time-limit) or ease the "
            "target; there is no result.\n"))
    else:
        sys.stderr.write(t(
            f"Ratkaisu ei ole todistetusti optimaalinen (ratkaisijan tila: {status}): parempi voi olla olemassa. "
            "Pidennä aikarajaa (--time-limit).\n",
            f"The answer is not proven optimal (solver status: {status}): a better one may exist. "
            "Allow more time (--time-limit).\n"))
    return 2
