"""`sote-planner import` and `export` through the command line entry point."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from desktop.cli import main
from desktop.store import Store


def test_import_creates_the_store_and_prints_json(place, data, capsys):
    """A missing file, or an empty database of a team project, is created by the first import."""
    path = place.target("uusi")
    assert main(["import", str(path), "events", str(data / "events_fi_cp1252.csv"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"batch": out["batch"], "kind": "events", "rows": 4, "rejected": 0, "warnings": []}
    with Store.open(path, readonly=True) as store:
        assert store.row_count("events") == 4 and len(store.batches()) == 1


def test_errors_exit_2_with_the_problems_on_stderr(place, data, capsys):
    path = place.target("p")
    assert main(["import", str(path), "events", str(data / "events_bad_values.csv")]) == 2
    err = capsys.readouterr().err
    assert "rivi 6, sarake kustannus: 'abc' ei ole luku" in err
    assert main(["import", str(path), "events", str(data / "events_bad_values.csv"), "--skip-invalid", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rejected"] == 3
    assert main(["import", str(path), "events", str(data / "events_bad_values.csv"), "--skip-invalid"]) == 2
    assert "on jo tuotu" in capsys.readouterr().err
    assert main(["import", str(path), "events", str(data / "events_bad_values.csv"), "--skip-invalid", "--replace"]) == 0
    assert main(["import", str(path), "events", str(data / "empty.csv")]) == 2
    assert main(["import", str(path), "events", str(data / "events_pipe.csv"), "--map", "nonsense"]) == 2


def test_map_profile_and_mode_options(tmp_path, capsys):
    src = tmp_path / "x.csv"
    src.write_text("Tunniste;Milloin\nA1;1.1.2024\n", encoding="utf-8")
    store = tmp_path / "p.sote"
    args = ["import", str(store), "events", str(src), "--map", "person_id=Tunniste", "--map", "date=Milloin",
            "--save-profile", "oma", "--json"]
    assert main(args) == 0
    capsys.readouterr()
    src2 = tmp_path / "y.csv"
    src2.write_text("Tunniste;Milloin\nA2;2.1.2024\nA3;3.1.2024\n", encoding="utf-8")
    assert main(["import", str(store), "auto", str(src2), "--profile", "oma", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 2


def test_export_round_trip_of_every_kind(place, tmp_path, data, capsys):
    store_path = place.target("a")
    files = {
        "events": data / "events_fi_cp1252.csv",
        "population": data / "population_bands.csv",
        "grid": data / "hki_grid_120.csv",
        "sites": data / "hki_sites.csv",
        "travel-times": data / "hki_travel_times_cut.csv",
        "finance": data / "finance_aura.csv",
    }
    for kind, path in files.items():
        assert main(["import", str(store_path), kind, str(path), "--json"]) == 0
    copy_path = place.target("b")
    store = Store.open(store_path, readonly=True)
    before = {k: _dataset(store, k) for k in files}
    store.close()
    for kind in files:
        out = tmp_path / f"{kind}.csv"
        assert main(["export", str(store_path), kind, str(out)]) == 0
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        assert main(["import", str(copy_path), kind, str(out), "--json"]) == 0
    capsys.readouterr()
    # the copy is a different store (another pseudonym key), yet the exported pseudonyms are kept
    store = Store.open(copy_path, readonly=True)
    after = {k: _dataset(store, k) for k in files}
    store.close()
    for kind in files:
        pd.testing.assert_frame_equal(before[kind], after[kind], check_dtype=False, check_categorical=False)


def _dataset(store, kind):
    from desktop.services.exporting import dataset_frame

    frame = dataset_frame(store, kind).reset_index(drop=True)
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame.replace({np.nan: None})
