"""A long meeting cannot abort the app through PySide6's lost references to None
(mara_desktop/ui/immortal_none.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.support.cli import REPO

MANY_CALLS = """
import sys
if sys.argv[1] == "app":
    import mara_desktop.ui  # what every window of the app imports first
from PySide6.QtCore import QCoreApplication, QObject
app = QCoreApplication([])
thing = QObject()
for _ in range(100_000):  # each call loses a reference to None on Python 3.11
    thing.setObjectName("x")
print("done", flush=True)
"""


def calls(how: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MANY_CALLS, how],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_hundred_thousand_qt_calls_and_a_normal_end():
    done = calls("app")
    assert (done.returncode, done.stdout.strip()) == (0, "done"), done.stderr[-500:]


def test_without_the_reserve_python_3_11_aborts():
    """What the app would do: shows the fault is still there to be guarded against (on
    Python 3.12 and later None is immortal and the calls end normally)."""
    done = calls("bare")
    if sys.version_info >= (3, 12):
        assert done.returncode == 0
    else:
        assert done.returncode != 0
        assert "none_dealloc" in done.stderr
