"""`segments STORE --json` carries the Segmentit page's resource columns (FTEs, ledger euros, contacts per
FTE, ledger euros per contact per segment) from the same service function the page's sizes table uses
(services.segments.shown_segment_sizes), hidden with a small segment and its complement as there; the
figures also against a pandas sum of the allocation spread over the members' events."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from desktop.analysis import privacy
from desktop.cli import main
from desktop.store import open_store

from .helpers import write_resource_store, write_years_store

RESOURCES = ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")


@pytest.fixture(scope="module")
def years_path(tmp_path_factory):
    return write_years_store(tmp_path_factory.mktemp("segcli") / "alue.sote")


def run_json(capsys, *argv) -> dict:
    assert main([str(a) for a in argv]) == 0
    return json.loads(capsys.readouterr().out)


def page_sizes(path, year) -> pd.DataFrame:
    """The page's sizes table of `year`, as the Segmentit page computes it (its load and redraw)."""
    from desktop.analysis.segments import membership, segment_sizes
    from desktop.services import segments as svc
    from desktop.services.resources import events_with_resources

    store = open_store(path, readonly=True)
    try:
        events = events_with_resources(store, svc.analysis_events(store))[0]
        m = membership(events, svc.load_segments(store), None, svc.need_thresholds(store))
        population = svc.load_population(store)
        sizes = segment_sizes(m, population if len(population) else None)
        table = svc.shown_segment_sizes(m, sizes, year, privacy.min_group(store))
    finally:
        store.close()
    return table[svc.size_columns(table)].set_index("segment"), m


def spread(path) -> pd.DataFrame:
    """Per classified event: year, person code, and its parts of its service's FTEs and ledger euros."""
    from desktop.analysis.segments import person_codes
    from desktop.services.classification import classified_events, load_versions
    from desktop.services.resources import store_allocation

    store = open_store(path, readonly=True)
    try:
        events = classified_events(store)
        versions = load_versions(store)
        allocated = store_allocation(store).per_service()
    finally:
        store.close()
    name_of = {s.code: s.name for v in versions for s in v.services}
    allocated = allocated.assign(service=allocated["service"].map(name_of))
    frame = pd.DataFrame({"year": events["year"].to_numpy(), "service": events["service"].astype(object),
                          "cost": events["cost_eur"].fillna(0.0).to_numpy(dtype=float), "person": person_codes(events)})
    service_eur = frame.groupby(["year", "service"])["cost"].transform("sum")
    frame = frame.merge(allocated, on=["year", "service"], how="left").fillna({"fte": 0.0, "ledger_eur": 0.0})
    share = np.where(service_eur > 0, frame["cost"] / service_eur.where(service_eur > 0, 1.0), 0.0)
    return frame.assign(fte=frame["fte"] * share, ledger_eur=frame["ledger_eur"] * share)


def test_json_resource_columns_equal_the_page_and_pandas(years_path, capsys):
    frame = spread(years_path)
    checked = hidden_cells = 0
    for year in (2022, 2024):
        doc = run_json(capsys, "segments", years_path, "--year", year, "--json")
        page, m = page_sizes(years_path, year)
        of_year = frame[frame["year"] == year]
        from desktop.analysis.disclosure import segments_with_hidden_cells

        with_hidden_cell = segments_with_hidden_cells(m, year, privacy.MIN_GROUP)
        hidden_cells += int(with_hidden_cell.sum())
        for s, row in enumerate(doc["segments"]):
            shown = page.loc[row["name"]]
            for column in RESOURCES:
                value = shown[column]
                assert row[column] == (None if value is None or value != value else round(float(value), 2)), \
                    (year, row["name"], column)
            if privacy.is_hidden_mark(row["persons"]) or with_hidden_cell[s]:
                # a segment with a hidden traffic-light cell hides its resource figures too (they would solve
                # the cell: tests/privacy/test_ledger_share_differencing.py)
                assert all(row[c] is None for c in RESOURCES)
                continue
            mine = of_year[of_year["person"].isin(np.flatnonzero(m.masks[year][s]))]
            assert row["fte"] == round(mine["fte"].sum(), 2), (year, row["name"])
            assert row["ledger_eur"] == round(mine["ledger_eur"].sum(), 2), (year, row["name"])
            if mine["fte"].sum() > 0:
                assert row["contacts_per_fte"] == round(len(mine) / mine["fte"].sum(), 2)
                checked += 1
        assert sum(r["fte"] or 0 for r in doc["segments"]) > 0
    assert checked >= 6 and hidden_cells > 0


def test_small_segments_resource_figures_hidden(tmp_path, capsys):
    path = write_resource_store(tmp_path / "alue.sote")
    doc = run_json(capsys, "segments", path, "--json")
    elderly = {r["name"]: r for r in doc["segments"]}["Iäkkäät"]
    assert elderly["persons"] == 5 and elderly["ledger_eur"] == 500.0 and elderly["fte"] == 0.0  # counted by hand
    copy = tmp_path / "kopio.sote"
    shutil.copy(path, copy)
    store = open_store(copy)
    try:
        store.set_setting(privacy.MIN_GROUP_SETTING, 6)  # the elderly's 5 persons become "<6"
    finally:
        store.close()
    doc = run_json(capsys, "segments", copy, "--json")
    hidden = [r for r in doc["segments"] if privacy.is_hidden_mark(r["persons"])]
    assert "Iäkkäät" in [r["name"] for r in hidden] and len(hidden) >= 2  # with a complement
    assert all(r[c] is None for r in hidden for c in RESOURCES)
    # the working-age 12 persons stay shown, but not their 960 ledger euros: their yellow traffic-light cell
    # (the doctors' visits, 6 persons) is the complement of the elderly's "<6" home-care cell in the yellow
    # column, and the segment's ledger beside its euros would solve it (tests/privacy/test_ledger_share_differencing.py)
    working = {r["name"]: r for r in doc["segments"]}["Työikäiset"]
    assert working["persons"] == 12 and working["cost_eur"] == 6 * 50.0 + 6 * 30.0 and working["ledger_eur"] is None
    from desktop.services.traffic_lights import TrafficLightData, result_json

    with open_store(copy, readonly=True) as s:
        cells = result_json(TrafficLightData(s).table(("segment",), None, {}))["rows"]
    assert ("yellow", "..") in {(c["level"], c["clients"]) for c in cells if c["segment"] == "Työikäiset"}


def test_no_resource_columns_without_personnel_or_books(tmp_path, capsys):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))
    from event_frames import demo_like_records, single_year_population, write_store

    path = write_store(tmp_path / "alue.sote", demo_like_records(), single_year_population())
    doc = run_json(capsys, "segments", path, "--json")
    assert not any(c in row for row in doc["segments"] for c in RESOURCES)
