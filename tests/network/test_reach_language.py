"""Reach texts in the current language: the chart figures and map band labels with a decimal comma in
Finnish ('87,5 %', '0–7,5 min') and a decimal point in English; the reach pages of the workshop report
(titles, sentences, table headers and words) in English when the language is English."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from desktop.charts import network_map, reach
from desktop.reports.figures import new_figure
from desktop.reports.network import reach_pages
from desktop.reports.pages import A4_LANDSCAPE, render_page

FINNISH_WORDS = ("Palveluverkon", "saavutettavuustavoitteet", "saavutettavuustavoitteesta", "Saavutettavuus",
                 "matka-ajan", "mukaan", "Kartta", "Tavoite", "Aikaraja", "Kattavuus", "Tila", "Kattamatta", "hlö",
                 "reittiä", "Matka-ajat", "Kunta", "Nimi", "Kohdeväestö", "Katettu", "toteutuu", "toteudu",
                 "tavoite", "Kauimpana", "tavoitteesta", "kohdeväestöstä", "katkoviiva", "pisteviiva", "Ruudut",
                 "ristit", "asukkaita", "kateta", "matka-aikamatriisi", "tieverkko", "linnuntie-arvio", "osin",
                 "arvio", "Osa", "matka-ajoista", "linnuntie-arvioita", "ei", "Kunnat", "alle", "kunta", "Asukkaita",
                 "Vaadittu", "koko", "Päivätoimintakeskus", "Linjaus", "kuntaa", "täyttää", "punainen", "raja")
FINNISH_RE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, FINNISH_WORDS)) + r")(?!\w)", re.IGNORECASE)
DATA_NAMES = ("S-koon sote-keskus 30 min", "M-koon sote-keskus 60 min", "Ikäihmisten asumisyksikkö 30 min (65+)",
              "Hammashoitola 30 min", "Vuodeosasto 60 min", "Päivätoimintakeskus 60 min", "Jyväskylä", "Muurame",
              "sote-keskus", "hammashoitola", "Asema", "Berg", "Hammas")


def texts_of(fig) -> list[str]:
    fig.canvas.draw()
    artists = list(fig.findobj(Text))
    for ax in fig.axes:
        if ax.get_legend() is not None:
            artists += ax.get_legend().get_texts()
    return [a.get_text() for a in artists if a.get_text()]


def draw_reach(fig_size=(10, 6)):
    minutes = np.array([0.0, 5.0, 12.5, 25.0, 40.0])
    curves = [reach.CurveData("S-koon sote-keskus 30 min", minutes, np.array([0.0, 20.0, 55.0, 87.5, 92.0]), 22.5,
                              92.5, 87.5)]
    fig = Figure(figsize=fig_size)
    FigureCanvasAgg(fig)
    reach.draw_reach_curve(fig, curves)
    curve = texts_of(fig)
    fig = Figure(figsize=fig_size)
    FigureCanvasAgg(fig)
    reach.draw_goal_summary(fig, ["S-koon sote-keskus 30 min"], [87.5], [92.5])
    summary = texts_of(fig)
    xs, ys = np.meshgrid(np.arange(2) * 1000.0, np.arange(2) * 1000.0)
    layers = network_map.MapLayers(xs.ravel(), ys.ravel(), np.array([1.0, 9.0, 31.0, np.nan]), np.ones(4), 30.0,
                                   pd.DataFrame({"x": [0.0], "y": [0.0], "type": ["sote-keskus"], "size": ["M"]}))
    fig = Figure(figsize=fig_size)
    FigureCanvasAgg(fig)
    network_map.draw_network_map(fig, layers)
    return curve, summary, texts_of(fig)


def test_reach_figures_and_map_bands_have_a_decimal_comma_in_finnish(finnish):
    curve, summary, legend = draw_reach()
    assert "87,5 % (ei toteudu)" in curve and "tavoite 92,5 %" in curve and " 22,5 min" in curve
    assert "87,5 % (ei toteudu)" in summary
    assert {"0–7,5 min", "7,5–15 min", "22,5–30 min (raja)", "30–45 min", "> 60 min"} <= set(legend)
    assert not [text for text in curve + summary + legend if re.search(r"\d\.\d", text)]


def test_reach_figures_and_map_bands_have_a_decimal_point_in_english(english):
    curve, summary, legend = draw_reach()
    assert "87.5 % (not met)" in curve and "target 92.5 %" in curve and " 22.5 min" in curve
    assert {"0–7.5 min", "7.5–15 min", "22.5–30 min (threshold)", "> 60 min"} <= set(legend)
    assert not [text for text in curve + summary + legend if re.search(r"\d,\d", text)]


def page_texts(page) -> list[str]:
    fig = new_figure(*A4_LANDSCAPE)
    render_page(fig, page)
    return [page.title, page.text, *texts_of(fig)]


def without_data(text: str) -> str:
    for name in DATA_NAMES:
        text = text.replace(name, " ")
    return text


def test_reach_workshop_pages_in_english(tiny, english):
    pages = reach_pages(tiny, 2024)
    assert [p.title for p in pages] == ["Reach goals of the service network", "Reach by travel time",
                                        f"Map: {pages[2].title[5:]}", "Minimum services of the municipal centres"]
    assert list(pages[3].table.columns) == ["Municipality", "Residents", "Required size", "Sote centre", "Dental unit",
                                            "Day centre"]
    assert "Municipalities below target" in pages[0].table.columns
    table = pages[0].table.set_index("Goal")
    assert table.loc["S-koon sote-keskus 30 min", "Coverage %"] == 60.0
    assert table.loc["S-koon sote-keskus 30 min", "Status"] == "not met"
    assert set(table["Travel times"]) <= {"travel-time matrix", "travel-time matrix (partly estimated)"}
    assert re.match(r"\d+ / \d+ reach goals are met for the whole county, \d+ / \d+ in every municipality\. "
                    r"Furthest from its target: .+ \(\d+(\.\d)? %, target \d+ %\)\.",
                    pages[0].text)
    assert list(pages[2].table.columns) == ["Municipality", "Name", "Target population", "Covered", "No route",
                                            "Coverage %"]
    for page in pages:
        texts = [without_data(text) for text in page_texts(page)]
        assert [(text, FINNISH_RE.findall(text)) for text in texts if FINNISH_RE.search(text)] == []
        assert [text for text in texts if re.search(r"\d,\d{1,2}(?!\d)", text)] == []


def test_reach_workshop_pages_in_finnish(tiny, finnish):
    pages = reach_pages(tiny, 2024)
    assert [p.title for p in pages][:2] == ["Palveluverkon saavutettavuustavoitteet", "Saavutettavuus matka-ajan mukaan"]
    assert pages[2].title.startswith("Kartta: ")
    assert list(pages[0].table.columns) == ["Tavoite", "Aikaraja min", "Tavoite %", "Kattavuus %", "Tila",
                                            "Kunnat alle tavoitteen", "Kattamatta hlö", "Ei reittiä hlö", "Matka-ajat"]
    assert re.match(r"\d+ / \d+ saavutettavuustavoitteesta toteutuu koko alueella, \d+ / \d+ jokaisessa kunnassa\. "
                    r"Kauimpana tavoitteesta: .+ "
                    r"\(\d+(,\d)? %, tavoite \d+ %\)\.", pages[0].text)
    assert "Kattavuus %" in page_texts(pages[0])
