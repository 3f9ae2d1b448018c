"""The reconciliation with the books (`report STORE reconciliation`, the workshop's page): the event euros
of an AURA class used by fewer than N clients are hidden, and so are a complement's, because the year's
total event euros are shown: total − the shown classes would otherwise give that person's euros."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.analysis import privacy
from desktop.cli import main
from desktop.store import open_store
from tests.classification.helpers import event, write_events
from tests.privacy.test_differencing import leaks
from tests.resources.helpers import write_resource_store

MEASURES = ("event_eur", "difference_eur")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reconciliation")
    base = write_resource_store(folder / "alue.sote")
    solo = folder / "yksi.sote"
    shutil.copy(base, solo)
    with open_store(solo) as s:  # one person's physiotherapy: an AURA class of one client
        write_events(s, [event(person_id="yksin", service_form="T60", cost_eur=123.45, year=2024)])
    return str(base), str(solo)


def lines(exact, shown_rows, shown_total):
    year_total = {"event_eur": float(exact["event_eur"].sum()),
                  "difference_eur": float(exact["difference_eur"].sum())}
    cells = list(zip(exact.to_dict("records"), shown_rows, strict=True))
    return [("2024", cells, (year_total, shown_total))]


def test_a_class_of_one_client_and_its_complement_are_hidden(stores, capsys):
    from desktop.services.resources import EVENT_FIGURES, reconciliation

    _base, solo = stores
    assert main(["report", solo, "reconciliation", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    with open_store(solo, readonly=True) as s:
        exact = reconciliation(s)
    small = [r for r in doc["rows"] if r["clients"] == "<5"]
    assert len(small) == 1 and small[0]["event_eur"] is None and small[0]["difference_eur"] is None
    assert exact.loc[exact["clients"] == 1, "event_eur"].tolist() == [123.45]
    assert sum(r["clients"] == privacy.SECONDARY for r in doc["rows"]) == 1
    total = doc["totals"][0]
    assert total["event_eur"] == pytest.approx(float(exact["event_eur"].sum()))  # the total stays shown
    assert leaks(lines(exact, doc["rows"], total), MEASURES) == []

    # the control: primary suppression alone gives the one client's euros back as total − shown
    primary = privacy.suppress_table(exact, ("clients",), EVENT_FIGURES).to_dict("records")
    assert any(f.startswith("2024: hidden event_eur 123.45") for f in leaks(lines(exact, primary, total), MEASURES))

    # the text and the CSV show the same
    assert main(["report", solo, "reconciliation"]) == 0
    assert "123,45" not in capsys.readouterr().out


def test_without_small_classes_nothing_is_hidden(stores, capsys):
    base, _solo = stores
    assert main(["report", base, "reconciliation", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert not any(privacy.is_hidden_mark(r["clients"]) for r in doc["rows"])


def test_the_workshop_page_shows_the_hidden_rows_hidden(stores):
    from matplotlib.figure import Figure

    from desktop.reports.resources import reconciliation_page
    from desktop.services.traffic_lights import TrafficLightData

    _base, solo = stores
    with open_store(solo, readonly=True) as s:
        page = reconciliation_page(TrafficLightData(s), [2024])
    hidden = page.table["clients"].map(privacy.is_hidden_mark)
    assert hidden.sum() == 2 and page.table.loc[hidden, "event_eur"].isna().all()
    fig = Figure()
    page.draw(fig)  # draws with the hidden euros missing
    assert "123" not in " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
