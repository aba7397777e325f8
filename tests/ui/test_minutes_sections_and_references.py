"""The conference dialog's minutes sections (minute-taker, next meeting, any other business,
with the warning that any other business goes to every copy), and actions named by their
stable reference on the chair's console and the shared screen, as in the minutes."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from mara_desktop.domain import OBSERVER, Audience, MinutesSections
from mara_desktop.session import Session
from mara_desktop.ui.case_models import ActionColumn
from mara_desktop.ui.conference_dialog import ConferenceDialog
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.minutes_sections_fields import FOR_EVERY_COPY
from mara_desktop.ui.participant_window import ParticipantWindow
from tests.ui.widget_text import widget_texts

DEMO = "ns-2026-11-26"
REFERENCE = re.compile(r"A-[34679ACDEFGHJKPQRTXY]{7}")


def test_a_new_conference_records_its_minutes_sections(qtbot: QtBot, demo_session: Session) -> None:
    dialog = ConferenceDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert FOR_EVERY_COPY in widget_texts(dialog)  # said beside any other business
    dialog.date.setDate(QDate(2027, 1, 7))
    qtbot.keyClicks(dialog.sections.minute_taker, "Pat Notes")
    assert not dialog.sections.next_meeting.isEnabled()
    qtbot.mouseClick(dialog.sections.next_known, Qt.MouseButton.LeftButton)
    assert dialog.sections.next_meeting.isEnabled()
    dialog.sections.next_meeting.setDate(QDate(2027, 2, 4))
    qtbot.keyClicks(dialog.sections.other_business, "Training on 14 January.")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    conference = demo_session.conference(dialog.conference_id or "")
    assert conference is not None
    assert conference.sections == MinutesSections(
        "Pat Notes", date(2027, 2, 4), "Training on 14 January."
    )
    again = ConferenceDialog(demo_session, None, conference.id)
    qtbot.addWidget(again)
    assert again.sections.sections() == conference.sections


def test_a_next_meeting_not_after_the_meeting_is_refused_in_the_dialog(
    qtbot: QtBot, demo_session: Session
) -> None:
    dialog = ConferenceDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.setDate(QDate(2027, 1, 7))
    dialog.sections.next_known.setChecked(True)
    dialog.sections.next_meeting.setDate(QDate(2027, 1, 7))
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem.text() == "The next meeting's date must be after this meeting's."
    assert dialog.focusWidget() is dialog.sections.next_meeting
    assert len(demo_session.conferences()) == 2


def test_the_console_names_each_action_by_its_reference(console: ChairConsole) -> None:
    meeting = console.meeting
    assert meeting is not None
    console.go_to(meeting.order.index("case-11"))
    model = console.page.actions_model
    chair = meeting.view("case-11", Audience.chair())
    assert model.rowCount() == len(chair.actions) > 1
    assert model.headerData(ActionColumn.REFERENCE, Qt.Orientation.Horizontal) == "Ref."
    shown = [model.index(row, ActionColumn.REFERENCE).data() for row in range(model.rowCount())]
    assert shown == [a.reference for a in chair.actions]
    assert all(REFERENCE.fullmatch(reference) for reference in shown)


def test_the_shared_screen_names_each_action_by_the_same_reference(
    qtbot: QtBot, demo_session: Session
) -> None:
    meeting = demo_session.meeting(DEMO)
    assert meeting is not None
    meeting.set_left(OBSERVER, True)
    meeting.go_to(meeting.order.index("case-11"))
    view = meeting.room_view()
    assert view is not None and len(view.actions) > 1
    window = ParticipantWindow(demo_session.protocol)
    qtbot.addWidget(window)
    window.show_case(view, meeting.room_names())
    shown = window.findChild(QTextEdit, "shownCase")
    assert isinstance(shown, QTextEdit)
    lines = shown.document().toPlainText().splitlines()
    chair = {a.id: a.reference for a in meeting.view("case-11", Audience.chair()).actions}
    for action in view.actions:
        assert f"{chair[action.id]}\t{action.text}" in lines
    assert not any(re.match(r"\d+\.\t", line) for line in lines)
