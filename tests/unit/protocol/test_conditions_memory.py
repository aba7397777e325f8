"""The rule's decision memory never changes an answer, for every condition in the table.

The memory's key takes from a case what each condition says it `reads`; an entry that reads
less than its answer depends on would let one case's decision stand for another's. For each
entry, random protocols whose every rule carries it decide for random cases as the case
changes (children, a pregnancy, the victim's date of birth, a new consent record, the same
records written in another offset or made another person's, or everything but the items
redrawn) and back again: a remembering rule must answer each
question as a rule that has never decided anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta, timezone
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mara_desktop.domain import Case, Consent, PersonRole
from mara_desktop.protocol.conditions import TABLE, Condition
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.rule import DisclosureRule
from tests.support.strategies import (
    AGENCIES,
    CONSENTERS,
    births,
    cases,
    consents,
    protocols,
    rules,
)

Change = Callable[[Case], Case]
OFFSETS = tuple(timezone(timedelta(hours=h)) for h in (-11, -1, 0, 5, 13))
"""Far enough from UTC that the same instant falls on another day, as a reason prints it."""


def with_children(children: bool, case: Case) -> Case:
    return dataclasses.replace(case, children_involved=children)


def with_pregnancy(pregnancy: bool, case: Case) -> Case:
    return dataclasses.replace(case, pregnancy=pregnancy)


def victim_born(born: date | None, case: Case) -> Case:
    """Every victim's date of birth changed (or forgotten), the rest of the case as it was."""
    people = tuple(
        dataclasses.replace(p, born=born) if p.role is PersonRole.VICTIM else p for p in case.people
    )
    return dataclasses.replace(case, people=people)


def with_record(record: Consent, case: Case) -> Case:
    return dataclasses.replace(case, consents=(*case.consents, record))


def written_in(zone: timezone, case: Case) -> Case:
    """The same records at the same instants, written in another offset."""
    moved = tuple(
        dataclasses.replace(r, recorded_at=r.recorded_at.astimezone(zone)) for r in case.consents
    )
    return dataclasses.replace(case, consents=moved)


def made_by(person: str | None, case: Case) -> Case:
    """The same records, each now another person's: a decision remembered on one person's
    consent must never stand for another's (DESIGN.md, pinned additions)."""
    moved = tuple(dataclasses.replace(r, person=person) for r in case.consents)
    return dataclasses.replace(case, consents=moved)


def redrawn(other: Case, case: Case) -> Case:
    """Everything of another random case but the items and actions asked about, so that a
    field a new condition reads varies without this test naming it."""
    return dataclasses.replace(other, items=case.items, actions=case.actions)


changes = st.one_of(
    st.builds(partial, st.just(with_children), st.booleans()),
    st.builds(partial, st.just(with_pregnancy), st.booleans()),
    st.builds(partial, st.just(victim_born), births),
    st.builds(partial, st.just(with_record), consents()),
    st.builds(partial, st.just(written_in), st.sampled_from(OFFSETS)),
    st.builds(partial, st.just(made_by), st.sampled_from(CONSENTERS)),
    st.builds(partial, st.just(redrawn), cases()),
)


@st.composite
def protocols_with(draw: st.DrawFn, condition: Condition) -> Protocol:
    """A random protocol with at least one rule, every rule carrying `condition`."""
    protocol = draw(protocols())
    drawn = (*protocol.rules, draw(rules(len(protocol.rules) + 1)))
    carrying = tuple(
        dataclasses.replace(r, when=(condition, *(c for c in r.when if c is not condition)))
        for r in drawn
    )
    return dataclasses.replace(protocol, rules=carrying)


PROTOCOLS = {c.id: protocols_with(c) for c in TABLE}
CASES = cases()
CHANGES = st.lists(changes, min_size=1, max_size=5)


@pytest.mark.parametrize("condition", TABLE, ids=lambda c: c.id)
@settings(deadline=None)
@given(data=st.data())
def test_the_memory_never_changes_an_answer(condition: Condition, data: st.DataObject) -> None:
    protocol = data.draw(PROTOCOLS[condition.id], label="protocol")
    worlds = [data.draw(CASES, label="case")]
    for change in data.draw(CHANGES, label="changes"):
        worlds.append(change(worlds[-1]))
    remembering = DisclosureRule(protocol)
    for case in [*worlds, *reversed(worlds)]:
        for thing in [*case.items, *case.actions]:
            for agency in (*AGENCIES, "observer"):
                fresh = DisclosureRule(protocol).decide_for(thing, agency, case)
                assert remembering.decide_for(thing, agency, case) == fresh, (agency, thing)
