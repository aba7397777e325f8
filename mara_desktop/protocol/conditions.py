"""The conditions a rule's `when` may name, as one table (DESIGN.md, "Conditions in `when`").

Everything the app knows of a condition is its entry here: the word a protocol file uses,
the chair's words for it, its letter in the matrix, how the victim's notice says it, why it
does not hold for a case, what of the case it reads, and which conditions it can never be
combined with. The loader, the disclosure rule and its decision memory, the matrix, the
notice and the protocol dialog all read this table, so a new condition is one entry here
and its test, and no other module names a condition.

What an entry `reads` must be everything its `why_not` looks at in the case. The rule
remembers decisions by what the conditions read (protocol/rule.py): a case field left out
of `reads` would let one case's decision stand for another's, which is a leak.
tests/unit/protocol/test_conditions_memory.py proves it for every entry of `TABLE`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from mara_desktop.domain import Case, ConsentState, Subject, when_text
from mara_desktop.domain.case import ADULT_AGE
from mara_desktop.protocol.model import ConsentMode, Protocol, Rule

WhyNot = Callable[[Case, str, str, Protocol, str | None], str | None]
"""(case, agency, category, protocol, whose) -> None when the condition holds for that
agency and category, else how the rule limits sharing and why the limit is not met here, as
a reason prints it after "rule 4 shares Health with Housing". `whose` is the person whose
consent governs the item (`Case.consent_person`; None: the victim). A condition sees the
item only through its category and `whose` (which the memory's key holds); one that needs
more of the item needs that in the key as well."""

Reads = Callable[[Case], Hashable]
"""What of a case a condition looks at, as a value equal for two cases exactly when the
condition gives the same answer, in the same words, for both."""


@dataclass(frozen=True)
class NeverFor:
    """A rule with the condition can never apply when all it shares is about `subject`."""

    subject: Subject
    why: str


@dataclass(frozen=True, eq=False)
class Condition:
    """One condition; each exists once, in `TABLE`, and is compared by identity."""

    id: str
    """The word in a rule's `when` (pinned: protocol files use it)."""
    label: str
    """The chair's words, in the protocol dialog and the matrix legend."""
    letter: str
    """Its letter in `protocol matrix`."""
    notice: str
    """How the victim's notice says it ("if you agree"); empty says nothing. The
    perpetrator's notice names no condition (minutes/notice.py says why)."""
    why_not: WhyNot
    notice_about_others: str = ""
    """How the victim's notice says it of information that may be about another adult
    (a category about the household), when that differs from `notice`: consent to such
    information is the other adult's, never the victim's to give."""
    reads: Reads | None = None
    """None when the answer never depends on the case."""
    is_consent: bool = False
    """Someone's consent rather than a fact of the case. Facts are checked first, so that a
    reason names what no consent could change; a decision under a rule that needs consent
    keeps the consent record it rests on."""
    contradicts: tuple[Condition, ...] = ()
    """Earlier entries that can never hold together with this one."""
    alone: bool = False
    """It cannot be combined with any other condition."""
    never_for: NeverFor | None = None

    def __repr__(self) -> str:
        """The same in every process, as it was when conditions were an enum: a reproducible
        copy of the minutes takes its id from the repr of its view (minutes/export.py)."""
        return f"<Condition.{self.id.upper()}: {self.id!r}>"

    def __reduce__(self) -> tuple[Callable[[str], Condition], tuple[str]]:
        """A copy (a protocol sent to a worker process) is the table's entry itself."""
        return by_id, (self.id,)


def _holds(
    case: Case, agency: str, category: str, protocol: Protocol, whose: str | None
) -> str | None:
    return None


def whose_words(case: Case, whose: str | None) -> str:
    """Whose consent, as a reason for the chair says it: "the victim", or the other adult
    by name and role. Only withheld decisions (the chair's) and `explain` print this; a
    shown entry's reason says only the role (`consent_role_words`)."""
    person = case.person(whose) if whose is not None else None
    if person is None:
        return "the victim"
    return f"{person.name} ({person.role.label.lower()})"


def consent_role_words(case: Case, whose: str | None) -> str:
    """Whose consent without a name, for a reason that reaches an agency's view beside an
    entry shown to it (the person's name may be withheld from that agency)."""
    person = case.person(whose) if whose is not None else None
    if person is None:
        return "the victim"
    return f"the {person.role.label.lower()} it is about"


def _consent_state(case: Case) -> Hashable:
    """Each person's latest record, with the offset it was written in (equal instants
    compare equal, but a reason prints the date in the record's own offset), and the name
    and role a reason gives the person: the victim's, then every other consenting person's,
    so that one person's consent is never remembered as another's."""

    def latest(whose: str | None) -> Hashable:
        record = case.latest_consent(whose)
        return record, record.recorded_at.utcoffset() if record else None

    others = tuple(
        (p.id, p.name, p.role, latest(p.id))
        for p in case.people
        if case.consent_person(p.id) is not None
    )
    return latest(None), others


def _without_consent(
    case: Case, agency: str, category: str, protocol: Protocol, whose: str | None
) -> str | None:
    """None when the latest consent record of `whose` lets this agency see this category."""
    latest = case.latest_consent(whose)
    needs = f"only with the consent of {whose_words(case, whose)}"
    if latest is None:
        return f"{needs}, and no consent is recorded"
    when = when_text(latest.recorded_at)
    if latest.state is not ConsentState.GIVEN:
        return f"{needs}, and consent was {latest.state.label} on {when}"
    if not latest.covers(agency, category, protocol.group_members):
        return (
            f"{needs}, and the consent given on {when} does not cover "
            f"{protocol.category_name(category)} for {protocol.agency_name(agency)}"
        )
    return None


def _children_involved(case: Case) -> Hashable:
    """Both fields, not only whether either holds: the reason says which."""
    return case.children_involved, case.pregnancy


def _without_children(
    case: Case, agency: str, category: str, protocol: Protocol, whose: str | None
) -> str | None:
    if case.with_children:
        return None
    return "only when children are involved, and none are in this case (nor a pregnancy)"


def _with_children(
    case: Case, agency: str, category: str, protocol: Protocol, whose: str | None
) -> str | None:
    if not case.with_children:
        return None
    if not case.children_involved:
        return "only in adults-only cases, and the victim is pregnant"
    return "only in adults-only cases, and children are involved in this case"


def _victim_age(case: Case) -> Hashable:
    return case.victim_age()


def _adult_victim(
    case: Case, agency: str, category: str, protocol: Protocol, whose: str | None
) -> str | None:
    age = case.victim_age()
    if age is None:
        return "only when the victim is under 18, and the victim's date of birth is not recorded"
    if age >= ADULT_AGE:
        return "only when the victim is under 18, and the victim was an adult when referred"
    return None


ALWAYS = Condition(
    id="always",
    label="always",
    letter="A",
    notice="",
    why_not=_holds,
    alone=True,
)
CONSENT = Condition(
    id="consent",
    label="with the consent of the victim, or of the other adult it is about",
    letter="C",
    notice="if you agree",
    why_not=_without_consent,
    notice_about_others="if you agree or, when it is about another adult, if that person agrees",
    reads=_consent_state,
    is_consent=True,
)
CHILDREN = Condition(
    id="children",
    label="only when children are involved (or the victim is pregnant)",
    letter="K",
    notice="if children are involved or you are pregnant",
    why_not=_without_children,
    reads=_children_involved,
)
ADULTS_ONLY = Condition(
    id="adults_only",
    label="only in adults-only cases (no children, no pregnancy)",
    letter="N",
    notice="if no children are involved and you are not pregnant",
    why_not=_with_children,
    reads=_children_involved,
    contradicts=(CHILDREN,),
    never_for=NeverFor(
        Subject.CHILD, "it shares only information about children, but only in adults-only cases"
    ),
)

YOUNG_VICTIM = Condition(
    id="young_victim",
    label="only when the victim is under 18",
    letter="Y",
    notice="if you are under 18",
    why_not=_adult_victim,
    reads=_victim_age,
)

TABLE = (ALWAYS, CONSENT, CHILDREN, ADULTS_ONLY, YOUNG_VICTIM)
"""Every condition, in the order the matrix legend lists them and the notice says them."""

_BY_ID = {c.id: c for c in TABLE}
_READS = tuple(c.reads for c in TABLE if c.reads is not None)


def by_id(word: str) -> Condition:
    """The entry for a word of a rule's `when`; the loader has refused unknown words."""
    return _BY_ID[word]


def of_rule(rule: Rule, protocol: Protocol) -> tuple[Condition, ...]:
    """The conditions that govern a rule, as the matrix and the dialog list them: `consent`
    first where the protocol requires it of every rule, then the rule's own in its order;
    `(ALWAYS,)` when there are none."""
    found = rule.when
    if protocol.consent_mode is ConsentMode.REQUIRED and CONSENT not in found:
        found = (CONSENT, *found)
    return found or (ALWAYS,)


def in_checking_order(conditions: Sequence[Condition]) -> tuple[Condition, ...]:
    """Facts of the case before consent, each group in the rule's order."""
    return tuple(sorted(conditions, key=lambda c: c.is_consent))


def needs_consent(rule: Rule, protocol: Protocol) -> bool:
    """Whether someone's consent is a condition of the rule, in it or by `consent_mode`."""
    return any(c.is_consent for c in of_rule(rule, protocol))


def reads_the_case(conditions: Sequence[Condition]) -> bool:
    return any(c.reads is not None for c in conditions)


def what_is_read(case: Case) -> tuple[Hashable, ...]:
    """Everything every condition of the table reads of the case: the part of the decision
    memory's key that comes from the case, so that no condition can be left out of it."""
    return tuple(read(case) for read in _READS)


def never_holds(conditions: Sequence[Condition], subjects: Sequence[Subject] | None) -> str:
    """Why a rule with these conditions can never apply, or "" when it can. `subjects` are
    those of the categories the rule shares, None when it shares every category."""
    for condition in conditions:
        for other in condition.contradicts:
            if other in conditions:
                return f'"{other.id}" and "{condition.id}" cannot both hold'
    for condition in conditions:
        if condition.alone and len(conditions) > 1:
            return f'"{condition.id}" cannot be combined with other conditions'
    for condition in conditions:
        never = condition.never_for
        if never and subjects and all(s is never.subject for s in subjects):
            return never.why
    return ""
