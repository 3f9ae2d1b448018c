"""No identity code anywhere: not from the file name, a free-text column, a file without a header
row, the batch report, a saved profile, a message or a log; and none left after a batch removal
(the raw bytes of the project file and of every file beside it are scanned)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desktop.cli import main
from desktop.core.identity import MASK
from desktop.paths import log_dir
from desktop.store import Store
from tests.privacy.helpers import files_beside, identity_codes, raw_hits, write_events


def _all_text(path: Path) -> str:
    """Every text value of every table (what `info`, reports and exports can show)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = []
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
            for row in con.execute(f'SELECT * FROM "{table}"'):
                out += [v for v in row if isinstance(v, str)]
    finally:
        con.close()
    return "\n".join(out)


def test_codes_in_the_file_name_and_in_free_text_columns_are_masked(tmp_path, capsys):
    codes = identity_codes(30)
    other = identity_codes(3, seed=99)  # codes typed into the visit reason and the source field
    path = tmp_path / f"asiakas_{codes[0]}.csv"
    write_events(path, codes, reason=f"soitti {other[0]} puolesta", source=f"{other[1].lower()}")
    project = tmp_path / "p.sote"
    assert main(["import", str(project), "events", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    masked_note = [w for w in result["warnings"] if MASK in w]
    assert masked_note and "120 henkilötunnusta" in masked_note[0]  # 60 rows x 2 columns
    assert "Käyntisyy (60)" in masked_note[0] and "Lähde (60)" in masked_note[0]
    assert main(["info", str(project), "--json"]) == 0
    shown = capsys.readouterr().out
    assert f"asiakas_{MASK}.csv" in shown
    export = tmp_path / "vienti.csv"
    assert main(["export", str(project), "events", str(export)]) == 0
    text = export.read_text(encoding="utf-8") + shown + _all_text(project)
    assert f"SOITTI {MASK} PUOLESTA" in text  # reasons are kept upper case
    for code in codes + other:
        assert code not in text and code.lower() not in text
    with Store.open(project, readonly=True) as store:
        report = json.loads(store.batches()[0].report_json)
    assert report["identity_codes_masked"] == {"Käyntisyy": 60, "Lähde": 60}
    assert raw_hits(files_beside(project), codes + other + [c.lower() for c in other]) == {}


def test_a_file_without_a_header_row_shows_no_code_in_its_message_nor_after_its_advice(tmp_path, capsys):
    codes = identity_codes(8)
    path = write_events(tmp_path / "ilman_otsikkoa.csv", codes, header=False)
    project = tmp_path / "p.sote"
    assert main(["import", str(project), "events", str(path)]) == 2
    err = capsys.readouterr().err
    assert "sarake_1" in err and "--map" in err and "Traceback" not in err
    assert not any(c in err for c in codes)
    # the advice followed: the first row (a code) named by its column, the mapping saved as a profile
    args = ["import", str(project), "events", str(path), "--map", "person_id=sarake_1", "--save-profile",
            "otsikoton", "--skip-invalid"]
    date_column = err.split("Sarakkeet: ")[1].split(", ")[1]
    assert main([*args, "--map", f"date={date_column}"]) == 0
    out = capsys.readouterr()
    assert not any(c in out.out + out.err for c in codes)
    stored = _all_text(project)
    assert "sarake_1" in stored  # the profile and the batch report name the column, not the value
    assert not any(c in stored for c in codes)
    assert raw_hits(files_beside(project), codes) == {}


def test_messages_and_logs_never_show_a_code(tmp_path, capsys):
    code = identity_codes(1)[0]
    bad = tmp_path / f"{code}.csv"
    bad.write_bytes(b"\x00\x01\x02 binary " + code.encode())
    assert main(["import", str(tmp_path / "p.sote"), "events", str(bad)]) == 2
    err = capsys.readouterr().err
    assert code not in err and MASK in err
    # an unexpected error: the message and the log file it names are masked too
    from desktop.cli import _log_unexpected

    log = Path(_log_unexpected(RuntimeError(f"cell {code} broke it")))
    assert log.parent == log_dir() and code not in log.read_text(encoding="utf-8")
    assert MASK in log.read_text(encoding="utf-8")


def test_removing_a_batch_leaves_none_of_its_values_in_the_file(tmp_path):
    kept_codes = identity_codes(25, seed=1)
    gone_codes = identity_codes(25, seed=2)
    project = tmp_path / "p.sote"
    keep = write_events(tmp_path / "pysyy.csv", kept_codes, reason="J06", source="Pegasos")
    gone = write_events(tmp_path / "poistuu.csv", gone_codes, reason="Poistettava-syy-XYZ",
                        source="Poistettava-lähde-QRS")
    assert main(["import", str(project), "events", str(keep)]) == 0
    assert main(["import", str(project), "events", str(gone)]) == 0
    with Store.open(project) as store:
        gone_ids = _pseudonyms(store, batch=2)
        kept_ids = _pseudonyms(store, batch=1)
        assert raw_hits(files_beside(project), ["POISTETTAVA-SYY-XYZ", "Poistettava-lähde-QRS"])  # it was there
        before = store.load("events")
        store.remove_batch(2)
        after = store.load("events")
        # the remaining batch reads back exactly as before
        assert len(after) == 50
        assert after.astype(object).equals(before.iloc[:50].astype(object))  # values, not the dictionaries' codes
        assert _pseudonyms(store, batch=1) == kept_ids  # renumbered codes still name the same persons
    needles = ["POISTETTAVA-SYY-XYZ", "Poistettava-lähde-QRS", "poistuu.csv", *gone_ids]
    assert raw_hits(files_beside(project), needles) == {}
    assert raw_hits(files_beside(project), kept_ids[:3])  # the scan finds what is there


def _pseudonyms(store: Store, batch: int) -> list[str]:
    from desktop.store import columns as colstore

    with store.read() as conn:
        frame = colstore.load_columns(conn, "events", ("person_id",), batch_ids=[batch], decode=("person_id",))
    return sorted(set(frame["person_id"].astype(str)))
