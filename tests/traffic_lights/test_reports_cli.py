"""`sote-planner report`: the JSON schema, every export format opened and checked, the workshop PDF."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

import pytest
from event_frames import demo_like_records, single_year_population, write_store
from team_places import BACKENDS, project_target

from desktop.analysis import privacy
from desktop.cli import main

pytest.importorskip("desktop.services.classification")

DIMS = {"segment", "life_stage", "aura", "service", "structure", "producer", "municipality", "sex", "age_band", "year"}
MEASURES = ("contacts", "clients", "units", "cost_eur", "eur_per_resident", "eur_per_client")
RECORDS = demo_like_records()


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """The same store as a file and as a team project on the test server: the same figures."""
    target = project_target(request, tmp_path_factory.mktemp("tl"), "alue")
    return str(write_store(target, RECORDS, single_year_population()))


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def pdf_pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def test_json_schema_and_totals_against_the_events(store, capsys):
    doc = run_json(capsys, "report", store, "traffic-light", "--by", "segment,structure", "--year", "2024", "--json")
    assert doc["years"] == [2024]
    assert set(doc) >= {"years", "rows", "totals"}
    ev24 = [r for r in RECORDS if r["date"] >= 19723]  # 2024-01-01 is day 19723
    assert doc["totals"]["contacts"] == len(ev24)
    assert doc["totals"]["clients"] == len({r["person_id"] for r in ev24})  # each person once
    assert doc["totals"]["cost_eur"] == pytest.approx(sum(r["cost_eur"] for r in ev24), abs=0.01)
    residents = 3 * 2 * 101 * 20.0
    assert doc["totals"]["eur_per_resident"] == pytest.approx(sum(r["cost_eur"] for r in ev24) / residents, abs=0.01)
    for row in doc["rows"]:
        assert set(row) == {"segment", "structure", "level", *MEASURES}
        assert row["level"] in ("green", "yellow", "red", "unclassified")
        assert row["structure"] in ("avo", "asumis", "laitos", "unclassified")
        if row["clients"] in ("<5", ".."):  # a small group, or hidden so that no small group is total − shown
            assert row["cost_eur"] is None and row["eur_per_client"] is None and row["contacts"] is None
        else:
            assert isinstance(row["clients"], int) and row["clients"] >= 5
            assert row["eur_per_client"] == pytest.approx(row["cost_eur"] / row["clients"], abs=0.01)
    segments = {row["segment"] for row in doc["rows"]}
    assert {"Lapset ja nuoret", "Työikäiset", "Iäkkäät"} <= segments


def test_life_stages_are_named_in_english_and_filters_apply(store, capsys):
    doc = run_json(capsys, "report", store, "traffic-light", "--by", "life_stage", "--years", "2023-2024",
                   "--filter", "municipality=179", "--filter", "sex=2", "--json")
    assert doc["years"] == [2023, 2024]
    assert {r["life_stage"] for r in doc["rows"]} <= {"children", "working_age", "elderly", "unclassified"}
    chosen = [r for r in RECORDS if r["municipality"] == "179" and r["sex"] == "2"]
    assert doc["totals"]["contacts"] == len(chosen)
    assert doc["filters"] == {"municipality": ["179"], "sex": ["2"]}


def test_bad_dimension_and_year_exit_2(store, capsys):
    assert main(["report", store, "traffic-light", "--by", "colour", "--json"]) == 2
    assert "colour" in capsys.readouterr().err
    assert main(["report", store, "traffic-light", "--year", "1999", "--json"]) == 2
    assert main(["report", store, "traffic-light", "--filter", "municipality", "--json"]) == 2


def test_csv_and_xlsx_hold_the_json_figures(store, capsys, tmp_path):
    doc = run_json(capsys, "report", store, "traffic-light", "--by", "municipality", "--json")
    csv_path, xlsx_path = tmp_path / "t.csv", tmp_path / "t.xlsx"
    assert main(["report", store, "traffic-light", "--by", "municipality", "--csv", str(csv_path)]) == 0
    assert main(["report", store, "traffic-light", "--by", "municipality", "--xlsx", str(xlsx_path)]) == 0
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == len(doc["rows"])
    first = doc["rows"][0]
    assert rows[0]["Kunta"] == first["municipality"] and rows[0]["Taso"] == first["level"]
    if first["cost_eur"] is not None:
        assert rows[0]["Eurot"] == f"{first['cost_eur']:.2f}".replace(".", ",")
    from openpyxl import load_workbook

    wb = load_workbook(xlsx_path)
    ws = wb["Liikennevalot"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Kunta", "Taso", "Käynnit ja kontaktit"]
    for i, row in enumerate(doc["rows"], start=2):
        assert ws.cell(i, 1).value == row["municipality"]
        assert ws.cell(i, 3).value == row["contacts"]
        if row["cost_eur"] is not None:
            assert ws.cell(i, header.index("Eurot") + 1).value == pytest.approx(row["cost_eur"], abs=0.01)
    assert "Yhteensä" in wb.sheetnames


def test_traffic_light_pdf(store, tmp_path, capsys):
    pdf = tmp_path / "liikennevalot.pdf"
    assert main(["report", store, "traffic-light", "--year", "2024", "--filter", "municipality=179",
                 "--pdf", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    n = pdf_pages(pdf)
    printed = re.search(r"\((\d+) sivua\)", capsys.readouterr().out)
    assert printed and int(printed.group(1)) == n
    assert n >= 6  # three central pictures, shift 2023-2024, structure, pareto (no municipality page)


def test_workshop_report(store, tmp_path, capsys):
    work = tmp_path / "tyopaja.pdf"
    assert main(["report", store, "workshop", "--pdf", str(work), "--year", "2024"]) == 0
    printed = int(re.search(r"\((\d+) sivua\)", capsys.readouterr().out).group(1))
    assert pdf_pages(work) == printed
    # cover + 3 central pictures + shift + structure + pareto + municipalities + sizes, overlaps,
    # intersections, projection
    assert printed >= 12
    assert b"Sote-suunnittelija" in work.read_bytes()
    assert main(["report", store, "workshop"]) == 2  # --pdf is required


def test_chart_exports_png_svg_pdf(store, tmp_path):
    from desktop.reports.figures import new_figure, save_figure
    from desktop.reports.traffic_light import central_page
    from desktop.services.traffic_lights import TrafficLightData
    from desktop.store import open_store

    st = open_store(store, readonly=True)
    try:
        page = central_page(TrafficLightData(st), [2024])
    finally:
        st.close()
    fig = new_figure()
    page.draw(fig)
    for suffix in ("png", "svg", "pdf"):
        save_figure(fig, tmp_path / f"kuva.{suffix}")
    assert (tmp_path / "kuva.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    root = ET.parse(tmp_path / "kuva.svg").getroot()
    assert root.tag.endswith("svg")
    svg_text = (tmp_path / "kuva.svg").read_text(encoding="utf-8")
    assert "Lapset ja nuoret" in svg_text or "Lapset" in svg_text or "glyph" in svg_text
    assert pdf_pages(tmp_path / "kuva.pdf") == 1


def test_comparison_with_a_reference_store(store, tmp_path, capsys):
    # the reference county: the same people twice as expensive, twice the residents -> same €/resident
    # (except in the need levels, whose euro thresholds the doubled costs cross)
    doubled = [{**r, "cost_eur": round(2 * r["cost_eur"], 2)} for r in RECORDS]
    ref = write_store(tmp_path / "vertailu.sote", doubled, single_year_population(per_age=40.0))
    doc = run_json(capsys, "report", store, "traffic-light", "--json", "--compare", str(ref))
    comp = doc["comparison"]
    assert comp["years"] == [2024] and comp["reference_years"] == [2024]
    need = {"Satunnainen tarve", "Laajempi tarve", "Suuri tarve"}
    rows = [r for r in comp["rows"] if r["segment"] not in need]
    assert {r["segment"] for r in rows} >= {"Lapset ja nuoret", "Työikäiset", "Iäkkäät"}
    # a small group's (and its complement's) €/resident and its segment's shares are hidden in either store;
    # the complements can differ (the need segments, in the same lines, differ)
    both = [r for r in rows if r["eur_per_resident"] is not None and r["reference_eur_per_resident"] is not None]
    assert len(both) >= len(rows) // 2
    for row in both:
        assert row["reference_eur_per_resident"] == pytest.approx(row["eur_per_resident"], abs=0.02)
    for row in rows:
        if row["cost_share"] is not None and row["reference_cost_share"] is not None:
            assert row["reference_cost_share"] == pytest.approx(row["cost_share"], abs=0.01)
    own = {(r["segment"], r["level"]): r for r in doc["rows"]}
    for row in comp["rows"]:  # hidden where the own table hides the cell
        if privacy.is_hidden_mark(own[(row["segment"], row["level"])]["clients"]):
            assert row["eur_per_resident"] is None and row["cost_share"] is None
