"""Personnel (`staff`) and finance with cost centres: Finnish, Swedish and English headers, bad cells
named by line and column, nothing stored from a refused file, and the schema-3 upgrade of finance."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.core.errors import UserError
from desktop.services.importing import import_file, plan_import
from desktop.store import Store
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.tables import imports as imports_tables


def _staff(store):
    with store.read() as conn:
        return [(r.cost_centre, r.professional_group, r.year, r.month, r.fte, r.wages_eur, r.employees)
                for r in conn.execute(select(imports_tables.staff).order_by(imports_tables.staff.c.id))]


def test_finnish_staff_file(store, data):
    plan = plan_import(store, data / "staff_htv.csv")
    assert plan.kind == "staff"  # guessed from the headers
    assert plan.mapping == {"cost_centre": "Kustannuspaikka", "professional_group": "Ammattiryhmä", "year": "Vuosi",
                            "month": "Kuukausi", "fte": "Htv", "wages_eur": "Palkat", "employees": "Henkilöt"}
    result = import_file(store, data / "staff_htv.csv")
    assert (result.kind, result.rows, result.rejected) == ("staff", 3, 0)
    assert _staff(store) == [
        ("2538 Neuvolat", "terveydenhoitaja", 2024, None, 12.5, 612000.0, 14.0),
        ("2538 Neuvolat", "lääkäri", 2024, None, 1.5, 180000.5, 2.0),
        ("2536 Vastaanotot", "sairaanhoitaja", 2024, 3, 4.0, None, None),
    ]


@pytest.mark.parametrize("header", [
    "Kostnadsställe;Yrkesgrupp;År;Årsverken;Löner",
    "Cost centre;Profession;Year;FTE;Wages",
    "Yksikkö;Nimike;Vuosi;Henkilötyövuodet;Palkkakulut",
])
def test_swedish_and_english_headers(store, tmp_path, header):
    path = tmp_path / "hr.csv"
    path.write_text(header + "\nKP1;sairaanhoitaja;2024;2,5;100000\n", encoding="utf-8")
    assert import_file(store, path).kind == "staff"
    assert _staff(store) == [("KP1", "sairaanhoitaja", 2024, None, 2.5, 100000.0, None)]


def test_bad_staff_cells_are_named_and_nothing_is_stored(store, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text("Kustannuspaikka;Ammattiryhmä;Vuosi;Kuukausi;Htv\nKP1;lääkäri;2024;13;1\n;lääkäri;2024;;x\n"
                    "KP2;hoitaja;2024;;-1\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        import_file(store, path)
    problems = "\n".join(info.value.problems)
    assert "rivi 2, sarake Kuukausi: '13' ei ole kuukausi (1-12)" in problems
    assert "rivi 3, sarake Kustannuspaikka: kustannuspaikka puuttuu" in problems
    assert "rivi 3, sarake Htv: 'x' ei ole luku" in problems
    assert "rivi 4, sarake Htv: '-1' on negatiivinen" in problems
    assert _staff(store) == []


def test_finance_keeps_the_cost_centre(store, data):
    import_file(store, data / "finance_cost_centres.csv")
    with store.read() as conn:
        rows = [(r.cost_centre, r.aura_code, r.year, r.cost_eur) for r in conn.execute(select(imports_tables.finance))]
    assert rows == [("2538 Neuvolat", "2538", 2024, 1250000.0), ("2536 Vastaanotot", "2536", 2024, 3400000.25)]


def test_cli_imports_and_exports_staff(tmp_path, data, capsys):
    path = tmp_path / "a.sote"
    assert main(["import", str(path), "staff", str(data / "staff_htv.csv")]) == 0
    out = tmp_path / "staff.csv"
    assert main(["export", str(path), "staff", str(out)]) == 0
    copy = tmp_path / "b.sote"
    assert main(["import", str(copy), "staff", str(out)]) == 0
    capsys.readouterr()
    a, b = Store.open(path, readonly=True), Store.open(copy, readonly=True)
    try:
        assert _staff(a) == _staff(b)
    finally:
        a.close()
        b.close()


def test_schema_2_store_gets_the_cost_centre_column(tmp_path, data):
    path = tmp_path / "v2.sote"
    Store.create(path).close()
    con = sqlite3.connect(path)  # make it look like schema 2: no cost centre, no staff table
    con.execute("ALTER TABLE finance DROP COLUMN cost_centre")
    con.execute("DROP TABLE staff")
    con.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    con.commit()
    con.close()
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        import_file(store, data / "finance_cost_centres.csv")
        import_file(store, data / "staff_htv.csv")
        assert len(_staff(store)) == 3
    finally:
        store.close()
