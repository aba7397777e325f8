"""Consent belongs to a person (DESIGN.md, pinned additions): `consent` for an item reads only
the records of the item's person when that person is a victim or an other adult (an other
adult with no record has not consented), and the victim's otherwise."""

from __future__ import annotations

import dataclasses

from hypothesis import given

from mara_desktop.domain import Case, Consent, ConsentState, Item, Person, PersonRole, Subject
from mara_desktop.protocol.rule import DisclosureRule
from tests.support import builders
from tests.support.strategies import AGENCIES, cases, consents, protocols

VICTIM = Person("p1", PersonRole.VICTIM, "Zofia Example")
ADULT = Person("p2", PersonRole.OTHER_ADULT, "Piotr Example")
CHILD = Person("p3", PersonRole.CHILD, "Ada Example")
PERPETRATOR = Person("p4", PersonRole.PERPETRATOR, "Mark Example")
PROTOCOL = builders.make_protocol(builders.rule(["health"], ["housing"], ["consent"]))


def about(person: Person | None) -> Item:
    subject = person.role.subject if person else Subject.VICTIM
    return dataclasses.replace(builders.item(), subject=subject, person=person and person.id)


def case_with(*records: Consent) -> Case:
    people = (VICTIM, ADULT, CHILD, PERPETRATOR)
    return dataclasses.replace(builders.case(children=True, consents=records), people=people)


def given_by(person: str | None, day: int = 1, state: ConsentState = ConsentState.GIVEN) -> Consent:
    return dataclasses.replace(builders.consent(state, day), person=person)


def decide(item: Item, case: Case) -> tuple[bool, str]:
    decision = DisclosureRule(PROTOCOL).decide_for(item, "housing", case)
    return decision.visible, decision.reason


def test_an_item_about_the_victim_reads_the_victims_records_named_or_not():
    for record in (given_by(None), given_by("p1")):
        assert decide(about(VICTIM), case_with(record))[0]
        assert decide(about(None), case_with(record))[0]


def test_the_victims_consent_does_not_open_an_other_adults_information():
    visible, reason = decide(about(ADULT), case_with(given_by(None)))
    assert not visible
    assert "only with the consent of Piotr Example (other adult), and no consent is recorded" in (
        reason
    )


def test_an_other_adults_own_consent_opens_their_information_and_only_theirs():
    records = (given_by("p2"), given_by(None, day=2, state=ConsentState.REFUSED))
    assert decide(about(ADULT), case_with(*records))[0]
    visible, reason = decide(about(VICTIM), case_with(*records))
    assert not visible
    assert "only with the consent of the victim, and consent was refused on 2 Nov 2026" in reason


def test_an_other_adults_refusal_is_named_in_the_reason():
    records = (given_by(None, day=3), given_by("p2", day=2, state=ConsentState.REFUSED))
    visible, reason = decide(about(ADULT), case_with(*records))
    assert not visible
    assert "of Piotr Example (other adult), and consent was refused on 2 Nov 2026" in reason


def test_a_childs_and_a_perpetrators_information_reads_the_victims_consent():
    for person in (CHILD, PERPETRATOR):
        assert decide(about(person), case_with(given_by(None)))[0]
        assert not decide(about(person), case_with(given_by("p2")))[0]
        refused = case_with(given_by(None, state=ConsentState.REFUSED))
        assert "of the victim, and consent was refused" in decide(about(person), refused)[1]


def test_a_shown_entrys_reason_says_whose_consent_without_a_name():
    """The reason of a shown entry travels in the agency's view, where the adult's name may
    be withheld: it says the role only."""
    visible, reason = decide(about(ADULT), case_with(given_by("p2")))
    assert visible
    assert "with the consent of the other adult it is about given on 1 Nov 2026" in reason
    assert "Piotr" not in reason
    assert (
        "with the consent of the victim given on 1 Nov 2026"
        in decide(about(VICTIM), case_with(given_by(None)))[1]
    )


def test_a_remembering_rule_never_lets_one_persons_consent_stand_for_anothers():
    rule = DisclosureRule(PROTOCOL)
    the_case = case_with(given_by("p2"))
    assert rule.decide_for(about(ADULT), "housing", the_case).visible
    assert not rule.decide_for(about(VICTIM), "housing", the_case).visible
    assert rule.decide_for(about(ADULT), "housing", the_case).visible


def whose_item(case: Case, thing: Item) -> str | None:
    """Whose consent governs an item, said again here (random cases have one victim,
    "p0"): an other adult's for information about them, else the victim's (None)."""
    about = case.person(thing.person) if thing.person else None
    return about.id if about and about.role is PersonRole.OTHER_ADULT else None


def whose_record(case: Case, record: Consent) -> str | None:
    """Whose answer a record is: the victim's (None) when it names nobody or the victim, an
    other adult's when it names one, nobody's ("-") when it names anyone else."""
    if record.person in (None, "p0"):
        return None
    named = case.person(record.person)
    return named.id if named and named.role is PersonRole.OTHER_ADULT else "-"


@given(protocols(), cases(), consents())
def test_consent_given_by_one_person_never_opens_another_persons_information(
    protocol, case, record
):
    """Adding any record of one person changes no decision on an entry whose consent is
    another person's: neither what is shown nor the reason."""
    record = dataclasses.replace(record, state=ConsentState.GIVEN)
    after = dataclasses.replace(case, consents=(*case.consents, record))
    for thing in case.items:
        if whose_item(case, thing) == whose_record(case, record):
            continue
        for agency in (*AGENCIES, "observer"):
            before = DisclosureRule(protocol).decide_for(thing, agency, case)
            assert DisclosureRule(protocol).decide_for(thing, agency, after) == before
