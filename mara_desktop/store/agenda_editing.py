"""A new conference and its agenda, made in the app: the coordinator's preparation.

Every change is one transaction with its audit record, which names ids, positions and
dates, never a venue, a chair's name or a case's reference. A refusal is an `EditError`
with one sentence; nothing is written.

The agenda is kept in hearing order: children's cases first (DOMAIN.md, The meeting), each
group in the chair's order. A children's case added goes after the last children's case,
an adults' case at the end; moving a case up or down stays within its group, since the
meeting hears children's cases first whatever the list says (views/builder.py
`hearing_order`).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date

from mara_desktop.domain import CaseStatus, Conference, MinutesSections
from mara_desktop.domain.conference import children_first
from mara_desktop.domain.review import due_for_review, last_hearings
from mara_desktop.domain.text_rules import LONG_TEXT, SHORT_TEXT, text_problem
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import EditError

DEFAULT_TITLE = "MARAC"
"""The title of a file's first conference; later ones take the one before's title."""

MINUTES = "minutes"
"""The audit action of a minutes export (minutes/export.py): the record of what was sent."""


@dataclass(frozen=True)
class Candidate:
    """A case of the file not on the conference's agenda, as the chair picks from them:
    its reference (the chair sees everything), whether children are involved, when a
    conference before this one last heard it, and whether that is 12 months or more ago."""

    case_id: str
    reference: str
    children_involved: bool
    last_heard: date | None
    due: bool


def _conference(case_file: CaseFile, conference_id: str) -> Conference:
    conference = case_file.conference(conference_id)
    if conference is None:
        raise EditError(f'There is no conference "{conference_id}" in this case file.')
    return conference


def _details(text: str, field: str) -> str:
    value = text.strip()
    if not value:
        raise EditError(f"Give the meeting's {field}.", field=field)
    problem = text_problem(value, SHORT_TEXT)
    if problem is not None:
        raise EditError(f"The meeting's {field} {problem}.", field=field)
    return value


def _sections(sections: MinutesSections, on: date) -> MinutesSections:
    """The minutes' own sections, checked like the meeting's details; each may be empty."""
    taker = sections.minute_taker.strip()
    problem = text_problem(taker, SHORT_TEXT)
    if problem is not None:
        raise EditError(f"The minute-taker's name {problem}.", field="minute_taker")
    business = sections.other_business.strip()
    problem = text_problem(business, LONG_TEXT)
    if problem is not None:
        raise EditError(f"Any other business {problem}.", field="other_business")
    if sections.next_meeting is not None and sections.next_meeting <= on:
        raise EditError(
            "The next meeting's date must be after this meeting's.", field="next_meeting"
        )
    return MinutesSections(taker, sections.next_meeting, business)


def create_conference(
    case_file: CaseFile,
    on: date,
    venue: str,
    chair: str,
    title: str | None = None,
    sections: MinutesSections | None = None,
) -> Conference:
    """A conference on `on` with an empty agenda and attendance. Its id is "marac-" and
    the date, with "-2", "-3"… when the file already has a conference of that id; its title
    is the latest conference's unless given."""
    venue, chair = _details(venue, "venue"), _details(chair, "chair")
    sections = _sections(sections or MinutesSections(), on)
    conferences = case_file.conferences()
    if title is None or not title.strip():
        latest = max(conferences, key=lambda c: c.date, default=None)
        title = latest.title if latest is not None else DEFAULT_TITLE
    title = _details(title, "title")
    taken = {c.id for c in conferences}
    new_id, number = f"marac-{on.isoformat()}", 2
    while new_id in taken:
        new_id, number = f"marac-{on.isoformat()}-{number}", number + 1
    conference = dataclasses.replace(
        Conference(new_id, title, on, venue, chair), **dataclasses.asdict(sections)
    )
    with case_file.transaction() as conn:
        position = repository.next_position(conn, "conference")
        repository.write_conference(conn, conference, position, replace=False)
        audit.append(
            conn,
            case_file.actor,
            "conference-created",
            {"conference": new_id, "date": on.isoformat()},
        )
    return conference


def minutes_sent(case_file: CaseFile, conference_id: str) -> bool:
    """Whether minutes of the conference were exported: the audit log records each export."""
    with case_file.reading() as conn:
        rows = conn.execute("SELECT details FROM audit WHERE action = ?", (MINUTES,)).fetchall()
    return any(json.loads(row[0]).get("conference") == conference_id for row in rows)


def change_conference(
    case_file: CaseFile,
    conference_id: str,
    on: date,
    venue: str,
    chair: str,
    sections: MinutesSections | None = None,
) -> None:
    """Correct the date, venue or chair, and the minutes' own sections (None: as they
    are); refused once minutes have been exported, since the copies sent print them."""
    conference = _conference(case_file, conference_id)
    venue, chair = _details(venue, "venue"), _details(chair, "chair")
    sections = _sections(sections or conference.sections, on)
    if minutes_sent(case_file, conference_id):
        raise EditError(
            "Minutes of this meeting have been exported, so its date, venue and chair "
            "stay as they were printed."
        )
    updated = dataclasses.replace(
        conference, date=on, venue=venue, chair=chair, **dataclasses.asdict(sections)
    )
    changed = [
        name
        for name, old, new in (
            ("date", conference.date, on),
            ("venue", conference.venue, venue),
            ("chair", conference.chair, chair),
            *(
                (name, getattr(conference, name), value)
                for name, value in dataclasses.asdict(sections).items()
            ),
        )
        if old != new
    ]
    if not changed:
        return
    with case_file.transaction() as conn:
        repository.write_conference(conn, updated, 0, replace=True)
        audit.append(
            conn,
            case_file.actor,
            "conference-changed",
            {"conference": conference_id, "fields": changed, "date": on.isoformat()},
        )


def _children(case_file: CaseFile, case_ids: list[str]) -> dict[str, bool]:
    with case_file.reading() as conn:
        return repository.children_involved(conn, case_ids)


def _in_hearing_order(agenda: list[str], children: dict[str, bool]) -> list[str]:
    return children_first(agenda, lambda case_id: children.get(case_id, False))


def _save_agenda(
    case_file: CaseFile,
    conference: Conference,
    agenda: list[str],
    action: str,
    case_id: str,
) -> None:
    updated = dataclasses.replace(conference, agenda=tuple(agenda))
    details: dict[str, object] = {"conference": conference.id, "case": case_id}
    if case_id in agenda:
        details["position"] = agenda.index(case_id) + 1
    with case_file.transaction() as conn:
        repository.write_conference(conn, updated, 0, replace=True)
        audit.append(conn, case_file.actor, action, details)


def add_to_agenda(case_file: CaseFile, conference_id: str, case_id: str) -> None:
    """Put the case on the agenda: a children's case after the last children's case, an
    adults' case last."""
    conference = _conference(case_file, conference_id)
    if case_id in conference.agenda:
        raise EditError(f'Case "{case_id}" is already on this meeting\'s agenda.')
    children = _children(case_file, [*conference.agenda, case_id])
    if case_id not in children:
        raise EditError(f'There is no case "{case_id}" in this case file.')
    agenda = _in_hearing_order(list(conference.agenda), children)
    at = sum(1 for c in agenda if children[c]) if children[case_id] else len(agenda)
    agenda.insert(at, case_id)
    _save_agenda(case_file, conference, agenda, "agenda-case-added", case_id)


def remove_from_agenda(case_file: CaseFile, conference_id: str, case_id: str) -> None:
    """Take the case off the agenda; refused once actions were agreed on it at this
    conference (the minutes would lose them)."""
    conference = _conference(case_file, conference_id)
    if case_id not in conference.agenda:
        raise EditError(f'Case "{case_id}" is not on this meeting\'s agenda.')
    case = case_file.case(case_id)
    if case is not None and any(a.conference == conference_id for a in case.actions):
        raise EditError(
            f'Case "{case_id}" has actions agreed at this meeting, so it stays on its agenda.'
        )
    agenda = [c for c in conference.agenda if c != case_id]
    _save_agenda(case_file, conference, agenda, "agenda-case-removed", case_id)


def move_on_agenda(case_file: CaseFile, conference_id: str, case_id: str, step: int) -> None:
    """Move the case one place up (`step` -1) or down (+1) among the cases of its kind."""
    conference = _conference(case_file, conference_id)
    if case_id not in conference.agenda:
        raise EditError(f'Case "{case_id}" is not on this meeting\'s agenda.')
    children = _children(case_file, list(conference.agenda))
    agenda = _in_hearing_order(list(conference.agenda), children)
    here = agenda.index(case_id)
    there = here + (1 if step > 0 else -1)
    if not 0 <= there < len(agenda) or children.get(agenda[there]) != children.get(case_id):
        kind = "children's" if children.get(case_id) else "adults-only"
        end = "first" if step < 0 else "last"
        raise EditError(
            f"This case is already the {end} of the {kind} cases (children's cases are "
            "heard first)."
        )
    agenda[here], agenda[there] = agenda[there], agenda[here]
    _save_agenda(case_file, conference, agenda, "agenda-case-moved", case_id)


def candidates(case_file: CaseFile, conference_id: str) -> list[Candidate]:
    """The cases not on the agenda, those due for review first (longest since heard first),
    then the rest by reference."""
    conference = _conference(case_file, conference_id)
    last = last_hearings(case_file.conferences(), conference.date)
    on_agenda = set(conference.agenda)
    with case_file.reading() as conn:
        standings = repository.case_standings(conn)
    found = [
        Candidate(
            case.case_id,
            case.reference,
            case.children_involved,
            last.get(case.case_id),
            case.status is CaseStatus.OPEN
            and case.case_id in last
            and due_for_review(last[case.case_id], conference.date),
        )
        for case in standings
        if case.case_id not in on_agenda
    ]
    due = sorted((c for c in found if c.due), key=lambda c: (c.last_heard, c.reference))
    rest = sorted((c for c in found if not c.due), key=lambda c: c.reference)
    return due + rest
