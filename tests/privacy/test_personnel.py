"""Wages of small personnel groups, counted by hand: a group of fewer than five employees hides its
head count and wages, and complementary groups are hidden so that no total minus the shown wages gives
one group's wages, over the whole table cost centre x professional group of which the one-way tables
are margins (a cost centre of one small group is hidden in both)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main

STAFF = """Kustannuspaikka;Ammattiryhmä;Vuosi;Htv;Palkat;Henkilöt
KP-A;lääkäri;2024;2;200000;2
KP-A;sairaanhoitaja;2024;6;250000;7
KP-A;lähihoitaja;2024;5;180000;6
KP-B;sairaanhoitaja;2024;8;330000;9
KP-B;lähihoitaja;2024;10;360000;12
KP-C;ohjaaja;2024;3;110000;5
KP-A;lääkäri;2023;1;90000;1
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("staff")
    (folder / "henkilosto.csv").write_text(STAFF, encoding="utf-8")
    path = folder / "alue.sote"
    assert main(["import", str(path), "staff", str(folder / "henkilosto.csv")]) == 0
    return path


def _json(store, capsys, *args) -> dict:
    capsys.readouterr()
    assert main(["report", str(store), "personnel", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _by(rows, *keys):
    return {tuple(r[k] for k in keys) if len(keys) > 1 else r[keys[0]]: r for r in rows}


def test_professional_groups_hide_a_small_group_and_its_complement(store, capsys):
    doc = _json(store, capsys)
    assert doc["year"] == 2024 and doc["years"] == [2023, 2024]  # the latest year; 2023's lone doctor not in it
    rows = _by(doc["rows"], "professional_group")
    # lähihoitaja 6 + 12, sairaanhoitaja 7 + 9: shown; lääkäri 2: "<5"; ohjaaja 5 hidden as its complement
    # (the smallest other group; it is also all of KP-C, whose total shows in the cost-centre table)
    assert rows["lähihoitaja"]["employees"] == 18 and rows["lähihoitaja"]["wages_eur"] == 540_000
    assert rows["sairaanhoitaja"]["employees"] == 16 and rows["sairaanhoitaja"]["wages_eur"] == 580_000
    assert rows["lääkäri"]["employees"] == "<5" and rows["lääkäri"]["wages_eur"] is None
    assert rows["lääkäri"]["wages_per_fte"] is None and rows["lääkäri"]["fte"] == 2.0  # FTEs stay shown
    assert rows["ohjaaja"]["employees"] == ".." and rows["ohjaaja"]["wages_eur"] is None
    assert doc["total"]["employees"] == 41 and doc["total"]["wages_eur"] == 1_430_000
    # the total minus the shown wages: the two hidden groups together (200 000 + 110 000), never one
    assert doc["total"]["wages_eur"] - 540_000 - 580_000 == 310_000


def test_cost_centres_hide_alike(store, capsys):
    rows = _by(_json(store, capsys, "--by", "cost_centre")["rows"], "cost_centre")
    # KP-C is only its 5 ohjaaja: hidden as in the group table; KP-A then as the line's complement
    assert rows["KP-C"]["employees"] == ".." and rows["KP-C"]["wages_eur"] is None
    assert rows["KP-A"]["employees"] == ".." and rows["KP-A"]["wages_eur"] is None
    assert rows["KP-B"]["employees"] == 21 and rows["KP-B"]["wages_eur"] == 690_000


def test_the_two_way_table_hides_every_cell_a_line_would_give(store, capsys):
    doc = _json(store, capsys, "--by", "cost_centre,professional_group")
    cells = _by(doc["rows"], "cost_centre", "professional_group")
    # KP-A's doctors "<5"; KP-A lähihoitaja (6, the smallest other of KP-A); KP-C ohjaaja (the group's
    # only cell, hidden in the group totals); then KP-B lähihoitaja (lähihoitaja's line), KP-B sairaanhoitaja
    # (KP-B's line) and KP-A sairaanhoitaja (sairaanhoitaja's line): every cell
    assert cells[("KP-A", "lääkäri")]["employees"] == "<5"
    assert all(cells[k]["employees"] == ".." and cells[k]["wages_eur"] is None for k in cells if k[1] != "lääkäri")
    assert len(cells) == 6
    centres = _by(doc["totals"]["cost_centre"], "cost_centre")
    groups = _by(doc["totals"]["professional_group"], "professional_group")
    assert [centres[c]["employees"] for c in ("KP-A", "KP-B", "KP-C")] == ["..", 21, ".."]
    assert [groups[g]["employees"] for g in ("lähihoitaja", "lääkäri", "ohjaaja", "sairaanhoitaja")] == [
        18, "<5", "..", 16]
    assert doc["total"]["wages_eur"] == 1_430_000


def test_csv_and_text_show_the_same(store, tmp_path, capsys):
    out = tmp_path / "henkilosto.csv"
    assert main(["report", str(store), "personnel", "--by", "professional_group", "--csv", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "540" in text and "580" in text and "1430000" in text.replace(" ", "").replace("\u00a0", "")
    assert "200000" not in text.replace(" ", "") and "110000" not in text.replace(" ", "")
    assert "Yhteensä" in text
    capsys.readouterr()
    assert main(["report", str(store), "personnel"]) == 0
    printed = capsys.readouterr().out
    assert "200\u00a0000" not in printed and "110\u00a0000" not in printed and "1\u00a0430\u00a0000" in printed
    assert main(["report", str(store), "personnel", "--by", "cost_centre,service"]) == 2
    assert "professional_group" in capsys.readouterr().err


def test_a_year_without_personnel_is_refused(store, capsys):
    assert main(["report", str(store), "personnel", "--year", "2020"]) == 2
    assert "2023, 2024" in capsys.readouterr().err


def test_xlsx_holds_no_hidden_wages(store, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "henkilosto.xlsx"
    assert main(["report", str(store), "personnel", "--by", "cost_centre,professional_group", "--xlsx", str(out)]) == 0
    cells = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    numbers = {v for v in cells if isinstance(v, int | float)}
    assert {690_000, 540_000, 580_000, 1_430_000} <= numbers  # KP-B, the two large groups, the total
    assert not numbers & {200_000, 250_000, 180_000, 330_000, 360_000, 110_000, 630_000}  # cells, KP-A, KP-C
    assert cells.count("<5") == 2 and "Yhteensä" in cells
