"""The chair sizes the shared screen's type from the console; the size is remembered, and
the type grows with the screen it is shown on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from mara_desktop.domain import Audience
from mara_desktop.session import Session
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.participant_window import ParticipantWindow
from mara_desktop.ui.shared_page import HEADING
from mara_desktop.ui.shared_zoom import NORMAL, STEPS, ZOOM_SETTING, saved_zoom, scale, zoomed
from tests.ui.shared_screen import shared_screen


@pytest.fixture(autouse=True)
def normal_zoom() -> Iterator[None]:
    """Each test starts at the normal size and leaves it so for the next."""
    QSettings().remove(ZOOM_SETTING)
    yield
    QSettings().remove(ZOOM_SETTING)


def _heading_points(window: ParticipantWindow) -> float:
    """The point size of the first thing on the shared screen (the case's title)."""
    text = window.findChild(QTextEdit, "shownCase")
    assert isinstance(text, QTextEdit)
    return text.document().begin().begin().fragment().charFormat().fontPointSize()


def _shown(qtbot: QtBot, session: Session) -> ParticipantWindow:
    """The shared screen at its default size, showing the start of the meeting."""
    meeting = session.meeting("ns-2026-11-26")
    assert meeting is not None
    window = shared_screen(qtbot, session.protocol)
    window.show_statement(meeting.room_names())
    return window


def test_zoom_steps_stay_within_their_range() -> None:
    assert zoomed(NORMAL, 1) == 110 and zoomed(NORMAL, -1) == 90
    assert zoomed(STEPS[-1], 1) == STEPS[-1] and zoomed(STEPS[0], -1) == STEPS[0]
    assert zoomed(175, 0) == NORMAL
    assert zoomed(123, 1) == 110  # a value edited by hand counts as normal


def test_a_bad_saved_zoom_is_read_as_normal() -> None:
    for bad in ("huge", 7, -100):
        QSettings().setValue(ZOOM_SETTING, bad)
        assert saved_zoom() == NORMAL


def test_the_type_grows_with_the_screen_and_never_shrinks() -> None:
    assert scale(NORMAL, QSize(1024, 720)) == 1.0
    assert scale(NORMAL, QSize(1920, 1080)) == 1.5
    assert scale(NORMAL, QSize(800, 500)) == 1.0
    assert scale(150, QSize(1920, 1080)) == 2.25


def test_zoom_changes_the_point_size_and_is_remembered(qtbot: QtBot, demo_session: Session) -> None:
    window = _shown(qtbot, demo_session)
    assert _heading_points(window) == HEADING.points
    assert window.zoom_by(1) == 110
    assert _heading_points(window) == pytest.approx(HEADING.points * 1.1)
    assert saved_zoom() == 110
    # The next meeting (a new shared screen) opens at the chair's size.
    again = _shown(qtbot, demo_session)
    assert again.zoom == 110
    assert _heading_points(again) == pytest.approx(HEADING.points * 1.1)
    again.zoom_by(-1)
    again.zoom_by(-1)
    assert _heading_points(again) == pytest.approx(HEADING.points * 0.9)
    again.zoom_by(0)
    assert _heading_points(again) == HEADING.points and saved_zoom() == NORMAL


def test_on_a_1920x1080_projector_the_type_is_half_as_large_again(
    qtbot: QtBot, demo_session: Session
) -> None:
    window = _shown(qtbot, demo_session)
    assert _heading_points(window) == HEADING.points
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    assert _heading_points(window) == pytest.approx(HEADING.points * 1.5)


def test_the_chair_zooms_the_shared_screen_from_the_console(
    qtbot: QtBot, console: ChairConsole
) -> None:
    control = Qt.KeyboardModifier.ControlModifier
    console.present()
    before = _heading_points(console.participant)
    qtbot.keyClick(console, Qt.Key.Key_Plus, control)
    qtbot.keyClick(console, Qt.Key.Key_Equal, control)
    assert console.participant.zoom == 125 and saved_zoom() == 125
    assert _heading_points(console.participant) > before
    assert "125%" in console.statusBar().currentMessage()
    qtbot.keyClick(console, Qt.Key.Key_Minus, control)
    assert console.participant.zoom == 110
    qtbot.keyClick(console, Qt.Key.Key_0, control)
    assert console.participant.zoom == NORMAL
    assert _heading_points(console.participant) == before


def test_zooming_keeps_the_room_where_it_was_reading(qtbot: QtBot, demo_session: Session) -> None:
    meeting = demo_session.meeting("ns-2026-11-26")
    assert meeting is not None
    window = shared_screen(qtbot, demo_session.protocol)
    window.show_case(meeting.view("case-11", Audience.of(meeting.present())), ["the room"])
    qtbot.waitUntil(lambda: window.more_below)
    for _ in range(10):
        window.scroll_page(1)  # to the end: the actions
    assert not window.more_below
    window.zoom_by(2)
    assert not window.more_below  # still at the end, not back at the top
    window.zoom_by(-4)
    assert not window.more_below
