"""`sote-planner segments`: the report JSON, export and import of the rules, defaults of a new store."""

from __future__ import annotations

import json

import pytest
from event_frames import demo_like_records, single_year_population, write_store
from team_places import BACKENDS, project_target

from desktop.cli import main
from desktop.core.segments import default_segments

pytest.importorskip("desktop.services.classification")

RECORDS = demo_like_records()


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """The same store as a file and as a team project on the test server: the same figures."""
    target = project_target(request, tmp_path_factory.mktemp("seg"), "alue")
    return str(write_store(target, RECORDS, single_year_population()))


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_new_store_has_the_default_segments_and_need_thresholds(tmp_path):
    from desktop.services.new_project import create_project
    from desktop.services.segments import load_segments, need_thresholds

    st = create_project(tmp_path / "uusi.sote")
    try:
        assert load_segments(st) == default_segments()
        assert need_thresholds(st).high_eur > need_thresholds(st).wider_eur > 0
    finally:
        st.close()


def test_report_json_counts_each_person_once(store, capsys):
    doc = run_json(capsys, "segments", store, "--year", "2024", "--project-to", "2030", "--json")
    assert doc["year"] == 2024 and doc["years"] == [2023, 2024]
    persons_2024 = {r["person_id"] for r in RECORDS if r["date"] >= 19723}
    assert doc["total_persons"] == len(persons_2024) == doc["clients"]
    by_name = {s["name"]: s for s in doc["segments"]}
    assert [s["name"] for s in doc["segments"]] == [s.name for s in default_segments()]
    ages = by_name["Lapset ja nuoret"], by_name["Työikäiset"], by_name["Iäkkäät"]
    shown = [a["persons"] for a in ages if a["persons"] != "<5"]
    assert sum(shown) <= len(persons_2024)
    need = [by_name[n]["persons"] for n in ("Satunnainen tarve", "Laajempi tarve", "Suuri tarve")]
    assert sum(n for n in need if n != "<5") <= len(persons_2024)
    kids = by_name["Lapset ja nuoret"]
    if kids["persons"] != "<5":
        # 0-17 of three municipalities, both sexes, 20 residents per single year of age
        assert kids["residents"] == pytest.approx(3 * 2 * 18 * 20)
        assert kids["share_of_population"] == pytest.approx(kids["persons"] / kids["residents"])
        # the forecast has 10 % more residents in every band: projected = 1.1 x base clients
        assert kids["projected"]["2030"] == round(1.1 * kids["persons"])
    for row in doc["overlaps"]:
        # "..": hidden so that a small combination cannot be taken from the overlap (test_segment_overlaps)
        assert row["persons"] in ("<5", "..") or row["persons"] == 0 or row["persons"] >= 5
    assert len(doc["overlaps"]) == 9 * 8 // 2
    assert doc["projection"] == {"base_year": 2024, "years": [2030]}


def test_small_segments_are_suppressed(store, capsys):
    doc = run_json(capsys, "segments", store, "--json")
    for s in doc["segments"]:
        assert s["persons"] == "<5" or s["persons"] == 0 or s["persons"] >= 5
        if s["persons"] == "<5":
            assert s["events"] is None and s["cost_eur"] is None


def test_export_import_round_trip_json_and_xlsx(store, tmp_path, capsys):
    for suffix in ("json", "xlsx"):
        path = tmp_path / f"segmentit.{suffix}"
        assert main(["segments", "export", store, str(path)]) == 0
        assert path.exists()
        assert main(["segments", "import", store, str(path), "--json"]) == 0
        out = capsys.readouterr().out.strip().splitlines()[-1]
        result = json.loads(out)
        assert result["updated"] == 9 and result["added"] == 0
    # edits are made to the newest export: a file exported before the saves above is refused (#17)
    assert main(["segments", "export", store, str(tmp_path / "segmentit.json")]) == 0
    capsys.readouterr()
    doc = json.loads((tmp_path / "segmentit.json").read_text(encoding="utf-8"))
    doc["segments"].append({"name": "Nuoret 18-24", "kind": "population",
                            "condition": {"type": "age", "min": 18, "max": 24, "at": "year_end"}})
    (tmp_path / "lisatty.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["segments", "import", store, str(tmp_path / "lisatty.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 1
    report = run_json(capsys, "segments", store, "--json")
    assert report["segments"][-1]["name"] == "Nuoret 18-24"
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "segmentit.xlsx")["Segmentit"]
    assert ws.cell(2, 1).value == "Lapset ja nuoret"
    assert json.loads(ws.cell(2, 5).value) == {"type": "age", "min": 0, "max": 17, "at": "year_end"}


def test_bad_import_changes_nothing_and_exits_2(store, tmp_path, capsys):
    bad = tmp_path / "huono.json"
    bad.write_text(json.dumps({"segments": [{"name": "X", "condition": {"type": "age", "min": 9, "max": 1}}]}),
                   encoding="utf-8")
    before = run_json(capsys, "segments", store, "--json")["segments"]
    assert main(["segments", "import", store, str(bad)]) == 2
    assert "huono.json" in capsys.readouterr().err
    assert run_json(capsys, "segments", store, "--json")["segments"] == before
    assert main(["segments", "export", store]) == 2
    assert main(["segments", store, "--year", "1990"]) == 2
