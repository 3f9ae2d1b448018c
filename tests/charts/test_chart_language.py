"""Every chart of desktop.charts speaks the language of desktop.core.lang: in English no fixed Finnish
word and no Finnish number format (decimal comma, space as thousands separator) shows in any text the
figure draws (titles, axis labels, tick labels, legends, texts in the plot); in Finnish the Finnish texts
and the decimal comma are still there. Data values (segment, service, place and site-type names) are
not vocabulary and stay as they are in both languages."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from desktop.charts import measures as measure_charts
from desktop.charts import network_map, reach
from desktop.charts import segments as segment_charts
from desktop.charts import traffic_lights as tl_charts
from desktop.charts.numbers import eur, number, percent
from desktop.core.measures import FocusArea, Goal, Measure, Month, Tracker

#: the Finnish words of the charts' fixed texts (whole words, any case): titles, axis labels, legends,
#: level / measure / structure names, subtitles, rating words and month names
FINNISH_WORDS = (
    "vihreä", "keltainen", "punainen", "luokittelematon", "käynnit", "kontaktit", "asiakkaat", "eurot",
    "suoritteet", "€/asukas", "€/asiakas", "ehkäisevät", "avopalvelut", "asumispalvelut", "laitospalvelut",
    "Liikennevalojakauma", "Painopisteen", "siirtymä", "tavoite", "Palvelurakenne", "Suurimmat", "palvelut",
    "kertymä", "ylempi", "alempi", "viivoitettu", "Vuosi", "Vuodet", "kunta", "sukupuoli", "ikäryhmä",
    "Segmenttien", "koot", "henkilöt", "osuus", "väestöstä", "päällekkäisyys", "molemmissa", "Yhteensä", "eri",
    "henkilöä", "jokainen", "kerran", "yhdistelmät", "Asiakasmäärien", "ennuste", "katkoviiva", "as.", "ja",
    "ei", "tai", "toteutuu", "toteudu", "kohdeväestöstä", "matka-aika", "arvio", "linnuntie", "reittiä",
    "asukkaita", "katettu", "suljettu", "lisätty", "raja", "Kärki", "arvioitu", "käytössä", "toimenpiteitä",
    "Kuukautena", "aloitettu", "suunnitellaan", "kuvattu", "pilotoidaan", "huhti", "loka", "arviot",
    "Kehittämistoimenpiteiden", "kuukausittain", "hyötytavoitteittain", "kärjittäin",
)
FINNISH_RE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, FINNISH_WORDS)) + r")(?!\w)", re.IGNORECASE)
DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?!\d)")  # '12,5' (an English thousands group has three digits)
SPACE_THOUSANDS = re.compile(r"\d[\u00a0 ]\d{3}(?!\d)")  # '1 234' with a (no-break) space
DATA_NAMES = ("Lapsiperheet", "Iäkkäät", "Kotihoito", "Jyväskylä", "sote-keskus")  # data: never translated


def finnish_words(text: str) -> list[str]:
    return FINNISH_RE.findall(text or "")


def test_finnish_word_check_finds_whole_words_only():
    assert finnish_words("Liikennevalojakauma: eurot") == ["Liikennevalojakauma", "eurot"]
    assert finnish_words("12 / 1 000 as.)") == ["as."]
    assert finnish_words("as seen; the tavoitteet; Lapsiperheet") == []
    assert DECIMAL_COMMA.search("12,5 %") and not DECIMAL_COMMA.search("1,234 and 1,234,567")
    assert SPACE_THOUSANDS.search("1\u00a0234\u00a0€") and not SPACE_THOUSANDS.search("Apr 2021, 30 min")


def figure(size=(10, 6)) -> Figure:
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    return fig


def chart_texts(fig: Figure) -> list[str]:
    """Every non-empty text the figure draws: Text artists, legend texts and tick labels (tick labels
    of a formatter only exist after a draw)."""
    fig.canvas.draw()
    artists = list(fig.findobj(Text))
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    for legend in legends:
        artists += legend.get_texts()
    for ax in fig.axes:
        artists += ax.get_xticklabels() + ax.get_yticklabels()
    return [a.get_text() for a in artists if a.get_text()]


def assert_english(drawn: dict[str, list[str]]) -> None:
    """No Finnish word, decimal comma or space-separated thousands in any chart's texts."""
    for name, texts in drawn.items():
        assert len(texts) >= 3, name  # the chart really drew texts to check
        assert [(text, finnish_words(text)) for text in texts if finnish_words(text)] == [], name
        assert [text for text in texts if DECIMAL_COMMA.search(text)] == [], name
        assert [text for text in texts if SPACE_THOUSANDS.search(text)] == [], name


# ------------------------------------------------------------------ inputs
def level_shares(groups=("Lapsiperheet", "Iäkkäät"), scale=1.0) -> pd.DataFrame:
    shares = pd.DataFrame({"segment": list(groups), "green": [310.0 * scale, 125.0], "yellow": [200.0, 375.0],
                           "red": [490.0, 500.0], "unclassified": [0.0, 0.0]})
    total = shares[["green", "yellow", "red"]].sum(axis=1)
    for level in ("green", "yellow", "red", "unclassified"):
        shares[f"share_{level}"] = shares[level] / total
    shares["total"] = total
    return shares


def structure_table() -> pd.DataFrame:
    return pd.DataFrame({"structure": ["avo", "asumis", "laitos"], "cost_eur": [1_200_000.0, 800_000.0, 2_000_000.0],
                         "contacts": [9_000, 1_200, 800], "clients": [2_500, 300, 200]})


def service_rows() -> pd.DataFrame:
    return pd.DataFrame({"service": ["Kotihoito", "Neuvola", "Kotihoito", "Vuodeosasto", "Suun terveydenhuolto"],
                         "level": ["yellow", "green", "red", "red", "green"],
                         "cost_eur": [410_000.5, 90_250.0, 120_000.0, 650_000.0, 75_500.0]})


def comparison_table() -> pd.DataFrame:
    rows = []
    for seg, base in (("Lapsiperheet", 420.0), ("Iäkkäät", 1_875.5)):
        for level, part in (("green", 0.5), ("yellow", 0.3), ("red", 0.2)):
            rows.append({"segment": seg, "level": level, "eur_per_resident": base * part,
                         "reference_eur_per_resident": base * part * 1.1})
    return pd.DataFrame(rows)


def draw_traffic_light_charts(fig_of) -> dict[str, list[str]]:
    """name -> texts of each traffic-light chart; `fig_of()` gives a fresh figure."""
    out = {}
    fig = fig_of()
    shares = level_shares()
    tl_charts.draw_level_bars(fig, shares, "cost_eur", subtitle=tl_charts.filters_subtitle([2024], {"municipality": ["179"]}),
                              small={("Iäkkäät", "red"): True})
    out["level_bars"] = chart_texts(fig)
    fig = fig_of()
    tl_charts.draw_level_bars(fig, shares, "eur_per_resident", row_totals={"Lapsiperheet": 45.5, "Iäkkäät": 1234.0})
    out["level_bars_per_resident"] = chart_texts(fig)
    fig = fig_of()
    tl_charts.draw_level_shift(fig, level_shares(scale=0.5), shares, 2023, 2024, "contacts",
                               [{"level": "green", "segment": "Lapsiperheet", "share": 0.4, "year": 2026}],
                               tl_charts.filters_subtitle([2023, 2024], {"sex": ["2"], "age_band": ["65-74"]}))
    out["level_shift"] = chart_texts(fig)
    fig = fig_of()
    tl_charts.draw_structure(fig, structure_table(), tl_charts.filters_subtitle([2024]))
    out["structure"] = chart_texts(fig)
    fig = fig_of()
    tl_charts.draw_pareto(fig, tl_charts.pareto_table(service_rows()), "cost_eur")
    out["pareto"] = chart_texts(fig)
    fig = fig_of()
    heat = pd.DataFrame({"municipality": ["Jyväskylä", "Muurame"], "eur_per_resident": [2_345.6, "<5"],
                         "share_green": [0.125, 0.5], "clients": [12_345, 7]})
    tl_charts.draw_heat_table(fig, heat, ["eur_per_resident", "share_green", "clients"], ["A", "B", "C"],
                              ["eur", "percent", "number"], "Municipalities", "")
    out["heat_table"] = chart_texts(fig)
    fig = fig_of()
    tl_charts.draw_comparison(fig, comparison_table(), "Keski-Suomi", "Pohjanmaa")
    out["comparison"] = chart_texts(fig)
    return out


def segment_inputs():
    sizes = pd.DataFrame({"segment": ["Lapsiperheet", "Iäkkäät"], "year": [2024, 2024], "persons": [12_345, 3],
                          "residents": [987_600, 10_000], "per_1000": [12.5, 0.3]})
    overlaps = np.array([[12_345, 1_200], [1_200, 3]])
    intersections = [((0,), 11_145), ((0, 1), 1_200), ((1,), 2)]
    projection = pd.DataFrame({"segment": ["Lapsiperheet"] * 3, "year": [2023, 2024, 2030],
                               "clients": [1_100.0, 1_200.0, 1_316.4], "kind": ["observed", "observed", "projected"],
                               "base_year": [2024] * 3})
    return sizes, overlaps, intersections, projection


def draw_segment_charts(fig_of) -> dict[str, list[str]]:
    sizes, overlaps, intersections, projection = segment_inputs()
    names = ["Lapsiperheet", "Iäkkäät"]
    out = {}
    fig = fig_of()
    segment_charts.draw_segment_sizes(fig, sizes, 2024)
    out["sizes"] = chart_texts(fig)
    fig = fig_of()
    segment_charts.draw_overlap_matrix(fig, names, overlaps, 13_346)
    out["overlaps"] = chart_texts(fig)
    fig = fig_of()
    segment_charts.draw_upset(fig, names, intersections, 13_346)
    out["upset"] = chart_texts(fig)
    fig = fig_of()
    segment_charts.draw_projection(fig, projection)
    out["projection"] = chart_texts(fig)
    return out


def curves() -> list[reach.CurveData]:
    minutes = np.array([0.0, 5.0, 12.5, 25.0, 40.0])
    return [reach.CurveData("S-koon sote-keskus 30 min", minutes, np.array([0.0, 20.0, 55.0, 87.5, 92.0]), 30, 95, 87.5,
                            estimate=True),
            reach.CurveData("Hammashoitola 60 min", minutes, np.array([0.0, 30.0, 70.0, 96.5, 99.0]), 60, 95, 99.0)]


def map_layers() -> network_map.MapLayers:
    xs, ys = np.meshgrid(np.arange(3) * 1000.0 + 430_000, np.arange(3) * 1000.0 + 6_900_000)
    minutes = np.array([0.0, 5.0, 12.5, 20.0, 31.0, 45.0, 61.0, np.nan, 8.0])
    population = np.array([10.0, 0, 25, 40, 12, 0, 3, 7, 0])
    sites = pd.DataFrame({"x": [430_000.0, 432_000.0, 431_000.0], "y": [6_900_000.0, 6_902_000.0, 6_901_000.0],
                          "type": ["sote-keskus", "sote-keskus", "hammashoitola"], "size": ["M", "S", "L"],
                          "state": ["active", "closed", "added"]})
    centres = pd.DataFrame({"name": ["Jyväskylä"], "x": [431_000.0], "y": [6_901_000.0]})
    return network_map.MapLayers(xs.ravel(), ys.ravel(), minutes, population, 30.0, sites, centres,
                                 "S-koon sote-keskus 30 min", estimate=True)


def draw_reach_charts(fig_of) -> dict[str, list[str]]:
    out = {}
    fig = fig_of()
    reach.draw_reach_curve(fig, curves())
    out["curve"] = chart_texts(fig)
    fig = fig_of()
    reach.draw_goal_summary(fig, ["S-koon sote-keskus 30 min", "Hammashoitola 60 min"], [87.5, 99.0], [95, 95])
    out["summary"] = chart_texts(fig)
    fig = fig_of()
    network_map.draw_network_map(fig, map_layers())
    out["map"] = chart_texts(fig)
    return out


def tracker() -> Tracker:
    goals = [Goal(1, "Saatavuus"), Goal(2, "Kustannukset")]
    areas = [FocusArea(1, "Vastaanotto"), FocusArea(2, "Palveluketjut")]
    measures = [Measure(1, 1, 1, "Etävastaanotot"), Measure(2, 1, 1, "Omaolo"), Measure(3, 2, 2, "Diabetes")]
    ratings = {(1, Month(2021, 4)): 1, (1, Month(2021, 10)): 3, (1, Month(2022, 4)): 5, (2, Month(2021, 4)): 2,
               (3, Month(2021, 10)): 4}
    return Tracker(goals, areas, measures, [Month(2021, 4), Month(2021, 10), Month(2022, 4)], ratings)


def draw_measure_charts(fig_of) -> dict[str, list[str]]:
    track = tracker()
    out = {}
    fig = figure(measure_charts.heatmap_size(track))
    measure_charts.draw_rating_heatmap(fig, track)
    out["heatmap"] = chart_texts(fig)
    fig = figure(measure_charts.heatmap_size(track))
    measure_charts.draw_rating_heatmap(fig, track, captions="area")
    out["heatmap_areas"] = chart_texts(fig)
    for by in ("goal", "area"):
        fig = figure(measure_charts.distribution_size(track, by))
        measure_charts.draw_rating_distribution(fig, track, by=by)
        out[f"distribution_{by}"] = chart_texts(fig)
    fig = figure()
    measure_charts.draw_rating_heatmap(fig, Tracker())
    out["empty"] = chart_texts(fig)
    return out


# ------------------------------------------------------------------ English
def test_number_formats_in_english(english):
    assert number(1_234_567.891, 2) == "1,234,567.89"
    assert number(-12.5, 1) == "−12.5"
    assert eur(1_234.4) == "€1,234" and eur(-1_234) == "−€1,234" and eur(45.5, 2) == "€45.50"
    assert percent(0.125, 1) == "12.5\u00a0%" and percent(1.0) == "100\u00a0%"
    assert number(None) == eur(float("nan")) == percent(None) == "–"
    assert number("<5") == eur("<5") == "<5"


def test_traffic_light_charts_in_english(english):
    drawn = draw_traffic_light_charts(figure)
    assert_english(drawn)
    bars = drawn["level_bars"]
    assert {"green", "yellow", "red"} <= set(bars)
    assert "Traffic-light distribution: euros" in bars and "Year 2024 · municipality: 179" in bars
    assert "€1,000" in bars and "31\u00a0%" in bars and "<5" in bars
    assert "€45.50" in drawn["level_bars_per_resident"] and "€1,234" in drawn["level_bars_per_resident"]
    shift = drawn["level_shift"]
    assert "Shift of emphasis 2023–2024: visits and contacts" in shift and "target 2026" in shift
    assert "Years 2023–2024 · sex: women · age group: 65-74  ◆ = target" in shift
    assert {"preventive and outpatient services", "housing services", "Euros", "Visits and contacts"} <= set(
        drawn["structure"])
    assert "euros" in drawn["pareto"] and "Largest services: euros and cumulative share" in drawn["pareto"]
    assert any(re.fullmatch(r"\d{3},000", text) for text in drawn["pareto"])  # y ticks with comma thousands
    assert {"€2,346", "12\u00a0%", "12,345", "<5"} <= set(drawn["heat_table"])
    assert "€1,876" in [text.strip() for text in drawn["comparison"]]
    assert "€/resident: Keski-Suomi (upper) and Pohjanmaa (lower, hatched)" in drawn["comparison"]
    assert {"Lapsiperheet", "Iäkkäät", "Kotihoito", "Jyväskylä"} <= set().union(*map(set, drawn.values()))


def test_segment_charts_in_english(english):
    drawn = draw_segment_charts(figure)
    assert_english(drawn)
    assert "12,345  (12.5 / 1,000 res.; base 987,600)" in drawn["sizes"] and "<5" in drawn["sizes"]
    assert "Segment sizes 2024: persons and share of their own population base" in drawn["sizes"]
    assert "13,346 distinct persons in all (each once)" in drawn["overlaps"] and "1,200" in drawn["overlaps"]
    assert "Largest segment combinations" in drawn["upset"] and "11,145" in drawn["upset"]
    assert " 1,316" in drawn["projection"] and "clients" in drawn["projection"]
    assert "Lapsiperheet" in drawn["projection"]  # the segment name is data


def test_reach_and_network_map_in_english(english):
    drawn = draw_reach_charts(figure)
    assert_english(drawn)
    assert "87.5 % (not met)" in drawn["curve"] and "target 95 %" in drawn["curve"]
    assert "S-koon sote-keskus 30 min (estimate)" in drawn["curve"]
    assert "99.0 % (met)" in drawn["summary"]
    legend = drawn["map"]
    assert {"0–7.5 min", "22.5–30 min (threshold)", "no route", "closed (what-if)", "added (what-if)"} <= set(legend)
    assert "sote-keskus" in legend and "hammashoitola" in legend  # site types are data


def test_measure_charts_in_english(english):
    drawn = draw_measure_charts(figure)
    assert_english(drawn)
    assert {"Apr 2021", "Oct 2021", "Apr 2022", "1 not started", "5 in use", "– not rated"} <= set(drawn["heatmap"])
    assert "Focus area: Vastaanotto" in drawn["heatmap_areas"]
    assert "in use 1/2" in drawn["distribution_goal"] and "measures" in drawn["distribution_goal"]
    assert "Measure ratings by focus area" in drawn["distribution_area"]
    assert "No development measures or months to show." in drawn["empty"]


# ------------------------------------------------------------------ Finnish stays Finnish
def test_number_formats_in_finnish(finnish):
    assert number(1_234_567.891, 2) == "1\u00a0234\u00a0567,89"
    assert eur(1_234.4) == "1\u00a0234\u00a0€" and percent(0.125, 1) == "12,5\u00a0%"


def test_charts_in_finnish_keep_finnish_texts_and_decimal_comma(finnish):
    bars = draw_traffic_light_charts(figure)
    assert {"vihreä", "keltainen", "punainen", "Liikennevalojakauma: eurot", "Vuosi 2024 · kunta: 179",
            "1\u00a0000\u00a0€", "31\u00a0%"} <= set(bars["level_bars"])
    assert "45,50\u00a0€" in bars["level_bars_per_resident"]
    assert "tavoite 2026" in bars["level_shift"]
    assert "Vuodet 2023–2024 · sukupuoli: naiset · ikäryhmä: 65-74  ◆ = tavoite" in bars["level_shift"]
    assert {"ehkäisevät ja avopalvelut", "laitospalvelut", "Eurot", "Käynnit ja kontaktit"} <= set(bars["structure"])
    assert "Suurimmat palvelut: eurot ja kertymä" in bars["pareto"]
    assert "€/asukas: Keski-Suomi (ylempi) ja Pohjanmaa (alempi, viivoitettu)" in bars["comparison"]
    segments = draw_segment_charts(figure)
    assert "12\u00a0345  (12,5 / 1 000 as.; pohja 987\u00a0600)" in segments["sizes"]
    assert "Yhteensä 13\u00a0346 eri henkilöä (jokainen kerran)" in segments["overlaps"]
    assert "asiakkaat" in segments["projection"]
    reach_texts = draw_reach_charts(figure)
    assert "tavoite 95 %" in reach_texts["curve"] and "ei reittiä" in reach_texts["map"]
    measures = draw_measure_charts(figure)
    assert {"huhti 2021", "1 ei aloitettu", "5 käytössä"} <= set(measures["heatmap"])

