"""Hypothesis strategies: random protocols, cases and audiences over a small world.

Item texts are unique tokens, so a test can search any output for a withheld one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

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
    Group,
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

GROUPS = (
    Group("health-bodies", "All health bodies", ("health", "csc")),
    Group("justice", "Criminal justice", ("police", "probation", "idva")),
)
MEMBERS = {g.id: g.agencies for g in GROUPS}
"""A protocol's groups, which rules, consent scopes and overrides may name."""

names = st.sampled_from(AGENCIES)
names_or_groups = st.sampled_from((*AGENCIES, *MEMBERS))
conditions = st.sampled_from([c for c in TABLE if c is not ALWAYS])
"""What a loaded rule's `when` may hold: every condition but `always`, which means none."""
subsets = st.lists(names, unique=True, max_size=4).map(tuple)
scopes = st.lists(names_or_groups, unique=True, max_size=4).map(tuple)


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
                st.sampled_from((*AGENCIES, *MEMBERS, "observer")),
                min_size=1,
                max_size=3,
                unique=True,
            ).map(tuple),
        )
    )
    when = draw(st.lists(conditions, unique=True, max_size=2).map(tuple))
    members = frozenset(a for name in agencies for a in MEMBERS.get(name, ()))
    return Rule(number, categories, agencies, when, "basis", members=members)


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
        groups=GROUPS,
    )


FIRST_DECIDED = date(2026, 11, 1)
"""The day every drawn override is decided (`moment` below): its last day is no earlier."""


def days_from(first: date, span: int = 20) -> st.SearchStrategy[date]:
    """Days from `first` to `span` days after it: the dates decisions are made as of, and
    overrides' last days."""
    return st.integers(0, span).map(lambda n: first + timedelta(days=n))


def moment(minutes: int) -> datetime:
    return datetime(2026, 11, 1, tzinfo=UTC).replace(minute=minutes % 60, hour=minutes // 60 % 24)


CONSENTERS = (None, "p0", "p1", "p2", "p3", "p4", "p5")
"""Whom a random consent record names: nobody (the victim), the victim "p0", or anyone else
a random case may hold (a record naming a child or perpetrator belongs to nobody)."""


@st.composite
def consents(draw: st.DrawFn, persons: tuple[str | None, ...] = CONSENTERS) -> Consent:
    return Consent(
        draw(st.sampled_from(list(ConsentState))),
        draw(st.one_of(st.just(("*",)), scopes)),
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
        draw(st.lists(names_or_groups, min_size=1, max_size=2, unique=True).map(tuple)),
        "basis",
        "Serious risk of harm recorded by the meeting.",
        "Chair",
        moment(draw(st.integers(0, 1439))),
        draw(st.none() | days_from(FIRST_DECIDED)),
    )


births = st.one_of(
    st.none(),
    st.sampled_from([date(2008, 11, 1), date(2008, 11, 2)]),
    st.dates(date(2006, 1, 1), date(2010, 12, 31)),
)
"""Around the 18th birthday on the cases' referral date (1 Nov 2026: 18 on the first date,
17 on the second), or unknown."""


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
            born=draw(births),
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
        pregnancy=draw(st.booleans()),
    )


audiences = st.lists(st.sampled_from((*AGENCIES, "observer")), min_size=1, max_size=4, unique=True)
