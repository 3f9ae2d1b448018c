"""Targets per segment and year: stored in the store, validated, and shown with their status."""

from __future__ import annotations

import pytest
from event_frames import demo_like_records, single_year_population, write_store

from desktop.analysis.traffic_lights import Target, level_shares
from desktop.core.errors import UserError
from desktop.services.traffic_light_targets import (
    delete_target,
    list_targets,
    set_target,
    targets_with_status,
)
from desktop.services.traffic_lights import TrafficLightData
from desktop.store import open_store

pytest.importorskip("desktop.services.classification")


@pytest.fixture
def store(tmp_path):
    st = open_store(write_store(tmp_path / "alue.sote", demo_like_records(), single_year_population()))
    yield st
    st.close()


def test_targets_are_stored_replaced_and_deleted(store):
    set_target(store, Target("Lapset ja nuoret", 2027, "green", "cost_eur", 0.40))
    set_target(store, Target("Lapset ja nuoret", 2027, "green", "cost_eur", 0.45), note="valtuusto 2025")
    set_target(store, Target("Iäkkäät", 2024, "red", "clients", 0.30, at_least=False))
    targets = list_targets(store)
    assert [(t.segment, t.year, t.share) for t in targets] == [("Iäkkäät", 2024, 0.30), ("Lapset ja nuoret", 2027, 0.45)]
    delete_target(store, targets[0].id)
    assert [t.segment for t in list_targets(store)] == ["Lapset ja nuoret"]
    for bad in (Target("X", 2024, "blue", "cost_eur", 0.1), Target("X", 2024, "red", "beds", 0.1),
                Target("X", 2024, "red", "cost_eur", 1.5)):
        with pytest.raises(UserError):
            set_target(store, bad)


def test_target_status_against_the_year_figures(store):
    data = TrafficLightData(store)
    shares = level_shares(data.table(("segment",), [2024]), "clients").set_index("segment")
    actual = float(shares.loc["Iäkkäät", "share_red"])
    set_target(store, Target("Iäkkäät", 2024, "red", "clients", round(actual + 0.05, 4), at_least=False))
    set_target(store, Target("Iäkkäät", 2024, "green", "clients", 1.0))
    set_target(store, Target("Iäkkäät", 2030, "green", "clients", 0.5))
    status = {(s["level"], s["year"]): s for s in targets_with_status(data)}
    assert status[("red", 2024)]["status"] == "met" and status[("red", 2024)]["actual"] == pytest.approx(actual)
    assert status[("green", 2024)]["status"] == "not_met"
    assert status[("green", 2030)]["status"] == "no_data"
