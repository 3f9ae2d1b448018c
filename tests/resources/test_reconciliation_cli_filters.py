"""`report STORE reconciliation --filter ...` follows the traffic-light filters as the Täsmäytys tab does:
the selected events' euros against the ledger euros the rules place on them, checked against a pandas
computation (each service's ledger euros spread over its events by their share of its euros in the year)
and against the tab's own page; small classes hidden with a complement; a bad filter exits 2 in Finnish."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.cli import main
from desktop.store import open_store

from .helpers import write_resource_store, write_years_store


@pytest.fixture(scope="module")
def years_store(tmp_path_factory):
    return str(write_years_store(tmp_path_factory.mktemp("recfilters") / "alue.sote"))


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    return str(write_resource_store(tmp_path_factory.mktemp("recsmall") / "alue.sote"))


def run_json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def expected_books(path, year, **filters) -> pd.DataFrame:
    """Per AURA class name: the selected events' ledger parts and euros, with pandas."""
    from desktop.services.classification import classified_events, load_versions
    from desktop.services.resources import store_allocation

    store = open_store(path, readonly=True)
    try:
        events = classified_events(store)
        versions = load_versions(store)
        services = store_allocation(store).services
    finally:
        store.close()
    name_of = {s.code: s.name for v in versions for s in v.services}
    ledger = services.assign(service=services["service"].map(name_of)).groupby(
        ["year", "service"], as_index=False)["ledger_eur"].sum()
    frame = pd.DataFrame({"year": events["year"].to_numpy(), "municipality": events["municipality"].astype(str).to_numpy(),
                          "sex": events["sex"].astype(str).to_numpy(), "service": events["service"].astype(object).to_numpy(),
                          "aura": events["aura"].astype(object).to_numpy(), "person": events["person_id"].to_numpy(),
                          "cost": events["cost_eur"].fillna(0.0).to_numpy(dtype=float)})
    frame = frame[frame["service"].notna() & (frame["year"] == year)].copy()
    service_eur = frame.groupby("service")["cost"].transform("sum")
    frame["share"] = np.where(service_eur > 0, frame["cost"] / service_eur.where(service_eur > 0, 1.0), 0.0)
    frame = frame.merge(ledger, on=["year", "service"], how="left").fillna({"ledger_eur": 0.0})
    for column, value in filters.items():
        frame = frame[frame[column] == value]
    frame = frame.assign(part=frame["ledger_eur"] * frame["share"])
    return frame.groupby("aura").agg(ledger_eur=("part", "sum"), event_eur=("cost", "sum"),
                                     clients=("person", "nunique"))


def classes_with_hidden_services(capsys, path, year, filters) -> set:
    """AURA class names of two or more services with events of which one is hidden on `report traffic-light
    --by service` with the same filters."""
    from desktop.services.classification import classified_events

    argv = ["report", path, "traffic-light", "--by", "service", "--year", str(year), "--json"]
    for f in filters:
        argv += ["--filter", f]
    hidden = {r["service"] for r in run_json(capsys, *argv)["rows"] if r["cost_eur"] is None}
    with open_store(path, readonly=True) as s:
        events = classified_events(s)
    pairs = pd.DataFrame({"service": events["service"].astype(str), "aura": events["aura"].astype(str),
                          "year": events["year"]})
    pairs = pairs[pairs["year"] == year].drop_duplicates()
    several = pairs.groupby("aura")["service"].nunique()
    return {a for a, sv in zip(pairs["aura"], pairs["service"], strict=True) if sv in hidden and several[a] > 1}


def test_filtered_reconciliation_against_pandas_and_the_tab(years_store, capsys):
    whole = run_json(capsys, "report", years_store, "reconciliation", "--year", "2024", "--json")
    doc = run_json(capsys, "report", years_store, "reconciliation", "--year", "2024", "--filter", "municipality=216",
                   "--filter", "sex=2", "--json")
    assert doc["filters"] == {"municipality": ["216"], "sex": ["2"]} and doc["years"] == [2024]
    expected = expected_books(years_store, 2024, municipality="216", sex="2")
    rows = {r["aura_name"]: r for r in doc["rows"]}
    assert sorted(rows) == sorted(expected.index)
    # a class of several services one of which is hidden on the filtered traffic lights shows no ledger part
    # (it would solve the hidden service cells: tests/privacy/test_ledger_share_differencing.py)
    mixed = classes_with_hidden_services(capsys, years_store, 2024, ["municipality=216", "sex=2"])
    assert mixed and set(mixed) < set(rows)
    for aura, exp in expected.iterrows():  # to the cent
        assert rows[aura]["clients"] == exp["clients"] >= 5, aura
        assert rows[aura]["event_eur"] == round(exp["event_eur"], 2), aura
        if aura in mixed:
            assert rows[aura]["ledger_eur"] is None and rows[aura]["coverage_pct"] is None, aura
            continue
        assert rows[aura]["ledger_eur"] == round(exp["ledger_eur"], 2), aura
        assert rows[aura]["coverage_pct"] == pytest.approx(100 * exp["event_eur"] / exp["ledger_eur"], abs=0.01)
    total = doc["totals"][0]
    assert total["ledger_eur"] is None  # a class's part hidden: the total would give it back
    assert total["event_eur"] == round(expected["event_eur"].sum(), 2)
    assert total["event_eur"] < whole["totals"][0]["event_eur"]  # the filter took effect
    # the same rows as the Täsmäytys tab's page for the same choice
    from desktop.presenters.traffic_light_charts import reconciliation_page
    from desktop.services.traffic_lights import TrafficLightData

    store = open_store(years_store, readonly=True)
    try:
        page = reconciliation_page(TrafficLightData(store), [2024], {"municipality": ("216",), "sex": ("2",)})
    finally:
        store.close()
    tab = page.table.to_dict("records")
    def cents(v):
        return None if v is None else round(v, 2)

    assert [(r["aura_name"], cents(r["ledger_eur"]), r["clients"], cents(r["event_eur"])) for r in tab] == \
        [(r["aura_name"], r["ledger_eur"], r["clients"], r["event_eur"]) for r in doc["rows"]]


def test_every_year_and_the_text_output(years_store, capsys):
    doc = run_json(capsys, "report", years_store, "reconciliation", "--filter", "municipality=179", "--json")
    assert doc["years"] == [2021, 2022, 2023, 2024] == sorted({r["year"] for r in doc["rows"]})
    expected = expected_books(years_store, 2022, municipality="179")
    got = {r["aura_name"]: r["ledger_eur"] for r in doc["rows"] if r["year"] == 2022}
    assert got == {a: round(v, 2) for a, v in expected["ledger_eur"].items()}
    assert main(["report", years_store, "reconciliation", "--years", "2023-2024", "--filter", "municipality=179"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Vuodet 2023–2024 · kunta: 179"
    assert "2023 yhteensä: kirjanpito" in out and "2024 yhteensä: kirjanpito" in out and "2022" not in out


def test_small_classes_hidden_with_a_complement(small_store, capsys):
    doc = run_json(capsys, "report", small_store, "reconciliation", "--filter", "municipality=179", "--json")
    rows = {r["aura_code"]: r for r in doc["rows"]}
    assert rows["2235"]["clients"] == "<5" and rows["2235"]["event_eur"] is None  # home care: 4 clients in 179
    hidden = [r for r in doc["rows"] if r["event_eur"] is None]
    assert len(hidden) >= 2 and all(r["coverage_pct"] is None and r["difference_eur"] is None for r in hidden)
    assert rows["2536"]["event_eur"] == 6 * 50.0 + 6 * 30.0  # the doctors' and nurses' visits, all in 179
    assert doc["totals"][0]["clients"] == 22


def test_a_hidden_class_hides_its_ledger_part_too(small_store, capsys):
    """Filtered, a class's ledger euros are its selected events' part of the books (ledger x their share
    of the service's euros): with the unfiltered table's figures they would give the hidden euros back
    (home care: 500 € of books, 400 € of events unfiltered; 179's part 400 € -> 400 x 400 / 500 = 320 €,
    the hidden figure). So a hidden class's ledger part is hidden as well, and its complement's."""
    whole = {r["aura_code"]: r for r in run_json(capsys, "report", small_store, "reconciliation", "--json")["rows"]}
    assert whole["2235"]["ledger_eur"] == 500.0 and whole["2235"]["event_eur"] == 400.0  # 5 clients: shown
    doc = run_json(capsys, "report", small_store, "reconciliation", "--filter", "municipality=179", "--json")
    hidden = [r for r in doc["rows"] if r["event_eur"] is None]
    assert {r["aura_code"] for r in hidden} >= {"2235"} and len(hidden) >= 2
    assert all(r["ledger_eur"] is None for r in hidden)
    shown = [r for r in doc["rows"] if r["event_eur"] is not None]
    # the doctors' and nurses' class 2536 keeps its event euros but not its ledger part: the doctors' visits
    # are hidden on the filtered traffic lights (home care's complement in the yellow column)
    assert classes_with_hidden_services(capsys, small_store, 2024, ["municipality=179"]) == \
        {r["aura_name"] for r in shown if r["aura_code"] == "2536"}
    assert [r["aura_code"] for r in shown if r["ledger_eur"] is None] == ["2536"]
    # the year's ledger total is hidden too: minus the shown rows it would give the hidden rows' sum
    # (400 + 1000 €), a second equation beside the event euros' (tests/privacy/test_ledger_share_differencing.py)
    assert doc["totals"][0]["ledger_eur"] is None
    # the Täsmäytys tab shows the same (its chart draws the hidden classes without bars)
    from desktop.presenters.traffic_light_charts import reconciliation_page
    from desktop.services.traffic_lights import TrafficLightData

    store = open_store(small_store, readonly=True)
    try:
        page = reconciliation_page(TrafficLightData(store), [2024], {"municipality": ("179",)})
        from matplotlib.figure import Figure

        page.draw(Figure())
    finally:
        store.close()
    tab = {r["aura_code"]: r for r in page.table.to_dict("records")}
    assert all(tab[c]["ledger_eur"] is None for c in ("2235", "2536", "2538")) and tab["2536"]["event_eur"] == 480.0
    # no class's coverage is shown (each has its ledger part hidden), nor the ledger total
    assert "Heikoin kattavuus" not in page.text and "Kirjanpidon osuuksien summaa ei näytetä" in page.text


@pytest.mark.parametrize(("argv", "words"), [
    (["--filter", "municipality=999"], "Rajaus municipality=999 ei kelpaa"),
    (["--filter", "sex=x"], "Rajaus sex=x ei kelpaa"),
    (["--filter", "age_band=vauvat"], "Ikäryhmä 'vauvat' on tuntematon"),
    (["--filter", "kunta=179"], "Tuntematon rajaus 'kunta'"),
    (["--filter", "municipality"], "ei ole muotoa ULOTTUVUUS=ARVO"),
    (["--year", "2019", "--filter", "municipality=179"], "Vuosilta 2019 ei ole tapahtumia"),
    (["--by", "segment"], "Täsmäytykselle annetaan vain"),
])
def test_bad_filters_exit_2_in_finnish(years_store, capsys, argv, words):
    assert main(["report", years_store, "reconciliation", *argv, "--json"]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and "Traceback" not in captured.err and captured.out == ""


@pytest.mark.parametrize("out", [["--json"], [], ["--csv", "{tmp}/t.csv"]])
@pytest.mark.parametrize(("argv", "words"), [
    (["--filter", "municipality=999"], "Rajaus municipality=999 ei kelpaa"),
    (["--filter", "producer=tuntematon"], "Rajaus producer=tuntematon ei kelpaa"),
])
def test_the_traffic_light_report_refuses_a_value_no_event_has(years_store, capsys, tmp_path, argv, words, out):
    before = Path(years_store).read_bytes()
    out = [a.format(tmp=tmp_path) for a in out]
    assert main(["report", years_store, "traffic-light", *argv, *out]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and "Arvot:" in captured.err and "Traceback" not in captured.err
    assert captured.out == "" and not (tmp_path / "t.csv").exists()
    assert Path(years_store).read_bytes() == before
    # a value events do have still gives figures
    assert main(["report", years_store, "traffic-light", "--filter", "municipality=179", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"]
