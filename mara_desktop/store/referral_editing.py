"""A referral entered in the app, people added and corrected, a case's header edited, and
the chair's answer about a near match.

Every record is checked by the importer's own reader (interchange/reader.py): the case as
it would be after the change is written as an interchange record and read back, so a
referral typed in the app meets exactly the bar of one imported, and what the app records
imports again. The first problem is the refusal (an `EditError` naming the field); nothing
is written. Each change is one transaction with its audit record: ids, kinds and the names
of the fields changed, never a value (a name, a date of birth, an answer).

A correction is a new record: the person's earlier values are kept in `person_history`
(history: never changed or deleted), readable by the chair through the session.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from mara_desktop.domain import Case, CaseStatus, Person, RepeatDecision, parse_moment
from mara_desktop.domain.correction import Corrected, replaced_now
from mara_desktop.domain.repeats import Matches, matches
from mara_desktop.interchange.reader import RecordReader
from mara_desktop.interchange.writer import case_record, person_record
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import EditError

HEADER_FIELDS = ("reference", "children_involved", "pregnancy", "status", "closed_on", "referral")
"""What editing a case's header may change; people, items, actions and history are not."""


@dataclass(frozen=True)
class EarlierValue:
    """A person's record as it was before a correction, with when and by whom it was
    replaced: for the chair only."""

    person: Person
    replaced_at: datetime
    replaced_by: str
    reason: str = ""


def checked(case_file: CaseFile, case: Case) -> Case:
    """The case as the importer reads it, or EditError with the first problem."""
    reader = RecordReader(case_file.protocol)
    read = reader.case(json.loads(json.dumps(case_record(case))), "case")
    problems = reader.check.problems
    if problems or read is None:
        first = problems[0] if problems else "case: cannot be read"
        where, _, sentence = first.partition(": ")
        field = where.removeprefix("case.").split("[")[0].split(".")[0]
        raise EditError(f"{_field_words(where)}: {sentence}", field=field)
    return read


def _not_after_today(case: Case) -> None:
    """A referral is made before it reaches the file: a later date is a slip."""
    if case.referral.date > date.today():
        raise EditError("referral date: a referral cannot be dated in the future", field="referral")


def _field_words(where: str) -> str:
    return where.removeprefix("case.").replace("_", " ")


def save_referral(case_file: CaseFile, case: Case) -> Matches:
    """Save a new case from a referral: it must name its victim. Returns what matching
    found: the earlier cases it repeats and the near matches the chair should answer."""
    if case.victim() is None:
        raise EditError("people: the referral has no victim: add the victim", field="people")
    if case_file.case_ids(among=[case.id]):
        raise EditError(f'There is already a case "{case.id}" in this case file.', field="id")
    _not_after_today(case)
    read = checked(case_file, case)
    with case_file.transaction() as conn:
        position = repository.next_position(conn, "case")
        repository.write_case(conn, read, position, replace=False)
        found = find_matches(conn, read)
        audit.append(
            conn,
            case_file.actor,
            "case-referred",
            {
                "case": read.id,
                "agency": read.referral.agency,
                "people": len(read.people),
                "repeats": len(found.repeat_of),
                "near_matches": len(found.near),
            },
        )
    return found


def find_matches(conn: Any, case: Case) -> Matches:
    """The case's repeats and near matches among every case of the file (two indexed
    look-ups, whatever the size of the file; benchmarks/repeats.py)."""
    candidates = repository.victim_candidates(conn, [case])
    return matches(case, candidates.get(case.id, ()))


def match_report(case_file: CaseFile, case_id: str) -> Matches:
    """The case's repeats and near matches awaiting the chair's answer, as of now."""
    case = _case(case_file, case_id)
    with case_file.reading() as conn:
        return find_matches(conn, case)


def decide_near_match(case_file: CaseFile, case_id: str, other: str, *, confirmed: bool) -> None:
    """Record whether the victim of `other` is this case's victim. Nothing is merged: the
    answer only says whether `other` counts as an earlier referral of the same victim."""
    case = _case(case_file, case_id)
    if other == case_id or not case_file.case_ids(among=[other]):
        raise EditError(f'There is no other case "{other}" in this case file.', field="other")
    decision = RepeatDecision(other, confirmed, case_file.actor, datetime.now(UTC))
    with case_file.transaction() as conn:
        repository.add_repeat_decisions(conn, case.id, [decision])
        audit.append(
            conn,
            case_file.actor,
            "near-match-confirmed" if confirmed else "near-match-rejected",
            {"case": case.id, "other": other},
        )


def add_person(case_file: CaseFile, case_id: str, person: Person) -> None:
    case = _case(case_file, case_id)
    if case.person(person.id) is not None:
        raise EditError(f'The id "{person.id}" is already used in this case.', field="id")
    updated = checked(case_file, dataclasses.replace(case, people=(*case.people, person)))
    with case_file.transaction() as conn:
        repository.write_case(conn, updated, 0, replace=True)
        audit.append(
            conn,
            case_file.actor,
            "person-added",
            {"case": case.id, "person": person.id, "role": person.role.value},
        )


def correct_person(case_file: CaseFile, case_id: str, person: Person, reason: str = "") -> None:
    """Replace the person with `person.id` by `person`, keeping the earlier values and why
    they were wrong (the app asks for a reason; an import of older history has none)."""
    case = _case(case_file, case_id)
    earlier = case.person(person.id)
    if earlier is None:
        raise EditError(f'Case "{case_id}" has no person "{person.id}".', field="id")
    people = tuple(person if p.id == person.id else p for p in case.people)
    updated = checked(case_file, dataclasses.replace(case, people=people))
    before, after = person_record(earlier), person_record(person)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if not changed:
        return
    earlier_record = replaced_now(Corrected.PERSON, person.id, before, reason, case_file.actor)
    with case_file.transaction() as conn:
        repository.add_corrections(conn, case.id, [earlier_record])
        repository.write_case(conn, updated, 0, replace=True)
        audit.append(
            conn,
            case_file.actor,
            "person-corrected",
            {"case": case.id, "person": person.id, "fields": changed},
        )


def person_history(case_file: CaseFile, case_id: str, person_id: str) -> list[EarlierValue]:
    """The person's earlier records, oldest first."""
    reader = RecordReader(case_file.protocol)
    with case_file.reading() as conn:
        rows = conn.execute(
            "SELECT record, replaced_at, replaced_by, reason FROM person_history "
            "WHERE case_id = ? AND person = ? ORDER BY seq",
            (case_id, person_id),
        ).fetchall()
    found = []
    for record, at, by, reason in rows:
        person = reader.person(json.loads(record), "person")
        if person is not None:
            found.append(EarlierValue(person, parse_moment(at), by, reason))
    return found


def edit_header(case_file: CaseFile, case_id: str, **changes: Any) -> None:
    """Change the case's header fields (HEADER_FIELDS) as given."""
    unknown = sorted(set(changes) - set(HEADER_FIELDS))
    if unknown:
        raise EditError(f'"{unknown[0]}" is not part of a case\'s header.', field=unknown[0])
    if changes.get("status", CaseStatus.TRANSFERRED) is not CaseStatus.TRANSFERRED:
        changes = {**changes, "transferred_to": ""}  # no longer transferred: gone nowhere
    case = _case(case_file, case_id)
    if changes.get("status", case.status) is CaseStatus.OPEN:
        changes["closed_reason"] = ""  # an open case has no reason for closing
    _not_after_today(dataclasses.replace(case, **changes))
    updated = checked(case_file, dataclasses.replace(case, **changes))
    changed = _changed_fields(case, updated, changes)
    if not changed:
        return
    with case_file.transaction() as conn:
        repository.write_case(conn, updated, 0, replace=True)
        audit.append(conn, case_file.actor, "header-changed", {"case": case.id, "fields": changed})


def _changed_fields(case: Case, updated: Case, names: Iterable[str]) -> list[str]:
    before, after = case_record(case), case_record(updated)
    fields = []
    for name in names:
        if name == "referral":
            fields += [
                f"referral.{k}"
                for k in sorted(before["referral"].keys() | after["referral"].keys())
                if before["referral"].get(k) != after["referral"].get(k)
            ]
        elif before.get(name) != after.get(name):
            fields.append(name)
    return fields


def _case(case_file: CaseFile, case_id: str) -> Case:
    case = case_file.case(case_id)
    if case is None:
        raise EditError(f'There is no case "{case_id}" in this case file.')
    return case
