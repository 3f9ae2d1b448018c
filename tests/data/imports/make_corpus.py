"""Writes the awkward-file corpus of the import tests (run once; the files are committed).

    python tests/data/imports/make_corpus.py

Every personal identity code here is fictitious: individual numbers 900-999 are the range for
temporary and test codes, and the check characters are computed, never copied from a person.
The hki_* / sf_* files are small cuts of /work/shared/reference-data/cases (see README.md).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import struct
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu(day: int, month: int, year: int, individual: int) -> str:
    sign = "+" if year < 1900 else "-" if year < 2000 else "A"
    number = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}{sign}{individual:03d}{CHECK[number % 31]}"


# persons: (code, birth date, sex); odd individual number = man
P1 = hetu(13, 10, 1952, 901)  # man, born 1952-10-13
P2 = hetu(2, 2, 2015, 902)  # woman, born 2015-02-02
P3 = hetu(31, 12, 1939, 903)  # man
P4 = hetu(5, 6, 1988, 904)  # woman


def write(name: str, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (HERE / name).write_bytes(data)


def main() -> None:
    # 1. Finnish export: cp1252, ';', decimal comma, nbsp thousands, d.m.yyyy, quoted ';' and newline
    write(
        "events_fi_cp1252.csv",
        "Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Käynnin luonne;Yhteystapa;Ammattiluokka;Käyntisyy;Tuottaja;Kustannus\r\n"
        f"{P1};5.1.2024;179;T11;SH;R10;lääkäri;\"J06; I10\";Oma tuotanto;1\u00a0234,50\r\n"
        f"{P2};17.3.2024;Jyväskylä;T22;TH;R10;terveydenhoitaja;\"Z00.1\nOAA42\";oma;85,00\r\n"
        f"{P3.lower()};31.12.2024;77;T30;SH;R20;lähihoitaja;;Ostopalvelu;42\r\n"
        f"{P4};1.6.2024;182;T71;TH;R10;hammaslääkäri;K02;palveluseteli;\"60,5\"\r\n",
        encoding="cp1252",
    )
    # 2. UTF-8 with BOM, ',' separator, decimal point, ISO dates, client numbers (not identity codes)
    write(
        "events_utf8_bom_comma.csv",
        "asiakasnumero,päivämäärä,syntymävuosi,sukupuoli,kunta,palvelu,diagnoosi,tuottaja,hinta,hoitopäivät\n"
        "A-1001,2024-02-29,1940,N,179,TPA,\"F03, I10\",ostopalvelu,\"1,234.50\",31\n"
        "A-1002,2024-03-01,1975,M,Äänekoski,VO-LÄÄK,J06,oma,55.20,\n"
        "A-1001,2024-04-01,1940,nainen,179,TPA,F03,ostopalvelu,1200,30\n",
        bom=True,
    )
    # 3. tab separated, dd.mm.yy, age instead of birth year, Swedish words
    write(
        "events_tab_sv.txt",
        "personbeteckning\tdatum\tålder\tkön\tkommun\tproducent\tkostnad\n"
        f"{P1}\t05.01.24\t71\tman\t179\tegen\t12,5\n"
        "X-77\t06.01.24\t40\tkvinna\t179\tköpt\t\n",
    )
    # 4. pipe separated
    write(
        "events_pipe.csv",
        "hetu|pvm|kunta|palvelumuoto\n"
        f"{P2}|1.1.2024|179|T22\n"
        f"{P4}|2.1.2024|179|T21\n",
    )
    # 5. bad values: a quoted multi-line field first, then 'abc' cost on text line 6
    write(
        "events_bad_values.csv",
        "hetu;pvm;kunta;käyntisyy;kustannus\n"
        f"{P1};1.1.2024;179;\"Z00.1\nOAA42\nJ06\";10,0\n"
        f"{P2};2.1.2024;179;J06;20\n"
        f"{P3};3.1.2024;179;J06;abc\n"
        f"{P1[:-1]}{'Y' if P1[-1] != 'Y' else 'W'};4.1.2024;179;J06;5\n"
        f"{P4};31.2.2024;179;J06;5\n"
        f"{P4};5.1.2024;179;J06;7,5\n",
    )
    # 6. ragged rows: one with a field too many (line 3), one with a field too few (line 5)
    write(
        "events_ragged.csv",
        "hetu;pvm;kunta;kustannus\n"
        f"{P1};1.1.2024;179;10\n"
        f"{P2};2.1.2024;179;20;ylimääräinen\n"
        f"{P3};3.1.2024;179;30\n"
        f"{P4};4.1.2024;179\n"
        f"{P4};5.1.2024;179;50\n",
    )
    # 7. truncated: the download stopped mid-line / inside a quoted field
    write("events_truncated.csv", f"hetu;pvm;kunta;kustannus\n{P1};1.1.2024;179;10\n{P2};2.1.20")
    write("events_open_quote.csv", f"hetu;pvm;kunta;käyntisyy\n{P1};1.1.2024;179;\"J06\n{P2};2.1.2024;179;J06\n")
    # 8. empty and blank
    write("empty.csv", "")
    write("blank_lines.csv", "\r\n\r\n   \r\n")
    write("header_only.csv", "hetu;pvm;kunta\r\n")
    # 9. a binary file renamed .csv (PNG header and noise)
    (HERE / "binary_renamed.csv").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    )
    # 10. a zip that is not a workbook
    with zipfile.ZipFile(HERE / "not_a_workbook.xlsx", "w") as archive:
        archive.writestr("readme.txt", "tämä ei ole Excel-työkirja")
    # 11. Excel with title lines above the header, data on the second sheet
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ohje"
    ws.append(["Tällä välilehdellä ei ole tietoja"])
    ws = wb.create_sheet("Käynnit 2024")
    ws.append(["Käyntiraportti, Keski-Suomen hyvinvointialue"])
    ws.append(["Ajettu 2.1.2025"])
    ws.append([])
    ws.append(["Asiakas", "Käyntipäivä", "Syntymävuosi", "Sukupuoli", "Kotikunta", "Palvelumuoto", "Kustannus €"])
    ws.append([P1, dt.date(2024, 1, 5), 1952, 1, "179", "T11", 120.5])
    ws.append([P2, dt.datetime(2024, 3, 17, 9, 30), None, 2, 77, "T22", 85])
    ws.append([P3, "31.12.2024", None, None, "Jyväskylä", "T30", "42,0"])
    wb.save(HERE / "events_titles.xlsx")
    # 12. population with bands, both sexes and a forecast year
    write(
        "population_bands.csv",
        "Kunta;Vuosi;Ikäryhmä;Sukupuoli;Väestö\n"
        "179;2024;0-6;1;5 200\n"
        "179;2024;0-6;2;4 950\n"
        "179;2024;65-74;yhteensä;15 321\n"
        "Jyväskylä;2024;85+;2;3 004\n"
        "077;2045;7;1;40,5\n",
    )
    # 13. finance
    write(
        "finance_aura.csv",
        "AURA-koodi;Palveluluokan nimi;Vuosi;Kustannukset;Tuotantotapa\n"
        "2.1;Perustason vastaanottopalvelut;2024;12 345 678,90;oma\n"
        "2.1;Perustason vastaanottopalvelut;2024;1 000 000;ostopalvelu\n"
        ";Iäkkäiden kotihoito;2024;7 500 000;\n",
        encoding="cp1252",
    )
    # 14. small cuts of the Helsinki reference cases (CC BY 4.0, see README.md)
    cases = Path("/work/shared/reference-data/cases")
    if cases.exists():
        grid_lines = (cases / "hki_grid.csv").read_text(encoding="utf-8").splitlines()[:121]
        (HERE / "hki_grid_120.csv").write_text("\n".join(grid_lines) + "\n", encoding="utf-8")
        cells = {line.split(";")[0] for line in grid_lines[1:]}
        (HERE / "hki_sites.csv").write_text((cases / "hki_sites.csv").read_text(encoding="utf-8"), encoding="utf-8")
        tt = (cases / "hki_travel_times.csv").read_text(encoding="utf-8").splitlines()
        keep = [tt[0]] + [line for line in tt[1:] if line.split(";")[0] in cells][:300]
        keep.append("9999999;5878070;-1;-1;-1")  # an origin outside the grid and no route
        (HERE / "hki_travel_times_cut.csv").write_text("\n".join(keep) + "\n", encoding="utf-8")
        (HERE / "sf_sites.csv").write_text((cases / "sf_sites.csv").read_text(encoding="utf-8"), encoding="utf-8")
    # 15. GeoPackages: points in WGS84 and polygons in GK25 (EPSG:3879); one in an unsupported system
    write_gpkg(HERE / "sites_wgs84.gpkg", 4326, "toimipisteet",
               [("tunnus", "TEXT"), ("nimi", "TEXT"), ("tyyppi", "TEXT"), ("koko", "TEXT")],
               [(("A1", "Rautatieasema", "sote-keskus", "M"), ("point", (24.9414, 60.1719))),
                (("A2", "Jyväskylän keskus", "sote-keskus", "L"), ("point", (25.7473, 62.2426)))])
    square = [(25496000.0, 6672000.0), (25496250.0, 6672000.0), (25496250.0, 6672250.0),
              (25496000.0, 6672250.0), (25496000.0, 6672000.0)]
    write_gpkg(HERE / "grid_gk25.gpkg", 3879, "ruudut",
               [("INDEX", "INTEGER"), ("ASUKKAITA", "INTEGER"), ("IKA70_79", "INTEGER")],
               [((1, 120, 10), ("polygon", square)),
                ((2, 0, 0), ("polygon", [(x + 250, y) for x, y in square]))])
    write_gpkg(HERE / "sites_unsupported_srs.gpkg", 2393, "kohteet",
               [("tunnus", "TEXT"), ("nimi", "TEXT"), ("tyyppi", "TEXT")],
               [(("B1", "Vanha KKJ-kohde", "neuvola"), ("point", (3385000.0, 6672000.0)))])


def _wkb(kind: str, coords) -> bytes:
    if kind == "point":
        return struct.pack("<BIdd", 1, 1, *coords)
    data = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(coords))
    for x, y in coords:
        data += struct.pack("<dd", x, y)
    return data


def write_gpkg(path: Path, srs: int, table: str, columns, features) -> None:
    """A minimal GeoPackage (the tables our reader and GDAL need for a feature layer)."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
          description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE,
          min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
        """
    )
    con.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, 'undefined', '')", (f"EPSG:{srs}", srs, srs))
    con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)",
                (table, table, srs))
    gtype = "POINT" if features[0][1][0] == "point" else "POLYGON"
    con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)", (table, gtype, srs))
    cols = ", ".join(f'"{n}" {t}' for n, t in columns)
    con.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, {cols})')
    for values, (kind, coords) in features:
        blob = b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", srs) + _wkb(kind, coords)
        marks = ", ".join("?" for _ in range(len(values) + 1))
        names = ", ".join(["geom", *[f'"{n}"' for n, _t in columns]])
        con.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', (blob, *values))
    con.commit()
    con.close()


if __name__ == "__main__":
    main()
