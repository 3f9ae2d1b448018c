"""`sote-planner optimize STORE --candidates WHAT (--goal NAME | --minutes M) (--target P | --max-sites K)
[--keep TYPE[,...]] [--capacities [--new-capacity N]] [--population-column C] [--mode NAME]
[--time-limit S] [--travel SOURCE] [--json]`: optimal new sites."""

from __future__ import annotations

import json
import sys

from desktop.commands.reach import _list, add_travel_argument, travel_context
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import count, percent_value


def register(sub) -> None:
    p = sub.add_parser("optimize", help=t("uusien toimipisteiden optimaaliset sijainnit",
                                          "optimal locations of new sites"))
    p.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    p.add_argument("--candidates", required=True,
                   help=t("ehdokaspaikat: toimipistetyyppi (esim. ehdokas), 'kuntakeskukset' (keskukset, joissa ei "
                          "vielä ole toimipistettä) tai 'ruudut' (asutut ruudut, joita mikään toimipiste ei palvele)",
                          "candidate locations: a site type (e.g. ehdokas), 'kuntakeskukset' (centres without a "
                          "site yet) or 'ruudut' (populated cells no site serves)"))
    p.add_argument("--goal", help=t("saavutettavuustavoite, jonka aikarajaa ja toimipisteitä käytetään",
                                    "reach goal whose threshold and sites are used"))
    p.add_argument("--minutes", type=float, help=t("aikaraja minuutteina (oletus: tavoitteen)",
                                                   "threshold in minutes (default: the goal's)"))
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--target", type=float, help=t("tavoiteosuus %%: vähiten uusia paikkoja", "target share %%: fewest new sites"))
    group.add_argument("--max-sites", type=int, help=t("K uutta paikkaa, jotka kattavat eniten", "the K new sites covering the most"))
    p.add_argument("--keep", help=t("säilyvien toimipisteiden tyypit pilkuin eroteltuina (oletus: tavoitteen "
                                    "toimipisteet)", "types of existing sites kept, comma separated (default: the goal's)"))
    p.add_argument("--capacities", action="store_true",
                   help=t("ota toimipisteiden kapasiteetti (capacity, henkilöä) huomioon",
                          "use the sites' capacity (persons)"))
    p.add_argument("--new-capacity", type=float,
                   help=t("uuden toimipisteen kapasiteetti (henkilöä), kun ehdokkaalla ei ole omaa",
                          "capacity of a new site (persons) when the candidate has none"))
    p.add_argument("--population-column", default="population", help=t("kohdeväestön sarake", "target population column"))
    p.add_argument("--mode", default="car", help=t("kulkutapa (oletus car)", "travel mode (default car)"))
    p.add_argument("--time-limit", type=float, default=60.0, help=t("ratkaisuaika enintään (s)", "solver time limit (s)"))
    add_travel_argument(p)
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.services.network import goal_by_name
    from desktop.services.new_sites import optimize_sites
    from desktop.store import open_store

    if args.goal is None and args.minutes is None:
        raise UserError(t("Anna --goal tai aikaraja --minutes.", "Give --goal or a threshold --minutes."))
    if args.new_capacity is not None and not args.capacities:
        raise UserError(t("--new-capacity tarvitsee myös valinnan --capacities.", "--new-capacity also needs --capacities."))
    if args.new_capacity is not None and not args.new_capacity > 0:
        raise UserError(t("Uuden toimipisteen kapasiteetin on oltava positiivinen.", "The new capacity must be positive."))
    with open_store(args.store, readonly=True) as store:
        goal = goal_by_name(store, args.goal) if args.goal else None
        result = optimize_sites(
            store, args.candidates, args.minutes, target_pct=args.target, max_sites=args.max_sites,
            keep=list(_list(args.keep)), population_column=args.population_column, mode=args.mode,
            time_limit=args.time_limit, travel=args.travel, context=travel_context(store, args), goal=goal,
            capacities=args.capacities, new_capacity=args.new_capacity)
    found = bool(result["chosen"]) or result["optimal"]
    gap = result.get("gap_pct")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif found:
        proven = t("todistetusti optimaalinen", "proven optimal") if result["optimal"] else \
            t(f"EI todistetusti optimaalinen, ero parhaaseen enintään {percent_value(gap, 2)}",
              f"NOT proven optimal, gap at most {percent_value(gap, 2)}") \
            if gap is not None else t("EI todistetusti optimaalinen", "NOT proven optimal")
        print(t("Valitut uudet paikat:", "Chosen new sites:"), ", ".join(result["chosen"]) or "-")
        print(f"{t('katettu', 'covered')} {count(result['covered'])} / {count(result['population'])} = "
              f"{percent_value(result['share_pct'], 2)}  ({proven})")
        print(result["explanation"])
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
