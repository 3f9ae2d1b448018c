"""Make the installers' icon files from resources/icons/sote-planner.svg (build time only).

`python installer/make_icons.py OUTDIR` writes into OUTDIR:
  sote-planner.png   256 x 256 px (Linux menu entry, tarball, .deb)
  sote-planner.ico   16-256 px, PNG-compressed entries (Windows exe, NSIS, file association)
  sote-planner.icns  16-512 px, PNG entries (macOS .app)
  sote-planner.svg   the source drawing, when there is one (Linux "scalable" icon)

The SVG is rendered with QtSvg. When the drawing does not exist yet, a plain stand-in (a blue rounded
square with a white cross and a green dot) is painted with QPainter so that the build never lacks an
icon. ICO and ICNS are written here in plain Python (both formats accept PNG payloads).
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "sote-planner.svg"
NAME = "sote-planner"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS OSType per PNG size in pixels
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render_pngs(sizes: list[int], svg: Path | None) -> dict[int, bytes]:
    """PNG bytes per size (pixels), from the SVG or the stand-in drawing."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - keeps Qt alive
    renderer = None
    if svg is not None:
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(str(svg))
        if not renderer.isValid():
            raise SystemExit(f"make_icons: {svg} is not a valid SVG drawing")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if renderer is not None:
            renderer.render(painter, QRectF(0, 0, size, size))
        else:
            s = float(size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor("#1f5fa8")))
            painter.drawRoundedRect(QRectF(0.04 * s, 0.04 * s, 0.92 * s, 0.92 * s), 0.18 * s, 0.18 * s)
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.drawRect(QRectF(0.40 * s, 0.18 * s, 0.20 * s, 0.64 * s))
            painter.drawRect(QRectF(0.18 * s, 0.40 * s, 0.64 * s, 0.20 * s))
            painter.setPen(QPen(QColor("#1f5fa8"), max(1.0, 0.02 * s)))
            painter.setBrush(QBrush(QColor("#3fae49")))
            painter.drawEllipse(QRectF(0.64 * s, 0.64 * s, 0.26 * s, 0.26 * s))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"make_icons: could not encode a {size} px PNG")
        buffer.close()
        out[size] = bytes(data.data())
    return out


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding the given PNG images (Vista+ reads PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding the given PNG images."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(data)) + data for size, data in sorted(pngs.items())
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(outdir: Path, svg: Path | None = None) -> dict[str, Path]:
    """Write the icon files into outdir; returns them by kind (png, ico, icns, and svg when drawn)."""
    if svg is None and SVG.is_file():
        svg = SVG
    outdir.mkdir(parents=True, exist_ok=True)
    pngs = render_pngs(sorted(set(ICO_SIZES) | set(ICNS_TYPES)), svg)
    files = {
        "png": outdir / f"{NAME}.png",
        "ico": outdir / f"{NAME}.ico",
        "icns": outdir / f"{NAME}.icns",
    }
    files["png"].write_bytes(pngs[256])
    files["ico"].write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    files["icns"].write_bytes(icns_bytes({s: pngs[s] for s in ICNS_TYPES}))
    stale_svg = outdir / f"{NAME}.svg"
    if svg is not None:
        shutil.copyfile(svg, stale_svg)
        files["svg"] = stale_svg
    elif stale_svg.exists():
        stale_svg.unlink()
    return files


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_icons.py OUTDIR")
    for kind, path in make_icons(Path(sys.argv[1])).items():
        print(f"{kind}\t{path}")
