"""A shared screen of a given size, shown, as the room would have it; the meeting on it."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from mara_desktop.protocol.model import Protocol
from mara_desktop.session import Meeting
from mara_desktop.ui.participant_window import ParticipantWindow
from mara_desktop.views.model import CaseView

ONLINE_MEETING = QSize(1024, 720)
"""The shared screen's default size, and the window shared in an online meeting."""


def shared_screen(
    qtbot: QtBot, protocol: Protocol, size: QSize = ONLINE_MEETING
) -> ParticipantWindow:
    window = ParticipantWindow(protocol)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    return window


def each_case_shown(meeting: Meeting, window: ParticipantWindow) -> Iterator[CaseView]:
    """Walk the agenda, showing each case on `window` as the console shows it to the room."""
    for position in range(len(meeting.order)):
        meeting.go_to(position)
        view = meeting.room_view()
        assert view is not None
        window.show_case(view, meeting.room_names())
        yield view
