"""`sote-planner report STORE traffic-light [--by DIM[,DIM...]] [--year Y | --years Y1-Y2]
[--filter DIM=VALUE ...] [--json | --csv FILE | --xlsx FILE | --pdf FILE]`,
`sote-planner report STORE workshop --pdf FILE [--year Y]` and
`sote-planner report STORE reconciliation [--year Y | --years Y1-Y2] [--filter DIM=VALUE ...] [--json | --csv FILE]`
(ledger against event euros; filtered as the traffic lights' Täsmäytys tab) and
`sote-planner report STORE personnel [--by DIM[,DIM]] [--year Y] [--json | --csv FILE | --xlsx FILE]` (FTEs, head
counts and wages by cost centre, professional group or service; small groups' wages hidden)."""

from __future__ import annotations

import json

from desktop.core import collector
from desktop.core.errors import UserError
from desktop.core.lang import t

KINDS = ("traffic-light", "workshop", "reconciliation", "personnel")


def register(sub) -> None:
    p = sub.add_parser("report", help=t("liikennevaloraportti, työpajaraportti ja kirjanpidon täsmäytys",
                                        "traffic-light and workshop reports, reconciliation with the books"))
    p.add_argument("store", help=t("projektitiedosto (.sote) tai tiimin projektin postgresql://-osoite",
                                   "project file (.sote) or a team project's postgresql:// URL"))
    p.add_argument("kind", choices=KINDS, help=t("raportin laji", "kind of report"))
    p.add_argument("--by", help=t("jaottelu, esim. segment,structure", "cut, e.g. segment,structure"))
    p.add_argument("--year", type=int, help=t("vuosi (oletus: viimeisin)", "year (default: the latest)"))
    p.add_argument("--years", help=t("vuosiväli, esim. 2023-2024", "year range, e.g. 2023-2024"))
    p.add_argument("--compare", metavar="STORE2",
                   help=t("vertailuprojekti (avataan vain luku -tilassa); €/asukas rinnakkain JSONissa",
                          "reference project (opened read-only); €/resident side by side in the JSON"))
    p.add_argument("--filter", action="append", default=[], metavar="DIM=VALUE",
                   help=t("rajaus, voi toistaa (esim. municipality=179)", "filter, repeatable (e.g. municipality=179)"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=t("tulosta JSON", "print JSON"))
    out.add_argument("--csv", metavar="FILE", help=t("kirjoita taulukko CSV-tiedostoon", "write the table as CSV"))
    out.add_argument("--xlsx", metavar="FILE", help=t("kirjoita taulukko Excel-tiedostoon", "write the table as XLSX"))
    out.add_argument("--pdf", metavar="FILE", help=t("kirjoita kaaviot ja taulukot PDF:ään", "write charts and tables as PDF"))
    p.set_defaults(func=run)


def run(args) -> int:
    from desktop.store import open_store

    with open_store(args.store, readonly=True) as store:
        if args.kind == "workshop":
            return _workshop(store, args)
        if args.kind == "reconciliation":
            return _reconciliation(store, args)
        if args.kind == "personnel":
            return _personnel(store, args)
        return _traffic_light(store, args)


def _workshop(store, args) -> int:
    from desktop.core.progress import ConsoleProgress
    from desktop.reports.workshop import write_workshop_report

    if not args.pdf:
        raise UserError(t("Työpajaraportti tarvitsee valinnan --pdf TIEDOSTO.", "The workshop report needs --pdf FILE."))
    if args.years or args.by or args.filter:
        raise UserError(t("Työpajaraportille annetaan vain --pdf ja --year.", "The workshop report takes only --pdf and --year."))
    result = write_workshop_report(store, args.pdf, args.year, ConsoleProgress())
    if args.json:
        print(json.dumps(result))
    else:
        print(t(f"Työpajaraportti kirjoitettu: {result['path']} ({result['pages']} sivua).",
                f"Workshop report written: {result['path']} ({result['pages']} pages)."))
    return 0


def _reconciliation(store, args) -> int:
    """Per AURA class and year: ledger euros, event euros, coverage % and the difference; with --filter
    the selected events against the ledger euros the rules place on them (as the Täsmäytys tab)."""
    from desktop.core.numbers import eur, percent_value
    from desktop.services.resources import reconciliation_json

    if args.by or args.xlsx or args.pdf or args.compare:
        raise UserError(t("Täsmäytykselle annetaan vain --year tai --years, --filter ja --json tai --csv.",
                          "The reconciliation takes only --year or --years, --filter and --json or --csv."))
    if args.filter:
        doc = _filtered_reconciliation(store, args)
    else:
        doc = reconciliation_json(store)
    if not doc["rows"] and not args.filter:
        raise UserError(t("Projektissa ei ole talouden (kirjanpidon) rivejä: tuo ne ensin (import STORE finance).",
                          "The project has no finance (ledger) rows: import them first (import STORE finance)."))
    if not args.filter and (args.year is not None or args.years):
        from desktop.services.traffic_lights import parse_years

        chosen = parse_years(args.year, args.years)
        years = sorted({r["year"] for r in doc["rows"]})
        if not set(chosen) & set(years):
            asked = ", ".join(map(str, chosen))
            raise UserError(t(f"Vuodelta {asked} ei ole kirjanpidon rivejä (vuodet: {', '.join(map(str, years))}).",
                              f"No ledger rows for {asked} (years: {', '.join(map(str, years))})."))
        doc = {"rows": [r for r in doc["rows"] if r["year"] in chosen],
               "totals": [r for r in doc["totals"] if r["year"] in chosen]}
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    if args.csv:
        import pandas as pd

        from desktop.reports.tables import write_csv

        write_csv(pd.DataFrame(doc["rows"]), args.csv)
        print(t(f"Taulukko kirjoitettu: {args.csv}", f"Table written: {args.csv}"))
        return 0
    for r in doc["rows"]:
        label = f"{r['aura_code']} {r['aura_name']}".strip()
        cover = percent_value(r["coverage_pct"], 1)  # '–' without ledger euros or when hidden
        print(f"  {r['year']} {label[:44]:<44} {eur(r['ledger_eur']):>16} {eur(r['event_eur']):>16} {cover:>9}")
    for r in doc["totals"]:
        cover = percent_value(r["coverage_pct"], 1)  # '–' without ledger euros or when hidden
        print(t(f"{r['year']} yhteensä: kirjanpito {eur(r['ledger_eur'])}, tapahtumat {eur(r['event_eur'])}, "
                f"kattavuus {cover}", f"{r['year']} total: ledger {eur(r['ledger_eur'])}, events "
                f"{eur(r['event_eur'])}, coverage {cover}"))
    return 0


def _filtered_reconciliation(store, args) -> dict:
    """`reconciliation_json` of the events the filters select (every year of the events, or --year /
    --years), computed as the Täsmäytys tab does (desktop.services.resources.filtered_reconciliation)."""
    from desktop.analysis import privacy
    from desktop.charts.traffic_lights import filters_subtitle
    from desktop.services import traffic_lights as svc
    from desktop.services.resources import filtered_reconciliation, load_ledger, reconciliation_json

    filters = svc.parse_filters(args.filter)
    chosen = svc.parse_years(args.year, args.years)
    if load_ledger(store).empty:
        raise UserError(t("Projektissa ei ole talouden (kirjanpidon) rivejä: tuo ne ensin (import STORE finance).",
                          "The project has no finance (ledger) rows: import them first (import STORE finance)."))
    data = svc.TrafficLightData(store, years=chosen)
    if not data.years:
        raise UserError(t("Projektissa ei ole palvelutapahtumia.", "The project has no service-use events."))
    years = [y for y in (chosen or data.years) if y in data.years]
    if not years:
        raise UserError(t(f"Vuosilta {', '.join(map(str, chosen))} ei ole tapahtumia.",
                          f"No events for {', '.join(map(str, chosen))}."),
                        [t("Vuodet: ", "Years: ") + ", ".join(map(str, data.years))])
    svc.check_filter_values(data.for_years(years).events, filters)
    exact, shown = filtered_reconciliation(data, years, filters)
    subtitle = filters_subtitle(years, filters)
    if exact.empty:
        raise UserError(t(f"Rajauksen tapahtumille ei ole kohdennettu kirjanpidon euroja ({subtitle}).",
                          f"No ledger euros are allocated to the events of the filters ({subtitle})."))
    if privacy.is_small(sum(exact.attrs.get("clients", {}).get(int(y), 0) for y in years), data.min_group):
        raise UserError(t(f"Rajaus valitsee alle {data.min_group} asiakasta ({subtitle}): täsmäytystä ei näytetä.",
                          f"The filters select fewer than {data.min_group} clients ({subtitle}): the "
                          "reconciliation is not shown."))
    doc = reconciliation_json(store, exact, shown)
    doc["filters"] = {k: list(v) for k, v in filters.items()}
    doc["years"] = years
    if not (args.json or args.csv):
        print(subtitle)
    return doc


def _personnel(store, args) -> int:
    """FTEs, head counts and wages of a year by cost centre, professional group or service (or two of them)."""
    from desktop.charts.numbers import eur, number
    from desktop.services.resources import PERSONNEL_DIMENSIONS, personnel_json

    if args.filter or args.years or args.pdf or args.compare:
        raise UserError(t("Henkilöstötaululle annetaan vain --by, --year ja --json, --csv tai --xlsx.",
                          "The personnel table takes only --by, --year and --json, --csv or --xlsx."))
    by = tuple(d.strip() for d in (args.by or "professional_group").split(",") if d.strip())
    wrong = [d for d in by if d not in PERSONNEL_DIMENSIONS]
    if wrong or not 1 <= len(by) <= 2 or len(set(by)) != len(by) or set(by) == {"cost_centre", "service"}:
        raise UserError(t(f"Henkilöstötaulun jaottelu on yksi näistä: {', '.join(PERSONNEL_DIMENSIONS)}, tai "
                          f"professional_group yhdessä toisen kanssa (annettiin {args.by}).",
                          f"The personnel table is cut by one of: {', '.join(PERSONNEL_DIMENSIONS)}, or by "
                          f"professional_group with one of the others (given {args.by})."))
    doc = personnel_json(store, by, args.year)
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    if args.csv or args.xlsx:
        import pandas as pd

        from desktop.analysis.staff_tables import total_label
        from desktop.reports.tables import write_csv, write_xlsx

        rows = pd.DataFrame([*doc["rows"], *[{**r, **{o: total_label() for o in by if o != d}}
                                             for d, part in doc["totals"].items() for r in part],
                             {**doc["total"], **{d: total_label() for d in by}}])
        if args.csv:
            write_csv(rows, args.csv)
        else:
            write_xlsx({t("Henkilöstö", "Personnel"): rows}, args.xlsx)
        path = args.csv or args.xlsx
        print(t(f"Taulukko kirjoitettu: {path}", f"Table written: {path}"))
        return 0
    for r in [*doc["rows"], {**doc["total"], **{d: t("yhteensä", "total") for d in by}}]:
        label = " / ".join(str(r[d]) or t("kohdentamatta", "not allocated") for d in by)
        wages = "–" if r["wages_eur"] is None else eur(r["wages_eur"])
        print(f"  {label[:50]:<50} {number(r['fte'], 1):>9} htv {number(r['employees']):>7} {wages:>16}")
    return 0


def _traffic_light(store, args) -> int:
    from desktop.services import traffic_light_targets as targets
    from desktop.services import traffic_lights as svc

    collector.loaded()
    by = svc.parse_by(args.by)
    years = svc.parse_years(args.year, args.years)
    filters = svc.parse_filters(args.filter)
    data = svc.TrafficLightData(store, years=svc.years_to_read(store, years))
    result = data.table(by, years, filters)
    if filters:  # a mistyped value (municipality=999) must not give empty figures with exit 0
        svc.check_filter_values(data.for_years(result.years).events, filters)
    if args.json:
        doc = svc.result_json(result)
        doc["targets"] = targets.targets_with_status(data, filters)
        if args.compare:
            doc["comparison"] = _comparison(data, args.compare, result.years, filters)
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    table = svc.display_table(result)
    if args.csv:
        from desktop.reports.tables import write_csv

        write_csv(table, args.csv)
        print(t(f"Taulukko kirjoitettu: {args.csv}", f"Table written: {args.csv}"))
        return 0
    if args.xlsx:
        from desktop.reports.tables import write_xlsx

        write_xlsx({"Liikennevalot": table, "Yhteensä": svc.level_totals_table(result)}, args.xlsx)
        print(t(f"Taulukko kirjoitettu: {args.xlsx}", f"Table written: {args.xlsx}"))
        return 0
    if args.pdf:
        from desktop.reports.pages import write_pdf
        from desktop.reports.traffic_light import traffic_light_pages

        pages = traffic_light_pages(data, result.years, filters, by, targets.targets_with_status(data, filters), result)
        n = write_pdf(args.pdf, pages)
        print(t(f"PDF kirjoitettu: {args.pdf} ({n} sivua).", f"PDF written: {args.pdf} ({n} pages)."))
        return 0
    _print_table(result, table)
    return 0


def _comparison(data, path: str, years, filters) -> dict:
    from desktop.services import traffic_lights as svc
    from desktop.store import open_store

    reference = open_store(path, readonly=True)
    try:
        table = svc.comparison_table(data, svc.TrafficLightData(reference, years=svc.years_to_read(reference, years)),
                                     years, filters)
    finally:
        reference.close()
    rows = [{k: svc._clean(v) for k, v in rec.items()} for rec in table.to_dict("records")]
    return {"store": reference.display, "years": table.attrs["years"], "reference_years": table.attrs["reference_years"],
            "rows": rows}


def _print_table(result, table) -> None:
    """The table as text in the current language: level words and number formats (desktop.charts.numbers)."""
    from desktop.charts.numbers import eur, number
    from desktop.charts.traffic_lights import filters_subtitle, level_name

    print(filters_subtitle(result.years, result.filters))
    dims = list(result.by)
    for rec in table.to_dict("records"):
        label = " / ".join(str(rec[d]) for d in dims)
        print(f"  {label[:48]:<48} {level_name(rec['level']):<16} "
              f"{number(rec['contacts']):>10} {number(rec['clients']):>8} {eur(rec['cost_eur']):>16}")
    from desktop.services.traffic_lights import result_json

    tot = result_json(result)["totals"]  # hidden like the rows when it would give a hidden cell
    contacts, clients, euros = number(tot["contacts"]), number(tot["clients"]), eur(tot["cost_eur"])
    print(t(f"Yhteensä: {contacts} käyntiä, {clients} eri asiakasta, {euros}",
            f"Total: {contacts} contacts, {clients} distinct clients, {euros}"))
