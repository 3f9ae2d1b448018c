"""Building the demo store: full size under 2 minutes (run with --bench); the small one always (what it
holds is checked, its time printed)."""

from __future__ import annotations

import time

import pytest

from desktop.demo import build_demo
from desktop.store import open_store


def _timed_build(path, size: str) -> float:
    started = time.perf_counter()
    build_demo(path, size)
    return time.perf_counter() - started


@pytest.mark.bench
def test_full_demo_builds_under_two_minutes(tmp_path):
    path = tmp_path / "full.sote"
    seconds = _timed_build(path, "full")
    with open_store(path, readonly=True) as store:
        events = store.row_count("events")
        travel = store.row_count("travel_times")
    print(f"full demo: {seconds:.1f} s, {events:,} events, {travel:,} travel times, "
          f"{path.stat().st_size / 1e6:.0f} MB")
    assert 2_000_000 <= events <= 3_000_000
    assert travel <= 2_000_000
    assert seconds < 120


def test_small_demo_builds(tmp_path):
    """The always-run version checks what is built; its time is printed (target < 5 s idle)."""
    seconds = _timed_build(tmp_path / "small.sote", "small")
    print(f"small demo: {seconds:.1f} s")
    with open_store(tmp_path / "small.sote", readonly=True) as store:
        assert 20_000 <= store.row_count("events") <= 200_000
        assert store.years("events") == [2023, 2024]
