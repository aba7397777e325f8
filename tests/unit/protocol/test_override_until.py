"""An override with a last day (`until`): it applies on dates up to and including that day,
and a decision is made as of a date (DESIGN.md, "Pinned additions (second round)")."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.domain import Audience, ConsentState
from mara_desktop.protocol.rule import DisclosureRule, Step
from tests.support.builders import case, consent, item, make_protocol, override, rule
from tests.support.strategies import FIRST_DECIDED, audiences, cases, days_from, protocols

CONSENT = make_protocol(rule(["health"], ["housing"], ["consent"]))
LAST_DAY = date(2026, 11, 20)


def ending_case(until: date | None = LAST_DAY):
    """Consent refused; an override shares health with housing up to `until`."""
    ending = dataclasses.replace(override(("health",), ("housing",)), until=until)
    return case(consents=(consent(ConsentState.REFUSED),), overrides=(ending,))


def decide_on(day: date, the_case=None):
    return DisclosureRule(CONSENT).decide_for(item(), "housing", the_case or ending_case(), day)


def test_an_override_applies_on_its_last_day():
    decision = decide_on(LAST_DAY)
    assert decision.visible and decision.step is Step.OVERRIDE
    assert "until 20 Nov 2026" in decision.reason


def test_an_override_no_longer_applies_the_day_after_its_last_day():
    decision = decide_on(date(2026, 11, 21))
    assert not decision.visible and decision.step is Step.CONDITION_FAILED
    assert "consent" in decision.reason
    assert "shared it until 20 Nov 2026; it has ended." in decision.reason


def test_an_override_without_a_last_day_never_ends():
    decision = decide_on(date(2036, 1, 1), ending_case(until=None))
    assert decision.visible and decision.step is Step.OVERRIDE
    assert "until" not in decision.reason


def test_a_later_override_still_in_force_decides_over_one_that_ended():
    ended = dataclasses.replace(override(("health",), ("housing",), day=2), until=date(2026, 11, 5))
    lasting = override(("health",), ("housing",), day=1)
    the_case = case(consents=(consent(ConsentState.REFUSED),), overrides=(ended, lasting))
    decision = decide_on(date(2026, 11, 10), the_case)
    assert decision.visible and decision.override == lasting


def test_an_ended_override_is_not_mentioned_where_a_rule_shares_anyway():
    granting = make_protocol(rule(["health"], ["housing"]))
    ended = ending_case()
    decision = DisclosureRule(granting).decide_for(item(), "housing", ended, date(2026, 12, 1))
    assert decision.visible and decision.step is Step.RULE
    assert "ended" not in decision.reason


def test_without_a_date_a_decision_is_made_as_of_today():
    """The override ended yesterday (whatever day the test runs on)."""
    yesterday = date.fromordinal(date.today().toordinal() - 1)
    rule_ = DisclosureRule(CONSENT)
    assert not rule_.decide_for(item(), "housing", ending_case(yesterday)).visible
    assert rule_.decide_for(item(), "housing", ending_case(date.today())).visible


@given(
    protocols(),
    cases(),
    audiences,
    days_from(FIRST_DECIDED),
    st.data(),
)
def test_a_later_until_never_hides_more(protocol, the_case, room, on, data):
    """Whatever the case and its overrides, moving any override's last day later (or
    removing it) shows the room as much as before, or more."""
    later = tuple(
        dataclasses.replace(
            o,
            until=None
            if o.until is None
            else data.draw(st.none() | days_from(o.until, 10), label="later until"),
        )
        for o in the_case.overrides
    )
    audience = Audience.of(room)
    rule_ = DisclosureRule(protocol)
    things = [*the_case.items, *the_case.actions]

    def shown(overrides) -> set[str]:
        world = dataclasses.replace(the_case, overrides=overrides)
        return {t.id for t in things if rule_.decide(t, audience, world, on).visible}

    assert shown(the_case.overrides) <= shown(later)
