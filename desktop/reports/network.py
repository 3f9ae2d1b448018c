"""The reach pages of the workshop report: goals against targets with the municipalities that fall
short of each, the curves, the map of the weakest goal (real borders, shortfalls outlined) and the
policy's municipal-centre rules (seed 002) as a checked table."""

from __future__ import annotations

import pandas as pd

from desktop.charts.numbers import number, short
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.reports.pages import ReportPage
from desktop.services.network import (
    build_context,
    centre_requirements,
    list_goals,
    municipal_centres,
    travel_name,
)
from desktop.store import Store


def shortfall_text(result) -> str:
    """'Kinnula 21,0 %, Kyyjärvi 29,0 %' (lowest first) or '–' when no municipality falls short."""
    below = result.below_target()
    return ", ".join(f"{r.name} {number(r.share_pct, 1)} %" for r in below.itertuples(index=False)) or "–"


def goal_table(results: list) -> pd.DataFrame:
    """One row per goal result; the met / travel words in the current language (headers are added by
    the report)."""
    from desktop.charts.reach import verdict

    rows = []
    for r in results:
        rows.append({"goal": r.goal.name, "minutes": r.goal.minutes, "target_pct": r.goal.target_pct,
                     "share_pct": round(r.coverage.share_pct, 1), "met": verdict(r.met),
                     "below": shortfall_text(r),
                     "not_covered": round(r.coverage.not_covered), "no_route": round(r.coverage.no_route),
                     "travel": travel_name(r.travel, r.estimate)})
    return pd.DataFrame(rows)


def summary_text(results: list) -> str:
    """How many goals are met for the county, which is furthest, and the goals met for the county that
    still fail in some municipality."""
    met = sum(r.met for r in results)
    everywhere = sum(r.met and r.below_target().empty for r in results)
    weakest = min(results, key=lambda r: r.coverage.share_pct - r.goal.target_pct)
    share, target = number(weakest.coverage.share_pct, 1), short(weakest.goal.target_pct)
    text = t(f"{met} / {len(results)} saavutettavuustavoitteesta toteutuu koko alueella, {everywhere} / "
             f"{len(results)} jokaisessa kunnassa. Kauimpana tavoitteesta: "
             f"{weakest.goal.name} ({share} %, tavoite {target} %).",
             f"{met} / {len(results)} reach goals are met for the whole county, {everywhere} / {len(results)} in "
             f"every municipality. Furthest from its target: {weakest.goal.name} ({share} %, target {target} %).")
    hidden = [r for r in results if r.met and len(r.below_target())]
    if hidden:
        parts = "; ".join(f"{r.goal.name}: {shortfall_text(r)}" for r in hidden)
        text += t(f" Koko alueella toteutuvista tavoitteista {len(hidden)} jää joissakin kunnissa alle "
                  f"tavoitteen: {parts}.",
                  f" Of the goals met for the whole region, {len(hidden)} fall short in some municipalities: {parts}.")
    if any(r.estimate for r in results):
        text += t(" Osa matka-ajoista on linnuntie-arvioita.", " Some travel times are straight-line estimates.")
    return text


def centre_rule_table(store: Store, sites: pd.DataFrame) -> pd.DataFrame:
    """Seed 002's municipal-centre rules, one row per municipality with ✓ / ✗ per required site."""
    frame = centre_requirements(store, sites)
    mark = {True: "✓", False: "✗"}
    return pd.DataFrame({
        t("Kunta", "Municipality"): frame["name"],
        t("Asukkaita", "Residents"): frame["population"],
        t("Vaadittu koko", "Required size"): frame["required_size"],
        t("Sote-keskus", "Sote centre"): frame["sote_ok"].map(mark),
        t("Hammashoitola", "Dental unit"): frame["dental_ok"].map(mark),
        t("Päivätoimintakeskus", "Day centre"): frame["day_centre_ok"].map(mark),
    })


def draw_centre_rules(fig, table: pd.DataFrame) -> None:
    """The checked table as a grid: a green cell where the rule holds, red where it does not."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    checks = table.columns[3:]
    ok = np.array([[v == "✓" for v in table[c]] for c in checks], dtype=float).T
    ax = fig.add_subplot(111)
    ax.imshow(ok, cmap=ListedColormap(["#d73027", "#1a9850"]), vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(checks)), list(checks), fontsize=8)
    ax.set_yticks(range(len(table)), [f"{n} ({s})" for n, s in zip(table.iloc[:, 0], table.iloc[:, 2], strict=True)],
                  fontsize=7)
    for i in range(ok.shape[0]):
        for j in range(ok.shape[1]):
            ax.text(j, i, "✓" if ok[i, j] else "✗", ha="center", va="center", color="white", fontsize=8)
    fig.subplots_adjust(left=0.3, right=0.97, top=0.95, bottom=0.08)


def reach_pages(store: Store, year: int | None = None) -> list[ReportPage]:
    """The reach pages (empty when the project has no grid: nothing to say)."""
    from desktop.analysis.reach import cumulative_curve
    from desktop.charts.network_map import MapLayers, draw_network_map
    from desktop.charts.reach import CurveData, draw_goal_summary, draw_reach_curve
    from desktop.services.borders import county_borders

    if store.row_count("grid") == 0:
        return []
    context = build_context(store)
    results = []
    for goal in list_goals(store):
        try:
            results.append(context.evaluate(goal))
        except UserError:
            continue
    if not results:
        return []
    table = goal_table(results).rename(columns={
        "goal": t("Tavoite", "Goal"), "minutes": t("Aikaraja min", "Threshold min"),
        "target_pct": t("Tavoite %", "Target %"), "share_pct": t("Kattavuus %", "Coverage %"),
        "met": t("Tila", "Status"), "below": t("Kunnat alle tavoitteen", "Municipalities below target"),
        "not_covered": t("Kattamatta hlö", "Not covered persons"),
        "no_route": t("Ei reittiä hlö", "No route persons"), "travel": t("Matka-ajat", "Travel times")})
    text = summary_text(results)
    weakest = min(results, key=lambda r: r.coverage.share_pct - r.goal.target_pct)
    names = [r.goal.name for r in results]
    shares = [r.coverage.share_pct for r in results]
    targets = [r.goal.target_pct for r in results]
    curves = []
    for r in results:
        minutes, share = cumulative_curve(r.weights, r.nearest.minutes)
        curves.append(CurveData(r.goal.name, minutes, share, r.goal.minutes, r.goal.target_pct,
                                r.coverage.share_pct, r.estimate))
    centres = municipal_centres(store)
    borders = county_borders().for_codes(centres["code"]).around(context.cell_x, context.cell_y)
    below = weakest.below_target()
    layers = MapLayers(context.cell_x, context.cell_y, weakest.nearest.minutes, weakest.weights, weakest.goal.minutes,
                       weakest.sites.assign(state="active"), centres, weakest.goal.name, weakest.estimate,
                       {c: b.rings() for c, b in borders.municipalities.items()},
                       borders.region.rings() if borders.region is not None else None,
                       dict(zip(below["municipality"], below["name"], strict=True)),
                       t("Kuntarajat: Maanmittauslaitos 2023 (CC BY 4.0)",
                         "Borders: National Land Survey of Finland 2023 (CC BY 4.0)") if borders.municipalities else "")
    muni = weakest.by_municipality.rename(columns={
        "municipality": t("Kunta", "Municipality"), "name": t("Nimi", "Name"),
        "population": t("Kohdeväestö", "Target population"), "covered": t("Katettu", "Covered"),
        "no_route": t("Ei reittiä", "No route"), "share_pct": t("Kattavuus %", "Coverage %")}).round(1)
    pages = [
        ReportPage(t("Palveluverkon saavutettavuustavoitteet", "Reach goals of the service network"),
                   lambda fig: draw_goal_summary(fig, names, shares, targets), table, text),
        ReportPage(t("Saavutettavuus matka-ajan mukaan", "Reach by travel time"),
                   lambda fig: draw_reach_curve(fig, curves), None,
                   t("Osuus kohdeväestöstä, joka saavuttaa lähimmän toimipisteen kussakin ajassa; katkoviiva = "
                     "aikaraja, pisteviiva = tavoite.",
                     "Share of the target population that reaches the nearest site within each time; dashed line = "
                     "threshold, dotted line = target.")),
        ReportPage(t(f"Kartta: {weakest.goal.name}", f"Map: {weakest.goal.name}"),
                   lambda fig: draw_network_map(fig, layers), muni,
                   t("Ruudut matka-ajan mukaan lähimpään toimipisteeseen; ristit = asukkaita, joita ei kateta; "
                     "punainen raja = kunta alle tavoitteen.",
                     "Cells by travel time to the nearest site; crosses = residents not covered; red border = "
                     "municipality below the target.")),
    ]
    if len(centres):
        rules = centre_rule_table(store, context.sites)
        failing = int((rules.iloc[:, 3:] == "✗").any(axis=1).sum())
        pages.append(ReportPage(
            t("Kuntakeskusten vähimmäispalvelut", "Minimum services of the municipal centres"),
            lambda fig: draw_centre_rules(fig, rules), rules,
            t(f"Linjaus: alle 5 000 asukkaan kuntakeskuksessa vähintään S-koon, yli 5 000 asukkaan keskuksessa M-koon "
              f"sote-keskus ja hammashoitola, jokaisessa päivätoimintakeskus. {len(rules) - failing} / {len(rules)} "
              "kuntaa täyttää kaikki.",
              f"Policy: a centre under 5,000 residents has at least an S-size, over 5,000 an M-size sote centre and "
              f"dental unit, and every centre a day centre. {len(rules) - failing} / {len(rules)} municipalities "
              "meet all.")))
    return pages
