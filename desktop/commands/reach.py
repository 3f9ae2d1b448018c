"""`sote-planner reach STORE [--goal NAME | --site-type T[,T...] [--size S[,S...]] --minutes M
[--target P] [--population-column C] [--mode NAME]] [--travel SOURCE] [--json]`: coverage of reach goals."""

from __future__ import annotations

import json

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import count, percent_value


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def add_travel_argument(p) -> None:
    p.add_argument("--travel", default="auto", choices=["auto", "matrix", "road", "straight-line"],
                   help=t("matka-aikojen lähde: tuotu matriisi, tieverkko tai linnuntie-arvio (oletus: paras saatavilla)",
                          "travel-time source: imported matrix, road network or straight-line estimate (default: best available)"))
    p.add_argument("--road-network", metavar="FILE",
                   help=t("tieverkko tästä tiedostosta (GeoPackage-viivataso tai .osm.pbf); käyttää --travel road",
                          "road network from this file (GeoPackage line layer or .osm.pbf); implies --travel road"))
    p.add_argument("--road-layer", help=t("GeoPackage-tiedoston taso", "layer of the GeoPackage file"))


def travel_context(store, args):
    """The reach context of a command: --travel and an optional --road-network file."""
    from desktop.core.progress import ConsoleProgress
    from desktop.services.network import build_context

    if getattr(args, "road_network", None):
        from desktop.analysis.road_gpkg import read_road_network

        network, _report = read_road_network(args.road_network, layer=args.road_layer, mode=args.mode,
                                              progress=ConsoleProgress())
        return build_context(store, "road", road_network=network)
    return build_context(store, args.travel)


def register(sub) -> None:
    p = sub.add_parser("reach", help=t("palveluverkon saavutettavuustavoitteiden toteutuminen",
                                       "coverage of the service-network reach goals"))
    p.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite", "project file (.sote) or a team project's postgresql:// URL"))
    p.add_argument("--goal", help=t("tavoitteen nimi (oletus: kaikki tavoitteet)", "goal name (default: every goal)"))
    p.add_argument("--site-type", help=t("toimipistetyypit pilkuin eroteltuina", "site types, comma separated"))
    p.add_argument("--size", help=t("koot pilkuin eroteltuina (esim. S,M,L)", "sizes, comma separated (e.g. S,M,L)"))
    p.add_argument("--minutes", type=float, help=t("aikaraja minuutteina (raja mukaan lukien)", "threshold in minutes (inclusive)"))
    p.add_argument("--target", type=float, default=95.0, help=t("tavoiteosuus %% (oletus 95)", "target share %% (default 95)"))
    p.add_argument("--population-column", default="population",
                   help=t("kohdeväestön sarake ruudukossa (oletus population)", "target population column of the grid"))
    p.add_argument("--mode", default="car", help=t("kulkutapa (oletus car)", "travel mode (default car)"))
    add_travel_argument(p)
    p.add_argument("--capacities", action="store_true",
                   help=t("ota toimipisteiden kapasiteetti (capacity, henkilöä) huomioon: kukin henkilö "
                          "aikarajan sisällä olevaan toimipisteeseen, jossa on tilaa",
                          "use the sites' capacity (persons): each person to a site within the threshold that has room"))
    p.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.analysis.reach import ReachGoal
    from desktop.core.numbers import short
    from desktop.services.network import goal_by_name, list_goals, result_json
    from desktop.store import open_store

    if args.goal and args.site_type:
        raise UserError(t("Anna joko --goal tai --site-type, ei molempia.", "Give either --goal or --site-type, not both."))
    if args.site_type and args.minutes is None:
        raise UserError(t("--site-type tarvitsee myös aikarajan --minutes.", "--site-type also needs --minutes."))
    with open_store(args.store, readonly=True) as store:
        if args.site_type:
            goals = [ReachGoal(
                name=f"{args.site_type} {short(args.minutes)} min", site_types=_list(args.site_type), minutes=args.minutes,
                target_pct=args.target, sizes=_list(args.size), population_column=args.population_column, mode=args.mode)]
        elif args.goal:
            goals = [goal_by_name(store, args.goal)]
        else:
            goals = list_goals(store)
        context = travel_context(store, args)
        results = []
        for goal in goals:
            try:
                results.append(result_json(context.evaluate(goal, capacities=args.capacities)))
            except UserError as exc:
                if len(goals) == 1:
                    raise
                results.append({"goal": goal.name, "error": str(exc)})
    single = bool(args.goal or args.site_type)
    if args.json:
        print(json.dumps(results[0] if single else results, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        if "error" in r:
            print(f"{r['goal']}: {r['error']}")
            continue
        met = t("TOTEUTUU", "MET") if r["met"] else t("EI TOTEUDU", "NOT MET")
        note = t(" (linnuntie-arvio)", " (straight-line estimate)") if r["estimate"] else ""
        print(f"{r['goal']}: {percent_value(r['share_pct'], 1)} / {t('tavoite', 'target')} "
              f"{percent_value(r['target_pct'], 1)}  {met}{note}")
        print(f"  {t('kohdeväestö', 'population')} {count(r['population'])}  {t('katettu', 'covered')} "
              f"{count(r['covered'])}  {t('ei reittiä', 'no route')} {count(r['no_route'])}")
        if "assigned" in r:
            without = percent_value(r["share_pct_without_capacities"], 1)
            print("  " + t(f"kapasiteetit huomioiden; ilman niitä {without}", f"with capacities; without them {without}"))
        if r["below_target"]:
            names = ", ".join(f"{b['name']} {percent_value(b['share_pct'], 1)}" for b in r["below_target"])
            print("  " + t("alle tavoitteen: ", "below the target: ") + names)
    return 0
