"""Entry script of the bundled executable: the same `main()` as `python -m desktop`."""

import os
import sys


def keep_matplotlib_font_cache() -> None:
    """PyInstaller's matplotlib run-time hook points MPLCONFIGDIR at a new temporary folder on every
    start (made for onefile bundles, whose paths change), so matplotlib would rescan every system font
    at each start: 0.15 s here, seconds on a Windows laptop with hundreds of fonts. The onedir bundle's
    paths are stable, so the cache lives in the user's data folder, per app version and bundle
    location. `--self-test` keeps the temporary folder (it touches nothing of the user's)."""
    if not getattr(sys, "frozen", False) or "--self-test" in sys.argv:
        return
    import hashlib

    from desktop import __version__
    from desktop.paths import user_data_dir

    where = hashlib.sha256(str(getattr(sys, "_MEIPASS", sys.executable)).encode()).hexdigest()[:8]
    try:
        folder = user_data_dir() / "cache" / f"matplotlib-{__version__}-{where}"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home: the temporary folder still works
        return
    os.environ["MPLCONFIGDIR"] = str(folder)


if __name__ == "__main__":
    keep_matplotlib_font_cache()
    from desktop.cli import command_line

    sys.exit(command_line())
