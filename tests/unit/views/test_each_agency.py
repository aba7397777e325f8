"""Every agency's views built together are exactly the views each agency gets alone.

`each_agency_view` decides each entry once for all the agencies and remembers what the
steps read across cases (DisclosureRule.decide_for_each); the pinned rule, decided afresh
for one agency at a time, is the reference it must match, value for value.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.domain import Attendance, AttendanceStatus, Audience, Conference
from mara_desktop.protocol.rule import DisclosureRule
from mara_desktop.views import ViewBuilder, conference_view
from mara_desktop.views import builder as builder_module
from mara_desktop.views.builder import case_entries
from mara_desktop.views.each_agency import each_agency_view
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

KEY = b"k" * 32

everyone = st.permutations((*AGENCIES, "observer")).flatmap(
    lambda order: st.integers(1, len(order)).map(lambda n: order[:n])
)
"""Some agencies (and perhaps the observers), in any order."""

variants = st.lists(
    st.tuples(st.booleans(), st.lists(consents(), max_size=2), st.lists(overrides(), max_size=1)),
    max_size=3,
)
"""Cases that differ from a first one only in children, consent and overrides: what the
rule's memory of what a case reads must tell apart."""


def conference_of(case_ids, on, agencies):
    attendance = tuple(Attendance(a, a, AttendanceStatus.PRESENT) for a in agencies)
    return Conference("conf", "MARAC", on, "Room 1", "Chair", tuple(case_ids), attendance)


@given(protocols(), cases(), cases(), variants, days_from(FIRST_DECIDED), everyone)
def test_each_agencys_view_is_the_view_it_gets_alone(
    protocol, first, second, changes, on, agencies
):
    worlds = [first, second] + [
        dataclasses.replace(first, children_involved=kids, consents=tuple(c), overrides=tuple(o))
        for kids, c, o in changes
    ]
    cases_by_id = {
        f"case-{n}": dataclasses.replace(case, id=f"case-{n}") for n, case in enumerate(worlds)
    }
    conference = conference_of(cases_by_id, on, agencies)
    builder = ViewBuilder(protocol, KEY)
    for _ in range(2):  # the second time, from what the builder's rule remembers
        together = each_agency_view(builder, conference, cases_by_id, agencies)
        assert list(together) == list(agencies)
        for agency in agencies:
            alone = ViewBuilder(protocol, KEY)
            expected = conference_view(alone, conference, cases_by_id, Audience.of([agency]))
            assert together[agency] == expected


@given(protocols(), cases(), variants, st.lists(days_from(FIRST_DECIDED), min_size=1, max_size=2))
def test_deciding_for_every_agency_gives_each_agencys_own_decision(protocol, base, changes, dates):
    """Every entry of cases that differ only in what the conditions read, decided for every
    agency at once by one remembering rule, on several dates: each decision is the one a
    fresh rule gives that agency alone."""
    worlds = [base] + [
        dataclasses.replace(base, children_involved=kids, consents=tuple(c), overrides=tuple(o))
        for kids, c, o in changes
    ]
    agencies = (*AGENCIES, "observer")
    remembering = DisclosureRule(protocol)
    for _ in range(2):
        for on in dates:
            for case in worlds:
                entries = list(case_entries(case, protocol).values())
                decided = remembering.decide_for_each(entries, agencies, case, on)
                for entry, each in zip(entries, decided, strict=True):
                    fresh = DisclosureRule(protocol)
                    assert each == tuple(fresh.decide_for(entry, a, case, on) for a in agencies)


def test_the_chair_is_not_an_agency():
    builder = ViewBuilder(builders.make_protocol(""))
    conference = conference_of([], date(2026, 11, 26), ["police"])
    with pytest.raises(ValueError, match="chair"):
        each_agency_view(builder, conference, {}, ["police", "chair"])


@given(
    protocols(),
    st.lists(cases(), min_size=1, max_size=4),
    st.one_of(st.none(), days_from(FIRST_DECIDED)),
    st.sampled_from([1, 2, 10_000]),
)
def test_the_chairs_view_from_a_builder_that_saw_other_cases_is_a_fresh_builders(
    protocol, worlds, on, kept
):
    """The chair's builder keeps who may see an entry by the tuple of decisions it was made
    from, across cases (and starts afresh past `kept`): each case's view is still the one a
    new builder gives it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder_module, "REMEMBERED_ACCESSES", kept)
        seasoned = ViewBuilder(protocol, KEY)
        numbered = [dataclasses.replace(c, id=f"case-{n}") for n, c in enumerate(worlds)]
        for _ in range(2):
            for case in numbered:
                fresh = ViewBuilder(protocol, KEY).case_view(case, Audience.chair(), on=on)
                assert seasoned.case_view(case, Audience.chair(), on=on) == fresh
