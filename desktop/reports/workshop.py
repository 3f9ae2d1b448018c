"""The workshop report: one PDF with a cover (county, years, data sources, classification version,
date), every traffic-light and segment chart with its table and a generated sentence, the targets,
the reach goals (desktop.reports.network) and the development measures (desktop.reports.measures).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from desktop import APP_NAME, APP_NAME_EN
from desktop.analysis import privacy
from desktop.analysis.segments import population_years, project_clients, segment_sizes
from desktop.charts import segments as segment_charts
from desktop.charts.numbers import number, percent
from desktop.core.errors import UserError
from desktop.core.lang import language, t
from desktop.core.numbers import date as date_text
from desktop.core.progress import NullProgress, Progress
from desktop.reports import measures as measure_pages
from desktop.reports.network import reach_pages
from desktop.reports.pages import PageFrame, ReportPage, write_pdf
from desktop.reports.resources import resource_pages
from desktop.reports.traffic_light import traffic_light_pages
from desktop.services.segments import (
    shown_intersections,
    shown_overlaps,
    shown_projection,
    shown_segment_sizes,
    size_columns,
)
from desktop.services.traffic_light_targets import targets_with_status
from desktop.services.traffic_lights import TrafficLightData
from desktop.store import Store

PROJECTION_HORIZON = 10  # years after the base year shown in the projection chart


def segment_pages(data: TrafficLightData, year: int) -> list[ReportPage]:
    """Sizes, overlaps, intersections and (when a forecast exists) the projection of the segments."""
    m = data.membership
    names = m.names
    pages = []
    sizes = segment_sizes(m, data.population if len(data.population) else None)
    this = sizes[sizes["year"] == year]
    n = data.min_group
    shown_sizes = shown_segment_sizes(m, sizes, year, n)

    def draw_sizes(fig):
        segment_charts.draw_segment_sizes(fig, shown_sizes, year)  # hidden sizes and their complements empty

    table = shown_sizes[size_columns(shown_sizes)]
    live = this[pd.to_numeric(table["persons"], errors="coerce").notna().to_numpy()]
    text = ""
    if len(live) and live["per_1000"].notna().any():
        top = live.loc[live["per_1000"].idxmax()]
        per = number(top["per_1000"], 1)
        text = t(f"Suhteessa väestöönsä suurin segmentti vuonna {year} oli {top['segment']}: "
                 f"{per} asiakasta tuhatta asukasta kohden.",
                 f"Relative to its population the largest segment in {year} was {top['segment']}: "
                 f"{per} clients per 1,000 residents.")
    total = m.total_persons(year)
    persons = number(privacy.shown_count(total, n))
    pages.append(ReportPage(t("Segmenttien koot", "Segment sizes"), draw_sizes, table,
                            (text + " " if text else "") + t(
                                f"Segmentteihin kuului yhteensä {persons} eri henkilöä; jokainen on laskettu kerran.",
                                f"The segments held {persons} distinct persons in all; each is counted once.")))
    overlaps = shown_overlaps(m, year, n)[names].to_numpy(dtype=object)

    def draw_overlaps(fig):
        segment_charts.draw_overlap_matrix(fig, names, overlaps, total)

    pages.append(ReportPage(t("Segmenttien päällekkäisyys", "Segment overlaps"), draw_overlaps, None,
                            t("Henkilö voi kuulua useaan segmenttiin; kokonaismäärässä hänet lasketaan kerran.",
                              "A person can belong to several segments; the total counts each person once.")))
    inter = m.intersections(year)
    shown_inter = shown_intersections(m, year, n)

    def draw_upset(fig):
        segment_charts.draw_upset(fig, names, inter, total, shown=list(shown_inter["persons"]))

    pages.append(ReportPage(t("Suurimmat segmenttiyhdistelmät", "Largest segment combinations"), draw_upset,
                            shown_inter))
    forecast = [y for y in population_years(data.population) if year < y <= year + PROJECTION_HORIZON]
    if forecast and year in population_years(data.population):
        proj = project_clients(m, data.population, year, forecast)
        hidden_now = set(table.loc[table["persons"].map(privacy.is_hidden_mark), "segment"])

        shown_proj = shown_projection(m, proj, n)

        def draw_projection(fig):
            segment_charts.draw_projection(fig, shown_proj, hidden=sorted(hidden_now))

        last = forecast[-1]
        wide = proj[proj["kind"] == "projected"].pivot_table(index="segment", columns="year", values="clients",
                                                             sort=False).reset_index()
        wide.columns = [str(c) for c in wide.columns]
        for col in wide.columns[1:]:
            wide[col] = [privacy.shown_count(round(v), n) for v in wide[col]]
        hidden_now = set(table.loc[table["persons"].map(privacy.is_hidden_mark), "segment"])
        for col in wide.columns[1:]:  # a projection scales this year's count: hidden with it
            wide[col] = wide[col].astype(object)
            wide.loc[wide["segment"].isin(hidden_now), col] = privacy.SECONDARY
        p_last = proj[(proj["kind"] == "projected") & (proj["year"] == last)].set_index("segment")["clients"]
        p_base = proj[(proj["kind"] == "observed") & (proj["year"] == year)].set_index("segment")["clients"]
        changes = (p_last / p_base.where(p_base > 0)).dropna()
        changes = changes[~changes.index.isin(hidden_now)]
        text = ""
        if len(changes):
            seg = changes.sub(1).abs().idxmax()
            change = percent(changes[seg] - 1)
            counts = f"{privacy.shown_count(round(p_base[seg]), n)} → {privacy.shown_count(round(p_last[seg]), n)}"
            text = t(f"Vuoden {year} käyttöasteilla segmentin {seg} asiakasmäärä muuttuisi vuoteen {last} mennessä "
                     f"{change} ({counts}).",
                     f"At the usage rates of {year} the clients of segment {seg} would change by {change} "
                     f"by {last} ({counts}).")
        pages.append(ReportPage(t("Asiakasmäärien ennuste", "Projected clients"), draw_projection, wide, text))
    return pages


def _cover(store: Store, years: list[int]):
    region = store.setting("region_name") or t("Hyvinvointialue", "Wellbeing services county")
    kinds_fi = {"events": "palvelutapahtumat", "population": "väestö", "grid": "väestöruudukko",
                "sites": "palvelupisteet", "travel-times": "matka-ajat", "finance": "talous",
                "staff": "henkilöstö"}
    kinds_en = {"events": "service-use events", "population": "population", "grid": "population grid",
                "sites": "service sites", "travel-times": "travel times", "finance": "finance",
                "staff": "personnel"}
    kinds = kinds_en if language() == "en" else kinds_fi
    sources = [f"{kinds.get(b.kind, b.kind)}: {b.file_name} ({b.imported_at[:10]})" for b in store.batches()]
    from desktop.services.classification import load_versions

    versions = [t(f"{v.name or 'luokitus'} (voimassa {v.valid_from} alkaen)",
                  f"{v.name or 'classification'} (valid from {v.valid_from})") for v in load_versions(store)]
    synthetic = bool(store.setting("synthetic", False))

    def draw(fig):
        fig.text(0.07, 0.82, t("Liikennevalot ja asiakkuussegmentit", "Traffic lights and client segments"),
                 fontsize=24, fontweight="bold")
        fig.text(0.07, 0.75, t("Työpajaraportti", "Workshop report"), fontsize=16)
        fig.text(0.07, 0.66, str(region), fontsize=14)
        period = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
        today = dt.date.today()
        lines = [t(f"Vuodet: {period}", f"Years: {period}"),
                 t("Päivätty: ", "Dated: ") + date_text(today),
                 t("Palveluluokitus: ", "Service classification: ")
                 + ("; ".join(versions) if versions else t("ei tallennettua versiota", "no saved version")),
                 t("Aineistot:", "Data:")] + [f"   {s}" for s in sources[:14]]
        if synthetic:
            lines.append(t("HUOM: synteettinen demoaineisto, ei todellisia henkilöitä.",
                           "NOTE: synthetic demo data, no real persons."))
        lines.append(t("Alle viiden henkilön ryhmät näytetään muodossa <5 (toisiokäyttölaki 552/2019).",
                       "Groups of fewer than five persons are shown as <5 (Secondary Use Act 552/2019)."))
        fig.text(0.07, 0.58, "\n".join(lines), fontsize=10, va="top", linespacing=1.5)

    return draw


def write_workshop_report(store: Store, path: str | os.PathLike, year: int | None = None,
                          progress: Progress | None = None, events: pd.DataFrame | None = None) -> dict:
    """Write the workshop PDF for `year` (default: the latest year with events).
    Returns {'path', 'pages', 'year'}."""
    progress = progress or NullProgress()
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise UserError(t("Työpajaraportti kirjoitetaan PDF-tiedostoon (.pdf).", "The workshop report is a PDF (.pdf)."))
    if not path.parent.exists():
        raise UserError(t(f"Kansiota {path.parent} ei ole.", f"Folder {path.parent} does not exist."))
    progress.report(0, 10, t("Luetaan aineistoa", "Reading the data"))
    data = TrafficLightData(store, events)
    if not data.years:
        raise UserError(t("Projektissa ei ole palvelutapahtumia.", "The project has no service-use events."))
    year = data.years[-1] if year is None else int(year)
    if year not in data.years:
        raise UserError(t(f"Vuodelta {year} ei ole tapahtumia.", f"No events for {year}."),
                        [t("Vuodet: ", "Years: ") + ", ".join(map(str, data.years))])
    targets = targets_with_status(data)
    pages = traffic_light_pages(data, [year], None, ("segment",), targets)
    if targets:
        table = pd.DataFrame(targets)[["segment", "year", "level", "measure", "share", "actual", "status"]]
        table = table.rename(columns={"share": "target"})

        def draw_targets(fig):
            fig.suptitle(t("Tavoitteet ja niiden tila", "Targets and their status"), x=0.01, ha="left", fontsize=12,
                         fontweight="bold")

        met = sum(1 for tg in targets if tg["status"] == "met")
        pages.append(ReportPage(t("Tavoitteet", "Targets"), draw_targets, table,
                                t(f"{met} / {len(targets)} tavoitteesta saavutettu.",
                                  f"{met} / {len(targets)} targets met.")))
    pages.extend(resource_pages(data, [year]))
    pages.extend(segment_pages(data, year))
    pages.extend(reach_pages(store, year))
    pages.extend(measure_pages.workshop_pages(store, year))
    first = data.years[0] if len(data.years) > 1 else year
    region = store.setting("region_name") or t("Hyvinvointialue", "Wellbeing services county")
    frame = PageFrame(t(f"Työpajaraportti · {region}", f"Workshop report · {region}"),
                      synthetic=bool(store.setting("synthetic", False)), date=date_text(dt.date.today()))
    count = write_pdf(path, pages, _cover(store, [y for y in data.years if first <= y <= year]), progress,
                      metadata={"Title": t(f"{APP_NAME}: työpajaraportti", f"{APP_NAME_EN}: workshop report"),
                                "Creator": t(APP_NAME, APP_NAME_EN)}, frame=frame)
    return {"path": str(path), "pages": count, "year": year}
