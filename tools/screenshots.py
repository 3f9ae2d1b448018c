"""Render every page of the main window on a small demo store to PNG files (offscreen).

    python tools/screenshots.py                 # ./screenshots/<size>/NN-<page>.png at 1366x768 and 1280x800
    python tools/screenshots.py --lang en --out screenshots/en --size 1280x800
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python tools/screenshots.py   # a real X window

Each page's other chart tabs are saved too (NN-<page>-tabN.png). Also renders the About dialog, a problem report and the import dialog. Touches none of the user's settings or stores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _chart_tabs(app, window, page, stem: Path) -> int:
    """Every other tab of a page's chart tabs (`page.tabs`) as <stem>-tabN.png; returns the failures."""
    tabs = getattr(page, "tabs", None)
    if tabs is None:
        return 0
    failures = 0
    first = tabs.currentIndex()
    for i in range(tabs.count()):
        if i == first:
            continue
        path = Path(f"{stem}-tab{i + 1}.png")
        try:
            tabs.setCurrentIndex(i)
            app.processEvents()
            page.wait_until_loaded()
            app.processEvents()
            window.grab().save(str(path))
            print(f"OK   {path} ({tabs.tabText(i)})")
        except Exception as exc:  # noqa: BLE001 - reported per tab
            failures += 1
            print(f"FAIL {type(exc).__name__}: {exc} {path}")
    tabs.setCurrentIndex(first)
    app.processEvents()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--lang", choices=["fi", "en"], default="fi")
    parser.add_argument("--size", action="append", help="window size WxH in pixels (repeatable; default: "
                        "1366x768 and 1280x800, the laptops planners have)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [tuple(int(v) for v in size.lower().split("x")) for size in (args.size or ["1366x768", "1280x800"])]

    from PySide6.QtWidgets import QApplication

    from desktop.store import open_store
    from desktop.ui.application import create_application, install_translators
    from desktop.ui.dialogs.about_dialog import AboutDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.selftest import _quiet_offscreen_warnings, build_small_store, render_pages
    from desktop.ui.settings import AppSettings

    _quiet_offscreen_warnings()
    app = create_application()
    install_translators(args.lang)
    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="sote-kuvat-") as tmp:
        os.environ["SOTE_PLANNER_HOME"] = tmp  # logs of a failing page stay out of the user's folder
        store = open_store(build_small_store(Path(tmp)))
        window = MainWindow(AppSettings(Path(tmp) / "settings.ini"))
        window.confirm_discard_changes = lambda: True  # never wait for an answer offscreen
        window.show()
        window.set_store(store)
        for width, height in sizes:
            window.resize(width, height)
            folder = args.out / f"{width}x{height}"
            folder.mkdir(parents=True, exist_ok=True)
            for number, (page, pixmap, error) in enumerate(render_pages(window), start=1):
                path = folder / f"{number:02d}-{page.key}.png"
                if pixmap is not None:
                    pixmap.save(str(path))
                too_wide = page.minimumSizeHint().width() > window.stack.currentWidget().viewport().width()
                status = "OK  " if error is None and not too_wide else (
                    f"FAIL {type(error).__name__}: {error}" if error else "FAIL wider than the window")
                failures += error is not None or too_wide
                print(f"{status} {path}")
                if error is None:
                    failures += _chart_tabs(app, window, page, folder / f"{number:02d}-{page.key}")
        about = AboutDialog(window, synthetic=True)
        about.show()
        app.processEvents()
        about.grab().save(str(args.out / "about.png"))
        print(f"OK   {args.out / 'about.png'}")
        about.close()
        # the problem report as a planner sees it (an import that rejected rows)
        from desktop.core.errors import UserError
        from desktop.ui.dialogs.report_dialog import error_report

        problem = UserError(
            "Tiedostosta kaynnit_2024.csv hylättiin 2 riviä; muut 1 204 riviä tuotiin.",
            ["rivi 17, sarake 'pvm': '31.2.2024' ei ole päivämäärä",
             "rivi 230, sarake 'kunta': '999' ei ole Keski-Suomen kuntakoodi"],
        )
        report = error_report(problem, window)
        report.show()
        app.processEvents()
        report.grab().save(str(args.out / "report.png"))
        print(f"OK   {args.out / 'report.png'}")
        report.close()
        # the import dialog on an awkward Finnish export: recognised columns and problems highlighted
        from desktop.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(store, ROOT / "tests" / "data" / "imports" / "events_bad_values.csv", window)
        dialog.resize(1100, 640)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(args.out / "import.png"))
        print(f"OK   {args.out / 'import.png'}")
        dialog.close()
        window.close()
        QApplication.processEvents()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
