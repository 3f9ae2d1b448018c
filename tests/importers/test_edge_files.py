"""Real-file edge cases through the command line (issue #15): files shaped like real exports are read
right or refused at once with a Finnish sentence (exit 2), nothing stored, never a traceback or a hang.
Corpus: tests/data/inputs (written by make_inputs.py); large or special files are made here."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.importers.csv_reader import CsvSource

INPUTS = Path(__file__).resolve().parent.parent / "data" / "inputs"


def _import(capsys, project: Path, kind: str, path: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["import", str(project), kind, str(path), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def _rows(project: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(project)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _sites(project: Path) -> list[tuple]:
    return _rows(project, "SELECT site_id, name, size, x, y FROM site ORDER BY site_id")


EXPECTED_SITES = [("S1", "Äänekosken sote-keskus", "M", 432100.0, 6945200.0),
                  ("S2", "Jämsän terveysasema", "S", 400100.0, 6880300.0)]


def test_excel_separator_line(tmp_path, capsys):
    project = tmp_path / "p.sote"
    code, out, err = _import(capsys, project, "events", INPUTS / "events_sep_line.csv", "--json")
    assert code == 0, err
    assert json.loads(out)["rows"] == 3
    # line numbers still count the separator line: a bad cell on text line 3 is reported as line 3
    bad = tmp_path / "bad.csv"
    bad.write_bytes((INPUTS / "events_sep_line.csv").read_bytes().replace(b"10,50", b"kymppi", 1))
    code, _out, err = _import(capsys, tmp_path / "q.sote", "events", bad)
    assert code == 2 and "rivi 3, sarake Kustannus: 'kymppi' ei ole luku" in err


def test_utf16_unicode_text_and_cr_only_lines(tmp_path, capsys):
    for name in ("sites_unicode_text.txt", "sites_cr_only.csv"):
        project = tmp_path / f"{name}.sote"
        code, _out, err = _import(capsys, project, "sites", INPUTS / name)
        assert code == 0, err
        assert _sites(project) == EXPECTED_SITES


def test_cr_only_bad_cell_names_its_line(tmp_path, capsys):
    bad = tmp_path / "cr.csv"
    bad.write_bytes((INPUTS / "sites_cr_only.csv").read_bytes().replace(b"400100", b"4OO1OO"))
    code, _out, err = _import(capsys, tmp_path / "p.sote", "sites", bad)
    assert code == 2 and "cr.csv: rivi 3, sarake X: '4OO1OO' ei ole luku" in err


def test_gzip_and_zip_with_one_csv(tmp_path, capsys):
    for name in ("population.csv.gz", "population_in_zip.zip"):
        project = tmp_path / f"{name}.sote"
        code, _out, err = _import(capsys, project, "population", INPUTS / name)
        assert code == 0, err
        assert _rows(project, "SELECT age_from, age_to, count FROM population ORDER BY age_from") == [
            (0, 6, 9876.0), (85, 120, 3210.0)]
        batch = _rows(project, "SELECT file_name FROM import_batch WHERE kind = 'population'")
        assert batch == [(name,)]


def test_zip_with_two_csvs_is_refused_listing_them(tmp_path, capsys):
    code, _out, err = _import(capsys, tmp_path / "p.sote", "population", INPUTS / "two_csvs.zip")
    assert code == 2 and "a.csv, b.csv" in err and "täsmälleen yksi" in err
    assert not (tmp_path / "p.sote").exists()


def test_gzip_bomb_and_cut_gzip_refused(tmp_path, capsys):
    bomb = tmp_path / "pommi.csv.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        fh.write(b"Kunta;Vuosi;Ika;Vaesto\n")
        block = b"179;2024;7;1\n" * 100_000
        for _ in range(300):  # 390 MB of text, about 1 MB packed
            fh.write(block)
    code, _out, err = _import(capsys, tmp_path / "p.sote", "population", bomb)
    assert code == 2 and "ei ole uskottavaa" in err
    cut = tmp_path / "katkennut.csv.gz"
    cut.write_bytes(gzip.compress((INPUTS / "sites_cr_only.csv").read_bytes() * 50)[:-30])
    code, _out, err = _import(capsys, tmp_path / "q.sote", "sites", cut)
    assert code == 2 and "katkennut tai vioittunut" in err


def test_named_pipe_refused_at_once(tmp_path, capsys):
    pipe = tmp_path / "putki.csv"
    os.mkfifo(pipe)
    code, _out, err = _import(capsys, tmp_path / "p.sote", "events", pipe)
    assert code == 2 and "ei ole tavallinen tiedosto" in err
    assert main(["info", str(pipe)]) == 2
    assert "ei ole projektitiedosto" in capsys.readouterr().err


@pytest.mark.parametrize("shape", ["data line", "header line", "open quote"])
def test_fifty_megabyte_line_refused_bounded(tmp_path, capsys, shape):
    path = tmp_path / "pitka.csv"
    with open(path, "wb") as fh:
        if shape == "header line":
            fh.write(b"a;" * 25_000_000)
        else:
            fh.write("Henkilötunnus;Käyntipäivä;Kotikunta\n131052-901X;5.1.2024;179\n".encode())
            fh.write(b'131052-901X;"' if shape == "open quote" else b"131052-901X;")
            fh.write(b"x" * 50_000_000)
            fh.write(b"\n131052-901X;5.1.2024;179\n")
    code, _out, err = _import(capsys, tmp_path / "p.sote", "events", path)
    assert code == 2
    if shape == "header line":
        assert "ensimmäinen rivi on yli megatavun" in err
    elif shape == "open quote":
        assert "rivillä 3 alkava lainausmerkeissä" in err
    else:
        assert "rivillä 3 on yli 32 Mt" in err
    assert not (tmp_path / "p.sote").exists()


@pytest.mark.parametrize("change", ["append", "rewrite", "delete"])
def test_file_changed_or_deleted_during_import_stores_nothing(tmp_path, capsys, monkeypatch, change):
    path = tmp_path / "kaynnit.csv"
    path.write_bytes((INPUTS / "events_sep_line.csv").read_bytes())
    project = tmp_path / "p.sote"
    assert main(["import", str(project), "sites", str(INPUTS / "sites_cr_only.csv")]) == 0
    capsys.readouterr()
    real_chunks = CsvSource.chunks

    def chunks_while_another_program_writes(self, *args, **kwargs):
        for i, chunk in enumerate(real_chunks(self, *args, **kwargs)):
            yield chunk
            if i == 0:  # the reader has the first block; the exporting program is still at work
                if change == "append":
                    with open(path, "ab") as fh:
                        fh.write(b"131052-901X;9.1.2024;179;T11;5,00\r\n")
                elif change == "rewrite":
                    path.write_bytes(path.read_bytes().replace(b"10,50", b"99,50"))
                else:
                    path.unlink()

    monkeypatch.setattr(CsvSource, "chunks", chunks_while_another_program_writes)
    code, _out, err = _import(capsys, project, "events", path)
    assert code == 2
    assert ("poistettiin tai siirrettiin" if change == "delete" else "muuttui tuonnin aikana") in err
    assert _rows(project, "SELECT kind FROM import_batch") == [("sites",)]
    assert _rows(project, "SELECT count(*) FROM column_chunk") == [(0,)]


def test_utf16_without_bom(tmp_path, capsys):
    text = (INPUTS / "sites_unicode_text.txt").read_bytes()[2:].decode("utf-16-le")
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        project = tmp_path / f"{codec}.sote"
        code, _out, err = _import(capsys, project, "sites", path)
        assert code == 0, err
        assert _sites(project) == EXPECTED_SITES
