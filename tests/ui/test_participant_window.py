"""The shared screen shows the room only what everyone in it may see, and blanks at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from mara_desktop.domain import OBSERVER, Audience
from mara_desktop.session import Meeting, Session
from mara_desktop.ui.participant_window import MORE_BELOW, TITLE, ParticipantWindow
from mara_desktop.views.model import CaseView
from tests.ui.shared_screen import shared_screen
from tests.ui.widget_text import widget_texts
from tests.ui.withheld import withheld_texts

DEMO = "ns-2026-11-26"


def _meeting(session: Session) -> Meeting:
    meeting = session.meeting(DEMO)
    assert meeting is not None
    return meeting


def _everything(meeting: Meeting, case_id: str) -> CaseView:
    """The case as the chair sees it: every entry of it."""
    return meeting.view(case_id, Audience.chair())


def _shown_text(window: ParticipantWindow) -> str:
    return "\n".join(widget_texts(window))


def test_each_case_shows_only_what_every_agency_in_the_room_may_see(
    qtbot: QtBot, demo_session: Session
) -> None:
    meeting = _meeting(demo_session)
    everyone_but_observers = set(meeting.present())
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    room = Audience.of(everyone_but_observers)
    references = {entry.case_id: entry.title for entry in meeting.agenda()}
    for position, case_id in enumerate(meeting.order):
        meeting.go_to(position)
        view = meeting.view(case_id, room)
        window.show_case(view, ["the room"])
        shown = _shown_text(window)
        for text in withheld_texts(demo_session, case_id, room):
            assert text not in shown, f"{case_id}: a withheld value is on the shared screen"
        for item in view.items:
            assert item.text in shown
        for other, reference in references.items():
            if other != case_id:
                assert reference not in shown


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_rooms_never_see_a_withheld_value(
    qtbot: QtBot, demo_session: Session, data: st.DataObject
) -> None:
    meeting = _meeting(demo_session)
    present = meeting.present()
    left = data.draw(st.sets(st.sampled_from(present)), label="left")
    for agency in left:
        meeting.set_left(agency, True)
    meeting.go_to(data.draw(st.integers(0, len(meeting.order) - 1), label="position"))
    case_id = meeting.current
    assert case_id is not None
    view = meeting.room_view()
    assert view is not None
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    window.show_case(view, meeting.room_names())
    shown = _shown_text(window)
    for text in withheld_texts(demo_session, case_id, meeting.room):
        assert text not in shown


def test_a_room_with_an_observer_sees_no_case_data(qtbot: QtBot, demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    assert OBSERVER in meeting.room.agencies
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    for position, case_id in enumerate(meeting.order):
        meeting.go_to(position)
        view = meeting.room_view()
        assert view is not None
        window.show_case(view, meeting.room_names())
        shown = _shown_text(window)
        everything = _everything(meeting, case_id)
        assert "Nothing about this case may be shown" in shown
        assert everything.title not in shown
        assert all(item.text not in shown for item in everything.items)


def test_blanking_removes_every_case_text(qtbot: QtBot, demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    for agency in meeting.present():
        meeting.set_left(agency, agency != "police")
    meeting.set_left(OBSERVER, True)
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    meeting.go_to(0)
    view = meeting.room_view()
    assert view is not None and view.items
    window.show_case(view, meeting.room_names())
    window.blank()
    qtbot.wait(0)  # let deleteLater run
    shown = _shown_text(window)
    assert window.blanked
    assert all(item.text not in shown for item in view.items)
    assert shown.strip() == f"{TITLE}\nShared screen\nBlank screen"


def test_the_meeting_opens_on_the_confidentiality_statement(
    qtbot: QtBot, demo_session: Session
) -> None:
    meeting = _meeting(demo_session)
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    assert meeting.room_view() is None
    window.show_statement(meeting.room_names())
    shown = _shown_text(window)
    assert demo_session.protocol.confidentiality_statement in shown
    assert "Shown to: " in shown
    assert all(entry.title not in shown for entry in meeting.agenda())


def test_markup_in_case_text_is_shown_as_written(qtbot: QtBot, demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    window.show_case(meeting.view("case-07", Audience.of(["police"])), ["Police"])
    assert any("risk <high> & rising" in t for t in widget_texts(window))


TWO_SCREENS = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96},
        {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
    ]
}
PRESENT_PROBE = """
from PySide6.QtWidgets import QApplication
from mara_desktop.protocol.loader import load_protocol
from mara_desktop.resources import default_protocol_path
from mara_desktop.ui.participant_window import ParticipantWindow
app = QApplication([])
window = ParticipantWindow(load_protocol(default_protocol_path()))
window.present()
app.processEvents()
print(window.screen().name(), window.isFullScreen())
"""


def test_presenting_fills_the_second_screen_when_there_is_one(tmp_path: Path) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps(TWO_SCREENS), "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    done = subprocess.run(
        [sys.executable, "-c", PRESENT_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.split() == ["projector", "True"], done.stderr[-400:]


def test_the_chair_scrolls_a_long_case_on_the_shared_screen(
    qtbot: QtBot, demo_session: Session
) -> None:
    from PySide6.QtWidgets import QAbstractScrollArea

    meeting = _meeting(demo_session)
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    window.resize(800, 300)
    window.show()
    window.show_case(meeting.view("case-01", Audience.of(["police"])), ["Police"])
    bar = window.findChild(QAbstractScrollArea, "shownCase").verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # once the case is laid out
    assert bar.value() == 0
    window.scroll_page(1)
    assert bar.value() == min(bar.pageStep(), bar.maximum())
    window.scroll_page(-1)
    assert bar.value() == 0


def test_the_room_is_told_when_the_case_goes_on_below_the_screen(
    qtbot: QtBot, demo_session: Session
) -> None:
    meeting = _meeting(demo_session)
    window = shared_screen(qtbot, demo_session.protocol)
    window.show_case(meeting.view("case-11", Audience.of(meeting.present())), ["the room"])
    qtbot.waitUntil(lambda: window.more_below)
    assert MORE_BELOW in _shown_text(window)
    for _ in range(10):  # the chair's Ctrl+Page Down, to the end of the case
        window.scroll_page(1)
    assert not window.more_below
    window.scroll_page(-1)
    assert window.more_below
    # A case that fits on the screen says nothing of the kind.
    window.show_case(meeting.view("case-11", meeting.room), meeting.room_names())
    assert "Nothing about this case may be shown" in _shown_text(window)
    window.findChild(QTextEdit, "shownCase").document().size()  # laid out: the range is set
    assert not window.more_below
