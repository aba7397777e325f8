"""The consent and override windows fit a 1024x720 laptop screen whole: their least width
(1060) gives way to the screen's, so the Record button is never off its right edge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SMALL = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 720}]}
PROBE = """
import sys
from pathlib import Path
from mara_desktop.ui.appearance import application
from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import Session
from mara_desktop.ui.consent_dialog import ConsentDialog
from mara_desktop.ui.override_dialog import OverrideDialog
app = application()
session = Session.open(Path(sys.argv[1]), passphrase=DEMO_PASSPHRASE)
for kind in (ConsentDialog, OverrideDialog):
    dialog = kind(session, "case-03")
    dialog.show()
    app.processEvents()
    button = dialog.record_button
    right = button.mapTo(dialog, button.rect().bottomRight())
    print(kind.__name__, dialog.width(), dialog.height(), right.x(), right.y())
    dialog.close()
session.close()
"""


def test_the_consent_and_override_windows_fit_a_1024_by_720_screen(
    tmp_path: Path, demo_path: Path
) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps(SMALL), "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(demo_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")[:2]
    for line in lines:
        _, *numbers = line.split()
        width, height, right, bottom = map(int, numbers)
        assert width <= 1024 and height <= 720, line
        assert right < width and bottom < height, line
    assert [line.split()[0] for line in lines] == ["ConsentDialog", "OverrideDialog"]
