"""Walking a meeting: hearing order, the room following attendance, agencies leaving, the
chair's place kept when the file changes, and only views handed out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.domain import OBSERVER, ActionStatus, Audience, Override
from mara_desktop.errors import MaraError
from mara_desktop.session import START, Meeting, Session


def _meeting(session: Session) -> Meeting:
    meeting = session.meeting(DEMO_CONFERENCE)
    assert meeting is not None
    return meeting


def _children(meeting: Meeting) -> list[bool]:
    return [entry.children_involved for entry in meeting.agenda()]


def test_children_cases_are_heard_first(demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    flags = _children(meeting)
    assert flags == sorted(flags, reverse=True) and True in flags and False in flags
    assert len(meeting.order) == len(meeting.conference.agenda)


def test_the_meeting_starts_before_the_first_case_and_stays_in_bounds(
    demo_session: Session,
) -> None:
    meeting = _meeting(demo_session)
    assert meeting.position == START and meeting.current is None
    meeting.previous()
    assert meeting.position == START
    for _ in range(100):
        meeting.next()
    assert meeting.current == meeting.order[-1]


def test_the_room_is_who_is_present_and_has_not_left(demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    present = set(meeting.present())
    assert meeting.room.agencies == present | {OBSERVER}
    assert "specialist" not in meeting.room.agencies  # sent apologies
    meeting.set_left(OBSERVER, True)
    meeting.set_left("csc", True)
    assert meeting.room.agencies == present - {"csc"}
    meeting.set_left("csc", False)
    assert "csc" in meeting.room.agencies


def test_children_only_agencies_are_known_once_children_cases_are_heard(
    demo_session: Session,
) -> None:
    """Children's services take part until the last case with children and the last case
    of a pregnant or under-18 victim: in the demo, case-12 (a victim of 17) comes after
    the cases with children."""
    meeting = _meeting(demo_session)
    assert set(meeting.children_only_present()) == {"csc", "education"}
    last_children_case = max(n for n, children in enumerate(_children(meeting)) if children)
    meeting.go_to(last_children_case)
    assert not meeting.children_cases_heard()
    meeting.next()
    assert not meeting.children_cases_heard()
    young = meeting.order.index("case-12")
    assert young > last_children_case
    meeting.go_to(young)
    assert not meeting.children_cases_heard()
    meeting.next()
    assert meeting.children_cases_heard()


def test_the_agenda_names_cases_as_the_chair_sees_them(demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    entries = meeting.agenda()
    assert [entry.case_id for entry in entries] == meeting.order
    assert entries[0].title.startswith("NS-2026-")


def test_the_opening_reviews_actions_from_earlier_meetings(demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    earlier = meeting.earlier_actions()
    assert earlier and all(a.conference == "ns-2026-10-29" for a in earlier)
    assert any(a.overdue for a in earlier)


def test_the_room_gets_its_view_of_the_current_case_and_nothing_more(
    demo_session: Session,
) -> None:
    """The room's view is the one the session gives that audience; the chair's holds more."""
    meeting = _meeting(demo_session)
    assert meeting.room_view() is None
    meeting.set_left(OBSERVER, True)
    meeting.next()
    case_id = meeting.current
    assert case_id is not None
    shown = meeting.room_view()
    assert shown == meeting.view(case_id, meeting.room)
    assert shown.audience == meeting.room and shown.number == 1
    chair = meeting.view(case_id, Audience.chair())
    assert len(chair.items) > len(shown.items)
    assert meeting.records(case_id, meeting.room).consents == ()
    assert meeting.records(case_id, Audience.chair()).consents


def test_what_is_shown_is_audited_once_until_it_changes(demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    meeting.next()
    case_id = meeting.current
    assert case_id is not None
    for _ in range(3):
        meeting.shown(case_id, meeting.room, "shared screen")
    meeting.shown(case_id, Audience.of(["housing"]), "preview")
    meeting.set_left(OBSERVER, True)
    meeting.shown(case_id, meeting.room, "shared screen")
    views = [r.details for r in demo_session.audit_records() if r.action == "view"]
    assert [v["via"] for v in views] == ["shared screen", "preview", "shared screen"]
    assert views[1] == {"case": case_id, "audience": ["housing"], "via": "preview"}


def test_a_new_action_is_first_the_referrers_due_in_two_weeks(demo_session: Session) -> None:
    """What the add-action dialog shows filled in, for the chair to change."""
    meeting = _meeting(demo_session)
    assert meeting.new_action() is None  # the opening: no case to act on
    meeting.next()
    case_id = meeting.current
    assert case_id is not None
    proposed = meeting.new_action()
    assert proposed is not None
    referrer = meeting.view(case_id, Audience.chair()).header
    assert referrer is not None and proposed.owner == referrer.referring_agency
    assert proposed.due is not None and (proposed.due - meeting.on).days == 14
    assert proposed.id.startswith("m") and proposed.text == ""
    assert proposed.status is ActionStatus.OPEN and proposed.conference == DEMO_CONFERENCE
    taken = {a.id for a in meeting.view(case_id, Audience.chair()).actions}
    assert proposed.id not in taken


def test_reading_the_meeting_again_keeps_the_case_being_heard(
    demo_path: Path, demo_session: Session
) -> None:
    """Another program reorders the agenda: the chair stays on the same case."""
    meeting = _meeting(demo_session)
    adults = [e.case_id for e in meeting.agenda() if not e.children_involved]
    meeting.go_to(meeting.number_of(adults[0]) - 1)
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as elsewhere:
        children = [c for c in meeting.conference.agenda if c not in adults]
        elsewhere.set_agenda(meeting.conference.id, [*children, *reversed(adults)])
    meeting.reload()
    assert meeting.current == adults[0]
    assert meeting.number_of(adults[0]) == len(meeting.order)


def test_a_case_taken_off_the_agenda_gives_its_place_to_the_next(
    demo_path: Path, demo_session: Session
) -> None:
    meeting = _meeting(demo_session)
    meeting.go_to(1)
    gone, following = meeting.order[1], meeting.order[2]
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as elsewhere:
        agenda = [c for c in meeting.conference.agenda if c != gone]
        elsewhere.set_agenda(meeting.conference.id, agenda)
    meeting.reload()
    assert meeting.current == following
    assert gone not in meeting.order


LEFT_AT = datetime(2026, 11, 26, 11, 20, tzinfo=UTC)


def test_who_left_and_when_is_in_the_attendance_for_the_next_reading(
    demo_session: Session,
) -> None:
    """The room of a meeting read afresh (after locking) is the room the chair left."""
    meeting = _meeting(demo_session)
    meeting.set_left("csc", True, at=LEFT_AT)
    meeting.set_left(OBSERVER, True, at=LEFT_AT)
    again = _meeting(demo_session)
    assert again.left == {"csc": LEFT_AT, OBSERVER: LEFT_AT}
    assert again.room == meeting.room and "csc" not in again.room.agencies
    (csc,) = [line for line in again.conference.attendance if line.agency == "csc"]
    assert csc.left_at == LEFT_AT
    again.set_left("csc", False)
    assert "csc" in _meeting(demo_session).room.agencies


def test_a_meeting_read_afresh_returns_to_the_chairs_place(demo_session: Session) -> None:
    meeting = _meeting(demo_session)
    meeting.go_to(2)
    place = meeting.place()
    assert place.case_id == meeting.current and place.conference_id == DEMO_CONFERENCE
    again = _meeting(demo_session)
    assert again.current is None
    again.return_to(place)
    assert again.position == 2 and again.current == meeting.current


def test_a_tick_the_file_cannot_record_still_changes_the_room_and_keeps_its_place(
    demo_path: Path,
) -> None:
    """An agency coming back must narrow the room even when the file takes no writes (a
    damaged file); the place kept over a lock carries the tick to the next reading."""
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        _meeting(session).set_left("police", True, at=LEFT_AT)
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as session:
        meeting = _meeting(session)
        assert "police" not in meeting.room.agencies
        with pytest.raises(MaraError):
            meeting.set_left("police", False)
        assert "police" in meeting.room.agencies
        meeting.reload()
        assert "police" in meeting.room.agencies
        place = meeting.place()
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as session:
        again = _meeting(session)
        again.return_to(place)
        assert "police" in again.room.agencies and "police" not in again.left


def test_the_meeting_and_its_minutes_decide_as_of_the_conference_date(
    demo_session: Session,
) -> None:
    """An override whose last day is the conference's (26 Nov) applies in the meeting and
    in its minutes, whatever the date today; a view as of the next day no longer shows it."""
    last_day = date(2026, 11, 26)
    assert date.today() > last_day  # so that a meeting deciding as of today would differ
    ending = Override(
        ("victim-contact",), ("housing",), "vital-interests",
        "Threats to kill made on 1 Nov; bail breached on 2 Nov.", "DI Sam Example",
        datetime(2026, 11, 2, 10, tzinfo=UTC), last_day,
    )  # fmt: skip
    housing = Audience.of(["housing"])
    before = {i.id for i in _meeting(demo_session).view("case-03", housing).items}
    demo_session.record_override("case-03", ending)
    meeting_view = _meeting(demo_session).view("case-03", housing)
    shared = {i.id for i in meeting_view.items} - before
    assert shared
    assert all(i.category == "victim-contact" for i in meeting_view.items if i.id in shared)
    minutes = demo_session.conference_views(DEMO_CONFERENCE)
    assert minutes is not None
    housing_minutes = minutes.view(housing)
    (case_03,) = [c for c in housing_minutes.cases if c.case_id == "case-03"]
    assert shared <= {i.id for i in case_03.items}
    texts = {i.id: i.text for i in meeting_view.items}
    assert not {texts[i] for i in shared} & set(minutes.withheld_values(housing_minutes))
    for later in (date(2026, 11, 27), None):
        assert not shared & {
            i.id for i in demo_session.case_view("case-03", housing, on=later).items
        }
    why = demo_session.explain("case-03", min(shared), housing, on=date(2026, 11, 27))
    assert why is not None and "until 26 Nov 2026; it has ended." in why.reason
