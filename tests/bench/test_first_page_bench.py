"""The demo region opened in the main window: time from opening the project to the figures of the page
the window shows (target for the full demo, about 2.9 M events: at most 1.5 s), for the first page
(Aineistot) and for the traffic-light page (when the planner was last there). Each in a fresh
process (offscreen Qt); the baseline measured in the same process is its own start to the first
window.

- `test_small_demo_first_pages` (always runs): the small demo; each page shows its figures without an
  error (times printed).
- `test_full_demo_first_pages_within_1_5_s` (--bench): the full demo.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("data", "traffic_lights")

SCRIPT = r"""
import json, sys, tempfile, time
t0 = time.perf_counter()
from pathlib import Path
from desktop.ui.application import create_application
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import LAST_PAGE, AppSettings
from desktop.ui.worker import stop_running_loads
key, store_path = sys.argv[1], sys.argv[2]
app = create_application()
settings = AppSettings(Path(tempfile.mkdtemp()) / "settings.ini")
settings.set(LAST_PAGE, key)
window = MainWindow(settings)
window.resize(1280, 800)
window.show()
app.processEvents()
shown = time.perf_counter()
cpu = time.process_time()
window.open_path(store_path, readonly=True)
page = window.current_page()
page.wait_until_loaded()
app.processEvents()
ready = time.perf_counter()
cpu = time.process_time() - cpu  # every thread of the process: the load runs off the GUI thread
model = page.dataset_model if key == "data" else page.model  # the datasets' rows / the segment x level table
figures = model.rowCount()
print(json.dumps({"page": page.key, "window_s": shown - t0, "open_to_figures_s": ready - shown, "cpu_s": cpu, "figures": figures,
                  "error": str(window.page_errors.get(page.key) or "")}))
stop_running_loads()
window.close()
"""


def first_page(store: Path, key: str) -> dict:
    from tests.bench.processes import compile_sources

    compile_sources()  # as an installed app runs: desktop/'s modules from bytecode
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT, key, str(store)], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=600, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(store: Path, label: str, runs: int) -> dict[str, dict]:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    best = {}
    print(f"\n{label} (load average {load:.2f}):")
    for key in PAGES:
        results = [first_page(store, key) for _ in range(runs)]
        best[key] = min(results, key=lambda r: r["open_to_figures_s"])
        times = [round(r["open_to_figures_s"], 2) for r in results]
        print(f"  {key:15s} open -> figures {best[key]['open_to_figures_s']:.2f} s (runs {times}); "
              f"CPU {best[key]['cpu_s']:.2f} s; baseline start -> first window {best[key]['window_s']:.2f} s; figures rows {best[key]['figures']}")
    return best


def test_small_demo_first_pages(tmp_path):
    from desktop.ui.selftest import build_small_store

    best = measure(build_small_store(tmp_path), "small demo", 1)
    for key in PAGES:
        assert best[key]["page"] == key and best[key]["error"] == ""
    assert best["traffic_lights"]["figures"] > 0 and best["data"]["figures"] > 0


@pytest.mark.bench
def test_full_demo_first_pages_within_1_5_s(tmp_path):
    from desktop.demo import build_demo

    store = tmp_path / "full.sote"
    build_demo(store, "full")
    best = measure(store, "full demo", 3)
    for key in PAGES:
        assert best[key]["error"] == "" and best[key]["figures"]
        assert best[key]["open_to_figures_s"] <= 1.5
