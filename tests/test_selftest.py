"""`python -m desktop --self-test` in a fresh process: every page renders on a small demo store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.ui.pages import page_classes

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_exits_0_and_reports_every_page(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SOTE_PLANNER_HOME=str(tmp_path), LANG="fi_FI.UTF-8")
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    ok_keys = [line.split()[1] for line in lines if line.startswith("OK    ")]
    assert ok_keys == [cls.key for cls in page_classes()]
    assert not any(line.startswith("FAIL") for line in lines)
    assert lines[-1].startswith(f"OK: {len(ok_keys)}/{len(ok_keys)} pages")
    assert not (tmp_path / "settings.ini").exists()  # the user's settings are left alone


def test_self_test_fails_when_a_page_cannot_render(qtbot, monkeypatch, capsys):
    from desktop.ui.pages.data_page import DataPage
    from desktop.ui.selftest import run_self_test

    def broken(self):
        raise RuntimeError("taulukko tyhjä")

    def small_store(folder):  # the subprocess test above covers the demo build; keep this one fast
        monkeypatch.syspath_prepend(str(ROOT / "tests" / "ui"))
        from shell_stores import make_store

        return make_store(Path(folder) / "itsetesti.sote", synthetic=True)

    monkeypatch.setattr("desktop.ui.selftest.build_small_store", small_store)
    monkeypatch.setattr(DataPage, "render_check", broken)
    assert run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL  data" in out and "taulukko tyhjä" in out
    assert "OK    classification" in out
