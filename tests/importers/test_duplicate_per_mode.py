"""Duplicate detection is keyed on what was imported (issue #15): the Helsinki Region Travel Time Matrix
keeps car, transit and walk times in columns of one file, so the same file imports once per travel
mode (and per minutes column), while the same file, mode and mapping again is refused.
Data: tests/data/inputs/ttm_jumbo_cut.txt, the first 40 rows of TravelTimes_to_5878070_Jumbo.txt
(Helsinki Region Travel Time Matrix 2015, Toivonen et al., CC BY 4.0; see README.md there)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.cli import main

TTM = Path(__file__).resolve().parent.parent / "data" / "inputs" / "ttm_jumbo_cut.txt"


def _minutes_by_mode(project: Path) -> dict[str, int]:
    con = sqlite3.connect(project)
    rows = con.execute("SELECT mode, row_count FROM import_batch WHERE kind = 'travel-times' ORDER BY id").fetchall()
    con.close()
    return dict(rows)


def test_travel_time_matrix_once_per_mode(tmp_path, capsys):
    project = str(tmp_path / "hki.sote")
    base = ["import", project, "travel-times", str(TTM), "--map", "origin=from_id", "--map", "destination=to_id"]
    for mode in ("car", "walk", "pt"):
        assert main([*base, "--mode", mode]) == 0, capsys.readouterr().err
        assert f"kulkutapa {mode}" in capsys.readouterr().out
    assert _minutes_by_mode(Path(project)) == {"car": 40, "walk": 40, "pt": 40}
    # the same file, mode and mapping again: refused, nothing added
    assert main([*base, "--mode", "walk"]) == 2
    assert "Sama tiedosto on jo tuotu: erä #2" in capsys.readouterr().err
    # the same mode from another minutes column (midday instead of rush hour) is another import
    assert main([*base, "--mode", "car", "--map", "minutes=car_m_t"]) == 0
    assert len(_minutes_by_mode(Path(project))) == 3
    con = sqlite3.connect(project)
    assert con.execute("SELECT count(*) FROM import_batch").fetchone()[0] == 4
    con.close()
    # --replace swaps only the batch of that very import
    assert main([*base, "--mode", "walk", "--replace"]) == 0
    con = sqlite3.connect(project)
    ids = [r[0] for r in con.execute("SELECT mode FROM import_batch ORDER BY id")]
    con.close()
    assert sorted(ids) == ["car", "car", "pt", "walk"]


def test_other_kinds_still_refuse_the_same_file(tmp_path, capsys):
    project = str(tmp_path / "p.sote")
    sites = str(Path(__file__).resolve().parent.parent / "data" / "inputs" / "sites_cr_only.csv")
    assert main(["import", project, "sites", sites]) == 0
    assert main(["import", project, "sites", sites]) == 2
    assert "Sama tiedosto on jo tuotu" in capsys.readouterr().err
