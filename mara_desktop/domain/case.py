"""A case heard at a MARAC, with everything recorded about it.

Values are frozen: a change is a new value, which the store writes as a whole. Consent and
override records are history, never edited or deleted; a change of mind is a new record.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from mara_desktop.domain.correction import Correction
from mara_desktop.domain.enums import (
    ActionStatus,
    CaseStatus,
    ConsentState,
    PersonRole,
    ReferralCriterion,
    Subject,
)
from mara_desktop.domain.moments import instant

MIN_JUSTIFICATION = 20
"""An override's justification must say what the risk is; a word or two cannot."""

CONSENT_BASIS = "consent"
"""The lawful basis an override can never rest on: an override is sharing without consent."""

CONSENTING_ROLES = (PersonRole.VICTIM, PersonRole.OTHER_ADULT)
"""The people a consent record may name: a child's and a perpetrator's information is
shared on the victim's consent, never on their own."""

WILDCARD = "*"
"""In a consent scope or a rule: every agency, or every category."""

Groups = Mapping[str, Collection[str]]
"""The protocol's groups of agencies, members by group id: a record may name a group where
it names agencies, and means its members."""

NO_GROUPS: Groups = {}

ADULT_AGE = 18
"""The age at which a person stops being a child to children's services."""


def names_agency(listed: Collection[str], agency: str, groups: Groups) -> bool:
    """Whether a list of agency ids names `agency`, itself or through a group it lists."""
    return agency in listed or any(agency in groups.get(name, ()) for name in listed)


Answer = bool | None
"""A checklist answer: yes, no, or not known (None)."""


@dataclass(frozen=True)
class Referral:
    """How the case reached the MARAC, as the referrer recorded it. The criteria that hold
    are derived from it (domain/criteria.py), never typed: `criterion` is only the
    referrer's own reason, one among them.

    `dash_answers` are the risk checklist's answers by question id (`q1`...`q24`), empty
    when the checklist was not recorded (a case imported with only its score);
    `dash_answered_by` says, by question id, who gave an answer (the victim, the referrer's
    own observation...) where that was recorded."""

    date: date
    agency: str
    criterion: ReferralCriterion
    dash_score: int | None = None
    dash_answers: tuple[tuple[str, Answer], ...] = ()
    dash_answered_by: tuple[tuple[str, str], ...] = ()
    incidents_12m: int | None = None
    victim_aware: bool | None = None
    victim_consents_to_referral: bool | None = None
    professional_judgement: str = ""
    referrer: str = ""
    """The referring person's name (the agency is `agency`)."""

    @property
    def dash_ticks(self) -> int | None:
        """The checklist's yes answers; without answers, the score the referrer gave."""
        if not self.dash_answers:
            return self.dash_score
        return sum(1 for _, answer in self.dash_answers if answer is True)


@dataclass(frozen=True)
class Person:
    """Someone the case is about. The name is case data: views show it only to an audience
    that may see the identity category of the person's subject."""

    id: str
    role: PersonRole
    name: str
    born: date | None = None
    source: str | None = None
    gender: str | None = None
    """`female`, `male`, or the person's own word. This and the four after it are
    self-identified, optional, for the quarterly return, and shown only to the chair."""
    ethnicity: str | None = None
    minority_ethnic: bool | None = None
    disability: bool | None = None
    lgbt: bool | None = None
    feared: bool | None = None
    """The victim is afraid of this person (the referral's "who is feared")."""
    safe_contact: bool | None = None
    """This person may safely be contacted about the victim (a friend, a relative)."""
    school: str | None = None
    """A child's school, where recorded: the child's whereabouts, disclosed exactly as the
    child's name and date of birth are (views/builder.py)."""

    @property
    def self_identified(self) -> dict[str, str | bool | None]:
        """The self-identified fields by their interchange names: for the chair only."""
        return {
            "gender": self.gender,
            "ethnicity": self.ethnicity,
            "minority_ethnic": self.minority_ethnic,
            "disability": self.disability,
            "lgbt": self.lgbt,
        }


@dataclass(frozen=True)
class Item:
    """One piece of information an agency brought to the meeting."""

    id: str
    category: str
    source: str
    subject: Subject
    text: str
    restricted_to: tuple[str, ...] = ()
    person: str | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class Action:
    """An action agreed at a meeting, owned by one agency and, ideally, one named person."""

    id: str
    owner: str
    category: str
    text: str
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    owner_name: str = ""
    source: str | None = None
    restricted_to: tuple[str, ...] = ()
    conference: str | None = None


@dataclass(frozen=True)
class Consent:
    """A person's answer about sharing information about them, as recorded at one moment.

    `person` names whose answer it is: the victim (None, or the victim's id) or another
    adult of the case. Children and perpetrators give no consent here (protocol/records.py
    refuses such a record): information about them is shared on the victim's consent.
    """

    state: ConsentState
    agencies: tuple[str, ...]
    categories: tuple[str, ...]
    recorded_at: datetime
    recorded_by: str
    person: str | None = None

    def covers(self, agency: str, category: str, groups: Groups = NO_GROUPS) -> bool:
        return (WILDCARD in self.agencies or names_agency(self.agencies, agency, groups)) and (
            WILDCARD in self.categories or category in self.categories
        )


@dataclass(frozen=True)
class Override:
    """A recorded decision to share without consent because of serious risk.

    It never expires silently and is never deleted; the agencies and categories are named
    one by one, never by wildcard, so its reach is always readable. A decision made for a
    period carries `until`, its last day: it applies on dates up to and including it, and
    afterwards says that it ended rather than vanishing.
    """

    categories: tuple[str, ...]
    agencies: tuple[str, ...]
    lawful_basis: str
    justification: str
    decided_by: str
    decided_at: datetime
    until: date | None = None

    def covers(self, agency: str, category: str, groups: Groups = NO_GROUPS) -> bool:
        return names_agency(self.agencies, agency, groups) and category in self.categories

    def applies_on(self, day: date) -> bool:
        """Whether the override is in force on `day` (no end: always)."""
        return self.until is None or day <= self.until


@dataclass(frozen=True)
class RepeatDecision:
    """The chair's answer about a near match (domain/repeats.py): whether the victim of the
    case `other` is this case's victim. History: a change of mind is a new record, and the
    latest speaks. A rejected match is never a repeat; nothing is ever merged."""

    other: str
    confirmed: bool
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True)
class Case:
    id: str
    reference: str
    children_involved: bool
    referral: Referral
    people: tuple[Person, ...] = ()
    items: tuple[Item, ...] = ()
    actions: tuple[Action, ...] = ()
    consents: tuple[Consent, ...] = ()
    overrides: tuple[Override, ...] = ()
    pregnancy: bool = False
    """The victim is pregnant: an unborn child brings children's services in as a child
    does (the `children` condition reads both)."""
    status: CaseStatus = CaseStatus.OPEN
    closed_on: date | None = None
    repeat_decisions: tuple[RepeatDecision, ...] = ()
    repeat_of: tuple[str, ...] = ()
    """Derived, never written: the earlier cases of the same victim referred in the 12
    months before this referral (domain/repeats.py), as the case file found them when the
    case was read. A case built from a document has none until it is in a file."""
    transferred_to: str = ""
    """The area the case went to when it was transferred (`transfer`); "" otherwise. Where
    a victim moved to: the chair's knowledge only, never in an agency's view."""
    corrections: tuple[Correction, ...] = ()
    """The earlier records of its corrected people and entries, oldest first: history for
    the chair (domain/correction.py); no view of an agency or a room reads them."""
    closed_reason: str = ""
    """Why the MARAC closed the case, in the chair's words (empty while open); only the
    chair sees it, and reopening the case clears it."""

    @property
    def with_children(self) -> bool:
        """Children are involved, born or unborn: what the `children` condition asks."""
        return self.children_involved or self.pregnancy

    @property
    def young_victim(self) -> bool:
        """The victim was under 18 on the referral date: a child to children's services."""
        age = self.victim_age()
        return age is not None and age < ADULT_AGE

    @property
    def for_childrens_services(self) -> bool:
        """Children's services take part in the case: children are involved, born or unborn,
        or the victim is a child. Children-only agencies stay until every such case is
        heard, even one heard among the adults' cases (the hearing order follows
        `children_involved` alone, which every partner knows, so that it tells no one of a
        pregnancy)."""
        return self.with_children or self.young_victim

    def victim_age(self) -> int | None:
        """The case's victim's age in whole years on the referral date; None when the case
        has no victim or the victim's date of birth is not recorded."""
        victim = next((p for p in self.people if p.role is PersonRole.VICTIM), None)
        if victim is None or victim.born is None:
            return None
        on, born = self.referral.date, victim.born
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def victim(self) -> Person | None:
        """The victim the case is about: the first person with that role."""
        return next((p for p in self.people if p.role is PersonRole.VICTIM), None)

    def consent_person(self, about: str | None) -> str | None:
        """Whose consent governs information about the person `about` (DESIGN.md, pinned
        additions): that person's when they are an other adult (or a victim other than the
        case's own), otherwise the victim's, which is None. A child's, a perpetrator's or
        nobody's information is shared on the victim's consent."""
        person = self.person(about) if about is not None else None
        if person is None or person.role not in CONSENTING_ROLES:
            return None
        victim = self.victim()
        return None if victim is not None and victim.id == person.id else person.id

    def consents_of(self, whose: str | None) -> tuple[Consent, ...]:
        """The records of one person's consent, in the order recorded: for the victim (None)
        those naming nobody or the victim; for anyone else, those naming them. A record
        naming someone who cannot consent belongs to nobody and is never read."""
        victim = self.victim()
        victim_id = victim.id if victim is not None else None
        if whose is None:
            return tuple(c for c in self.consents if c.person is None or c.person == victim_id)
        return tuple(c for c in self.consents if c.person == whose)

    def latest_consent(self, whose: str | None = None) -> Consent | None:
        """The consent record of `whose` (None: the victim) that speaks now: the latest by
        `recorded_at`; of records made at the same moment, the one recorded last."""
        records = self.consents_of(whose)
        if not records:
            return None
        order = range(len(records))
        latest = max(order, key=lambda i: (instant(records[i].recorded_at), i))
        return records[latest]

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)
