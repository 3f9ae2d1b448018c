"""Build the Sote-suunnittelija bundle on this platform, self-test it, and pack it.

    .venv/bin/python installer/build.py [--skip-deb] [--skip-tar] [--dist DIR] [--work DIR]
                                        [--deb-compression zstd|gzip|xz] [--tar-level 1-9] [--nsis]

1. PyInstaller (the venv's) builds DIST/sote-planner/ from installer/sote-planner.spec (onedir).
2. The built binary runs `--self-test` offscreen (QT_QPA_PLATFORM=offscreen, a throw-away
   SOTE_PLANNER_HOME); a failed self-test fails the build (exit 1).
3. Linux: DIST/sote-planner-VERSION-linux-ARCH.tar.gz (bundle + .desktop + icon) and
   DIST/sote-planner_VERSION_ARCH.deb (/opt/sote-planner, menu entry, icon, /usr/bin/sote-planner).
   Windows with --nsis: DIST/sote-planner-VERSION-windows-setup.exe with makensis.
4. Prints the build time, bundle size and package sizes, and writes them to DIST/build-summary.json.

Only the standard library is needed here; PyInstaller and the app's packages come from the venv
(the Python running this script, or `.venv/` of the checkout).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from appmeta import EXE_NAME, ROOT, app_meta  # noqa: E402

INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "sote-planner.spec"
IS_WIN = sys.platform == "win32"
IS_LINUX = sys.platform.startswith("linux")
SELF_TEST_TIMEOUT_S = 600


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


def venv_python() -> Path:
    """The Python that has PyInstaller and the app's packages: this one, or the checkout's .venv."""
    for candidate in (
        Path(sys.executable),
        ROOT / ".venv" / ("Scripts/python.exe" if IS_WIN else "bin/python"),
    ):
        probe = subprocess.run(
            [str(candidate), "-c", "import PyInstaller, PySide6"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return candidate
    raise SystemExit(
        "build.py: PyInstaller and PySide6 are missing: run ./dev.sh test once (or pip install -e .[dev])"
    )


def tree_size(path: Path) -> int:
    """Bytes of the regular files under path (links not followed, not counted)."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            p = Path(dirpath) / name
            if not p.is_symlink():
                total += p.stat().st_size
    return total


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def run_pyinstaller(python: Path, dist: Path, work: Path) -> Path:
    cmd = [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    cmd += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    say("PyInstaller: " + " ".join(cmd[2:]))
    subprocess.run(cmd, check=True, cwd=ROOT)
    bundle = dist / EXE_NAME
    if not bundle.is_dir():
        raise SystemExit(f"build.py: PyInstaller did not make {bundle}")
    return bundle


def bundle_executable(bundle: Path, console: bool = True) -> Path:
    """The executable in a bundle (on Windows the console one when `console`)."""
    if IS_WIN:
        return bundle / (f"{EXE_NAME}-cli.exe" if console else f"{EXE_NAME}.exe")
    return bundle / EXE_NAME


def self_test_env(home: Path) -> dict[str, str]:
    """Environment for running a bundled binary headless without touching the user's own files."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SOTE_PLANNER_HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        MPLCONFIGDIR=str(home / "mpl"),
    )
    return env


def self_test(executable: Path, prefix: list[str] | None = None) -> tuple[float, str]:
    """Run `executable --self-test`; returns (seconds, output). Raises SystemExit when it fails."""
    with tempfile.TemporaryDirectory(prefix="sote-build-home-") as home:
        started = time.monotonic()
        proc = subprocess.run(
            [*(prefix or []), str(executable), "--self-test"],
            env=self_test_env(Path(home)),
            capture_output=True,
            text=True,
            timeout=SELF_TEST_TIMEOUT_S,
            check=False,
        )
        seconds = time.monotonic() - started
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        print(output)
        raise SystemExit(f"build.py: the self-test of {executable} failed (exit {proc.returncode})")
    return seconds, output


def first_window_seconds(executable: Path) -> float:
    """Seconds from launching the binary to its main window shown (SOTE_PLANNER_EXIT_AFTER_SHOWN=1
    makes the app exit right there; desktop/app.py). The exit is included, so this bounds it above."""
    with tempfile.TemporaryDirectory(prefix="sote-build-home-") as home:
        env = {**self_test_env(Path(home)), "SOTE_PLANNER_EXIT_AFTER_SHOWN": "1"}
        started = time.monotonic()
        proc = subprocess.run(
            [str(executable)], env=env, capture_output=True, text=True, timeout=300, check=False
        )
        seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(
            f"build.py: {executable} did not start (exit {proc.returncode}):\n{proc.stderr[-2000:]}"
        )
    return seconds


def icons_dir(work: Path) -> Path:
    """Icons the spec rendered into its work folder (PNG, ICO, ICNS, and SVG when drawn)."""
    folder = work / SPEC.stem / "icons"  # PyInstaller's workpath is WORK/<spec name>
    if not (folder / f"{EXE_NAME}.png").is_file():
        raise SystemExit(f"build.py: the spec did not render the icons into {folder}")
    return folder


def desktop_entry(meta: dict[str, str], exec_path: str) -> str:
    template = (INSTALLER / "linux" / "sote-planner.desktop.in").read_text(encoding="utf-8")
    return template.format(
        exec=exec_path, name=meta["APP_NAME"], name_en=meta["APP_NAME_EN"], app_id=meta["APP_ID"]
    )


def desktop_file_name(meta: dict[str, str]) -> str:
    """Menu entry file named after the app id, so that Wayland matches the window to it."""
    return f"{meta['APP_ID']}.desktop"


def glibc_needed(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle asks for (e.g. '2.34')."""
    newest = (2, 17)
    pattern = re.compile(rb"GLIBC_(2\.[0-9]+)\x00")
    for dirpath, _dirs, files in os.walk(bundle):
        for name in files:
            path = Path(dirpath) / name
            if path.is_symlink() or not (".so" in name or os.access(path, os.X_OK)):
                continue
            data = path.read_bytes()
            if not data.startswith(b"\x7fELF"):
                continue
            for match in pattern.finditer(data):
                newest = max(newest, tuple(int(x) for x in match.group(1).decode().split(".")))
    return ".".join(str(x) for x in newest)


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def make_tarball(
    bundle: Path, dist: Path, work: Path, meta: dict[str, str], arch: str, level: int = 6
) -> Path:
    """DIST/sote-planner-VERSION-linux-ARCH.tar.gz: one top folder with the bundle, .desktop and icon."""
    version = meta["__version__"]
    top = f"{EXE_NAME}-{version}"
    out = dist / f"{EXE_NAME}-{version}-linux-{arch}.tar.gz"
    staging = work / "tar-extra"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / "sote-planner.desktop").write_text(desktop_entry(meta, EXE_NAME), encoding="utf-8")
    shutil.copyfile(INSTALLER / "linux" / "install-user.sh", staging / "install-user.sh")
    (staging / "install-user.sh").chmod(0o755)
    with tarfile.open(out, "w:gz", compresslevel=level) as tar:
        tar.add(bundle, arcname=top, filter=_tar_filter)
        tar.add(staging / "sote-planner.desktop", arcname=f"{top}/sote-planner.desktop", filter=_tar_filter)
        tar.add(staging / "install-user.sh", arcname=f"{top}/install-user.sh", filter=_tar_filter)
        for icon in ("png", "svg"):
            path = icons_dir(work) / f"{EXE_NAME}.{icon}"
            if path.exists():
                tar.add(path, arcname=f"{top}/{EXE_NAME}.{icon}", filter=_tar_filter)
    return out


def _link_or_copy_tree(src: Path, dst: Path) -> None:
    """Hard links where the file system allows (no second 300 MB copy), copies elsewhere."""

    def link(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.copytree(src, dst, symlinks=True, copy_function=link)


def debian_arch() -> str:
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def make_deb(bundle: Path, dist: Path, work: Path, meta: dict[str, str], compression: str) -> Path:
    """DIST/sote-planner_VERSION_ARCH.deb: /opt/sote-planner, /usr/bin link, menu entry, icon, MIME type."""
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("build.py: dpkg-deb is missing (Debian package dpkg); use --skip-deb")
    version, arch = meta["__version__"], debian_arch()
    root = dist / ".deb-root"  # beside the bundle, so that hard links work
    shutil.rmtree(root, ignore_errors=True)
    try:
        _link_or_copy_tree(bundle, root / "opt" / EXE_NAME)
        usr_bin = root / "usr" / "bin"
        usr_bin.mkdir(parents=True)
        # relative, so that the link also works in an unpacked scratch root
        (usr_bin / EXE_NAME).symlink_to(Path("..", "..", "opt", EXE_NAME, EXE_NAME))
        share = root / "usr" / "share"
        (share / "applications").mkdir(parents=True)
        (share / "applications" / desktop_file_name(meta)).write_text(
            desktop_entry(meta, f"/usr/bin/{EXE_NAME}"), encoding="utf-8"
        )
        for icon, sub in (("png", "256x256"), ("svg", "scalable")):
            path = icons_dir(work) / f"{EXE_NAME}.{icon}"
            if path.exists():
                target = share / "icons" / "hicolor" / sub / "apps"
                target.mkdir(parents=True)
                shutil.copyfile(path, target / path.name)
        mime = share / "mime" / "packages"
        mime.mkdir(parents=True)
        shutil.copyfile(INSTALLER / "linux" / "sote-planner-mime.xml", mime / f"{EXE_NAME}.xml")
        doc = share / "doc" / EXE_NAME
        doc.mkdir(parents=True)
        shutil.copyfile(INSTALLER / "linux" / "copyright", doc / "copyright")
        debian = root / "DEBIAN"
        debian.mkdir(mode=0o755)
        control = (INSTALLER / "linux" / "control.in").read_text(encoding="utf-8")
        (debian / "control").write_text(
            control.format(
                package=EXE_NAME,
                version=version,
                arch=arch,
                installed_size=tree_size(root) // 1024 + 1,
                depends=f"libc6 (>= {glibc_needed(bundle)}), libgl1, libegl1, libxcb1",
                name=meta["APP_NAME"],
                name_en=meta["APP_NAME_EN"],
            ),
            encoding="utf-8",
        )
        for dirpath, dirnames, _files in os.walk(root):  # dpkg-deb wants 0755 folders
            for d in dirnames:
                p = Path(dirpath) / d
                if not p.is_symlink():
                    p.chmod(0o755)
        out = dist / f"{EXE_NAME}_{version}_{arch}.deb"
        subprocess.run(
            ["dpkg-deb", "--build", "--root-owner-group", f"-Z{compression}", str(root), str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return out


def make_nsis(bundle: Path, dist: Path, work: Path, meta: dict[str, str]) -> Path:
    """Windows installer from the bundle with makensis (installer/windows/sote-planner.nsi)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        raise SystemExit("build.py: makensis (NSIS) is missing")
    out = dist / f"{EXE_NAME}-{meta['__version__']}-windows-setup.exe"
    subprocess.run(
        [
            makensis,
            "-V2",
            *nsis_defines(bundle, out, work, meta),
            str(INSTALLER / "windows" / "sote-planner.nsi"),
        ],
        check=True,
    )
    return out


def nsis_defines(bundle: Path, out: Path, work: Path, meta: dict[str, str]) -> list[str]:
    """makensis /D options: what the NSIS script needs from the bundle and desktop/__init__.py."""
    numeric = ".".join((meta["__version__"].split("+")[0].split("-")[0].split(".") + ["0"] * 4)[:4])
    defines = {
        "APP_NAME": meta["APP_NAME"],
        "APP_VERSION": meta["__version__"],
        "APP_VERSION_NUMERIC": numeric,
        "APP_ID": meta["APP_ID"],
        "STORE_SUFFIX": meta["STORE_SUFFIX"],
        "BUNDLE_DIR": str(bundle),
        "OUTFILE": str(out),
        "ICON": str(icons_dir(work) / f"{EXE_NAME}.ico"),
    }
    flag = "/D" if IS_WIN else "-D"
    return [f"{flag}{key}={value}" for key, value in defines.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-deb", action="store_true", help="do not make the .deb")
    parser.add_argument("--skip-tar", action="store_true", help="do not make the .tar.gz")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    parser.add_argument(
        "--work", type=Path, default=None, help="PyInstaller work folder (default build/pyinstaller)"
    )
    parser.add_argument(
        "--deb-compression",
        choices=["zstd", "gzip", "xz"],
        default="zstd",
        help="zstd 2 s, xz 97 s but 25 %% smaller",
    )
    parser.add_argument(
        "--tar-level", type=int, default=6, choices=range(1, 10), help="gzip level of the .tar.gz (1 fastest)"
    )
    parser.add_argument("--nsis", action="store_true", help="also make the Windows installer with makensis")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    work = (args.work or ROOT / "build" / "pyinstaller").resolve()
    meta = app_meta()
    arch = platform.machine().lower().replace("amd64", "x86_64")
    summary: dict[str, object] = {"version": meta["__version__"], "platform": sys.platform, "arch": arch}
    started = time.monotonic()

    t0 = time.monotonic()
    bundle = run_pyinstaller(venv_python(), dist, work)
    summary["pyinstaller_s"] = round(time.monotonic() - t0, 1)
    summary["bundle"] = str(bundle)
    summary["bundle_bytes"] = tree_size(bundle)
    summary["bundle_files"] = sum(len(files) for _d, _s, files in os.walk(bundle))
    say(f"bundle {bundle}: {mb(summary['bundle_bytes'])} in {summary['bundle_files']} files")

    say(f"self-test: {bundle_executable(bundle)} --self-test")
    seconds, output = self_test(bundle_executable(bundle))
    summary["self_test_s"] = round(seconds, 2)
    summary["self_test_output"] = output.strip().splitlines()[-1] if output.strip() else ""
    say(f"self-test passed in {seconds:.1f} s: {summary['self_test_output']}")

    summary["first_window_s"] = round(first_window_seconds(bundle_executable(bundle)), 2)
    say(f"first window shown {summary['first_window_s']:.2f} s after launch")

    packages: dict[str, dict[str, object]] = {}
    if IS_LINUX and not args.skip_tar:
        t0 = time.monotonic()
        tarball = make_tarball(bundle, dist, work, meta, arch, args.tar_level)
        packages["tar.gz"] = {
            "path": str(tarball),
            "bytes": tarball.stat().st_size,
            "s": round(time.monotonic() - t0, 1),
        }
    if IS_LINUX and not args.skip_deb:
        t0 = time.monotonic()
        deb = make_deb(bundle, dist, work, meta, args.deb_compression)
        packages["deb"] = {
            "path": str(deb),
            "bytes": deb.stat().st_size,
            "s": round(time.monotonic() - t0, 1),
        }
    if args.nsis:
        t0 = time.monotonic()
        setup = make_nsis(bundle, dist, work, meta)
        packages["nsis"] = {
            "path": str(setup),
            "bytes": setup.stat().st_size,
            "s": round(time.monotonic() - t0, 1),
        }
    summary["packages"] = packages
    summary["total_s"] = round(time.monotonic() - started, 1)
    (dist / "build-summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")

    print(f"\n{meta['APP_NAME']} {meta['__version__']} ({sys.platform}, {arch})")
    print(
        f"  build time      {summary['total_s']:.1f} s (PyInstaller {summary['pyinstaller_s']:.1f} s, self-test {seconds:.1f} s)"
    )
    print(f"  bundle          {mb(summary['bundle_bytes'])}  {bundle}")
    print(f"  first window    {summary['first_window_s']:.2f} s after launch (offscreen)")
    for kind, info in packages.items():
        print(f"  {kind:<15} {mb(info['bytes'])}  {info['path']}  ({info['s']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
