"""What makes each kind of record valid under a protocol: one definition, read by the
importer (interchange/reader.py), by the editing services (store/editing.py) and, through
the session's refusal, by the dialogs.

A consent record, an override, an item, an action and an attendance line each have one
method here. It takes the record's fields, each None where the caller has none to judge
(a field of an import file that could not be read at all: the reader has said so), and
returns every problem, at most one per field, in the order a chair filling in the form
meets them: the first is what a dialog shows. A problem has two wordings of the same
finding: a phrase that follows the field's path in an import report
(`cases[0].overrides[1].justification: must explain the serious risk (at least 20
characters)`), and a sentence for the person who typed the record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from mara_desktop.domain import (
    OBSERVER,
    WILDCARD,
    Action,
    Attendance,
    AttendanceStatus,
    Consent,
    Item,
    Override,
    PersonRole,
    Subject,
    when_text,
)
from mara_desktop.domain.case import CONSENT_BASIS, CONSENTING_ROLES, MIN_JUSTIFICATION
from mara_desktop.domain.text_rules import LONG_TEXT, SHORT_TEXT, TextKind, text_problem
from mara_desktop.errors import did_you_mean
from mara_desktop.protocol.model import LawfulBasis, Protocol

People = Mapping[str, PersonRole | None]
"""A case's people by id, with their role (None where an import file's role is unreadable)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of a record."""

    field: str
    """Where in the record: "justification", "agencies[2]"."""
    phrase: str
    """What is wrong, after the field's path in an import report."""
    sentence: str
    """What is wrong, to the person who typed the record."""

    def at(self, path: str) -> str:
        """The import report's line for a record at `path`."""
        return f"{path}.{self.field}: {self.phrase}"


def _text(
    field: str, value: str | None, kind: TextKind, label: str, *, blank: str | None = None
) -> list[Problem]:
    """Typed text within its limit and free of refused characters (domain/text_rules.py);
    `blank` is the sentence for a blank value where the field must be filled in."""
    if value is None:
        return []
    if blank is not None and not value.strip():
        return [Problem(field, "must not be empty", blank)]
    problem = text_problem(value, kind)
    return [Problem(field, problem, f"{label} {problem}.")] if problem else []


class RecordRules:
    """The rules of every kind of record under one protocol."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self._agencies = [a.id for a in protocol.agencies]
        self._agencies_or_groups = [*self._agencies, *(g.id for g in protocol.groups)]
        """What a consent scope or an override may name: a group stands for its members."""
        self._categories = [c.id for c in protocol.categories]
        self._bases = [b.id for b in protocol.lawful_bases]

    def override_bases(self) -> list[LawfulBasis]:
        """The lawful bases an override may rest on: all but consent, since an override is
        sharing without it."""
        return [b for b in self.protocol.lawful_bases if b.id != CONSENT_BASIS]

    # -- the five kinds of record, field by field ------------------------------------------

    def consent(
        self,
        *,
        agencies: Sequence[str] | None,
        categories: Sequence[str] | None,
        recorded_by: str | None,
        person: str | None = None,
        people: People | None = None,
    ) -> list[Problem]:
        """`person` is whose consent it is (None: the victim), one of the case's `people`."""
        empty = "Name at least one agency and one kind of information (or all of them)."
        return [
            *self._consenting(person, people or {}),
            *self._scope(
                "agencies", agencies, self._agencies_or_groups, "agency", empty, wildcard=True
            ),
            *self._scope(
                "categories", categories, self._categories, "category", empty, wildcard=True
            ),
            *_text(
                "recorded_by",
                recorded_by,
                SHORT_TEXT,
                "The name of who recorded it",
                blank="Name who recorded the answer.",
            ),
        ]

    def override(
        self,
        *,
        categories: Sequence[str] | None,
        agencies: Sequence[str] | None,
        lawful_basis: str | None,
        justification: str | None,
        decided_by: str | None,
        decided_at: datetime | None = None,
        until: date | None = None,
    ) -> list[Problem]:
        """The bar an override must meet: a lawful basis the protocol names other than
        consent, a justification of real length, the person who decided, a last day (if
        any) no earlier than the day it was decided, and agencies and categories named one
        by one or by the protocol's groups (never "*": its reach must be readable)."""
        empty = "Name at least one agency and one category."
        return [
            *self._basis(lawful_basis),
            *self._justification(justification),
            *_text(
                "decided_by",
                decided_by,
                SHORT_TEXT,
                "The name of who decided",
                blank="Name the person who decided.",
            ),
            *self._last_day(decided_at, until),
            *self._scope("agencies", agencies, self._agencies_or_groups, "agency", empty),
            *self._scope("categories", categories, self._categories, "category", empty),
        ]

    def item(
        self,
        *,
        category: str | None,
        source: str | None,
        restricted_to: Sequence[str] | None,
        text: str | None,
        subject: Subject | None,
        person: str | None,
        people: People,
    ) -> list[Problem]:
        return [
            *self._known("source", source, self._agencies, "agency"),
            *self._known_each("restricted_to", restricted_to, self._agencies, "agency"),
            *self._known("category", category, self._categories, "category"),
            *_text("text", text, LONG_TEXT, "What was shared", blank="Write what was shared."),
            *self._about(person, subject, people),
        ]

    def action(
        self,
        *,
        owner: str | None,
        category: str | None,
        text: str | None,
        owner_name: str | None,
        source: str | None = None,
        restricted_to: Sequence[str] | None = (),
    ) -> list[Problem]:
        """The action's text comes first, then its owning agency: the order of the form."""
        if owner is not None and not owner.strip():
            owning = [
                Problem("owner", "must name an agency", "Choose the agency that owns the action.")
            ]
        else:
            owning = self._known("owner", owner, self._agencies, "agency")
        return [
            *_text("text", text, LONG_TEXT, "The action", blank="Write what the action is."),
            *owning,
            *self._known("category", category, self._categories, "category"),
            *_text("owner_name", owner_name, SHORT_TEXT, "The owner's name"),
            *self._known("source", source, self._agencies, "agency"),
            *self._known_each("restricted_to", restricted_to, self._agencies, "agency"),
        ]

    def attendance(
        self,
        *,
        agency: str | None,
        status: AttendanceStatus | None,
        name: str | None,
        left_at: datetime | None = None,
    ) -> list[Problem]:
        problems = self._known("agency", agency, [*self._agencies, OBSERVER], "agency")
        observer = status is AttendanceStatus.OBSERVER
        if agency is not None and status is not None and observer != (agency == OBSERVER):
            problems.append(
                Problem(
                    "status",
                    'observers are listed with agency "observer" and status "observer"',
                    "Observers are listed as observers, and only observers are.",
                )
            )
        label = f"The name given for {self.protocol.agency_name(agency or '')}"
        blank = "Give the name of each person attending."
        problems += _text("name", name, SHORT_TEXT, label, blank=blank)
        if left_at is not None and status is AttendanceStatus.APOLOGIES:
            problems.append(
                Problem(
                    "left_at",
                    "only those at the meeting can leave it (this line sent apologies)",
                    f"{self.protocol.agency_name(agency or '')} sent apologies, so it was not "
                    "at the meeting and cannot have left it.",
                )
            )
        return problems

    # -- whole records, as a dialog or the command line makes them -------------------------

    def of_consent(self, consent: Consent, people: People) -> list[Problem]:
        return self.consent(
            agencies=consent.agencies,
            categories=consent.categories,
            recorded_by=consent.recorded_by,
            person=consent.person,
            people=people,
        )

    def of_override(self, override: Override) -> list[Problem]:
        return self.override(
            categories=override.categories,
            agencies=override.agencies,
            lawful_basis=override.lawful_basis,
            justification=override.justification,
            decided_by=override.decided_by,
            decided_at=override.decided_at,
            until=override.until,
        )

    def of_item(self, item: Item, people: People) -> list[Problem]:
        return self.item(
            category=item.category,
            source=item.source,
            restricted_to=item.restricted_to,
            text=item.text,
            subject=item.subject,
            person=item.person,
            people=people,
        )

    def of_action(self, action: Action) -> list[Problem]:
        return self.action(
            owner=action.owner,
            category=action.category,
            text=action.text,
            owner_name=action.owner_name,
            source=action.source,
            restricted_to=action.restricted_to,
        )

    def of_attendance(self, line: Attendance) -> list[Problem]:
        return self.attendance(
            agency=line.agency, status=line.status, name=line.name, left_at=line.left_at
        )

    # -- the parts -------------------------------------------------------------------------

    @staticmethod
    def _known(
        field: str, value: str | None, known: Sequence[str], noun: str, sentence: str = ""
    ) -> list[Problem]:
        if value is None or value in known:
            return []
        return [
            Problem(
                field,
                f'unknown {noun} "{value}"{did_you_mean(value, known)}',
                sentence or f'Unknown {noun} "{value}".',
            )
        ]

    def _known_each(
        self,
        field: str,
        values: Sequence[str] | None,
        known: Sequence[str],
        noun: str,
        *,
        wildcard: bool = False,
    ) -> list[Problem]:
        """Each id of a list, reported at its own index; "*" (where allowed) alone."""
        if values is None:
            return []
        problems = [
            problem
            for index, value in enumerate(values)
            if not (wildcard and value == WILDCARD)
            for problem in self._known(f"{field}[{index}]", value, known, noun)
        ]
        if wildcard and WILDCARD in values and len(values) > 1:
            problems.append(
                Problem(
                    field,
                    '"*" already means every one; list nothing beside it',
                    '"*" already means every one: list nothing beside it.',
                )
            )
        return problems

    def _scope(
        self,
        field: str,
        values: Sequence[str] | None,
        known: Sequence[str],
        noun: str,
        empty: str,
        *,
        wildcard: bool = False,
    ) -> list[Problem]:
        """The agencies or categories a record reaches: at least one, each known."""
        if values is not None and not values:
            return [Problem(field, "must name at least one", empty)]
        return self._known_each(field, values, known, noun, wildcard=wildcard)

    def _basis(self, basis: str | None) -> list[Problem]:
        choose = "Choose the lawful basis from the protocol."
        if basis == CONSENT_BASIS:
            return [
                Problem(
                    "lawful_basis",
                    "an override shares without consent; choose another",
                    "An override shares without the victim's consent, so consent cannot be "
                    "its lawful basis: choose another.",
                )
            ]
        return self._known("lawful_basis", basis, self._bases, "lawful basis", choose)

    @staticmethod
    def _justification(text: str | None) -> list[Problem]:
        full = (
            f"Write the justification in full (at least {MIN_JUSTIFICATION} characters): "
            "what the serious risk is and why sharing without consent reduces it."
        )
        if text is not None and not text.strip():
            return [Problem("justification", "must not be empty", full)]
        if text is not None and len(text.strip()) < MIN_JUSTIFICATION:
            short = f"must explain the serious risk (at least {MIN_JUSTIFICATION} characters)"
            return [Problem("justification", short, full)]
        return _text("justification", text, LONG_TEXT, "The justification")

    @staticmethod
    def _last_day(decided_at: datetime | None, until: date | None) -> list[Problem]:
        """An override ends on or after the day it was decided (as that moment writes it):
        one that ended before it began would never have applied."""
        if decided_at is None or until is None or until >= decided_at.date():
            return []
        return [
            Problem(
                "until",
                f"{until.isoformat()} is before decided_at ({decided_at.date().isoformat()}): "
                "an override cannot end before it was decided",
                f"The last day ({when_text(until)}) is before the day the override was "
                f"decided ({when_text(decided_at)}): choose that day or a later one.",
            )
        ]

    def _consenting(self, person: str | None, people: People) -> list[Problem]:
        """Consent is the victim's or another adult's: a record naming a child, a
        perpetrator or someone not in the case is refused (DESIGN.md, pinned additions)."""
        if person is None:
            return []
        if person not in people:
            return self._known(
                "person",
                person,
                list(people),
                "person",
                f'The person "{person}" whose consent this would be is not in this case.',
            )
        role = people[person]
        if role is None or role in CONSENTING_ROLES:
            return []
        whose = f'a consent for a {role.label.lower()} ("{person}")'
        why = (
            "consent is the victim's or another adult's; information about a "
            f"{role.label.lower()} is shared on the victim's consent"
        )
        return [Problem("person", f"{whose}: {why}", f"This is {whose}: {why}.")]

    def _about(self, person: str | None, subject: Subject | None, people: People) -> list[Problem]:
        """The person an item is about is one of the case's, and the item's subject is the
        one of that person's role (an item about the victim is about a victim)."""
        if person is None:
            return []
        if person not in people:
            elsewhere = "The person it is about is not in this case."
            return self._known("person", person, list(people), "person", elsewhere)
        role = people[person]
        if role is None or subject is None or role.subject is subject:
            return []
        says = f'information about a {role.label.lower()} has the subject "{role.subject}"'
        return [Problem("subject", says, f"{says[:1].upper()}{says[1:]}.")]
