"""The demo conference viewed as each agency matches what the default protocol's comments say.

The expectations below were worked out by hand from the comments of
resources/protocols/england-wales-marac.toml and the demo data, never by asking the rule,
so this test fails if the rule, the views or the protocol drift from what the protocol tells
its readers. Each set names the rule comments that grant it; a reader can check every line
against the protocol file without running anything.

Facts of the demo the table relies on (resources/demo/demo-conference.json):
children in cases 01, 02, 04, 06, 08, 11; latest consent: 01, 06, 08, 10, 11 given to all
for everything; 02 refused; 03 withdrawn; 04 given to idva and gp for victim-health only;
05 not sought; 07 none recorded; 09 given to all for victim-health only; 12 given to idva
and specialist for immigration only. One override: case-02, victim-location to housing and
fire.
"""

from __future__ import annotations

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, demo_data_path
from mara_desktop.domain import OBSERVER, Audience, CaseFileContent
from mara_desktop.interchange.document import read_import
from mara_desktop.interchange.reader import Existing
from mara_desktop.views import ViewBuilder
from mara_desktop.views.audiences import room_audience

AGENCIES = frozenset(
    {
        "police", "idva", "csc", "asc", "gp", "hospital", "mental-health", "probation",
        "housing", "education", "drug-alcohol", "specialist", "fire",
    }
)  # fmt: skip


def only(*agencies: str) -> frozenset[str]:
    return frozenset(agencies)


EVERY = AGENCIES
"""Rules 1 and 2 ("*"), and rule 6 in a children's case: every agency, never observers."""
POLICE_IDVA = only("police", "idva")
"""Rule 3: the victim's location and safe contact details."""
HEALTH_WITH_CONSENT = only(
    "idva", "gp", "hospital", "mental-health", "drug-alcohol", "asc", "specialist"
)
"""Rules 4 and 13: the victim's health, when the latest consent covers it."""
PERPETRATOR_RISK = only("police", "probation", "idva", "housing", "specialist")
"""Rule 8: the perpetrator's whereabouts, history and criminal justice matters."""
PERPETRATOR_RISK_CHILDREN = PERPETRATOR_RISK | {"csc"}
"""Rules 8 and 9 in a children's case."""
HISTORY = PERPETRATOR_RISK | {"gp", "hospital", "mental-health", "fire", "asc"}
"""Rules 8 and 10: the perpetrator's history (adults-only case)."""
HISTORY_CHILDREN = HISTORY | {"csc"}
"""Rules 8, 9 and 10: the perpetrator's history in a children's case."""
HOUSING = only("housing", "idva", "police", "asc", "specialist")
"""Rule 11: housing and tenancy."""
HOUSING_CHILDREN = HOUSING | {"csc"}
"""Rules 11 and 7: housing and tenancy in a children's case."""

ITEMS: dict[tuple[str, str], frozenset[str]] = {
    # case-01: children; consent given to all for everything.
    ("case-01", "i01"): EVERY,  # risk-summary, rule 1
    ("case-01", "i02"): POLICE_IDVA,  # victim-location (idva's), rule 3
    ("case-01", "i03"): POLICE_IDVA,  # victim-contact (idva's), rule 3
    ("case-01", "i04"): HEALTH_WITH_CONSENT,  # victim-health (gp's), rules 4 and 13
    ("case-01", "i05"): EVERY,  # child-welfare, rule 6 (children)
    ("case-01", "i06"): HISTORY_CHILDREN,  # perpetrator-history, rules 8, 9, 10
    ("case-01", "i07"): only("police", "probation"),  # criminal-justice restricted by police
    ("case-01", "i08"): EVERY,  # victim-views, rule 2
    # case-02: children; consent refused; override: victim-location to housing and fire.
    ("case-02", "i01"): EVERY,  # risk-summary, rule 1
    ("case-02", "i02"): POLICE_IDVA | {"housing", "fire"},  # victim-location, rule 3 + override
    ("case-02", "i03"): only("hospital"),  # victim-health: refused, only its source
    ("case-02", "i04"): HISTORY_CHILDREN,  # perpetrator-history (probation's), rules 8, 9, 10
    ("case-02", "i05"): EVERY,  # child-welfare, rule 6 (children)
    ("case-02", "i06"): EVERY,  # victim-views, rule 2
    # case-03: adults only; consent given, then withdrawn (the latest).
    ("case-03", "i01"): EVERY,  # risk-summary, rule 1
    ("case-03", "i02"): only("specialist"),  # immigration: withdrawn, only its source
    ("case-03", "i03"): only("hospital"),  # victim-health: withdrawn, only its source
    ("case-03", "i04"): POLICE_IDVA | {"specialist"},  # victim-contact, rule 3 + its source
    ("case-03", "i05"): PERPETRATOR_RISK,  # perpetrator-location, rule 8 (no children: no csc)
    ("case-03", "i06"): EVERY,  # victim-views, rule 2
    # case-04: children; consent given to idva and gp for victim-health only.
    ("case-04", "i01"): EVERY,  # risk-summary, rule 1
    ("case-04", "i02"): only("idva", "gp"),  # victim-health, rule 4 within the consent's scope
    ("case-04", "i03"): only("drug-alcohol"),  # substance-use: not consented, only its source
    ("case-04", "i04"): EVERY,  # child-welfare, rule 6 (children)
    ("case-04", "i05"): HOUSING_CHILDREN,  # housing, rules 11 and 7
    # case-05: adults only; consent not sought.
    ("case-05", "i01"): EVERY,  # risk-summary, rule 1
    ("case-05", "i02"): only("drug-alcohol"),  # substance-use: no consent, only its source
    ("case-05", "i03"): HISTORY,  # perpetrator-history, rules 8 and 10
    ("case-05", "i04"): only("police", "idva", "probation"),  # restricted by police
    # case-06: children; consent given to all for everything.
    ("case-06", "i01"): EVERY,  # risk-summary, rule 1
    ("case-06", "i02"): EVERY,  # child-welfare, rule 6 (children)
    ("case-06", "i03"): POLICE_IDVA,  # victim-location (police's), rule 3
    ("case-06", "i04"): EVERY,  # victim-views, rule 2
    # case-07: adults only; no consent recorded.
    ("case-07", "i01"): EVERY,  # risk-summary, rule 1
    ("case-07", "i02"): POLICE_IDVA,  # victim-contact (police's), rule 3
    ("case-07", "i03"): HISTORY,  # perpetrator-history, rules 8 and 10
    ("case-07", "i04"): HOUSING,  # housing, rule 11 (rule 7 needs children)
    # case-08: children; consent given to all for everything.
    ("case-08", "i01"): EVERY,  # risk-summary, rule 1
    ("case-08", "i02"): PERPETRATOR_RISK_CHILDREN,  # criminal-justice, rules 8 and 9
    ("case-08", "i03"): EVERY,  # child-welfare, rule 6 (children)
    ("case-08", "i04"): POLICE_IDVA,  # victim-location (idva's), rule 3
    # case-09: adults only; consent given to all for victim-health only.
    ("case-09", "i01"): EVERY,  # risk-summary, rule 1
    ("case-09", "i02"): HEALTH_WITH_CONSENT,  # victim-health, rules 4 and 13
    ("case-09", "i03"): only("drug-alcohol"),  # substance-use: not consented, only its source
    ("case-09", "i04"): HOUSING,  # housing, rule 11
    # case-10: adults only; consent given to all for everything.
    ("case-10", "i01"): EVERY,  # risk-summary, rule 1
    ("case-10", "i02"): HEALTH_WITH_CONSENT,  # victim-health, rules 4 and 13
    ("case-10", "i03"): only("police", "idva", "probation"),  # restricted by police
    ("case-10", "i04"): PERPETRATOR_RISK,  # perpetrator-location, rule 8
    # case-11: children; consent given to all for everything.
    ("case-11", "i01"): EVERY,  # risk-summary, rule 1
    ("case-11", "i02"): EVERY,  # child-welfare, rule 6 (children)
    ("case-11", "i03"): PERPETRATOR_RISK_CHILDREN,  # perpetrator-location, rules 8 and 9
    ("case-11", "i04"): EVERY,  # victim-views, rule 2
    # case-12: adults only; consent given to idva and specialist for immigration only.
    ("case-12", "i01"): EVERY,  # risk-summary, rule 1
    ("case-12", "i02"): POLICE_IDVA | {"specialist"},  # victim-contact, rule 3 + its source
    ("case-12", "i03"): only("idva", "specialist"),  # immigration, rule 12 with consent
    ("case-12", "i04"): EVERY,  # victim-views, rule 2
}

ACTIONS: dict[tuple[str, str], frozenset[str]] = {
    # Every action is in the "actions" category, shared with every agency by rule 1 ...
    **{
        (case_id, action_id): EVERY
        for case_id, action_ids in {
            "case-01": ("a01", "a02", "a03"),
            "case-02": ("a01", "a02", "a03"),
            "case-03": ("a01", "a02"),
            "case-04": ("a01", "a02", "a03"),
            "case-05": ("a01", "a02"),
            "case-06": ("a01", "a02"),
            "case-07": ("a01", "a02"),
            "case-08": ("p01", "p02", "a01"),
            "case-09": ("p01", "p02", "p03", "a01"),
            "case-10": ("a01",),
            "case-11": ("p01", "p02", "p03", "a01"),
            "case-12": ("a01", "a02"),
        }.items()
        for action_id in action_ids
    },
    # ... except the threats-to-life assessment, which police restricted.
    ("case-10", "a02"): only("police", "idva", "probation"),
}

CASES = tuple(f"case-{n:02d}" for n in range(1, 13))
CHILDREN_CASES = frozenset({"case-01", "case-02", "case-04", "case-06", "case-08", "case-11"})


def names_shown(agency: str, case_id: str) -> set[str]:
    """Whose names an agency reads. Victim and perpetrator identities go to every agency
    (rule 1); children's to every agency in children's cases (rule 6). No category holds the
    identity of another adult in the household, so case-09's other adult is named only to
    the agency that supplied her details (the referrer, adult social care)."""
    shown = {"v", "p"}
    if case_id in CHILDREN_CASES:
        shown |= {"c1", "c2"} if case_id in {"case-02", "case-04", "case-11"} else {"c1"}
    if case_id == "case-09" and agency == "asc":
        shown.add("o1")
    return shown


def expected_ids(table: dict[tuple[str, str], frozenset[str]], agencies: set[str]) -> dict:
    """Per case, the ids every one of `agencies` may see."""
    return {
        case_id: sorted(
            i for (c, i), allowed in table.items() if c == case_id and agencies <= allowed
        )
        for case_id in CASES
    }


@pytest.fixture(scope="module")
def demo(protocol) -> CaseFileContent:
    reading = read_import(demo_data_path(), protocol, Existing(), update=False)
    cases = [case for batch in reading.case_batches() for case in batch]
    return CaseFileContent(reading.conferences(), tuple(cases))


@pytest.fixture(scope="module")
def builder(protocol) -> ViewBuilder:
    return ViewBuilder(protocol)


def views_for(demo, builder, audience):
    return {c.id: builder.case_view(c, audience) for c in demo.cases}


def test_the_table_covers_every_item_and_action_of_the_demo(demo):
    assert {c.id for c in demo.cases} == set(CASES)
    assert {(c.id, i.id) for c in demo.cases for i in c.items} == set(ITEMS)
    assert {(c.id, a.id) for c in demo.cases for a in c.actions} == set(ACTIONS)
    assert {c.id for c in demo.cases if c.children_involved} == CHILDREN_CASES


@pytest.mark.parametrize("agency", sorted(AGENCIES))
def test_each_agency_sees_exactly_what_the_protocol_comments_say(demo, builder, agency):
    views = views_for(demo, builder, Audience.of([agency]))
    seen_items = {c: sorted(i.id for i in v.items) for c, v in views.items()}
    seen_actions = {c: sorted(a.id for a in v.actions) for c, v in views.items()}
    assert seen_items == expected_ids(ITEMS, {agency})
    assert seen_actions == expected_ids(ACTIONS, {agency})
    for case_id, view in views.items():
        assert view.header is not None, case_id  # referral, rule 1
        named = {p.id for p in view.people if p.name is not None}
        assert named == names_shown(agency, case_id), case_id


def test_the_victims_location_and_contact_go_to_police_and_idva_only(demo, builder):
    """Rule 3, the most dangerous to get wrong, spelled out on its own: besides police and
    the IDVA, only the supplying agency and case-02's override reach anyone else."""
    for case in demo.cases:
        for item in case.items:
            if item.category in {"victim-location", "victim-contact"}:
                extra = ITEMS[(case.id, item.id)] - POLICE_IDVA - {item.source}
                assert extra == ({"housing", "fire"} if case.id == "case-02" else set())


def test_observers_see_nothing_at_all(demo, builder):
    for case_id, view in views_for(demo, builder, Audience.of([OBSERVER])).items():
        assert view.header is None, case_id
        assert view.people == () and view.items == () and view.actions == (), case_id
        assert view.held_back


def test_a_room_with_an_observer_sees_nothing(demo, builder):
    room = room_audience(demo.conference(DEMO_CONFERENCE))
    assert OBSERVER in room.agencies
    for audience in (room, Audience.of(["police", "idva", OBSERVER])):
        for case_id, view in views_for(demo, builder, audience).items():
            assert view.header is None, case_id
            assert view.people == () and view.items == () and view.actions == (), case_id


def test_the_room_without_its_observer_sees_what_every_agency_present_may_see(demo, builder):
    room = room_audience(demo.conference(DEMO_CONFERENCE))
    present = set(room.agencies) - {OBSERVER}
    views = views_for(demo, builder, Audience.of(present))
    assert {c: sorted(i.id for i in v.items) for c, v in views.items()} == expected_ids(
        ITEMS, present
    )
    assert {c: sorted(a.id for a in v.actions) for c, v in views.items()} == expected_ids(
        ACTIONS, present
    )


def test_the_chair_sees_everything_marked_with_who_may_see_it(demo, builder):
    for case in demo.cases:
        view = builder.case_view(case, Audience.chair())
        assert view.header is not None
        assert all(p.name is not None for p in view.people)
        assert [i.id for i in view.items] == [i.id for i in case.items]
        assert [a.id for a in view.actions] == [a.id for a in case.actions]
        for shown in view.items:
            assert set(shown.access.visible_to) == ITEMS[(case.id, shown.id)], shown.id
        for shown in view.actions:
            assert set(shown.access.visible_to) == ACTIONS[(case.id, shown.id)], shown.id
