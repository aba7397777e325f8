"""Subject access through the session: withholding decisions kept as history (the latest
speaks, an empty one releases the entry), every step audited by ids only, bad input
refused with nothing written."""

from __future__ import annotations

import json

import pytest

from mara_desktop.session import EditError, UnknownCase, UnknownPerson

CASE = "case-01"


def audit_tail(session, count: int) -> list[tuple[str, dict]]:
    return [(r.action, r.details) for r in session.audit_records()[-count:]]


def test_a_later_decision_supersedes_and_an_empty_one_releases(demo_session):
    draft = demo_session.withhold_from_subject(CASE, "v", "i04", "serious-harm")
    assert {e.id: e.withholding.reason for e in draft.withheld} == {"i04": "serious-harm"}
    draft = demo_session.withhold_from_subject(CASE, "v", "i04", "other", "Court order of 3 Nov")
    assert draft.withheld[0].withholding.text == "Other: Court order of 3 Nov"
    draft = demo_session.withhold_from_subject(CASE, "v", "i04", None)
    assert draft.withheld == ()
    assert demo_session.subject_access(CASE, "p").withheld == ()  # his request is his own
    records = audit_tail(demo_session, 4)
    assert [a for a, _ in records] == ["sar-withholding"] * 3 + ["subject-access-drafted"]
    assert records[1][1] == {"case": CASE, "person": "v", "entry": "i04", "reason": "other"}
    assert "Court" not in json.dumps(records)


def test_a_release_holds_no_withheld_text_and_the_leak_check_knows_it(demo_session):
    demo_session.withhold_from_subject(CASE, "v", "i04", "third-party")
    made, must_not_hold = demo_session.subject_access_release(CASE, "v")
    texts = [e.text for e in made.entries]
    assert not any("bruising" in t for t in texts)
    assert any("bruising" in v for v in must_not_hold)
    assert not set(texts) & set(must_not_hold)


@pytest.mark.parametrize(
    ("case", "person", "entry", "reason", "refusal"),
    [
        ("case-99", "v", "i04", "third-party", UnknownCase),
        (CASE, "nobody", "i04", "third-party", UnknownPerson),
        (CASE, "v", "i99", "third-party", EditError),
        (CASE, "v", "i04", "because", EditError),
        (CASE, "v", "i04", "other", EditError),
    ],
)
def test_bad_input_is_refused_and_nothing_recorded(
    demo_session, case, person, entry, reason, refusal
):
    before = len(demo_session.audit_records())
    with pytest.raises(refusal):
        demo_session.withhold_from_subject(case, person, entry, reason)
    assert len(demo_session.audit_records()) == before
    assert demo_session.subject_access(CASE, "v").withheld == ()
