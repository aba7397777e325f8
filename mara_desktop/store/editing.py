"""Changes made during a meeting: information shared, consent and override records,
actions, the agenda, the attendance and who left.

Each is one transaction with its audit record (ids and kinds, never values). Consent and
override records are only ever added. Every record is checked here, not just in a dialog,
by the rules the importer applies too (protocol/records.py): the command line and any
future screen must meet the same bar, and what is recorded in the app must import again.
What only a case file can say is checked here too: the case exists, an id is free.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from mara_desktop.domain import (
    Action,
    Attendance,
    Case,
    Conference,
    Consent,
    Item,
    Override,
)
from mara_desktop.errors import MaraError
from mara_desktop.protocol.records import Problem, RecordRules
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile

ITEM_ADDED = "item-added"
ACTION_ADDED = "action-added"
"""Audit actions of entries added to a case in the app: the importer looks for them."""


class EditError(MaraError):
    """A change that cannot be recorded as asked; nothing was written. `field` names the
    field of the record at fault ("justification"), so that a dialog can go to it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _refuse(problems: list[Problem]) -> None:
    """The first problem as the refusal: what a chair filling in the form meets first."""
    if problems:
        first = problems[0]
        raise EditError(first.sentence, field=first.field.split("[")[0])


def _existing_case(case_file: CaseFile, case_id: str) -> Case:
    case = case_file.case(case_id)
    if case is None:
        raise EditError(f'There is no case "{case_id}" in this case file.')
    return case


def add_consent(case_file: CaseFile, case_id: str, consent: Consent) -> None:
    case = _existing_case(case_file, case_id)
    people = {person.id: person.role for person in case.people}
    _refuse(RecordRules(case_file.protocol).of_consent(consent, people))
    with case_file.transaction() as conn:
        repository.add_consents(conn, case_id, [consent])
        audit.append(
            conn,
            case_file.actor,
            "consent-recorded",
            {"case": case_id, "state": consent.state.value},
        )


def add_override(case_file: CaseFile, case_id: str, override: Override) -> None:
    _existing_case(case_file, case_id)
    _refuse(RecordRules(case_file.protocol).of_override(override))
    with case_file.transaction() as conn:
        repository.add_overrides(conn, case_id, [override])
        audit.append(
            conn,
            case_file.actor,
            "override-recorded",
            {
                "case": case_id,
                "categories": list(override.categories),
                "agencies": list(override.agencies),
                "lawful_basis": override.lawful_basis,
                **({"until": override.until.isoformat()} if override.until else {}),
            },
        )


def free_id(case: Case, prefix: str) -> str:
    """The first id of the form prefix01, prefix02, … that no item or action of the case
    uses: items and actions share one space of ids within a case."""
    taken = {i.id for i in case.items} | {a.id for a in case.actions}
    number = 1
    while f"{prefix}{number:02d}" in taken:
        number += 1
    return f"{prefix}{number:02d}"


def add_item(case_file: CaseFile, case_id: str, item: Item) -> None:
    """Record information an agency shared at the meeting. Items are what agencies said, so
    they are only added, never edited here; the audit names the item and its kind, never
    its text."""
    case = _existing_case(case_file, case_id)
    people = {person.id: person.role for person in case.people}
    _refuse(RecordRules(case_file.protocol).of_item(item, people))
    if item.id in {i.id for i in case.items} | {a.id for a in case.actions}:
        raise EditError(f'The id "{item.id}" is already used in this case.')
    updated = dataclasses.replace(case, items=(*case.items, item))
    with case_file.transaction() as conn:
        repository.write_case(conn, updated, 0, replace=True)
        audit.append(
            conn,
            case_file.actor,
            ITEM_ADDED,
            {"case": case_id, "item": item.id, "category": item.category, "source": item.source},
        )


def save_action(case_file: CaseFile, case_id: str, action: Action) -> None:
    """Add the action, or replace the one with its id (actions are current state, not history)."""
    case = _existing_case(case_file, case_id)
    _refuse(RecordRules(case_file.protocol).of_action(action))
    if any(i.id == action.id for i in case.items):
        raise EditError(f'The id "{action.id}" is already used by an item of this case.')
    exists = any(a.id == action.id for a in case.actions)
    actions = [action if a.id == action.id else a for a in case.actions]
    if not exists:
        actions.append(action)
    updated = dataclasses.replace(case, actions=tuple(actions))
    with case_file.transaction() as conn:
        repository.write_case(conn, updated, 0, replace=True)
        audit.append(
            conn,
            case_file.actor,
            "action-updated" if exists else ACTION_ADDED,
            {"case": case_id, "action": action.id, "status": action.status.value},
        )


def _conference(case_file: CaseFile, conference_id: str) -> Conference:
    conference = case_file.conference(conference_id)
    if conference is None:
        raise EditError(f'There is no conference "{conference_id}" in this case file.')
    return conference


def _save_conference(
    case_file: CaseFile, updated: Conference, action: str, details: dict[str, object]
) -> None:
    with case_file.transaction() as conn:
        repository.write_conference(conn, updated, 0, replace=True)
        audit.append(conn, case_file.actor, action, {"conference": updated.id, **details})


def set_agenda(case_file: CaseFile, conference_id: str, case_ids: list[str]) -> None:
    """Reorder (or change) the agenda; every case must exist and appear once."""
    conference = _conference(case_file, conference_id)
    known = case_file.case_ids(among=case_ids)
    if len(set(case_ids)) != len(case_ids) or not set(case_ids) <= known:
        raise EditError("The agenda must list each case of this case file at most once.")
    updated = dataclasses.replace(conference, agenda=tuple(case_ids))
    _save_conference(case_file, updated, "agenda-changed", {"cases": case_ids})


def set_attendance(case_file: CaseFile, conference_id: str, lines: list[Attendance]) -> None:
    """Replace the attendance list as the chair corrects it at the meeting (who came, who
    sent apologies, observers and whether they signed)."""
    conference = _conference(case_file, conference_id)
    rules = RecordRules(case_file.protocol)
    for line in lines:
        _refuse(rules.of_attendance(line))
    updated = dataclasses.replace(conference, attendance=tuple(lines))
    kinds = [{"agency": a.agency, "status": a.status.value} for a in lines]
    _save_conference(case_file, updated, "attendance-changed", {"lines": kinds})


def set_left(
    case_file: CaseFile, conference_id: str, agency: str, left_at: datetime | None
) -> None:
    """Record that an agency present (or the observers, who leave together: every observer
    line) left the meeting at `left_at`, or with None that it is back. The room's audience
    follows it, and the minutes say when the agency went."""
    conference = _conference(case_file, conference_id)
    if not any(line.agency == agency for line in conference.attendance):
        name = case_file.protocol.agency_name(agency)
        raise EditError(f"{name} is not on this meeting's attendance list.", field="agency")
    lines = tuple(
        dataclasses.replace(line, left_at=left_at) if line.agency == agency else line
        for line in conference.attendance
    )
    rules = RecordRules(case_file.protocol)
    for line in lines:
        if line.agency == agency:
            _refuse(rules.of_attendance(line))
    updated = dataclasses.replace(conference, attendance=lines)
    _save_conference(
        case_file, updated, "attendance-left", {"agency": agency, "left": left_at is not None}
    )
