"""Changes during a meeting: history only grows, overrides meet the bar, all audited."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from mara_desktop.domain import (
    OBSERVER,
    Action,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Consent,
    ConsentState,
    Item,
    Override,
    Subject,
)
from mara_desktop.store import audit
from mara_desktop.store.editing import (
    EditError,
    add_consent,
    add_item,
    add_override,
    free_id,
    save_action,
    set_agenda,
    set_attendance,
    set_left,
)
from tests.support.documents import full_document
from tests.support.importing import load

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)


@pytest.fixture
def filled(new_file):
    load(new_file, full_document())
    return new_file


def override(**changes) -> Override:
    good = Override(
        ("victim-location",), ("fire",), "vital-interests",
        "Threats to kill; the perpetrator was released on bail yesterday.", "DI Sam Example", NOW,
    )  # fmt: skip
    return dataclasses.replace(good, **changes)


def test_a_consent_record_is_added_after_the_others(filled):
    add_consent(filled, "case-1", Consent(ConsentState.GIVEN, ("*",), ("*",), NOW, "IDVA"))
    case = filled.case("case-1")
    assert [c.state for c in case.consents][-1] is ConsentState.GIVEN
    assert case.latest_consent().recorded_at == NOW
    assert audit.records(filled.connection)[-1].details == {"case": "case-1", "state": "given"}


@pytest.mark.parametrize(
    ("person", "sentence"),
    [
        ("p3", 'This is a consent for a child ("p3"): consent is the victim\'s or another '
         "adult's; information about a child is shared on the victim's consent."),
        ("p2", 'This is a consent for a perpetrator ("p2"): consent is the victim\'s or another '
         "adult's; information about a perpetrator is shared on the victim's consent."),
        ("p9", 'The person "p9" whose consent this would be is not in this case.'),
    ],
)  # fmt: skip
def test_a_consent_for_a_child_a_perpetrator_or_a_stranger_is_refused(filled, person, sentence):
    before = filled.case("case-1").consents
    record = Consent(ConsentState.GIVEN, ("*",), ("*",), NOW, "IDVA", person)
    with pytest.raises(EditError) as refused:
        add_consent(filled, "case-1", record)
    assert str(refused.value) == sentence and refused.value.field == "person"
    assert filled.case("case-1").consents == before


def test_the_victims_own_id_names_the_victims_consent(filled):
    add_consent(filled, "case-1", Consent(ConsentState.GIVEN, ("*",), ("*",), NOW, "IDVA", "p1"))
    case = filled.case("case-1")
    assert case.consents[-1].person == "p1" and case.latest_consent() is case.consents[-1]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"justification": "risk"}, "justification in full"),
        ({"lawful_basis": "because"}, "lawful basis"),
        ({"lawful_basis": "consent"}, "consent cannot be its lawful basis"),
        ({"decided_by": " "}, "who decided"),
        ({"agencies": ()}, "at least one agency"),
        ({"categories": ("nope",)}, "Unknown category"),
    ],
)
def test_an_override_must_meet_the_bar(filled, changes, message):
    before = filled.case("case-1").overrides
    with pytest.raises(EditError, match=message):
        add_override(filled, "case-1", override(**changes))
    assert filled.case("case-1").overrides == before


def test_an_override_is_recorded_and_audited(filled):
    add_override(filled, "case-1", override())
    assert filled.case("case-1").overrides[-1] == override()
    last = audit.records(filled.connection)[-1]
    assert last.action == "override-recorded" and last.details["agencies"] == ["fire"]


def test_actions_are_edited_in_place_and_added(filled):
    case = filled.case("case-1")
    done = dataclasses.replace(case.actions[0], status=ActionStatus.DONE)
    save_action(filled, "case-1", done)
    new = Action(
        "a2", "police", "actions", "Flag the address", date(2026, 12, 1), owner_name="PC Test"
    )
    save_action(filled, "case-1", new)
    after = filled.case("case-1")
    assert [a.status for a in after.actions] == [ActionStatus.DONE, ActionStatus.OPEN]
    assert after.items == case.items and after.consents == case.consents


def test_an_action_cannot_take_an_item_id(filled):
    with pytest.raises(EditError, match="already used"):
        save_action(filled, "case-1", Action("i1", "police", "actions", "x"))


def test_the_agenda_is_reordered(filled):
    set_agenda(filled, "conf-1", ["case-2", "case-1"])
    assert filled.conference("conf-1").agenda == ("case-2", "case-1")
    with pytest.raises(EditError):
        set_agenda(filled, "conf-1", ["case-2", "case-2"])


def test_attendance_is_replaced_and_audited_by_kind_only(filled):
    conference_id = sorted(filled.conference_ids())[0]
    lines = [
        Attendance("police", "DS Example", AttendanceStatus.PRESENT),
        Attendance("housing", "A. Sample", AttendanceStatus.APOLOGIES, information_sent=True),
        Attendance(OBSERVER, "Student", AttendanceStatus.OBSERVER, conditionality_signed=True),
    ]
    set_attendance(filled, conference_id, lines)
    assert list(filled.conference(conference_id).attendance) == lines
    record = audit.records(filled.connection)[-1]
    assert record.action == "attendance-changed"
    assert "DS Example" not in str(record.details) and "police" in str(record.details)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (Attendance("housng", "A. Sample", AttendanceStatus.PRESENT), "Unknown agency"),
        (Attendance(OBSERVER, "Student", AttendanceStatus.PRESENT), "Observers are listed"),
        (Attendance("police", "Student", AttendanceStatus.OBSERVER), "Observers are listed"),
        (Attendance("police", "  ", AttendanceStatus.PRESENT), "name of each person"),
    ],
)
def test_attendance_that_cannot_be_right_is_refused(filled, line, message):
    conference_id = sorted(filled.conference_ids())[0]
    before = filled.conference(conference_id).attendance
    with pytest.raises(EditError, match=message):
        set_attendance(filled, conference_id, [line])
    assert filled.conference(conference_id).attendance == before


ATTENDING = [
    Attendance("police", "DS Example", AttendanceStatus.PRESENT),
    Attendance("housing", "A. Sample", AttendanceStatus.APOLOGIES, information_sent=True),
    Attendance(OBSERVER, "Student", AttendanceStatus.OBSERVER, conditionality_signed=True),
    Attendance(OBSERVER, "Trainee", AttendanceStatus.OBSERVER, conditionality_signed=True),
]


def test_who_left_is_recorded_with_the_time_and_audited_by_id_only(filled):
    set_attendance(filled, "conf-1", ATTENDING)
    set_left(filled, "conf-1", "police", NOW)
    set_left(filled, "conf-1", OBSERVER, NOW)
    lines = filled.conference("conf-1").attendance
    assert [line.left_at for line in lines] == [NOW, None, NOW, NOW]
    records = audit.records(filled.connection)[-2:]
    assert [(r.action, r.details) for r in records] == [
        ("attendance-left", {"conference": "conf-1", "agency": "police", "left": True}),
        ("attendance-left", {"conference": "conf-1", "agency": OBSERVER, "left": True}),
    ]
    set_left(filled, "conf-1", "police", None)
    assert filled.conference("conf-1").attendance[0].left_at is None
    assert audit.records(filled.connection)[-1].details["left"] is False


@pytest.mark.parametrize(
    ("agency", "message", "field"),
    [
        ("housing", "Housing and registered social landlords sent apologies, so it", "left_at"),
        ("gp", r"Primary care \(GP\) is not on this meeting's attendance list\.", "agency"),
    ],
)
def test_leaving_a_meeting_one_was_not_at_is_refused(filled, agency, message, field):
    set_attendance(filled, "conf-1", ATTENDING)
    before = audit.records(filled.connection)
    with pytest.raises(EditError, match=message) as refused:
        set_left(filled, "conf-1", agency, NOW)
    assert refused.value.field == field
    assert filled.conference("conf-1").attendance == tuple(ATTENDING)
    assert audit.records(filled.connection) == before


def item(**changes) -> Item:
    good = Item(
        "r01", "victim-location", "housing", Subject.VICTIM,
        "Moved to the refuge on 20 November.", person="p1", recorded_at=NOW,
    )  # fmt: skip
    return dataclasses.replace(good, **changes)


def test_information_shared_at_the_meeting_is_added_and_audited_without_its_text(filled):
    before = filled.case("case-1")
    add_item(filled, "case-1", item())
    after = filled.case("case-1")
    assert after.items == (*before.items, item())
    assert after.actions == before.actions and after.consents == before.consents
    last = audit.records(filled.connection)[-1]
    assert last.action == "item-added"
    assert last.details == {
        "case": "case-1", "item": "r01", "category": "victim-location", "source": "housing"
    }  # fmt: skip
    assert "refuge" not in str(last.details)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"category": "gossip"}, "Unknown category"),
        ({"source": "neighbour"}, "Unknown agency"),
        ({"restricted_to": ("police", "nobody")}, "Unknown agency"),
        ({"text": "  "}, "what was shared"),
        ({"person": "p9"}, "not in this case"),
        ({"person": "p2"}, 'subject "perpetrator"'),
        ({"id": "a1"}, "already used"),
        ({"id": "i1"}, "already used"),
    ],
)
def test_information_that_cannot_be_right_is_refused_and_nothing_written(filled, changes, message):
    before = filled.case("case-1")
    with pytest.raises(EditError, match=message):
        add_item(filled, "case-1", item(**changes))
    assert filled.case("case-1") == before


def test_a_free_id_is_used_by_neither_an_item_nor_an_action(filled):
    case = filled.case("case-1")
    assert free_id(case, "i") == "i01"
    case = dataclasses.replace(case, items=(*case.items, item(id="i01")))
    assert free_id(case, "i") == "i02"
    assert (
        free_id(
            dataclasses.replace(
                case, actions=(*case.actions, Action("a01", "police", "actions", "x"))
            ),
            "a",
        )
        == "a02"
    )


def _edits(filled):
    """Each editing service with one typed field set to a value, as a dialog passes it."""
    action = filled.case("case-1").actions[0]
    conference_id = sorted(filled.conference_ids())[0]
    return {
        "item text": lambda v: add_item(filled, "case-1", item(text=v)),
        "action text": lambda v: save_action(filled, "case-1", dataclasses.replace(action, text=v)),
        "owner's name": lambda v: save_action(
            filled, "case-1", dataclasses.replace(action, owner_name=v)
        ),
        "justification": lambda v: add_override(
            filled, "case-1", override(justification="Threats to kill; bail breached. " + v)
        ),
        "who decided": lambda v: add_override(filled, "case-1", override(decided_by=v)),
        "who recorded consent": lambda v: add_consent(
            filled, "case-1", Consent(ConsentState.GIVEN, ("*",), ("*",), NOW, v)
        ),
        "attendance name": lambda v: set_attendance(
            filled, conference_id, [Attendance("police", v, AttendanceStatus.PRESENT)]
        ),
    }


@pytest.mark.parametrize(
    ("field", "value", "sentence"),
    [
        ("item text", "Seen \x1b[2J home", "What was shared holds the control character ESC (U+001B at character 6): remove it."),
        ("action text", "Refer \u202eylkciuq", "The action holds the invisible right-to-left override (U+202E at character 7), which changes the order text is shown in: remove it."),
        ("action text", "Refer\r\nnow", "The action holds a carriage return (U+000D at character 6), which can hide the text before it: use a plain line break."),
        ("owner's name", "PC\nTest", "The owner's name holds a line break (U+000A at character 3): write it on one line."),
        ("justification", "\x07", "The justification holds the control character BEL (U+0007 at character 33): remove it."),
        ("who decided", "D" * 201, "The name of who decided is 201 characters long; the limit is 200."),
        ("who recorded consent", "IDVA\x00", "The name of who recorded it holds the control character NUL (U+0000 at character 5): remove it."),
        ("attendance name", "DS\u2066Example", "The name given for Police holds the invisible left-to-right isolate (U+2066 at character 3), which changes the order text is shown in: remove it."),
        ("item text", "x" * 50_001, "What was shared is 50,001 characters long; the limit is 50,000."),
    ],
)  # fmt: skip
def test_typed_text_is_held_to_the_text_rules_and_nothing_is_written(
    filled, field, value, sentence
):
    before = filled.content()
    with pytest.raises(EditError) as caught:
        _edits(filled)[field](value)
    assert str(caught.value) == sentence
    assert filled.content() == before


def test_typed_text_at_the_limits_and_on_several_lines_is_recorded(filled):
    edits = _edits(filled)
    start = "First visit:\n\tdoor forced."
    edits["item text"](start + "x" * (50_000 - len(start)))
    edits["who recorded consent"]("I" * 200)
    case = filled.case("case-1")
    assert len(case.items[-1].text) == 50_000 and case.consents[-1].recorded_by == "I" * 200
