"""The referral dialog driven as a chair would: from empty to a saved case with its derived
criteria; bad input refused with one sentence naming the field and nothing saved; the
ticks counted live; near matches confirmed and rejected, recorded."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from mara_desktop.domain import (
    Audience,
    Case,
    Person,
    PersonRole,
    Referral,
    ReferralCriterion,
)
from mara_desktop.session import Session
from mara_desktop.ui.header_dialog import HeaderDialog
from mara_desktop.ui.near_match_dialog import NearMatchDialog
from mara_desktop.ui.referral_dialog import ReferralDialog
from tests.ui.modal import when_shown
from tests.ui.widget_text import widget_texts

NAME, BORN = "Zofia Przykładowa", date(1990, 4, 2)


@pytest.fixture
def session(new_file):
    return Session(new_file)


def earlier(session: Session, case_id: str, on: date, born: date | None) -> None:
    session.save_referral(
        Case(
            case_id,
            f"NS-{case_id}",
            False,
            Referral(on, "police", ReferralCriterion.PROFESSIONAL_JUDGEMENT,
                     professional_judgement="Threats to kill."),
            (Person("v", PersonRole.VICTIM, NAME, born, "police"),),
        )
    )  # fmt: skip


def dialog_on(qtbot, session: Session) -> ReferralDialog:
    dialog = ReferralDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def answer(dialog: ReferralDialog, yes: int) -> None:
    for number, box in enumerate(dialog.checklist.answers.values(), start=1):
        box.setCurrentIndex(box.findData("yes" if number <= yes else "no"))


def fill(qtbot, dialog: ReferralDialog, *, name: str = NAME, born: str = "02/04/1990") -> None:
    dialog.form.agency.setCurrentIndex(dialog.form.agency.findData("police"))
    qtbot.keyClicks(dialog.form.referrer, "PC Alex Placeholder")
    dialog.form.referral_date.setDate(QDate(2026, 11, 2))
    qtbot.keyClicks(dialog.form.reference, "NS-2026-0200")
    dialog.victim.name.setText(name)  # keyClicks aborts on non-ASCII text (NOTES.md)
    qtbot.keyClicks(dialog.victim.born, born)
    qtbot.keyClicks(dialog.perpetrator.name, "Mark Example")
    answer(dialog, 14)


def save(qtbot, dialog: ReferralDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_from_empty_to_a_saved_case_with_its_derived_criteria(qtbot, session):
    dialog = dialog_on(qtbot, session)
    fill(qtbot, dialog)
    dialog.checklist.incidents.setValue(3)
    dialog.victim.lgbt.setCurrentIndex(dialog.victim.lgbt.findData("no"))
    dialog.victim.gender.setCurrentText("female")
    dialog.add_child.click()
    child = dialog.child_rows[0]
    qtbot.keyClicks(child.name, "Kid Example")
    qtbot.keyClicks(child.born, "01/09/2018")
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted.value, dialog.problem.text()
    assert session.case_ids() == {"case-01"}
    header = session.case_view("case-01", Audience.chair()).header
    assert header is not None and header.dash_ticks == 14
    assert [c.value for c in header.criteria] == ["visible_high_risk", "escalation"]
    assert header.children_involved and header.reference == "NS-2026-0200"
    victim = session.person_for_chair("case-01", "v")
    assert victim is not None and (victim.gender, victim.lgbt) == ("female", False)
    assert dialog.outcome.startswith("The referral is saved as case NS-2026-0200.")
    assert session.audit_records()[-1].action == "case-referred"


def test_the_ticks_and_the_escalation_are_counted_as_the_chair_answers(qtbot, session):
    dialog = dialog_on(qtbot, session)
    result = dialog.checklist.result
    answer(dialog, 13)
    assert result.text().splitlines()[0] == "13 ticks: not visible high risk (14 needed)"
    assert "meets no criterion" in result.text()
    answer(dialog, 14)
    assert result.text().splitlines()[0] == "14 ticks: visible high risk"
    dialog.checklist.incidents.setValue(3)
    assert result.text().splitlines()[1] == "escalation: 3 incidents"
    dialog.checklist.judgement.setPlainText("Stalking after separation.")
    assert "never lowers it" in result.text().splitlines()[2]


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (lambda d, q: d.form.agency.setCurrentIndex(-1), "Referring agency: choose the agency"),
        (lambda d, q: d.victim.name.clear(), "The victim's name: write it"),
        (
            lambda d, q: d.victim.born.setText("01/01/2999"),
            "The victim's date of birth: a date of birth cannot be in the future",
        ),
        (
            lambda d, q: d.victim.born.setText("31/02/1990"),
            "The victim's date of birth: write it as day/month/year",
        ),
        (
            lambda d, q: d.form.referral_date.setDate(QDate.currentDate().addDays(2)),
            "Referral date: a referral cannot be dated in the future",
        ),
        (lambda d, q: answer(d, 3), "Professional judgement: the answers meet no criterion"),
    ],
)
def test_bad_input_is_refused_with_its_field_and_nothing_is_saved(qtbot, session, change, sentence):
    dialog = dialog_on(qtbot, session)
    fill(qtbot, dialog)
    change(dialog, qtbot)
    save(qtbot, dialog)
    assert dialog.problem.text().startswith(sentence), dialog.problem.text()
    assert session.case_ids() == set() and dialog.result() == 0


def test_a_child_of_18_is_refused_on_the_people_tab(qtbot, session):
    dialog = dialog_on(qtbot, session)
    fill(qtbot, dialog)
    dialog.tabs.setCurrentIndex(2)
    dialog.add_child.click()
    qtbot.keyClicks(dialog.child_rows[0].name, "Older Example")
    qtbot.keyClicks(dialog.child_rows[0].born, "01/01/2000")
    save(qtbot, dialog)
    assert dialog.problem.text().startswith("Child 1's date of birth: a child must be under 18")
    assert "2000" not in dialog.problem.text()
    assert dialog.tabs.currentIndex() == 1 and session.case_ids() == set()


def test_a_removed_child_row_is_not_saved(qtbot, session):
    dialog = dialog_on(qtbot, session)
    fill(qtbot, dialog)
    dialog.add_child.click()
    qtbot.keyClicks(dialog.child_rows[0].name, "Older Example")
    dialog.child_rows[0].removed.emit()
    save(qtbot, dialog)
    case = session.person_for_chair("case-01", "c1")
    assert case is None and dialog.result() == dialog.DialogCode.Accepted.value


@pytest.mark.parametrize("confirmed", [True, False])
def test_a_near_match_is_put_to_the_chair_and_the_answer_recorded(qtbot, session, confirmed):
    earlier(session, "c0", date(2026, 6, 1), born=None)
    dialog = dialog_on(qtbot, session)
    fill(qtbot, dialog)
    shown: list[str] = []

    def decide(near: NearMatchDialog) -> None:
        shown.extend(widget_texts(near))
        (near.same if confirmed else near.different).click()

    when_shown(NearMatchDialog, decide)
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    assert session.audit_records()[-1].action == (
        "near-match-confirmed" if confirmed else "near-match-rejected"
    )
    assert session.matches(dialog.saved_case_id or "").near == ()
    assert session.matches(dialog.saved_case_id or "").repeat_of == (("c0",) if confirmed else ())
    assert ("It is a repeat" in dialog.outcome) is confirmed
    said = "\n".join(shown)
    assert "Earlier case NS-c0, referred on 1 Jun 2026" in said
    assert "the same name, and a date of birth is not recorded." in said


def test_a_near_match_left_for_later_is_answered_from_edit_referral(qtbot, session):
    earlier(session, "c0", date(2026, 6, 1), born=None)
    dialog = dialog_on(qtbot, session)
    fill(qtbot, dialog)
    when_shown(NearMatchDialog, lambda near: near.later.click())
    save(qtbot, dialog)
    case_id = dialog.saved_case_id or ""
    assert session.matches(case_id).near == ("c0",)
    header = HeaderDialog(session, case_id)
    qtbot.addWidget(header)
    assert header.near_button.text() == "Answer 1 near match…"
    when_shown(NearMatchDialog, lambda near: near.different.click())
    header.near_button.click()
    assert session.matches(case_id).near == () and session.matches(case_id).repeat_of == ()
    assert header.near_button.text() == "None waiting" and not header.near_button.isEnabled()
    assert session.audit_records()[-1].action == "near-match-rejected"
