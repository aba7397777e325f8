"""Writing a case file's content as a `mara-interchange/1` document.

Every field is written, optional ones included and in the documented order, so that an
import followed by an export gives back a complete document exactly.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mara_desktop.atomic import write_atomically
from mara_desktop.domain import (
    Action,
    Attendance,
    Case,
    CaseFileContent,
    Conference,
    Consent,
    Item,
    Override,
    Person,
    moment_text,
)
from mara_desktop.interchange.reader import FORMAT


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return moment_text(value) if value else None


def document(content: CaseFileContent) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "conferences": [_conference(c) for c in content.conferences],
        "cases": [_case(c) for c in content.cases],
    }


def dumps(content: CaseFileContent) -> str:
    return json.dumps(document(content), ensure_ascii=False, indent=2) + "\n"


def write_interchange(content: CaseFileContent, dest: Path) -> None:
    text = dumps(content)

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    write_atomically(dest, write)


def _conference(c: Conference) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "date": c.date.isoformat(),
        "venue": c.venue,
        "chair": c.chair,
        "agenda": list(c.agenda),
        "attendance": [_attendance(a) for a in c.attendance],
    }


def _attendance(a: Attendance) -> dict[str, Any]:
    return {
        "agency": a.agency,
        "name": a.name,
        "status": a.status.value,
        "conditionality_signed": a.conditionality_signed,
        "information_sent": a.information_sent,
        "received_on": _day(a.received_on),
    }


def _case(c: Case) -> dict[str, Any]:
    return {
        "id": c.id,
        "reference": c.reference,
        "children_involved": c.children_involved,
        "referral": {
            "date": c.referral.date.isoformat(),
            "agency": c.referral.agency,
            "criterion": c.referral.criterion.value,
            "dash_score": c.referral.dash_score,
        },
        "people": [_person(p) for p in c.people],
        "consents": [_consent(x) for x in c.consents],
        "overrides": [_override(o) for o in c.overrides],
        "items": [_item(i) for i in c.items],
        "actions": [_action(a) for a in c.actions],
    }


def _person(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "role": p.role.value,
        "name": p.name,
        "born": _day(p.born),
        "source": p.source,
    }


def _consent(c: Consent) -> dict[str, Any]:
    return {
        "state": c.state.value,
        "agencies": list(c.agencies),
        "categories": list(c.categories),
        "recorded_at": moment_text(c.recorded_at),
        "recorded_by": c.recorded_by,
    }


def _override(o: Override) -> dict[str, Any]:
    return {
        "categories": list(o.categories),
        "agencies": list(o.agencies),
        "lawful_basis": o.lawful_basis,
        "justification": o.justification,
        "decided_by": o.decided_by,
        "decided_at": moment_text(o.decided_at),
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
