"""The import service on the corpus of awkward files: values, all-or-nothing, skip-invalid,
duplicates, profiles, pseudonyms and every dataset kind."""

from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pytest
from sqlalchemy import select

from desktop.core.datasets import day_number
from desktop.core.errors import UserError
from desktop.importers.henkilotunnus import pseudonym
from desktop.services.importing import delete_profile, import_file, list_profiles, plan_import, preview_import
from desktop.store.keys import project_key
from desktop.store.tables import imports as imports_tables

HETU = re.compile(rb"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]")


def events(store):
    return store.load("events", decode=("sex", "municipality", "reasons", "producer", "service_form", "person_id"))


def test_finnish_cp1252_export(store, data):
    result = import_file(store, data / "events_fi_cp1252.csv")
    assert (result.kind, result.rows, result.rejected) == ("events", 4, 0)
    df = events(store)
    assert df["date"].tolist() == [day_number(2024, 1, 5), day_number(2024, 3, 17), day_number(2024, 12, 31),
                                   day_number(2024, 6, 1)]
    assert df["cost_eur"].tolist() == [1234.5, 85.0, 42.0, 60.5]
    assert df["municipality"].astype(str).tolist() == ["179", "179", "077", "182"]  # 'Jyväskylä', '77'
    assert df["reasons"].astype(str).tolist()[:2] == ["J06 I10", "Z00.1 OAA42"]  # quoted ';' and newline
    assert df["producer"].astype(str).tolist() == ["own", "own", "purchased", "voucher"]
    # derived from the identity codes: sex and birth year, exact age at the visit
    assert df["sex"].astype(str).tolist() == ["1", "2", "1", "2"]
    assert df["birth_year"].tolist() == [1952, 2015, 1939, 1988]
    assert df["age"].tolist() == [71, 9, 85, 35]
    assert df["units"].tolist() == [1.0] * 4
    # pseudonyms: keyed, normalised (the lower-case code of line 4 hashes like the upper-case one)
    secret = project_key(store).secret
    assert df["person_id"].astype(str).tolist()[0] == pseudonym("131052-901X", secret)
    assert all(len(p) == 32 for p in df["person_id"].astype(str))


def test_utf8_bom_comma_separated_with_client_numbers(store, data):
    result = import_file(store, data / "events_utf8_bom_comma.csv")
    assert result.rows == 3
    df = events(store)
    assert df["cost_eur"].tolist() == [1234.5, 55.2, 1200.0]
    assert df["date"].tolist()[0] == day_number(2024, 2, 29)
    assert df["sex"].astype(str).tolist() == ["2", "1", "2"]
    assert df["municipality"].astype(str).tolist() == ["179", "992", "179"]  # 'Äänekoski' by name
    assert df["age"].tolist() == [84, 49, 84]  # event year - birth year
    assert df["units"].tolist() == [31.0, 1.0, 30.0]  # empty units -> 1
    assert df["reasons"].astype(str).tolist()[0] == "F03 I10"
    ids = df["person_id"].astype(str).tolist()
    assert ids[0] == ids[2] != ids[1]  # same client, same pseudonym
    assert "A-1001" not in ids and ids[0] == pseudonym("A-1001", project_key(store).secret)


def test_tab_separated_swedish_two_digit_years_and_age(store, data):
    import_file(store, data / "events_tab_sv.txt")
    df = events(store)
    assert df["date"].tolist() == [day_number(2024, 1, 5), day_number(2024, 1, 6)]
    assert df["age"].tolist() == [71, 40]
    assert df["birth_year"].tolist() == [1952, 1984]  # derived from the age when missing
    assert df["producer"].astype(str).tolist() == ["own", "purchased"]
    assert np.isnan(df["cost_eur"].iloc[1])


def test_pipe_separated(store, data):
    assert import_file(store, data / "events_pipe.csv").rows == 2


def test_excel_with_title_lines_on_the_second_sheet(store, data):
    result = import_file(store, data / "events_titles.xlsx")
    assert result.rows == 3
    assert any("riviltä 4" in w for w in result.warnings)
    df = events(store)
    assert df["date"].tolist() == [day_number(2024, 1, 5), day_number(2024, 3, 17), day_number(2024, 12, 31)]
    assert df["cost_eur"].tolist() == [120.5, 85.0, 42.0]
    assert df["municipality"].astype(str).tolist() == ["179", "077", "179"]
    with pytest.raises(UserError, match="välilehteä 'Puuttuu' ei ole"):
        import_file(store, data / "events_titles.xlsx", sheet="Puuttuu")


def test_invalid_values_reject_the_whole_file_with_line_numbers(store, data):
    with pytest.raises(UserError) as info:
        import_file(store, data / "events_bad_values.csv")
    problems = info.value.problems
    # line numbers as an editor counts them: the quoted field of record 1 spans lines 2-4
    assert problems[0] == "events_bad_values.csv: rivi 6, sarake kustannus: 'abc' ei ole luku"
    assert problems[1].startswith("events_bad_values.csv: rivi 7, sarake hetu: '******-****' ei ole kelvollinen")
    assert problems[2].startswith("events_bad_values.csv: rivi 8, sarake pvm: '31.2.2024' ei ole päivämäärä")
    assert "Mitään ei tallennettu" in info.value.message
    assert store.batches() == [] and store.row_count("events") == 0
    assert not HETU.search(str(info.value).encode())  # the bad code itself is masked


def test_skip_invalid_keeps_valid_rows_and_reports_rejected_lines(store, data):
    result = import_file(store, data / "events_bad_values.csv", skip_invalid=True)
    assert (result.rows, result.rejected) == (3, 3)
    batch = store.batches()[0]
    report = json.loads(batch.report_json)
    assert report["rejected_lines"] == [6, 7, 8]
    assert batch.rejected_count == 3 and batch.row_count == 3
    assert store.row_count("events") == 3
    assert not HETU.search(batch.report_json.encode())


def test_ragged_and_truncated_rows(store, data):
    with pytest.raises(UserError) as info:
        import_file(store, data / "events_ragged.csv")
    assert "rivi 3: rivillä on 5 kenttää, otsikkorivillä 4" in info.value.problems[0]
    assert "rivi 5: rivillä on vain 3 kenttää" in info.value.problems[1]
    result = import_file(store, data / "events_ragged.csv", skip_invalid=True)
    assert (result.rows, result.rejected) == (3, 2)
    assert store.load("events")["cost_eur"].tolist() == [10.0, 30.0, 50.0]
    with pytest.raises(UserError, match="rivi 3: rivillä on vain 2 kenttää"):
        import_file(store, data / "events_truncated.csv")
    with pytest.raises(UserError, match="lainausmerkeissä oleva kenttä rivillä 2"):
        import_file(store, data / "events_open_quote.csv")


@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.csv", "on tyhjä"),
        ("blank_lines.csv", "on tyhjä"),
        ("header_only.csv", "ei ole yhtään tietoriviä"),
        ("binary_renamed.csv", "binäärisisältöä"),
        ("not_a_workbook.xlsx", "ei ole luettava Excel-työkirja"),
        ("sites_unsupported_srs.gpkg", "EPSG:2393 ei tueta"),
    ],
)
def test_unreadable_files_give_a_clear_message(store, data, name, message):
    with pytest.raises(UserError, match=message):
        import_file(store, data / name, kind="events" if name.endswith(".csv") else None)
    assert store.batches() == []


def test_a_one_megabyte_cell(store, tmp_path):
    path = tmp_path / "iso_solu.csv"
    path.write_text("hetu;pvm;palvelu\n131052-901X;1.1.2024;" + "x" * (1 << 20) + "\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        import_file(store, path)
    assert "rivi 2, sarake palvelu" in info.value.problems[0]
    assert len(str(info.value)) < 1000  # the value is cut in the message


def test_same_file_twice_is_refused_unless_replaced(store, data):
    first = import_file(store, data / "events_pipe.csv")
    with pytest.raises(UserError, match=f"erä #{first.batch_id}"):
        import_file(store, data / "events_pipe.csv")
    second = import_file(store, data / "events_pipe.csv", replace=True)
    assert [b.id for b in store.batches()] == [second.batch_id]
    assert store.row_count("events") == 2
    assert second.report["replaced_batches"] == [first.batch_id]


def test_store_file_holds_no_identity_codes(store, data, tmp_path):
    import_file(store, data / "events_fi_cp1252.csv")
    import_file(store, data / "events_titles.xlsx")
    import_file(store, data / "events_bad_values.csv", skip_invalid=True)
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("testi.sote*"))
    assert HETU.search(raw) is None


def test_mapping_by_hand_and_profiles(store, data, tmp_path):
    path = tmp_path / "oma.csv"
    path.write_text("Tunniste;Milloin;Rahaa\nA1;1.1.2024;5\nA2;2.1.2024;6\n", encoding="utf-8")
    with pytest.raises(UserError, match="pakollisia kenttiä ei löytynyt: person_id"):
        import_file(store, path, kind="events")
    overrides = {"person_id": "Tunniste", "date": "milloin", "cost_eur": "Rahaa"}
    result = import_file(store, path, kind="events", overrides=overrides, save_profile="Oma järjestelmä")
    assert result.rows == 2 and store.load("events")["cost_eur"].tolist() == [5.0, 6.0]
    assert list_profiles(store)[0]["mapping"] == {"person_id": "Tunniste", "date": "Milloin", "cost_eur": "Rahaa"}
    again = tmp_path / "oma2.csv"
    again.write_text("Tunniste;Milloin;Rahaa\nA3;3.1.2024;7\n", encoding="utf-8")
    assert import_file(store, again, profile="Oma järjestelmä").rows == 1
    with pytest.raises(UserError, match="'nope' ei ole lajin events kenttä"):
        import_file(store, again, kind="events", overrides={"nope": "Rahaa"})
    delete_profile(store, "Oma järjestelmä")
    assert list_profiles(store) == []
    with pytest.raises(UserError, match="Tuontiprofiilia 'Oma järjestelmä' ei ole"):
        import_file(store, again, profile="Oma järjestelmä")


def test_population_bands_and_forecast(store, data):
    import_file(store, data / "population_bands.csv")
    with store.read() as conn:
        rows = conn.execute(select(imports_tables.population).order_by(imports_tables.population.c.id)).all()
    got = [(r.municipality, r.year, r.age_from, r.age_to, r.sex, r.count, r.forecast) for r in rows]
    assert got == [
        ("179", 2024, 0, 6, "1", 5200.0, 0),
        ("179", 2024, 0, 6, "2", 4950.0, 0),
        ("179", 2024, 65, 74, "", 15321.0, 0),
        ("179", 2024, 85, 120, "2", 3004.0, 0),
        ("077", 2045, 7, 7, "1", 40.5, 1),
    ]


def test_finance(store, data):
    import_file(store, data / "finance_aura.csv")
    with store.read() as conn:
        rows = conn.execute(select(imports_tables.finance).order_by(imports_tables.finance.c.id)).all()
    assert [(r.aura_code, r.year, r.cost_eur, r.producer) for r in rows] == [
        ("2.1", 2024, 12345678.9, "own"), ("2.1", 2024, 1000000.0, "purchased"), (None, 2024, 7500000.0, None)]
    assert rows[2].aura_name == "Iäkkäiden kotihoito"


def test_grid_sites_and_travel_times_from_the_helsinki_cases(store, data):
    grid = import_file(store, data / "hki_grid_120.csv")
    assert grid.report["extra_columns"] == ["pop_70plus"]
    df = store.load("grid")
    assert len(df) == 120 and "pop_70plus" in df.columns
    assert df["x"].iloc[0] == 382125.0 and df["population"].iloc[0] == 12.0
    import_file(store, data / "hki_sites.csv")
    tt = import_file(store, data / "hki_travel_times_cut.csv")
    assert tt.kind == "travel-times"
    assert tt.report["no_route"] == 1 and tt.report["unknown_origin"] == 1
    assert tt.report["unknown_destination"] == 0
    times = store.load("travel_times")
    assert set(times["mode"].astype(str)) == {"car"}
    assert int(times["minutes"].isna().sum()) == 1


def test_travel_times_mode_column_choice(store, data, tmp_path):
    copy = tmp_path / "tt.csv"
    shutil.copy(data / "hki_travel_times_cut.csv", copy)
    result = import_file(store, copy, kind="travel-times", mode="walk")
    assert "walk_t" in result.warnings[0]
    header, first_row = copy.read_text(encoding="utf-8").splitlines()[:2]
    walk_t = float(first_row.split(";")[header.split(";").index("walk_t")])
    assert store.load("travel_times")["minutes"].iloc[0] == walk_t
    assert set(store.load("travel_times")["mode"].astype(str)) == {"walk"}


def test_grid_extra_columns_line_up_across_batches(store, data, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("cell_id;x;y;population\nA;1;2;10\nB;3;4;20\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("cell_id;x;y;population;pop_65plus\nC;5;6;30;7\n", encoding="utf-8")
    import_file(store, first)
    import_file(store, second)
    df = store.load("grid")
    assert df["cell_id"].astype(str).tolist() == ["A", "B", "C"]
    assert np.isnan(df["pop_65plus"].iloc[0]) and df["pop_65plus"].iloc[2] == 7.0


def test_geopackages_are_transformed_to_tm35fin(store, data):
    import_file(store, data / "sites_wgs84.gpkg")
    with store.read() as conn:
        sites = conn.execute(select(imports_tables.site).order_by(imports_tables.site.c.id)).all()
    # Helsinki railway station in ETRS-TM35FIN, about (385785, 6672336)
    assert abs(sites[0].x - 385785) < 5 and abs(sites[0].y - 6672336) < 5
    assert (sites[0].site_id, sites[0].size) == ("A1", "M")
    result = import_file(store, data / "grid_gk25.gpkg", overrides={"cell_id": "INDEX", "population": "ASUKKAITA"})
    assert result.report["extra_columns"] == ["IKA70_79"]
    grid = store.load("grid")
    # two neighbouring 250 m cells stay 250 m apart after the transformation
    dist = np.hypot(np.diff(grid["x"]), np.diff(grid["y"]))[0]
    assert abs(dist - 250) < 0.5


def test_reference_geopackage_polygons(store):
    from pathlib import Path

    path = Path("/work/shared/reference-data/hki_osm/helsinki_region_travel_times_to_railway_station.gpkg")
    if not path.exists():
        pytest.skip("reference data not on this machine")
    import sqlite3

    con = sqlite3.connect(path)
    suppressed = con.execute("SELECT COUNT(*) FROM travel_times_to_railway_station WHERE walk_d < 0").fetchone()[0]
    con.close()
    with pytest.raises(UserError, match="on negatiivinen"):
        import_file(store, path, kind="grid", overrides={"cell_id": "from_id", "population": "walk_d"})
    result = import_file(store, path, kind="grid", overrides={"cell_id": "from_id", "population": "walk_d"},
                         skip_invalid=True)
    assert suppressed > 0 and (result.rows, result.rejected) == (13231 - suppressed, suppressed)
    grid = store.load("grid")
    # polygon centroids of the 250 m YKR cells end in 125 / 125 (+/- rounding)
    assert np.allclose((grid["x"] - 125) % 250, 0, atol=0.01) or np.allclose((grid["x"] + 125) % 250, 0, atol=0.01)


def test_preview_shows_rows_and_problems(store, data):
    plan = plan_import(store, data / "events_bad_values.csv")
    preview = preview_import(store, plan, rows=50)
    assert len(preview.frame) == 6 and preview.lines.tolist() == [2, 5, 6, 7, 8, 9]
    assert (2, "kustannus", "'abc' ei ole luku") in preview.problems
    assert plan.mapping["person_id"] == "hetu"


def test_batch_row_is_in_the_same_transaction(store, data, monkeypatch):
    from desktop.store import columns

    def broken(*args, **kwargs):
        raise OSError("database or disk is full")

    monkeypatch.setattr(columns, "write_columns", broken)
    with pytest.raises(OSError):
        import_file(store, data / "events_pipe.csv")
    with store.read() as conn:
        assert conn.execute(select(imports_tables.import_batch)).all() == []
    assert store.integrity_ok()


def test_a_full_disk_is_a_clear_message(store, data, monkeypatch):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from desktop.store import columns

    def full(*args, **kwargs):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(columns, "write_columns", full)
    with pytest.raises(UserError, match="levy on täynnä"):
        import_file(store, data / "events_pipe.csv")
    assert store.batches() == [] and store.row_count("events") == 0


def test_a_really_full_database_leaves_the_store_as_it_was(store, data, tmp_path):
    """SQLite itself runs out of room (PRAGMA max_page_count caps the file, as a full disk would):
    the planner gets the clear message and the earlier batch, its rows and the file's integrity stay."""
    from sqlalchemy import event

    from tests.bench.test_import_bench import write_events_csv

    first = import_file(store, data / "events_pipe.csv")
    before = (store.row_count("events"), [b.id for b in store.batches()])
    with store.read() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    def cap(dbapi_connection, _record, _proxy):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 20}")

    event.listen(store.engine, "checkout", cap)
    big = tmp_path / "iso.csv"
    write_events_csv(big, 40_000)
    try:
        with pytest.raises(UserError, match="levy on täynnä"):
            import_file(store, big)
    finally:
        event.remove(store.engine, "checkout", cap)
        store.engine.dispose()  # the pooled connections keep their cap
    store.changed()
    assert (store.row_count("events"), [b.id for b in store.batches()]) == before == (first.rows, [first.batch_id])
    assert store.integrity_ok()
    assert import_file(store, big).rows == 40_000  # with room again, the same file imports


def test_the_same_person_gets_the_same_code_across_batches(store, tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("hetu;pvm\n131052-901X;1.1.2024\n020215A902V;2.1.2024\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text("hetu;pvm\n020215a902v;3.1.2024\n050688-904X;4.1.2024\n", encoding="utf-8")
    import_file(store, a)
    import_file(store, b)
    codes = store.load("events", ("person_id",), decode=False)["person_id"].tolist()
    assert codes[1] == codes[2] and len(set(codes)) == 3


def test_municipality_names_without_a_municipality_list_are_kept_with_a_warning(tmp_path, data):
    from desktop.store import Store

    bare = Store.create(tmp_path / "tyhja.sote")
    try:
        result = import_file(bare, data / "events_fi_cp1252.csv")
        assert any("Jyväskylä" in w and "kuntaluetteloa" in w for w in result.warnings)
        municipalities = bare.load("events")["municipality"].astype(str).tolist()
        assert municipalities == ["179", "Jyväskylä", "077", "182"]
    finally:
        bare.close()
