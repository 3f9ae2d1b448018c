"""Allocation of personnel and ledger euros to services, counted by hand (tests/resources/helpers.py
explains every row): cost-centre shares, professional groups, the default split of an AURA class by
event euros, staff following their cost centre's ledger, versions by year, and the unallocated rest."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.analysis.allocation import allocate, spread_to_events

from .helpers import LEDGER_2024, SERVICE_EUROS_2024, STAFF_2024, classification, ledger, staff


def per_service(result, measure):
    table = result.per_service()
    return {(int(r.year), r.service): round(getattr(r, measure), 6) for r in table.itertuples() if getattr(r, measure)}


def test_hand_counted_allocation_of_one_year():
    result = allocate(staff(STAFF_2024), ledger(LEDGER_2024), [classification()], SERVICE_EUROS_2024)
    assert per_service(result, "ledger_eur") == {(2024, "S1"): 600 + 1500 + 50, (2024, "S2"): 400 + 500,
                                                 (2024, "S3"): 500}
    assert per_service(result, "fte") == {(2024, "S1"): 6 + 1, (2024, "S2"): 4, (2024, "S3"): 2 + 4}
    assert per_service(result, "wages_eur") == {(2024, "S1"): 240_000 + 40_000, (2024, "S2"): 160_000,
                                                (2024, "S3"): 200_000 + 150_000}
    una = result.unallocated
    ledger_lost = {(r.key, r.reason): r.ledger_eur for r in una[una["source"] == "ledger"].itertuples()}
    assert ledger_lost == {("A3", "no_events"): 700, ("ZZ", "unknown_aura"): 50, ("KP3", "rest"): 50}
    staff_lost = {(r.key, r.professional_group, r.reason): r.fte for r in una[una["source"] == "staff"].itertuples()}
    assert staff_lost == {("KP2-A", "sairaanhoitaja", "no_rule"): 3, ("KP3", "ohjaaja", "rest"): 1}
    coverage = result.coverage().iloc[0]
    assert coverage["fte"] == 21 and coverage["allocated_fte"] == 17 and coverage["unallocated_fte"] == 4
    assert coverage["ledger_eur"] == 4350 and coverage["allocated_ledger_eur"] == 3550
    assert coverage["unallocated_ledger_eur"] == 800
    assert coverage["fte_share"] == pytest.approx(17 / 21)
    c = classification()
    result = allocate(staff(STAFF_2024), ledger(LEDGER_2024), [c], SERVICE_EUROS_2024)
    kp1, kp2, kp3 = (r.id for r in c.resource_rules)
    assert result.rule_amounts(kp1) == (10.0, 1000.0)
    assert result.rule_amounts(kp2) == (2.0, 0.0)
    assert result.rule_amounts(kp3) == (1.0, 50.0)  # its 50 % share of 2 FTE and 100 €


def test_professional_groups_stay_apart_per_service():
    result = allocate(staff(STAFF_2024), ledger(LEDGER_2024), [classification()], SERVICE_EUROS_2024)
    s3 = result.services[result.services["service"] == "S3"].set_index("professional_group")
    assert s3.loc["lääkäri", "fte"] == 2 and s3.loc["lähihoitaja", "fte"] == 4
    assert s3.loc["lähihoitaja", "employees"] == 5


def test_an_aura_rule_replaces_the_split_by_event_euros():
    from desktop.core.resource_rules import ResourceRule, ServiceShare

    c = classification()
    c.resource_rules.append(ResourceRule("aura", "A1", [ServiceShare("S2", 1.0)]))
    result = allocate(staff([]), ledger([(None, "A1", None, 2024, 2000.0)]), [c], SERVICE_EUROS_2024)
    assert per_service(result, "ledger_eur") == {(2024, "S2"): 2000}


def test_each_year_uses_its_own_version():
    """Version 2023 has no personnel rules: KP1's ledger is split by 2023's event euros (S1 100, S2 300)
    and its staff follow it; 2024 uses the KP1 rule (60 / 40)."""
    versions = [classification(2023, rules=False), classification(2024)]
    euros = pd.concat([SERVICE_EUROS_2024, pd.DataFrame({"year": [2023, 2023], "service": ["S1", "S2"],
                                                         "event_eur": [100.0, 300.0], "contacts": [1, 3]})])
    result = allocate(staff([("KP1", "hoitaja", 2023, 8.0, None, None), ("KP1", "hoitaja", 2024, 10.0, None, None)]),
                      ledger([("KP1", "A1", None, 2023, 1000.0), ("KP1", "A1", None, 2024, 1000.0)]), versions, euros)
    assert per_service(result, "ledger_eur") == {(2023, "S1"): 250, (2023, "S2"): 750, (2024, "S1"): 600,
                                                 (2024, "S2"): 400}
    assert per_service(result, "fte") == {(2023, "S1"): 2, (2023, "S2"): 6, (2024, "S1"): 6, (2024, "S2"): 4}
    assert result.unallocated.empty


def test_allocated_plus_unallocated_is_what_was_imported():
    rng = np.random.default_rng(5)
    rows = [(f"KP{rng.integers(0, 12)}", "", 2024, float(rng.integers(1, 40)) / 4, None, None) for _ in range(60)]
    lrows = [(f"KP{rng.integers(0, 12)}" if rng.random() < 0.7 else None, f"A{rng.integers(1, 5)}", None, 2024,
              float(rng.integers(1, 10_000))) for _ in range(80)]
    result = allocate(staff(rows), ledger(lrows), [classification()], SERVICE_EUROS_2024)
    for what, total in (("fte", sum(r[3] for r in rows)), ("ledger_eur", sum(r[4] for r in lrows))):
        assert result.services[what].sum() + result.unallocated[what].sum() == pytest.approx(total, abs=1e-6)


def test_spread_to_events_by_euros_or_by_events():
    """S1 (index 0) by its events' euros 100 : 200; S3 (2) has no euros, so by events, half each;
    service 3 has no events: its FTE reaches none."""
    service = np.array([0, 0, 1, 2, 2, -1])
    years = np.full(6, 2024)
    cost = np.array([100.0, 200.0, 100.0, np.nan, 0.0, 50.0])
    amounts = pd.DataFrame({"year": [2024, 2024, 2024, 2024], "service": [0, 1, 2, 3], "fte": [7.0, 4.0, 6.0, 1.0],
                            "ledger_eur": [3000.0, 0.0, 10.0, 5.0]})
    parts, missed = spread_to_events(service, years, cost, amounts)
    assert parts["fte"].tolist() == pytest.approx([7 / 3, 14 / 3, 4.0, 3.0, 3.0, 0.0])
    assert parts["ledger_eur"].tolist() == pytest.approx([1000.0, 2000.0, 0.0, 5.0, 5.0, 0.0])
    assert missed["service"].tolist() == [3] and missed["fte"].tolist() == [1.0]
