"""Long work off the UI thread: results on the GUI thread, progress, cancel, failures."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QPushButton

from desktop.core.errors import Cancelled
from desktop.ui.worker import LatestLoad, QtProgress, Task, run_with_progress, start_task, stop_running_loads


def counting(progress, n: int, seen: list, delay: float = 0.0):
    """Counts to n, reporting each step; records how far it got and on which thread."""
    seen.append(("thread", threading.get_ident()))
    for i in range(n):
        progress.report(i, n, f"rivi {i}")
        seen.append(i)
        if delay:
            time.sleep(delay)
    progress.report(n, n, "valmis")
    return sum(range(n))


def test_result_and_progress_are_delivered_on_the_gui_thread(qtbot):
    seen: list = []
    task = Task(counting, 50, seen, 0.001)
    received = []
    delivered_on = []
    task.progressed.connect(lambda done, total, text: received.append((done, total, text)))
    task.finished.connect(lambda result: delivered_on.append((result, threading.get_ident())))
    with qtbot.waitSignal(task.done, timeout=5000):
        task.start()
    assert task.outcome == "finished"
    assert delivered_on == [(sum(range(50)), threading.get_ident())]
    worker_thread = seen[0][1]
    assert worker_thread != threading.get_ident()
    assert received, "no progress reached the GUI thread"
    assert received[-1] == (50.0, 50.0, "valmis")


def test_cancel_stops_the_function_and_delivers_nothing(qtbot):
    seen: list = []
    task = Task(counting, 10_000, seen, 0.002)
    finished = []
    task.finished.connect(finished.append)
    task.start()
    qtbot.waitUntil(lambda: len(seen) > 5, timeout=5000)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    qtbot.wait(50)
    steps = [s for s in seen if isinstance(s, int)]
    assert task.outcome == "cancelled"
    assert finished == []
    assert len(steps) < 10_000  # it stopped early
    assert task.result is None


def test_cancel_after_the_function_returned_still_delivers_nothing(qtbot):
    task = Task(lambda progress: "valmis")
    finished = []
    task.finished.connect(finished.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        task.start()
        task.cancel()  # before the queued delivery reached the GUI thread
    assert task.outcome == "cancelled"
    assert finished == []


def test_failure_is_delivered_with_its_traceback(qtbot):
    def broken(progress):
        raise ValueError("sarake puuttuu")

    task = Task(broken)
    errors = []
    task.failed.connect(errors.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        task.start()
    assert task.outcome == "failed"
    assert isinstance(errors[0], ValueError)
    assert "broken" in errors[0].__traceback_text__


def test_run_with_progress_returns_the_result_and_reraises(qtbot):
    assert run_with_progress(None, lambda progress, a, b: a * b, 6, 7, title="t", label="l") == 42

    def broken(progress):
        raise KeyError("x")

    with pytest.raises(KeyError):
        run_with_progress(None, broken)


def test_cancel_button_of_the_progress_dialog_cancels(qtbot):
    seen: list = []
    task = start_task(None, counting, 10_000, seen, 0.002, title="Tuonti", label="Tuodaan...")
    dialog = task.dialog
    outcome = []
    task.cancelled.connect(lambda: outcome.append("cancelled"))
    task.finished.connect(lambda r: outcome.append("finished"))
    qtbot.waitUntil(lambda: len(seen) > 5, timeout=5000)
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Peruuta"
    with qtbot.waitSignal(task.done, timeout=5000):
        button.click()
    assert outcome == ["cancelled"]
    assert len([s for s in seen if isinstance(s, int)]) < 10_000
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_qt_progress_raises_cancelled_once_cancelled(qtbot):
    progress = QtProgress()
    progress.report(1, 10)
    progress.cancel()
    with pytest.raises(Cancelled):
        progress.report(2, 10)


def test_latest_load_delivers_only_the_newest_load(qtbot):
    """A page refreshed twice: the first, slower load is asked to stop and its result is dropped."""
    release = threading.Event()
    stopped = []

    def slow(progress):
        release.wait(5)
        try:
            progress.check()
        except Cancelled:
            stopped.append("vanha")
            raise
        return "vanha"

    loader = LatestLoad()
    results, errors = [], []
    loader.finished.connect(results.append)
    loader.failed.connect(errors.append)
    old = loader.start(slow)
    with qtbot.waitSignal(loader.finished, timeout=5000):
        loader.start(lambda progress: "uusi")
    assert results == ["uusi"] and not loader.running
    with qtbot.waitSignal(old.done, timeout=5000):
        release.set()
    qtbot.wait(20)
    assert results == ["uusi"] and errors == [] and stopped == ["vanha"]


def test_latest_load_failure_and_cancel(qtbot):
    def broken(progress):
        raise OSError("levy irti")

    loader = LatestLoad()
    results, errors = [], []
    loader.finished.connect(results.append)
    loader.failed.connect(errors.append)
    with qtbot.waitSignal(loader.failed, timeout=5000):
        loader.start(broken)
    assert [str(e) for e in errors] == ["levy irti"] and not loader.running

    release = threading.Event()
    task = loader.start(lambda progress: release.wait(5) and "valmis")
    assert loader.running
    loader.cancel()
    assert not loader.running
    with qtbot.waitSignal(task.done, timeout=5000):
        release.set()
    qtbot.wait(20)
    assert results == [] and len(errors) == 1


def test_quitting_stops_the_quiet_loads_and_waits_for_them(qtbot):
    """At aboutToQuit no load may read a store on into the interpreter's shutdown."""
    ended = []

    def long_load(progress):
        for _ in range(500):  # 5 s unless asked to stop
            progress.check()
            time.sleep(0.01)
        ended.append("valmis")

    loader = LatestLoad()
    results = []
    loader.finished.connect(results.append)
    task = loader.start(long_load)
    qtbot.wait(30)
    stop_running_loads(timeout_s=5)
    assert task.returned.is_set()  # waited for: the load had returned when stop_running_loads did
    assert ended == []  # stopped when asked, not after its 500 steps
    qtbot.waitUntil(lambda: not loader.running or task.outcome is not None, timeout=2000)
    assert results == []


def test_latest_load_whose_page_is_gone_delivers_nothing(qtbot):
    from PySide6.QtWidgets import QWidget

    page = QWidget()
    loader = LatestLoad(page)
    results = []
    loader.finished.connect(results.append)
    release = threading.Event()
    task = loader.start(lambda progress: release.wait(5) and "valmis")
    page.deleteLater()  # e.g. the window closed while the page was loading
    qtbot.wait(20)
    with qtbot.waitSignal(task.done, timeout=5000):
        release.set()
    qtbot.wait(20)
    assert results == []
