"""A child's school in the referral dialog and in Add/Correct person, shown on the chair's
console where the child's details are; and one way of showing a day in every dialog
("2 Dec 2026", ui/dates.py), the referral's and the statistics' included."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit
from pytestqt.qtbot import QtBot

from mara_desktop.domain import Audience, Person
from mara_desktop.session import Session
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.dates import DAY_FORMAT, day_words, written_day
from mara_desktop.ui.person_dialog import PersonDialog
from mara_desktop.ui.referral_dialog import ReferralDialog
from mara_desktop.ui.referral_fields import FormProblem, PersonFields, day_of, day_text
from mara_desktop.ui.statistics_dialog import StatisticsDialog
from tests.ui.modal import when_shown

SCHOOL = "Northtown Primary"


def test_a_childs_school_is_saved_with_the_referral(qtbot: QtBot, new_file) -> None:
    session = Session(new_file)
    dialog = ReferralDialog(session)
    qtbot.addWidget(dialog)
    dialog.form.agency.setCurrentIndex(dialog.form.agency.findData("police"))
    dialog.form.referral_date.setDate(QDate(2026, 11, 2))
    qtbot.keyClicks(dialog.form.reference, "NS-2026-0201")
    qtbot.keyClicks(dialog.victim.name, "Ann Example")
    qtbot.keyClicks(dialog.perpetrator.name, "Mark Example")
    qtbot.keyClicks(dialog.checklist.judgement, "Threats to kill.")
    dialog.add_child.click()
    child = dialog.child_rows[0]
    qtbot.keyClicks(child.name, "Kid Example")
    qtbot.keyClicks(child.born, "1 Sep 2018")
    qtbot.keyClicks(child.school, SCHOOL)
    assert not dialog.victim.school.isVisibleTo(dialog)  # a school is a child's
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted.value, dialog.problem.text()
    kid = next(p for p in session.case_view("case-01", Audience.chair()).people if p.id == "c1")
    assert (kid.school, kid.born) == (SCHOOL, date(2018, 9, 1))


def test_a_school_is_corrected_and_shown_with_the_childs_details(
    qtbot: QtBot, console: ChairConsole
) -> None:
    meeting, session = console.meeting, console.session
    assert meeting is not None and session is not None
    console.go_to(meeting.order.index("case-01"))

    def correct(dialog: PersonDialog) -> None:
        shown = [f for f in dialog.findChildren(PersonFields) if f.isVisibleTo(dialog)]
        assert shown == [dialog.fields]  # not an empty new child's row above it
        assert dialog.fields.born.text() == "30 May 2019"
        dialog.fields.school.setText(SCHOOL)
        dialog.reason.setText("The school was not on the referral.")
        dialog.save_button.click()

    when_shown(PersonDialog, correct)
    action = next(a for a in console.page.people_menu.actions() if a.text().startswith("Child"))
    action.trigger()
    child = session.person_for_chair("case-01", "c1")
    assert isinstance(child, Person) and child.school == SCHOOL and child.born == date(2019, 5, 30)
    assert f"(born 30 May 2019; school: {SCHOOL})" in console.page.people.text()
    console.view_as.setCurrentIndex(console.view_as.findData("observer"))
    assert SCHOOL not in console.page.people.text()


def test_every_date_field_of_the_referral_and_statistics_says_the_day_alike(
    qtbot: QtBot, demo_session
) -> None:
    for dialog in (ReferralDialog(demo_session), StatisticsDialog(demo_session)):
        qtbot.addWidget(dialog)
        fields = dialog.findChildren(QDateEdit)
        assert fields
        for field in fields:
            assert field.displayFormat() == DAY_FORMAT, field.accessibleName()


@pytest.mark.parametrize("typed", ["2 Apr 1990", "02/04/1990", "1990-04-02", "2 April 1990"])
def test_a_day_is_written_one_way_and_read_in_several(qtbot: QtBot, typed: str) -> None:
    field = QLineEdit(typed)
    qtbot.addWidget(field)
    assert day_of(field) == date(1990, 4, 2)
    assert day_text(date(1990, 4, 2)) == day_words(date(1990, 4, 2)) == "2 Apr 1990"


@pytest.mark.parametrize("typed", ["31 Feb 1990", "2 Foo 1990", "31/02/1990"])
def test_a_day_that_is_no_day_is_refused(qtbot: QtBot, typed: str) -> None:
    field = QLineEdit(typed)
    field.setAccessibleName("Date of birth")
    qtbot.addWidget(field)
    with pytest.raises(FormProblem):
        day_of(field)
    assert written_day("Monday") is None
