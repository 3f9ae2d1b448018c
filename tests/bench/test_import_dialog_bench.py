"""The GUI thread while the import dialog imports a large Finnish-style export: the longest gap
between the ticks of a 10 ms timer on the GUI thread (the issue's target: never over 100 ms).
Wall-clock figures, so they run only with `--bench` (tests/ui/test_import_dialog.py checks that the
import runs beside the event loop, without timing it)."""

from __future__ import annotations

import pytest

from desktop.store import Store
from desktop.ui.dialogs.import_dialog import ImportDialog


def _longest_stall_during_import(qtbot, store, path) -> tuple[float, int, object]:
    """Import `path` through the dialog while a 10 ms timer ticks on the GUI thread: (longest gap
    between ticks in seconds, ticks, the result)."""
    import time

    from PySide6.QtCore import QTimer

    dialog = ImportDialog(store, path)
    qtbot.addWidget(dialog)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=120000)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    return max(gaps), len(ticks), dialog.imported


@pytest.mark.bench
def test_event_loop_is_never_blocked_over_100_ms_during_an_import(qtbot, tmp_path):
    """The issue's target: while a Finnish-style export with identity codes (Windows-1252, ';',
    decimal comma) is imported, the GUI thread's event loop is never blocked for more than 100 ms.
    A shared test machine can stall any process once, so a second import is measured only when the
    first one exceeded the limit, and that one must meet it."""
    from tests.bench.test_import_bench import write_events_csv

    path = tmp_path / "kaynnit.csv"
    write_events_csv(path, 300_000)
    stalls = []
    for attempt in range(2):
        with Store.create(tmp_path / f"vaste{attempt}.sote") as store:
            stall, ticks, result = _longest_stall_during_import(qtbot, store, path)
        stalls.append(stall)
        print(f"\nimport of 300 000 rows: {ticks} timer ticks, longest gap {stall * 1000:.0f} ms")
        assert result.rows == 300_000 and ticks > 20
        if stall <= 0.100:
            break
    assert stalls[-1] <= 0.100, f"longest stalls {[round(s * 1000) for s in stalls]} ms"

@pytest.mark.bench
def test_event_loop_during_a_million_row_import(qtbot, tmp_path):
    """The full-size version (`pytest --bench`): the issue's 1,000,000-row file through the dialog."""
    from tests.bench.test_import_bench import write_events_csv

    path = tmp_path / "kaynnit.csv"
    write_events_csv(path, 1_000_000)
    with Store.create(tmp_path / "vaste.sote") as store:
        stall, ticks, result = _longest_stall_during_import(qtbot, store, path)
    print(f"\nimport of 1 000 000 rows: {ticks} timer ticks, longest gap {stall * 1000:.0f} ms")
    assert result.rows == 1_000_000
    assert stall <= 0.100
