"""Locking drops case data, not the meeting's place; the idle lock warns the room's chair
first; what needs the file is off while locked; Ctrl+Q asks while the room is watching."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import OBSERVER, Audience
from mara_desktop.ui import locking
from mara_desktop.ui.console import QUIT_QUESTION, ChairConsole
from tests.support.files import private_copy
from tests.ui.unlocking import unlock_console
from tests.ui.widget_text import widget_texts


def _left_box(console: ChairConsole, agency: str) -> QCheckBox:
    boxes = console.agenda.attendance.findChildren(QCheckBox)
    return next(box for box in boxes if box.property("agency") == agency)


def _status(console: ChairConsole, agency_name: str) -> str:
    table = console.agenda.attendance
    for row in range(table.rowCount()):
        name = table.item(row, 1)
        status = table.item(row, 2)
        if name is not None and status is not None and name.text() == agency_name:
            return status.text()
    raise AssertionError(agency_name)


def _ctrl_l(qtbot: QtBot, console: ChairConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def _idle(qtbot: QtBot, console: ChairConsole) -> None:
    console._idle.idle.emit()


LOCKS: dict[str, Callable[[QtBot, ChairConsole], None]] = {"Ctrl+L": _ctrl_l, "idle": _idle}


@pytest.mark.parametrize("lock", LOCKS)
def test_unlocking_comes_back_to_the_same_case_room_and_a_blank_shared_screen(
    qtbot: QtBot, console: ChairConsole, lock: str
) -> None:
    meeting = console.meeting
    assert meeting is not None
    _left_box(console, OBSERVER).click()
    _left_box(console, "police").click()
    assert re.fullmatch(r"Left at \d\d:\d\d", _status(console, "Police"))
    qtbot.keyClick(console, Qt.Key.Key_F5)
    for _ in range(3):
        qtbot.keyClick(console, Qt.Key.Key_PageDown)
    case_id, room = meeting.current, meeting.room
    assert case_id is not None and "police" not in room.agencies
    everything = meeting.view(case_id, Audience.chair())

    LOCKS[lock](qtbot, console)
    assert console.locked and console.meeting is None and not console.presenting
    assert console.page.items_model.rowCount() == 0 and console.page.actions_model.rowCount() == 0
    assert console.agenda.attendance.rowCount() == 0
    shown = "\n".join(widget_texts(console) + widget_texts(console.participant))
    assert everything.title not in shown
    assert all(item.text not in shown for item in everything.items)

    unlock_console(console, DEMO_PASSPHRASE)
    back = console.meeting
    assert back is not None and back is not meeting
    assert back.current == case_id and back.room == room
    assert back.left.keys() == {"police", OBSERVER}
    assert _left_box(console, "police").isChecked()
    assert re.fullmatch(r"Left at \d\d:\d\d", _status(console, "Police"))
    assert console.agenda.agenda.currentRow() == back.position + 1
    assert console.presenting and console.participant.isVisible()
    assert console.participant.blanked and console.commands.blank.isChecked()
    assert console.presenting_bands.blank_band.isVisible()
    assert everything.items[0].text not in "\n".join(widget_texts(console.participant))
    qtbot.keyClick(console, Qt.Key.Key_B)
    room_view = back.room_view()
    assert room_view is not None and room_view.items
    assert room_view.items[0].text in "\n".join(widget_texts(console.participant))


def test_a_console_not_presenting_unlocks_not_presenting(
    qtbot: QtBot, console: ChairConsole
) -> None:
    console.go_to(1)
    _ctrl_l(qtbot, console)
    unlock_console(console, DEMO_PASSPHRASE)
    assert console.meeting is not None and console.meeting.position == 1
    assert not console.presenting and not console.participant.isVisible()


def test_another_file_unlocked_starts_at_its_own_opening(
    qtbot: QtBot, console: ChairConsole, demo_path: Path, tmp_path: Path
) -> None:
    other = private_copy(demo_path, tmp_path / "other.mara")
    console.present()
    console.go_to(2)
    console.lock()
    unlock_console(console, DEMO_PASSPHRASE, other_file=other)
    assert console.meeting is not None and console.meeting.current is None
    assert not console.presenting


def _meeting_commands(console: ChairConsole) -> list[QAction]:
    c = console.commands
    return [c.present, c.previous, c.next, c.export, c.audit, c.protocol, c.lock, c.import_file]


def test_what_needs_the_file_is_turned_off_while_locked(
    qtbot: QtBot, console: ChairConsole
) -> None:
    assert all(action.isEnabled() for action in _meeting_commands(console))
    _ctrl_l(qtbot, console)
    off = [a.text() for a in _meeting_commands(console) if a.isEnabled()]
    assert off == []
    assert not console.commands.blank.isEnabled() and not console.commands.stop.isEnabled()
    unlock_console(console, DEMO_PASSPHRASE)
    assert all(action.isEnabled() for action in _meeting_commands(console))


# -- the idle lock's warning ---------------------------------------------------------------


@pytest.fixture
def quick_idle(monkeypatch: pytest.MonkeyPatch, console: ChairConsole) -> ChairConsole:
    """The console's idle lock after 4 s, with the countdown from 3.5 s before."""
    monkeypatch.setattr(locking, "MINUTE_MS", 4_000)
    monkeypatch.setattr(locking, "WARN_BEFORE_MS", 3_500)
    console._idle.set_minutes(1)
    return console


def test_while_presenting_the_console_counts_down_to_the_idle_lock(
    qtbot: QtBot, quick_idle: ChairConsole
) -> None:
    console, bands = quick_idle, quick_idle.presenting_bands
    console.present()
    console._idle.keep_open()
    qtbot.waitUntil(bands.lock_band.isVisible, timeout=3_000)
    assert re.search(r"locks in [1-4] s", bands.lock_label.text())
    qtbot.keyClick(console, Qt.Key.Key_Shift)
    assert not bands.lock_band.isVisible() and not console.locked
    qtbot.waitUntil(bands.lock_band.isVisible, timeout=3_000)
    bands.findChild(QPushButton).click()
    assert not bands.lock_band.isVisible() and not console.locked
    with qtbot.waitSignal(console._idle.idle, timeout=10_000):
        pass
    assert console.locked and not bands.isVisible()


def test_without_the_shared_screen_there_is_no_countdown(
    qtbot: QtBot, quick_idle: ChairConsole
) -> None:
    """Counted all the same, but only shown while the room is watching."""
    console = quick_idle
    with qtbot.waitSignal(console._idle.counting, timeout=3_000):
        console._idle.keep_open()
    assert not console.presenting_bands.isVisible()
    console.present()
    console._idle.counting.emit(12)
    assert console.presenting_bands.lock_band.isVisible()
    assert "locks in 12 s" in console.presenting_bands.lock_label.text()
    console.stop_presenting()
    assert not console.presenting_bands.isVisible()


# -- quitting ------------------------------------------------------------------------------


def _answer_quit(button_text: str, asked: list[str]) -> Callable[[], None]:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    return answer


def _ctrl_q(qtbot: QtBot, console: ChairConsole, answer: Callable[[], None] | None = None) -> None:
    """From the console, active again (offscreen, nothing is active after a dialog closes);
    `answer` is queued last, to run once the question is up."""
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow)
    if answer is not None:
        QTimer.singleShot(0, answer)
    qtbot.keyClick(console, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_q_while_presenting_asks_first(qtbot: QtBot, console: ChairConsole) -> None:
    console.present()
    asked: list[str] = []
    _ctrl_q(qtbot, console, _answer_quit("Keep presenting", asked))
    assert asked == [QUIT_QUESTION]
    assert console.isVisible() and console.presenting and console.session is not None
    _ctrl_q(qtbot, console, _answer_quit("Quit", asked))
    assert asked == [QUIT_QUESTION, QUIT_QUESTION]
    assert not console.isVisible() and not console.participant.isVisible()
    assert console.session is None


def test_ctrl_q_when_not_presenting_quits_at_once(qtbot: QtBot, console: ChairConsole) -> None:
    _ctrl_q(qtbot, console)
    assert not console.isVisible() and console.session is None


def test_childrens_agencies_leave_together_and_the_file_says_when(
    qtbot: QtBot, console: ChairConsole
) -> None:
    meeting = console.meeting
    assert meeting is not None and console.session is not None
    kinds = [entry.kind for entry in meeting.agenda()]
    children = [n for n, kind in enumerate(kinds) if kind == "with children"]
    theirs = [n for n, kind in enumerate(kinds) if kind != "adults only"]
    assert {kinds[n] for n in theirs} == {"with children", "pregnancy", "victim under 18"}
    assert max(theirs) > max(children) + 1  # the demo's pregnancy and 17-year-old cases
    console.go_to(max(children) + 1)  # past the children's cases, not past those two
    assert not console.agenda.children_leave.isEnabled()
    console.go_to(max(theirs) + 1)
    assert console.agenda.children_leave.isEnabled()
    console.agenda.children_leave.click()
    assert set(meeting.left) == {"csc", "education"}
    assert not console.agenda.children_leave.isEnabled()
    assert _left_box(console, "csc").isChecked() and _left_box(console, "education").isChecked()
    conference = console.session.conference(meeting.conference.id)
    assert conference is not None
    left = {line.agency: line.left_at for line in conference.attendance if line.left_at}
    assert left == meeting.left
    records = console.session.audit_records()[-2:]
    assert [(r.action, r.details["agency"]) for r in records] == [
        ("attendance-left", "csc"),
        ("attendance-left", "education"),
    ]
    _left_box(console, "csc").click()
    assert "csc" not in meeting.left and _status(console, "Children's social care") == "Present"
