"""The protocol's signature register and the breach log: each record checked once for the
command line and the app, kept as history, audited by ids and dates only."""

from __future__ import annotations

from datetime import date

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_UNSIGNED
from mara_desktop.protocol.loader import parse_protocol
from mara_desktop.session import Session
from mara_desktop.session.accountability import AccountabilityError

TODAY = date(2026, 12, 2)


def test_a_signature_is_for_the_version_in_force_and_audited_without_the_name(new_file):
    session = Session(new_file)
    assert "housing" in session.signature_register().unsigned
    signature = session.sign_protocol("housing", "Jo Example", date(2026, 5, 1), today=TODAY)
    register = session.signature_register()
    assert register.signed["housing"] == signature
    assert "housing" not in register.unsigned
    assert signature.protocol_sha256 == session.protocol.sha256
    last = session.audit_records()[-1]
    assert last.action == "protocol-signed"
    assert last.details["agency"] == "housing" and last.details["signed_on"] == "2026-05-01"
    assert "Jo Example" not in str(last.details)


def test_a_protocol_replaced_under_the_same_version_must_be_signed_again(new_file):
    session = Session(new_file)
    session.sign_protocol("police", "A. Chief", date(2026, 5, 1), today=TODAY)
    name = session.protocol.name
    text = session.protocol.source_text.replace(name, name + " (local)", 1)
    session.replace_protocol(parse_protocol(text, "p.toml"))
    register = session.signature_register()
    assert "police" in register.unsigned
    assert [s.agency for s in register.history] == ["police"]


@pytest.mark.parametrize(
    ("agency", "by", "on", "sentence"),
    [
        ("housng", "Jo", date(2026, 5, 1), 'no agency "housng" (did you mean "housing"?)'),
        ("observer", "Jo", date(2026, 5, 1), 'no agency "observer"'),
        ("housing", "  ", date(2026, 5, 1), "The name of who signed is empty"),
        ("housing", "Jo", date(2026, 12, 3), "03 Dec 2026, is in the future"),
    ],
)
def test_a_bad_signature_is_one_sentence_and_records_nothing(new_file, agency, by, on, sentence):
    session = Session(new_file)
    before = len(session.audit_records())
    with pytest.raises(AccountabilityError, match="nothing was recorded") as refused:
        session.sign_protocol(agency, by, on, today=TODAY)
    assert sentence in str(refused.value)
    assert session.signatures() == []
    assert len(session.audit_records()) == before


def test_a_breach_is_kept_with_its_words_and_audited_by_number_and_dates(new_file):
    session = Session(new_file)
    breach = session.record_breach(
        "Minutes for case NS-1 emailed to the wrong housing officer",
        date(2026, 11, 20),
        date(2026, 11, 21),
        "DPO told 21 Nov; the victim told by her IDVA 22 Nov",
        today=TODAY,
    )
    assert session.breaches() == [breach]
    last = session.audit_records()[-1]
    assert last.action == "breach-recorded"
    assert last.details == {"breach": breach.seq, "happened_on": "2026-11-20",
                            "found_on": "2026-11-21"}  # fmt: skip
    with pytest.raises(Exception, match="history"):
        new_file.connection.execute("UPDATE breach SET what = 'x'")


@pytest.mark.parametrize(
    ("what", "happened", "found", "sentence"),
    [
        ("", None, date(2026, 11, 1), "What happened is empty"),
        ("Lost", None, date(2026, 12, 25), "is in the future"),
        ("Lost", date(2026, 11, 5), date(2026, 11, 1), "after it was found"),
        ("Lost\x1b[2J", None, date(2026, 11, 1), "What happened holds"),
    ],
)
def test_a_bad_breach_is_refused_and_nothing_is_recorded(new_file, what, happened, found, sentence):
    session = Session(new_file)
    with pytest.raises(AccountabilityError, match=sentence):
        session.record_breach(what, happened, found, "", today=TODAY)
    assert session.breaches() == []


def test_the_meeting_names_agencies_present_that_have_not_signed(demo_session):
    meeting = demo_session.meeting(DEMO_CONFERENCE)
    assert meeting is not None
    assert meeting.unsigned_present() == [DEMO_UNSIGNED]
    demo_session.sign_protocol(DEMO_UNSIGNED, "Station manager", date(2026, 11, 1), today=TODAY)
    assert meeting.unsigned_present() == []
