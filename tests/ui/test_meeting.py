"""Walking a meeting: hearing order, the room following attendance, agencies leaving, the
chair's place kept when the file changes."""

from __future__ import annotations

from pathlib import Path

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import OBSERVER
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import set_agenda
from mara_desktop.ui.meeting import START, Meeting


def _meeting(case_file: CaseFile) -> Meeting:
    conference = case_file.conference("ns-2026-11-26")
    assert conference is not None
    return Meeting(case_file, conference)


def test_children_cases_are_heard_first(demo_file: CaseFile) -> None:
    meeting = _meeting(demo_file)
    flags = [case.children_involved for case in meeting.order]
    assert flags == sorted(flags, reverse=True)
    assert len(meeting.order) == len(meeting.conference.agenda)


def test_the_meeting_starts_before_the_first_case_and_stays_in_bounds(
    demo_file: CaseFile,
) -> None:
    meeting = _meeting(demo_file)
    assert meeting.position == START and meeting.current is None
    meeting.previous()
    assert meeting.position == START
    for _ in range(100):
        meeting.next()
    assert meeting.current is meeting.order[-1]


def test_the_room_is_who_is_present_and_has_not_left(demo_file: CaseFile) -> None:
    meeting = _meeting(demo_file)
    present = set(meeting.present())
    assert meeting.room.agencies == present | {OBSERVER}
    assert "specialist" not in meeting.room.agencies  # sent apologies
    meeting.set_left(OBSERVER, True)
    meeting.set_left("csc", True)
    assert meeting.room.agencies == present - {"csc"}
    meeting.set_left("csc", False)
    assert "csc" in meeting.room.agencies


def test_children_only_agencies_are_known_once_children_cases_are_heard(
    demo_file: CaseFile,
) -> None:
    meeting = _meeting(demo_file)
    assert set(meeting.children_only_present()) == {"csc", "education"}
    last_children_case = max(n for n, c in enumerate(meeting.order) if c.children_involved)
    meeting.go_to(last_children_case)
    assert not meeting.children_cases_heard()
    meeting.next()
    assert meeting.children_cases_heard()


def test_the_agenda_names_cases_as_the_chair_sees_them(demo_file: CaseFile) -> None:
    meeting = _meeting(demo_file)
    entries = meeting.agenda()
    assert [case_id for case_id, _, _ in entries] == [c.id for c in meeting.order]
    assert entries[0][1].startswith("NS-2026-")


def test_the_opening_reviews_actions_from_earlier_meetings(demo_file: CaseFile) -> None:
    meeting = _meeting(demo_file)
    earlier = meeting.earlier_actions()
    assert earlier and all(a.conference == "ns-2026-10-29" for a in earlier)
    assert any(a.overdue for a in earlier)


def test_reading_the_meeting_again_keeps_the_case_being_heard(
    demo_path: Path, demo_file: CaseFile
) -> None:
    """Another program reorders the agenda: the chair stays on the same case."""
    meeting = _meeting(demo_file)
    adults = [c.id for c in meeting.order if not c.children_involved]
    meeting.go_to(meeting.number_of(adults[0]) - 1)
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as elsewhere:
        children = [c for c in meeting.conference.agenda if c not in adults]
        set_agenda(elsewhere, meeting.conference.id, [*children, *reversed(adults)])
    meeting.reload()
    assert meeting.current is not None and meeting.current.id == adults[0]
    assert meeting.number_of(adults[0]) == len(meeting.order)


def test_a_case_taken_off_the_agenda_gives_its_place_to_the_next(
    demo_path: Path, demo_file: CaseFile
) -> None:
    meeting = _meeting(demo_file)
    meeting.go_to(1)
    gone, following = meeting.order[1].id, meeting.order[2].id
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as elsewhere:
        agenda = [c for c in meeting.conference.agenda if c != gone]
        set_agenda(elsewhere, meeting.conference.id, agenda)
    meeting.reload()
    assert meeting.current is not None and meeting.current.id == following
    assert gone not in [c.id for c in meeting.order]
