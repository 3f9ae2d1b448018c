"""The workshop report with personnel and ledger rows (tests/resources/helpers.py): the FTE and ledger-euro
distributions, the personnel page with small groups' wages hidden, and the reconciliation page."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.reports.resources import reconciliation_page, staff_level_page
from desktop.reports.traffic_light import traffic_light_pages
from desktop.services.traffic_lights import TrafficLightData
from desktop.store import Store
from tests.measures.test_measures_workshop import pdf_text

from .helpers import write_resource_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_resource_store(tmp_path_factory.mktemp("wsr") / "alue.sote")


@pytest.fixture(scope="module")
def data(store_path):
    store = Store.open(store_path, readonly=True)
    yield TrafficLightData(store)
    store.close()


def test_personnel_page_counted_by_hand(data):
    page = staff_level_page(data, [2024])
    # reaching events: NEUVOLA 3 (nurses, green), VO-LÄÄK 2 doctors + 2 nurses (yellow), VO-HOIT 2 nurses (green)
    assert page.text.startswith("Palveluille kohdennetuista 9,0 henkilötyövuodesta 56\u00a0% oli vihreissä ja "
                                "0\u00a0% punaisissa palveluissa.")
    rows = {r["professional_group"]: r for r in page.table.to_dict("records")}
    assert set(rows) == {"terveydenhoitaja", "lääkäri", "sairaanhoitaja", "Yhteensä"}
    assert page.table["professional_group"].iloc[-1] == "Yhteensä"  # the total row last
    # 4 + 2 + 5 employees, 150 000 + 220 000 + 180 000 €; minus the shown 180 000: two hidden groups together
    assert rows["Yhteensä"]["employees"] == 11 and rows["Yhteensä"]["wages_eur"] == pytest.approx(550_000)
    assert rows["Yhteensä"]["fte"] == pytest.approx(9.0)
    assert rows["sairaanhoitaja"]["fte"] == pytest.approx(4.0) and rows["sairaanhoitaja"]["employees"] == 5
    assert rows["sairaanhoitaja"]["wages_eur"] == pytest.approx(180_000)
    assert rows["lääkäri"]["employees"] == "<5" and rows["lääkäri"]["wages_eur"] is None
    assert rows["lääkäri"]["wages_per_fte"] is None and rows["lääkäri"]["fte"] == pytest.approx(2.0)
    assert rows["terveydenhoitaja"]["employees"] == "<5" and rows["terveydenhoitaja"]["wages_eur"] is None


def test_reconciliation_page(data):
    page = reconciliation_page(data, [2024])
    assert page.text.startswith("Tapahtumatieto selittää 58\u00a0% kirjanpidon euroista")
    assert page.table["coverage_pct"].tolist() == [80.0, 50.0, 60.0, 0.0]


def test_traffic_light_pages_offer_ftes_and_ledger_euros(data):
    titles = [p.title for p in traffic_light_pages(data, [2024])]
    assert "Liikennevalojakauma: henkilötyövuodet (htv)" in titles
    assert "Liikennevalojakauma: kirjanpidon eurot" in titles
    structure = next(p for p in traffic_light_pages(data, [2024]) if p.title == "Palvelurakenne")
    assert {"fte", "ledger_eur", "contacts_per_fte", "eur_per_contact"} <= set(structure.table.columns)
    assert "Henkilötyövuodet: ehkäisevät ja avopalvelut 100\u00a0%" in structure.text


def test_workshop_pdf_holds_the_new_pages(store_path, tmp_path, capsys):
    out = tmp_path / "tyopaja.pdf"
    assert main(["report", str(store_path), "workshop", "--pdf", str(out)]) == 0
    capsys.readouterr()
    text = pdf_text(out.read_bytes())
    for title in ("Liikennevalojakauma: henkil", "Henkil\u00f6st\u00f6 ammattiryhmitt\u00e4in", "Tapahtumatieto selitt",
                  "Kirjanpito ja tapahtumatieto AURA", "Palveluille kohdennetuista 9,0"):
        assert title in text, title
