"""Figures linked to measures: the provider registry and a service's clients per 1,000 residents."""

import sys

import pytest

from desktop.core.datasets import day_number
from desktop.services import measures as svc
from desktop.services.new_project import create_project

from .helpers import write_events, write_population

NEUVOLA = "Äitiys- ja lastenneuvolapalvelut"


@pytest.fixture
def store(tmp_path):
    """Five clinic clients in 2024 (one of them twice, one a sickness-care visit), one in 2023, one
    doctor's visit (a group of one: hidden); 1,000 residents in 2024 split by sex (plus a both-sexes
    row that must not count twice)."""
    s = create_project(tmp_path / "ind.sote")
    write_events(s, [dict(person_id="p1", service_form="T22", date=day_number(2024, 2, 1)),
                     dict(person_id="p1", service_form="T22", date=day_number(2024, 5, 1)),
                     dict(person_id="p2", service_form="T21"),
                     dict(person_id="p3", service_form="T22", visit_nature="SH"),
                     dict(person_id="p6", service_form="T22"),
                     dict(person_id="p7", service_form="T21"),
                     dict(person_id="p4", service_form="T22", date=day_number(2023, 5, 1)),
                     dict(person_id="p5", service_form="T11", professional_group="lääkäri", visit_nature="SH")])
    write_population(s, 2024, [("179", "1", 300.0), ("179", "2", 450.0), ("182", "2", 250.0), ("179", "", 750.0)])
    yield s
    s.close()


def test_residents_count_each_person_once(store):
    assert svc.residents(store, 2024) == 1000.0
    assert svc.residents(store, 2023) == 0.0


def test_clients_per_1000_by_hand(store):
    assert svc.clients_per_1000(store, 2024, NEUVOLA) == pytest.approx(5.0)  # 5 persons / 1 000 residents
    with pytest.raises(svc.IndicatorUnavailable, match="piilotettu: alle 5 asiakasta vuonna 2024"):
        svc.clients_per_1000(store, 2024, "Lääkärin vastaanotto")  # one person: rate x residents would name them
    assert svc.clients_per_1000(store, 2024, "Ei tällaista palvelua") == 0.0
    with pytest.raises(svc.IndicatorUnavailable, match="ei väestötietoa vuodelle 2023"):
        svc.clients_per_1000(store, 2023, NEUVOLA)


def test_linked_values_through_the_registry(store):
    assert svc.indicator_years(store) == [2023, 2024]
    names = {p.name for p in svc.available_indicators(store)}
    assert {f"clients_per_1000:{NEUVOLA}", "clients_per_1000:Lääkärin vastaanotto"} <= names
    result = svc.indicator_values(store, f"clients_per_1000:{NEUVOLA}", [2023, 2024])
    assert result.values == {2023: None, 2024: pytest.approx(5.0)}
    assert result.note == "ei väestötietoa vuodelle 2023"
    assert result.label == f"Asiakkaita / 1 000 asukasta: {NEUVOLA}"
    missing = svc.indicator_values(store, "no_such_figure", [2024])
    assert missing.values == {2024: None} and missing.note == "ei saatavilla tässä sovelluksessa"


def test_matches_the_traffic_light_figures(store):
    """The clients behind the figure are the ones the traffic-light report counts for the service."""
    tl = pytest.importorskip("desktop.services.traffic_lights")
    result = tl.TrafficLightData(store).table(by=("service",), years=[2024])
    clients = dict(zip(result.group_totals["service"], result.group_totals["clients"], strict=True))
    assert svc.clients_per_1000(store, 2024, NEUVOLA) == pytest.approx(1000 * clients[NEUVOLA] / svc.residents(store, 2024))


def test_summary_shows_linked_figures(store):
    small = svc.AddMeasure(store, svc.load_tracker(store).goals[0].id, "Lapsiperheet", "Neuvolan kattavuus")
    small.do()
    svc.SetIndicators(store, small.id, [f"clients_per_1000:{NEUVOLA}"]).do()
    summary = svc.tracker_summary(store)
    measure = next(m for m in summary["measures"] if m["id"] == small.id)
    assert measure["indicators"][0]["values"] == {"2023": None, "2024": pytest.approx(5.0)}


def test_without_classification_the_figure_says_not_available(store, monkeypatch):
    monkeypatch.setitem(sys.modules, "desktop.services.classification", None)  # import now fails
    result = svc.indicator_values(store, f"clients_per_1000:{NEUVOLA}", [2024])
    assert result.values == {2024: None}
    assert "palveluluokitus puuttuu" in result.note


def test_other_features_register_their_figures(store, monkeypatch):
    monkeypatch.setattr(svc, "_PROVIDERS", {})
    monkeypatch.setattr(svc, "_FAMILIES", dict(svc._FAMILIES))
    svc.register_indicator("sites_total", lambda s, y: 12.0 if y == 2024 else None, "Toimipisteitä", "Sites", "kpl")
    svc.register_indicator_family("green_share_eur", lambda s, y, seg: {"Lapset": 41.5}.get(seg),
                                  lambda s: [("Lapset", "Lapset ja nuoret")], "Vihreän osuus euroista: {param}",
                                  "Green share of euros: {param}", "%")
    names = [p.name for p in svc.available_indicators(store)]
    assert names[0] == "sites_total" and "green_share_eur:Lapset" in names
    assert svc.indicator_values(store, "sites_total", [2023, 2024]).values == {2023: None, 2024: 12.0}
    green = svc.indicator_values(store, "green_share_eur:Lapset", [2024])
    assert green.values == {2024: 41.5} and green.unit == "%"
    svc.register_indicator("broken", lambda s, y: 1 / 0, "Rikki", "Broken")
    assert svc.indicator_values(store, "broken", [2024]).note.startswith("laskenta epäonnistui")
