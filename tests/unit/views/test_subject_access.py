"""What a subject access request holds, chosen from hand-built cases: each person's own
entries, the shared ones marked, and a perpetrator's request without anything that would
find or reach the victim or anyone else, whatever the chair decides."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime

import pytest

from mara_desktop.domain import (
    Action,
    Case,
    Consent,
    ConsentState,
    Item,
    Override,
    Person,
    PersonRole,
    Referral,
    ReferralCriterion,
    Subject,
)
from mara_desktop.domain.withholding import REASONS, Withholding, stored_reason
from mara_desktop.views.subject_access import subject_access
from mara_desktop.views.subject_release import PERPETRATOR_RULE, release

AT = datetime(2026, 11, 20, 9, tzinfo=UTC)
SAFE_ADDRESS = "Flat 4, 12 Example Row, Northtown ZZ1 4AB"
HOME_ADDRESS = "27 Sample Road, Northtown ZZ1 2CD"
SAFE_NUMBER = "07700 900123"
PLANTED = (SAFE_ADDRESS, HOME_ADDRESS, SAFE_NUMBER, "Example Row", "Sample Road", "Wiśniewska")


def item(item_id: str, category: str, source: str, subject: Subject, text: str, person=None):
    return Item(item_id, category, source, subject, text, person=person, recorded_at=AT)


PEOPLE = (
    Person("v", PersonRole.VICTIM, "Anna Kowalska", date(1991, 3, 14), "police"),
    Person("p", PersonRole.PERPETRATOR, "Jan Nowak", date(1988, 7, 2), "police", feared=True),
    Person("c", PersonRole.CHILD, "Zofia Nowak", date(2019, 5, 30)),
    Person("m", PersonRole.OTHER_ADULT, "Maria Wiśniewska", safe_contact=True),
)
ITEMS = (
    item("i1", "victim-address", "police", Subject.VICTIM, f"Home: {HOME_ADDRESS}.", "v"),
    item("i2", "victim-location", "idva", Subject.VICTIM, f"Now at {SAFE_ADDRESS}.", "v"),
    item("i3", "victim-contact", "idva", Subject.VICTIM, f"Safe number {SAFE_NUMBER}.", "v"),
    item("i4", "perpetrator-history", "police", Subject.PERPETRATOR, "Two earlier partners.", "p"),
    item("i5", "criminal-justice", "police", Subject.PERPETRATOR, "Bail: no contact."),
    item("i6", "housing", "housing", Subject.HOUSEHOLD, "Joint tenancy; she has moved out."),
    item("i7", "risk-summary", "police", Subject.CASE, "Strangulation on 7 November."),
    item("i8", "risk-summary", "idva", Subject.CASE, "Seen outside Flat 4, 12 Example Row."),
    item("i9", "perpetrator-history", "probation", Subject.PERPETRATOR, "Threats to Maria.", "p"),
    item("i10", "child-welfare", "education", Subject.CHILD, "Zofia missed 9 days.", "c"),
    item("i11", "victim-health", "gp", Subject.VICTIM, "Bruising; Jan denies it.", "v"),
)
ACTIONS = (Action("a1", "police", "actions", "Flag the address for an urgent response."),)
CONSENTS = (
    Consent(ConsentState.GIVEN, ("*",), ("*",), AT, "IDVA"),
    Consent(ConsentState.REFUSED, ("police",), ("housing",), AT, "IDVA", person="m"),
)
OVERRIDES = (
    Override(
        ("criminal-justice", "victim-location"),
        ("housing",),
        "vital-interests",
        "He said he would find her at the refuge on Example Row.",
        "Chair",
        AT,
    ),
)
CASE = Case(
    "case-1",
    "NS-1",
    True,
    Referral(date(2026, 11, 9), "police", ReferralCriterion.VISIBLE_HIGH_RISK, 18),
    PEOPLE,
    ITEMS,
    ACTIONS,
    CONSENTS,
    OVERRIDES,
)


def draft(person_id: str, case: Case = CASE, **kwargs):
    from mara_desktop.protocol.loader import load_protocol
    from mara_desktop.resources import default_protocol_path

    found = subject_access(case, person_id, load_protocol(default_protocol_path()), **kwargs)
    assert found is not None
    return found


def test_the_victims_request_holds_her_entries_and_marks_the_shared_ones():
    held = draft("v")
    assert [e.id for e in held.entries] == ["i1", "i2", "i3", "i6", "i7", "i8", "i11", "a1"]
    assert {e.id for e in held.marked} == {"i6", "i7", "i8", "i11", "a1"}  # i11 names Jan
    assert [c.state for c in held.consents] == ["given"]
    assert [o.categories for o in held.overrides] == [
        ("Victim's safe or confidential whereabouts",)
    ]
    assert held.person.details[0].value == "Anna Kowalska" and not held.perpetrator


def test_a_perpetrators_request_never_holds_the_victims_whereabouts_or_safe_contacts():
    held = draft("p")
    assert [e.id for e in held.entries] == ["i4", "i5", "i7", "a1"]
    assert held.consents == ()
    assert held.overrides[0].justification == ""
    assert held.overrides[0].categories == ("Criminal justice",)
    said = json.dumps(release(held).as_json(), ensure_ascii=False)
    for value in (*PLANTED, "Maria", "refuge", "1991", "Anna Kowalska", "Zofia"):
        assert value not in said, value
    assert "feared" not in said.casefold() and "Safe to contact" not in said
    assert PERPETRATOR_RULE in said


def test_the_perpetrators_rule_holds_whatever_the_chair_withholds_or_releases():
    released = {e.id: None for e in CASE.items}
    held = draft("p", withholdings=released)
    assert not {"i1", "i2", "i3", "i6", "i8", "i9", "i11"} & {e.id for e in held.entries}


def test_a_perpetrators_entry_naming_someone_safe_to_contact_is_left_out():
    planted = dataclasses.replace(CASE, items=(item("x", "perpetrator-history", "police",
        Subject.PERPETRATOR, "Maria Wiśniewska took the children in.", "p"),), actions=())  # fmt: skip
    assert draft("p", planted).entries == ()
    assert [e.id for e in draft("v", planted).entries] == []  # about him, not her


def test_withheld_entries_leave_no_text_in_the_release_only_the_reason():
    withheld = Withholding("i7", "investigation", "", AT, "Chair")
    made = release(draft("v", withholdings={"i7": withheld}))
    said = json.dumps(made.as_json(), ensure_ascii=False)
    assert "Strangulation" not in said
    assert [(w.entry, w.reason) for w in made.withheld] == [
        ("i7", "Police investigation or prosecution")
    ]
    assert "i7" not in made.to_review and "i8" in made.to_review


def test_an_other_adult_sees_her_own_consent_records_and_her_corrections():
    earlier = [(dataclasses.replace(PEOPLE[3], name="Maria Wisniewska"), AT, "Chair")]
    held = draft("m", earlier=earlier)
    assert [c.state for c in held.consents] == ["refused"]
    assert held.person.corrections[0].earlier[0].value == "Maria Wisniewska"
    assert ("Safe to contact about the victim", "Yes") in [
        (d.label, d.value) for d in held.person.details
    ]
    assert {e.id for e in held.entries} == {"i6", "i7", "i8", "a1"}  # household and case


def test_an_entry_about_children_when_there_are_two_is_marked():
    second = Person("c2", PersonRole.CHILD, "Ola Nowak")
    shared = item("k", "child-welfare", "csc", Subject.CHILD, "Both on a plan.")
    case = dataclasses.replace(CASE, people=(*PEOPLE, second), items=(shared,), actions=())
    assert [(e.id, e.names_others) for e in draft("c", case).entries] == [("k", True)]


def test_a_person_not_in_the_case_has_no_request():
    from mara_desktop.protocol.loader import load_protocol
    from mara_desktop.resources import default_protocol_path

    assert subject_access(CASE, "nobody", load_protocol(default_protocol_path())) is None


def test_reasons_are_one_table_and_other_needs_words():
    assert [r.id for r in REASONS][-1] == "other"
    assert stored_reason("third-party") == "third-party"
    assert stored_reason("other", "  court   order ") == "other: court order"
    assert stored_reason(None) == ""
    with pytest.raises(ValueError, match="own words"):
        stored_reason("other", " ")
    with pytest.raises(ValueError, match="not a reason"):
        stored_reason("because")
