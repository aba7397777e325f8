"""Groups of agencies: what `protocol check` refuses, and that a group id stands for its
members wherever agencies are listed (rules, consent scopes, overrides)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given

from mara_desktop.domain import Audience, Case, ConsentState
from mara_desktop.minutes.notice import Reader, notice_blocks
from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.matrix import as_text, cell
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.records import RecordRules
from mara_desktop.protocol.rule import DisclosureRule
from tests.support.builders import case, consent, item, make_protocol, override, rule
from tests.support.strategies import MEMBERS, audiences, cases, protocols

HEALTH = (
    '\n[[group]]\nid = "health-bodies"\nname = "All health bodies"\nagencies = ["health", "csc"]\n'
)


def problems(rules: str) -> list[str]:
    with pytest.raises(ProtocolError) as caught:
        make_protocol(rules)
    return [line.split(" ", 1)[1] for line in caught.value.details]


def test_a_group_naming_an_unknown_agency_is_refused_naming_both() -> None:
    bad = HEALTH.replace('"csc"]', '"gp"]')
    assert problems(bad) == [
        '[[group]] #1 agencies: group "health-bodies" names unknown agency "gp"'
    ]


def test_an_empty_group_is_refused() -> None:
    assert problems(HEALTH.replace('["health", "csc"]', "[]")) == [
        '[[group]] #1 agencies: group "health-bodies" names no agency'
    ]


def test_a_group_cannot_hold_observers_or_another_group() -> None:
    nested = HEALTH + HEALTH.replace("health-bodies", "all").replace(
        '"health", "csc"', '"health-bodies"'
    )
    assert problems(nested) == [
        '[[group]] #2 agencies: group "all" names "health-bodies", which is not an agency (a group lists agencies only)'
    ]
    assert problems(HEALTH.replace('"csc"]', '"observer"]')) == [
        '[[group]] #1 agencies: group "health-bodies" names "observer", which is not an agency (a group lists agencies only)'
    ]


def test_group_ids_are_unique_and_never_an_agencys() -> None:
    assert problems(HEALTH + HEALTH) == ['[[group]] #2 id: duplicate id "health-bodies"']
    assert problems(HEALTH.replace('id = "health-bodies"', 'id = "housing"')) == [
        '[[group]] #1 id: "housing" is already an agency\'s id; a group needs an id of its own'
    ]


def test_a_rule_naming_a_group_grants_to_its_members_only() -> None:
    protocol = make_protocol(HEALTH + rule(["health"], ["health-bodies"]))
    (granting,) = protocol.rules
    assert granting.agencies == ("health-bodies",)
    assert granting.members == {"health", "csc"}
    assert [
        a for a in ("police", "idva", "housing", "health", "csc") if cell(protocol, "health", a)
    ] == [
        "health",
        "csc",
    ]
    assert "health-bodies  All health bodies: 4, 5" in as_text(protocol)


def test_a_reason_names_the_group_the_rule_shares_with() -> None:
    protocol = make_protocol(HEALTH + rule(["health"], ["health-bodies", "police"]))
    decide = DisclosureRule(protocol).decide_for
    note = item(source="idva")
    assert (
        decide(note, "csc", case()).reason
        == "Shared with Csc by rule 1, which shares with All health bodies (lawful basis: Public task)."
    )
    assert (
        decide(note, "police", case()).reason
        == "Shared with Police by rule 1 (lawful basis: Public task)."
    )


def test_consent_and_overrides_may_name_a_group_and_mean_its_members() -> None:
    protocol = make_protocol(HEALTH + rule(["health"], ["*"], ["consent"]))
    decide = DisclosureRule(protocol).decide_for
    given = case(consents=(consent(ConsentState.GIVEN, agencies=("health-bodies",)),))
    note = item(source="idva")
    assert [
        a for a in ("police", "housing", "health", "csc") if decide(note, a, given).visible
    ] == [
        "health",
        "csc",
    ]
    overridden = case(overrides=(override(("location",), ("health-bodies",)),))
    place = item(category="location", source="idva")
    assert decide(place, "csc", overridden).visible
    assert not decide(place, "housing", overridden).visible


def test_records_may_name_a_group_but_not_an_unknown_id() -> None:
    rules = RecordRules(make_protocol(HEALTH + rule(["health"], ["idva"])))
    assert rules.consent(agencies=["health-bodies"], categories=["*"], recorded_by="IDVA") == []
    assert (
        rules.override(
            categories=["health"],
            agencies=["health-bodies"],
            lawful_basis="vital",
            justification="Threats to kill made on 1 Nov; bail breached.",
            decided_by="Chair",
        )
        == []
    )
    (wrong,) = rules.consent(agencies=["health-body"], categories=["*"], recorded_by="IDVA")
    assert wrong.phrase == 'unknown agency "health-body" (did you mean "health-bodies"?)'


def listed_one_by_one(protocol: Protocol, case: Case) -> tuple[Protocol, Case]:
    """The same protocol and case with every group id replaced by its members."""

    def spelled(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for i in ids for a in MEMBERS.get(i, (i,))))

    rules = tuple(
        dataclasses.replace(r, agencies=spelled(r.agencies), members=frozenset())
        for r in protocol.rules
    )
    return dataclasses.replace(protocol, rules=rules, groups=()), dataclasses.replace(
        case,
        consents=tuple(dataclasses.replace(c, agencies=spelled(c.agencies)) for c in case.consents),
        overrides=tuple(
            dataclasses.replace(o, agencies=spelled(o.agencies)) for o in case.overrides
        ),
    )


@given(protocols(), cases(), audiences)
def test_a_group_decides_exactly_as_its_members_listed_one_by_one(protocol, case, room):
    plain_protocol, plain_case = listed_one_by_one(protocol, case)
    audience = Audience.of(room)
    grouped, plain = DisclosureRule(protocol), DisclosureRule(plain_protocol)
    for thing in [*case.items, *case.actions]:
        assert (
            grouped.decide(thing, audience, case).visible
            == plain.decide(thing, audience, plain_case).visible
        )


def test_the_victims_notice_names_each_agency_of_a_group() -> None:
    protocol = make_protocol(HEALTH + rule(["health"], ["health-bodies"], ["consent"]))
    text = " ".join(f"{b.lead} {b.text}" for b in notice_blocks(protocol, Reader.VICTIM))
    assert "Health: If you agree: Health and Csc." in text
