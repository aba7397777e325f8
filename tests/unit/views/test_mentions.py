"""The free-text check finds visible text mentioning withheld people and values, and only those."""

from __future__ import annotations

from datetime import date

from mara_desktop.demo import DEMO_CONFERENCE, demo_data_path
from mara_desktop.domain import Action, Audience, Case, Item, Person, PersonRole, Subject
from mara_desktop.interchange.document import read_import
from mara_desktop.interchange.reader import Existing
from mara_desktop.views.builder import ViewBuilder, case_entries, hearing_order
from mara_desktop.views.mentions import (
    CaseTexts,
    Mention,
    MentionKind,
    case_mentions,
    conference_mentions,
)
from tests.support.builders import case, make_protocol, rule

IDENTITIES = """
[[category]]
id = "victim-identity"
name = "Victim identity"
subject = "victim"
identity = true

[[category]]
id = "child-identity"
name = "Child identity"
subject = "child"
identity = true
"""
PROTOCOL = make_protocol(
    IDENTITIES
    + rule(["victim-identity", "actions", "referral"], ["*"])
    + rule(["child-identity"], ["csc"])
    + rule(["location"], ["police"])
)
VICTIM = Person("p1", PersonRole.VICTIM, "Mary Smith")
SUSAN = Person("p2", PersonRole.CHILD, "Susan Smith", born=date(2015, 3, 4))
ZOE = Person("p3", PersonRole.CHILD, "Zoë Brontë")
LI = Person("p4", PersonRole.CHILD, "Li Wu")
ADDRESS = Item(
    "i1",
    "location",
    "police",
    Subject.VICTIM,
    "Moved to 12 Elm Road on 14/03/2026; new phone 07700 900123. Seen there 3 times.",
)


def visible_action(text: str) -> Action:
    return Action("a1", "housing", "actions", text, date(2026, 12, 1))


def mentions_for(agency: str, text: str, *people: Person) -> list[Mention]:
    with_people = case(items=(ADDRESS,), actions=(visible_action(text),))
    checked = Case(
        with_people.id,
        with_people.reference,
        True,
        with_people.referral,
        people=(VICTIM, *people),
        items=with_people.items,
        actions=with_people.actions,
    )
    texts = CaseTexts(checked, case_entries(checked, PROTOCOL))
    rule_ = ViewBuilder(PROTOCOL).rule
    return case_mentions(rule_, texts, Audience.of([agency]), date(2026, 11, 26))


def test_a_planted_name_is_found_for_the_agency_that_may_not_see_the_person():
    text = "Arrange a carer's assessment with her daughter Susan."
    found = mentions_for("housing", text, SUSAN)
    assert [(m.entry_id, m.kind, m.mentioned, m.withheld_id) for m in found] == [
        ("a1", MentionKind.NAME, ("Susan",), "p2")
    ]
    assert found[0].audience == ("housing",)
    assert "Housing" in found[0].reason


def test_the_same_name_is_not_a_finding_for_the_agency_that_may_see_the_person():
    assert mentions_for("csc", "Arrange an assessment with her daughter Susan.", SUSAN) == []


def test_a_family_name_the_audience_sees_on_another_person_is_no_finding():
    assert mentions_for("housing", "Visit Mrs Smith at home.", SUSAN) == []


def test_names_are_compared_with_case_and_accents_folded():
    found = mentions_for("housing", "Ask ZOE BRONTE's school", ZOE)
    assert [m.mentioned for m in found] == [("Zoë", "Brontë")]


def test_a_name_inside_a_longer_word_is_no_finding():
    ann = Person("p5", PersonRole.CHILD, "Ann Lee")
    assert mentions_for("housing", "Annual review at Leeds; Annabel to attend.", ann) == []
    assert [m.mentioned for m in mentions_for("housing", "Ann's review", ann)] == [("Ann",)]


def test_name_words_shorter_than_three_letters_are_not_searched():
    assert mentions_for("housing", "Li and Wu to be told", LI) == []


def test_a_withheld_date_of_birth_written_with_digits_is_found():
    found = mentions_for("housing", "Child born 4/3/2015 to be registered.", SUSAN)
    assert [m.mentioned for m in found] == [("2015-03-04",)]


def test_a_planted_address_is_found_for_the_agency_that_may_not_see_it_only():
    text = "Housing to inspect 12 elm road before the tenancy panel."
    found = mentions_for("housing", text)
    assert [(m.kind, m.mentioned, m.withheld_id) for m in found] == [
        (MentionKind.VALUE, ("12 Elm Road",), "i1")
    ]
    assert found[0].withheld_category == "location"
    assert mentions_for("police", text) == []


def test_a_phone_number_is_found_however_it_is_spaced():
    found = mentions_for("housing", "Call her on 07700-900-123 first.")
    assert [m.mentioned for m in found] == [("07700 900123",)]


def test_ordinary_words_dates_and_small_numbers_of_a_withheld_entry_are_no_finding():
    text = "Moved on 14/03/2026 after she was seen there 3 times; new tenancy from 12 May."
    assert mentions_for("housing", text) == []


def test_a_room_is_checked_as_one_audience_that_must_all_see_a_person():
    text = "Arrange an assessment with her daughter Susan."
    with_people = case(actions=(visible_action(text),))
    checked = Case("c1", "REF-1", True, with_people.referral, people=(VICTIM, SUSAN),
                   actions=with_people.actions)  # fmt: skip
    texts = CaseTexts(checked, case_entries(checked, PROTOCOL))
    rule_ = ViewBuilder(PROTOCOL).rule
    room = case_mentions(rule_, texts, Audience.of(["csc", "housing"]), date(2026, 11, 26))
    assert [(m.audience, m.mentioned) for m in room] == [(("csc", "housing"), ("Susan",))]
    assert case_mentions(rule_, texts, Audience.of(["csc"]), date(2026, 11, 26)) == []


def test_mentions_for_many_audiences_at_once_are_each_audiences_own(protocol):
    """An export asks for every copy's mentions together (each case's entries decided once
    for all the agencies): they are those each audience gets asked alone, on the demo
    conference (whose action a01 names a daughter most agencies may not see)."""
    reading = read_import(demo_data_path(), protocol, Existing(), update=False)
    cases = {case.id: case for batch in reading.case_batches() for case in batch}
    [conference] = [c for c in reading.conferences() if c.id == DEMO_CONFERENCE]
    audiences = [Audience.of([agency.id]) for agency in protocol.agencies]
    audiences += [Audience.of(["csc", "housing"]), Audience.chair()]
    together = conference_mentions(ViewBuilder(protocol).rule, conference, cases, audiences)
    alone_rule = ViewBuilder(protocol).rule
    for audience in audiences:
        alone = [
            mention
            for heard in hearing_order(conference, cases)
            for mention in case_mentions(
                alone_rule, CaseTexts(heard, case_entries(heard, protocol)), audience,
                conference.date,
            )
        ]  # fmt: skip
        assert together[audience] == alone, audience
    assert sum(len(found) for found in together.values()) >= 12
