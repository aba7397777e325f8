"""What the console and the commands cost on a file kept for six years, against a new one.

    .venv/bin/python benchmarks/scale.py [--cases 20000 --items 15 --repeat 5 --folder DIR]

The two case files of benchmarks/reads.py (built the same way, shared with `--folder`): one
of 25 cases and one of `--cases`, each with a conference hearing 25 cases (in the large
file spread across it), every agency present. For each file it prints:

- opening the conference in the console: what `ChairConsole.choose_conference` asks the
  session for, Qt's own drawing left out: the meeting (the conference and its cases), the
  agenda as the chair sees it, and the opening page's review of earlier actions;
- the console after an edit: a consent record written (a SQLCipher transaction) and what
  the console then reads again: the meeting, the agenda, the current case's page for the
  chair (its view and history);
- a progress report on an action, as the Action log window records it, and the action's
  row read again (it once built the whole log: 3 s at 20,000 cases);
- the Action log window opened by the chair: every action of the file read, put to the
  rule and shown (Qt offscreen), until its events are processed; it holds every action, so
  it grows with the file (7.7 s at 20,000 cases before its table became a model); and the
  open window narrowed to one agency's actions (1.9 s before);
- `mara-desktop view` of one of the conference's cases and `mara-desktop minutes --all`
  of the conference, each as a new process (start-up and key derivation in), for every
  agency present (15 copies of 25 cases of 15 items); `retention`, `actions --agency
  police` and `dpia` (answers about every case, so no goal); and `view` again with the page check
  (every page read before the first write, the audit record of the view) replaced by one
  that answers "sound" at once: the check's share, which grows with the file by design.

Each figure is the median of `--repeat` runs (the in-process ones of 5 x `--repeat`), the
two files taking turns so that the machine's load falls on both alike; the goal is that the
large file costs at most 1.2x the small one. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from page_check import PASSPHRASE  # noqa: E402
from reads import (  # noqa: E402
    AGENDA,
    CONFERENCE,
    built,
    command,
    copy_of,
    load_average,
    on_large_files,
)

from mara_desktop.domain import ActionStatus, Audience, Consent, ConsentState  # noqa: E402
from mara_desktop.session import Session  # noqa: E402
from mara_desktop.session.meeting import Meeting  # noqa: E402

DAY = date(2026, 12, 1)
"""The day the reports say they were made (not after today)."""


def opening(session: Session) -> Callable[[], object]:
    def open_conference() -> Meeting:
        meeting = session.meeting(CONFERENCE)
        assert meeting is not None
        meeting.agenda()
        meeting.earlier_actions()
        return meeting

    return open_conference


def after_an_edit(session: Session) -> Callable[[], object]:
    meeting = opening(session)()
    meeting.next()
    chair = Audience.chair()

    def edit_and_reload() -> None:
        case_id = meeting.current
        assert case_id is not None
        consent = Consent(
            ConsentState.GIVEN, ("idva",), ("*",), datetime.now(UTC), "Benchmark IDVA"
        )
        session.record_consent(case_id, consent)
        meeting.reload()
        meeting.agenda()
        meeting.view(case_id, chair)
        meeting.records(case_id, chair)

    return edit_and_reload


def a_report(session: Session) -> Callable[[], object]:
    """A progress report the chair types in the Action log window, and the window's row
    read again: what each report costs, however many actions the file holds."""
    meeting = opening(session)()
    case_id = meeting.conference.agenda[0]
    actions = session.case_view(case_id, Audience.chair()).actions
    assert actions
    key = f"{case_id}/{actions[0].id}"

    def report_and_show() -> None:
        session.record_typed_update(key, ActionStatus.OPEN, "Chased", "Benchmark IDVA", DAY)
        session.action_log_entry(key, DAY)

    return report_and_show


def log_window(paths: tuple[Path, Path], repeat: int) -> dict[str, list[float]]:
    """Median seconds of opening the Action log window, and of narrowing it to one agency,
    for each file, taking turns."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # only these figures need Qt
    from PySide6.QtWidgets import QApplication

    from mara_desktop.ui.action_log_dialog import ActionLogDialog

    app = QApplication.instance() or QApplication([])

    def settled() -> None:
        app.processEvents()
        app.processEvents()  # the rows in view fitted once the widths settled

    sessions = [Session.open(path, passphrase=PASSPHRASE) for path in paths]
    times: dict[str, list[list[float]]] = {LOG_WINDOW: [[], []], NARROWED: [[], []]}
    try:
        for _ in range(repeat):
            for number, session in enumerate(sessions):
                start = time.perf_counter()
                dialog = ActionLogDialog(session)
                dialog.resize(1280, 800)
                dialog.show()
                settled()
                times[LOG_WINDOW][number].append(time.perf_counter() - start)
                start = time.perf_counter()
                dialog.agency.setCurrentIndex(dialog.agency.findData("police"))
                settled()
                times[NARROWED][number].append(time.perf_counter() - start)
                dialog.close()
                dialog.deleteLater()
                app.processEvents()
    finally:
        for session in sessions:
            session.close()
    return {name: [statistics.median(taken) for taken in both] for name, both in times.items()}


def in_process(paths: tuple[Path, Path], repeat: int) -> dict[str, list[float]]:
    """Median seconds of each console step for each file; the first run of each, which
    fills the caches (and, for an edit, waits for the page check), is not counted."""
    figures: dict[str, list[float]] = {}
    sessions = [Session.open(path, passphrase=PASSPHRASE) for path in paths]
    try:
        steps = (("open the conference", opening), ("after an edit", after_an_edit),
                 ("a progress report", a_report))  # fmt: skip
        for name, make in steps:
            works = [make(session) for session in sessions]
            times: list[list[float]] = [[], []]
            for _ in range(repeat + 1):
                for work, taken in zip(works, times, strict=True):
                    start = time.perf_counter()
                    work()
                    taken.append(time.perf_counter() - start)
            figures[name] = [statistics.median(taken[1:]) for taken in times]
    finally:
        for session in sessions:
            session.close()
    return figures


UNCHECKED = "view, no page check"
COMMANDS = ("view", UNCHECKED, "minutes --all")
"""Whole commands measured; the second is `view` with the page check answering "sound" at
once (benchmarks/reads.py), which shows what is left when the check is taken out."""
WHOLE_FILE = ("retention", "actions --agency police", "dpia")
"""Commands whose answer is about every case of the file (the retention list, every action
an agency may see, the draft DPIA's counts and the names it must not hold): they grow with
the file by their nature, so no goal of 1.2x; printed to keep them from growing back into
whole-case reads (benchmarks/README.md)."""
LOG_WINDOW = "Action log window"
"""It shows every action of the file: it grows with the file too."""
NARROWED = "the log, one agency"
"""The open window narrowed to the police's actions: the log is not read again."""


def commands(folder: Path, paths: tuple[Path, Path], repeat: int) -> dict[str, list[float]]:
    """Median seconds of each whole command (COMMANDS, WHOLE_FILE) for each file."""
    with Session.open(paths[0], passphrase=PASSPHRASE, read_only=True) as session:
        conference = session.conference(CONFERENCE)
        assert conference is not None
        case_id = conference.agenda[AGENDA // 2]
    figures: dict[str, list[float]] = {}
    for name in (*COMMANDS, *WHOLE_FILE):
        times: list[list[float]] = [[], []]
        for _ in range(repeat):
            for path, taken in zip(paths, times, strict=True):
                out = folder / f"out-{path.stem}-{time.time_ns():x}"
                args = arguments(name, path, case_id, out)
                taken.append(command(folder, *args, sound=name == UNCHECKED)[0])
                if out.is_dir():
                    shutil.rmtree(out)  # kept files are built once (--folder), outputs are not
                out.with_suffix(".md").unlink(missing_ok=True)
        figures[name] = [statistics.median(taken) for taken in times]
    return figures


def arguments(name: str, path: Path, case_id: str, out: Path) -> tuple[object, ...]:
    """The command line of the command called `name`, writing what it writes to `out`."""
    if name.startswith("view"):
        return ("view", path, "--case", case_id, "--as", "police")
    if name == "minutes --all":
        return ("minutes", path, "--conference", CONFERENCE, "--all", "--accept-mentions",
                "--out", out)  # fmt: skip
    if name == "dpia":
        return ("dpia", path, "--out", out.with_suffix(".md"))
    return (*name.split()[:1], path, *name.split()[1:])


def main() -> None:
    on_large_files(__doc__, run)


def run(folder: Path, args: argparse.Namespace) -> None:
    small, large = built(folder, AGENDA, args.items), built(folder, args.cases, args.items)
    paths = (copy_of(small), copy_of(large))
    figures = in_process(paths, 5 * args.repeat)
    figures.update(commands(folder, paths, args.repeat))
    figures.update(log_window(paths, args.repeat))
    print(f"A {AGENDA}-case conference, {args.items} items a case, in a {AGENDA}-case file and "
          f"a {args.cases:,}-case file (medians; load average {load_average()})")  # fmt: skip
    for name, (small_figure, large_figure) in figures.items():
        grows = name in (*WHOLE_FILE, LOG_WINDOW)
        scale, suffix = (1, "s ") if grows or name in COMMANDS else (1000, "ms")
        goal = "every case: grows with the file" if grows else "goal <= 1.2x"
        goal = "none set" if name == NARROWED else goal
        print(f"  {name:24} {small_figure * scale:8.2f} {suffix}  {large_figure * scale:8.2f} "
              f"{suffix}  {large_figure / small_figure:6.2f}x  ({goal})")  # fmt: skip


if __name__ == "__main__":
    main()
