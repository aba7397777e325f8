"""The rule remembers decisions for speed; what it remembers must never stand in for a
decision that would differ: another case's consent, children or override, another date
decided as of (an override ends), nor the date a reason prints."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.domain import ConsentState
from mara_desktop.protocol.rule import DisclosureRule
from tests.support import builders
from tests.support.strategies import (
    AGENCIES,
    FIRST_DECIDED,
    cases,
    consents,
    days_from,
    overrides,
    protocols,
)


@given(
    protocols(),
    cases(),
    st.lists(
        st.tuples(
            st.booleans(),
            st.lists(consents(), max_size=2),
            st.lists(overrides(), max_size=1),
        ),
        min_size=1,
        max_size=4,
    ),
    st.lists(days_from(FIRST_DECIDED), min_size=1, max_size=3),
)
def test_a_remembering_rule_decides_as_a_fresh_one(protocol, base, variants, dates):
    """The same items in cases that differ only in children, consent and overrides, decided
    as of several dates (overrides' last days fall among them): the first pass fills the
    memory, the second is answered from it."""
    worlds = [base] + [
        dataclasses.replace(
            base, children_involved=kids, consents=tuple(given_), overrides=tuple(risky)
        )
        for kids, given_, risky in variants
    ]
    remembering = DisclosureRule(protocol)
    for _ in range(2):
        for on in dates:
            for case in worlds:
                for thing in [*case.items, *case.actions]:
                    for agency in (*AGENCIES, "observer"):
                        fresh = DisclosureRule(protocol).decide_for(thing, agency, case, on)
                        assert remembering.decide_for(thing, agency, case, on) == fresh


def test_equal_instants_written_in_other_offsets_keep_their_own_dates():
    """11:30 pm on 3 Nov at UTC-1 is 00:30 on 4 Nov UTC: equal moments, two dates printed."""
    protocol = builders.make_protocol(builders.rule(["health"], ["housing"], ["consent"]))
    late = datetime(2026, 11, 3, 23, 30, tzinfo=timezone(timedelta(hours=-1)))
    early = datetime(2026, 11, 4, 0, 30, tzinfo=UTC)
    assert late == early
    rule = DisclosureRule(protocol)
    reasons = []
    for moment in (late, early):
        refusal = dataclasses.replace(builders.consent(ConsentState.REFUSED), recorded_at=moment)
        the_case = builders.case(consents=(refusal,))
        reasons.append(rule.decide_for(builders.item(), "housing", the_case).reason)
    assert "3 Nov 2026" in reasons[0] and "4 Nov 2026" in reasons[1]


def test_a_decision_remembered_for_one_date_is_not_given_for_the_next():
    """The same override asked about on its last day and on the day after, in both orders."""
    protocol = builders.make_protocol("")
    ending = dataclasses.replace(
        builders.override(("health",), ("housing",)), until=date(2026, 11, 20)
    )
    the_case = builders.case(overrides=(ending,))
    for days in ((20, 21), (21, 20)):
        rule = DisclosureRule(protocol)
        seen = [
            rule.decide_for(builders.item(), "housing", the_case, date(2026, 11, d)).visible
            for d in days
        ]
        assert seen == [d == 20 for d in days]
