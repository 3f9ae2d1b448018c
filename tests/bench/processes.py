"""Whole processes measured as a planner meets them: wall seconds from start to exit, CPU seconds
and the peak memory of that one process (GNU time's maximum resident set size), with the machine's
load average at the start (the machine is shared: a busy one shows)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_measured(cmd: list[str], env: dict | None = None, cwd: Path = ROOT, timeout: float = 3600) -> dict:
    """Run `cmd` to its end: {'seconds', 'cpu', 'peak_mb', 'code', 'out', 'err', 'load'}.

    Through /usr/bin/time when present: a process started from this (large) test process would
    report this process's memory as its own peak (Linux keeps the high-water mark over exec)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    timer = shutil.which("time", path="/usr/bin")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "time.txt"
        full = [timer, "-f", "%e %U %S %M", "-o", str(report), *cmd] if timer else cmd
        with open(Path(tmp) / "out", "wb") as out, open(Path(tmp) / "err", "wb") as err:
            started = time.perf_counter()
            process = subprocess.Popen(full, stdout=out, stderr=err, cwd=cwd, env=env)
            # wait() without a timeout blocks in waitpid and returns at the exit; with one (subprocess.run's
            # timeout) it polls every 50 ms, which added up to 0.05 s to every measured time
            killer = threading.Timer(timeout, process.kill)
            killer.start()
            try:
                code = process.wait()
            finally:
                killer.cancel()
            seconds = time.perf_counter() - started
        cpu = peak_mb = float("nan")
        if timer and report.exists():
            last = report.read_text().strip().splitlines()[-1].split()
            _wall, user, system, peak_kib = (float(v) for v in last)
            cpu, peak_mb = user + system, peak_kib / 1024
        return {"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "code": code, "load": load,
                "out": (Path(tmp) / "out").read_text("utf-8", "replace"),
                "err": (Path(tmp) / "err").read_text("utf-8", "replace")}


def best_of(cmd: list[str], runs: int, env: dict | None = None, before=None) -> dict:
    """The fastest of `runs` runs (the machine is shared), with the largest peak and every time."""
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        result = run_measured(cmd, env)
        assert result["code"] == 0, result["err"][-3000:]
        results.append(result)
    best = min(results, key=lambda r: r["seconds"])
    return {**best, "peak_mb": max(r["peak_mb"] for r in results), "runs": [round(r["seconds"], 2) for r in results]}


def app(*args: str) -> list[str]:
    """The command line `sote-planner ARGS` as this environment runs it."""
    return [sys.executable, "-m", "desktop", *args]


@functools.cache
def compile_sources() -> None:
    """Write desktop/'s bytecode once: an installed app ships it and a checkout writes it on its first run,
    but a machine with PYTHONDONTWRITEBYTECODE set (this one) would otherwise compile every module of
    desktop/ from source in every measured process (0.1-0.3 s of a small command)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "desktop")], check=True,
                   stdout=subprocess.DEVNULL)


def app_env(home: Path) -> dict:
    """The environment of a measured app process (its own home); desktop/'s bytecode written first."""
    compile_sources()
    return {**os.environ, "SOTE_PLANNER_HOME": str(home), "MPLCONFIGDIR": str(home / "mpl")}


def sqlite_import(csv_path: Path, db: Path, columns: tuple[str, ...] = ()) -> dict:
    """The baseline: the sqlite3 command line's `.import` of the same file into a plain table `t`
    (with `columns`: a table of these names, the file's header line skipped)."""
    db.unlink(missing_ok=True)
    head = ["-cmd", f"CREATE TABLE t({', '.join(columns)})"] if columns else []
    skip = "--skip 1 " if columns else ""
    result = run_measured(["sqlite3", str(db), *head, "-cmd", ".mode csv", "-cmd", ".separator ;",
                           f".import {skip}{csv_path} t"])
    assert result["code"] == 0, result["err"]
    return result


def line(label: str, r: dict, baseline: dict | None = None) -> str:
    ratio = f", ratio {r['seconds'] / baseline['seconds']:.2f} to the baseline" if baseline else ""
    runs = f" (runs {r['runs']})" if "runs" in r else ""
    return (f"{label}: {r['seconds']:.2f} s{runs}, CPU {r['cpu']:.2f} s, peak {r['peak_mb']:.0f} MB{ratio}; "
            f"load average {r['load']:.2f}")
