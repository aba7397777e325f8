"""What an audience may see, as plain values: the only case data screens and minutes get.

A view for an agency or a room holds nothing withheld from it: no text, no id, no count.
Only the chair's view carries `access`, saying who else may see each entry and why not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mara_desktop.domain import (
    ActionStatus,
    Attendance,
    Audience,
    CaseStatus,
    Consent,
    MinutesSections,
    Override,
    PersonRole,
    ReferralCriterion,
    Subject,
)
from mara_desktop.protocol.rule import Decision


@dataclass(frozen=True)
class Access:
    """For the chair: the agencies that may see an entry, and a decision for each that may not."""

    visible_to: tuple[str, ...]
    withheld: tuple[Decision, ...]
    shown_because: Decision | None = None
    """For the room or one agency: why it is shown (the chair's console shows this on hover)."""


@dataclass(frozen=True)
class PersonView:
    id: str
    role: PersonRole
    label: str
    """"Victim", "Child 2": what the room calls the person when the name is withheld."""
    name: str | None
    born: date | None
    access: Access | None = None
    school: str | None = None
    """A child's school: shown with the name and date of birth, or not at all."""


@dataclass(frozen=True)
class CaseHeader:
    reference: str
    criterion: ReferralCriterion
    dash_score: int | None
    referral_date: date
    referring_agency: str
    children_involved: bool
    dash_ticks: int | None = None
    """Derived (domain/criteria.py): the checklist's yes answers, the criteria that hold and
    the earlier cases this one repeats; shown to whoever may see the header."""
    criteria: tuple[ReferralCriterion, ...] = ()
    repeat_of: tuple[str, ...] = ()
    victim_aware: bool | None = None
    """Whether the victim knows of the referral, and consents to it (None: not recorded)."""
    victim_consents_to_referral: bool | None = None
    access: Access | None = None
    """As an item's: for the chair who may see the header, for others why it is shown (an
    override among the reasons: the minutes mark the reference shared without consent)."""
    status: CaseStatus = CaseStatus.OPEN
    closed_on: date | None = None
    transferred_to: str = ""
    """The area a transferred case went to: where the victim moved, so the chair's alone
    ("" in every other audience's view)."""

    @property
    def criteria_text(self) -> str:
        """The criteria in words, with the ticks: "Visible high risk (DASH) + Repeat referral
        · DASH 16 of 24"."""
        said = " + ".join(c.label for c in self.criteria or (self.criterion,))
        return said if self.dash_ticks is None else f"{said} · DASH {self.dash_ticks}"


@dataclass(frozen=True)
class ItemView:
    id: str
    category: str
    category_name: str
    source: str
    source_name: str
    subject: Subject
    text: str
    person: str | None
    recorded_at: datetime | None
    restricted_to: tuple[str, ...] = ()
    access: Access | None = None
    corrected_at: datetime | None = None
    """When the entry was last corrected: the chair's view only (an agency's view and the
    room's never say that an entry had another value)."""


@dataclass(frozen=True)
class ActionView:
    id: str
    owner: str
    owner_agency_name: str
    owner_name: str
    text: str
    due: date | None
    status: ActionStatus
    conference: str | None
    overdue: bool
    access: Access | None = None
    reference: str = ""
    """The printed reference (domain/action_reference.py), the same for every audience; ""
    from a builder made without the case file's key."""


@dataclass(frozen=True)
class CaseView:
    case_id: str
    audience: Audience
    number: int
    """The case's place in the conference (1-based), or 0 outside a conference."""
    header: CaseHeader | None
    people: tuple[PersonView, ...]
    items: tuple[ItemView, ...]
    actions: tuple[ActionView, ...]
    held_back: bool
    """Something of this case was withheld; minutes may print the protocol's fixed sentence."""
    overrides: tuple[Override, ...] = ()
    """The case's decisions to share without consent, oldest first: the chair's audience
    only (they name who decided and why, which no agency's view carries)."""

    @property
    def title(self) -> str:
        """How the case is named to this audience: its reference only if the header is shown."""
        if self.header is not None:
            return self.header.reference
        return f"Case {self.number}" if self.number else "Case"

    def groups(self) -> list[tuple[PersonView | None, tuple[ItemView, ...]]]:
        """Items grouped by the person they are about, people in case order, then the rest."""
        grouped: list[tuple[PersonView | None, tuple[ItemView, ...]]] = []
        for person in self.people:
            mine = tuple(i for i in self.items if i.person == person.id)
            if mine or person.name is not None:
                grouped.append((person, mine))
        known = {p.id for p in self.people}
        rest = tuple(i for i in self.items if i.person not in known)
        if rest:
            grouped.append((None, rest))
        return grouped


@dataclass(frozen=True)
class CaseRecords:
    """A case's consent and override history, newest first. Only the chair's audience gets
    any: the records name who decided and why, which no agency's view carries."""

    consents: tuple[Consent, ...] = ()
    overrides: tuple[Override, ...] = ()
    status: CaseStatus = CaseStatus.OPEN
    closed_on: date | None = None
    closed_reason: str = ""
    """Whether the MARAC still holds the case, since when not, and why (the chair's words)."""


@dataclass(frozen=True)
class ConferenceView:
    """A meeting as an audience may see it: its cases in the order heard (children's cases
    first), each already filtered. The agenda's case ids are not carried: only the views."""

    conference_id: str
    title: str
    date: date
    venue: str
    chair: str
    attendance: tuple[Attendance, ...]
    audience: Audience
    cases: tuple[CaseView, ...]
    marking: str
    protocol_name: str
    protocol_version: str
    protocol_sha256: str
    sections: MinutesSections = field(default_factory=MinutesSections)
    """Minute-taker, next meeting, any other business: the meeting's, the same for every
    audience (the chair writes any other business for all present)."""
