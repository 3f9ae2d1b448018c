"""`sote-planner measures`: listing, JSON, import/export, chart, and exit 2 on a bad file."""

import json

import pytest
from openpyxl import Workbook
from team_places import BACKENDS, project_target

from desktop.cli import main
from desktop.services import measures as svc
from desktop.services.new_project import create_project


@pytest.fixture(params=BACKENDS)
def seeded(request, tmp_path):
    """The seed's measures in a file and in a team project on the test server."""
    path = project_target(request, tmp_path, "p")
    store = create_project(path)
    svc.install_seed_example(store)
    store.close()
    return path


def test_json_lists_goals_areas_measures_with_latest_rating(seeded, capsys):
    assert main(["measures", str(seeded), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["goals"]) == 5 and len(out["focus_areas"]) == 3 and len(out["measures"]) == 97
    assert out["months"] == ["2020-10", "2020-11", "2020-12"]
    first = out["measures"][0]
    assert first["name"] == "Hoidon- ja palvelutarpeen arvioinnin kehittäminen"
    assert first["latest"] == {"month": "2020-10", "rating": 2, "label": "2 suunnitellaan"}
    assert first["history"] == [{"month": "2020-10", "rating": 2}]


def test_text_listing(seeded, capsys):
    assert main(["measures", str(seeded)]) == 0
    out = capsys.readouterr().out
    assert "Kustannusten nousun hillitseminen" in out
    assert "- Omaolo käyttöönotetaan maakunnalliseksi: 3 kuvattu (toimintamalli) (lokakuu\u00a02020)" in out
    assert "Seuratut kuukaudet: 10/2020, 11/2020, 12/2020" in out  # months as the formatter writes them


def test_export_import_round_trip_and_history(seeded, tmp_path, capsys):
    xlsx = tmp_path / "arviot.xlsx"
    assert main(["measures", "export", str(seeded), str(xlsx)]) == 0
    # the planner rates April 2021 in Excel: add a month column, rate the first measure 4
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    ws = wb["Arviot"]
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value=2021)
    ws.cell(row=2, column=col, value=4)
    ws.cell(row=3, column=col, value=4)
    wb.save(xlsx)
    capsys.readouterr()
    assert main(["measures", "import", str(seeded), str(xlsx), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["measures_added"] == 0
    assert main(["measures", str(seeded), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["measures"][0]
    assert first["history"] == [{"month": "2020-10", "rating": 2}, {"month": "2021-04", "rating": 4}]
    assert first["latest"]["label"] == "4 pilotoidaan"


def test_bad_file_exits_2_naming_the_cell(seeded, tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.title = "Arviot"
    for row in (["Hyötytavoite", "Kärki", "Kehittämistoimenpide", 2020], [None, None, None, 10],
                ["Kustannusten nousun hillitseminen", "Uusi kärki", "Uusi", 9]):
        ws.append(row)
    wb.save(tmp_path / "bad.xlsx")
    assert main(["measures", "import", str(seeded), str(tmp_path / "bad.xlsx")]) == 2
    assert "Taulukko 'Arviot', solu D3: arvo 9 ei ole välillä 1-5." in capsys.readouterr().err
    assert main(["measures", str(seeded), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["measures"]) == 97  # nothing was imported
    assert main(["measures", "import", str(seeded)]) == 2


def test_chart_command(seeded, tmp_path):
    assert main(["measures", "chart", str(seeded), str(tmp_path / "g.pdf"), "--kind", "goals"]) == 0
    assert (tmp_path / "g.pdf").read_bytes()[:5] == b"%PDF-"
