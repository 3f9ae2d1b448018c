"""The installers: build the Linux bundle, tarball and .deb once with installer/build.py, then check
what planners would install (contents, leanness, the unpacked .deb's self-test with no network) and
that the Windows NSIS script compiles against a stand-in bundle.

Slow (a PyInstaller build: about 1.5 min of CPU plus two self-tests) but run by .ci/run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))

from appmeta import EXE_NAME, app_meta  # noqa: E402
from bundle_filter import drop_unused, is_unused  # noqa: E402
from elf import read_elf  # noqa: E402

pytestmark = pytest.mark.slow

META = app_meta()
VERSION = META["__version__"]
LINUX = sys.platform.startswith("linux")
#: a bundle above this is a regression (measured 332 MB with every feature's dependencies)
MAX_BUNDLE_BYTES = 420e6
UNUSED_QT_NAMES = (
    "Qt6Qml",
    "Qt6Quick",
    "WebEngine",
    "Qt6Network",
    "Qt6Pdf",
    "VirtualKeyboard",
    "Qt63D",
    "Multimedia",
)


def _run_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SOTE_PLANNER_HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        MPLCONFIGDIR=str(home / "mpl"),
    )
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """installer/build.py run once into a scratch dist folder; its summary plus the paths."""
    if not LINUX:
        pytest.skip("the Linux bundle, tarball and .deb are built on Linux only")
    if shutil.which("objdump") is None:
        pytest.skip("PyInstaller needs objdump (Debian package binutils; ./dev.sh installs it)")
    base = tmp_path_factory.mktemp("build")
    dist, work = base / "dist", base / "work"
    cmd = [sys.executable, str(ROOT / "installer" / "build.py"), "--dist", str(dist), "--work", str(work)]
    cmd += ["--tar-level", "1"]  # the test checks contents, not the best compression
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, cwd=ROOT, check=False)
    print(proc.stdout[-3000:])
    if proc.returncode != 0:
        pytest.fail(
            f"build.py failed (exit {proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    summary = json.loads((dist / "build-summary.json").read_text(encoding="utf-8"))
    return {"dist": dist, "work": work, "summary": summary, "bundle": dist / EXE_NAME, "stdout": proc.stdout}


# --- the build and its bundle ------------------------------------------------------------------------


def test_build_self_tested_and_reported_sizes(built):
    s = built["summary"]
    assert s["version"] == VERSION
    assert s["self_test_output"].startswith("OK:"), s["self_test_output"]
    assert s["bundle_bytes"] < MAX_BUNDLE_BYTES, f"bundle grew to {s['bundle_bytes'] / 1e6:.0f} MB"
    for kind in ("tar.gz", "deb"):
        package = s["packages"][kind]
        assert Path(package["path"]).stat().st_size == package["bytes"] > 10e6
    assert "build time" in built["stdout"] and "bundle" in built["stdout"]


def test_bundle_version_and_every_command_frozen(built, tmp_path):
    exe = built["bundle"] / EXE_NAME
    version = subprocess.run(
        [str(exe), "--version"], capture_output=True, text=True, env=_run_env(tmp_path), timeout=120
    )
    assert version.returncode == 0 and VERSION in version.stdout
    # subcommands are found with pkgutil at run time: the bundle must list the same ones as the source
    frozen = subprocess.run(
        [str(exe), "--help"], capture_output=True, text=True, env=_run_env(tmp_path), timeout=120
    )
    source = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"],
        capture_output=True,
        text=True,
        env=_run_env(tmp_path),
        cwd=ROOT,
        timeout=120,
    )
    assert frozen.returncode == 0 == source.returncode, frozen.stderr + source.stderr
    listed = re.findall(r"^    (\w[\w-]*)", frozen.stdout, re.M)
    assert len(listed) >= 2 and "gui" in listed and "info" in listed, frozen.stdout
    assert frozen.stdout == source.stdout


def test_gui_start_writes_only_to_the_user_data_folder(built, tmp_path):
    """A GUI start (up to the first window) writes logs, settings and matplotlib's font cache into
    the user's data folder only; the font cache is kept there between starts (installer/launch.py)."""
    home = tmp_path / "home"
    env = {**_run_env(home), "SOTE_PLANNER_EXIT_AFTER_SHOWN": "1", "HOME": str(tmp_path / "os-home")}
    env.pop("MPLCONFIGDIR")
    (tmp_path / "os-home").mkdir()
    proc = subprocess.run(
        [str(built["bundle"] / EXE_NAME)], env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    caches = list((home / "cache").glob(f"matplotlib-{VERSION}-*"))
    assert len(caches) == 1 and caches[0].is_dir()
    assert (home / "logs").is_dir()
    assert not list((tmp_path / "os-home").rglob("*")), "wrote into the home folder, outside the data folder"


def test_first_window_time_measured(built):
    """build.py times the bundle from launch to the first window shown (the goal, < 3 s, is checked in
    tests/bench/test_startup_bench.py: no wall-clock limit in the suite)."""
    seconds = built["summary"]["first_window_s"]
    assert isinstance(seconds, float) and seconds > 0, seconds


def test_bundle_is_lean(built):
    bundle = built["bundle"]
    files = [p for p in bundle.rglob("*") if p.is_file() or p.is_symlink()]
    names = [str(p.relative_to(bundle)) for p in files]
    unused = [n for n in names if any(key in n for key in UNUSED_QT_NAMES)]
    assert not unused, f"unused Qt modules bundled: {unused[:10]}"
    assert not [n for n in names if "libqgtk3" in n or "libcairo" in n], "GTK theme and its stack bundled"
    # one Qt: a single real libQt6Core, no second binding
    cores = [p for p in files if p.name.startswith("libQt6Core") and not p.is_symlink()]
    assert len(cores) == 1, cores
    top = {n.split(os.sep)[1] for n in names if n.startswith("_internal" + os.sep) and n.count(os.sep) > 1}
    for other in ("PyQt5", "PyQt6", "PySide2", "pyarrow", "tkinter", "IPython", "pytest", "hypothesis"):
        assert other not in top, f"{other} is bundled"
    assert not [n for n in names if "_tkinter" in n or "libtk" in n or "libtcl" in n]
    assert not [n for n in names if "sample_data" in n or f"{os.sep}tests{os.sep}" in n], (
        "test or sample data"
    )
    dangling = [n for n in files if n.is_symlink() and not n.exists()]
    assert not dangling, dangling
    # Qt's own translations: only the app's languages
    qms = [p.stem for p in bundle.rglob("PySide6/Qt/translations/*.qm")]
    assert qms and all(q.rsplit("_", 1)[1] in ("fi", "sv", "en") for q in qms), qms


def test_frozen_modules_have_pages_commands_and_only_used_backends(built):
    from PyInstaller.archive.readers import pkg_archive_contents

    modules = set(pkg_archive_contents(str(built["bundle"] / EXE_NAME)))
    for folder, package in (("commands", "desktop.commands"), ("ui/pages", "desktop.ui.pages")):
        for path in (ROOT / "desktop" / folder).glob("*.py"):
            if path.stem != "__init__":
                assert f"{package}.{path.stem}" in modules
    backends = {m.rsplit(".", 1)[1] for m in modules if m.startswith("matplotlib.backends.backend_")}
    assert {"backend_agg", "backend_qtagg", "backend_pdf", "backend_svg"} <= backends
    assert not backends - {
        "backend_agg",
        "backend_qtagg",
        "backend_qt",
        "backend_pdf",
        "backend_svg",
        "backend_mixed",
    }
    assert not [
        m for m in modules if m.split(".")[0] in ("tkinter", "pyarrow", "IPython", "PyQt5", "PyQt6", "pytest")
    ]


def test_resources_bundled_without_tests_or_translation_sources(built):
    res_src, res_dst = ROOT / "resources", built["bundle"] / "_internal" / "resources"
    shipped = {p.relative_to(res_dst) for p in res_dst.rglob("*") if p.is_file()}
    assert Path("icons", "sote-planner.svg") in shipped
    assert any(p.suffix == ".qm" for p in shipped) and not any(p.suffix == ".ts" for p in shipped)
    assert not [p for p in shipped if {"tests", "test", "screenshots"} & set(p.parts)]
    expected = {
        p.relative_to(res_src)
        for p in res_src.rglob("*")
        if p.is_file()
        and p.suffix not in (".ts", ".pyc")
        and not {"tests", "test", "screenshots"} & set(p.parts)
    }
    assert expected <= shipped, sorted(expected - shipped)[:10]
    assert not [p for p in built["bundle"].rglob("*") if p.suffix in (".sote", ".sote-wal")], (
        "a store was bundled"
    )


def test_no_debug_info_left_in_strippable_libraries(built):
    libpython = next((built["bundle"] / "_internal").glob("libpython3*.so*"))
    info = read_elf(libpython)
    assert info is not None and info.loads_aligned
    assert ".debug_info" not in info.sections


# --- the packages ------------------------------------------------------------------------------------


def test_tarball_has_bundle_desktop_entry_and_icon(built):
    path = Path(built["summary"]["packages"]["tar.gz"]["path"])
    assert path.name == f"{EXE_NAME}-{VERSION}-linux-x86_64.tar.gz"
    top = f"{EXE_NAME}-{VERSION}"
    with tarfile.open(path) as tar:
        members = {m.name: m for m in tar.getmembers()}
        assert all(name == top or name.startswith(top + "/") for name in members)
        exe = members[f"{top}/{EXE_NAME}"]
        assert exe.isfile() and exe.mode & stat.S_IXUSR and exe.uid == 0
        assert f"{top}/_internal/resources/icons/sote-planner.svg" in members
        assert tar.extractfile(f"{top}/{EXE_NAME}.png").read(8) == b"\x89PNG\r\n\x1a\n"
        entry = tar.extractfile(f"{top}/sote-planner.desktop").read().decode()
        assert members[f"{top}/install-user.sh"].mode & stat.S_IXUSR
    bundle_files = sum(1 for p in built["bundle"].rglob("*") if not p.is_dir())
    assert sum(1 for m in members.values() if not m.isdir()) >= bundle_files + 3
    assert re.search(rf"^Name={re.escape(META['APP_NAME'])}$", entry, re.M)
    assert re.search(r"^Exec=sote-planner gui %f$", entry, re.M) and "Icon=sote-planner" in entry
    assert "MimeType=application/x-sote-project;" in entry


def test_tarball_installs_for_the_user_and_removes_again(built, tmp_path):
    """install-user.sh from the unpacked tarball: app, menu entry, icon and command under ~/.local."""
    (tmp_path / "unpacked").mkdir()
    tarball = built["summary"]["packages"]["tar.gz"]["path"]
    subprocess.run(["tar", "-xzf", tarball, "-C", str(tmp_path / "unpacked")], check=True, timeout=300)
    script = tmp_path / "unpacked" / f"{EXE_NAME}-{VERSION}" / "install-user.sh"
    home = tmp_path / "home"
    env = {**_run_env(tmp_path / "data"), "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True, timeout=300)
    entry = home / ".local/share/applications" / f"{META['APP_ID']}.desktop"
    assert f"Exec={home}/.local/opt/{EXE_NAME}/{EXE_NAME} gui %f" in entry.read_text(encoding="utf-8")
    assert (home / ".local/share/icons/hicolor/256x256/apps/sote-planner.png").is_file()
    command = home / ".local" / "bin" / EXE_NAME
    version = subprocess.run(
        [str(command), "--version"], env=env, capture_output=True, text=True, timeout=120
    )
    assert version.returncode == 0 and VERSION in version.stdout
    subprocess.run(["sh", str(script), "--remove"], env=env, check=True, capture_output=True, timeout=120)
    assert not (home / ".local" / "opt" / EXE_NAME).exists() and not command.exists() and not entry.exists()


@pytest.fixture(scope="module")
def deb_root(built, tmp_path_factory):
    deb = Path(built["summary"]["packages"]["deb"]["path"])
    root = tmp_path_factory.mktemp("debroot")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return deb, root


def test_deb_metadata_and_layout(deb_root):
    deb, root = deb_root
    fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Package: {EXE_NAME}$", fields, re.M)
    assert re.search(rf"^Version: {re.escape(VERSION)}$", fields, re.M)
    assert re.search(r"^Depends: libc6 \(>= 2\.\d+\)", fields, re.M)
    installed_kb = int(re.search(r"^Installed-Size: (\d+)$", fields, re.M).group(1))
    assert installed_kb * 1024 >= sum(
        p.stat().st_size for p in (root / "opt").rglob("*") if p.is_file() and not p.is_symlink()
    )
    contents = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    assert all(" root/root " in line for line in contents.splitlines())
    assert (root / "opt" / EXE_NAME / EXE_NAME).stat().st_mode & stat.S_IXUSR
    link = root / "usr" / "bin" / EXE_NAME
    assert link.is_symlink() and link.resolve() == (root / "opt" / EXE_NAME / EXE_NAME).resolve()
    entry = (root / "usr" / "share" / "applications" / f"{META['APP_ID']}.desktop").read_text(
        encoding="utf-8"
    )
    assert re.search(rf"^Exec=/usr/bin/{EXE_NAME} gui %f$", entry, re.M)
    assert (root / "usr/share/icons/hicolor/256x256/apps/sote-planner.png").read_bytes()[:4] == b"\x89PNG"
    assert "*.sote" in (root / "usr/share/mime/packages/sote-planner.xml").read_text(encoding="utf-8")


def _network_namespace_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False).returncode == 0


def test_installed_deb_self_test_passes_without_network(deb_root, tmp_path):
    """The unpacked .deb's `sote-planner --self-test`, started through /usr/bin's link, in a network
    namespace with no interface up (unshare -n) and with connect() traced: no IP connection tried."""
    _deb, root = deb_root
    cmd = [str(root / "usr" / "bin" / EXE_NAME), "--self-test"]
    trace = tmp_path / "connect.trace"
    if shutil.which("strace"):
        cmd = [
            "strace",
            "-f",
            "--seccomp-bpf",
            "-qq",
            "-e",
            "signal=none",
            "-e",
            "trace=connect,sendto,sendmsg",
            "-o",
            str(trace),
            *cmd,
        ]
    if _network_namespace_works():
        cmd = ["unshare", "-rn", *cmd]
    home = tmp_path / "home"
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_run_env(home), timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert re.search(r"^OK: (\d+)/\1 pages", proc.stdout, re.M), proc.stdout
    if trace.exists():
        inet = [line for line in trace.read_text().splitlines() if "AF_INET" in line]
        assert not inet, f"network use during the self-test: {inet[:5]}"
    # the self-test keeps to a temporary folder: nothing written to the user's data folder but logs
    written = [p.relative_to(home) for p in home.rglob("*") if p.is_file()] if home.exists() else []
    assert not [p for p in written if p.parts[0] not in ("logs", "mpl", "config")], written


def test_network_isolation_available():
    """Says plainly when the no-network check above could not isolate the network."""
    if not _network_namespace_works():
        pytest.skip("unshare -rn is not permitted here: the self-test above ran with the network present")
    if shutil.which("strace") is None:
        pytest.skip("strace is missing: connect() calls were not traced")
    out = subprocess.run(
        ["unshare", "-rn", "cat", "/proc/net/dev"], capture_output=True, text=True, check=True
    ).stdout
    interfaces = [line.split(":")[0].strip() for line in out.splitlines()[2:]]
    assert interfaces == ["lo"]


# --- Windows and the pieces that need no build -------------------------------------------------------


def test_nsis_script_compiles_against_a_stand_in_bundle(tmp_path):
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis is missing (Debian package nsis; ./dev.sh installs it)")
    # installer/build.py, under a name that cannot shadow PyPA's `build` package
    spec = importlib.util.spec_from_file_location("sote_installer_build", ROOT / "installer" / "build.py")
    build_script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_script)
    nsis_defines = build_script.nsis_defines

    bundle = tmp_path / EXE_NAME
    (bundle / "_internal" / "resources").mkdir(parents=True)
    for exe in (f"{EXE_NAME}.exe", f"{EXE_NAME}-cli.exe"):
        (bundle / exe).write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "resources" / "stand-in.txt").write_text("x", encoding="utf-8")
    work = tmp_path / "work"
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "make_icons.py"), str(work / "sote-planner" / "icons")],
        check=True,
        capture_output=True,
    )
    out = tmp_path / f"{EXE_NAME}-{VERSION}-windows-setup.exe"
    nsi = ROOT / "installer" / "windows" / "sote-planner.nsi"
    proc = subprocess.run(
        [makensis, "-WX", "-V2", "-DFAST_COMPRESSION", *nsis_defines(bundle, out, work, META), str(nsi)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"
    script = nsi.read_text(encoding="utf-8-sig")
    assert re.search(r"^RequestExecutionLevel user$", script, re.M)
    assert "$LOCALAPPDATA\\Programs" in script
    for language in ("Finnish", "Swedish", "English"):
        assert f'!insertmacro MUI_LANGUAGE "{language}"' in script


def test_drop_unused_takes_orphaned_libraries_and_links_along():
    graph = {
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so": ["libcairo.so.2", "libQt6Gui.so.6"],
        "libcairo.so.2": ["libpng16.so.16"],
        "libpng16.so.16": [],
        "PySide6/Qt/lib/libQt6Gui.so.6": ["libpng16.so.16"],
        "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so": ["libQt6Network.so.6"],
        "PySide6/Qt/lib/libQt6Network.so.6": [],
        "libdlopened.so.1": [],
        "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],  # an extension module: a root
    }
    entries = [(dest, dest, "BINARY") for dest in graph]
    entries.append(("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"))
    entries.append(("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"))
    entries.append(("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"))
    entries.append(("PySide6/Qt/translations/qtbase_fi.qm", "x", "DATA"))
    kept, dropped = drop_unused(entries, needed=lambda src: graph.get(src, []))
    kept_names = {e[0] for e in kept}
    assert kept_names == {
        "libpng16.so.16",  # still needed by QtGui
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/QtGui.abi3.so",
        "libQt6Gui.so.6",
        "libdlopened.so.1",  # nothing needs it: a root, kept
        "PySide6/Qt/translations/qtbase_fi.qm",
    }
    assert len(kept) + len(dropped) == len(entries)
    assert is_unused("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so")
    assert is_unused("PySide6\\opengl32sw.dll")
    assert not is_unused("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert not is_unused("PySide6\\plugins\\platforms\\qwindows.dll")
