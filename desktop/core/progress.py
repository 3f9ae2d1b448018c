"""Progress and cancel protocol for long work. Plain functions take a `Progress`; the UI passes one
that forwards to a progress dialog, tests and the CLI pass `NullProgress` or `ConsoleProgress`."""

from __future__ import annotations

import sys
import time

from desktop.core.errors import Cancelled
from desktop.core.numbers import number


class Progress:
    """Base: report how far we are, and let the work ask whether to stop."""

    def __init__(self) -> None:
        self._cancelled = False

    def report(self, done: float, total: float, text: str = "") -> None:
        """`done` of `total` units (rows, bytes, steps); raise `Cancelled` if cancel was asked."""
        self.check()

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()


class NullProgress(Progress):
    pass


class ConsoleProgress(Progress):
    """Writes a single updating line to stderr at most five times a second."""

    def __init__(self, stream=None) -> None:
        super().__init__()
        self.stream = stream or sys.stderr
        self._last = 0.0

    def report(self, done: float, total: float, text: str = "") -> None:
        self.check()
        now = time.monotonic()
        if now - self._last < 0.2 and done < total:
            return
        self._last = now
        pct = 100.0 * done / total if total else 0.0
        if self.stream.isatty():
            self.stream.write(f"\r{text} {number(pct, 1):>5} %")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
