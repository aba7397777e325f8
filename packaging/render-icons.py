"""Render the app icon for desktops: `python packaging/render-icons.py`.

Desktops pick a PNG of the exact size they draw (menus 16-24, docks 48-64, software
centres 128-256) and scale an SVG only when none fits, so each size is rendered once from
resources/icons/mara-desktop.svg and the PNGs are committed. Windows and macOS builds take
`mara-desktop.ico` and `mara-desktop.icns`, made here from the same pictures.
Run it again whenever the SVG changes.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "mara-desktop.svg"
ICONS = ROOT / "packaging" / "icons"
APP_ID = "org.maradesktop.MaraDesktop"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """One antialiased square picture on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def to_pil(image: QImage, path: Path) -> Image.Image:
    """Through a PNG file: PIL then reads exactly what a desktop would."""
    image.save(str(path))
    return Image.open(path).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in SIZES:
        folder = ICONS / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{APP_ID}.png"
        if not render(renderer, size).save(str(target)):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    scalable = ICONS / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / f"{APP_ID}.svg")
    print((scalable / f"{APP_ID}.svg").relative_to(ROOT))

    work = ICONS / ".render"
    work.mkdir(exist_ok=True)
    try:
        largest = to_pil(render(renderer, 1024), work / "1024.png")
        largest.save(ICONS / "mara-desktop.ico", sizes=[(s, s) for s in ICO_SIZES])
        largest.save(ICONS / "mara-desktop.icns", sizes=[(s, s) for s in ICNS_SIZES])
    finally:
        shutil.rmtree(work)
    print((ICONS / "mara-desktop.ico").relative_to(ROOT))
    print((ICONS / "mara-desktop.icns").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
