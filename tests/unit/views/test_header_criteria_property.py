"""The derived header fields (dash_ticks, criteria, repeat_of) go where the header goes:
a larger room never sees more of them than a smaller one inside it (DESIGN.md, Audience:
shown only if visible to every agency in the room)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from mara_desktop.domain import Audience
from mara_desktop.views.builder import ViewBuilder
from tests.support.strategies import AGENCIES, audiences, cases, protocols

answers = st.lists(st.sampled_from([True, False, None]), min_size=24, max_size=24).map(
    lambda given: tuple((f"q{n}", a) for n, a in enumerate(given, start=1))
)


@settings(max_examples=150, deadline=None)
@given(
    protocols(),
    cases(),
    answers,
    st.one_of(st.none(), st.integers(0, 6)),
    st.lists(st.sampled_from(["old-1", "old-2"]), unique=True).map(tuple),
    audiences,
    st.lists(st.sampled_from(AGENCIES), max_size=3),
)
def test_a_larger_room_never_sees_more_of_the_derived_header(
    protocol, case, given_answers, incidents, repeat_of, room, more
):
    referral = dataclasses.replace(
        case.referral, dash_answers=given_answers, incidents_12m=incidents
    )
    case = dataclasses.replace(case, referral=referral, repeat_of=repeat_of)
    builder = ViewBuilder(protocol)
    small = builder.case_view(case, Audience.of(room)).header
    large = builder.case_view(case, Audience.of([*room, *more])).header
    if large is not None:
        assert small is not None
        assert (large.dash_ticks, large.criteria, large.repeat_of) == (
            small.dash_ticks,
            small.criteria,
            small.repeat_of,
        )
    chair = builder.case_view(case, Audience.chair()).header
    assert chair is not None and chair.repeat_of == repeat_of
    assert chair.dash_ticks == sum(1 for _, a in given_answers if a is True)
