"""Charts draw on a plain matplotlib Figure; exports write real PNG, SVG, PDF and XLSX files."""

import xml.etree.ElementTree as ET

import pytest
from matplotlib.figure import Figure
from openpyxl import load_workbook

from desktop.charts import measures as charts
from desktop.core.measures import Month
from desktop.services import measures as svc
from desktop.store import Store

from .helpers import small_tracker


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "m.sote")
    yield s
    s.close()


def test_heatmap_writes_each_rating_as_a_number(store):
    small_tracker(store)
    tracker = svc.load_tracker(store)
    fig = Figure(figsize=charts.heatmap_size(tracker))
    charts.draw_rating_heatmap(fig, tracker)
    ax = fig.axes[0]
    # each rating is written in its cell as a number marker; unrated cells get a dash
    marks = {c.get_label(): [tuple(p) for p in c.get_offsets()] for c in ax.collections}
    assert {k: len(v) for k, v in marks.items()} == {
        "_rating_1": 1, "_rating_2": 1, "_rating_3": 1, "_rating_4": 1, "_rating_5": 1, "_not_rated": 3 * 3 - 5}
    # rows: caption, Etävastaanotot, Omaolo, caption, Diabetes; columns Apr 2021, Oct 2021, Apr 2022
    assert marks["_rating_5"] == [(2.0, 1.0)] and marks["_rating_4"] == [(1.0, 4.0)]
    captions = [t.get_text() for t in ax.texts if "·" in t.get_text()]
    assert captions == ["1. Saatavuus · Vastaanotto", "2. Kustannukset · Palveluketjut"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["huhti 2021", "loka 2021", "huhti 2022"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == "1 ei aloitettu" and legend[4] == "5 käytössä"


def test_distribution_counts_measures_per_month(store):
    ids = small_tracker(store)
    tracker = svc.load_tracker(store)
    table = charts.distribution_table(tracker, "goal")
    first = {(r["group"], r["month"]): r["counts"] for r in table}
    # goal 1 has two measures: Apr 2021 ratings 1 and 2; in Apr 2022 one is 5 and one keeps 2
    assert first[("Saatavuus", "2021-04")] == {1: 1, 2: 1, 3: 0, 4: 0, 5: 0, None: 0}
    assert first[("Saatavuus", "2022-04")] == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1, None: 0}
    assert first[("Kustannukset", "2021-04")][None] == 1
    fig = Figure(figsize=charts.distribution_size(tracker, "goal"))
    charts.draw_rating_distribution(fig, tracker, by="goal")
    ax = fig.axes[0]
    heights = {}
    for patch in ax.patches:
        x = round(patch.get_x() + patch.get_width() / 2)
        heights[x] = heights.get(x, 0) + patch.get_height()
    assert heights == {0: 2, 1: 2, 2: 2}  # every month's bar stacks up to the goal's two measures
    assert "käytössä 1/2" in [t.get_text() for t in ax.texts]
    assert ids


def test_empty_tracker_draws_a_message(store):
    fig = Figure()
    charts.draw_rating_heatmap(fig, svc.load_tracker(store))
    assert "Ei kehittämistoimenpiteitä" in fig.axes[0].texts[0].get_text()
    charts.draw_rating_distribution(fig, svc.load_tracker(store), by="area")
    assert "Ei arvioituja" in fig.axes[0].texts[0].get_text()


def test_exports_in_every_format(store, tmp_path):
    small_tracker(store)
    png = svc.export_chart(store, "heatmap", tmp_path / "h.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = svc.export_chart(store, "goals", tmp_path / "g.svg")
    assert ET.parse(svg).getroot().tag.endswith("svg")
    pdf = svc.export_chart(store, "areas", tmp_path / "a.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    xlsx = svc.export_chart(store, "areas", tmp_path / "a.xlsx")
    ws = load_workbook(xlsx).active
    assert [c.value for c in ws[1]][:3] == ["Kärki", "Kuukausi", "1 ei aloitettu"]
    rows = {(r[0], r[1]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[("Vastaanotto", "2022-04")][-1] == 2  # total measures of the area
    from desktop.core.errors import UserError

    with pytest.raises(UserError, match=".docx"):
        svc.export_chart(store, "heatmap", tmp_path / "x.docx")
    assert Month(2022, 4) in svc.load_tracker(store).months
