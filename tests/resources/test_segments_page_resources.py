"""The Segmentit page on stores with personnel and ledger rows: the sizes table shows each segment's FTEs,
ledger euros, contacts per FTE and ledger euros per contact beside persons, events and euros (as on the
traffic-light table), the figures of small segments and their complements hidden like their person counts.
Hand-counted on tests/resources/helpers.py's store; on the four-year store checked against a pandas
computation of the allocation's spread over the members' events."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop.analysis import privacy
from desktop.store import open_store
from desktop.ui.pages.segments_page import SegmentsPage

from .helpers import write_resource_store, write_years_store

LOAD_TIMEOUT_MS = 30_000
RESOURCE_HEADERS = ("Henkilötyövuodet (htv)", "Kirjanpidon eurot", "Käyntejä / htv", "Kirjanpidon € / käynti")


@pytest.fixture(scope="module")
def resource_path(tmp_path_factory):
    return write_resource_store(tmp_path_factory.mktemp("segr") / "alue.sote")


@pytest.fixture(scope="module")
def years_path(tmp_path_factory):
    return write_years_store(tmp_path_factory.mktemp("segy") / "alue.sote")


def open_page(qtbot, store) -> SegmentsPage:
    page = SegmentsPage()
    qtbot.addWidget(page)
    page.resize(1300, 800)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    page.tabs.setCurrentIndex(page.VIEWS.index("sizes"))
    return page


def shown(model) -> pd.DataFrame:
    """The sizes table as the user reads it (header texts, cell texts)."""
    names = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    return pd.DataFrame([[model.data(model.index(r, c)) for c in range(model.columnCount())]
                         for r in range(model.rowCount())], columns=names).set_index("Segmentti")


def raw(model) -> pd.DataFrame:
    """The sizes table's values (the sort role: numbers, or the marks of hidden figures)."""
    frame = model.frame.copy()
    return frame.set_index("segment")


def test_sizes_table_shows_the_resource_columns_counted_by_hand(qtbot, resource_path):
    store = open_store(resource_path, readonly=True)
    try:
        page = open_page(qtbot, store)
        table = shown(page.model)
        assert all(h in table.columns for h in RESOURCE_HEADERS)
        # children (NEUVOLA, 6 persons, 6 contacts): KP-NEU's 3 FTE follow its ledger; 2538's 1 000 €
        assert table.loc["Lapset ja nuoret", "Henkilötyövuodet (htv)"] == "3,0"
        assert table.loc["Lapset ja nuoret", "Kirjanpidon eurot"] == "1\u00a0000"
        assert table.loc["Lapset ja nuoret", "Käyntejä / htv"] == "2"
        values = raw(page.model)
        # working age (VO-LÄÄK 6 + VO-HOIT 6 contacts): doctors 2 + nurses 4 = 6 FTE; 2536's 960 € (600 + 360)
        assert values.loc["Työikäiset", "fte"] == pytest.approx(6.0, abs=1e-12)
        assert values.loc["Työikäiset", "ledger_eur"] == pytest.approx(960.0, abs=0.005)
        assert values.loc["Työikäiset", "eur_per_contact"] == pytest.approx(80.0, abs=0.005)
        # the elderly (KOTIHOITO, 5 persons, 10 contacts): no FTE allocated (KP-KH has no rule, no ledger),
        # 2235's 500 € of ledger
        assert values.loc["Iäkkäät", "fte"] == 0.0
        assert values.loc["Iäkkäät", "ledger_eur"] == pytest.approx(500.0, abs=0.005)
        assert values.loc["Iäkkäät", "eur_per_contact"] == pytest.approx(50.0, abs=0.005)
        # everyone is an occasional-need client: every FTE and euro that reached an event (9 of the 20
        # imported FTE; 2 460 of the 2 560 ledger euros)
        assert values.loc["Satunnainen tarve", "fte"] == pytest.approx(9.0, abs=1e-12)
        assert values.loc["Satunnainen tarve", "ledger_eur"] == pytest.approx(2460.0, abs=0.005)
        page.set_store(None)
    finally:
        store.close()


def test_small_segments_resource_figures_hidden_with_their_persons(qtbot, resource_path, tmp_path):
    path = tmp_path / "alue.sote"
    shutil.copy(resource_path, path)
    store = open_store(path)
    try:
        store.set_setting(privacy.MIN_GROUP_SETTING, 6)  # the elderly's 5 persons become "<6"
        page = open_page(qtbot, store)
        values = raw(page.model)
        assert values.loc["Iäkkäät", "persons"] == "<6"
        hidden = values[values["persons"].map(privacy.is_hidden_mark)]
        assert "Iäkkäät" in hidden.index and len(hidden) >= 2  # a complement hidden too (".."), not only the small one
        for column in ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact", "events", "cost_eur"):
            assert hidden[column].isna().all(), column
        table = shown(page.model)
        assert table.loc["Iäkkäät", "Kirjanpidon eurot"] == "–"
        # 12 persons: shown, but not their 960 ledger euros (their yellow traffic-light cell is the complement
        # of the elderly's "<6" cell; tests/resources/test_segments_cli_resources.py)
        assert values.loc["Työikäiset", "persons"] == 12 and values.loc["Työikäiset", "cost_eur"] == 480.0
        assert table.loc["Työikäiset", "Kirjanpidon eurot"] == "–"
        page.set_store(None)
    finally:
        store.close()


def test_every_year_matches_pandas_on_four_years(qtbot, years_path):
    from desktop.analysis.segments import person_codes
    from desktop.services.classification import classified_events, load_versions
    from desktop.services.resources import store_allocation

    store = open_store(years_path, readonly=True)
    try:
        page = open_page(qtbot, store)
        events = classified_events(store)
        versions = load_versions(store)
        allocated = store_allocation(store).per_service()
        name_of = {s.code: s.name for v in versions for s in v.services}
        allocated = allocated.assign(service=allocated["service"].map(name_of))
        frame = pd.DataFrame({"year": events["year"].to_numpy(), "service": events["service"].astype(object),
                              "cost": events["cost_eur"].fillna(0.0).to_numpy(dtype=float),
                              "person": person_codes(events)})
        # an event's part: its service's amount times its share of the service's euros in the year
        service_eur = frame.groupby(["year", "service"])["cost"].transform("sum")
        frame = frame.merge(allocated, on=["year", "service"], how="left").fillna({"fte": 0.0, "ledger_eur": 0.0})
        share = np.where(service_eur > 0, frame["cost"] / service_eur.where(service_eur > 0, 1.0), 0.0)
        for column in ("fte", "ledger_eur"):
            frame[column] = frame[column] * share
        m = page.membership
        from desktop.analysis.disclosure import segments_with_hidden_cells

        checked = hidden_cells = 0
        for index in range(page.year_box.count()):
            page.year_box.setCurrentIndex(index)
            year = page.year()
            values = raw(page.model)
            of_year = frame[frame["year"] == year]
            with_hidden_cell = segments_with_hidden_cells(m, year, privacy.MIN_GROUP)
            hidden_cells += int(with_hidden_cell.sum())
            for s, name in enumerate(m.names):
                if privacy.is_hidden_mark(values.loc[name, "persons"]) or with_hidden_cell[s]:
                    # hidden with the segment, or with a hidden traffic-light cell of it (which they would solve)
                    assert values.loc[name, ["fte", "ledger_eur"]].isna().all()
                    continue
                members = np.flatnonzero(m.masks[year][s])
                mine = of_year[of_year["person"].isin(members)]
                assert values.loc[name, "fte"] == pytest.approx(mine["fte"].sum(), abs=1e-9), (year, name)
                assert round(values.loc[name, "ledger_eur"], 2) == round(mine["ledger_eur"].sum(), 2), (year, name)
                if mine["fte"].sum() > 0:
                    assert values.loc[name, "contacts_per_fte"] == pytest.approx(len(mine) / mine["fte"].sum())
                checked += 1
        assert checked >= 12 and hidden_cells > 0
        page.set_store(None)
    finally:
        store.close()
