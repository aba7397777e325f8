"""Blank (B) holds until the chair presses B again: nothing that rebuilds the console's page
shows the room the case, and the console says plainly that the room's screen is blank."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from mara_desktop.domain import OBSERVER, ActionStatus
from mara_desktop.ui.case_models import ActionColumn
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.presenting_bands import BLANK
from tests.ui.widget_text import widget_texts


def _room_sees(console: ChairConsole) -> str:
    return "\n".join(widget_texts(console.participant))


def _left_box(console: ChairConsole, agency: str) -> QCheckBox:
    boxes = console.agenda.attendance.findChildren(QCheckBox)
    return next(box for box in boxes if box.property("agency") == agency)


def _presenting_a_case(qtbot: QtBot, console: ChairConsole) -> str:
    """Presenting the first case to a room without observers; returns the title shown."""
    _left_box(console, OBSERVER).click()
    qtbot.keyClick(console, Qt.Key.Key_F5)
    qtbot.keyClick(console, Qt.Key.Key_PageDown)
    meeting = console.meeting
    assert meeting is not None and meeting.current is not None
    view = meeting.room_view()
    assert view is not None and view.items
    assert view.items[0].text in _room_sees(console)
    return view.items[0].text


def _change_view_as(qtbot: QtBot, console: ChairConsole) -> None:
    console.view_as.setCurrentIndex(console.view_as.findData("housing"))


def _page_down(qtbot: QtBot, console: ChairConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_PageDown)


def _page_up(qtbot: QtBot, console: ChairConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_PageDown)
    qtbot.keyClick(console, Qt.Key.Key_PageUp)


def _edit_an_action(qtbot: QtBot, console: ChairConsole) -> None:
    model = console.page.actions_model
    assert model.setData(model.index(0, ActionColumn.STATUS), ActionStatus.DONE)


def _tick_left(qtbot: QtBot, console: ChairConsole) -> None:
    _left_box(console, "housing").click()


def _tick_back(qtbot: QtBot, console: ChairConsole) -> None:
    _left_box(console, OBSERVER).click()
    _left_box(console, OBSERVER).click()


def _choose_the_meeting_again(qtbot: QtBot, console: ChairConsole) -> None:
    meeting = console.meeting
    assert meeting is not None
    console.agenda.conference_chosen.emit(meeting.conference.id)


def _present_again(qtbot: QtBot, console: ChairConsole) -> None:
    qtbot.keyClick(console, Qt.Key.Key_F5)


REFRESHES: dict[str, Callable[[QtBot, ChairConsole], None]] = {
    "view as": _change_view_as,
    "page down": _page_down,
    "page up": _page_up,
    "an edit": _edit_an_action,
    "an agency leaving": _tick_left,
    "the observers leaving and coming back": _tick_back,
    "the meeting chosen again": _choose_the_meeting_again,
    "F5 again": _present_again,
}


@pytest.mark.parametrize("refresh", REFRESHES)
def test_blank_holds_through_every_refresh_until_b_again(
    qtbot: QtBot, console: ChairConsole, refresh: str
) -> None:
    shown = _presenting_a_case(qtbot, console)
    qtbot.keyClick(console, Qt.Key.Key_B)
    assert console.participant.blanked and shown not in _room_sees(console)
    REFRESHES[refresh](qtbot, console)
    assert console.presenting and console.participant.blanked
    assert shown not in _room_sees(console) and _room_sees(console).count("\n") < 3
    assert console.commands.blank.isChecked()
    assert console.presenting_bands.blank_band.isVisible()
    qtbot.keyClick(console, Qt.Key.Key_B)
    assert not console.participant.blanked and not console.commands.blank.isChecked()
    assert not console.presenting_bands.isVisible()
    meeting = console.meeting
    assert meeting is not None
    room_view = meeting.room_view()
    if room_view is None:  # choosing the meeting starts it again, at the opening
        assert meeting.protocol.confidentiality_statement in _room_sees(console)
    else:
        assert all(item.text in _room_sees(console) for item in room_view.items)


def test_the_console_says_plainly_that_the_room_sees_nothing(
    qtbot: QtBot, console: ChairConsole
) -> None:
    _presenting_a_case(qtbot, console)
    assert not console.presenting_bands.isVisible()
    qtbot.keyClick(console, Qt.Key.Key_B)
    assert console.presenting_bands.blank_band.isVisible()
    assert BLANK in widget_texts(console.presenting_bands)
    toolbar = console.findChild(QToolBar, "meetingToolbar")
    assert isinstance(toolbar, QToolBar)
    button = toolbar.widgetForAction(console.commands.blank)
    assert isinstance(button, QToolButton) and button.isChecked()


def test_stopping_ends_the_blank_and_presenting_again_shows_the_case(
    qtbot: QtBot, console: ChairConsole
) -> None:
    shown = _presenting_a_case(qtbot, console)
    qtbot.keyClick(console, Qt.Key.Key_B)
    qtbot.keyClick(console, Qt.Key.Key_Escape)
    assert not console.presenting and not console.commands.blank.isChecked()
    assert not console.presenting_bands.isVisible()
    qtbot.keyClick(console, Qt.Key.Key_F5)
    assert shown in _room_sees(console)
