"""The traffic-light report pages: each chart of the Liikennevalot page with its table and a
generated sentence. Used by `report STORE traffic-light --pdf`, the workshop report and the page.
Titles, sentences and figures follow desktop.core.lang (Finnish first, English second)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from desktop.analysis import privacy
from desktop.analysis.disclosure import RESOURCE_FIGURES, hide_rows
from desktop.analysis.traffic_light_cuts import LEVEL_ORDER
from desktop.analysis.traffic_lights import (
    TrafficLightResult,
    filter_bases,
    level_shares,
    selection_residents,
)
from desktop.charts import traffic_lights as charts
from desktop.charts.numbers import eur, percent
from desktop.core.lang import language, t
from desktop.core.segments import PopulationBase
from desktop.reports.pages import ReportPage
from desktop.services.traffic_lights import (
    TrafficLightData,
    display_table,
    group_totals_table,
    hidden_cells,
    resource_hidden,
    suppression,
)

MEASURE_ELATIVE_FI = {"cost_eur": "euroista", "clients": "asiakkaista", "contacts": "käynneistä ja kontakteista",
                      "fte": "henkilötyövuosista", "ledger_eur": "kirjanpidon euroista"}
MEASURE_OF_EN = {"cost_eur": "euros", "clients": "clients", "contacts": "visits and contacts", "fte": "FTEs",
                 "ledger_eur": "ledger euros"}
RATIOS = ("contacts_per_fte", "eur_per_contact")


def _percent_from(share: float, decimals: int = 0) -> str:
    return f"{percent(share, decimals)}:sta"


def _percent_to(share: float, decimals: int = 0) -> str:
    return f"{percent(share, decimals)}:iin"


# ------------------------------------------------------------------------------ central picture
def central_table(result: TrafficLightResult, measure: str, dim: str | None = None) -> tuple[pd.DataFrame, dict, dict]:
    """Shares per group of `dim` (default: the first dimension), the hidden cells ("<5" or ".."), and
    the figure at each row end. A hidden cell's share is not shown on its own: the hidden cells of a
    row are drawn together as one grey part (`share_hidden`), and their level columns are NaN."""
    dim = dim or result.by[0]
    shares = level_shares(result, measure, dim)
    hidden = hidden_cells(result, dim)
    shares["share_hidden"] = 0.0
    for (group, level), _mark in hidden.items():
        at = shares.index[shares[dim].astype(str) == group]
        shares.loc[at, "share_hidden"] += shares.loc[at, f"share_{level}"]
        shares.loc[at, f"share_{level}"] = 0.0
        shares.loc[at, level] = np.nan
    totals: dict = {}
    if result.group_totals is not None and len(result.by) == 1:
        for rec in group_totals_table(result).to_dict("records"):
            persons = rec["clients"]
            value = rec[measure] if measure != "clients" else persons
            totals[str(rec[dim])] = persons if privacy.is_hidden_mark(persons) else value
        if measure in RESOURCE_FIGURES:  # a group's FTEs / ledger euros hidden: its shares would give them back
            groups = result.group_totals[dim].astype(str).to_numpy()[resource_hidden(result).groups]
            for group in groups:
                at = shares.index[shares[dim].astype(str) == group]
                if not len(at) or not float(shares.loc[at, "total"].iloc[0]) > 0:
                    continue
                shares.loc[at, "share_hidden"] = 1.0
                for level in LEVEL_ORDER:
                    if float(shares.loc[at, level].fillna(0.0).iloc[0]) > 0:
                        hidden.setdefault((group, level), privacy.SECONDARY)
                    shares.loc[at, f"share_{level}"] = 0.0
                    shares.loc[at, level] = np.nan
                totals[group] = privacy.SECONDARY
    return shares, hidden, totals


def central_sentence(shares: pd.DataFrame, measure: str, years: Sequence[int]) -> str:
    dim = shares.columns[0]
    live = shares[shares["total"] > 0]
    if live.empty:
        return t("Valinnalla ei ole tapahtumia.", "The selection has no events.")
    best = live.loc[live["share_green"].idxmax()]
    worst = live.loc[live["share_red"].idxmax()]
    period = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    green, red = percent(best["share_green"]), percent(worst["share_red"])
    return t(
        f"Vihreiden palveluiden osuus {MEASURE_ELATIVE_FI.get(measure, measure)} oli {period} suurin: "
        f"{best[dim]} ({green}); punaisten osuus oli suurin: {worst[dim]} ({red}).",
        f"In {period} the green share of {MEASURE_OF_EN.get(measure, measure)} was largest for {best[dim]} "
        f"({green}); the red share was largest for {worst[dim]} ({red}).",
    )


def central_page(data: TrafficLightData, years, filters=None, measure: str = "cost_eur",
                 dim: str = "segment", result: TrafficLightResult | None = None) -> ReportPage:
    result = result or data.table((dim,), years, filters)
    # the chart needs persons counted once per bar: cut by `dim` alone when the table has more dims
    chart_result = result if result.by == (dim,) else data.table((dim,), years, filters)
    shares, small, totals = central_table(chart_result, measure, dim)
    subtitle = charts.filters_subtitle(result.years, result.filters)

    def draw(fig):
        charts.draw_level_bars(fig, shares, measure, subtitle=subtitle, small=small, row_totals=totals)

    title = t(f"Liikennevalojakauma: {charts.measure_name(measure)}",
              f"Traffic-light distribution: {charts.measure_name(measure)}")
    return ReportPage(title, draw, display_table(result), central_sentence(shares, measure, result.years))


# ------------------------------------------------------------------------------ year over year
def shift_sentence(before: pd.DataFrame, after: pd.DataFrame, year_a: int, year_b: int, measure: str) -> str:
    dim = after.columns[0]
    b = before.set_index(dim)
    best = None
    for rec in after.to_dict("records"):
        if rec[dim] not in b.index or rec["total"] <= 0:
            continue
        change = rec["share_green"] - float(b.loc[rec[dim], "share_green"])
        if change != change:  # a hidden share (NaN) in either year
            continue
        if best is None or abs(change) > abs(best[1]):
            best = (rec, change)
    if best is None:
        return t(f"Vuosia {year_a} ja {year_b} ei voi verrata: toiselta vuodelta ei ole tapahtumia.",
                 f"{year_a} and {year_b} cannot be compared: one of the years has no events.")
    rec, change = best
    old = float(b.loc[rec[dim], "share_green"])
    decimals = 0 if round(100 * old) != round(100 * rec["share_green"]) else 1
    verb = "nousi" if change > 0.0005 else "laski" if change < -0.0005 else "pysyi"
    of_fi, of_en = MEASURE_ELATIVE_FI.get(measure, measure), MEASURE_OF_EN.get(measure, measure)
    if verb == "pysyi":
        return t(f"Vihreän osuus {of_fi} pysyi ennallaan kaikissa ryhmissä ({year_a}–{year_b}).",
                 f"The green share of {of_en} stayed the same in every group ({year_a}–{year_b}).")
    if language() == "en":
        verb_en = "rose" if verb == "nousi" else "fell"
        return (f"The green share of {of_en} ({rec[dim]}) {verb_en} from {percent(old, decimals)} to "
                f"{percent(rec['share_green'], decimals)} ({year_a}–{year_b}).")
    return (f"Vihreän osuus {of_fi} ({rec[dim]}) {verb} "
            f"{_percent_from(old, decimals)} {_percent_to(rec['share_green'], decimals)} ({year_a}–{year_b}).")


def _shown_shares(result: TrafficLightResult, measure: str, dim: str) -> pd.DataFrame:
    """`level_shares` with the shares of hidden cells NaN (a share and a shown total give the cell)."""
    shares = level_shares(result, measure, dim)
    for (group, level), _mark in hidden_cells(result, dim).items():
        at = shares.index[shares[dim].astype(str) == group]
        shares.loc[at, [level, f"share_{level}"]] = np.nan
    if measure in RESOURCE_FIGURES and result.group_totals is not None:  # a group's FTEs over a hidden cell:
        groups = result.group_totals[dim].astype(str).to_numpy()[resource_hidden(result).groups]  # no share
        at = shares[dim].astype(str).isin(set(groups)).to_numpy()
        shares.loc[at, [*LEVEL_ORDER, *(f"share_{lv}" for lv in LEVEL_ORDER)]] = np.nan
    return shares


def shift_page(data: TrafficLightData, year_a: int, year_b: int, filters=None, measure: str = "cost_eur",
               targets: Sequence[dict] | None = None) -> ReportPage:
    before = _shown_shares(data.table(("segment",), [year_a], filters), measure, "segment")
    after = _shown_shares(data.table(("segment",), [year_b], filters), measure, "segment")
    subtitle = charts.filters_subtitle([year_a, year_b], filters)

    def draw(fig):
        charts.draw_level_shift(fig, before, after, year_a, year_b, measure, targets, subtitle)

    table = after[["segment", "share_green", "share_yellow", "share_red"]].copy()
    b = before.set_index("segment")
    for level in ("green", "yellow", "red"):
        table[f"{level}_{year_a}"] = [float(b.loc[s, f"share_{level}"]) if s in b.index else np.nan
                                      for s in table["segment"]]
    table = table.rename(columns={f"share_{lv}": f"{lv}_{year_b}" for lv in ("green", "yellow", "red")})
    table = table[["segment"] + [f"{lv}_{y}" for lv in ("green", "yellow", "red") for y in (year_a, year_b)]]
    # the shares are shown as percentages in the PDF table
    table.columns = ["segment"] + [f"share_{lv}_{y}" for lv in ("green", "yellow", "red") for y in (year_a, year_b)]
    return ReportPage(t(f"Painopisteen siirtymä {year_a}–{year_b}", f"Shift of emphasis {year_a}–{year_b}"), draw, table,
                      shift_sentence(before, after, year_a, year_b, measure))


# ------------------------------------------------------------------------------ structure, pareto, municipalities
HIDDEN_GROUP = ("piilotettu", "hidden")


def _merge_hidden(table: pd.DataFrame, hidden: np.ndarray, dim: str, measures: Sequence[str]) -> pd.DataFrame:
    """For a chart: the shown groups and one 'hidden' group holding the sum of the hidden ones (two or
    more, or a total that is hidden too), so no hidden group is drawn on its own."""
    shown = table.loc[~hidden].copy()
    if hidden.any():
        extra = {dim: t(*HIDDEN_GROUP), **{m: float(pd.to_numeric(table.loc[hidden, m]).sum()) for m in measures}}
        shown = pd.concat([shown, pd.DataFrame([extra])], ignore_index=True)
    return shown


def structure_page(data: TrafficLightData, years, filters=None) -> ReportPage:
    result = data.table(("structure",), years, filters)
    supp = suppression(result).groups
    extra = [c for c in ("ledger_eur", "fte", *RATIOS) if c in result.group_totals.columns]
    cols = ["structure", "cost_eur", "contacts", "clients", *extra]
    raw = result.group_totals[cols].reset_index(drop=True)
    hidden = supp.hidden if supp is not None else np.zeros(len(raw), dtype=bool)
    chart = _merge_hidden(raw, hidden, "structure", ("cost_eur", "contacts", "clients",
                                                     *(c for c in extra if c not in RATIOS)))
    if extra and resource_hidden(result).groups.any():  # a group's FTEs / ledger euros hidden: none drawn
        chart = chart.drop(columns=extra)
    subtitle = charts.filters_subtitle(result.years, result.filters)

    def draw(fig):
        charts.draw_structure(fig, chart, subtitle)

    total = float(chart["cost_eur"].sum())
    parts = []
    for rec in chart.to_dict("records"):
        share = rec["cost_eur"] / total if total else 0.0
        parts.append(f"{charts.structure_name(rec['structure'])} {percent(share)}")
    lead = t("Eurot jakautuivat palvelurakenteen mukaan: ", "Euros by service structure: ")
    text = lead + ", ".join(parts) + "." if parts else ""
    if "fte" in chart and float(chart["fte"].sum()) > 0:
        fte_total = float(chart["fte"].sum())
        fte_parts = [f"{charts.structure_name(r['structure'])} {percent(r['fte'] / fte_total)}"
                     for r in chart.to_dict("records")]
        text += " " + t("Henkilötyövuodet: ", "FTEs: ") + ", ".join(fte_parts) + "."
    shown = group_totals_table(result)[cols]
    return ReportPage(t("Palvelurakenne", "Service structure"), draw, shown, text)


def pareto_page(data: TrafficLightData, years, filters=None, measure: str = "cost_eur", top: int = 15) -> ReportPage:
    result = data.table(("service",), years, filters)
    groups = result.group_totals.reset_index(drop=True)
    supp = suppression(result).groups
    hidden_services = set(groups.loc[supp.hidden, "service"].astype(str)) if supp is not None else set()
    if measure in RESOURCE_FIGURES and supp is not None:  # a service's FTEs / euros over a hidden cell (of a year)
        hidden_services |= set(groups.loc[resource_hidden(result).groups, "service"].astype(str))
    pareto = charts.pareto_table(groups, "service", measure, top)
    marks = group_totals_table(result).set_index("service")
    table = pareto.assign(clients=[marks["clients"].get(s, 0) for s in pareto["service"]])
    for col in ("fte", "ledger_eur", *RATIOS):
        if col in marks.columns and col != measure:
            table[col] = [marks[col].get(s, float("nan")) for s in pareto["service"]]
    hide = table["service"].astype(str).isin(hidden_services).to_numpy()
    if hide.any():  # a hidden service's figure, share and every cumulative share from it on are not shown
        for col in (measure, "share"):
            table[col] = table[col].astype(object)
            table.loc[hide, col] = None
        table["cumulative"] = table["cumulative"].astype(object)
        table.loc[int(np.flatnonzero(hide)[0]):, "cumulative"] = None
    chart = table.assign(**{measure: pd.to_numeric(table[measure]).fillna(0.0),
                            "cumulative": pd.to_numeric(table["cumulative"])})
    levels = pareto_levels(result, chart, measure, hide)
    subtitle = charts.filters_subtitle(result.years, result.filters)

    def draw(fig):
        charts.draw_pareto(fig, chart, measure, subtitle, levels)

    cumulative = pd.to_numeric(table["cumulative"])
    n80 = int((cumulative < 0.8).sum()) + 1 if cumulative.notna().any() else 0
    text = ""
    if len(table) and not hide[0] and n80 and cumulative.notna().iloc[min(n80, len(table)) - 1]:
        n = min(n80, len(table))
        first, covered = percent(table["share"].iloc[0]), percent(cumulative.iloc[n - 1])
        text = t(f"Suurin palvelu oli {table['service'].iloc[0]} ({first} "
                 f"{MEASURE_ELATIVE_FI.get(measure, measure)}); {n} suurinta palvelua kattoi {covered}.",
                 f"The largest service was {table['service'].iloc[0]} ({first} of "
                 f"{MEASURE_OF_EN.get(measure, measure)}); the {n} largest services covered {covered}.")
    return ReportPage(t("Suurimmat palvelut", "Largest services"), draw, table, text)


def pareto_levels(result: TrafficLightResult, chart: pd.DataFrame, measure: str, hidden_rows: np.ndarray
                  ) -> pd.DataFrame | None:
    """The Pareto bars split by level: per service of `chart`, the measure of each level; the level
    cells hidden for privacy summed into 'hidden', a hidden service (`hidden_rows`) all zero."""
    rows = result.rows
    dim = chart.columns[0]
    if measure not in rows.columns or not len(rows):
        return None
    pivot = rows.pivot_table(index=dim, columns="level", values=measure, aggfunc="sum", observed=False).fillna(0.0)
    names = chart[dim].astype(str)
    pivot.index = pivot.index.astype(str)
    out = pd.DataFrame({level: [float(pivot.loc[n, level]) if n in pivot.index and level in pivot.columns else 0.0
                                for n in names] for level in charts.LEVELS})
    out["hidden"] = 0.0
    for (group, level), _mark in hidden_cells(result, dim).items():
        at = (names == group).to_numpy()
        if level in out.columns:
            out.loc[at, "hidden"] += out.loc[at, level]
            out.loc[at, level] = 0.0
    out.loc[np.asarray(hidden_rows, dtype=bool)] = 0.0
    return out


def municipality_table(data: TrafficLightData, years, filters=None) -> pd.DataFrame:
    """Per municipality: €/resident, €/client, clients and the green / yellow / red shares of euros;
    a hidden municipality (small, or its complement) shows none of them."""
    result = data.table(("municipality",), years, filters)
    shares = level_shares(result, "cost_eur", "municipality").set_index("municipality")
    groups = result.group_totals.reset_index(drop=True).set_index("municipality")
    res = {}
    for muni in groups.index:
        residents = selection_residents(data.population_index, result.years,
                                        filter_bases(result.filters or {}, data.membership),
                                        PopulationBase(municipalities=(str(muni),)))
        res[muni] = groups.loc[muni, "cost_eur"] / residents if residents and residents == residents else np.nan
    table = pd.DataFrame({
        "municipality": groups.index,
        "eur_per_resident": [res[m] for m in groups.index],
        "eur_per_client": (groups["cost_eur"] / groups["clients"].clip(lower=1)).to_numpy(),
        "clients": groups["clients"].to_numpy(),
        "share_green": [shares.loc[m, "share_green"] for m in groups.index],
        "share_yellow": [shares.loc[m, "share_yellow"] for m in groups.index],
        "share_red": [shares.loc[m, "share_red"] for m in groups.index],
    })
    supp = suppression(result).groups
    if supp is not None:
        table = hide_rows(table, supp, result.min_group, privacy.PERSON_COLUMNS,
                          ("eur_per_resident", "eur_per_client", "share_green", "share_yellow", "share_red"))
        # a shown municipality's share of a hidden level cell would give that cell with €/resident
        for (muni, level), _mark in hidden_cells(result, "municipality").items():
            if level != "unclassified":
                table[f"share_{level}"] = table[f"share_{level}"].astype(object)
                table.loc[table["municipality"].astype(str) == muni, f"share_{level}"] = None
    names = municipality_names(data.store)
    table["municipality"] = [f"{m} {names[m]}" if m in names else m for m in table["municipality"]]
    return table.sort_values("municipality").reset_index(drop=True)


def municipality_names(store) -> dict[str, str]:
    """Municipality code -> name from the store's reference table (empty when not loaded)."""
    from sqlalchemy import select

    from desktop.store.tables.imports import municipality

    with store.read() as conn:
        return {c: n for c, n in conn.execute(select(municipality.c.code, municipality.c.name))}


def municipality_page(data: TrafficLightData, years, filters=None) -> ReportPage:
    table = municipality_table(data, years, filters)
    subtitle = charts.filters_subtitle(years or data.years[-1:], filters)

    def draw(fig):
        charts.draw_heat_table(fig, table, ["eur_per_resident", "eur_per_client", "share_green", "share_yellow",
                                            "share_red"],
                               [charts.measure_name("eur_per_resident"), charts.measure_name("eur_per_client"),
                                *(charts.level_name(level) for level in ("green", "yellow", "red"))],
                               ["eur", "eur", "percent", "percent", "percent"],
                               t("Kunnat rinnakkain: €/asukas ja tasojen osuudet euroista",
                                 "Municipalities side by side: €/resident and the levels' shares of euros"), subtitle,
                               [("municipality", str(m).split(" ", 1)[0]) for m in table["municipality"]])

    known = table[pd.to_numeric(table["eur_per_resident"], errors="coerce").notna()]
    text = ""
    if len(known):
        values = pd.to_numeric(known["eur_per_resident"])
        hi, lo = known.loc[values.idxmax()], known.loc[values.idxmin()]
        most, least = eur(hi["eur_per_resident"]), eur(lo["eur_per_resident"])
        text = t(f"Euroja asukasta kohden kului eniten kunnassa {hi['municipality']} ({most}) ja vähiten "
                 f"kunnassa {lo['municipality']} ({least}).",
                 f"Euros per resident were highest in {hi['municipality']} ({most}) and lowest in "
                 f"{lo['municipality']} ({least}).")
    return ReportPage(t("Kunnat rinnakkain", "Municipalities side by side"), draw, table, text)


def traffic_light_pages(data: TrafficLightData, years=None, filters=None, by: Sequence[str] = ("segment",),
                        targets: Sequence[dict] | None = None, result: TrafficLightResult | None = None
                        ) -> list[ReportPage]:
    """Every chart of the traffic-light page for the selection. `result` (the table asked for, cut by
    all of `by`) is the table of the first page; the charts are cut by the first dimension."""
    years = list(years) if years else data.years[-1:]
    dim = by[0] if by else "segment"
    measures = ("cost_eur", "clients", "contacts", *(m for m in ("fte", "ledger_eur") if m in data.resource_measures))
    pages = [central_page(data, years, filters, m, dim, result=result if i == 0 else None)
             for i, m in enumerate(measures)]
    shift_years = [y for y in data.years if y <= years[-1]]
    if len(shift_years) >= 2:
        first = years[0] if len(years) > 1 else shift_years[-2]
        pages.append(shift_page(data, first, years[-1], filters, "cost_eur", targets))
    pages.append(structure_page(data, years, filters))
    pages.append(pareto_page(data, years, filters))
    if "municipality" not in (filters or {}) or len((filters or {}).get("municipality", ())) > 1:
        pages.append(municipality_page(data, years, filters))
    return pages

