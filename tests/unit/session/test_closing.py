"""Closing and reopening a case: status, day and reason in the case, ids and dates in the
audit; the retention list as the chair sees it."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from mara_desktop.domain import CaseStatus
from mara_desktop.session import EditError
from tests.support.documents import minimal_case
from tests.support.importing import load, problems
from tests.support.retention import GONE, KEPT, OPEN, build

TODAY = date.today()
REASON = "Risk reduced: Quxbottom family moved to Farshire"


@pytest.fixture
def session(tmp_path):
    with build(tmp_path / "file.mara", TODAY) as opened:
        yield opened


def test_closing_records_the_day_and_reason_and_audits_only_ids_and_dates(session):
    on = TODAY - timedelta(days=3)
    session.close_case(GONE, on, REASON)
    case = session.header_for_chair(GONE)
    assert (case.status, case.closed_on, case.closed_reason) == (CaseStatus.CLOSED, on, REASON)
    newest = session.audit_records()[-1]
    assert (newest.action, newest.details) == (
        "case-closed",
        {"case": GONE, "closed_on": on.isoformat()},
    )


def test_reopening_clears_the_reason_and_the_audit_keeps_only_the_day(session):
    on = TODAY - timedelta(days=3)
    session.close_case(GONE, on, REASON)
    session.reopen_case(GONE)
    case = session.header_for_chair(GONE)
    assert (case.status, case.closed_on, case.closed_reason) == (CaseStatus.OPEN, None, "")
    records = session.audit_records()
    assert records[-1].details == {"case": GONE, "was_closed_on": on.isoformat()}
    assert not any("Quxbottom" in json.dumps(r.details) for r in records)


def test_the_reason_goes_out_and_comes_back_with_an_export(session, tmp_path):
    session.close_case(GONE, TODAY, REASON)
    out = tmp_path / "out.json"
    session.export_interchange(out)
    written = {c["id"]: c for c in json.loads(out.read_text("utf-8"))["cases"]}
    assert written[GONE]["closed_reason"] == REASON
    assert "closed_reason" not in written[KEPT]


@pytest.mark.parametrize(
    ("case_id", "on", "reason", "words"),
    [
        ("nobody", TODAY, REASON, 'There is no case "nobody"'),
        (GONE, TODAY, "  ", "Give the reason"),
        (GONE, TODAY + timedelta(days=1), REASON, "day still to come"),
        (GONE, date(2000, 1, 1), REASON, "before its referral"),
    ],
)
def test_a_bad_closing_is_one_sentence_and_changes_nothing(session, case_id, on, reason, words):
    before = len(session.audit_records())
    with pytest.raises(EditError, match=words):
        session.close_case(case_id, on, reason)
    assert len(session.audit_records()) == before
    assert session.header_for_chair(GONE).status is CaseStatus.OPEN


def test_a_closed_case_is_not_closed_again_nor_an_open_one_reopened(session):
    session.close_case(GONE, TODAY, REASON)
    with pytest.raises(EditError, match="closed already"):
        session.close_case(GONE, TODAY, "Another reason")
    with pytest.raises(EditError, match="open already"):
        session.reopen_case(KEPT)


def test_a_header_edit_that_opens_the_case_clears_its_reason(session):
    session.close_case(GONE, TODAY, REASON)
    session.edit_header(GONE, status=CaseStatus.OPEN, closed_on=None)
    assert session.header_for_chair(GONE).closed_reason == ""


def test_the_retention_list_holds_due_cases_and_apart_open_ones_not_heard(session):
    session.close_case(GONE, TODAY - timedelta(days=8 * 366), REASON)
    found = session.retention(TODAY)
    assert found.years == 7
    assert [k.case_id for k in found.due] == [GONE]
    assert {k.case_id for k in found.not_heard} == {KEPT, OPEN}


def test_without_a_retention_period_nothing_is_due(tmp_path):
    with build(tmp_path / "file.mara", TODAY, years=None) as session:
        session.close_case(GONE, TODAY - timedelta(days=8 * 366), REASON)
        found = session.retention(TODAY)
    assert found.years is None
    assert found.due == []


def test_an_import_reads_the_reason_and_refuses_one_on_an_open_case(new_file):
    case = {
        **minimal_case(),
        "status": "closed",
        "closed_on": "2026-11-20",
        "closed_reason": "Moved",
    }
    load(new_file, {"format": "mara-interchange/1", "conferences": [], "cases": [case]})
    assert new_file.case(case["id"]).closed_reason == "Moved"
    still_open = {**minimal_case("min-2"), "closed_reason": "Moved"}
    found = problems(new_file, {"format": "mara-interchange/1", "cases": [still_open]})
    assert found == ['cases[0].closed_reason: an open case has no "closed_reason"; set "status"']


def test_a_case_closed_lately_may_be_purged_but_is_not_yet_due(session):
    session.close_case(GONE, TODAY - timedelta(days=8 * 366), REASON)
    session.close_case(KEPT, TODAY, REASON)
    assert not session.not_yet_due(session.purge_check(GONE))
    assert session.not_yet_due(session.purge_check(KEPT))
    with pytest.raises(EditError, match="still open"):
        session.purge_check(OPEN)
