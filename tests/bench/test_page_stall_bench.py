"""The longest GUI-thread stall when each page is first shown in the main window, against the time
until the page is filled in (measured in the same run): the heavy part of a first load runs in the
background, so the window keeps answering while the page loads.

- `test_small_demo_pages_fill_in` (always runs): the small demo region, the pages that load in the
  background, each filled in without an error (their stalls printed, not checked).
- `test_full_demo_pages_stall_under_half_a_second` (--bench): the full demo (about 2.9 M events).

Each page is measured in a fresh process (offscreen Qt, a 10 ms timer on the GUI thread).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("data", "classification", "segments", "traffic_lights", "network", "measures")
#: the pages whose first load runs in the background (the data and measures pages read their few rows
#: at once; the measures page then draws the heat map of one goal on the GUI thread)
BACKGROUND = ("classification", "segments", "traffic_lights", "network")

SCRIPT = r"""
import json, os, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from desktop.ui.application import create_application
from desktop.store import open_store
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import AppSettings

key, store_path = sys.argv[1], sys.argv[2]
app = create_application()
window = MainWindow(AppSettings(Path(tempfile.mkdtemp()) / "settings.ini"))
window.confirm_discard_changes = lambda: True
window.resize(1280, 800)
window.show_page("data" if key != "data" else "measures")
window.show()
store = open_store(store_path, readonly=True)
window.set_store(store)
app.processEvents()
window.current_page().wait_until_loaded()
page = window.page(key)
ticks = []
timer = QTimer()
timer.setInterval(10)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

def wait(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

wait(1000)  # the first page settles (deferred chart draws included)
timer.start()
wait(100)
start = time.perf_counter()
ticks.append(start)
QTimer.singleShot(0, lambda: window.show_page(key))
wait(30)
while page.is_loading() and time.perf_counter() - start < 120:
    wait(10)
ready = time.perf_counter() - start
wait(500)
timer.stop()
seen = [t for t in ticks if t >= start]
stall = max(b - a for a, b in zip(seen, seen[1:]))
error = window.page_errors.get(key)
print(json.dumps({"page": key, "stall": stall, "ready": ready, "error": str(error) if error else None}))
window.close()
"""


def page_figures(store: Path, key: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT, key, str(store)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(store: Path, label: str, pages: tuple[str, ...] = PAGES) -> list[dict]:
    figures = [page_figures(store, key) for key in pages]
    print(f"\n{label}:")
    for f in figures:
        print(f"  {f['page']:15s} longest GUI stall {f['stall']:.3f} s, filled in after {f['ready']:.2f} s")
    return figures


def test_small_demo_pages_fill_in(tmp_path):
    from desktop.ui.selftest import build_small_store

    figures = measure(build_small_store(tmp_path), "small demo", BACKGROUND)
    # every page filled in without an error; the stalls are printed (that the loads run beside the
    # event loop is checked without timing in tests/ui/test_background_page_loads.py)
    assert [f["page"] for f in figures] == list(BACKGROUND)
    assert all(f["error"] is None for f in figures), figures


@pytest.mark.bench
def test_full_demo_pages_stall_under_half_a_second(tmp_path):
    from desktop.demo import build_demo

    store = tmp_path / "full.sote"
    build_demo(store, "full")
    figures = measure(store, "full demo")
    assert all(f["error"] is None for f in figures), figures
    assert all(f["stall"] < 0.5 for f in figures), figures
