"""What the chair waits for: the app appearing, and the whole next case while presenting.

    .venv/bin/python benchmarks/gui.py [--startups 5] [--baseline DIR]

Prints:

- start-up: from launching Python to the unlock window shown, a new process each time
  (the median of `--startups`); goal under 1.5 s;
- the whole next case (issue 12): a real chair's console on a case file of 25 cases x 40
  items under a protocol of 15 agencies (benchmarks/minutes.py's conference, everyone
  present), presenting, the shared screen on a second screen. Each switch is timed from
  the Next case (or Previous case) action to the events processed: the dispatcher run
  until it has nothing left, deferred deletions included, so both windows are laid out and
  painted offscreen and the audit record of what the room was shown is written. Next walks
  the agenda from the opening to the last case (each case seen for the first time, as in a
  meeting), then Previous walks back to the first: 49 switches, medians; goal under 50 ms.
  Its parts are shown as they fall within the switches (views, the chair's page, the
  shared screen's widgets, the audit write; the rest is Qt laying out and painting) and
  measured alone, each the same walk on a file opened anew: the chair's page (not
  presenting), the shared screen alone (the room's view built and shown, as the console
  does it, without the chair's page), and the audit write alone.

The measurements run in a new process on a temporary copy of the file, offscreen, with two
virtual screens (a 1920x1200 laptop, a 1920x1080 projector); a real display adds its own
painting. With `--baseline DIR` (a checkout of an earlier version, e.g. made with
`git worktree add /tmp/base main`) the same walks are also made with that code, on the
same file, taking turns with this version. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOAL_STARTUP_S, GOAL_SWITCH_MS = 1.5, 50.0
CONFERENCE = "bench"
SCREENS = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96},
        {"name": "projector", "x": 1920, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
    ]
}

STARTUP = """
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


def startup_seconds(code: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "PYTHONPATH": str(code)}
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", STARTUP], env=env, cwd=code, check=True, capture_output=True
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


# -- the case file (made once, with this version's code) -------------------------------------


def build_case_file(folder: Path) -> tuple[Path, str]:
    """benchmarks/minutes.py's conference: 25 cases x 40 items, 15 agencies all present."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from minutes import PASSPHRASE, document, protocol_text

    from mara_desktop.interchange.document import read_interchange
    from mara_desktop.interchange.reader import Existing
    from mara_desktop.store.casefile import CaseFile
    from mara_desktop.store.importer import import_content

    path = folder / "bench.mara"
    case_file = CaseFile.create(path, PASSPHRASE, protocol_text())
    agencies = [a.id for a in case_file.protocol.agencies]
    content = read_interchange(document(agencies), case_file.protocol, Existing())
    import_content(case_file, content, update=False)
    case_file.close()
    return path, PASSPHRASE


# -- the measuring process -------------------------------------------------------------------


class Clock:
    """Time spent in chosen methods during the switches, and whether it fell within the
    processing of events (a part done there is not counted again as layout and painting)."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = {}
        self.in_events = 0.0
        self.settling = False

    def wrap(self, owner: Any, name: str, part: str) -> None:
        inner = getattr(owner, name, None)
        if inner is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent = time.perf_counter() - start
                self.parts[part] = self.parts.get(part, 0.0) + spent
                if self.settling:
                    self.in_events += spent

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.parts, self.in_events = {}, 0.0


def settle() -> None:
    """Until Qt has nothing left to do: posted events, layout, painting, timers due now,
    and deferred deletions (which only an event loop's own turn would otherwise run)."""
    from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEvent, QEventLoop

    dispatcher = QAbstractEventDispatcher.instance()
    flags = QEventLoop.ProcessEventsFlag.AllEvents
    while True:
        while dispatcher.processEvents(flags):
            pass
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if not dispatcher.processEvents(flags):
            return


def walk(steps: Iterator[Callable[[], None]], clock: Clock | None = None) -> list[dict[str, float]]:
    """Each step timed to the events processed; with `clock`, its parts too."""
    found = []
    for step in steps:
        if clock is not None:
            clock.reset()
        start = time.perf_counter()
        step()
        middle = time.perf_counter()
        if clock is not None:
            clock.settling = True
        settle()
        end = time.perf_counter()
        row = {"whole": end - start}
        if clock is not None:
            clock.settling = False
            row |= clock.parts
            row["events"] = end - middle - clock.in_events
        found.append(row)
    return found


def next_then_previous(cases: int, forward: Callable[[], None], back: Callable[[], None]) -> Any:
    """From the opening to the last case, then back to the first."""
    for _ in range(cases):
        yield forward
    for _ in range(cases - 1):
        yield back


def quiet_qt() -> None:
    """The offscreen platform says, at every window shown, that it cannot propagate size
    hints: true and beside the point."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def console_walk(path: Path, passphrase: str, *, presenting: bool) -> dict[str, Any]:
    """A chair's console on the file, newly opened: Next from the opening to the last case,
    then Previous back to the first; when presenting, with the parts of each switch."""
    from mara_desktop.session import InUse, Meeting, Session
    from mara_desktop.ui.console import ChairConsole

    window = ChairConsole(Session.open(path, passphrase=passphrase), InUse.claim(path))
    window.show()
    clock = None
    if presenting:
        window.present()
        clock = Clock()
        clock.wrap(window.page, "show_case", "chair's page")
        clock.wrap(window.participant, "show_case", "shared screen")
        clock.wrap(Meeting, "view", "views")
        clock.wrap(Meeting, "records", "views")
        clock.wrap(Session, "record", "audit write")
    settle()
    assert window.meeting is not None and window.session is not None
    cases = len(window.meeting.order)
    commands = window.commands
    switches = walk(
        next_then_previous(cases, commands.next.trigger, commands.previous.trigger), clock
    )
    views = [r for r in window.session.audit_records() if r.action == "view"]
    audited = sum(1 for r in views if r.details.get("via") == "shared screen")
    window.close()
    window.participant.deleteLater()
    window.deleteLater()  # and with it its watch on the application's events
    settle()
    return {"switches": switches, "audited": audited}


def screen_walk(path: Path, passphrase: str) -> dict[str, Any]:
    """The shared screen alone, as the console drives it: the room's view of the next case
    built and shown; then the audit write alone, a record of a change each time."""
    from mara_desktop.session import Session
    from mara_desktop.ui.participant_window import ParticipantWindow

    with Session.open(path, passphrase=passphrase) as session:
        meeting = session.meeting(CONFERENCE)
        assert meeting is not None
        screen = ParticipantWindow(session.protocol)
        screen.present()
        settle()

        def shown(move: Callable[[], None]) -> Callable[[], None]:
            def step() -> None:
                move()
                view = meeting.room_view()
                if view is not None:
                    screen.show_case(view, meeting.room_names())

            return step

        cases = len(meeting.order)
        switches = walk(next_then_previous(cases, shown(meeting.next), shown(meeting.previous)))
        screen.close()
        screen.deleteLater()
        settle()

        def audit(n: int) -> Callable[[], None]:
            return lambda: meeting.shown(meeting.order[n % 2], meeting.room, "shared screen")

        audits = walk(audit(n) for n in range(2 * cases - 1))
    return {"screen": switches, "audit": audits}


def measure(path: Path, passphrase: str) -> dict[str, Any]:
    from mara_desktop.ui.appearance import application

    quiet_qt()
    application()
    whole = console_walk(path, passphrase, presenting=True)
    page = console_walk(path, passphrase, presenting=False)
    alone = screen_walk(path, passphrase)
    return {
        "whole": whole["switches"],
        "audited": whole["audited"],
        "page": page["switches"],
        **alone,
        "switches": len(whole["switches"]),
    }


def measured(code: Path, path: Path, passphrase: str, screens: Path) -> dict[str, Any]:
    """One measuring process on a fresh copy of the file, importing `code`'s app."""
    copy = path.with_name(f"copy-{time.monotonic_ns()}.mara")
    shutil.copy2(path, copy)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "PYTHONPATH": str(code),
        "HOME": str(path.parent),
        "XDG_CONFIG_HOME": str(path.parent),
    }
    command = [sys.executable, __file__, "--measure", str(copy), "--code", str(code)]
    try:
        done = subprocess.run(
            command,
            env=env,
            cwd=code,
            input=passphrase,
            text=True,
            capture_output=True,
            check=False,
        )
    finally:
        copy.unlink(missing_ok=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return dict(json.loads(done.stdout.splitlines()[-1]))


# -- printing --------------------------------------------------------------------------------


def ms(rows: list[dict[str, float]], key: str = "whole") -> float:
    return statistics.median(row.get(key, 0.0) for row in rows) * 1000


def report(label: str, runs: list[dict[str, Any]]) -> None:
    whole = [row for run in runs for row in run["whole"]]
    switches = runs[0]["switches"]
    forward = [row for run in runs for row in run["whole"][: (switches + 1) // 2]]
    back = [row for run in runs for row in run["whole"][(switches + 1) // 2 :]]
    print(f"{label}: whole next case, presenting, {switches} switches x {len(runs)} runs")
    print(f"  all switches          {ms(whole):7.1f} ms   goal < {GOAL_SWITCH_MS:.0f} ms")
    print(f"  Next (first visits)   {ms(forward):7.1f} ms")
    print(f"  Previous              {ms(back):7.1f} ms")
    audited = [run["audited"] for run in runs]
    print(f"  shared-screen audit records written: {audited} (one per case shown)")
    print("  within the switches (medians):")
    for part in ("views", "chair's page", "shared screen", "audit write", "events"):
        name = "layout and painting" if part == "events" else part
        print(f"    {name:22}{ms(whole, part):7.1f} ms")
    print("  each part alone (the same walk; medians):")
    for key, name in (
        ("page", "chair's page, not presenting"),
        ("screen", "shared screen alone"),
        ("audit", "audit write alone"),
    ):
        print(f"    {name:30}{ms([row for run in runs for row in run[key]]):7.1f} ms")


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--startups", type=int, default=5, help="new processes for start-up")
    parser.add_argument("--runs", type=int, default=2, help="measuring processes per version")
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier version")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        sys.path.insert(0, str(args.code))
        print(json.dumps(measure(args.measure, sys.stdin.read())))
        return
    trees = {"this version": ROOT}
    if args.baseline is not None:
        trees["baseline"] = args.baseline.resolve()
    print(f"load before: {load()}")
    runs: dict[str, list[dict[str, Any]]] = {label: [] for label in trees}
    with tempfile.TemporaryDirectory(prefix="mara-bench-") as folder:
        path, passphrase = build_case_file(Path(folder))
        screens = Path(folder) / "screens.json"
        screens.write_text(json.dumps(SCREENS), "utf-8")
        for _ in range(args.runs):
            for label, code in trees.items():
                runs[label].append(measured(code, path, passphrase, screens))
    for label, code in trees.items():
        seconds = startup_seconds(code, args.startups)
        print(f"{label}: start-up to the unlock window {seconds:.2f} s", end="")
        print(f" (median of {args.startups} new processes; goal < {GOAL_STARTUP_S} s)")
    for label in trees:
        report(label, runs[label])
    print(f"load after:  {load()}")


if __name__ == "__main__":
    main()
