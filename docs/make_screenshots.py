"""Make the README's pictures from the demo: `python docs/make_screenshots.py`.

Runs the real windows offscreen on a fresh copy of the demo and saves PNGs in docs/images/.
Run it again whenever a screen changes.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QWidget

from mara_desktop.domain import OBSERVER
from mara_desktop.ui.app import open_demo
from mara_desktop.ui.appearance import application
from mara_desktop.ui.console import ChairConsole

IMAGES = Path(__file__).resolve().parent / "images"


def save(widget: QWidget, name: str) -> None:
    application().processEvents()
    widget.grab().save(str(IMAGES / name))
    print(IMAGES / name)


def main() -> int:
    app = application()
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        console = ChairConsole(open_demo(Path(folder)))
        console.resize(1440, 900)
        console.show()
        meeting = console.meeting
        assert meeting is not None
        # The observer has left and the meeting is on its second case (children involved).
        meeting.set_left(OBSERVER, True)
        console.agenda.show_meeting(meeting)
        console.go_to(1)
        console.page.items_table.selectRow(1)
        save(console, "console.png")
        console.participant.resize(1280, 720)
        console.present()
        console.participant.resize(1280, 720)
        save(console.participant, "shared-screen.png")
        console.view_as.setCurrentIndex(console.view_as.findData("housing"))
        save(console, "view-as-housing.png")
        console.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
