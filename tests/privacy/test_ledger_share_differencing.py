"""Under a filter, allocated resource figures (ledger euros, FTEs) are the selected events' euros times a
public ratio (each service's books over its euros, from the unfiltered figures). A total of them shown
beside the hidden cells is then a second sum over those cells beside the euros' one, and two hidden
cells with different ratios are solved from the two sums. Each test plays that attack on a small real
store: a control with the total shown (as before the fix) recovers the hidden figure exactly, the real
output does not."""

from __future__ import annotations

import json

import numpy as np
import pytest

from desktop.cli import main
from desktop.store import open_store
from tests.resources.helpers import write_resource_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(write_resource_store(tmp_path_factory.mktemp("ledgershare") / "alue.sote"))


def run_json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def solve_two(ratios, euros_sum, resource_sum):
    """The two hidden cells' euros from their euros' sum and their resource figures' sum
    (resource = euros / ratio, ratio = the cell's euros per resource unit, public)."""
    a = np.array([[1.0, 1.0], [1.0 / ratios[0], 1.0 / ratios[1]]])
    return np.linalg.solve(a, np.array([euros_sum, resource_sum]))


def test_filtered_reconciliation_total_ledger_does_not_solve_the_hidden_classes(store, capsys):
    from desktop.services.resources import reconciliation

    whole = {r["aura_code"]: r for r in run_json(capsys, "report", store, "reconciliation", "--json")["rows"]}
    doc = run_json(capsys, "report", store, "reconciliation", "--filter", "municipality=179", "--json")
    hidden = [r for r in doc["rows"] if r["event_eur"] is None]
    shown = [r for r in doc["rows"] if r["event_eur"] is not None]
    assert len(hidden) == 2 and "2235" in {r["aura_code"] for r in hidden}  # home care: 4 clients in 179
    ratios = [whole[r["aura_code"]]["event_eur"] / whole[r["aura_code"]]["ledger_eur"] for r in hidden]
    assert ratios[0] != pytest.approx(ratios[1])  # the attack needs two different public ratios
    total = doc["totals"][0]
    euros_sum = total["event_eur"] - sum(r["event_eur"] for r in shown)

    # the control: the year's exact ledger total shown (as before the fix) solves both hidden classes
    with open_store(store, readonly=True) as s:
        from desktop.services.resources import filtered_reconciliation
        from desktop.services.traffic_lights import TrafficLightData

        exact, _shown = filtered_reconciliation(TrafficLightData(s), [2024], {"municipality": ("179",)})
        assert len(reconciliation(s))  # the books are there
    ledger_total = float(exact["ledger_eur"].sum())
    solved = solve_two(ratios, euros_sum, ledger_total - sum(r["ledger_eur"] for r in shown))
    truth = exact.set_index("aura_code").loc[[r["aura_code"] for r in hidden], "event_eur"].to_numpy()
    assert solved == pytest.approx(truth) and 320.0 in [round(v, 2) for v in solved]  # home care's 320 € back

    # the real output: the ledger total (and the coverage and difference it gives) hidden with the classes
    assert total["ledger_eur"] is None and total["coverage_pct"] is None and total["difference_eur"] is None
    assert total["event_eur"] == pytest.approx(float(exact["event_eur"].sum()))  # the event total stays shown
    assert main(["report", store, "reconciliation", "--filter", "municipality=179"]) == 0
    text = capsys.readouterr().out
    assert "2024 yhteensä: kirjanpito –" in text
    # unfiltered the ledger is the books': the total stays
    assert run_json(capsys, "report", store, "reconciliation", "--json")["totals"][0]["ledger_eur"] is not None


def test_the_workshop_sentence_keeps_the_filtered_ledger_total_hidden(store):
    from desktop.reports.resources import reconciliation_page
    from desktop.services.traffic_lights import TrafficLightData

    with open_store(store, readonly=True) as s:
        data = TrafficLightData(s)
        page = reconciliation_page(data, [2024], {"municipality": ("179",)})
        whole = reconciliation_page(data, [2024])
    assert "/ –)" in page.text and "/ –)" not in whole.text
