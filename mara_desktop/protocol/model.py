"""The information-sharing protocol as values: agencies, categories, lawful bases, rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from mara_desktop.domain import OBSERVER, WILDCARD, Subject
from mara_desktop.protocol.notice_texts import NoticeTexts

if TYPE_CHECKING:  # the table of conditions reads protocols: it imports this module
    from mara_desktop.protocol.conditions import Condition


class ConsentMode(StrEnum):
    PREFERRED = "preferred"
    REQUIRED = "required"


@dataclass(frozen=True)
class LawfulBasis:
    id: str
    text: str


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    type: str = "other"
    children_only: bool = False
    """Serves only children: leaves the meeting after the children's cases."""


@dataclass(frozen=True)
class Group:
    """Agencies a scheme names together ("all health bodies"). Its id stands for its members
    wherever agencies are listed (rules, consent scopes, overrides); it shares one namespace
    with agency ids, so an id always means one thing."""

    id: str
    name: str
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    subject: Subject
    description: str = ""
    identity: bool = False
    """Holds the identity (name, date of birth) of the people of its subject."""
    locating: bool = False
    """Holds where the people of its subject live, stay or can be reached (an address,
    whereabouts, safe contact details): a perpetrator's subject access request never
    includes it unless the subject is the perpetrator (views/subject_access.py)."""


@dataclass(frozen=True)
class Rule:
    number: int
    """1-based position in the file: "rule 4" is what a chair and the file both say."""

    categories: tuple[str, ...]
    agencies: tuple[str, ...]
    when: tuple[Condition, ...]
    """All must hold (protocol/conditions.py); empty for `always`."""
    lawful_basis: str
    line: int | None = None
    members: frozenset[str] = field(default=frozenset(), repr=False)
    """The agencies of the groups named in `agencies` (which keeps the file's words, so the
    matrix and reasons can name the group); never observers, whom a group cannot hold. Left
    out of the repr: a set's order changes from one process to the next, and a reproducible
    copy of the minutes takes its id from the repr of its view (minutes/export.py)."""

    @property
    def reached(self) -> tuple[str, ...]:
        """The agencies as listed, then the members of the groups listed: every id a list of
        who receives (the notices) must name; group ids match no agency there."""
        return (*self.agencies, *sorted(self.members))

    def grants(self, category: str, agency: str) -> bool:
        """Whether the rule speaks of this pair at all; `*` never stands for observers."""
        category_ok = WILDCARD in self.categories or category in self.categories
        if agency == OBSERVER:
            return category_ok and OBSERVER in self.agencies
        return category_ok and (
            WILDCARD in self.agencies or agency in self.agencies or agency in self.members
        )


DEFAULT_CONFIDENTIALITY_STATEMENT = (
    "Information shared at this meeting is confidential. It is shared only to protect the "
    "people at risk discussed here, may be used only for that purpose, and may not be passed "
    "on without the agreement of the agency that supplied it. Minutes are circulated under "
    "the information-sharing protocol and must be stored securely."
)
DEFAULT_HANDLING = (
    "Store these minutes securely and only where access is limited to people who need them. "
    "Do not forward, copy or upload them. Do not disclose their content to the victim or the "
    "perpetrator. Destroy them when no longer needed, as your agency's retention policy says."
)


@dataclass(frozen=True)
class RiskSettings:
    """`[risk]`: the protocol's thresholds for the derived criteria; None where it sets
    none, and the risk checklist's own default applies (protocol/risk_tool.py)."""

    high_risk_ticks: int | None = None
    escalation_incidents: int | None = None


@dataclass(frozen=True)
class Protocol:
    id: str
    name: str
    version: str
    jurisdiction: str
    approved_on: date
    review_by: date
    marking: str
    consent_mode: ConsentMode
    lawful_bases: tuple[LawfulBasis, ...]
    agencies: tuple[Agency, ...]
    categories: tuple[Category, ...]
    rules: tuple[Rule, ...]
    groups: tuple[Group, ...] = ()
    header_category: str = "referral"
    """The category that governs a case's header (reference, route, risk score)."""
    withheld_notice: str = ""
    """A fixed sentence printed where something was held back; empty prints nothing."""
    confidentiality_statement: str = DEFAULT_CONFIDENTIALITY_STATEMENT
    handling_instructions: str = DEFAULT_HANDLING
    retention: str = ""
    retention_years: int | None = None
    """How many years after a case is closed or transferred it is kept before it is due
    for purging (`retention`); None: the protocol sets no period, so nothing is due."""
    notice: NoticeTexts = field(default_factory=NoticeTexts)
    """The notices' texts that belong to a jurisdiction (`[notice]`)."""
    risk: RiskSettings = field(default_factory=RiskSettings)
    source_text: str = field(default="", compare=False, repr=False)
    sha256: str = field(default="", compare=False)

    @cached_property
    def _by_id(self) -> tuple[dict[str, Agency], dict[str, Category], dict[str, LawfulBasis]]:
        """Lookups by id, made once: every decision names its agency, category and lawful
        basis, and building all the views of a meeting takes tens of thousands of decisions."""
        return (
            {a.id: a for a in reversed(self.agencies)},
            {c.id: c for c in reversed(self.categories)},
            {b.id: b for b in reversed(self.lawful_bases)},
        )

    @cached_property
    def group_members(self) -> dict[str, frozenset[str]]:
        """Each group's agencies by the group's id: what consent and override records that
        name a group are read with (domain/case.py)."""
        return {g.id: frozenset(g.agencies) for g in reversed(self.groups)}

    def through_group(self, listed: tuple[str, ...], agency: str) -> Group | None:
        """The first group of `listed` naming `agency`, when `listed` names it only through a
        group (not itself, not by `*`): what a reason or the dialog names as why it is reached."""
        if agency in listed or WILDCARD in listed:
            return None
        groups = self.group_members
        return next((self.group(g) for g in listed if agency in groups.get(g, ())), None)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def agency(self, agency_id: str) -> Agency | None:
        return self._by_id[0].get(agency_id)

    def category(self, category_id: str) -> Category | None:
        return self._by_id[1].get(category_id)

    def lawful_basis(self, basis_id: str) -> LawfulBasis | None:
        return self._by_id[2].get(basis_id)

    def agency_name(self, agency_id: str) -> str:
        if agency_id == OBSERVER:
            return "Observers"
        agency = self.agency(agency_id)
        if agency is not None:
            return agency.name
        group = self.group(agency_id)
        return group.name if group else agency_id

    def category_name(self, category_id: str) -> str:
        category = self.category(category_id)
        return category.name if category else category_id

    @cached_property
    def _identity_by_subject(self) -> dict[Subject, str]:
        return {c.subject: c.id for c in reversed(self.categories) if c.identity}

    def identity_category(self, subject: Subject) -> str | None:
        return self._identity_by_subject.get(subject)

    def is_past_review(self, today: date) -> bool:
        return today > self.review_by
