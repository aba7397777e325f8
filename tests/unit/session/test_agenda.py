"""A new conference and its agenda, through the session, on a real case file: children's
cases first, moves within their kind, the 12-month review mark, and every change audited
with ids only; a refused change writes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mara_desktop.domain import CaseStatus
from mara_desktop.domain.review import months_before
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import EditError, Session
from tests.conftest import PASSPHRASE

VENUE, CHAIR = "Room 4, Example Civic Centre", "DI Sam Example"
HEARD = date(2025, 11, 26)
"""The earlier conference: it heard a1 and c1."""


def _case(case_id: str, children: bool) -> dict[str, object]:
    return {
        "id": case_id,
        "reference": f"REF-{case_id.upper()}",
        "children_involved": children,
        "referral": {"date": "2025-11-01", "agency": "police", "criterion": "visible_high_risk"},
        "actions": (
            [{"id": "m01", "owner": "police", "category": "actions", "text": "Visit",
              "due": "2025-12-01", "status": "open", "conference": "earlier"}]
            if case_id == "a1" else []
        ),
    }  # fmt: skip


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """Adults' cases a1 a2 a3, children's cases c1 c2 c3; one earlier conference."""
    path = tmp_path / "agenda.mara"
    data = tmp_path / "data.json"
    cases = [_case(f"a{n}", False) for n in (1, 2, 3)] + [_case(f"c{n}", True) for n in (1, 2, 3)]
    earlier = {
        "id": "earlier", "title": "Northshire MARAC", "date": HEARD.isoformat(),
        "venue": "Old room", "chair": "Old chair", "agenda": ["a1", "c1"], "attendance": [],
    }  # fmt: skip
    data.write_text(
        json.dumps({"format": "mara-interchange/1", "conferences": [earlier], "cases": cases})
    )
    protocol = default_protocol_path().read_text("utf-8")
    with Session.create(path, PASSPHRASE, protocol) as created:
        created.import_interchange(data, update=False)
        yield created


def _agenda(session: Session, conference_id: str) -> list[str]:
    conference = session.conference(conference_id)
    assert conference is not None
    return list(conference.agenda)


def test_a_new_conference_takes_the_date_as_id_and_the_last_title(session: Session) -> None:
    first = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    second = session.new_conference(date(2026, 12, 3), VENUE, CHAIR, title="Extra MARAC")
    conference = session.conference(first)
    assert (first, second) == ("marac-2026-12-03", "marac-2026-12-03-2")
    assert conference is not None
    assert (conference.title, conference.date, conference.venue, conference.chair) == (
        "Northshire MARAC", date(2026, 12, 3), VENUE, CHAIR,
    )  # fmt: skip
    assert conference.agenda == () and conference.attendance == ()
    created = [r for r in session.audit_records() if r.action == "conference-created"]
    assert [r.details for r in created] == [
        {"conference": first, "date": "2026-12-03"},
        {"conference": second, "date": "2026-12-03"},
    ]


# Each row: the cases added in this order, and the agenda that results (written by hand).
ORDERING = [
    (["a1", "a2"], ["a1", "a2"]),
    (["c1", "c2"], ["c1", "c2"]),
    (["a1", "c1"], ["c1", "a1"]),
    (["a1", "c1", "a2", "c2"], ["c1", "c2", "a1", "a2"]),
    (["a3", "a1", "c3", "a2", "c1"], ["c3", "c1", "a3", "a1", "a2"]),
]


@pytest.mark.parametrize(("added", "expected"), ORDERING)
def test_children_cases_go_after_the_last_children_case(
    session: Session, added: list[str], expected: list[str]
) -> None:
    conference = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    for case_id in added:
        session.add_to_agenda(conference, case_id)
    assert _agenda(session, conference) == expected
    meeting = session.meeting(conference)
    assert meeting is not None and meeting.order == expected


# Each row: a move (case, step) on the agenda c1 c2 a1 a2 a3, and the agenda after it.
MOVES = [
    (("c2", -1), ["c2", "c1", "a1", "a2", "a3"]),
    (("c1", +1), ["c2", "c1", "a1", "a2", "a3"]),
    (("a3", -1), ["c1", "c2", "a1", "a3", "a2"]),
    (("a1", +1), ["c1", "c2", "a2", "a1", "a3"]),
]


@pytest.mark.parametrize(("move", "expected"), MOVES)
def test_the_chair_reorders_within_each_kind(
    session: Session, move: tuple[str, int], expected: list[str]
) -> None:
    conference = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    for case_id in ("c1", "c2", "a1", "a2", "a3"):
        session.add_to_agenda(conference, case_id)
    session.move_on_agenda(conference, *move)
    assert _agenda(session, conference) == expected
    last = session.audit_records()[-1]
    assert last.action == "agenda-case-moved"
    assert last.details == {
        "conference": conference,
        "case": move[0],
        "position": expected.index(move[0]) + 1,
    }


@pytest.mark.parametrize(
    ("move", "sentence"),
    [
        (("c1", -1), "already the first of the children's cases"),
        (("c2", +1), "already the last of the children's cases"),
        (("a1", -1), "already the first of the adults-only cases"),
        (("a2", +1), "already the last of the adults-only cases"),
    ],
)
def test_a_move_across_the_children_line_is_refused(
    session: Session, move: tuple[str, int], sentence: str
) -> None:
    conference = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    for case_id in ("c1", "c2", "a1", "a2"):
        session.add_to_agenda(conference, case_id)
    before = len(session.audit_records())
    with pytest.raises(EditError, match=sentence):
        session.move_on_agenda(conference, *move)
    assert _agenda(session, conference) == ["c1", "c2", "a1", "a2"]
    assert len(session.audit_records()) == before


def test_adding_and_removing_are_audited_with_ids_only(session: Session) -> None:
    conference = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    session.add_to_agenda(conference, "a2")
    session.add_to_agenda(conference, "c2")
    session.remove_from_agenda(conference, "a2")
    records = session.audit_records()
    assert [(r.action, r.details) for r in records[-3:]] == [
        ("agenda-case-added", {"conference": conference, "case": "a2", "position": 1}),
        ("agenda-case-added", {"conference": conference, "case": "c2", "position": 1}),
        ("agenda-case-removed", {"conference": conference, "case": "a2"}),
    ]
    text = json.dumps([r.details for r in records])
    for value in (VENUE, CHAIR, "REF-A2", "Northshire"):
        assert value not in text
    assert _agenda(session, conference) == ["c2"]


def test_changing_the_details_is_audited_by_field(session: Session) -> None:
    conference = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    session.change_conference(conference, date(2026, 12, 4), "Room 5", CHAIR)
    changed = session.conference(conference)
    assert changed is not None
    assert (changed.date, changed.venue, changed.chair) == (date(2026, 12, 4), "Room 5", CHAIR)
    assert session.audit_records()[-1].details == {
        "conference": conference,
        "fields": ["date", "venue"],
        "date": "2026-12-04",
    }


def test_details_are_fixed_once_minutes_were_exported(session: Session) -> None:
    conference = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    assert not session.minutes_sent(conference)
    session.record("minutes", {"conference": conference, "agencies": ["police"]})
    with pytest.raises(EditError, match="Minutes of this meeting have been exported"):
        session.change_conference(conference, date(2026, 12, 4), VENUE, CHAIR)
    kept = session.conference(conference)
    assert kept is not None and kept.date == date(2026, 12, 3)


REFUSED = [
    (lambda s, c: s.add_to_agenda(c, "nope"), 'There is no case "nope"'),
    (lambda s, c: s.add_to_agenda(c, "a1"), 'Case "a1" is already on'),
    (lambda s, c: s.add_to_agenda("nowhere", "a2"), 'There is no conference "nowhere"'),
    (lambda s, c: s.remove_from_agenda(c, "a3"), 'Case "a3" is not on'),
    (lambda s, c: s.move_on_agenda(c, "a3", 1), 'Case "a3" is not on'),
    (lambda s, c: s.change_conference(c, date(2026, 12, 4), " ", CHAIR), "Give the meeting's venue"),
    (lambda s, c: s.new_conference(date(2026, 12, 4), VENUE, ""), "Give the meeting's chair"),
    (lambda s, c: s.remove_from_agenda("earlier", "a1"), 'Case "a1" has actions agreed at this'),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "sentence"), REFUSED)
def test_bad_input_gets_one_sentence_and_writes_nothing(
    session: Session, edit: object, sentence: str
) -> None:
    conference = session.new_conference(date(2026, 12, 3), VENUE, CHAIR)
    session.add_to_agenda(conference, "a1")
    before = session.audit_records()
    with pytest.raises(EditError, match=sentence) as refused:
        edit(session, conference)  # type: ignore[operator]
    assert "\n" not in str(refused.value)
    assert session.audit_records() == before
    assert _agenda(session, conference) == ["a1"]
    assert session.conference_ids() == {"earlier", conference}


def test_a_case_without_actions_here_can_be_removed_from_an_earlier_meeting(
    session: Session,
) -> None:
    """c1 was heard at the earlier meeting but nothing was agreed on it there."""
    session.remove_from_agenda("earlier", "c1")
    assert _agenda(session, "earlier") == ["a1"]


@pytest.mark.parametrize(
    ("on", "due"),
    [
        (date(2026, 11, 25), False),  # 12 months less a day since 26 Nov 2025
        (date(2026, 11, 26), True),  # 12 months to the day
        (date(2026, 11, 27), True),  # 12 months and a day
    ],
)
def test_cases_reaching_twelve_months_since_their_last_hearing_are_due(
    session: Session, on: date, due: bool
) -> None:
    conference = session.new_conference(on, VENUE, CHAIR)
    listed = session.due_for_review(conference)
    assert [c.case_id for c in listed] == (["a1", "c1"] if due else [])
    if due:
        assert [(c.reference, c.children_involved, c.last_heard) for c in listed] == [
            ("REF-A1", False, HEARD),
            ("REF-C1", True, HEARD),
        ]


def test_a_case_already_on_the_agenda_or_heard_since_is_not_due(session: Session) -> None:
    later = session.new_conference(date(2026, 6, 1), VENUE, CHAIR)
    session.add_to_agenda(later, "c1")  # heard again in June 2026
    conference = session.new_conference(date(2026, 12, 1), VENUE, CHAIR)
    assert [c.case_id for c in session.due_for_review(conference)] == ["a1"]
    session.add_to_agenda(conference, "a1")
    assert session.due_for_review(conference) == []
    candidates = session.agenda_candidates(conference)
    assert "a1" not in [c.case_id for c in candidates]
    assert {c.case_id for c in candidates} == {"a2", "a3", "c1", "c2", "c3"}


def test_a_closed_case_is_not_due_for_review(session: Session) -> None:
    """A case closed (or transferred) since its last hearing has left the MARAC: the
    12-month mark does not bring it back."""
    session.edit_header("a1", status=CaseStatus.CLOSED, closed_on=date(2026, 3, 1))
    conference = session.new_conference(date(2026, 12, 1), VENUE, CHAIR)
    assert [c.case_id for c in session.due_for_review(conference)] == ["c1"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 26), date(2025, 11, 26)),
        (date(2026, 1, 31), date(2025, 1, 31)),
        (date(2025, 2, 28), date(2024, 2, 28)),
        (date(2024, 2, 29), date(2023, 2, 28)),
        (date(2025, 3, 31), date(2024, 3, 31)),
    ],
)
def test_twelve_calendar_months(day: date, expected: date) -> None:
    assert months_before(day, 12) == expected


def test_a_month_shorter_than_the_day_ends_at_its_last_day() -> None:
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_before(date(2026, 1, 15), 2) == date(2025, 11, 15)
