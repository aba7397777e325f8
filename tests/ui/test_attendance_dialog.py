"""Correcting attendance changes the room the shared screen is shown to."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import OBSERVER, AttendanceStatus
from mara_desktop.session import Session
from mara_desktop.ui.attendance_dialog import AttendanceDialog


def test_removing_the_observer_and_adding_an_apology_is_saved(
    qtbot: QtBot, demo_session: Session
) -> None:
    dialog = AttendanceDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    observer_row = next(i for i, line in enumerate(dialog.lines()) if line.agency == OBSERVER)
    dialog.table.selectRow(observer_row)
    dialog._remove()
    dialog.add_line(None)
    last = dialog.table.rowCount() - 1
    dialog.table.cellWidget(last, 1).setText("Watch manager Example")
    status = dialog.table.cellWidget(last, 2)
    status.setCurrentIndex(status.findData(AttendanceStatus.APOLOGIES))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    conference = demo_session.conference(DEMO_CONFERENCE)
    meeting = demo_session.meeting(DEMO_CONFERENCE)
    assert conference is not None and meeting is not None
    assert OBSERVER not in meeting.room.agencies
    assert conference.attendance[-1].name == "Watch manager Example"


def test_an_observer_line_cannot_be_marked_present(qtbot: QtBot, demo_session: Session) -> None:
    dialog = AttendanceDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    dialog.add_line(None)
    last = dialog.table.rowCount() - 1
    agency = dialog.table.cellWidget(last, 0)
    agency.setCurrentIndex(agency.findData(OBSERVER))
    assert dialog.table.cellWidget(last, 2).currentData() == AttendanceStatus.OBSERVER


def test_a_line_without_a_name_is_refused_with_a_sentence(
    qtbot: QtBot, demo_session: Session
) -> None:
    before = demo_session.conference(DEMO_CONFERENCE)
    dialog = AttendanceDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    dialog.add_line(None)
    dialog.save()
    assert dialog.problem.text() == "Give the name of each person attending."
    assert demo_session.conference(DEMO_CONFERENCE) == before


def test_a_correction_keeps_when_agencies_left_unless_they_now_sent_apologies(
    qtbot: QtBot, demo_session: Session
) -> None:
    left_at = datetime(2026, 11, 26, 11, 20, tzinfo=UTC)
    for agency in ("police", "csc"):
        demo_session.set_left(DEMO_CONFERENCE, agency, left_at)
    dialog = AttendanceDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    csc_row = next(i for i, line in enumerate(dialog.lines()) if line.agency == "csc")
    status = dialog.table.cellWidget(csc_row, 2)
    status.setCurrentIndex(status.findData(AttendanceStatus.APOLOGIES))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    meeting = demo_session.meeting(DEMO_CONFERENCE)
    assert meeting is not None and meeting.left == {"police": left_at}
