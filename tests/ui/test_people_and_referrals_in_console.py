"""The referral, people and header commands in the chair's console: only on the chair's own
view of a case; a person added and corrected (the earlier values shown); the header edited;
a referral entered with Ctrl+R; the self-identified fields in no agency's preview."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from mara_desktop.domain import Audience, PersonRole
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.header_dialog import HeaderDialog
from mara_desktop.ui.person_dialog import PersonDialog
from mara_desktop.ui.referral_dialog import ReferralDialog
from tests.ui.modal import when_shown
from tests.ui.widget_text import widget_texts

ETHNICITY = "Kashubian by her own words"


def _on_case(console: ChairConsole, case_id: str) -> None:
    meeting = console.meeting
    assert meeting is not None
    console.go_to(meeting.order.index(case_id))


def _buttons(console: ChairConsole) -> list[bool]:
    page = console.page
    return [
        b.isEnabled()
        for b in (page.edit_referral_button, page.add_person_button, page.correct_person_button)
    ]


def test_people_and_referral_edits_only_on_the_chairs_own_view(console: ChairConsole) -> None:
    _on_case(console, "case-03")
    assert _buttons(console) == [True, True, True]
    assert console.page.people_menu.actions()
    console.view_as.setCurrentIndex(console.view_as.findData("housing"))
    assert _buttons(console) == [False, False, False]
    assert console.page.people_menu.actions() == []
    console.view_as.setCurrentIndex(console.view_as.findData("chair"))
    console.go_to(-1)
    assert _buttons(console) == [False, False, False]  # the opening: no case


def test_a_person_is_added_then_corrected_and_the_earlier_values_read(
    qtbot: QtBot, console: ChairConsole
) -> None:
    session = console.session
    assert session is not None
    _on_case(console, "case-03")

    def add(dialog: PersonDialog) -> None:
        dialog.role.setCurrentIndex(dialog.role.findData(PersonRole.OTHER_ADULT.value))
        qtbot.keyClicks(dialog.fields.name, "Sam Neighbour")
        qtbot.keyClicks(dialog.fields.born, "03/03/1970")
        dialog.fields.safe_contact.setCurrentIndex(dialog.fields.safe_contact.findData("yes"))
        dialog.save_button.click()

    when_shown(PersonDialog, add)
    console.page.add_person_button.click()
    assert "Sam Neighbour (born 3 Mar 1970)" in console.page.people.text()
    added = [p for p in session.case_view("case-03", Audience.chair()).people]
    new = next(p for p in added if p.name == "Sam Neighbour")
    assert session.person_for_chair("case-03", new.id).safe_contact is True  # type: ignore[union-attr]
    assert session.audit_records()[-1].action == "person-added"

    def correct(dialog: PersonDialog) -> None:
        assert not dialog.role.isEnabled()
        assert dialog.history.toPlainText().startswith("No earlier values")
        dialog.fields.name.setText("Sam Neighbor-Smith")
        dialog.save_button.click()
        assert dialog.problem.text() == "Why it is corrected: say what was wrong."
        assert dialog.isVisible()
        dialog.reason.setText("Married since the referral.")
        dialog.save_button.click()

    when_shown(PersonDialog, correct)
    action = next(a for a in console.page.people_menu.actions() if "Sam Neighbour" in a.text())
    action.trigger()
    assert "Sam Neighbor-Smith" in console.page.people.text()
    assert session.audit_records()[-1].action == "person-corrected"
    again = PersonDialog(session, "case-03", new.id)
    qtbot.addWidget(again)
    history = again.history.toPlainText()
    assert "Sam Neighbour; born 3 Mar 1970; safe contact: yes" in history
    assert "(corrected by" in history and "why: Married since the referral." in history


def test_a_child_of_18_is_refused_when_added(qtbot: QtBot, demo_session) -> None:
    dialog = PersonDialog(demo_session, "case-01")
    qtbot.addWidget(dialog)
    people = len(demo_session.case_view("case-01", Audience.chair()).people)
    qtbot.keyClicks(dialog.fields.name, "Older Example")
    qtbot.keyClicks(dialog.fields.born, "01/01/2000")
    dialog.save_button.click()
    assert dialog.problem.text().startswith("Date of birth: a child must be under 18")
    assert len(demo_session.case_view("case-01", Audience.chair()).people) == people


def test_the_header_is_edited_and_the_criteria_counted_again(qtbot: QtBot, demo_session) -> None:
    dialog = HeaderDialog(demo_session, "case-02")
    qtbot.addWidget(dialog)
    dialog.form.reference.setText("NS-2026-9999")
    dialog.checklist.incidents.setValue(4)
    assert "escalation: 4 incidents" in dialog.checklist.result.text()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted.value, dialog.problem.text()
    header = demo_session.case_view("case-02", Audience.chair()).header
    assert header is not None and header.reference == "NS-2026-9999"
    assert "escalation" in [c.value for c in header.criteria]
    last = demo_session.audit_records()[-1]
    assert last.action == "header-changed" and "reference" in last.details["fields"]


def test_a_header_dated_in_the_future_is_refused(qtbot: QtBot, demo_session) -> None:
    before = demo_session.header_for_chair("case-02")
    dialog = HeaderDialog(demo_session, "case-02")
    qtbot.addWidget(dialog)
    dialog.form.referral_date.setDate(QDate.currentDate().addDays(3))
    dialog.save_button.click()
    assert "a referral cannot be dated in the future" in dialog.problem.text()
    assert demo_session.header_for_chair("case-02") == before


def test_ctrl_r_enters_a_referral_and_puts_it_on_the_meetings_agenda(
    qtbot: QtBot, console: ChairConsole
) -> None:
    """From an empty referral window to a case on the agenda of the meeting in the console:
    the chair is asked, and the agenda on the left shows it."""
    session, meeting = console.session, console.meeting
    assert session is not None and meeting is not None
    before = session.case_ids()
    said: list[str] = []

    def answer_yes(box: QMessageBox) -> None:
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    def enter(dialog: ReferralDialog) -> None:
        dialog.form.agency.setCurrentIndex(dialog.form.agency.findData("police"))
        dialog.form.referral_date.setDate(QDate(2026, 11, 20))
        qtbot.keyClicks(dialog.form.reference, "NS-2026-0300")
        qtbot.keyClicks(dialog.victim.name, "Mary Newcase")
        dialog.checklist.judgement.setPlainText("Threats to kill after separation.")
        when_shown(QMessageBox, answer_yes)
        dialog.save_button.click()

    when_shown(ReferralDialog, enter)
    qtbot.keyClick(console, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    (new,) = session.case_ids() - before
    assert said == [
        "The referral is saved as case NS-2026-0300. Put it on the agenda of Northshire "
        "MARAC, 26 Nov 2026?"
    ]
    header = session.case_view(new, Audience.chair()).header
    assert header is not None and [c.value for c in header.criteria] == ["professional_judgement"]
    conference = session.conference(meeting.conference.id)
    assert conference is not None and conference.agenda[-1] == new  # an adults' case: last
    listed = [console.agenda.agenda.item(r).text() for r in range(console.agenda.agenda.count())]
    assert listed[-1].endswith("NS-2026-0300 (adults only)")


def test_a_referral_after_the_meeting_is_not_offered_for_its_agenda(
    qtbot: QtBot, console: ChairConsole
) -> None:
    session, meeting = console.session, console.meeting
    assert session is not None and meeting is not None
    said: list[str] = []

    def enter(dialog: ReferralDialog) -> None:
        dialog.form.agency.setCurrentIndex(dialog.form.agency.findData("police"))
        dialog.form.referral_date.setDate(QDate(2026, 11, 30))  # after the 26 Nov meeting
        qtbot.keyClicks(dialog.form.reference, "NS-2026-0301")
        qtbot.keyClicks(dialog.victim.name, "Mary Later")
        dialog.checklist.judgement.setPlainText("Threats to kill after separation.")
        when_shown(QMessageBox, lambda box: said.append(box.text()))
        dialog.save_button.click()

    when_shown(ReferralDialog, enter)
    qtbot.keyClick(console, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert len(said) == 1 and said[0].endswith("Add it to a meeting's agenda to hear it.")
    conference = session.conference(meeting.conference.id)
    assert conference is not None and len(conference.agenda) == 12


def test_the_self_identified_fields_are_in_no_agencys_preview(
    qtbot: QtBot, console: ChairConsole
) -> None:
    session, meeting = console.session, console.meeting
    assert session is not None and meeting is not None
    victim = session.person_for_chair("case-03", "v")
    assert victim is not None
    marked = dataclasses.replace(
        victim, gender="two-spirit", ethnicity=ETHNICITY, minority_ethnic=True, lgbt=True
    )
    session.correct_person("case-03", marked)
    console._reload_meeting()
    _on_case(console, "case-03")
    console.present()
    for index in range(console.view_as.count()):
        console.view_as.setCurrentIndex(index)
        shown = "\n".join(widget_texts(console) + widget_texts(console.participant))
        assert ETHNICITY not in shown and "two-spirit" not in shown, console.view_as.currentText()
    for agency in session.protocol.agencies:
        view = session.case_view("case-03", Audience.of([agency.id]))
        assert ETHNICITY not in repr(view) and "two-spirit" not in repr(view)


def test_edit_referral_shows_the_status_and_leaves_closing_to_close_case(
    qtbot: QtBot, demo_session
) -> None:
    """A case is closed with its reason (Close case…), never by Edit referral…, which shows
    where the case stands and keeps it so when its referral is corrected."""
    demo_session.close_case("case-02", date(2026, 11, 30), "Victim moved abroad; risk reduced")
    dialog = HeaderDialog(demo_session, "case-02")
    qtbot.addWidget(dialog)
    status_boxes = [c for c in dialog.findChildren(QComboBox) if "tatus" in c.accessibleName()]
    assert isinstance(dialog.status, QLabel) and status_boxes == []
    assert dialog.status.text() == (
        "Closed on 30 Nov 2026 (Victim moved abroad; risk reduced). Reopen case… on the "
        "case's page reopens it."
    )
    dialog.form.reference.setText("NS-2026-9998")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted.value, dialog.problem.text()
    header = demo_session.header_for_chair("case-02")
    assert header is not None and header.reference == "NS-2026-9998"
    assert (header.status.value, header.closed_on, header.closed_reason) == (
        "closed",
        date(2026, 11, 30),
        "Victim moved abroad; risk reduced",
    )
