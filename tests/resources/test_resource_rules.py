"""Personnel and ledger rules as data: shares typed as text, problems, shadowed rules, and the rules
kept with their classification version in the store and in a JSON file."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import UserError
from desktop.core.resource_rules import (
    ResourceRule,
    ServiceShare,
    parse_shares,
    shadowed_resource_rules,
    shares_text,
)
from desktop.core.rules import Classification
from desktop.services.classification import (
    export_classification,
    import_classification,
    load_versions,
    save_classification,
)
from desktop.store import Store

from .helpers import classification


def test_shares_typed_as_text():
    assert [(s.service, s.share) for s in parse_shares("S1 60, S2=40 %")] == [("S1", 0.6), ("S2", 0.4)]
    assert [(s.service, s.share) for s in parse_shares("S1 25; S2")] == [("S1", 0.25), ("S2", 0.75)]
    assert [(s.service, round(s.share, 4)) for s in parse_shares("S1 33,5")] == [("S1", 0.335)]
    assert shares_text(parse_shares("S1 60, S2 40")) == "S1 60, S2 40"
    with pytest.raises(ValueError):
        parse_shares("S1, S2")


def test_problems_name_the_rule():
    c = classification()
    c.resource_rules += [ResourceRule("cost_centre", "KP7", [ServiceShare("S1", 0.7), ServiceShare("S9", 0.5)]),
                         ResourceRule("aura", "A9", []), ResourceRule("cost_centre", "", [])]
    problems = c.problems()
    assert "henkilöstö- ja taloussääntö 4: tuntematon palvelu S9" in problems
    assert "henkilöstö- ja taloussääntö 4: osuudet ovat yhteensä 120 %, yli 100 %" in problems
    assert "henkilöstö- ja taloussääntö 5: tuntematon AURA-luokka A9" in problems
    assert "henkilöstö- ja taloussääntö 6: kustannuspaikka tai AURA-luokka puuttuu" in problems
    with pytest.raises(UserError):
        c.validate()
    assert classification().problems() == []


def test_shadowed_rules():
    rules = [ResourceRule("cost_centre", "KP2*", [ServiceShare("S1", 1)]),
             ResourceRule("cost_centre", "kp 21", [ServiceShare("S2", 1)]),  # KP2* takes every KP21 row first
             ResourceRule("cost_centre", "KP3", [ServiceShare("S1", 1)], groups=("lääkäri",)),
             ResourceRule("cost_centre", "KP3", [ServiceShare("S2", 1)]),  # takes the other groups: not shadowed
             ResourceRule("cost_centre", "KP3", [ServiceShare("S2", 1)], groups=("hoitaja",)),  # shadowed by the 4th
             ResourceRule("aura", "A1", [ServiceShare("S1", 1)]), ResourceRule("aura", "A1", [])]
    assert shadowed_resource_rules(rules) == {1: 0, 4: 3, 6: 5}


def test_rules_are_saved_with_their_version_and_go_through_json(tmp_path):
    store = Store.create(tmp_path / "a.sote")
    try:
        c = classification()
        c.resource_rules[0].note = "neuvolan ja vastaanoton yhteinen"
        save_classification(store, c)
        save_classification(store, classification(2025, rules=False))
        saved = load_versions(store)
        assert [len(v.resource_rules) for v in saved] == [3, 0]
        assert saved[0].resource_rules == c.resource_rules  # ids, order, shares, groups and note kept
        path = tmp_path / "luokitus.json"
        export_classification(store, path, 2024)
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["resource_rules"][1] == {"id": c.resource_rules[1].id, "basis": "cost_centre", "key": "KP2*",
                                             "enabled": True, "note": "", "shares": [{"service": "S3", "share": 1.0}],
                                             "groups": ["lääkäri"]}
        data["resource_rules"][0]["shares"][0]["share"] = "paljon"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(UserError) as info:
            import_classification(store, path, 2026)
        assert "resource_rules[0]: osuus ei ole luku" in info.value.problems
        assert [v.valid_from for v in load_versions(store)] == [2024, 2025]
    finally:
        store.close()
    assert Classification.from_dict(c.to_dict()).resource_rules == c.resource_rules


def test_rules_go_through_the_excel_workbook(tmp_path):
    from openpyxl import load_workbook

    from desktop.analysis.classify_io import read_classification_file, write_classification_file

    c = classification()
    c.resource_rules[1].note = "lääkärit"
    c.resource_rules[2].enabled = False
    path = tmp_path / "luokitus.xlsx"
    write_classification_file(c, path)
    back = read_classification_file(path)
    assert back.resource_rules == c.resource_rules
    wb = load_workbook(path)
    ws = wb["Henkilöstö ja talous"]
    assert [c.value for c in ws[3]][:6] == [2, "kustannuspaikka", "KP2*", "lääkäri", "S3 100", "kyllä"]
    ws["E2"] = "S1 60, S9"
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_classification_file(path)
    assert "henkilöstö- ja taloussääntö 1: tuntematon palvelu S9" in info.value.problems
    ws["B4"] = "osasto"
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_classification_file(path)
    assert info.value.problems == [
        "taulukko 'Henkilöstö ja talous', rivi 4, sarake 'Peruste': 'osasto' ei ole kustannuspaikka tai AURA-luokka"]
