"""The report texts follow desktop.core.lang: in English the CLI's `report traffic-light` text output
and every page of the workshop report (cover, titles, sentences, chart texts, table headers and cells,
and the strings in the written PDF) carry no Finnish word of the app's vocabulary and English number
formats; in Finnish the Finnish texts and formats are still there. Segment, service, municipality and
classification names are data and stay as they are in both languages."""

from __future__ import annotations

import re

import pytest
from event_frames import demo_like_records, single_year_population, write_store
from matplotlib.text import Text

from desktop.cli import main
from desktop.reports.figures import new_figure
from desktop.reports.pages import A4_LANDSCAPE, render_page
from desktop.reports.traffic_light import traffic_light_pages
from desktop.reports.workshop import _cover, segment_pages
from desktop.services.traffic_light_targets import targets_with_status
from desktop.services.traffic_lights import TrafficLightData
from desktop.store import open_store
from tests.measures.test_measures_workshop import pdf_text

pytest.importorskip("desktop.services.classification")

#: Finnish words of the report texts (whole words, any case): titles, sentences, headers, level /
#: status / measure / kind words, cover lines and the CLI's total line
FINNISH_WORDS = (
    "vihreä", "keltainen", "punainen", "luokittelematon", "vihreiden", "punaisten", "osuus", "euroista",
    "asiakkaista", "käynneistä", "oli", "suurin", "Liikennevalojakauma", "Painopisteen", "siirtymä", "nousi",
    "laski", "pysyi", "Palvelurakenne", "Eurot", "jakautuivat", "Suurimmat", "palvelut", "palvelua", "kattoi",
    "Kunnat", "rinnakkain", "kunnassa", "eniten", "vähiten", "Segmenttien", "koot", "päällekkäisyys",
    "segmenttiyhdistelmät", "Asiakasmäärien", "ennuste", "Segmentti", "Taso", "Käynnit", "Asiakkaat",
    "Henkilöt", "Asukkaat", "Tapahtumat", "Muutos", "Kertymä", "Tavoite", "Tavoitteet", "Toteuma", "Tila",
    "saavutettu", "Vuosi", "Vuodet", "Päivätty", "Palveluluokitus", "Aineistot", "Työpajaraportti",
    "Liikennevalot", "asiakkuussegmentit", "palvelutapahtumat", "väestö", "voimassa", "alkaen", "henkilöä",
    "yhteensä", "Yhteensä", "käyntiä", "asiakasta", "kunta", "taulukko", "jatkuu", "asukas", "asiakas",
    "ehkäisevät", "avopalvelut", "asumispalvelut", "toisiokäyttölaki", "Alle", "muodossa", "rivejä",
)
FINNISH_RE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, FINNISH_WORDS)) + r")(?!\w)", re.IGNORECASE)
DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?!\d)")  # '12,5' (an English thousands group has three digits)
SPACE_THOUSANDS = re.compile(r"\d[\u00a0\u202f ]\d{3}(?!\d)")  # '1 234'
FINNISH_EURO = re.compile(r"\d[\u00a0 ]€")  # '1 234 €' (English writes '€1,234')
RECORDS = demo_like_records()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return str(write_store(tmp_path_factory.mktemp("kieli") / "alue.sote", RECORDS, single_year_population()))


def data_names(store) -> list[str]:
    """Names that are data (segments, services, municipalities, classification versions, file names),
    longest first so that a name is removed before a shorter name inside it."""
    from desktop.services.classification import load_versions

    data = TrafficLightData(store)
    services = data.table(("service",), data.years, {}).group_totals["service"]
    names = set(data.membership.names) | set(map(str, services)) | {"Jyväskylä", "Jämsä", "Kannonkoski"}
    names |= {v.name for v in load_versions(store) if v.name} | {b.file_name for b in store.batches()}
    return sorted(names, key=len, reverse=True)


def without_data(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, " ")
    return text


def assert_english(texts: list[str], names: list[str]) -> None:
    shown = [without_data(text, names) for text in texts]
    assert [(text, FINNISH_RE.findall(text)) for text in shown if FINNISH_RE.search(text)] == []
    for pattern in (DECIMAL_COMMA, SPACE_THOUSANDS, FINNISH_EURO):
        assert [text for text in shown if pattern.search(text)] == []


def page_texts(page) -> list[str]:
    """The title, sentence and every text drawn on the page (chart, sentence, table headers and cells)."""
    fig = new_figure(*A4_LANDSCAPE)
    render_page(fig, page)
    fig.canvas.draw()
    drawn = [t.get_text() for t in fig.findobj(Text) if t.get_text()]
    # a long table header is wrapped over lines ('Käynnit\nja\nkontaktit'): it reads as its words
    wrapped = [t.get_text().replace("\n", " ") for t in fig.findobj(Text)
               if "\n" in t.get_text() and t.get_fontweight() == "bold"]
    return [page.title, page.text, *drawn, *wrapped]


def workshop_pages(store):
    data = TrafficLightData(store)
    return traffic_light_pages(data, [2024], None, ("segment",), targets_with_status(data)) + segment_pages(data, 2024)


def test_word_check_finds_whole_words_and_skips_data_names():
    names = ["Lapset ja nuoret", "Iäkkäät"]
    assert FINNISH_RE.findall("Segmenttien koot: vihreä") == ["Segmenttien", "koot", "vihreä"]
    assert FINNISH_RE.findall(without_data("Lapset ja nuoret (31 %)", names)) == []
    assert FINNISH_RE.findall("Euros; Targets") == [] and FINNISH_EURO.search("1\u00a0234\u00a0€")
    assert DECIMAL_COMMA.search("12,5 %") and not DECIMAL_COMMA.search("€1,234")


# ------------------------------------------------------------------ CLI text output
def test_cli_traffic_light_text_in_english(store_path, capsys, english):
    assert main(["--lang", "en", "report", store_path, "traffic-light", "--by", "segment,structure"]) == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert lines[0] == "Year 2024" and lines[-1].startswith("Total: ")
    with open_store(store_path, readonly=True) as store:
        assert_english(lines, data_names(store))
    levels = {line.split()[-4] for line in lines[1:-1]}
    assert levels <= {"green", "yellow", "red", "unclassified"} and {"green", "red"} <= levels
    ev24 = [r for r in RECORDS if r["date"] >= 19723]  # 2024-01-01 is day 19723
    total = sum(r["cost_eur"] for r in ev24)
    assert lines[-1] == (f"Total: {len(ev24):,} contacts, {len({r['person_id'] for r in ev24}):,} distinct clients, "
                         f"€{total:,.0f}")
    assert any(re.search(r"€\d{1,3}(,\d{3})+$", line) for line in lines[1:-1])  # '€12,345' at a row end


def test_cli_traffic_light_text_in_finnish(store_path, capsys, finnish):
    assert main(["--lang", "fi", "report", store_path, "traffic-light"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "Vuosi 2024" and lines[-1].startswith("Yhteensä: ")
    ev24 = [r for r in RECORDS if r["date"] >= 19723]
    total = f"{sum(r['cost_eur'] for r in ev24):,.0f}".replace(",", "\u00a0")
    assert lines[-1].endswith(f"eri asiakasta, {total}\u00a0€")
    assert {"vihreä", "punainen"} <= {w for line in lines[1:-1] for w in line.split()}


# ------------------------------------------------------------------ workshop report pages
def test_workshop_pages_in_english(store_path, english):
    with open_store(store_path, readonly=True) as store:
        names = data_names(store)
        pages = workshop_pages(store)
        assert [p.title for p in pages[:4]] == ["Traffic-light distribution: euros", "Traffic-light distribution: clients",
                                                "Traffic-light distribution: visits and contacts",
                                                "Shift of emphasis 2023–2024"]
        assert {"Service structure", "Largest services", "Municipalities side by side", "Segment sizes",
                "Segment overlaps", "Largest segment combinations", "Projected clients"} <= {p.title for p in pages}
        drawn = {p.title: page_texts(p) for p in pages}
        for title, texts in drawn.items():
            assert len(texts) > 5, title
            assert_english(texts, names)
        cover = new_figure(*A4_LANDSCAPE)
        _cover(store, [2023, 2024])(cover)
        cover_texts = [t.get_text() for t in cover.findobj(Text) if t.get_text()]
        assert_english(cover_texts, names)
    central = drawn["Traffic-light distribution: euros"]
    assert central[1].startswith("In 2024 the green share of euros was largest for ")
    assert {"Segment", "Level", "Visits and contacts", "Clients", "Euros", "€/resident"} <= set(central)
    assert "green\nyellow" in "\n".join(central)  # the level column of the table
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", line) for text in central for line in text.split("\n"))
    shift = drawn["Shift of emphasis 2023–2024"]
    assert re.search(r"\((2023)–(2024)\)\.$", shift[1]) and ("rose from" in shift[1] or "fell from" in shift[1]
                                                               or "stayed the same" in shift[1])
    assert "green 2023 %" in shift and any(re.search(r"\d\.\d %", text) for text in shift)
    assert drawn["Service structure"][1].startswith("Euros by service structure: preventive and outpatient services ")
    municipalities = drawn["Municipalities side by side"]
    assert re.search(r"highest in .+ \(€\d+\) and lowest in .+ \(€\d+\)\.$", municipalities[1])
    assert "The segments held 60 distinct persons in all; each is counted once." in drawn["Segment sizes"][1]
    assert "Years: 2023–2024" in cover_texts[-1] and "Workshop report" in cover_texts


def test_workshop_pages_in_finnish_are_unchanged(store_path, finnish):
    with open_store(store_path, readonly=True) as store:
        pages = workshop_pages(store)
        cover = new_figure(*A4_LANDSCAPE)
        _cover(store, [2023, 2024])(cover)
        cover_texts = [t.get_text() for t in cover.findobj(Text) if t.get_text()]
    titles = [p.title for p in pages]
    assert titles[:4] == ["Liikennevalojakauma: eurot", "Liikennevalojakauma: asiakkaat",
                          "Liikennevalojakauma: käynnit ja kontaktit", "Painopisteen siirtymä 2023–2024"]
    assert {"Palvelurakenne", "Suurimmat palvelut", "Kunnat rinnakkain", "Segmenttien koot", "Asiakasmäärien ennuste"} \
        <= set(titles)
    by_title = {p.title: p for p in pages}
    assert by_title["Liikennevalojakauma: eurot"].text.startswith("Vihreiden palveluiden osuus euroista oli 2024 suurin: ")
    assert re.search(r"(nousi|laski) \d+(,\d)?\u00a0%:sta \d+(,\d)?\u00a0%:iin \(2023–2024\)\.$|pysyi ennallaan",
                     by_title["Painopisteen siirtymä 2023–2024"].text)
    assert by_title["Palvelurakenne"].text.startswith("Eurot jakautuivat palvelurakenteen mukaan: ehkäisevät ja avopalvelut ")
    assert re.search(r"kunnassa .+ \(\d+\u00a0€\) ja vähiten kunnassa .+ \(\d+\u00a0€\)\.$",
                     by_title["Kunnat rinnakkain"].text)
    sizes = by_title["Segmenttien koot"].text
    assert "Segmentteihin kuului yhteensä 60 eri henkilöä; jokainen on laskettu kerran." in sizes
    assert re.search(r"\d,\d asiakasta tuhatta asukasta kohden", sizes)
    central = page_texts(by_title["Liikennevalojakauma: eurot"])
    assert {"Segmentti", "Taso", "Käynnit ja kontaktit", "Eurot", "€/asukas"} <= set(central)
    assert "vihreä\nkeltainen" in "\n".join(central)
    shift = page_texts(by_title["Painopisteen siirtymä 2023–2024"])
    assert "vihreä 2023 %" in shift and any(re.search(r"\d,\d %", text) for text in shift)
    assert {"Liikennevalot ja asiakkuussegmentit", "Työpajaraportti"} <= set(cover_texts)
    assert "Vuodet: 2023–2024" in cover_texts[-1]


def test_workshop_pdf_strings_in_english(store_path, tmp_path, capsys, english):
    pdf = tmp_path / "workshop.pdf"
    assert main(["--lang", "en", "report", store_path, "workshop", "--pdf", str(pdf), "--year", "2024"]) == 0
    assert re.search(r"Workshop report written: .+ \((\d+) pages\)\.", capsys.readouterr().out)
    data = pdf.read_bytes()
    text = pdf_text(data)
    # (a ligature such as "ffi" is drawn apart from the text around it: the phrases below have none)
    for expected in ("distribution: euros", "Workshop report", "Segment sizes", "Visits and contacts"):
        assert expected in text
    with open_store(store_path, readonly=True) as store:
        assert_english(text.splitlines(), data_names(store))
    assert b"Sote Planner: workshop report" in data or b"Sote Planner" in data


def test_cli_segments_text_in_english_and_finnish(store_path, capsys, english):
    assert main(["--lang", "en", "segments", store_path, "--project-to", "2030"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "Segments in 2024" and lines[-1] == "Distinct persons in the segments (each once): 60"
    with open_store(store_path, readonly=True) as store:
        assert_english(lines, data_names(store))
    rows = [line for line in lines[2:-1] if "€" in line]
    assert rows and all(re.search(r" \d+\.\d +\d+ +€\d{1,3}(,\d{3})* +\d+$", row) for row in rows)
    assert main(["--lang", "fi", "segments", store_path]) == 0
    finnish = capsys.readouterr().out.strip().splitlines()
    assert finnish[0] == "Segmentit vuonna 2024" and finnish[-1].endswith("(jokainen kerran): 60")
    assert all(re.search(r" \d+,\d +\d+ +\d{1,3}(\u00a0\d{3})*\u00a0€$", row) for row in finnish[2:-1])
