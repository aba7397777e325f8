"""The session opens the file, hands out views per audience and answers the dialogs'
questions about entries not yet recorded without changing anything."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.domain import Audience, Item, Override, Subject
from mara_desktop.session import Session, UnknownCase, WrongPassphrase
from mara_desktop.session import keychain as session_keychain
from tests.support.files import digest

HOUSING = Audience.of(["housing"])


def test_a_wrong_passphrase_opens_nothing_and_changes_nothing(demo_path: Path) -> None:
    before = digest(demo_path)
    with pytest.raises(WrongPassphrase):
        Session.open(demo_path, passphrase="not the passphrase at all")
    assert digest(demo_path) == before


def test_a_file_opened_to_be_read_keeps_every_byte(demo_path: Path) -> None:
    before = digest(demo_path)
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as session:
        assert session.verify().ok
        session.case_view("case-03", Audience.chair())
    assert digest(demo_path) == before


def test_the_key_is_remembered_and_then_opens_the_file_alone(demo_path: Path) -> None:
    assert not session_keychain.remembers(demo_path)
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        session.remember_on_this_device()
    assert session_keychain.remembers(demo_path)
    with Session.open(demo_path) as session:
        assert session.is_open and "case-03" in session.case_ids()
    assert session_keychain.forget(demo_path)
    assert not session_keychain.remembers(demo_path)


def test_each_audience_gets_only_its_own_view(demo_session: Session) -> None:
    chair = demo_session.case_view("case-03", Audience.chair())
    housing = demo_session.case_view("case-03", HOUSING)
    assert housing.audience == HOUSING and housing.items
    assert {i.id for i in housing.items} < {i.id for i in chair.items}
    assert all(i.access is not None for i in chair.items)  # who else may see each entry
    assert all(i.access is None or not i.access.withheld for i in housing.items)
    withheld = {i.text for i in chair.items} - {i.text for i in housing.items}
    assert withheld and not withheld & {i.text for i in housing.items}


def test_the_consent_and_override_history_is_the_chairs_alone(demo_session: Session) -> None:
    records = demo_session.case_records("case-03")
    assert [c.state.value for c in records.consents] == ["withdrawn", "given"]
    meeting = demo_session.meeting(DEMO_CONFERENCE)
    assert meeting is not None
    assert meeting.records("case-03", HOUSING).consents == ()


def test_a_case_the_file_does_not_hold_is_named(demo_session: Session) -> None:
    with pytest.raises(UnknownCase, match='no case "case-99" in this case file'):
        demo_session.case_view("case-99", Audience.chair())
    assert demo_session.meeting("ns-1999-01-01") is None
    assert demo_session.conference_views("ns-1999-01-01") is None


def test_an_entry_is_explained_for_an_audience(demo_session: Session) -> None:
    shown = demo_session.case_view("case-03", HOUSING)
    item = shown.items[0]
    decision = demo_session.explain("case-03", item.id, HOUSING)
    assert decision is not None and decision.visible
    assert demo_session.explain("case-03", "no-such-entry", HOUSING) is None


def test_what_an_override_or_an_item_would_do_is_answered_and_nothing_written(
    demo_path: Path, demo_session: Session
) -> None:
    records = len(demo_session.audit_records())
    override = Override(
        ("victim-contact",), ("housing",), "vital-interests",
        "He found the leaflet; she is at risk of being taken abroad.", "DI Sam Example",
        datetime(2026, 11, 26, 10, tzinfo=UTC),
    )  # fmt: skip
    (newly,) = demo_session.override_effect("case-03", override)
    assert newly.agency == "housing" and newly.category_name == "Victim's safe contact details"
    item_id = demo_session.new_entry_id("case-01", "i")
    item = Item(item_id, "victim-location", "idva", Subject.VICTIM, "At the refuge.", person="v")
    access = demo_session.access_if_recorded("case-01", item)
    assert access.visible_to == ("police", "idva", "specialist")
    assert item_id not in {i.id for i in demo_session.case_view("case-01", Audience.chair()).items}
    assert len(demo_session.audit_records()) == records


def test_minutes_get_each_recipients_view_and_what_it_withholds(demo_session: Session) -> None:
    views = demo_session.conference_views(DEMO_CONFERENCE)
    assert views is not None and views.conference.id == DEMO_CONFERENCE
    assert views.earlier == frozenset({"ns-2026-10-29"}) and views.entries > 0
    housing = views.view(HOUSING)
    withheld = views.withheld_values(housing)
    assert withheld and not set(withheld) & {i.text for c in housing.cases for i in c.items}
    assert views.withheld_values(views.view(Audience.chair())) == []


def test_the_audit_log_is_read_as_records_of_ids(demo_session: Session) -> None:
    demo_session.record("view", {"case": "case-01", "audience": ["police"]})
    first, last = demo_session.audit_records()[0], demo_session.audit_records()[-1]
    assert first.action == "create"
    assert (last.action, last.details) == ("view", {"case": "case-01", "audience": ["police"]})
