"""Slicers with several values: the Qt-free figures of a selection of two municipalities and two age
groups that are not next to each other, against a direct pandas count of the same events and
residents; and the Liikennevalot page's Kunta slicer ticked with the mouse, figures following it."""

from __future__ import annotations

import pandas as pd
import pytest
from event_frames import demo_like_records, single_year_population, write_store
from PySide6.QtCore import Qt

pytest.importorskip("desktop.services.classification")

from desktop.analysis.traffic_light_cuts import _AGE_BAND_BY_LABEL, AGE_BAND_LABELS  # noqa: E402
from desktop.services.traffic_lights import TrafficLightData  # noqa: E402
from desktop.store import open_store  # noqa: E402
from desktop.ui.pages.traffic_lights_page import TrafficLightsPage  # noqa: E402

LOAD_TIMEOUT_MS = 20_000
POPULATION = single_year_population(per_age=20.0)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("slicers") / "alue.sote", demo_like_records(120), POPULATION)


def direct_level_counts(events: pd.DataFrame, year: int, municipalities, ages) -> pd.DataFrame:
    """Contacts, distinct clients and euros per level of the selected events, counted with pandas."""
    picked = events[(events["year"] == year) & events["municipality"].astype(str).isin(municipalities)]
    in_ages = pd.Series(False, index=picked.index)
    for lo, hi in ages:
        in_ages |= picked["age"].between(lo, hi)
    picked = picked[in_ages]
    level = picked["level"].astype(object).where(picked["level"].notna(), "unclassified")
    return picked.assign(level=level).groupby("level").agg(
        contacts=("cost_eur", "size"), clients=("person_id", "nunique"), cost_eur=("cost_eur", "sum"))


def direct_residents(municipalities, ages) -> float:
    return sum(r[5] for r in POPULATION if r[1] == 2024 and r[0] in municipalities and not r[6]
               and any(lo <= r[2] <= hi for lo, hi in ages))


def test_several_municipalities_and_age_groups_against_a_direct_count(store_path):
    store = open_store(store_path, readonly=True)
    try:
        data = TrafficLightData(store)
        munis = ("179", "216")
        bands = (AGE_BAND_LABELS[0], AGE_BAND_LABELS[8])  # 0-6 and 65-74: not next to each other
        ages = [_AGE_BAND_BY_LABEL[b] for b in bands]
        result = data.table(("municipality",), [2024], {"municipality": munis, "age_band": bands})
        expected = direct_level_counts(data.events, 2024, munis, ages)
        assert expected["contacts"].sum() > 10  # the selection holds events
        levels = result.level_totals.set_index("level")
        for level, row in expected.iterrows():
            assert levels.loc[level, "contacts"] == row["contacts"]
            assert levels.loc[level, "clients"] == row["clients"]
            assert levels.loc[level, "cost_eur"] == pytest.approx(row["cost_eur"])
        assert result.totals["contacts"] == expected["contacts"].sum()
        # €/resident over the residents of exactly those ages (not 0-74)
        residents = direct_residents(munis, ages)
        assert result.totals["eur_per_resident"] == pytest.approx(expected["cost_eur"].sum() / residents)
        assert set(result.rows["municipality"].astype(str)) <= set(munis)
        per_muni = result.rows.groupby("municipality")["cost_eur"].sum()
        for muni in munis:
            own = direct_level_counts(data.events, 2024, (muni,), ages)["cost_eur"].sum()
            assert per_muni[muni] == pytest.approx(own)
    finally:
        store.close()


@pytest.fixture
def page(qtbot, store_path):
    store = open_store(store_path, readonly=True)
    p = TrafficLightsPage()
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):
        p.set_store(store)
    yield p
    p.set_store(None)
    store.close()


def tick(qtbot, slicer, labels) -> None:
    """Open the slicer's list with a click, tick `labels` with clicks, close it with Escape."""
    qtbot.mouseClick(slicer, Qt.MouseButton.LeftButton)
    view = slicer.view()
    qtbot.waitUntil(view.isVisible)
    for label in labels:
        row = [text for _v, text in slicer.items()].index(label) + 1
        rect = view.visualRect(slicer.model().index(row, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert view.isVisible()  # the list stays open for the next tick
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible())


def test_kunta_slicer_lists_names_with_codes_and_takes_several(page, qtbot):
    slicer = page.municipality_box
    labels = [text for _v, text in slicer.items()]
    assert labels == ["179 Jyväskylä", "182 Jämsä", "216 Kannonkoski"], labels
    with qtbot.waitSignal(slicer.selection_changed, timeout=5000):
        tick(qtbot, slicer, [labels[0], labels[2]])
    assert page.filters() == {"municipality": ("179", "216")}
    assert slicer.summary() == "2 valittu"
    # the table under the chart follows: the working-age rows (18-64 at the year's end) hold the
    # contacts, clients and euros of a direct count of the two municipalities' events
    frame = page.model.frame
    events = page.data.events
    working = events[(2024 - events["birth_year"]).between(18, 64)]
    expected = direct_level_counts(working, 2024, ("179", "216"), [(-1, 200)])
    rows = frame[frame["segment"] == "Työikäiset"].set_index("level")
    compared = 0
    for level, row in expected.iterrows():
        if isinstance(rows.loc[level, "clients"], str):  # a small group is hidden ("<5")
            continue
        assert rows.loc[level, "contacts"] == row["contacts"]
        assert rows.loc[level, "clients"] == row["clients"]
        assert rows.loc[level, "cost_eur"] == pytest.approx(row["cost_eur"])
        compared += 1
    assert compared >= 2
    page.canvases["central"].draw()
    texts = [t.get_text() for t in page.canvases["central"].figure.findobj(match=lambda a: hasattr(a, "get_text"))]
    assert any("kunta: 179, 216" in t for t in texts)
    # "kaikki" clears the ticks
    with qtbot.waitSignal(slicer.selection_changed, timeout=5000):
        qtbot.mouseClick(slicer, Qt.MouseButton.LeftButton)
        view = slicer.view()
        qtbot.waitUntil(view.isVisible)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(slicer.model().index(0, 0)).center())
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert page.filters() == {}


def test_space_bar_ticks_and_the_sex_slicer_says_its_values_in_words(page, qtbot):
    slicer = page.sex_box
    assert [text for _v, text in slicer.items()] == ["miehet", "naiset"]
    qtbot.mouseClick(slicer, Qt.MouseButton.LeftButton)
    view = slicer.view()
    qtbot.waitUntil(view.isVisible)
    view.setCurrentIndex(slicer.model().index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    with qtbot.waitSignal(slicer.selection_changed, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert page.filters() == {"sex": ("2",)}
    assert slicer.summary() == "naiset"
    women = page.data.table(("segment",), [2024], {"sex": ("2",)}).totals["contacts"]
    assert women == int((page.data.events.loc[page.data.events["year"] == 2024, "sex"].astype(str) == "2").sum())
