"""Figures linked to measures: the provider registry and a service's clients per 1,000 residents."""

import pytest

from desktop.core.datasets import day_number
from desktop.services import measures as svc
from desktop.services.measures import indicators
from desktop.services.measures import linked_figures as figures
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
    assert figures.residents(store, 2024) == 1000.0
    assert figures.residents(store, 2023) == 0.0


def test_clients_per_1000_by_hand(store):
    assert figures.clients_per_1000(store, 2024, NEUVOLA) == pytest.approx(5.0)  # 5 persons / 1 000 residents
    with pytest.raises(svc.IndicatorUnavailable, match="piilotettu: alle 5 asiakasta vuonna 2024"):
        figures.clients_per_1000(store, 2024, "Lääkärin vastaanotto")  # one person: rate x residents would name them
    assert figures.clients_per_1000(store, 2024, "Ei tällaista palvelua") == 0.0
    with pytest.raises(svc.IndicatorUnavailable, match="ei väestötietoa vuodelle 2023"):
        figures.clients_per_1000(store, 2023, NEUVOLA)


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
    assert figures.clients_per_1000(store, 2024, NEUVOLA) == pytest.approx(1000 * clients[NEUVOLA] / figures.residents(store, 2024))


def test_summary_shows_linked_figures(store):
    small = svc.AddMeasure(store, svc.load_tracker(store).goals[0].id, "Lapsiperheet", "Neuvolan kattavuus")
    small.do()
    svc.SetIndicators(store, small.id, [f"clients_per_1000:{NEUVOLA}"]).do()
    summary = svc.tracker_summary(store)
    measure = next(m for m in summary["measures"] if m["id"] == small.id)
    assert measure["indicators"][0]["values"] == {"2023": None, "2024": pytest.approx(5.0)}


def test_an_empty_project_offers_its_reach_goals_and_no_service(tmp_path):
    """The app's own figures come from one explicit list (linked_figures.APP_FAMILIES): without events
    there is no service to pick, while the shipped reach goals can be linked."""
    s = create_project(tmp_path / "empty.sote")
    try:
        names = [p.name for p in svc.available_indicators(s)]
        assert names and all(n.startswith("reach:") for n in names)
        assert "reach:S-koon sote-keskus 30 min" in names
        no_grid = svc.indicator_values(s, "reach:S-koon sote-keskus 30 min", [2024])
        assert no_grid.values == {2024: None}
    finally:
        s.close()


def test_other_features_register_their_figures(store, monkeypatch):
    monkeypatch.setattr(indicators, "_PROVIDERS", {})
    monkeypatch.setattr(indicators, "_FAMILIES", {})
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


def _event_reads(store) -> list[str]:
    """Every statement that reads the events' column chunks (counted on the store's engine)."""
    from sqlalchemy import event

    reads: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_: reads.append(statement) if "column_chunk" in statement else None)
    return reads


def test_a_rating_edit_does_not_read_the_events_again(store):
    """Caches keyed per dataset: with a figure linked, a rating edit (or a name edit) recomputes nothing;
    new events recompute the figure."""
    from desktop.core.measures import Month
    from desktop.services.classification import classified_events

    from .helpers import small_tracker

    ids = small_tracker(store)
    name = f"clients_per_1000:{NEUVOLA}"
    svc.SetIndicators(store, ids["m1"], [name]).do()
    before = svc.indicator_values(store, name, [2023, 2024])
    frame = classified_events(store, 2024)
    reads = _event_reads(store)
    svc.SetRating(store, ids["m1"], Month.parse("2024-05"), 4).do()
    svc.EditField(store, "measure", ids["m1"], "name", "Etävastaanotot ja chat").do()
    after = svc.indicator_values(store, name, [2023, 2024])
    assert reads == [] and after.values == before.values
    assert classified_events(store, 2024) is frame
    write_events(store, [dict(person_id=f"n{i}", service_form="T22") for i in range(5)])
    again = svc.indicator_values(store, name, [2023, 2024])
    assert reads and again.values[2024] == pytest.approx(10.0)  # ten clinic clients / 1 000 residents


def test_the_cached_events_stay_over_a_settings_write_and_go_with_an_import(store):
    first = store.load("events")
    assert store.load("events") is first
    with store.transaction() as conn:
        store._set_meta(conn, "note", "x")
    assert store.load("events") is first  # the meta table holds none of the events
    write_events(store, [dict(person_id="p9")])
    again = store.load("events")
    assert again is not first and len(again) == len(first) + 1
