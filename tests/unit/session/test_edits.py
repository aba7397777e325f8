"""Every change the session takes is checked by the record rules, written and audited with
ids only; a refused change writes nothing, not even an audit record."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Audience,
    Consent,
    ConsentState,
    Item,
    Override,
    Subject,
)
from mara_desktop.session import ActionField, EditError, Session, changed_action

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
SECRET = "Moved to 9 Example Close, Northtown ZZ1 9XY"
OVERRIDE = Override(
    ("victim-contact",), ("housing",), "vital-interests",
    "He found the leaflet; she is at risk of being taken abroad.", "DI Sam Example", NOW,
)  # fmt: skip
ITEM = Item("r01", "victim-location", "idva", Subject.VICTIM, SECRET, person="v", recorded_at=NOW)
ACTION = Action("m01", "police", "actions", SECRET, date(2026, 12, 10), owner_name="PC Test")
LINES = [
    Attendance("police", "DS Example", AttendanceStatus.PRESENT),
    Attendance("housing", "A. Sample", AttendanceStatus.APOLOGIES),
]

Edit = Callable[[Session], None]
GOOD: dict[str, tuple[Edit, str, dict[str, object]]] = {
    "consent": (
        lambda s: s.record_consent(
            "case-01", Consent(ConsentState.REFUSED, ("*",), ("*",), NOW, "Jo Bloggs (IDVA)")
        ),
        "consent-recorded",
        {"case": "case-01", "state": "refused"},
    ),
    "override": (
        lambda s: s.record_override("case-03", OVERRIDE),
        "override-recorded",
        {
            "case": "case-03",
            "categories": ["victim-contact"],
            "agencies": ["housing"],
            "lawful_basis": "vital-interests",
        },
    ),
    "item": (
        lambda s: s.record_item("case-01", ITEM),
        "item-added",
        {"case": "case-01", "item": "r01", "category": "victim-location", "source": "idva"},
    ),
    "action": (
        lambda s: s.save_action("case-01", ACTION),
        "action-added",
        {"case": "case-01", "action": "m01", "status": "open"},
    ),
    "agenda": (
        lambda s: s.set_agenda(DEMO_CONFERENCE, ["case-01", "case-02"]),
        "agenda-changed",
        {"conference": DEMO_CONFERENCE, "cases": ["case-01", "case-02"]},
    ),
    "attendance": (
        lambda s: s.set_attendance(DEMO_CONFERENCE, LINES),
        "attendance-changed",
        {
            "conference": DEMO_CONFERENCE,
            "lines": [
                {"agency": "police", "status": "present"},
                {"agency": "housing", "status": "apologies"},
            ],
        },
    ),
    "left": (
        lambda s: s.set_left(DEMO_CONFERENCE, "police", NOW),
        "attendance-left",
        {"conference": DEMO_CONFERENCE, "agency": "police", "left": True},
    ),
}


@pytest.mark.parametrize("kind", GOOD)
def test_each_edit_is_written_and_audited_with_ids_only(demo_session, kind):
    edit, action, details = GOOD[kind]
    edit(demo_session)
    last = demo_session.audit_records()[-1]
    assert (last.action, last.details) == (action, details)
    for typed in (SECRET, "Jo Bloggs", "DI Sam Example", "DS Example", "leaflet"):
        assert typed not in str(last.details)


BAD: dict[str, tuple[Edit, str, str]] = {
    "consent": (
        lambda s: s.record_consent("case-01", Consent(ConsentState.GIVEN, ("*",), ("*",), NOW, " ")),
        "recorded_by",
        "Name who recorded the answer.",
    ),
    "override": (
        lambda s: s.record_override("case-03", dataclasses.replace(OVERRIDE, lawful_basis="consent")),
        "lawful_basis",
        "An override shares without the victim's consent, so consent cannot be its lawful basis: choose another.",
    ),
    "item": (
        lambda s: s.record_item("case-01", dataclasses.replace(ITEM, subject=Subject.CHILD)),
        "subject",
        'Information about a victim has the subject "victim".',
    ),
    "item id": (
        lambda s: s.record_item("case-01", dataclasses.replace(ITEM, id="i01")),
        None,
        'The id "i01" is already used in this case.',
    ),
    "action": (
        lambda s: s.save_action("case-01", dataclasses.replace(ACTION, text="Refer \u202enow")),
        "text",
        "The action holds the invisible right-to-left override (U+202E at character 7), which changes the order text is shown in: remove it.",
    ),
    "action without text": (
        lambda s: s.save_action("case-01", dataclasses.replace(ACTION, text="  ")),
        "text",
        "Write what the action is.",
    ),
    "action without owner": (
        lambda s: s.save_action("case-01", dataclasses.replace(ACTION, owner="")),
        "owner",
        "Choose the agency that owns the action.",
    ),
    "changed action": (
        lambda s: s.change_action("case-01", "a01", ActionField.OWNER, "nobody"),
        "owner",
        'Unknown agency "nobody".',
    ),
    "agenda": (
        lambda s: s.set_agenda(DEMO_CONFERENCE, ["case-01", "case-01"]),
        None,
        "The agenda must list each case of this case file at most once.",
    ),
    "attendance": (
        lambda s: s.set_attendance(DEMO_CONFERENCE, [Attendance("police", "", AttendanceStatus.PRESENT)]),
        "name",
        "Give the name of each person attending.",
    ),
    "left": (
        lambda s: s.set_left(DEMO_CONFERENCE, "specialist", NOW),
        "left_at",
        "By-and-for specialist service sent apologies, so it was not at the meeting and cannot have left it.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", BAD)
def test_a_refused_edit_says_why_and_writes_nothing(demo_session, demo_path, kind):
    edit, field, sentence = BAD[kind]
    records = demo_session.audit_records()
    chair = {c: demo_session.case_view(c, Audience.chair()) for c in ("case-01", "case-03")}
    conference = demo_session.conference(DEMO_CONFERENCE)
    with pytest.raises(EditError) as caught:
        edit(demo_session)
    assert (str(caught.value), caught.value.field) == (sentence, field)
    assert demo_session.audit_records() == records
    assert {c: demo_session.case_view(c, Audience.chair()) for c in chair} == chair
    assert demo_session.conference(DEMO_CONFERENCE) == conference


def test_changing_one_field_of_an_action_keeps_the_rest_as_recorded(demo_session):
    """An action restricted by its source stays restricted when the chair edits its text."""
    restricted = dataclasses.replace(ACTION, source="police", restricted_to=("police", "idva"))
    demo_session.save_action("case-01", restricted)
    demo_session.change_action("case-01", "m01", ActionField.STATUS, "done")
    demo_session.change_action("case-01", "m01", ActionField.TEXT, "Flag the address")
    (shown,) = [
        a for a in demo_session.case_view("case-01", Audience.chair()).actions if a.id == "m01"
    ]
    assert (shown.status, shown.text) == (ActionStatus.DONE, "Flag the address")
    housing = demo_session.case_view("case-01", Audience.of(["housing"]))
    assert "m01" not in {a.id for a in housing.actions}
    assert demo_session.audit_records()[-1].action == "action-updated"
    with pytest.raises(EditError, match='no action "m99"'):
        demo_session.change_action("case-01", "m99", ActionField.TEXT, "x")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (ActionField.STATUS, "agency_did_not_act", {"status": ActionStatus.AGENCY_DID_NOT_ACT}),
        (ActionField.STATUS, "finished", {}),
        (ActionField.DUE, date(2027, 1, 4), {"due": date(2027, 1, 4)}),
        (ActionField.DUE, "soon", {}),
        (ActionField.OWNER, "housing", {"owner": "housing"}),
        (ActionField.OWNER_NAME, "PC Other", {"owner_name": "PC Other"}),
        (ActionField.TEXT, 3, {}),
    ],
)
def test_a_value_of_the_wrong_kind_leaves_the_action_as_it_was(field, value, expected):
    assert changed_action(ACTION, field, value) == dataclasses.replace(ACTION, **expected)
