"""The invariants of the disclosure rule, which are its specification, over random worlds."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.domain import Audience, Consent, ConsentState
from mara_desktop.protocol.rule import DisclosureRule
from mara_desktop.views import ViewBuilder
from mara_desktop.views.serialize import case_view_data
from tests.support.strategies import audiences, cases, consents, protocols


def visible_ids(protocol, case, agencies) -> set[str]:
    rule = DisclosureRule(protocol)
    audience = Audience.of(agencies)
    things = [*case.items, *case.actions]
    return {t.id for t in things if rule.decide(t, audience, case).visible}


@given(protocols(), cases(), audiences)
def test_deny_by_default_without_rules_or_overrides(protocol, case, agencies):
    bare = dataclasses.replace(protocol, rules=())
    case = dataclasses.replace(case, overrides=())
    rule = DisclosureRule(bare)
    for agency in agencies:
        for thing in [*case.items, *case.actions]:
            mine = thing.source == agency or getattr(thing, "owner", None) == agency
            assert rule.decide_for(thing, agency, case).visible == mine


@given(protocols(), cases(), audiences, audiences)
def test_a_larger_room_never_sees_more(protocol, case, room, extra):
    smaller = visible_ids(protocol, case, room)
    larger = visible_ids(protocol, case, set(room) | set(extra))
    assert larger <= smaller


@given(
    protocols(),
    cases(),
    audiences,
    consents(),
    st.sampled_from([ConsentState.REFUSED, ConsentState.WITHDRAWN]),
)
def test_recording_a_refusal_or_withdrawal_never_reveals_more(protocol, case, room, record, state):
    before = visible_ids(protocol, case, room)
    refusal = Consent(state, record.agencies, record.categories, record.recorded_at, "Recorder")
    after_case = dataclasses.replace(case, consents=(*case.consents, refusal))
    assert visible_ids(protocol, after_case, room) <= before


@given(
    protocols(),
    cases(),
    st.sampled_from(["police", "idva", "housing", "health", "csc", "probation"]),
)
def test_a_handling_restriction_beats_every_rule_and_override(protocol, case, agency):
    rule = DisclosureRule(protocol)
    for thing in [*case.items, *case.actions]:
        if not thing.restricted_to or agency in thing.restricted_to:
            continue
        if thing.source == agency or getattr(thing, "owner", None) == agency:
            continue
        assert not rule.decide_for(thing, agency, case).visible


@given(protocols(), cases(), audiences)
def test_no_withheld_text_appears_in_a_serialized_view(protocol, case, room):
    audience = Audience.of(room)
    view = ViewBuilder(protocol).case_view(case, audience)
    written = json.dumps(case_view_data(view), ensure_ascii=False) + repr(view)
    shown = {i.id for i in view.items} | {a.id for a in view.actions}
    for thing in [*case.items, *case.actions]:
        if thing.id not in shown:
            assert thing.text not in written
    named = {p.id for p in view.people if p.name is not None}
    for person in case.people:
        if person.id not in named:
            assert person.name not in written
    if view.header is None:
        assert case.reference not in written
