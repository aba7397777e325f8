"""The consent preview lists exactly what the rule would newly show and newly hide."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from mara_desktop.domain import Audience, Consent, ConsentState
from mara_desktop.views.builder import ViewBuilder
from mara_desktop.views.consent_effect import consent_effect

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)


def answer(state: ConsentState, when: datetime = NOW) -> Consent:
    return Consent(state, ("*",), ("*",), when, "Jo Bloggs (IDVA)")


def test_withdrawing_consent_hides_the_health_entry_from_those_it_reached(demo_file):
    builder = ViewBuilder(demo_file.protocol)
    effect = consent_effect(builder, demo_file.case("case-01"), answer(ConsentState.WITHDRAWN))
    assert effect.decides and effect.shown == ()
    assert {n.item_id for n in effect.hidden} == {"i04"}
    # rule 7 (consent) reached these; rules 6 and 8 keep it with the others
    assert {n.agency for n in effect.hidden} == {
        "police", "probation", "housing", "education", "fire",
    }  # fmt: skip
    assert (
        effect.hidden[0].description == "Victim's health and mental health (from Primary care (GP))"
    )


def test_a_record_dated_before_the_latest_changes_nothing(demo_file):
    case = demo_file.case("case-03")  # withdrawn on 20 Nov 2026
    early = answer(ConsentState.GIVEN, datetime(2026, 11, 1, tzinfo=UTC))
    effect = consent_effect(ViewBuilder(demo_file.protocol), case, early)
    assert not effect.decides and effect.shown == () and effect.hidden == ()


def test_the_preview_agrees_with_the_rule_for_every_case(demo_file):
    protocol = demo_file.protocol
    builder = ViewBuilder(protocol)
    for case in demo_file.cases():
        ids = ["#header", *(p.id for p in case.people), *(i.id for i in case.items)]
        ids += [a.id for a in case.actions]
        for state in (ConsentState.GIVEN, ConsentState.REFUSED):
            consent = answer(state, datetime(2027, 1, 1, tzinfo=UTC))
            effect = consent_effect(builder, case, consent)
            after = dataclasses.replace(case, consents=(*case.consents, consent))
            shown, hidden = set(), set()
            for agency in protocol.agencies:
                audience = Audience.of([agency.id])
                before = builder.decisions_for(case, audience, ids)
                now = builder.decisions_for(after, audience, ids)
                for i in ids:
                    if now[i].visible and not before[i].visible:
                        shown.add((agency.id, i))
                    if before[i].visible and not now[i].visible:
                        hidden.add((agency.id, i))
            assert {(n.agency, n.item_id) for n in effect.shown} == shown, (case.id, state)
            assert {(n.agency, n.item_id) for n in effect.hidden} == hidden, (case.id, state)
