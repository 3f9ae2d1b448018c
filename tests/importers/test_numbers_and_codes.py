"""Numbers and identity codes that look right but are not (issue #15), through the command line: the
decimal mark of a column is decided from the whole column (or the file), never cell by cell, and an
ambiguous column is refused; damaged identity codes among valid ones are refused with file, line and
column (or rejected with --skip-invalid), never made into persons."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main

INPUTS = Path(__file__).resolve().parent.parent / "data" / "inputs"
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu(day: int, month: int, year: int, individual: int) -> str:
    number = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}{'-' if year < 2000 else 'A'}{individual:03d}{CHECK[number % 31]}"


def _import(capsys, project: Path, kind: str, path: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["import", str(project), kind, str(path), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def _one(project: Path, sql: str):
    con = sqlite3.connect(project)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_dot_thousands_in_a_decimal_comma_column(tmp_path, capsys):
    project = tmp_path / "p.sote"
    code, _out, err = _import(capsys, project, "finance", INPUTS / "finance_dot_thousands.csv")
    assert code == 0, err
    assert _one(project, "SELECT round(sum(cost_eur), 2) FROM finance") == 540_203.64
    assert _one(project, "SELECT cost_eur FROM finance WHERE aura_code = 'A1'") == 1234.0


def test_ambiguous_column_refused_naming_cells(tmp_path, capsys):
    code, _out, err = _import(capsys, tmp_path / "p.sote", "finance", INPUTS / "finance_ambiguous.csv")
    assert code == 2
    assert "finance_ambiguous.csv: rivi 2, sarake Kustannus: '1.234' on monitulkintainen" in err
    assert "rivi 4, sarake Kustannus: '2.500'" in err
    assert not (tmp_path / "p.sote").exists()


def test_the_file_decides_when_the_column_cannot(tmp_path, capsys):
    # the cost column holds only '1.234' shapes, but the units column of the same file shows decimal
    # commas: the file is a decimal-comma file and 1.234 is 1 234
    p1, p2 = hetu(13, 10, 1952, 901), hetu(2, 2, 2015, 902)
    path = tmp_path / "kaynnit.csv"
    path.write_text("Henkilötunnus;Käyntipäivä;Kustannus;Suoritteet\n"
                    f"{p1};5.1.2024;1.234;1,5\n{p2};6.1.2024;2.000;0,5\n", encoding="utf-8")
    code, _out, err = _import(capsys, tmp_path / "p.sote", "events", path, "--map", "units=Suoritteet")
    assert code == 0, err
    path2 = tmp_path / "kaynnit2.csv"  # the same with decimal points elsewhere: 1.234 is 1.234
    path2.write_text(path.read_text(encoding="utf-8").replace("1,5", "1.5").replace("0,5", "0.5"), encoding="utf-8")
    code, _out, err = _import(capsys, tmp_path / "q.sote", "events", path2, "--map", "units=Suoritteet")
    assert code == 0, err
    assert _exported_costs(tmp_path, "p.sote") == [1234.0, 2000.0]
    assert _exported_costs(tmp_path, "q.sote") == [1.234, 2.0]


def _exported_costs(tmp_path: Path, project: str) -> list[float]:
    import pandas as pd

    out = tmp_path / f"{project}.csv"
    assert main(["export", str(tmp_path / project), "events", str(out)]) == 0
    frame = pd.read_csv(out, sep=";", encoding="utf-8-sig")
    return sorted(frame["cost_eur"].tolist())


def test_conflicting_marks_in_a_column_refuse_the_minority(tmp_path, capsys):
    path = tmp_path / "sekava.csv"
    path.write_text("AURA-koodi;Vuosi;Kustannus\nA1;2024;1 234,50\nA2;2024;85,20\nA3;2024;12,5\nA4;2024;99.95\n",
                    encoding="utf-8")
    code, _out, err = _import(capsys, tmp_path / "p.sote", "finance", path)
    assert code == 2
    assert "rivi 5, sarake Kustannus: '99.95' ei ole luku (sarakkeen desimaalierotin on pilkku)" in err


def test_malformed_identity_codes_among_valid_ones(tmp_path, capsys):
    code, _out, err = _import(capsys, tmp_path / "p.sote", "events", INPUTS / "events_malformed_codes.csv")
    assert code == 2
    for line in (5, 6, 7):
        assert f"events_malformed_codes.csv: rivi {line}, sarake Henkilötunnus:" in err
    assert "virheellinen henkilötunnus" in err and "131052-901" not in err  # the value is masked
    assert not (tmp_path / "p.sote").exists()
    project = tmp_path / "q.sote"
    code, out, err = _import(capsys, project, "events", INPUTS / "events_malformed_codes.csv", "--skip-invalid")
    assert code == 0, err
    assert "hylättyjä rivejä 3" in out
    assert _one(project, "SELECT row_count FROM import_batch") == 6
    assert _one(project, "SELECT count(*) FROM dictionary WHERE dataset = 'events' AND \"column\" = 'person_id'") == 3


def test_client_numbers_stay_persons(tmp_path, capsys):
    # a column of client numbers (no valid identity codes) is not an identity-code column
    path = tmp_path / "asiakkaat.csv"
    path.write_text("asiakasnumero;pvm;kunta\n1310529012;1.1.2024;179\n0202150002;2.1.2024;179\nA-77;3.1.2024;179\n",
                    encoding="utf-8")
    code, _out, err = _import(capsys, tmp_path / "p.sote", "events", path)
    assert code == 0, err


def test_damaged_codes_before_the_valid_ones_in_a_large_file(tmp_path, capsys):
    # the first block (16 MB) holds damaged codes and one valid code, the next block 200 valid codes:
    # the column is found to be one of identity codes only at the end, and the file is refused then
    path = tmp_path / "iso.csv"
    damaged = [f"{d:02d}1052-90{d % 10}" for d in range(1, 11)]
    first = "".join(f"{damaged[i % 10]};5.1.2024;179\n" for i in range(800_000))
    valid = "".join(f"{hetu(1 + i % 28, 1 + i % 12, 1950 + i % 50, 900 + i % 99)};6.1.2024;179\n" for i in range(200))
    path.write_text("Henkilötunnus;Käyntipäivä;Kotikunta\n" + first + valid, encoding="utf-8")
    assert path.stat().st_size > 17 << 20
    code, _out, err = _import(capsys, tmp_path / "p.sote", "events", path)
    assert code == 2 and "800000 riviä, joiden tunnus on virheellinen henkilötunnus" in err
    assert not (tmp_path / "p.sote").exists()


@pytest.mark.parametrize("value", ["131052-901", "131052 -901X", "131052G901X", "1310529012"])
def test_damaged_code_shapes(value):
    from desktop.importers.kinds import looks_like_damaged_code

    assert looks_like_damaged_code(value)
    assert not looks_like_damaged_code("A-1001") and not looks_like_damaged_code("12345")
