"""Changes made during a meeting: information shared, consent and override records,
actions, the agenda, the attendance.

Each is one transaction with its audit record (ids and kinds, never values). Consent and
override records are only ever added. An override is checked here, not just in a dialog,
because the command line and any future screen must meet the same bar: a lawful basis the
protocol names, a justification of real length, the person who decided, and agencies and
categories named one by one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from mara_desktop.domain import (
    OBSERVER,
    WILDCARD,
    Action,
    Attendance,
    AttendanceStatus,
    Case,
    Conference,
    Consent,
    Item,
    Override,
)
from mara_desktop.domain.case import CONSENT_BASIS, MIN_JUSTIFICATION
from mara_desktop.domain.text_rules import LONG_TEXT, SHORT_TEXT, TextKind, text_problem
from mara_desktop.errors import MaraError
from mara_desktop.protocol.model import Protocol
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile

ITEM_ADDED = "item-added"
ACTION_ADDED = "action-added"
"""Audit actions of entries added to a case in the app: the importer looks for them."""


class EditError(MaraError):
    """A change that cannot be recorded as asked; nothing was written."""


def _existing_case(case_file: CaseFile, case_id: str) -> Case:
    case = case_file.case(case_id)
    if case is None:
        raise EditError(f'There is no case "{case_id}" in this case file.')
    return case


def _check_known(
    protocol: Protocol, *, agencies: Iterable[str] = (), categories: Iterable[str] = ()
) -> None:
    for agency in agencies:
        if protocol.agency(agency) is None:
            raise EditError(f'Unknown agency "{agency}".')
    for category in categories:
        if protocol.category(category) is None:
            raise EditError(f'Unknown category "{category}".')


def _check_text(label: str, text: str, kind: TextKind) -> None:
    """Typed text within its limit and free of the characters docs/interchange.md refuses:
    what a dialog or the command line records must import again after an export."""
    problem = text_problem(text, kind)
    if problem is not None:
        raise EditError(f"{label} {problem}.")


def add_consent(case_file: CaseFile, case_id: str, consent: Consent) -> None:
    _existing_case(case_file, case_id)
    protocol = case_file.protocol
    unknown = [a for a in consent.agencies if a != WILDCARD and protocol.agency(a) is None]
    unknown += [c for c in consent.categories if c != WILDCARD and protocol.category(c) is None]
    if unknown or not consent.agencies or not consent.categories or not consent.recorded_by.strip():
        raise EditError("A consent record needs known agencies and categories and who recorded it.")
    _check_text("The name of who recorded it", consent.recorded_by, SHORT_TEXT)
    with case_file.transaction() as conn:
        repository.add_consents(conn, case_id, [consent])
        audit.append(
            conn,
            case_file.actor,
            "consent-recorded",
            {"case": case_id, "state": consent.state.value},
        )


def check_override(case_file: CaseFile, override: Override) -> None:
    """Raise EditError with the first thing an override still lacks."""
    protocol = case_file.protocol
    if protocol.lawful_basis(override.lawful_basis) is None:
        raise EditError("Choose the lawful basis from the protocol.")
    if override.lawful_basis == CONSENT_BASIS:
        raise EditError(
            "An override shares without the victim's consent, so consent cannot be its "
            "lawful basis: choose another."
        )
    if len(override.justification.strip()) < MIN_JUSTIFICATION:
        raise EditError(
            f"Write the justification in full (at least {MIN_JUSTIFICATION} characters): "
            "what the serious risk is and why sharing without consent reduces it."
        )
    _check_text("The justification", override.justification, LONG_TEXT)
    if not override.decided_by.strip():
        raise EditError("Name the person who decided.")
    _check_text("The name of who decided", override.decided_by, SHORT_TEXT)
    if not override.agencies or not override.categories:
        raise EditError("Name at least one agency and one category.")
    _check_known(protocol, agencies=override.agencies, categories=override.categories)


def add_override(case_file: CaseFile, case_id: str, override: Override) -> None:
    _existing_case(case_file, case_id)
    check_override(case_file, override)
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
    agencies = (item.source, *item.restricted_to)
    _check_known(case_file.protocol, agencies=agencies, categories=[item.category])
    if not item.text.strip():
        raise EditError("Write what was shared.")
    _check_text("What was shared", item.text, LONG_TEXT)
    person = next((p for p in case.people if p.id == item.person), None)
    if item.person is not None and person is None:
        raise EditError("The person it is about is not in this case.")
    if person is not None and person.role.subject is not item.subject:
        role = person.role
        raise EditError(
            f'Information about a {role.label.lower()} has the subject "{role.subject}".'
        )
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
    _check_known(case_file.protocol, agencies=[action.owner], categories=[action.category])
    if not action.text.strip():
        raise EditError("Write what the action is.")
    _check_text("The action", action.text, LONG_TEXT)
    _check_text("The owner's name", action.owner_name, SHORT_TEXT)
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
    protocol = case_file.protocol
    for line in lines:
        if line.agency != OBSERVER and protocol.agency(line.agency) is None:
            raise EditError(f'Unknown agency "{line.agency}".')
        if (line.status is AttendanceStatus.OBSERVER) != (line.agency == OBSERVER):
            raise EditError("Observers are listed as observers, and only observers are.")
        if not line.name.strip():
            raise EditError("Give the name of each person attending.")
        who = f"The name given for {protocol.agency_name(line.agency)}"
        _check_text(who, line.name, SHORT_TEXT)
    updated = dataclasses.replace(conference, attendance=tuple(lines))
    kinds = [{"agency": a.agency, "status": a.status.value} for a in lines]
    _save_conference(case_file, updated, "attendance-changed", {"lines": kinds})
