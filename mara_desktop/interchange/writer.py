"""Writing a case file's content as a `mara-interchange/1` document.

Every field is written, optional ones included and in the documented order, so that an
import followed by an export gives back a complete document exactly.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from mara_desktop.atomic import write_atomically
from mara_desktop.domain import (
    Action,
    Attendance,
    Case,
    CaseFileContent,
    CaseStatus,
    Conference,
    Consent,
    Item,
    Override,
    Person,
    Referral,
    moment_text,
)
from mara_desktop.interchange.history_fields import history_entries
from mara_desktop.interchange.reader import FORMAT, REFERENCE_KEY


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return moment_text(value) if value else None


def document(content: CaseFileContent, reference_key: bytes | None = None) -> dict[str, Any]:
    """The document as JSON values (for content held in memory; a file is written a case at
    a time by `write_document`)."""
    key = {} if reference_key is None else {REFERENCE_KEY: reference_key.hex()}
    return {
        "format": FORMAT,
        **key,
        "conferences": [_conference(c) for c in content.conferences],
        "cases": [_case(c) for c in content.cases],
    }


def dumps(content: CaseFileContent) -> str:
    text = io.StringIO()
    write_document(text, content.conferences, content.cases)
    return text.getvalue()


def write_interchange(
    dest: Path,
    conferences: Iterable[Conference],
    cases: Iterable[Case],
    reference_key: bytes | None = None,
) -> int:
    """Write the document to `dest` atomically (owner-only, whole or not at all); returns the
    number of cases written. `cases` may be read from the file as they are written."""
    written = 0

    def write(temp: Path) -> None:
        nonlocal written
        with temp.open("w", encoding="utf-8") as out:
            written = write_document(out, conferences, cases, reference_key)

    write_atomically(dest, write)
    return written


def write_document(
    out: TextIO,
    conferences: Iterable[Conference],
    cases: Iterable[Case],
    reference_key: bytes | None = None,
) -> int:
    """The document, byte for byte as `json.dumps(document, ensure_ascii=False, indent=2)`
    writes it, but one case at a time: 20,000 cases as JSON values would take gigabytes.
    Returns the number of cases.

    `reference_key`, the case file's key of action references, is written when given (a
    whole file's export), so that a file made from the export prints the same references
    (docs/interchange.md, "Action references")."""
    out.write(f'{{\n  "format": {json.dumps(FORMAT)},\n')
    if reference_key is not None:
        out.write(f'  "{REFERENCE_KEY}": "{reference_key.hex()}",\n')
    _write_list(out, "conferences", map(_conference, conferences))
    out.write(",\n")
    count = _write_list(out, "cases", map(_case, cases))
    out.write("\n}\n")
    return count


def _write_list(out: TextIO, key: str, entries: Iterable[dict[str, Any]]) -> int:
    """A list at the document's second level; JSON escapes every line break inside a string,
    so the only ones in an entry's text are its own structure, indented two levels more."""
    out.write(f"  {json.dumps(key)}: [")
    count = 0
    for entry in entries:
        out.write(",\n    " if count else "\n    ")
        out.write(json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    "))
        count += 1
    out.write("\n  ]" if count else "]")
    return count


def _conference(c: Conference) -> dict[str, Any]:
    """The minutes' own sections only where recorded, as `left_at` below."""
    record: dict[str, Any] = {
        "id": c.id,
        "title": c.title,
        "date": c.date.isoformat(),
        "venue": c.venue,
        "chair": c.chair,
        "agenda": list(c.agenda),
        "attendance": [_attendance(a) for a in c.attendance],
    }
    if c.minute_taker:
        record["minute_taker"] = c.minute_taker
    if c.next_meeting is not None:
        record["next_meeting"] = _day(c.next_meeting)
    if c.other_business:
        record["other_business"] = c.other_business
    return record


def _attendance(a: Attendance) -> dict[str, Any]:
    """`left_at` only where an agency left: a file with none still reads in a version that
    knows no `left_at`."""
    line: dict[str, Any] = {
        "agency": a.agency,
        "name": a.name,
        "status": a.status.value,
        "conditionality_signed": a.conditionality_signed,
        "information_sent": a.information_sent,
        "received_on": _day(a.received_on),
    }
    if a.left_at is not None:
        line["left_at"] = _moment(a.left_at)
    return line


def _case(c: Case) -> dict[str, Any]:
    """`pregnancy`, `status`, `closed_on`, `closed_reason`, `transferred_to`,
    `repeat_decisions`, `history` and the fields of a referral and a person added in the
    second round are written only when they hold something: a file made before they existed
    exports as it was imported.
    `repeat_of` and the criteria are derived, never written."""
    written: dict[str, Any] = {
        "id": c.id,
        "reference": c.reference,
        "children_involved": c.children_involved,
        **({"pregnancy": True} if c.pregnancy else {}),
        **({"status": c.status.value} if c.status is not CaseStatus.OPEN else {}),
        **({"closed_on": _day(c.closed_on)} if c.closed_on else {}),
        **({"transferred_to": c.transferred_to} if c.transferred_to else {}),
        **({"closed_reason": c.closed_reason} if c.closed_reason else {}),
        "referral": _referral(c.referral),
        "people": [_person(p) for p in c.people],
        "consents": [_consent(x) for x in c.consents],
        "overrides": [_override(o) for o in c.overrides],
        "items": [_item(i) for i in c.items],
        "actions": [_action(a) for a in c.actions],
    }
    if c.repeat_decisions:
        written["repeat_decisions"] = [
            {
                "case": d.other,
                "confirmed": d.confirmed,
                "decided_by": d.decided_by,
                "decided_at": moment_text(d.decided_at),
            }
            for d in c.repeat_decisions
        ]
    if c.corrections:
        written["history"] = history_entries(c.corrections)
    return written


def case_record(c: Case) -> dict[str, Any]:
    """One case as the interchange writes it (what the editing services check a change by)."""
    return _case(c)


def person_record(p: Person) -> dict[str, Any]:
    """One person as the interchange writes it."""
    return _person(p)


def item_record(i: Item) -> dict[str, Any]:
    """One entry as the interchange writes it."""
    return _item(i)


def _referral(r: Referral) -> dict[str, Any]:
    written: dict[str, Any] = {
        "date": r.date.isoformat(),
        "agency": r.agency,
        "criterion": r.criterion.value,
        "dash_score": r.dash_score,
    }
    extra: dict[str, Any] = {
        "dash_answers": dict(r.dash_answers) or None,
        "dash_answered_by": dict(r.dash_answered_by) or None,
        "incidents_12m": r.incidents_12m,
        "victim_aware": r.victim_aware,
        "victim_consents_to_referral": r.victim_consents_to_referral,
        "professional_judgement": r.professional_judgement or None,
        "referrer": r.referrer or None,
    }
    return written | {key: value for key, value in extra.items() if value is not None}


def _person(p: Person) -> dict[str, Any]:
    written: dict[str, Any] = {
        "id": p.id,
        "role": p.role.value,
        "name": p.name,
        "born": _day(p.born),
        "source": p.source,
    }
    extra = {
        **p.self_identified,
        "feared": p.feared,
        "safe_contact": p.safe_contact,
        "school": p.school,
    }
    return written | {key: value for key, value in extra.items() if value is not None}


def _consent(c: Consent) -> dict[str, Any]:
    return {
        "state": c.state.value,
        "agencies": list(c.agencies),
        "categories": list(c.categories),
        "recorded_at": moment_text(c.recorded_at),
        "recorded_by": c.recorded_by,
        "person": c.person,
    }


def _override(o: Override) -> dict[str, Any]:
    return {
        "categories": list(o.categories),
        "agencies": list(o.agencies),
        "lawful_basis": o.lawful_basis,
        "justification": o.justification,
        "decided_by": o.decided_by,
        "decided_at": moment_text(o.decided_at),
        "until": _day(o.until),
    }


def _item(i: Item) -> dict[str, Any]:
    return {
        "id": i.id,
        "category": i.category,
        "source": i.source,
        "subject": i.subject.value,
        "text": i.text,
        "restricted_to": list(i.restricted_to),
        "person": i.person,
        "recorded_at": _moment(i.recorded_at),
    }


def _action(a: Action) -> dict[str, Any]:
    return {
        "id": a.id,
        "owner": a.owner,
        "category": a.category,
        "text": a.text,
        "due": _day(a.due),
        "status": a.status.value,
        "owner_name": a.owner_name,
        "source": a.source,
        "restricted_to": list(a.restricted_to),
        "conference": a.conference,
    }
