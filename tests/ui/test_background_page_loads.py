"""The pages whose first load is heavy (Liikennevalot, Palveluluokitus) read the store in the background:
the page says "Ladataan…" with its content disabled, the GUI event loop keeps running meanwhile (a 10 ms
QTimer keeps ticking), and what the page shows afterwards is what the synchronous load showed before.
A newer refresh drops the older load; a failing load shows its error on the page."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from PySide6.QtCore import QThreadPool, QTimer

from desktop.store import open_store
from desktop.ui.pages import classification_page as cp
from desktop.ui.pages import traffic_lights_page as tlp

#: generous: a shared 2-core machine may be busy
LOAD_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """The small demo county (about 2.5 s to build): its traffic-light load takes about 0.3 s here."""
    from desktop.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.sote", "small")


@pytest.fixture
def store(demo_path):
    store = open_store(demo_path, readonly=True)
    yield store
    store.close()


class Ticks:
    """A 10 ms QTimer on the GUI thread: when it ticked and whether the page was loading then."""

    def __init__(self, page):
        self.page = page
        self.times: list[float] = []
        self.while_loading: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.times.append(now)
        if self.page.is_loading():
            self.while_loading.append(now)


def load_while_ticking(qtbot, page, store) -> dict:
    """`page.set_store(store)` with the ticker running; what the page showed right after the call,
    and the ticks seen while the load ran in the background."""
    ticks = Ticks(page)
    loaded_at: list[float] = []
    page.loaded.connect(lambda: loaded_at.append(time.perf_counter()))
    ticks.timer.start()
    started = time.perf_counter()
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
        returned = time.perf_counter()
        state = {"loading": page.is_loading(), "banner": page.banner.isVisibleTo(page),
                 "text": page.banner.label.text(), "content_enabled": page.content.isEnabled()}
    ticks.timer.stop()
    during = [started, *ticks.while_loading]
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    return {**state, "call_s": returned - started, "load_s": loaded_at[0] - started,
            "ticks_while_loading": len(ticks.while_loading), "longest_gap_s": max(gaps, default=float("inf")),
            "loading_span_s": during[-1] - started}


def slowed(load, times: int):
    """The real load run `times` over in the worker (the small demo's events classify in well under
    0.1 s: too short to see the event loop ticking beside it)."""

    def run(progress, *args):
        for _ in range(times - 1):
            load(progress, *args)
        return load(progress, *args)

    return run


def assert_loaded_in_background(seen: dict) -> None:
    assert seen["loading"] and seen["banner"] and not seen["content_enabled"], seen
    assert seen["text"].startswith("Ladataan"), seen
    # the call only starts the load; the GUI thread then kept serving its timer until the data came
    assert seen["call_s"] < seen["load_s"] / 2, seen
    assert seen["ticks_while_loading"] >= 5, seen
    assert seen["longest_gap_s"] < seen["loading_span_s"] / 2, seen


# ------------------------------------------------------------------------------ Liikennevalot
@pytest.fixture
def traffic_page(qtbot):
    page = tlp.TrafficLightsPage()
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    yield page
    page.set_store(None)


def test_traffic_lights_load_in_the_background_and_show_what_the_synchronous_load_showed(qtbot, traffic_page, store):
    from desktop.reports.traffic_light import central_page
    from desktop.services.traffic_lights import TrafficLightData

    seen = load_while_ticking(qtbot, traffic_page, store)
    assert_loaded_in_background(seen)
    page = traffic_page
    assert not page.is_loading() and not page.banner.isVisibleTo(page) and page.content.isEnabled()

    # what the page did on the GUI thread before: TrafficLightData, then the central picture of the
    # latest year without filters, in euros
    data = TrafficLightData(store)
    expected = central_page(data, data.years[-1:], {}, "cost_eur")
    pd.testing.assert_frame_equal(page.model.frame, expected.table.reset_index(drop=True))
    assert page.sentence.text() == expected.text and page.message.text() == ""
    years = [page.year_box.itemData(i) for i in range(page.year_box.count())]
    assert years[:len(data.years)] == list(reversed(data.years))
    assert page.data.years == data.years
    page.render_check()


def test_traffic_lights_newer_refresh_drops_the_older_load(qtbot, traffic_page, store):
    page = traffic_page
    page.store = store
    loads = []
    page.loaded.connect(lambda: loads.append(page.data))
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
        page.refresh()  # e.g. an import finished while the page was still loading
    assert QThreadPool.globalInstance().waitForDone(LOAD_TIMEOUT_MS)
    qtbot.wait(50)  # the dropped load's outcome has arrived by now, and is ignored
    assert len(loads) == 1 and loads[0] is page.data and page.data is not None


def test_traffic_lights_failing_load_shows_the_error_on_the_page(qtbot, traffic_page, store, monkeypatch):
    def broken(progress, store):
        raise OSError("levy irrotettiin kesken lukemisen")

    monkeypatch.setattr(tlp, "load_traffic_lights", broken)
    with qtbot.waitSignal(traffic_page.loaded, timeout=LOAD_TIMEOUT_MS):
        traffic_page.set_store(store)
    page = traffic_page
    assert page.banner.isVisibleTo(page) and "levy irrotettiin" in page.banner.label.text()
    assert page.banner.label.text().startswith("Liikennevalojen lataus epäonnistui")
    assert "levy irrotettiin" in page.message.text() and page.data is None
    with pytest.raises(RuntimeError, match="could not load"):
        page.render_check()
    monkeypatch.undo()
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):  # the next refresh recovers
        page.refresh()
    assert page.data is not None and not page.banner.isVisibleTo(page)
    page.render_check()


# ------------------------------------------------------------------------------ Palveluluokitus
@pytest.fixture
def classification_page(qtbot):
    page = cp.ClassificationPage()
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    yield page
    page.set_store(None)


def test_classification_loads_in_the_background_and_shows_what_the_synchronous_load_showed(
        qtbot, classification_page, store, monkeypatch):
    from desktop.analysis.classification import Classifier
    from desktop.analysis.classify_report import coverage, rule_stats, unclassified_combinations
    from desktop.services.classification import load_versions

    monkeypatch.setattr(cp, "load_classification", slowed(cp.load_classification, 25))
    seen = load_while_ticking(qtbot, classification_page, store)
    assert_loaded_in_background(seen)
    page = classification_page
    assert not page.is_loading() and not page.banner.isVisibleTo(page) and page.content.isEnabled()
    assert page.tree.isEnabled() and not page.has_unsaved_changes()

    # what the page did on the GUI thread before: the newest saved version, a Classifier of the events
    # and its figures
    versions = load_versions(store)
    assert versions and page.classification.to_dict() == versions[-1].to_dict()
    events = store.load("events")
    classifier = Classifier(events)
    arrays = classifier.classify(versions[-1])
    stats = rule_stats(classifier, arrays.combos, versions[-1])
    cov = coverage(events, arrays, classifier.costs())
    top = unclassified_combinations(events, arrays, top=cp.COVERAGE_TOP, costs=classifier.costs())
    label = page.coverage_label.text()
    assert f"Luokiteltu {cp.fmt(cov['events_classified'])} / {cp.fmt(cov['events'])} tapahtumaa" in label
    rows = [(kind, i) for kind, i, _rule in page._rule_rows()]
    assert rows, "the first service has rules"
    for row, (kind, i) in enumerate(rows):
        if kind == "alloc":
            assert page.rules_table.item(row, 3).text() == cp.fmt(int(stats.taken[i]))
    assert page.unclassified_table.rowCount() == len(top)
    assert [page.unclassified_table.item(r, 1).text() for r in range(len(top))] == \
        [str(v) for v in top["service_code"]]
    page.render_check()


def test_classification_newer_refresh_drops_the_older_load(qtbot, classification_page, store):
    page = classification_page
    page.store = store
    loads = []
    page.loaded.connect(lambda: loads.append(page.classification))
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
        page.refresh()
    assert QThreadPool.globalInstance().waitForDone(LOAD_TIMEOUT_MS)
    qtbot.wait(50)
    assert len(loads) == 1 and loads[0] is page.classification and page.classifier is not None


def test_classification_failing_load_shows_the_error_and_keeps_unsaved_edits(qtbot, classification_page, store,
                                                                            monkeypatch):
    page = classification_page
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    page.new_version(2031)  # an unsaved edit (the store is read-only, but the working copy is not)
    assert page.has_unsaved_changes()

    def broken(progress, *args):
        raise OSError("levy irrotettiin kesken lukemisen")

    monkeypatch.setattr(cp, "load_classification", broken)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
    assert page.banner.isVisibleTo(page)
    assert page.banner.label.text() == "Palvelutapahtumien lataus epäonnistui: levy irrotettiin kesken lukemisen"
    assert page.has_unsaved_changes() and page.classification.valid_from == 2031  # the edit is kept
    assert page.coverage_label.text() == "Ei aineistoa."
    with pytest.raises(RuntimeError, match="could not load"):
        page.render_check()
