"""The pages whose first load is heavy (Liikennevalot, Palveluluokitus, Segmentit, Palveluverkko) read the store in the background:
the page says "Ladataan…" with its content disabled, the GUI event loop keeps running meanwhile (a 10 ms
QTimer keeps ticking), and what the page shows afterwards is what the synchronous load showed before.
A newer refresh drops the older load; a failing load shows its error on the page."""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer

from desktop.store import open_store
from desktop.ui.pages import classification_page as cp
from desktop.ui.pages import network_page as netp
from desktop.ui.pages import segments_page as sp
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
    """A 10 ms QTimer on the GUI thread: how often it ticked while the page was loading."""

    def __init__(self, page):
        self.page = page
        self.while_loading = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        if self.page.is_loading():
            self.while_loading += 1


class Gate:
    """Stands in for a page's load function: holds the real load until the test releases it and
    records the thread it ran on. A load run on the GUI thread would hold the event loop (and time
    out here) instead of letting the page's timer tick."""

    def __init__(self, load):
        self.load = load
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, progress, *args):
        self.threads.append(threading.current_thread())
        if not self.release.wait(LOAD_TIMEOUT_MS / 1000):
            raise TimeoutError("the test did not release the load")
        return self.load(progress, *args)


def load_while_ticking(qtbot, monkeypatch, page, store, module, load_name: str) -> dict:
    """`page.set_store(store)` with the page's load held in the background until the GUI thread's
    timer has ticked five times; what the page showed right after the call, and the load's thread."""
    gate = Gate(getattr(module, load_name))
    monkeypatch.setattr(module, load_name, gate)
    ticks = Ticks(page)
    ticks.timer.start()
    page.set_store(store)
    state = {"loading": page.is_loading(), "banner": page.banner.isVisibleTo(page),
             "text": page.banner.label.text(), "content_enabled": page.content.isEnabled()}
    qtbot.waitUntil(lambda: ticks.while_loading >= 5, timeout=LOAD_TIMEOUT_MS)  # the window answers meanwhile
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        gate.release.set()
    ticks.timer.stop()
    monkeypatch.setattr(module, load_name, gate.load)
    return {**state, "ticks_while_loading": ticks.while_loading, "load_threads": list(gate.threads)}


def assert_loaded_in_background(seen: dict) -> None:
    assert seen["loading"] and seen["banner"] and not seen["content_enabled"], seen
    assert seen["text"].startswith("Ladataan"), seen
    # the call only started the load: it ran on another thread while the GUI thread kept ticking
    assert seen["load_threads"] and threading.main_thread() not in seen["load_threads"], seen
    assert seen["ticks_while_loading"] >= 5, seen


# ------------------------------------------------------------------------------ Liikennevalot
@pytest.fixture
def traffic_page(qtbot):
    page = tlp.TrafficLightsPage()
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    yield page
    page.set_store(None)


def test_traffic_lights_load_in_the_background_and_show_what_the_synchronous_load_showed(qtbot, traffic_page, store,
                                                                                        monkeypatch):
    from desktop.reports.traffic_light import central_page
    from desktop.services.traffic_lights import TrafficLightData

    seen = load_while_ticking(qtbot, monkeypatch, traffic_page, store, tlp, "load_traffic_lights")
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

    seen = load_while_ticking(qtbot, monkeypatch, classification_page, store, cp, "load_classification")
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


# ------------------------------------------------------------------------------ Segmentit
@pytest.fixture
def segments_page(qtbot):
    page = sp.SegmentsPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    yield page
    page.set_store(None)


def expected_sizes_table(m, sizes: pd.DataFrame, year: int) -> pd.DataFrame:
    """The sizes view's table as the page builds it from segment_sizes (small segments and their
    complements hidden: desktop.services.segments.shown_segment_sizes)."""
    from desktop.services.segments import shown_segment_sizes, size_columns

    shown = shown_segment_sizes(m, sizes, year, 5)
    return shown[size_columns(shown)].reset_index(drop=True)  # + FTEs and ledger euros when the store has them


def synchronous_segments(store):
    """What the page computed on the GUI thread before: the rules, the events' years and the
    membership of every segment in every year, with its sizes."""
    from desktop.analysis.segments import distinct_years, event_years, membership, segment_sizes
    from desktop.services import segments as svc
    from desktop.services.resources import events_with_resources

    segments, thresholds = svc.load_segments(store), svc.need_thresholds(store)
    events = events_with_resources(store, svc.analysis_events(store))[0]  # each event's FTEs and ledger euros
    m = membership(events, segments, None, thresholds)
    population = svc.load_population(store)
    return segments, distinct_years(event_years(events)), m, segment_sizes(m, population if len(population) else None)


def count_text(m, row: int, year: int) -> str:
    from desktop.analysis.privacy import fi_number, shown_count

    return f"{fi_number(shown_count(int(m.persons(year)[row])))} ({year})"


def test_segments_load_in_the_background_and_show_what_the_synchronous_load_showed(qtbot, segments_page, store,
                                                                                  monkeypatch):
    seen = load_while_ticking(qtbot, monkeypatch, segments_page, store, sp, "load_segments_data")
    assert_loaded_in_background(seen)
    page = segments_page
    assert not page.is_loading() and not page.banner.isVisibleTo(page) and page.content.isEnabled()

    segments, years, m, sizes = synchronous_segments(store)
    assert [page.list.item(i).text() for i in range(page.list.count())] == [s.name for s in segments]
    assert [page.year_box.itemData(i) for i in range(page.year_box.count())] == list(reversed(years))
    latest = years[-1]
    assert page.year() == latest and page.list.currentRow() == 0
    for year in years:  # every year was evaluated in the background, with the same members
        assert year in page.membership.masks.done
        assert np.array_equal(page.membership.masks[year], m.masks[year])
    assert page.count_label.text() == count_text(m, 0, latest)
    pd.testing.assert_frame_equal(page.model.frame, expected_sizes_table(m, sizes, latest))
    assert page.save_button.isEnabled() is False  # the store is read-only
    page.render_check()


def test_segments_year_switch_keeps_the_membership_and_shows_what_a_recount_shows(qtbot, segments_page, store):
    page = segments_page
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    segments, years, m, sizes = synchronous_segments(store)
    assert len(years) >= 2, "the small demo has two years"
    kept = page.membership
    page.list.setCurrentRow(2)
    page.year_box.setCurrentIndex(page.year_box.findData(years[0]))
    assert page.membership is kept  # not computed again: it covers every year
    assert page.count_label.text() == count_text(m, 2, years[0])
    pd.testing.assert_frame_equal(page.model.frame, expected_sizes_table(m, sizes, years[0]))
    page.tabs.setCurrentIndex(page.VIEWS.index("overlaps"))
    assert page.model.frame.iloc[:, 1:].to_numpy().tolist() == \
        [[privacy_shown(v) for v in row] for row in m.overlaps(years[0])]
    # an edit still recounts at once (live count) and after it the year switch uses the new membership
    page.list.setCurrentRow(0)
    from desktop.core.segments import Age

    page.edit_segment(0, replace(page.segments[0], condition=Age(0, 30)))
    edited = page.membership
    assert edited is not kept and edited.segments[0].condition == Age(0, 30)
    page.year_box.setCurrentIndex(page.year_box.findData(years[-1]))
    assert page.membership is edited
    assert page.count_label.text() == count_text(edited, 0, years[-1])
    page.undo()
    assert page.segments[0].condition == segments[0].condition
    assert page.count_label.text() == count_text(m, 0, years[-1])


def test_segments_forecast_view_of_the_newest_year_comes_from_the_load(qtbot, segments_page, store, monkeypatch):
    import desktop.analysis.segments as analysis
    from desktop.analysis.privacy import shown_count
    from desktop.analysis.segments import population_years, project_clients
    from desktop.services.segments import load_population

    page = segments_page
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    _segments, years, m, _sizes = synchronous_segments(store)
    population = load_population(store)
    forecast = [y for y in population_years(population) if y > years[-1]]
    assert forecast, "the small demo has a population forecast"
    calls = []

    def counting(*args):
        calls.append(args[2])
        return project_clients(*args)

    monkeypatch.setattr(analysis, "project_clients", counting)
    page.tabs.setCurrentIndex(page.VIEWS.index("projection"))
    assert calls == []  # computed in the background with the membership
    expected = project_clients(m, population, years[-1], forecast)
    shown = expected.assign(clients=[shown_count(round(v)) for v in expected["clients"]])
    from desktop.services.segments import segment_suppression

    hidden = segment_suppression(m, years[-1], 5)[0].hidden  # a hidden segment's projection is hidden too
    shown["clients"] = shown["clients"].astype(object)
    shown.loc[shown["segment"].isin([n for n, h in zip(m.names, hidden, strict=True) if h]), "clients"] = ".."
    expected_table = shown[["segment", "year", "clients", "kind"]].rename(columns={"clients": "persons"})
    pd.testing.assert_frame_equal(page.model.frame, expected_table.reset_index(drop=True))
    page.year_box.setCurrentIndex(page.year_box.findData(years[0]))  # projected from the earlier year here
    assert calls == [years[0]]
    page.year_box.setCurrentIndex(page.year_box.findData(years[-1]))  # and back: kept
    assert calls == [years[0]]
    pd.testing.assert_frame_equal(page.model.frame, expected_table.reset_index(drop=True))
    page.edit_segment(0, replace(page.segments[0], name="Lapset"))  # a new membership: projected again
    assert calls == [years[0], years[-1]] and page.model.frame["segment"].iloc[0] == "Lapset"


def privacy_shown(value):
    from desktop.analysis.privacy import shown_count

    return shown_count(value)


def test_segments_newer_refresh_drops_the_older_load(qtbot, segments_page, store):
    page = segments_page
    page.store = store
    loads = []
    page.loaded.connect(lambda: loads.append(page.membership))
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
        page.refresh()
    assert QThreadPool.globalInstance().waitForDone(LOAD_TIMEOUT_MS)
    qtbot.wait(50)
    assert len(loads) == 1 and loads[0] is page.membership and page.membership is not None


def test_segments_failing_load_shows_the_error_on_the_page(qtbot, segments_page, store, monkeypatch):
    def broken(progress, store):
        raise OSError("levy irrotettiin kesken lukemisen")

    monkeypatch.setattr(sp, "load_segments_data", broken)
    page = segments_page
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    assert page.banner.isVisibleTo(page)
    assert page.banner.label.text() == "Segmenttien lataus epäonnistui: levy irrotettiin kesken lukemisen"
    assert page.list.count() == 0 and page.membership is None and not page.content.isEnabled()
    with pytest.raises(RuntimeError, match="could not load"):
        page.render_check()
    monkeypatch.undo()
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):  # the next refresh recovers
        page.refresh()
    assert page.membership is not None and page.list.count() > 0 and page.content.isEnabled()
    assert not page.banner.isVisibleTo(page)
    page.render_check()


# ------------------------------------------------------------------------------ Palveluverkko
@pytest.fixture
def network_page(qtbot):
    page = netp.NetworkPage()
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    yield page
    page.set_store(None)


def test_network_loads_in_the_background_and_shows_what_the_synchronous_load_showed(qtbot, network_page, store,
                                                                                   monkeypatch):
    from desktop.services import network as svc

    seen = load_while_ticking(qtbot, monkeypatch, network_page, store, netp, "load_network_data")
    assert_loaded_in_background(seen)
    page = network_page
    assert not page.is_loading() and not page.banner.isVisibleTo(page) and page.content.isEnabled()

    # what the page did on the GUI thread before: the goals over a context of the store, each evaluated
    context = svc.build_context(store, "auto")
    goals = svc.list_goals(store)
    expected = [context.evaluate(g) for g in goals]
    assert page.goals == goals and len(page.results) == len(goals)
    coverage = netp.GoalsModel.COLUMNS.index("coverage")
    for row, result in enumerate(expected):
        index = page.goals_model.index(row, coverage)
        assert page.goals_model.data(index, Qt.ItemDataRole.UserRole) == result.coverage.share_pct
    assert page.selected_row() == 0
    pd.testing.assert_frame_equal(page.muni_model.frame, expected[0].by_municipality.reset_index(drop=True))
    assert page.site_list.count() == len(context.sites)
    centres = svc.centre_requirements(store, context.sites)
    assert page.centre_model.frame["code"].tolist() == centres["code"].tolist()
    assert page.centre_model.frame["sote_ok"].tolist() == ["kyllä" if ok else "EI" for ok in centres["sote_ok"]]
    comparison = svc.compare_scenarios(store, context)
    assert page.compare_model.frame.to_numpy().tolist() == comparison.to_numpy().tolist()
    assert page.source_label.text().startswith("Matka-ajat: ")
    assert page.map_ax is not None and page.map_ax in page.map_figure.axes  # the map tab is shown: drawn
    page.render_check()


def test_network_refresh_keeps_the_what_if(qtbot, network_page, store):
    page = network_page
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    site = str(page.context.sites["site_id"].iloc[0])
    page.set_site_active(site, False)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()  # e.g. after an import
    assert page.closed == {site}
    expected = [page.context.evaluate(g, {site}) for g in page.goals]
    assert [r.coverage.share_pct for r in page.results] == [r.coverage.share_pct for r in expected]
    item = next(page.site_list.item(i) for i in range(page.site_list.count())
                if page.site_list.item(i).data(Qt.ItemDataRole.UserRole) == site)
    assert item.checkState() == Qt.CheckState.Unchecked
    assert "MITÄ JOS: 1 suljettu, 0 lisätty" in page.source_label.text()


def test_network_figures_are_drawn_when_their_tab_is_shown(qtbot, network_page, store, monkeypatch, tmp_path):
    page = network_page
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    drawn = []

    def counting(draw, which):
        def run(figure, data, *args, **kwargs):
            drawn.append((which, data))
            return draw(figure, data, *args, **kwargs)
        return run

    from desktop.ui.widgets import network_map_view

    monkeypatch.setattr(network_map_view, "draw_network_map", counting(network_map_view.draw_network_map, "map"))
    monkeypatch.setattr(netp, "draw_reach_curve", counting(netp.draw_reach_curve, "curve"))
    what_if = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Mitä jos")
    page.tabs.setCurrentIndex(what_if)
    item = page.site_list.item(0)
    with qtbot.waitSignal(page.recomputed, timeout=LOAD_TIMEOUT_MS):
        item.setCheckState(Qt.CheckState.Unchecked)  # neither picture is on the screen: neither is drawn
    assert drawn == []
    result = page.results[page.selected_row()]
    page.tabs.setCurrentWidget(page.curve_panel)
    assert [w for w, _d in drawn] == ["curve"] and drawn[0][1][0].coverage_pct == result.coverage.share_pct
    page.tabs.setCurrentWidget(page.map_tab)
    assert [w for w, _d in drawn] == ["curve", "map"] and drawn[1][1].minutes is result.nearest.minutes
    page.tabs.setCurrentWidget(page.curve_panel)  # drawn already for this result
    assert len(drawn) == 2
    page.tabs.setCurrentIndex(what_if)
    with qtbot.waitSignal(page.recomputed, timeout=LOAD_TIMEOUT_MS):
        item.setCheckState(Qt.CheckState.Checked)
    assert len(drawn) == 2
    page.export_chart("map", tmp_path / "kartta.png")  # an export draws the current result first
    assert [w for w, _d in drawn] == ["curve", "map", "map"]
    assert drawn[2][1].minutes is page.results[page.selected_row()].nearest.minutes


def test_network_failing_load_shows_the_error_and_blocks_goal_edits(qtbot, network_page, store, monkeypatch):
    from desktop.core.command import FunctionCommand

    page = network_page
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.set_store(store)
    calls = []
    page.undo_stack.push(FunctionCommand("muokkaus", lambda: calls.append("do"), lambda: calls.append("undo")))

    def broken(progress, *args):
        raise OSError("levy irrotettiin kesken lukemisen")

    monkeypatch.setattr(netp, "load_network_data", broken)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
    text = "Palveluverkon lataus epäonnistui: levy irrotettiin kesken lukemisen"
    assert page.banner.isVisibleTo(page) and page.banner.label.text() == text
    assert page.source_label.text() == text and page.goals == [] and page.goals_model.rowCount() == 0
    assert not page.content.isEnabled()
    page.undo()  # the goals were not read: an undo would write an old list over the saved one
    assert calls == ["do"]
    with pytest.raises(RuntimeError, match="could not load"):
        page.render_check()
    monkeypatch.undo()
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT_MS):
        page.refresh()
    assert page.goals and page.results and page.content.isEnabled() and not page.banner.isVisibleTo(page)
    page.render_check()


@pytest.mark.parametrize(("module", "load_name", "page_class"),
                         [(sp, "load_segments_data", sp.SegmentsPage), (tlp, "load_traffic_lights", tlp.TrafficLightsPage)],
                         ids=["segments", "traffic_lights"])
def test_a_load_still_running_when_the_project_closes_behind_a_hidden_page_is_dropped(
        qtbot, monkeypatch, store, module, load_name, page_class):
    """The main window defers a hidden page's refresh; closing the project must still drop a load
    of the old store (it used to arrive at a page without a store: an error in the event loop)."""
    page = page_class()
    qtbot.addWidget(page)
    page.defer_refresh_while_hidden = True
    page.show()
    gate = Gate(getattr(module, load_name))
    monkeypatch.setattr(module, load_name, gate)
    page.set_store(store)
    qtbot.waitUntil(lambda: len(gate.threads) == 1, timeout=LOAD_TIMEOUT_MS)
    page.hide()  # the planner went to another page
    page.set_store(None)  # and closed the project
    assert not page.is_loading()
    gate.release.set()
    assert QThreadPool.globalInstance().waitForDone(LOAD_TIMEOUT_MS)
    qtbot.wait(50)  # the dropped load's outcome has arrived by now, and is ignored
    assert page.store is None and getattr(page, "data", None) is None and getattr(page, "membership", None) is None
