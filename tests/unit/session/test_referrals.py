"""A referral saved through the session: checked by the importer's rules, audited with ids
and field names only; repeats found and near matches put to the chair; a person corrected
keeps the earlier values; nothing is ever merged."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from mara_desktop.domain import (
    Audience,
    Case,
    CaseStatus,
    Person,
    PersonRole,
    Referral,
    ReferralCriterion,
)
from mara_desktop.session import EditError, Session

NAME = "Zofia Przykładowa"
BORN = date(1990, 4, 2)


def referral(case_id: str, on: date, name: str = NAME, born: date | None = BORN) -> Case:
    answers = tuple((f"q{n}", n <= 15) for n in range(1, 25))
    return Case(
        case_id,
        f"NS-{case_id}",
        False,
        Referral(on, "police", ReferralCriterion.VISIBLE_HIGH_RISK, 15, answers,
                 incidents_12m=3, victim_aware=True, referrer="PC Alex Placeholder"),
        (Person("v", PersonRole.VICTIM, name, born, "police", gender="female", lgbt=False),),
    )  # fmt: skip


@pytest.fixture
def session(new_file):
    return Session(new_file)


def audit_text(session: Session) -> str:
    return json.dumps([(r.action, r.details) for r in session.audit_records()], ensure_ascii=False)


def test_a_referral_is_saved_and_its_repeat_found(session):
    assert session.save_referral(referral("c1", date(2025, 12, 1))).repeat_of == ()
    found = session.save_referral(referral("c2", date(2026, 11, 2), name="ZOFIA przykladowa"))
    assert found.repeat_of == ("c1",) and found.near == ()
    header = session.case_view("c2", Audience.chair()).header
    assert header is not None and header.repeat_of == ("c1",)
    assert [c.value for c in header.criteria] == ["visible_high_risk", "escalation", "repeat"]
    assert NAME not in audit_text(session) and "1990" not in audit_text(session)


def test_a_near_match_waits_for_the_chair_and_a_rejection_is_kept(session):
    session.save_referral(referral("c1", date(2026, 6, 1), born=None))
    found = session.save_referral(referral("c2", date(2026, 11, 2)))
    assert found.repeat_of == () and found.near == ("c1",)
    session.decide_near_match("c2", "c1", confirmed=False)
    assert session.matches("c2").near == () and session.matches("c2").repeat_of == ()
    session.decide_near_match("c2", "c1", confirmed=True)
    assert session.matches("c2").repeat_of == ("c1",)
    assert [r.action for r in session.audit_records()][-2:] == [
        "near-match-rejected",
        "near-match-confirmed",
    ]
    assert sorted(session.case_ids()) == ["c1", "c2"]  # nothing merged


def test_a_referral_without_a_victim_saves_nothing(session):
    case = dataclasses.replace(referral("c1", date(2026, 11, 2)), people=())
    with pytest.raises(EditError) as caught:
        session.save_referral(case)
    assert caught.value.field == "people" and session.case_ids() == set()


def test_a_childs_age_is_checked_as_on_import_and_names_no_value(session):
    session.save_referral(referral("c1", date(2026, 11, 2)))
    child = Person("k", PersonRole.CHILD, "Kid Example", date(2000, 1, 1))
    session.edit_header("c1", children_involved=True)
    with pytest.raises(EditError) as caught:
        session.add_person("c1", child)
    assert caught.value.field == "people" and "2000" not in str(caught.value)
    assert "under 18" in str(caught.value)


def test_a_correction_is_a_new_record_and_the_earlier_value_stays(session):
    session.save_referral(referral("c1", date(2026, 11, 2)))
    victim = session.case_view("c1", Audience.chair()).people[0]
    assert victim.name == NAME
    corrected = Person("v", PersonRole.VICTIM, "Zofia Przykładowa-Nowak", BORN, "police")
    session.correct_person("c1", corrected)
    (earlier,) = session.person_history("c1", "v")
    assert earlier.person.name == NAME and earlier.person.gender == "female"
    assert session.case_view("c1", Audience.chair()).people[0].name == corrected.name
    last = session.audit_records()[-1]
    assert last.action == "person-corrected"
    assert last.details["fields"] == ["gender", "lgbt", "name"]
    assert "Nowak" not in audit_text(session)


def test_the_header_is_edited_and_audited_by_field_name(session):
    session.save_referral(referral("c1", date(2026, 11, 2)))
    session.edit_header("c1", status=CaseStatus.CLOSED, closed_on=date(2026, 12, 1))
    assert session.audit_records()[-1].details == {
        "case": "c1",
        "fields": ["status", "closed_on"],
    }
    with pytest.raises(EditError):
        session.edit_header("c1", status=CaseStatus.OPEN)  # still has a closing date
    with pytest.raises(EditError):
        session.edit_header("c1", people=())


def test_a_referral_dated_in_the_future_saves_nothing(session):
    later = date.today().replace(year=date.today().year + 1)
    with pytest.raises(EditError) as caught:
        session.save_referral(referral("c1", later))
    assert caught.value.field == "referral" and "future" in str(caught.value)
    assert session.case_ids() == set()
    session.save_referral(referral("c1", date(2026, 11, 2)))
    with pytest.raises(EditError):
        session.edit_header("c1", referral=referral("c1", later).referral)


def test_a_new_case_id_is_free_and_the_thresholds_are_the_protocols(session):
    assert session.new_case_id() == "case-01"
    session.save_referral(referral("case-02", date(2026, 11, 2)))
    assert session.new_case_id() == "case-03"
    session.save_referral(referral("case-03", date(2026, 11, 2)))
    assert session.new_case_id() == "case-04"
    thresholds = session.thresholds()
    assert (thresholds.high_risk_ticks, thresholds.escalation_incidents) == (14, 3)


def test_the_header_for_the_chair_carries_the_referral_and_no_people(session):
    session.save_referral(referral("c1", date(2026, 11, 2)))
    header = session.header_for_chair("c1")
    assert header is not None and header.people == () and header.reference == "NS-c1"
    assert header.referral.dash_ticks == 15 and header.referral.incidents_12m == 3
    assert session.header_for_chair("nope") is None
