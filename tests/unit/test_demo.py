"""The bundled demo holds what issue 2 promised a newcomer would find in it.

Every feature the chair is shown in the demo (consent in each state, an override, restricted
police intelligence, overdue actions) has to be there, or the walkthrough shows nothing; and
because people copy demo data into training slides, nothing in it may be a real postcode,
phone number or e-mail address.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE, create_demo, demo_data_path
from mara_desktop.domain import (
    OBSERVER,
    ActionStatus,
    AttendanceStatus,
    Audience,
    CaseFileContent,
    ConsentState,
)
from mara_desktop.store.casefile import CaseFile
from mara_desktop.views import ViewBuilder, conference_view
from tests.support.files import private_copy

PREVIOUS_CONFERENCE = "ns-2026-10-29"

POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
PHONE = re.compile(r"(?:\+\d|\b0)[\d ]{8,}\d")
"""Anything that dials: a run of ten or more digits and spaces from a 0 or an international +."""
DRAMA_NUMBER = re.compile(r"07700 ?900 ?\d{3}")
"""Ofcom's numbers reserved for drama: never connected to anyone."""
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


@pytest.fixture(scope="module")
def content(_demo_template, tmp_path_factory) -> CaseFileContent:
    """The demo as the case file holds it, read once (each opening costs a key derivation)."""
    path = tmp_path_factory.mktemp("demo") / "demo.mara"
    private_copy(_demo_template, path)
    with CaseFile.open(path, passphrase=DEMO_PASSPHRASE) as case_file:
        return case_file.content()


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)


def test_the_current_conference_hears_at_least_ten_cases(content):
    conference = content.conference(DEMO_CONFERENCE)
    assert conference is not None
    assert len(conference.agenda) >= 10
    assert set(conference.agenda) <= {c.id for c in content.cases}


def test_at_least_ten_agencies_attend(content):
    conference = content.conference(DEMO_CONFERENCE)
    present = {a.agency for a in conference.attendance if a.status is AttendanceStatus.PRESENT}
    assert len(present) >= 10
    assert OBSERVER not in present


def test_the_room_has_an_observer_and_an_agency_sending_apologies(content):
    statuses = {a.status for a in content.conference(DEMO_CONFERENCE).attendance}
    assert {AttendanceStatus.OBSERVER, AttendanceStatus.APOLOGIES} <= statuses


def test_cases_with_and_without_children(content):
    assert {c.children_involved for c in content.cases} == {True, False}


def test_consent_given_refused_and_withdrawn_are_each_the_latest_state_of_a_case(content):
    latest = {c.latest_consent().state for c in content.cases if c.consents}
    assert {ConsentState.GIVEN, ConsentState.REFUSED, ConsentState.WITHDRAWN} <= latest


def test_a_withdrawal_follows_an_earlier_consent(content):
    """Withdrawn means the victim had said yes: the demo shows the earlier record too."""
    withdrawn = [
        c
        for c in content.cases
        if c.consents and c.latest_consent().state is ConsentState.WITHDRAWN
    ]
    assert any(ConsentState.GIVEN in {r.state for r in c.consents} for c in withdrawn)


def test_two_serious_risk_overrides_one_ended_before_the_meeting(content, protocol):
    """Case-02's runs past the 26 November meeting; case-08's, from 29 October, ended on
    20 November: the demo shows a decision made for a period, and its end."""
    overrides = {c.id: c.overrides for c in content.cases if c.overrides}
    assert {case_id: [o.until for o in found] for case_id, found in overrides.items()} == {
        "case-02": [date(2027, 2, 25)],
        "case-08": [date(2026, 11, 20)],
    }
    for found in overrides.values():
        for override in found:
            assert protocol.lawful_basis(override.lawful_basis) is not None
            assert override.justification and override.decided_by


def test_police_intelligence_is_restricted_to_named_agencies(content, protocol):
    restricted = [
        i.restricted_to
        for c in content.cases
        for i in c.items
        if i.source == "police" and i.restricted_to
    ]
    assert restricted
    every_agency = {a.id for a in protocol.agencies}
    for named in restricted:
        assert "police" in named
        assert set(named) < every_agency


def test_actions_of_the_previous_meeting_are_overdue_at_the_current_one(content, protocol):
    previous = content.conference(PREVIOUS_CONFERENCE)
    current = content.conference(DEMO_CONFERENCE)
    assert previous is not None and previous.date < current.date
    cases = {c.id: c for c in content.cases}
    view = conference_view(ViewBuilder(protocol), current, cases, Audience.chair())
    actions = [a for case in view.cases for a in case.actions]
    overdue = [a for a in actions if a.overdue]
    assert overdue
    assert all(a.conference == PREVIOUS_CONFERENCE for a in overdue)
    assert all(a.status is ActionStatus.OPEN and a.due < current.date for a in overdue)
    finished = [a for a in actions if a.conference == PREVIOUS_CONFERENCE and not a.overdue]
    assert {a.status for a in finished} >= {ActionStatus.DONE, ActionStatus.CHANGE_OF_CIRCUMSTANCE}


def test_postcodes_phone_numbers_and_email_addresses_are_obviously_fictional():
    document = json.loads(demo_data_path().read_text("utf-8"))
    texts = list(strings(document))
    postcodes = [p for t in texts for p in POSTCODE.findall(t)]
    phones = [p for t in texts for p in PHONE.findall(t)]
    domains = [d for t in texts for d in EMAIL.findall(t)]
    assert postcodes and phones  # the patterns find what the demo holds
    assert all(p.startswith("ZZ") for p in postcodes), postcodes
    assert all(DRAMA_NUMBER.fullmatch(p) for p in phones), phones
    assert all(d.endswith((".invalid", ".example", ".test")) for d in domains), domains


def test_making_and_using_a_demo_leaves_the_bundled_data_pristine(tmp_path):
    bundled = demo_data_path()
    before = (hashlib.sha256(bundled.read_bytes()).hexdigest(), bundled.stat().st_mtime_ns)
    with create_demo(tmp_path / "demo.mara") as case_file:
        case_file.record("view", {"case": "case-01"})
    after = (hashlib.sha256(bundled.read_bytes()).hexdigest(), bundled.stat().st_mtime_ns)
    assert after == before
    assert not list(bundled.parent.glob("*.mara*"))
