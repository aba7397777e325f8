"""A new conference and its agenda from the console: New conference… (Ctrl+N) and Agenda…
driven as a chair would, from an empty agenda to cases on it in hearing order, every change
audited; a refusal is said in the dialog and changes nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDateEdit, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.session import Session
from mara_desktop.ui.agenda_dialog import AgendaDialog
from mara_desktop.ui.case_picker import CasePicker
from mara_desktop.ui.conference_dialog import FIXED, ConferenceDialog
from mara_desktop.ui.console import ChairConsole
from tests.ui.modal import when_shown
from tests.ui.widget_text import widget_texts

NEW_DAY = date(2027, 11, 26)
"""12 months after the demo's latest meeting: each of its cases is due for review."""
NEW_ID = "marac-2027-11-26"


def _labels(dialog: AgendaDialog) -> list[str]:
    return [dialog.agenda.item(row).text() for row in range(dialog.agenda.count())]


def _fill_in(dialog: ConferenceDialog, qtbot: QtBot) -> None:
    dialog.date.setDate(QDate(NEW_DAY.year, NEW_DAY.month, NEW_DAY.day))
    dialog.venue.clear()
    qtbot.keyClicks(dialog.venue, "Room 4")
    dialog.chair.clear()
    qtbot.keyClicks(dialog.chair, "DI Example")
    qtbot.keyClick(dialog.chair, Qt.Key.Key_Return)


def test_new_conference_then_its_agenda_from_the_console(
    qtbot: QtBot, console: ChairConsole
) -> None:
    session = console.session
    assert session is not None
    assert console.commands.new_conference.shortcut() == QKeySequence("Ctrl+N")
    shown: dict[str, list[str]] = {}

    def pick_first_case(picker: CasePicker) -> None:
        qtbot.keyClicks(picker.filter, "0133")
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)

    def prepare(dialog: AgendaDialog) -> None:
        shown["empty"] = _labels(dialog)
        shown["buttons"] = [
            b.text() for b in (dialog.remove, dialog.up, dialog.down) if b.isEnabled()
        ]
        when_shown(CasePicker, pick_first_case)
        qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
        children_due = next(
            row
            for row in range(dialog.due.count())
            if "(with children)" in dialog.due.item(row).text()
        )
        dialog.due.setCurrentRow(children_due)
        qtbot.mouseClick(dialog.add_due, Qt.MouseButton.LeftButton)
        shown["added"] = _labels(dialog)
        dialog.reject()

    when_shown(ConferenceDialog, lambda d: _fill_in(d, qtbot))
    when_shown(AgendaDialog, prepare)
    console.commands.new_conference.trigger()

    assert shown["empty"] == [] and shown["buttons"] == []
    added = shown["added"]
    assert len(added) == 2
    assert added[0].startswith("1. NS-") and added[0].endswith("(with children)")
    assert added[1] == "2. NS-2026-0133 (adults only)"
    assert console.meeting is not None and console.meeting.conference.id == NEW_ID
    assert console.agenda.conferences.currentData() == NEW_ID
    panel = [console.agenda.agenda.item(r).text() for r in range(console.agenda.agenda.count())]
    assert panel[1:] == added
    actions = [r.action for r in session.audit_records()]
    assert actions[-3:] == ["conference-created", "agenda-case-added", "agenda-case-added"]


def test_the_chair_reorders_within_each_kind_and_removes(
    qtbot: QtBot, demo_session: Session
) -> None:
    conference = demo_session.new_conference(NEW_DAY, "Room 4", "DI Example")
    for case_id in ("case-01", "case-02", "case-03", "case-05"):
        demo_session.add_to_agenda(conference, case_id)
    dialog = AgendaDialog(demo_session, conference)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.agenda.setCurrentRow(2)  # the first adults' case: it cannot go above children's
    assert not dialog.up.isEnabled() and dialog.down.isEnabled()
    assert dialog.down.shortcut() == QKeySequence("Alt+D")
    dialog.down.setFocus()
    qtbot.keyClick(dialog.down, Qt.Key.Key_Space)
    assert _labels(dialog) == [
        "1. NS-2026-0131 (with children)",
        "2. NS-2026-0132 (with children)",
        "3. NS-2026-0135 (adults only)",
        "4. NS-2026-0133 (adults only)",
    ]
    assert dialog.agenda.currentRow() == 3  # the moved case stays chosen
    dialog.agenda.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert _labels(dialog)[0] == "1. NS-2026-0132 (with children)"
    assert dialog.changed
    assert [r.action for r in demo_session.audit_records()][-2:] == [
        "agenda-case-moved",
        "agenda-case-removed",
    ]


def test_a_case_with_actions_agreed_stays_and_the_dialog_says_why(
    qtbot: QtBot, demo_session: Session
) -> None:
    dialog = AgendaDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    before = _labels(dialog)
    records = len(demo_session.audit_records())
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisibleTo(dialog)
    assert "has actions agreed at this meeting" in dialog.problem.text()
    assert _labels(dialog) == before
    assert len(demo_session.audit_records()) == records
    assert not dialog.changed


def test_a_meeting_without_a_venue_is_refused_in_the_dialog(
    qtbot: QtBot, demo_session: Session
) -> None:
    dialog = ConferenceDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.venue.clear()
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem.text() == "Give the meeting's venue."
    assert dialog.focusWidget() is dialog.venue
    assert len(demo_session.conferences()) == 2


def test_details_are_fixed_once_minutes_were_exported(qtbot: QtBot, demo_session: Session) -> None:
    conference = demo_session.new_conference(NEW_DAY, "Room 4", "DI Example")
    open_to_change = ConferenceDialog(demo_session, None, conference)
    qtbot.addWidget(open_to_change)
    assert open_to_change.venue.isEnabled()
    demo_session.record("minutes", {"conference": conference})
    fixed = ConferenceDialog(demo_session, None, conference)
    qtbot.addWidget(fixed)
    assert not fixed.venue.isEnabled() and not fixed.date.isEnabled()
    assert FIXED in widget_texts(fixed)


def test_every_control_has_an_accessible_name(qtbot: QtBot, demo_session: Session) -> None:
    conference = demo_session.new_conference(NEW_DAY, "Room 4", "DI Example")
    dialogs = [
        AgendaDialog(demo_session, conference),
        ConferenceDialog(demo_session),
        CasePicker(demo_session.agenda_candidates(conference)),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        for kind in (QAbstractButton, QDateEdit, QLineEdit, QListWidget):
            for widget in dialog.findChildren(kind):
                if widget.isVisibleTo(dialog) and not widget.parent().inherits("QDateEdit"):
                    assert widget.accessibleName() or widget.text(), widget
