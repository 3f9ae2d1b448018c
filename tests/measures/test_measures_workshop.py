"""The development-measures section of the workshop report: pages, sentences, the PDF through the
CLI and the service function, readability of a 97-measure heat map on A4 landscape."""

import re
import zlib

import pytest

from desktop.cli import main
from desktop.core.measures import Month, rating_label
from desktop.reports import measures as report
from desktop.reports.figures import new_figure
from desktop.reports.pages import A4_LANDSCAPE, render_page
from desktop.reports.workshop import write_workshop_report
from desktop.services import measures as svc
from desktop.services.new_project import create_project
from desktop.store import Store

from .helpers import small_tracker, write_events

GOAL_PAGE = "Kehittämistoimenpiteet hyötytavoitteittain (loka 2020)"
HEATMAP_PAGE = "Arviot kuukausittain"


def pdf_text(data: bytes) -> str:
    """The strings of every TJ text array in the PDF's (deflated) content streams, one line per array."""
    parts = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        # the end-of-line before "endstream" is left to the decompressor (unused data): compressed bytes
        # that happen to end in "\r" were cut by a "\r?\n" in the pattern and the page was lost
        try:
            content = zlib.decompressobj().decompress(m.group(1))
        except zlib.error:
            continue
        for arr in re.finditer(rb"\[(.*?)\]\s*TJ", content, re.S):
            for s in re.finditer(rb"\(((?:\\.|[^\\)])*)\)", arr.group(1), re.S):
                raw = re.sub(rb"\\([0-7]{1,3})", lambda x: bytes([int(x.group(1), 8)]), s.group(1))
                parts.append(re.sub(rb"\\(.)", rb"\1", raw).decode("latin-1"))
            parts.append("\n")
    return "".join(parts)


def pdf_page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("ws") / "p.sote"
    store = create_project(path)
    svc.install_seed_example(store)
    yield store
    store.close()


@pytest.mark.parametrize(("n", "text"), [(0, "0:sta"), (1, "1:stä"), (2, "2:sta"), (5, "5:stä"), (12, "12:sta"),
                                         (19, "19:sta"), (20, "20:stä"), (33, "33:sta"), (97, "97:stä"),
                                         (100, "100:sta"), (1000, "1000:sta")])
def test_numbers_take_the_finnish_elative_ending(n, text):
    assert report.number_elative_fi(n) == text


def test_seed_pages_goal_and_area_then_every_measure_on_a_heat_map(seeded):
    records, _months = svc.read_seed_example()
    pages = report.workshop_pages(seeded, 2024)
    tracker = svc.load_tracker(seeded)
    described = sum(1 for r in records if r.ratings.get(Month(2020, 10)) == 3)
    in_use = sum(1 for r in records if r.ratings.get(Month(2020, 10)) == 5)
    assert pages[0].title == GOAL_PAGE
    assert pages[0].text.startswith(f"Lokakuussa 2020 käytössä oli {in_use} toimenpidettä 97:stä; "
                                    f"{described} oli kuvattu.")
    # the report is for 2024 but the latest self-assessment is from 2020: the page says so
    assert pages[0].text.endswith("Uudempia arvioita ei ole.")
    goal_table = pages[0].table
    total = goal_table.iloc[-1]
    assert total["Hyötytavoite"] == "Yhteensä" and total["Toimenpiteitä"] == len(records)
    for v in range(1, 6):
        assert total[rating_label(v)] == sum(1 for r in records if r.ratings.get(Month(2020, 10)) == v)
    assert goal_table["Toimenpiteitä"].iloc[:-1].sum() == len(records)
    assert pages[1].title == "Kehittämistoimenpiteet kärjittäin (loka 2020)"
    assert list(pages[1].table["Kärki"]) == [a.name for a in tracker.areas] + ["Yhteensä"]
    assert "pisimmällä oli kärki" in pages[1].text
    # each sentence fits the two lines a report page keeps above its table (10 pt across A4 landscape)
    assert all(0 < len(p.text) <= 260 for p in pages)
    heat = pages[2:]
    assert all(p.title.startswith(HEATMAP_PAGE) and p.table is None for p in heat)
    # every measure on exactly one heat-map page, each page within the rows that fit on A4 landscape
    chunks = [c for g in tracker.goals for c in report.heatmap_chunks(tracker, g)]
    assert len(chunks) == len(heat)
    shown = [m.id for c in chunks for m in c]
    assert sorted(shown) == sorted(m.id for m in tracker.measures)
    for chunk in chunks:
        areas = {m.area_id for m in chunk}
        assert len(chunk) + len(areas) <= report.HEATMAP_ROWS_PER_PAGE
    # goal 3 (33 measures under three focus areas) does not fit on one page: two balanced parts
    goal3 = [p for p in heat if p.title.startswith(f"{HEATMAP_PAGE}: 3.")]
    assert [p.title[-5:] for p in goal3] == ["(1/2)", "(2/2)"]
    assert goal3[0].text == "Tavoite 3: Lokakuussa 2020 käytössä oli 0 toimenpidettä 33:sta; 0 oli kuvattu."


def test_heat_map_page_rows_are_readable_on_a4(seeded):
    """The fullest heat-map page: every row at least 0.2 in high (7.5 pt names), all rows on the page,
    each rating written in its cell."""
    tracker = svc.load_tracker(seeded)
    pages = [p for p in report.workshop_pages(seeded, 2024) if p.title.startswith(HEATMAP_PAGE)]
    chunks = [c for g in tracker.goals for c in report.heatmap_chunks(tracker, g)]
    k = max(range(len(chunks)), key=lambda i: len(chunks[i]) + len({m.area_id for m in chunks[i]}))
    fig = new_figure(*A4_LANDSCAPE)
    render_page(fig, pages[k])
    fig.canvas.draw()
    ax = next(a for sub in fig.subfigs for a in sub.axes if a.get_yticks().size)
    n_rows = len(ax.get_yticks())
    assert n_rows == len(chunks[k]) + len({m.area_id for m in chunks[k]})
    box = ax.get_window_extent()
    assert box.height / fig.dpi / n_rows >= 0.2
    assert box.y0 >= 0 and box.y1 <= fig.bbox.height and box.x1 <= fig.bbox.width
    labels = [t.get_window_extent() for t in ax.get_yticklabels() if t.get_text()]
    assert min(b.x0 for b in labels) >= 0  # names are not cut at the left edge
    written = sum(len(c.get_offsets()) for c in ax.collections if c.get_label().startswith("_rating_"))
    assert written == sum(1 for m in chunks[k] if tracker.rating(m.id, Month(2020, 10)) is not None)


def test_report_month_follows_the_report_year(tmp_path):
    store = Store.create(tmp_path / "s.sote")
    small_tracker(store)
    pages = report.workshop_pages(store, 2021)
    # October 2021: Etävastaanotot 3, Omaolo keeps 2 from April, Diabetes 4
    assert pages[0].title == "Kehittämistoimenpiteet hyötytavoitteittain (loka 2021)"
    assert pages[0].text == ("Lokakuussa 2021 käytössä oli 0 toimenpidettä 3:sta; 1 oli pilotoitavana ja 1 oli kuvattu. "
                             "Käytössä (5) 0 → 0 ja pilotoitavana (4) 0 → 1 (huhti 2021 → loka 2021); "
                             "1 toimenpide edistyi.")
    later = report.workshop_pages(store, 2022)
    assert later[0].text.startswith("Huhtikuussa 2022 käytössä oli 1 toimenpide 3:sta;")
    assert report.workshop_pages(store, None)[0].title == later[0].title
    store.close()


def test_no_measures_leaves_the_section_out_and_unrated_measures_get_one_page(tmp_path):
    store = create_project(tmp_path / "p.sote")  # the five benefit goals, no measures
    assert report.workshop_pages(store, 2024) == []
    goal = svc.load_tracker(store).goals[0]
    svc.AddMeasure(store, goal.id, "Vastaanotto", "Etävastaanotot").do()
    pages = report.workshop_pages(store, 2024)
    assert len(pages) == 1
    assert pages[0].title == "Kehittämistoimenpiteet hyötytavoitteittain (ei vielä arvioitu)"
    assert pages[0].text.startswith("Kehittämistoimenpiteitä ei ole vielä arvioitu. Seurannassa on 1 toimenpide;")
    total = pages[0].table.iloc[-1]
    assert total["Toimenpiteitä"] == 1 and total["ei arvioitu"] == 1 and total["5 käytössä"] == 0
    fig = new_figure(*A4_LANDSCAPE)
    render_page(fig, pages[0])  # draws without error
    store.close()


def test_workshop_pdf_gains_the_measures_pages(tmp_path, capsys):
    events = [{"person_id": f"p{i}", "cost_eur": 50.0 + i} for i in range(12)]
    plain_path = tmp_path / "plain.sote"
    plain = create_project(plain_path)
    write_events(plain, events)
    plain_pdf = tmp_path / "plain.pdf"
    base = write_workshop_report(plain, plain_pdf)
    assert base["pages"] == pdf_page_count(plain_pdf.read_bytes())
    assert "Kehittämistoimenpiteet" not in pdf_text(plain_pdf.read_bytes())

    svc.install_seed_example(plain)
    expected = report.workshop_pages(plain, base["year"])
    plain.close()
    pdf = tmp_path / "workshop.pdf"
    assert main(["report", str(plain_path), "workshop", "--pdf", str(pdf)]) == 0
    capsys.readouterr()
    data = pdf.read_bytes()
    assert pdf_page_count(data) == base["pages"] + len(expected)
    text = pdf_text(data)
    assert GOAL_PAGE in text
    assert "Lokakuussa 2020 käytössä oli 0 toimenpidettä 97:stä" in text
    assert text.count("· " + HEATMAP_PAGE) == len(expected) - 2  # the running heading: one per heat-map page


def test_a_year_of_months_fits_beside_the_names_without_overlaps(tmp_path):
    """18 rated months: the report shows the last 12 up to the report month; month labels stand
    upright under the legend, not slanted into it."""
    store = Store.create(tmp_path / "s.sote")
    ids = small_tracker(store)
    month = Month(2021, 1)
    for k in range(18):
        svc.SetRating(store, ids["m2"], month, 1 + k % 5).do()
        month = month.next()
    pages = report.workshop_pages(store, 2021)
    heat = [p for p in pages if p.title.startswith(HEATMAP_PAGE)]
    fig = new_figure(*A4_LANDSCAPE)
    render_page(fig, heat[0])
    fig.canvas.draw()
    ax = next(a for sub in fig.subfigs for a in sub.axes if a.get_yticks().size)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "tammi\n2021" and ticks[-1] == "joulu\n2021" and len(ticks) == 12
    legend = next(lg for sub in fig.subfigs for lg in sub.legends).get_window_extent()
    for label in ax.get_xticklabels():
        box = label.get_window_extent()
        assert box.y1 <= legend.y0 and label.get_rotation() == 0
    boxes = [t.get_window_extent() for t in ax.get_xticklabels()]
    assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:], strict=False))  # side by side, not overlapping
    assert pages[0].text.startswith("Joulukuussa 2021 ")
    # Omaolo (row 2 under its caption and Etävastaanotot) is rated 1, 2, ..., 5, 1, ... from January
    # 2021: December 2021, the last column, shows 2 (12th rating)
    marks = {c.get_label(): {tuple(p) for p in c.get_offsets()} for c in ax.collections}
    assert (11.0, 2.0) in marks["_rating_2"] and (0.0, 2.0) in marks["_rating_1"]
    store.close()
