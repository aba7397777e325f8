"""What leaves the file for a subject access request: the chair's draft without what the
chair withheld.

`release` is the only way from a draft (subject_access.py) to the PDF and the JSON: a
withheld entry's text is dropped here, and the reviewer's part names it only by id,
category, source and the reason. Whatever a perpetrator's request may never hold was left
out of the draft already and is not even listed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from mara_desktop.domain import moment_text
from mara_desktop.views.subject_access import (
    NAMES_OTHERS,
    HeldConsent,
    HeldEntry,
    HeldOverride,
    OwnDetails,
    SubjectAccess,
)

FORMAT = "mara-subject-access/1"
PERPETRATOR_RULE = (
    "Left out by rule, and not listed: whatever would find or reach the victim or anyone "
    "else (addresses, whereabouts, safe contacts, housing), the victim's own information, "
    "other people's details and the reasons given for overrides. A perpetrator's request "
    "never includes them, whatever a reviewer decides."
)
NO_LOCATING = (
    "The protocol marks no category as locating (an address, whereabouts or safe contact "
    "details): read every entry for one before release."
)


@dataclass(frozen=True)
class WithheldNote:
    """A withheld entry as the reviewer's part names it: never its text."""

    entry: str
    category_name: str
    source_name: str
    reason: str


@dataclass(frozen=True)
class SourceGroup:
    source_name: str
    entries: tuple[HeldEntry, ...]


@dataclass(frozen=True)
class Release:
    reference: str
    person: OwnDetails
    groups: tuple[SourceGroup, ...]
    """The released entries by the agency they came from, in the order first met."""
    consents: tuple[HeldConsent, ...]
    overrides: tuple[HeldOverride, ...]
    to_review: tuple[str, ...]
    """Ids of released entries that name other people or are about several."""
    withheld: tuple[WithheldNote, ...]
    reviewer_notes: tuple[str, ...]

    @property
    def entries(self) -> tuple[HeldEntry, ...]:
        return tuple(e for g in self.groups for e in g.entries)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "case": self.reference,
            "person": {
                "role": self.person.role.value,
                "details": [dataclasses.asdict(d) for d in self.person.details],
                "corrections": [
                    {
                        "replaced_at": moment_text(c.replaced_at),
                        "replaced_by": c.replaced_by,
                        "earlier": [dataclasses.asdict(d) for d in c.earlier],
                    }
                    for c in self.person.corrections
                ],
            },
            "held": [
                {"source": g.source_name, "entries": [_entry_json(e) for e in g.entries]}
                for g in self.groups
            ],
            "consents": [
                {
                    "state": c.state,
                    "agencies": list(c.agencies),
                    "categories": list(c.categories),
                    "recorded_at": moment_text(c.recorded_at),
                    "recorded_by": c.recorded_by,
                }
                for c in self.consents
            ],
            "overrides": [_override_json(o) for o in self.overrides],
            "reviewer": {
                "review_before_release": list(self.to_review),
                "withheld": [dataclasses.asdict(w) for w in self.withheld],
                "notes": list(self.reviewer_notes),
            },
        }


def release(draft: SubjectAccess) -> Release:
    groups: dict[str, list[HeldEntry]] = {}
    for entry in draft.entries:
        if entry.withholding is None:
            groups.setdefault(entry.source_name, []).append(entry)
    notes = []
    if draft.perpetrator:
        notes.append(PERPETRATOR_RULE)
    if not draft.locating_marked:
        notes.append(NO_LOCATING)
    return Release(
        draft.reference,
        draft.person,
        tuple(SourceGroup(name, tuple(entries)) for name, entries in groups.items()),
        draft.consents,
        draft.overrides,
        tuple(e.id for e in draft.marked if e.withholding is None),
        tuple(
            WithheldNote(e.id, e.category_name, e.source_name, e.withholding.text)
            for e in draft.entries
            if e.withholding is not None
        ),
        tuple(notes),
    )


def _entry_json(entry: HeldEntry) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": entry.id,
        "kind": entry.kind.value,
        "category": entry.category_name,
        "text": entry.text,
    }
    if entry.recorded_at is not None:
        found["recorded_at"] = moment_text(entry.recorded_at)
    if entry.due is not None:
        found["due"] = entry.due.isoformat()
    if entry.status:
        found["status"] = entry.status
    if entry.names_others:
        found["review"] = NAMES_OTHERS
    return found


def _override_json(override: HeldOverride) -> dict[str, Any]:
    found: dict[str, Any] = {
        "categories": list(override.categories),
        "agencies": list(override.agencies),
        "lawful_basis": override.lawful_basis,
        "decided_by": override.decided_by,
        "decided_at": moment_text(override.decided_at),
    }
    if override.justification:
        found["justification"] = override.justification
    if override.until is not None:
        found["until"] = override.until.isoformat()
    if override.names_others:
        found["review"] = NAMES_OTHERS
    return found
