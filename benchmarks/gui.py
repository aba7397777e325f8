"""How fast the app appears and how fast the shared screen turns to the next case.

    .venv/bin/python benchmarks/gui.py

Prints the start-up time from launching Python to the unlock window being shown (a fresh
process each time, the median of five), and the time to show the next case of 40 items
on the participant window (median of 30 switches, widgets laid out). Goals: start-up under
1.5 s; switching under 50 ms. Runs offscreen; a real display adds its own drawing time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHILD = """
import sys
from PySide6.QtCore import QTimer
import mara_desktop.cli  # what `mara-desktop` loads first
from mara_desktop.ui.app import application, OpenCaseFileDialog  # all of the app's windows
app = application()
dialog = OpenCaseFileDialog(None)
dialog.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def startup_seconds(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home}
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def switch_ms(switches: int = 30) -> float:
    from mara_desktop.domain import (
        Audience,
        Case,
        Item,
        Person,
        PersonRole,
        Referral,
        ReferralCriterion,
        Subject,
    )
    from mara_desktop.protocol.loader import load_protocol
    from mara_desktop.resources import default_protocol_path
    from mara_desktop.ui.appearance import application
    from mara_desktop.ui.participant_window import ParticipantWindow
    from mara_desktop.views.builder import ViewBuilder

    app = application()
    protocol = load_protocol(default_protocol_path())
    categories = ["risk-summary", "victim-views", "perpetrator-history", "housing"]

    def case(n: int) -> Case:
        return Case(
            id=f"case-{n}",
            reference=f"NS-2026-{n:04d}",
            children_involved=False,
            referral=Referral(date(2026, 11, 1), "police", ReferralCriterion.REPEAT, 14),
            people=(Person("v", PersonRole.VICTIM, f"Victim {n}"),),
            items=tuple(
                Item(
                    id=f"i{k}",
                    category=categories[k % 4],
                    source="police",
                    subject=Subject.VICTIM,
                    text=f"Item {k} of case {n}: a sentence or two of what the agency found "
                    "in its records, as long as a real entry usually is.",
                    person="v",
                    recorded_at=datetime(2026, 11, 20, tzinfo=UTC),
                )
                for k in range(40)
            ),
        )

    builder = ViewBuilder(protocol)
    room = Audience.of(["police", "idva", "probation", "housing"])
    views = [builder.case_view(case(n), room, number=n + 1) for n in range(switches)]
    window = ParticipantWindow(protocol)
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    times = []
    for view in views:
        start = time.perf_counter()
        window.show_case(view, ["Police", "IDVA", "Probation", "Housing"])
        app.processEvents()
        times.append(time.perf_counter() - start)
    window.close()
    return statistics.median(times) * 1000


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(f"start-up to the unlock window: {startup_seconds():.2f} s (goal < 1.5 s)")
    print(f"shared screen, next case of 40 items: {switch_ms():.1f} ms (goal < 50 ms)")


if __name__ == "__main__":
    main()
