"""What an action's owner may not see: the chair's view and the agency's, compared by the
one rule, counted by category, never carrying a value."""

from __future__ import annotations

from mara_desktop.domain import Audience
from mara_desktop.views.builder import HEADER_ID, ViewBuilder
from mara_desktop.views.unseen import Unseen, unseen_by


def unseen(builder: ViewBuilder, case, agency: str) -> list[Unseen]:
    chair = builder.case_view(case, Audience.chair())
    return unseen_by(chair, builder.case_view(case, Audience.of([agency])), builder.protocol)


def test_the_fire_service_on_case_03_lacks_three_kinds_of_information(demo_file):
    builder = ViewBuilder(demo_file.protocol)
    assert unseen(builder, demo_file.case("case-03"), "fire") == [
        Unseen("victim-contact", "Victim's safe contact details", 1, 0),
        Unseen("victim-health", "Victim's health and mental health", 1, 0),
        Unseen("immigration", "Immigration status", 1, 0),
    ]


def test_an_entry_restricted_by_its_source_is_counted_as_restricted(demo_file):
    builder = ViewBuilder(demo_file.protocol)
    found = {u.category: u for u in unseen(builder, demo_file.case("case-01"), "housing")}
    assert found["criminal-justice"] == Unseen("criminal-justice", "Criminal justice", 1, 1)
    assert found["victim-location"].beyond_override == 0


def test_a_name_no_category_covers_is_counted_by_role_and_cannot_be_overridden(demo_file):
    builder = ViewBuilder(demo_file.protocol)
    found = unseen(builder, demo_file.case("case-09"), "police")
    assert found[-1] == Unseen("", "Other adult's name", 1, 1)


def test_an_agency_that_sees_everything_lacks_nothing(demo_file):
    assert unseen(ViewBuilder(demo_file.protocol), demo_file.case("case-11"), "housing") == []


def test_the_counts_agree_with_the_rule_for_every_case_and_agency(demo_file):
    """Every entry the rule withholds from the agency (header, named people, items) is
    counted once, under its category; nothing else is."""
    protocol = demo_file.protocol
    builder = ViewBuilder(protocol)
    for case in demo_file.cases():
        ids = [HEADER_ID, *(p.id for p in case.people), *(i.id for i in case.items)]
        for agency in protocol.agencies:
            decided = builder.decisions_for(case, Audience.of([agency.id]), ids)
            withheld = sum(not d.visible for d in decided.values())
            counted = unseen(builder, case, agency.id)
            assert sum(u.entries for u in counted) == withheld, (case.id, agency.id)


def test_nothing_but_categories_and_counts_leaves(demo_file):
    builder = ViewBuilder(demo_file.protocol)
    for case in demo_file.cases():
        texts = [i.text for i in case.items] + [p.name for p in case.people] + [case.reference]
        for agency in demo_file.protocol.agencies:
            for each in unseen(builder, case, agency.id):
                shown = f"{each.category} {each.category_name}"
                assert not any(t in shown for t in texts), (case.id, each)
