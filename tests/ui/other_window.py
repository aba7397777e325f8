"""Another window of the app, in a process of its own, holding a case file open.

A real second process is what the chair meets (the app started twice): only its claim on
the file matters here, so it claims the file and waits, and it writes nothing.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.support.cli import environment

_HOLD = """
import sys
from pathlib import Path
from mara_desktop.session import InUse
claim = InUse.claim(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.read()
claim.release()
"""


@contextlib.contextmanager
def open_in_another_window(path: Path) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)],
        env=environment(None),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.communicate(timeout=60)
