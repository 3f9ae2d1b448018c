"""FTEs, ledger euros, contacts per FTE and euros per contact in `report traffic-light --json`, and
`report reconciliation --json`, on a small store counted by hand (tests/resources/helpers.py)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main

from .helpers import write_resource_store

NEUVOLA, VO_L, VO_H, KOTI = ("Äitiys- ja lastenneuvolapalvelut", "Lääkärin vastaanotto", "Hoitajan vastaanotto",
                             "Kotihoito")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(write_resource_store(tmp_path_factory.mktemp("res") / "alue.sote"))


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_traffic_light_rows_and_totals_gain_the_resource_measures(store, capsys):
    doc = run_json(capsys, "report", store, "traffic-light", "--by", "service", "--year", "2024", "--json")
    rows = {(r["service"], r["level"]): r for r in doc["rows"]}
    assert set(rows) == {(NEUVOLA, "green"), (VO_L, "yellow"), (VO_H, "green"), (KOTI, "yellow")}
    # NEUVOLA: KP-NEU's 3 FTE follow its ledger (2538); 1000 ledger euros; 6 contacts
    assert rows[(NEUVOLA, "green")]["fte"] == 3.0 and rows[(NEUVOLA, "green")]["ledger_eur"] == 1000.0
    assert rows[(NEUVOLA, "green")]["contacts_per_fte"] == 2.0
    assert rows[(NEUVOLA, "green")]["eur_per_contact"] == pytest.approx(166.67)
    # VO-LÄÄK: doctors 2 + half of 4 nurses; 2536's 960 € split by event euros 300 : 180
    assert rows[(VO_L, "yellow")]["fte"] == 4.0 and rows[(VO_L, "yellow")]["ledger_eur"] == 600.0
    assert rows[(VO_L, "yellow")]["contacts_per_fte"] == 1.5 and rows[(VO_L, "yellow")]["eur_per_contact"] == 100.0
    assert rows[(VO_H, "green")]["fte"] == 2.0 and rows[(VO_H, "green")]["ledger_eur"] == 360.0
    # KOTIHOITO: no staff allocated (KP-KH has no rule), 500 ledger euros over 10 contacts
    assert rows[(KOTI, "yellow")]["fte"] == 0.0 and rows[(KOTI, "yellow")]["contacts_per_fte"] is None
    assert rows[(KOTI, "yellow")]["eur_per_contact"] == 50.0
    totals = doc["totals"]
    assert totals["fte"] == 9.0 and totals["unallocated_fte"] == 11.0  # KP-KH 10, KP-X's 1 to TPA without events
    assert totals["ledger_eur"] == 2460.0 and totals["unallocated_ledger_eur"] == 100.0  # 2900 has no services
    assert totals["fte"] + totals["unallocated_fte"] == 3 + 2 + 4 + 10 + 1  # what was imported
    assert totals["ledger_eur"] + totals["unallocated_ledger_eur"] == 1000 + 960 + 500 + 100
    assert totals["contacts_per_fte"] == pytest.approx(28 / 9, abs=0.01)
    assert totals["eur_per_contact"] == pytest.approx(2460 / 28, abs=0.01)
    levels = {r["level"]: r for r in totals["levels"]}
    assert (levels["green"]["fte"], levels["yellow"]["fte"], levels["red"]["fte"]) == (5.0, 4.0, 0.0)


def test_segment_rows_carry_the_resource_measures_of_their_members(store, capsys):
    doc = run_json(capsys, "report", store, "traffic-light", "--by", "segment", "--json")
    children = {r["level"]: r for r in doc["rows"] if r["segment"] == "Lapset ja nuoret"}
    assert children["green"]["fte"] == 3.0 and children["green"]["ledger_eur"] == 1000.0
    elderly = {r["level"]: r for r in doc["rows"] if r["segment"] == "Iäkkäät"}
    assert elderly["yellow"]["ledger_eur"] == 500.0 and elderly["yellow"]["clients"] == 5


def test_small_groups_hide_the_resource_measures(store, capsys):
    doc = run_json(capsys, "report", store, "traffic-light", "--by", "service,municipality", "--json")
    rows = {(r["service"], r["municipality"]): r for r in doc["rows"]}
    for muni in ("179", "182"):  # home care: 4 clients in 179, 1 in 182
        row = rows[(KOTI, muni)]
        assert row["clients"] == "<5"
        assert row["ledger_eur"] is None and row["eur_per_contact"] is None and row["fte"] is None
    # 6 clients, but hidden with its resource measures as a complement of the hidden home-care cells
    # (secondary suppression: a total minus the shown cells must not give a small group's figures)
    assert rows[(NEUVOLA, "179")]["clients"] == ".." and rows[(NEUVOLA, "179")]["fte"] is None


def test_reconciliation_per_aura_class(store, capsys):
    doc = run_json(capsys, "report", store, "reconciliation", "--json")
    rows = {r["aura_code"]: r for r in doc["rows"]}
    assert set(rows) == {"2538", "2536", "2235", "2900"}
    assert rows["2538"] == {"year": 2024, "aura_code": "2538", "aura_name": "Äitiys- ja lastenneuvolapalvelut",
                            "ledger_eur": 1000.0, "clients": 6, "event_eur": 600.0, "coverage_pct": 60.0,
                            "difference_eur": 400.0}
    assert (rows["2536"]["event_eur"], rows["2536"]["coverage_pct"]) == (480.0, 50.0)
    assert (rows["2235"]["event_eur"], rows["2235"]["coverage_pct"]) == (400.0, 80.0)
    assert (rows["2900"]["event_eur"], rows["2900"]["coverage_pct"], rows["2900"]["difference_eur"]) == (0.0, 0.0, 100.0)
    assert doc["totals"] == [{"year": 2024, "ledger_eur": 2560.0, "clients": 23, "event_eur": 1480.0,
                              "coverage_pct": 57.81, "difference_eur": 1080.0}]


def test_reconciliation_without_ledger_or_for_a_missing_year_exits_2(store, tmp_path, capsys):
    assert main(["report", store, "reconciliation", "--year", "2019", "--json"]) == 2
    assert "Vuodelta 2019 ei ole kirjanpidon rivejä" in capsys.readouterr().err
    empty = tmp_path / "tyhja.sote"
    assert main(["import", str(empty), "events", "/dev/null"]) == 2
    capsys.readouterr()
    from desktop.services.new_project import create_project

    create_project(tmp_path / "uusi.sote").close()
    assert main(["report", str(tmp_path / "uusi.sote"), "reconciliation", "--json"]) == 2
    assert "ei ole talouden" in capsys.readouterr().err
