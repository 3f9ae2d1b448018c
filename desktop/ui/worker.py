"""Running long work off the UI thread: a plain function `fn(progress, *args)` in a QThreadPool,
a progress dialog with a working Cancel, and the result delivered on the GUI thread.

The function only sees a `desktop.core.progress.Progress`; `QtProgress` forwards its reports to the
GUI thread through a queued signal and raises `Cancelled` in the worker once Cancel was pressed.
A cancelled task delivers nothing but `cancelled`, even when the function had already returned.
`LatestLoad` runs a page's first heavy load the same way but quietly (no dialog; the newest load wins).
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.core.errors import Cancelled
from desktop.core.progress import Progress

log = logging.getLogger(__name__)

#: progress dialog scale: a QProgressDialog takes ints, so fractions are shown in steps of 0.1 %
_SCALE = 1000


class _ProgressSignals(QObject):
    progressed = Signal(float, float, str)


class QtProgress(Progress):
    """A Progress whose reports reach the GUI thread as the `progressed(done, total, text)` signal.

    Reports are thinned to at most 20 a second (the last one, done == total, always passes).
    Safe to call from any thread; `cancel()` is called from the GUI thread.
    """

    MIN_INTERVAL_S = 0.05

    def __init__(self) -> None:
        super().__init__()
        self.signals = _ProgressSignals()
        self.progressed = self.signals.progressed
        self._last = 0.0

    def report(self, done: float, total: float, text: str = "") -> None:
        self.check()
        now = time.monotonic()
        if now - self._last < self.MIN_INTERVAL_S and done < total:
            return
        self._last = now
        self.signals.progressed.emit(float(done), float(total), str(text))


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, the connected slot runs in the GUI thread."""

    outcome = Signal(str, object)


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.setAutoDelete(False)  # the Task keeps us; PySide would otherwise delete a live wrapper
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = task.fn(task.progress, *task.args, **task.kwargs)
        except Cancelled:
            task._relay.outcome.emit("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            task._relay.outcome.emit("failed", exc)
        else:
            task._relay.outcome.emit("finished", result)


class Task(QObject):
    """One call `fn(progress, *args, **kwargs)` in the thread pool.

    Signals (all on the GUI thread): `progressed(done, total, text)`, then exactly one of
    `finished(result)`, `failed(exception)` or `cancelled()`, then `done()`.
    """

    progressed = Signal(float, float, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any):
        super().__init__(parent)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.progress = QtProgress()
        self.progress.progressed.connect(self.progressed)
        self._relay = _Relay()
        self._relay.outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._runnable: _Runnable | None = None
        self.running = False
        self.outcome: str | None = None  # 'finished', 'failed' or 'cancelled' once done
        self.result: Any = None
        self.error: BaseException | None = None

    def start(self, pool: QThreadPool | None = None) -> Task:
        self._runnable = _Runnable(self)
        self.running = True
        (pool or QThreadPool.globalInstance()).start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the function to stop (its next progress.report raises Cancelled); nothing is delivered."""
        self.progress.cancel()

    def _deliver(self, kind: str, payload: object) -> None:
        self.running = False  # the runnable object stays referenced until the Task is deleted
        if self.progress.cancelled and kind != "failed":
            kind = "cancelled"
        if kind == "failed" and isinstance(payload, Cancelled):
            kind = "cancelled"
        self.outcome = kind
        if kind == "finished":
            self.result = payload
            self.finished.emit(payload)
        elif kind == "failed":
            self.error = payload  # type: ignore[assignment]
            log.error("background task failed: %s", getattr(payload, "__traceback_text__", payload))
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
        self.done.emit()


class ProgressDialog(QProgressDialog):
    """A modal progress dialog bound to a Task: shows its reports, Cancel cancels it."""

    def __init__(self, task: Task, title: str, label: str, parent: QWidget | None = None):
        super().__init__(label, self.tr("Peruuta"), 0, _SCALE, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(400)  # quick work finishes without a flash of a dialog
        self.setMinimumWidth(420)
        self._task = task
        self._base_label = label
        task.progressed.connect(self._on_progress)
        self.canceled.connect(self._on_cancel)
        task.done.connect(self._on_done)

    def _on_progress(self, done: float, total: float, text: str) -> None:
        if total > 0:
            if self.maximum() == 0:
                self.setRange(0, _SCALE)
            self.setValue(max(0, min(_SCALE, int(_SCALE * done / total))))
        else:
            self.setRange(0, 0)  # busy indicator when the amount of work is unknown
        if text and not self._task.progress.cancelled:
            self.setLabelText(f"{self._base_label}\n{text}")

    def _on_cancel(self) -> None:
        if self._task.running:
            self._task.cancel()
            self.setLabelText(self.tr("Perutaan..."))
            self.show()  # keep the dialog up until the work has really stopped

    def _on_done(self) -> None:
        self.canceled.disconnect(self._on_cancel)
        self.hide()
        self.deleteLater()


def start_task(
    parent: QWidget | None,
    fn: Callable[..., Any],
    *args: Any,
    title: str = "",
    label: str = "",
    **kwargs: Any,
) -> Task:
    """Start `fn(progress, *args, **kwargs)` in the background with a progress dialog; connect to
    the returned Task's `finished` / `failed` / `cancelled` signals for the outcome."""
    task = Task(fn, *args, parent=parent, **kwargs)
    dialog = ProgressDialog(task, title, label, parent)
    task.dialog = dialog  # type: ignore[attr-defined]
    task.done.connect(task.deleteLater)
    task.start()
    return task


def run_with_progress(
    parent: QWidget | None,
    fn: Callable[..., Any],
    *args: Any,
    title: str = "",
    label: str = "",
    **kwargs: Any,
) -> Any:
    """Run `fn(progress, *args, **kwargs)` in the background and wait (the GUI stays responsive).

    Returns the result on the GUI thread; raises `Cancelled` when the user cancelled and re-raises
    the function's own exception when it failed.
    """
    task = Task(fn, *args, parent=None, **kwargs)
    dialog = ProgressDialog(task, title, label, parent)
    loop = QEventLoop()
    task.done.connect(loop.quit)
    task.start()
    if task.running:
        loop.exec()
    outcome, result, error = task.outcome, task.result, task.error
    del dialog
    task.deleteLater()
    if outcome == "cancelled":
        raise Cancelled()
    if outcome == "failed":
        assert error is not None
        raise error
    return result


#: quiet loads still running, kept alive here until they deliver (their owner may be gone by then)
_RUNNING_LOADS: set[Task] = set()
#: the application whose aboutToQuit stops them
_QUIT_HOOKED: list[QCoreApplication] = []


def stop_running_loads(timeout_s: float = 10.0) -> None:
    """At quit: ask the quiet loads still running to stop and wait (at most `timeout_s` seconds) until
    their functions returned, so none reads a store on into the interpreter's shutdown."""
    deadline = time.monotonic() + timeout_s
    tasks = list(_RUNNING_LOADS)
    for task in tasks:
        task.cancel()
    for task in tasks:
        task.returned.wait(max(0.0, deadline - time.monotonic()))  # type: ignore[attr-defined]
    QThreadPool.globalInstance().waitForDone(200)  # the last step of a runnable: its queued outcome


def _stop_loads_at_quit() -> None:
    app = QCoreApplication.instance()
    if app is not None and not any(hooked is app for hooked in _QUIT_HOOKED):
        app.aboutToQuit.connect(stop_running_loads)
        _QUIT_HOOKED[:] = [app]


class LatestLoad(QObject):
    """Quiet background loads for a page: `start(fn, *args)` runs `fn(progress, *args)` in the thread
    pool without a dialog; the page shows its own "Ladataan…" state meanwhile.

    Only the newest load counts: a new `start` (or `cancel`) asks a load still running to stop
    (its next `progress.report`/`check` raises Cancelled) and drops its result whatever it does.
    Signals on the GUI thread, for the newest load only: `finished(result)` or `failed(exception)`.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._current: Task | None = None

    @property
    def running(self) -> bool:
        """True while the newest load has not delivered yet."""
        return self._current is not None

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        self.cancel()
        self._generation += 1
        generation = self._generation
        returned = threading.Event()

        def run(progress: Progress, *args: Any, **kwargs: Any) -> Any:
            try:
                return fn(progress, *args, **kwargs)
            finally:
                returned.set()

        task = Task(run, *args, **kwargs)
        task.returned = returned  # type: ignore[attr-defined]
        self._current = task
        _stop_loads_at_quit()
        _RUNNING_LOADS.add(task)
        task.done.connect(lambda: self._task_done(task, generation))
        task.start()
        return task

    def cancel(self) -> None:
        """Forget the load still running (nothing of it is delivered)."""
        if self._current is not None:
            self._current.cancel()
            self._current = None
        self._generation += 1

    def _task_done(self, task: Task, generation: int) -> None:
        _RUNNING_LOADS.discard(task)
        task.deleteLater()
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # superseded, or the page that asked is gone
        self._current = None
        if task.outcome == "finished":
            self.finished.emit(task.result)
        elif task.outcome == "failed":
            self.failed.emit(task.error)
