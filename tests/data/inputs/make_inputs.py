"""Writes the small edge-case corpus of the input tests (issue #15); the files are committed.

    python tests/data/inputs/make_inputs.py

Every identity code here is fictitious (individual numbers 900-999, computed check characters).
`ttm_jumbo_cut.txt` is the first 40 rows of TravelTimes_to_5878070_Jumbo.txt of the Helsinki Region
Travel Time Matrix 2015 (see README.md). Large or special files (a 50 MB line, a named pipe, a sparse
workbook, damaged projects) are made by the tests themselves.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
TTM = Path("/work/shared/reference-data/hki_ttm2015_shopping/TravelTimes_to_5878070_Jumbo.txt")


def hetu(day: int, month: int, year: int, individual: int) -> str:
    sign = "+" if year < 1900 else "-" if year < 2000 else "A"
    number = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}{sign}{individual:03d}{CHECK[number % 31]}"


FINANCE_HEADER = "AURA-koodi;Vuosi;Kustannus;Tuottaja\r\n"
# decimal comma, whole euros with a dot as thousands separator: the column decides (total 540 203,64)
FINANCE_DOT_THOUSANDS = [
    ("A1", "1.234", 1234.0), ("A2", "85,20", 85.2), ("A3", "12.345,50", 12345.5), ("A4", "2.000", 2000.0),
    ("A5", "524.538,94", 524538.94),
]
# only '1.234'-shaped amounts and whole numbers: nothing in the file tells the decimal mark
FINANCE_AMBIGUOUS = [("A1", "1.234"), ("A2", "85"), ("A3", "2.500"), ("A4", "900")]


def write_bytes(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def events_text(lines: list[str], header: str = "Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Kustannus") -> str:
    return header + "\r\n" + "".join(line + "\r\n" for line in lines)


def _cache_zero(path: Path) -> None:
    """Give every formula of the first sheet the cached value 0 (as XlsxWriter writes them)."""
    import re

    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"(<f>[^<]*</f>)(<v\s*/>|<v></v>)?", rb"\1<v>0</v>", data)
            zf.writestr(info, data)


def main() -> None:
    write_bytes("finance_dot_thousands.csv", (FINANCE_HEADER + "".join(
        f"{code};2024;{text};oma\r\n" for code, text, _v in FINANCE_DOT_THOUSANDS)).encode("cp1252"))
    write_bytes("finance_ambiguous.csv", (FINANCE_HEADER + "".join(
        f"{code};2024;{text};oma\r\n" for code, text in FINANCE_AMBIGUOUS)).encode("cp1252"))
    p1, p2, p3 = hetu(13, 10, 1952, 901), hetu(2, 2, 2015, 902), hetu(31, 12, 1939, 903)
    good = [f"{p1};5.1.2024;179;T11;10,50", f"{p2};6.1.2024;179;T22;20,00", f"{p3};7.1.2024;179;T30;30,00"]
    # malformed codes among valid ones: check character missing, a space inside, unknown century sign G
    bad = ["131052-901;8.1.2024;179;T11;1,00", "131052 -901X;9.1.2024;179;T11;2,00", f"{p1[:6]}G{p1[7:]};10.1.2024;179;T11;3,00"]
    write_bytes("events_malformed_codes.csv", events_text(good + bad + good).encode("utf-8"))
    # Excel's "CSV" with a separator line first
    write_bytes("events_sep_line.csv", ("sep=;\r\n" + events_text(good)).encode("cp1252"))
    # Excel's "Unicode text": UTF-16 LE with BOM, tab separated
    sites = "Toimipistetunnus\tNimi\tTyyppi\tKoko\tX\tY\r\nS1\tÄänekosken sote-keskus\tsote-keskus\tM\t432100\t6945200\r\n" \
            "S2\tJämsän terveysasema\tsote-keskus\tS\t400100\t6880300\r\n"
    write_bytes("sites_unicode_text.txt", b"\xff\xfe" + sites.encode("utf-16-le"))
    # old Mac line ends (CR only)
    write_bytes("sites_cr_only.csv", sites.replace("\t", ";").replace("\r\n", "\r").encode("cp1252"))
    population = "Kunta;Vuosi;Ikä;Sukupuoli;Väestö\n179;2024;0-6;yhteensä;9 876\n179;2024;85+;yhteensä;3 210\n"
    write_bytes("population.csv.gz", gzip.compress(population.encode("utf-8"), mtime=0))
    with zipfile.ZipFile(HERE / "population_in_zip.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("väestö 2024.csv", (2024, 1, 1, 0, 0, 0)), population)
    with zipfile.ZipFile(HERE / "two_csvs.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("a.csv", (2024, 1, 1, 0, 0, 0)), population)
        zf.writestr(zipfile.ZipInfo("b.csv", (2024, 1, 1, 0, 0, 0)), population)
    # a workbook whose first sheet is a cover page, data on the second
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Kansilehti"
    cover["A1"] = "Talousraportti 2024"
    cover["A3"] = "Laatija:"
    cover["B3"] = "Talouspalvelut"
    cover["A4"] = "Päivitetty:"
    cover["B4"] = "15.1.2025"
    cover["A6"] = "Tiedot välilehdellä 'Kustannukset'."
    data = wb.create_sheet("Kustannukset")
    data.append(["AURA-koodi", "Vuosi", "Kustannus", "Tuottaja"])
    for code, cost in (("A1", 1234.5), ("A2", 85.2), ("A3", 12000)):
        data.append([code, 2024, cost, "oma"])
    wb.save(HERE / "finance_cover_page.xlsx")
    # two data sheets after a cover page: which one is meant cannot be told
    wb.create_sheet("Kustannukset 2023").append(["AURA-koodi", "Vuosi", "Kustannus", "Tuottaja"])
    wb["Kustannukset 2023"].append(["A1", 2023, 1000, "oma"])
    wb.save(HERE / "finance_two_sheets.xlsx")
    # cost cells are formulas that were never calculated (openpyxl saves no value for them)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["AURA-koodi", "Vuosi", "Määrä", "Hinta", "Kustannus"])
    for i in range(2, 12):
        ws.append([f"A{i}", 2024, i, 10.5, f"=C{i}*D{i}"])
    wb.save(HERE / "finance_formulas.xlsx")
    # the same as a writer that stores 0 as every formula's result and asks Excel to recalculate on
    # load (XlsxWriter does so): the cached zeros are not figures
    ws = wb.active
    ws.delete_cols(3, 2)
    ws["C1"] = "Kustannus"
    for i in range(2, 12):
        ws[f"C{i}"] = f"=10.5*{i}"
    wb.save(HERE / "finance_formulas_zero.xlsx")
    _cache_zero(HERE / "finance_formulas_zero.xlsx")
    # a cut of the Helsinki Region Travel Time Matrix 2015 (one file holds car, transit and walk)
    if TTM.exists():
        lines = TTM.read_bytes().splitlines(keepends=True)[:41]
        write_bytes("ttm_jumbo_cut.txt", b"".join(lines))


if __name__ == "__main__":
    main()
