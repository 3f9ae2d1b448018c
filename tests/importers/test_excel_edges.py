"""Excel workbooks through the command line (issue #15): memory bounded by the declared and actual
extent of each sheet and the unpacked sizes, formulas without saved results refused (never read as
0 or empty), a cover page passed over, and several data sheets answered with the list and --sheet."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import openpyxl

from desktop.cli import main

INPUTS = Path(__file__).resolve().parent.parent / "data" / "inputs"


def _import(capsys, project: Path, path: Path, *extra: str, kind: str = "finance") -> tuple[int, str]:
    code = main(["import", str(project), kind, str(path), *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def _costs(project: Path) -> list[tuple]:
    con = sqlite3.connect(project)
    try:
        return con.execute("SELECT aura_code, year, cost_eur FROM finance ORDER BY aura_code").fetchall()
    finally:
        con.close()


def test_sparse_corner_cell_refused_without_allocating(tmp_path, capsys):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "AURA-koodi"
    wb.active["XFD1048576"] = 1  # the last cell Excel has: a 17-billion-cell block for the reader
    path = tmp_path / "kulma.xlsx"
    wb.save(path)
    assert path.stat().st_size < 10_000
    code, err = _import(capsys, tmp_path / "p.sote", path)
    assert code == 2 and "1048576 riville ja 16384 sarakkeeseen" in err and "ei mahdu muistiin" in err
    assert not (tmp_path / "p.sote").exists()


def test_extent_found_in_the_xml_when_the_dimension_understates_it(tmp_path, capsys):
    # the sheet claims A1:P2, but its second row is row 1 200 000 of 16 columns: the reader would hold
    # 19 million cells; the rows of the XML are looked at, not only its claim
    path = tmp_path / "vale.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    cells = "".join(f'<c r="{chr(65 + j)}1200000"><v>1</v></c>' for j in range(16))
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:P2"', sheet)
    sheet = sheet.replace("</sheetData>", f'<row r="1200000">{cells}</row></sheetData>')
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    code, err = _import(capsys, tmp_path / "p.sote", path)
    assert code == 2 and "1200000 riville" in err and "ei mahdu muistiin" in err


def test_unpacked_size_checked_before_reading(tmp_path, capsys):
    # a member that unpacks a thousand times larger than it is packed (over 64 MB): refused from the zip directory
    path = tmp_path / "pommi.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/image1.bin", b"\0" * (80 << 20))
    code, err = _import(capsys, tmp_path / "p.sote", path)
    assert code == 2 and "liian suuri" in err


def test_formulas_without_saved_results_refused(tmp_path, capsys):
    for name, cells in (("finance_formulas.xlsx", "E2, E3, E4, E5, E6 ..."), ("finance_formulas_zero.xlsx", "C2, C3")):
        code, err = _import(capsys, tmp_path / f"{name}.sote", INPUTS / name)
        assert code == 2, err
        assert "10 kaavasolua" in err and cells in err and "Mitään ei tallennettu" in err
        assert not (tmp_path / f"{name}.sote").exists()


def test_formulas_with_results_saved_by_excel_are_read(tmp_path, capsys):
    # the same workbook as Excel saves it: each formula with its calculated result, no recalculation flag
    path = tmp_path / "laskettu.xlsx"
    with zipfile.ZipFile(INPUTS / "finance_formulas_zero.xlsx") as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    sheet = re.sub(rb"<f>10\.5\*(\d+)</f><v>0</v>", lambda m: b"<f>10.5*" + m.group(1) + b"</f><v>"
                   + str(10.5 * int(m.group(1))).encode() + b"</v>", sheet)
    members["xl/worksheets/sheet1.xml"] = sheet
    members["xl/workbook.xml"] = re.sub(rb'\s*fullCalcOnLoad="1"', b"", members["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    code, err = _import(capsys, tmp_path / "p.sote", path)
    assert code == 0, err
    costs = _costs(tmp_path / "p.sote")
    assert len(costs) == 10 and sum(c for _a, _y, c in costs) == 10.5 * sum(range(2, 12))


def test_cover_page_passed_over(tmp_path, capsys):
    code, err = _import(capsys, tmp_path / "p.sote", INPUTS / "finance_cover_page.xlsx")
    assert code == 0, err
    assert _costs(tmp_path / "p.sote") == [("A1", 2024, 1234.5), ("A2", 2024, 85.2), ("A3", 2024, 12000.0)]


def test_several_data_sheets_listed_and_sheet_option(tmp_path, capsys):
    code, err = _import(capsys, tmp_path / "p.sote", INPUTS / "finance_two_sheets.xlsx")
    assert code == 2
    assert "Kansilehti, Kustannukset, Kustannukset 2023" in err and "--sheet" in err
    code, err = _import(capsys, tmp_path / "p.sote", INPUTS / "finance_two_sheets.xlsx", "--sheet", "Kustannukset 2023")
    assert code == 0, err
    assert _costs(tmp_path / "p.sote") == [("A1", 2023, 1000.0)]


def test_number_cells_are_numbers_whatever_their_digits(tmp_path, capsys):
    # 1.234 typed as a number in Excel is the number 1.234: no decimal mark to decide
    wb = openpyxl.Workbook()
    wb.active.append(["AURA-koodi", "Vuosi", "Kustannus"])
    wb.active.append(["A1", 2024, 1.234])
    wb.active.append(["A2", 2024, 2.5])
    path = tmp_path / "luvut.xlsx"
    wb.save(path)
    code, err = _import(capsys, tmp_path / "p.sote", path)
    assert code == 0, err
    assert _costs(tmp_path / "p.sote") == [("A1", 2024, 1.234), ("A2", 2024, 2.5)]


def test_unrecognised_data_sheet_names_the_sheets(tmp_path, capsys):
    # the data sheet's headers are not recognised: the refusal names the sheet read and the others
    wb = openpyxl.Workbook()
    wb.active.title = "Kansilehti"
    wb.active.append(["Raportti", "2024"])
    wb.active.append(["Laatija", "Talous"])
    data = wb.create_sheet("Data")
    data.append(["Rivi", "Jakso", "Euroa"])
    data.append(["A1", 2024, 10])
    path = tmp_path / "tuntematon.xlsx"
    wb.save(path)
    code, err = _import(capsys, tmp_path / "p.sote", path)
    assert code == 2 and "Luettiin välilehti 'Kansilehti'; työkirjan välilehdet: Kansilehti, Data" in err
    code, err = _import(capsys, tmp_path / "p.sote", path, "--sheet", "Data", "--map", "aura_code=Rivi",
                        "--map", "year=Jakso", "--map", "cost_eur=Euroa")
    assert code == 0, err
