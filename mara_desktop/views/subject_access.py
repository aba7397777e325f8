"""What a case holds about one of its people: the draft of their subject access request.

Chosen here, from the case and the protocol, for the chair's review (the session hands it
out; subject_release.py turns it into what may leave the file):
- the person's own record (name, date of birth, role, self-identified fields) and its
  earlier values from corrections;
- every entry about them: an item naming them (`person`), or an item or action of their
  role's subject when the case has only them in that role; entries about the household or
  the case are about several people, so they come too, marked;
- the consent records they gave (the victim's for the victim), and the overrides that
  shared categories of those entries.

An entry whose text holds another person's given or family name, or which is about the
household or the case, is marked `names_others`: a reviewer reads it before it goes.

A perpetrator's request never holds what would find or reach anyone else, whatever a
reviewer marks (DESIGN.md, issue 17): no entry of a category the protocol marks
`locating` unless it is about the perpetrator, none of the victim's subject, none that
repeats four words in a row of such an entry (or its postcode or phone number) or names
a person recorded as safe to contact, no one else's details, and no override's
justification (it describes the risk to others).
Those entries are left out before anyone sees the draft, so they cannot be released by
mistake.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from itertools import pairwise

from mara_desktop.domain import (
    WILDCARD,
    Action,
    Case,
    Item,
    Override,
    Person,
    PersonRole,
    Subject,
)
from mara_desktop.domain.withholding import Withholding
from mara_desktop.protocol.model import Protocol

SEVERAL = (Subject.HOUSEHOLD, Subject.CASE)
"""Entries of these subjects are about several people at once."""
RUN = 4
"""Words in a row that an entry must share with a locating entry to be taken as repeating it."""
PHONE_DIGITS = 6
NAMES_OTHERS = "names other people: review before release"


class EntryKind(StrEnum):
    INFORMATION = "information"
    ACTION = "action"


@dataclass(frozen=True)
class Detail:
    label: str
    value: str


@dataclass(frozen=True)
class Correction:
    """The person's record as it was before a correction."""

    replaced_at: datetime
    replaced_by: str
    earlier: tuple[Detail, ...]


@dataclass(frozen=True)
class OwnDetails:
    id: str
    role: PersonRole
    details: tuple[Detail, ...]
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class HeldEntry:
    id: str
    kind: EntryKind
    source: str
    source_name: str
    category: str
    category_name: str
    text: str
    recorded_at: datetime | None = None
    due: date | None = None
    status: str = ""
    names_others: bool = False
    withholding: Withholding | None = None


@dataclass(frozen=True)
class HeldConsent:
    state: str
    agencies: tuple[str, ...]
    categories: tuple[str, ...]
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class HeldOverride:
    categories: tuple[str, ...]
    """Names of the categories of this person's entries it shared (no others)."""
    agencies: tuple[str, ...]
    lawful_basis: str
    justification: str
    """"" in a perpetrator's request: it describes the risk to others."""
    decided_by: str
    decided_at: datetime
    until: date | None
    names_others: bool = False


@dataclass(frozen=True)
class SubjectAccess:
    """The chair's draft: everything held about the person, withheld entries included (the
    chair decides on them). Only `release()` (subject_release.py) leaves the file."""

    case_id: str
    reference: str
    person: OwnDetails
    entries: tuple[HeldEntry, ...]
    consents: tuple[HeldConsent, ...]
    overrides: tuple[HeldOverride, ...]
    perpetrator: bool
    """The perpetrator's rule was applied (the module's docstring)."""
    locating_marked: bool
    """The protocol marks some category `locating`; if not, the reviewer is warned."""

    @property
    def marked(self) -> tuple[HeldEntry, ...]:
        return tuple(e for e in self.entries if e.names_others)

    @property
    def withheld(self) -> tuple[HeldEntry, ...]:
        return tuple(e for e in self.entries if e.withholding is not None)


def fold(text: str) -> str:
    """Case and accents folded, as names are compared (ł → l as in domain/repeats.py)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_STROKED)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_STROKED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ð": "d"})


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def name_words(name: str) -> set[str]:
    """A name's given and family names, as folded words (initials of one letter left out)."""
    return {w for w in words(name) if len(w) > 1}


def subject_access(
    case: Case,
    person_id: str,
    protocol: Protocol,
    *,
    earlier: Sequence[tuple[Person, datetime, str]] = (),
    withholdings: Mapping[str, Withholding] | None = None,
) -> SubjectAccess | None:
    """The draft for `person_id` of `case`; None when the case has no such person.
    `earlier`: the person's earlier records (record, replaced at, by), oldest first;
    `withholdings`: the chair's current decision for each withheld entry id."""
    person = case.person(person_id)
    if person is None:
        return None
    held = withholdings or {}
    picker = _Picker(case, person, protocol)
    every: list[Item | Action] = [*case.items, *case.actions]
    entries = tuple(
        _entry(e, protocol, picker.names_others(e), held.get(e.id))
        for e in every
        if picker.about(e) and not picker.never_to_perpetrator(e)
    )
    categories = {e.category for e in entries}
    return SubjectAccess(
        case.id,
        case.reference,
        _own(person, protocol, earlier, picker.perpetrator),
        entries,
        _consents(case, person, protocol),
        tuple(
            _override(o, categories, protocol, picker)
            for o in case.overrides
            if categories & set(o.categories)
        ),
        picker.perpetrator,
        any(c.locating for c in protocol.categories),
    )


class _Picker:
    """Which entries are about the person, which name others, which a perpetrator may not
    have."""

    def __init__(self, case: Case, person: Person, protocol: Protocol) -> None:
        self.person = person
        self.protocol = protocol
        self.perpetrator = person.role is PersonRole.PERPETRATOR
        self.alone = sum(1 for p in case.people if p.role is person.role) == 1
        others = [p for p in case.people if p.id != person.id]
        self.other_names = set().union(*(name_words(p.name) for p in others))
        own = name_words(person.name)
        self.safe_contacts = set().union(
            *(name_words(p.name) - own for p in others if p.safe_contact)
        )
        self.locating_runs = set().union(
            *(_runs(i.text) for i in case.items if self._locates_another(i.category))
        )

    def _subject(self, entry: Item | Action) -> Subject:
        if isinstance(entry, Item):
            return entry.subject
        category = self.protocol.category(entry.category)
        return category.subject if category else Subject.CASE

    def about(self, entry: Item | Action) -> bool:
        if isinstance(entry, Item) and entry.person is not None:
            return entry.person == self.person.id
        subject = self._subject(entry)
        return subject in SEVERAL or subject is self.person.role.subject

    def names_others(self, entry: Item | Action) -> bool:
        subject = self._subject(entry)
        mine = isinstance(entry, Item) and entry.person == self.person.id
        shared = not self.alone and not mine
        return subject in SEVERAL or shared or bool(self.other_names & set(words(entry.text)))

    def _locates_another(self, category_id: str) -> bool:
        category = self.protocol.category(category_id)
        if category is None:
            return False
        return (category.locating and category.subject is not Subject.PERPETRATOR) or (
            category.subject is Subject.VICTIM
        )

    def never_to_perpetrator(self, entry: Item | Action) -> bool:
        if not self.perpetrator:
            return False
        if self._locates_another(entry.category) or self._subject(entry) is Subject.VICTIM:
            return True
        said = words(entry.text)
        return bool(self.safe_contacts & set(said)) or bool(self.locating_runs & _runs(said))


def _runs(text: str | list[str]) -> set[tuple[str, ...]]:
    """What of a text another may repeat: every run of RUN words (the whole text when
    shorter), every two words in a row that both hold a digit (a postcode, a phone number
    written in parts) and every word of six digits or more (a phone number)."""
    said = words(text) if isinstance(text, str) else text
    size = min(RUN, len(said))
    found = {tuple(said[i : i + size]) for i in range(len(said) - size + 1)} if size else set()
    found |= {pair for pair in pairwise(said) if all(_has_digit(w) for w in pair)}
    found |= {(w,) for w in said if sum(c.isdigit() for c in w) >= PHONE_DIGITS}
    return found


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _entry(
    entry: Item | Action, protocol: Protocol, names_others: bool, withholding: Withholding | None
) -> HeldEntry:
    if isinstance(entry, Item):
        return HeldEntry(
            entry.id,
            EntryKind.INFORMATION,
            entry.source,
            protocol.agency_name(entry.source),
            entry.category,
            protocol.category_name(entry.category),
            entry.text,
            recorded_at=entry.recorded_at,
            names_others=names_others,
            withholding=withholding,
        )
    source = entry.source or entry.owner
    return HeldEntry(
        entry.id,
        EntryKind.ACTION,
        source,
        protocol.agency_name(source),
        entry.category,
        protocol.category_name(entry.category),
        entry.text,
        due=entry.due,
        status=entry.status.label,
        names_others=names_others,
        withholding=withholding,
    )


def own_details(person: Person, protocol: Protocol, perpetrator: bool) -> tuple[Detail, ...]:
    """What the person's own record says, in words. Whether the victim fears them is the
    victim's information, never theirs; a perpetrator is never told who is safe to contact
    (their own record never says so, but a wrong one must not either)."""
    yes_no = {True: "Yes", False: "No"}
    values: list[tuple[str, object]] = [
        ("Name", person.name),
        ("Date of birth", person.born.isoformat() if person.born else None),
        ("Role in the case", person.role.label),
        ("Recorded by", protocol.agency_name(person.source) if person.source else None),
        ("Gender", person.gender),
        ("Ethnicity", person.ethnicity),
        ("Minority ethnic", person.minority_ethnic),
        ("Disability", person.disability),
        ("LGBT+", person.lgbt),
    ]
    if not perpetrator:
        values.append(("Safe to contact about the victim", person.safe_contact))
    return tuple(
        Detail(label, yes_no[value] if isinstance(value, bool) else str(value))
        for label, value in values
        if value is not None and value != ""
    )


def _own(
    person: Person,
    protocol: Protocol,
    earlier: Iterable[tuple[Person, datetime, str]],
    perpetrator: bool,
) -> OwnDetails:
    corrections = tuple(
        Correction(at, by, own_details(record, protocol, perpetrator)) for record, at, by in earlier
    )
    return OwnDetails(
        person.id, person.role, own_details(person, protocol, perpetrator), corrections
    )


def _consents(case: Case, person: Person, protocol: Protocol) -> tuple[HeldConsent, ...]:
    """The records of the person's own answers: the victim's for the victim, an other
    adult's own; children and perpetrators give none (domain/case.py CONSENTING_ROLES)."""
    victim = case.victim()
    if victim is not None and victim.id == person.id:
        records = case.consents_of(None)
    elif person.role is PersonRole.OTHER_ADULT:
        records = case.consents_of(person.id)
    else:
        records = ()
    return tuple(
        HeldConsent(
            c.state.label,
            tuple(_all_or(protocol.agency_name, c.agencies, "every agency")),
            tuple(_all_or(protocol.category_name, c.categories, "every category")),
            c.recorded_at,
            c.recorded_by,
        )
        for c in records
    )


def _all_or(name: Callable[[str], str], ids: Iterable[str], every: str) -> list[str]:
    return [every if i == WILDCARD else name(i) for i in ids]


def _override(
    override: Override, categories: set[str], protocol: Protocol, picker: _Picker
) -> HeldOverride:
    justification = "" if picker.perpetrator else override.justification
    return HeldOverride(
        tuple(protocol.category_name(c) for c in override.categories if c in categories),
        tuple(protocol.agency_name(a) for a in override.agencies),
        _basis(protocol, override.lawful_basis),
        justification,
        override.decided_by,
        override.decided_at,
        override.until,
        names_others=bool(picker.other_names & set(words(justification))),
    )


def _basis(protocol: Protocol, basis_id: str) -> str:
    basis = protocol.lawful_basis(basis_id)
    return basis.text if basis else basis_id
