"""Hypothesis strategies: random protocols, cases and audiences over a small world.

Item texts are unique tokens, so a test can search any output for a withheld one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import strategies as st

from mara_desktop.domain import (
    Action,
    ActionStatus,
    Case,
    Consent,
    ConsentState,
    Item,
    Override,
    Person,
    PersonRole,
    Referral,
    ReferralCriterion,
    Subject,
)
from mara_desktop.protocol.conditions import ALWAYS, TABLE
from mara_desktop.protocol.model import (
    Agency,
    Category,
    ConsentMode,
    LawfulBasis,
    Protocol,
    Rule,
)

AGENCIES = ("police", "idva", "housing", "health", "csc", "probation")
CATEGORIES = ("referral", "victim-identity", "child-identity", "health", "location", "actions")
SUBJECTS = {
    "referral": Subject.CASE,
    "victim-identity": Subject.VICTIM,
    "child-identity": Subject.CHILD,
    "health": Subject.VICTIM,
    "location": Subject.VICTIM,
    "actions": Subject.CASE,
}

names = st.sampled_from(AGENCIES)
conditions = st.sampled_from([c for c in TABLE if c is not ALWAYS])
"""What a loaded rule's `when` may hold: every condition but `always`, which means none."""
subsets = st.lists(names, unique=True, max_size=4).map(tuple)


@st.composite
def rules(draw: st.DrawFn, number: int) -> Rule:
    categories = draw(
        st.one_of(
            st.just(("*",)),
            st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=3, unique=True).map(tuple),
        )
    )
    agencies = draw(
        st.one_of(
            st.just(("*",)),
            st.lists(
                st.sampled_from((*AGENCIES, "observer")), min_size=1, max_size=3, unique=True
            ).map(tuple),
        )
    )
    when = draw(st.lists(conditions, unique=True, max_size=2).map(tuple))
    return Rule(number, categories, agencies, when, "basis")


@st.composite
def protocols(draw: st.DrawFn) -> Protocol:
    count = draw(st.integers(0, 6))
    return Protocol(
        id="random",
        name="Random",
        version="1",
        jurisdiction="Testland",
        approved_on=date(2026, 1, 1),
        review_by=date(2027, 1, 1),
        marking="OFFICIAL-SENSITIVE",
        consent_mode=draw(st.sampled_from(list(ConsentMode))),
        lawful_bases=(LawfulBasis("basis", "A lawful basis"),),
        agencies=tuple(Agency(a, a.title()) for a in AGENCIES),
        categories=tuple(
            Category(c, c.title(), SUBJECTS[c], identity=c.endswith("identity")) for c in CATEGORIES
        ),
        rules=tuple(draw(rules(n)) for n in range(1, count + 1)),
    )


def moment(minutes: int) -> datetime:
    return datetime(2026, 11, 1, tzinfo=UTC).replace(minute=minutes % 60, hour=minutes // 60 % 24)


CONSENTERS = (None, "p0", "p1", "p2", "p3", "p4", "p5")
"""Whom a random consent record names: nobody (the victim), the victim "p0", or anyone else
a random case may hold (a record naming a child or perpetrator belongs to nobody)."""


@st.composite
def consents(draw: st.DrawFn, persons: tuple[str | None, ...] = CONSENTERS) -> Consent:
    return Consent(
        draw(st.sampled_from(list(ConsentState))),
        draw(st.one_of(st.just(("*",)), subsets)),
        draw(
            st.one_of(
                st.just(("*",)),
                st.lists(st.sampled_from(CATEGORIES), unique=True, max_size=3).map(tuple),
            )
        ),
        moment(draw(st.integers(0, 1439))),
        "Recorder",
        draw(st.sampled_from(persons)),
    )


@st.composite
def overrides(draw: st.DrawFn) -> Override:
    return Override(
        draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=2, unique=True).map(tuple)),
        draw(st.lists(names, min_size=1, max_size=2, unique=True).map(tuple)),
        "basis",
        "Serious risk of harm recorded by the meeting.",
        "Chair",
        moment(draw(st.integers(0, 1439))),
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    token = iter(range(10_000))
    children = draw(st.booleans())
    roles = (
        [PersonRole.VICTIM, PersonRole.PERPETRATOR]
        + ([PersonRole.CHILD] * draw(st.integers(0, 2)) if children else [])
        + [PersonRole.OTHER_ADULT] * draw(st.integers(0, 2))
    )
    people = tuple(
        Person(
            f"p{n}",
            role,
            f"NAME{n}X{draw(st.integers(100, 999))}",
            source=draw(st.one_of(st.none(), names)),
        )
        for n, role in enumerate(roles)
    )
    items = tuple(
        Item(
            f"i{n}",
            category,
            draw(names),
            SUBJECTS[category],
            f"TEXT{next(token)}Q{draw(st.integers(1000, 9999))}",
            draw(st.one_of(st.just(()), subsets)),
            draw(st.one_of(st.none(), st.sampled_from([p.id for p in people]))),
        )
        for n, category in enumerate(draw(st.lists(st.sampled_from(CATEGORIES), max_size=8)))
    )
    actions = tuple(
        Action(
            f"a{n}",
            draw(names),
            "actions",
            f"ACTION{n}Z{draw(st.integers(1000, 9999))}",
            date(2026, 12, 1),
            ActionStatus.OPEN,
            source=draw(st.one_of(st.none(), names)),
            restricted_to=draw(st.one_of(st.just(()), subsets)),
        )
        for n in range(draw(st.integers(0, 3)))
    )
    return Case(
        "case",
        f"REF{draw(st.integers(100, 999))}",
        children,
        Referral(date(2026, 11, 1), draw(names), ReferralCriterion.VISIBLE_HIGH_RISK, 15),
        people,
        items,
        actions,
        tuple(draw(st.lists(consents(), max_size=3))),
        tuple(draw(st.lists(overrides(), max_size=2))),
    )


audiences = st.lists(st.sampled_from((*AGENCIES, "observer")), min_size=1, max_size=4, unique=True)
