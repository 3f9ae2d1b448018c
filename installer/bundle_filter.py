"""What the spec leaves out of the bundle after PyInstaller's analysis (used by sote-planner.spec).

PySide6's hooks collect every plugin of the Qt modules in use, and each plugin drags its shared
libraries along (the GTK platform theme alone brings cairo, pango, gdk-pixbuf, atk and gio). A file
is dropped when its destination name matches one of the patterns below; on Linux the libraries that
only dropped files needed (found by reading ELF DT_NEEDED entries) are dropped with them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import PurePosixPath

from elf import elf_needed

#: Qt libraries, plugins and folders the app does not use, and libraries' sample data (matched
#: against the destination path in the bundle)
UNUSED_FILES = (
    "Qt6Qml",
    "Qt6Quick",
    "Qt6VirtualKeyboard",
    "Qt6Pdf",
    "Qt6Network",
    "Qt6WebEngine",
    "Qt63D",
    "Qt6Multimedia",
    "Qt6Designer",
    "Qt6Lottie",
    "Qt6Labs",
    "Qt6Sql",
    "Qt6WaylandCompositor",
    "qtvirtualkeyboardplugin",
    "imageformats/libqpdf",
    "qmltooling",
    "sqldrivers/",
    "plugins/tls/",
    "networkinformation/",
    "vectorimageformats/",
    "wayland-graphics-integration-server/",
    # GTK theme: half of GTK's stack would be bundled beside the system's GTK (Fusion is used instead)
    "platformthemes/libqgtk3",
    "platformthemes/qgtk3",
    # embedded-device platforms (framebuffer, EGLFS, VNC): not for desktop laptops
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqvnc",
    "platforms/libqminimalegl",
    "platforms/libqvkkhrdisplay",
    "egldeviceintegrations/",
    # example and documentation data of libraries: no test data in the bundle
    "mpl-data/sample_data/",
    "mpl-data/plot_directive/",
    # Windows: Mesa's software OpenGL (20 MB), a fallback for Qt Quick; the app draws with the raster engine
    "opengl32sw.dll",
)
#: Qt's own translations that are kept (the app's languages)
QT_LANGUAGES = ("fi", "sv", "en")


def is_unused(dest: str) -> bool:
    """True when a collected file (by its destination path in the bundle) is left out."""
    dest = dest.replace("\\", "/")
    if any(key in dest for key in UNUSED_FILES):
        return True
    if "PySide6/" in dest and "/translations/" in dest and dest.endswith(".qm"):
        lang = PurePosixPath(dest).stem.rsplit("_", 1)[-1]
        return lang not in QT_LANGUAGES
    return False


def _reachable(roots: Iterable[str], graph: dict[str, list[str]]) -> set[str]:
    seen, stack = set(), list(roots)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(n for n in graph.get(node, ()) if n in graph)
    return seen


def drop_unused(entries: list, needed=elf_needed) -> tuple[list, list]:
    """Split PyInstaller TOC entries (dest, src, typecode) into (kept, dropped).

    A file that needs (through DT_NEEDED) a dropped library is dropped too (it could not load), and so
    is a shared library that only dropped files needed; files that nothing needs (extension modules,
    plugins, libraries loaded with dlopen) are the roots. Links (typecode SYMLINK) to a dropped file go.
    Only entries of typecode BINARY or EXTENSION are read for their dependencies.
    """
    links = {e[0]: e for e in entries if e[2] == "SYMLINK"}  # (dest, target relative to dest's folder)
    by_dest = {e[0]: e for e in entries if e[2] != "SYMLINK"}
    base = {PurePosixPath(d.replace("\\", "/")).name: d for d in by_dest}
    graph = {
        d: [base[n] for n in needed(e[1]) if n in base] if e[2] in ("BINARY", "EXTENSION") else []
        for d, e in by_dest.items()
    }
    needed_by_someone = {n for deps in graph.values() for n in deps}
    roots = [d for d in by_dest if d not in needed_by_someone]
    unused = {d for d in by_dest if is_unused(d)}
    while True:  # a file that needs a left-out library could not load: leave it out too
        more = {d for d, deps in graph.items() if d not in unused and any(n in unused for n in deps)}
        if not more:
            break
        unused |= more
    before = _reachable(roots, graph)
    kept_graph = {d: [n for n in deps if n not in unused] for d, deps in graph.items() if d not in unused}
    after = _reachable([r for r in roots if r not in unused], kept_graph)
    dropped = unused | (before - after)
    dropped_paths = {d.replace("\\", "/") for d in dropped}
    for dest, entry in links.items():  # a link to a dropped file goes too
        dest_posix = dest.replace("\\", "/")
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(dest_posix), entry[1].replace("\\", "/"))
        )
        if is_unused(dest) or target in dropped_paths:
            dropped.add(dest)
    return [e for e in entries if e[0] not in dropped], [e for e in entries if e[0] in dropped]
