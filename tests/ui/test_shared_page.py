"""The shared screen at its default 1024x720 (also the window shared in an online meeting):
every action's words and every field of it show, wrapped within the screen's width."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from mara_desktop.domain import OBSERVER, when_text
from mara_desktop.session import Meeting, Session
from mara_desktop.ui.case_models import OVERDUE
from mara_desktop.ui.participant_window import ParticipantWindow
from tests.ui.shared_screen import each_case_shown, shared_screen

DEMO = "ns-2026-11-26"


def _shown_case(window: ParticipantWindow) -> QTextEdit:
    text = window.findChild(QTextEdit, "shownCase")
    assert isinstance(text, QTextEdit)
    return text


def _blocks(document: QTextDocument) -> list[QTextBlock]:
    blocks, block = [], document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks


def _widest_line(document: QTextDocument) -> float:
    """How far right any line of the laid-out document reaches, margins included."""
    layout = document.documentLayout()
    widest = 0.0
    for block in _blocks(document):
        left = layout.blockBoundingRect(block).x()
        lines = block.layout()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            widest = max(widest, left + line.x() + line.naturalTextWidth())
    return widest


def _room_without_observers(session: Session) -> Meeting:
    meeting = session.meeting(DEMO)
    assert meeting is not None
    meeting.set_left(OBSERVER, True)
    return meeting


def test_every_action_shows_whole_within_the_width_at_1024x720(
    qtbot: QtBot, demo_session: Session
) -> None:
    meeting = _room_without_observers(demo_session)
    window = shared_screen(qtbot, demo_session.protocol)
    checked = 0
    for view in each_case_shown(meeting, window):
        text = _shown_case(window)
        document = text.document()
        document.size()  # lay it out
        assert not document.rootFrame().childFrames(), f"{view.case_id}: a table squeezes columns"
        assert _widest_line(document) <= text.viewport().width(), view.case_id
        shown = document.toPlainText()
        for action in view.actions:
            assert action.text in shown
            assert action.owner_agency_name in shown
            assert action.due is not None and f"Due {when_text(action.due)}" in shown
            assert action.status.label in shown
            checked += 1
    assert checked >= 20


def test_an_overdue_due_date_is_red_and_says_so(qtbot: QtBot, demo_session: Session) -> None:
    meeting = _room_without_observers(demo_session)
    meeting.go_to(meeting.order.index("case-11"))
    view = meeting.room_view()
    assert view is not None
    overdue = [a for a in view.actions if a.overdue]
    assert overdue
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    window.show_case(view, meeting.room_names())
    marked = {}
    for block in _blocks(_shown_case(window).document()):
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            marked[fragment.text()] = fragment.charFormat().foreground().color()
            fragments += 1
    for action in overdue:
        due = f"Due {when_text(action.due)} (overdue)"
        assert marked.get(due) == OVERDUE
    on_time = next(a for a in view.actions if not a.overdue)
    assert marked.get(f"Due {when_text(on_time.due)}") != OVERDUE
