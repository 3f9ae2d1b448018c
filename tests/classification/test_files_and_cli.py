"""Excel and JSON round trips, validation of bad files, and the `classification` command."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from desktop.analysis.classify_io import read_json, read_xlsx, write_json, write_xlsx
from desktop.cli import main
from desktop.core.errors import UserError
from desktop.core.rules import Condition
from desktop.services.classification import default_classification, load_versions
from tests.classification.helpers import event, store_with_events


def rich_classification():
    c = default_classification()
    c.rules[0].enabled = False
    c.rules[1].conditions.append(Condition("age", "between", low=0, high=17.5))
    c.rules[2].conditions.append(Condition("special_law", "is_empty"))
    c.rules[3].conditions = []  # a rule without conditions
    return c


@pytest.mark.parametrize("suffix", ["xlsx", "json"])
def test_round_trip_changes_nothing(tmp_path, suffix):
    c = rich_classification()
    path = tmp_path / f"luokitus.{suffix}"
    (write_xlsx if suffix == "xlsx" else write_json)(c, path)
    back = (read_xlsx if suffix == "xlsx" else read_json)(path)
    assert back.to_dict() == c.to_dict()


def test_excel_is_readable_one_sheet_for_services_one_for_rules(tmp_path):
    path = tmp_path / "l.xlsx"
    write_xlsx(default_classification(), path)
    wb = load_workbook(path, read_only=True)
    assert {"Palvelut", "Säännöt"} <= set(wb.sheetnames)
    rules = [r for r in wb["Säännöt"].iter_rows(values_only=True)]
    assert rules[0][:8] == ("Sääntö", "Laji", "Palvelu", "Taso", "Käytössä", "Kenttä", "Ehto", "Arvot")
    neuvola = [r for r in rules[1:] if r[2] == "NEUVOLA"]
    assert ("Palvelumuoto", "on jokin", "T21, T22") in [r[5:8] for r in neuvola]
    assert any(r[1] == "taso" and r[3] == "keltainen" and r[7] == "OAA42, OAA43, OAA49" for r in neuvola)
    wb.close()


def test_bad_excel_names_sheet_row_and_column(tmp_path):
    from openpyxl import load_workbook as load

    path = tmp_path / "bad.xlsx"
    write_xlsx(default_classification(), path)
    wb = load(path)
    ws = wb["Säännöt"]
    ws.cell(row=3, column=6).value = "Kengännumero"  # unknown field
    ws.cell(row=4, column=7).value = "on melkein"  # unknown operator
    wb["Palvelut"].cell(row=2, column=6).value = "sininen"  # unknown level
    wb.save(path)
    with pytest.raises(UserError) as err:
        read_xlsx(path)
    text = str(err.value)
    assert "taulukko 'Säännöt', rivi 3, sarake 'Kenttä'" in text and "Kengännumero" in text
    assert "taulukko 'Säännöt', rivi 4, sarake 'Ehto'" in text
    assert "taulukko 'Palvelut', rivi 2, sarake 'Oletustaso'" in text


def test_bad_json_is_refused_with_location(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "sote-planner-classification", "valid_from": 2024,', encoding="utf-8")
    with pytest.raises(UserError, match="rivillä 1"):
        read_json(path)
    data = default_classification().to_dict()
    data["rules"][0]["service"] = "EI-OLE"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError) as err:
        read_json(path)
    assert "tuntematon palvelu EI-OLE" in str(err.value)


def test_cli_export_import_check(place, tmp_path, capsys):
    db = place.target("t")  # a file and a team project on the test server: the same figures
    rows = [event(person_id=f"p{i}", service_form="T11", professional_group="lääkäri") for i in range(6)]
    rows += [event(person_id="q0", service_form="T98", service_code="OUTO", cost_eur=250.0)]
    rows += [event(person_id=f"r{i}", service_form="T99", service_code="MUU", cost_eur=20.0) for i in range(5)]
    store = store_with_events(db, rows)
    store.close()
    xlsx, js = str(tmp_path / "l.xlsx"), str(tmp_path / "l.json")
    assert main(["classification", "export", db, xlsx]) == 0
    assert main(["classification", "export", db, js]) == 0
    capsys.readouterr()
    assert main(["classification", "import", db, xlsx, "--valid-from", "2025", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["valid_from"] == 2025
    assert main(["classification", "check", db, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == 2025
    assert report["coverage"]["events"] == 12 and report["coverage"]["events_classified"] == 6
    assert report["coverage"]["persons_unclassified"] == 6
    # one person: shown as a small group, their euros hidden; the other combination with them (its euros
    # would give theirs as the unclassified euros - its own)
    muu, outo = report["unclassified"]
    assert outo["service_code"] == "OUTO" and outo["persons"] == "<5" and outo["euros"] is None
    assert muu["service_code"] == "MUU" and muu["persons"] == ".." and muu["euros"] is None
    assert main(["classification", "check", db]) == 0
    assert "50.0%" in capsys.readouterr().out

    # a bad file: exit 2, nothing changed
    bad = tmp_path / "bad.json"
    data = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    data["services"][0]["structure"] = "teltta"
    bad.write_text(json.dumps(data), encoding="utf-8")
    from desktop.store import open_store

    with open_store(db, readonly=True) as s:
        before = [v.to_dict() for v in load_versions(s)]
    assert main(["classification", "import", db, str(bad)]) == 2
    assert "teltta" in capsys.readouterr().err
    with open_store(db, readonly=True) as s:
        assert [v.to_dict() for v in load_versions(s)] == before
    assert main(["classification", "import", db, str(tmp_path / "puuttuu.xlsx")]) == 2
    assert main(["classification", "export", db, str(tmp_path / "l.csv")]) == 2


def test_compare_versions_what_changed_and_effect(place, capsys):
    from desktop.services.classification import save_classification

    db = place.target("t")  # a file and a team project on the test server: the same figures
    rows = [event(service_form="T21", visit_nature="TH", reasons="Z34", cost_eur=10.0),
            event(service_form="T21", visit_nature="SH", cost_eur=20.0),
            event(service_form="T11", professional_group="lääkäri", cost_eur=40.0)]
    rows = [{**r, "person_id": f"p{k}"} for k in range(5) for r in rows]  # five persons: no group under five
    store = store_with_events(db, rows + [event(person_id="q", service_form="T99", cost_eur=7.0)])
    try:
        new = default_classification()
        new.valid_from = 2025
        neuvola = new.service("NEUVOLA")
        neuvola.level_rules = neuvola.level_rules[1:]  # sickness care at the clinic no longer yellow
        doctor_rule = new.rules_of("VO-LÄÄK")[0]
        doctor_rule.enabled = False
        save_classification(store, new)
    finally:
        store.close()
    assert main(["classification", "compare", db, "2023", "2025", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["services_changed"] == [{"service": "NEUVOLA", "changes": {"level_rules": [2, 1]}}]
    assert [r["service"] for r in report["rules_changed"]] == ["VO-LÄÄK"]
    assert not report["rules_added"] and not report["rules_removed"] and not report["rules_moved"]
    effect = report["effect"]
    # event 2 (SH) turns green; event 3 is taken by the nurse's reception rule (T11) instead: green
    assert effect["levels_before"]["yellow"] == {"events": 10, "euros": 300.0, "persons": 5}
    assert effect["levels_after"]["yellow"] == {"events": 0, "euros": 0.0, "persons": 0}
    assert effect["service_changed"] == 5 and effect["level_changed"] == 10
    # one person's unclassified event: hidden, and the smallest other level with it (the levels add up to
    # all events, shown): green before (5 persons, 50 €), green after (5 persons, 350 €: the only other one)
    for when in ("levels_before", "levels_after"):
        assert effect[when]["unclassified"] == {"events": None, "euros": None, "persons": "<5"}
        assert effect[when]["green"] == {"events": None, "euros": None, "persons": ".."}
    assert effect["events"] == 16
    assert main(["classification", "compare", db, "2023", "2025"]) == 0
    assert "Muutettu sääntö" in capsys.readouterr().out
    assert main(["classification", "compare", db, "2023", "1999"]) == 2
