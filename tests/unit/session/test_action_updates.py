"""Progress reports on actions: each kept with who and when, never overwriting an earlier
one, audited; the action's status becomes the newest report's. A bad row (unknown action,
another agency's action, a bad status or date) is named, and nothing at all is recorded."""

from __future__ import annotations

from datetime import date

import pytest

from mara_desktop.domain import ActionStatus, Audience
from mara_desktop.interchange.action_csv import (
    UpdateFileError,
    UpdateRow,
    read_update_rows,
)
from mara_desktop.session import Session
from mara_desktop.session.action_logs import ActionUpdateError
from tests.support.documents import full_document
from tests.support.importing import load

TODAY = date(2026, 12, 20)
HOUSING_ACTION = "case-02/a02"


def reference(session, key: str) -> str:
    entries = session.action_log(Audience.chair(), TODAY)
    return next(e.action.reference for e in entries if e.key == key)


def owned_by(session, agency: str) -> list[str]:
    entries = session.action_log(Audience.chair(), TODAY)
    return [e.key for e in entries if e.action.owner == agency]


def row(action: str, status: str = "done", note: str = "Seen", by: str = "J. Smith",
        on: str = "2026-12-01", number: int = 2) -> UpdateRow:  # fmt: skip
    return UpdateRow(number, action, status, note, by, on)


def record(session, rows, agency="housing"):
    return session.record_action_updates(rows, agency=agency, source="u.csv", today=TODAY)


def latest(session, key: str):
    return next(e for e in session.action_log(Audience.chair(), TODAY) if e.key == key)


def test_reports_are_kept_in_order_and_the_status_is_the_newest(demo_session):
    key = owned_by(demo_session, "housing")[0]
    ref = reference(demo_session, key)
    record(demo_session, [row(ref.lower(), "open", "Waiting for a refuge place")])
    record(demo_session, [row(key, "not-possible", "She moved out of the area", on="2026-12-10")])
    entry = latest(demo_session, key)
    assert [u.status for u in entry.updates] == [
        ActionStatus.OPEN,
        ActionStatus.CHANGE_OF_CIRCUMSTANCE,
    ]
    assert entry.action.status is ActionStatus.CHANGE_OF_CIRCUMSTANCE
    first = entry.updates[0]
    assert (first.note, first.updated_by, first.updated_on, first.agency) == (
        "Waiting for a refuge place", "J. Smith", date(2026, 12, 1), "housing",
    )  # fmt: skip
    audited = [r for r in demo_session.audit_records() if r.action == "action-update"]
    assert len(audited) == 2
    assert audited[-1].details["updates"] == [{"action": key, "status": "change_of_circumstance"}]
    assert "moved" not in str(audited[-1].details)  # ids and statuses, not what was said


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (row("A-XXXXXXX"), 'no action "A-XXXXXXX"'),
        (row("case-99/a01"), 'no action "case-99/a01"'),
        (row("case-10/a02"), "belongs to Police, not to Housing"),
        (row(HOUSING_ACTION, status="finished"), 'status "finished" is not one of'),
        (row(HOUSING_ACTION, on="01/12/2026"), 'updated_on "01/12/2026" is not a date'),
        (row(HOUSING_ACTION, on="2027-01-01"), "is after today"),
        (row(HOUSING_ACTION, by=""), "updated_by is empty"),
        (row(HOUSING_ACTION, status="not-done", note=""), "needs a note saying why"),
        (row(HOUSING_ACTION, note="Seen\x1b[2J"), "note holds"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_recorded(demo_session, bad, said):
    good = row(owned_by(demo_session, "housing")[0], number=2)
    bad = UpdateRow(3, bad.action, bad.status, bad.note, bad.updated_by, bad.updated_on)
    before = latest(demo_session, good.action).action.status
    audit = len(demo_session.audit_records())
    with pytest.raises(ActionUpdateError) as caught:
        record(demo_session, [good, bad])
    assert str(caught.value).startswith("u.csv, row 3: ") and said in str(caught.value)
    assert str(caught.value).endswith("nothing was recorded.") and "\n" not in str(caught.value)
    assert latest(demo_session, good.action).updates == ()
    assert latest(demo_session, good.action).action.status is before
    assert len(demo_session.audit_records()) == audit


def test_the_chair_may_report_on_any_agencys_action(demo_session):
    record(demo_session, [row("case-10/a02", "not-done", "No assessment made")], agency=None)
    entry = latest(demo_session, "case-10/a02")
    assert entry.action.status is ActionStatus.AGENCY_DID_NOT_ACT
    assert entry.updates[0].agency is None


def test_an_agency_never_sees_reports_on_actions_withheld_from_it(demo_session):
    record(demo_session, [row("case-10/a02", "done", "Assessment made at home")], agency=None)
    housing = demo_session.action_log(Audience.of(["housing"]), TODAY)
    assert "case-10/a02" not in {e.key for e in housing}
    withheld = demo_session.withheld_from_log(Audience.of(["housing"]), TODAY)
    assert "Assessment made at home" in withheld


def test_update_files_are_read_with_their_row_numbers(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text(
        '\ufeffaction,status,note,updated_by,updated_on\nA-1,done,"two\nlines",X,2026-12-01\n'
        "A-2,open,,Y,2026-12-02\n",
        "utf-8",
    )
    rows = read_update_rows(path)
    assert [(r.row, r.action, r.note) for r in rows] == [(2, "A-1", "two\nlines"), (3, "A-2", "")]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("action,status,note,updated_by\nA-1,done,,X\n", "no column updated_on"),
        ("action,status,note,updated_by,updated_on,case\n", "unknown column case"),
        ("action,status,note,updated_by,updated_on\n", "holds no updates"),
    ],
)
def test_a_file_that_is_not_an_update_file_is_refused(tmp_path, text, said):
    path = tmp_path / "u.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(UpdateFileError, match=said):
        read_update_rows(path)
    path.write_bytes(b"action,status\n\xff\xfe\n")
    with pytest.raises(UpdateFileError, match="UTF-8"):
        read_update_rows(path)


def test_an_action_is_found_as_case_action_when_its_case_id_holds_a_slash(new_file):
    """Ids may hold a "/": each place the name could divide case from action is tried."""
    document = full_document(cases=1)
    document["cases"][0]["id"] = "north/2026-1"
    document["conferences"][0]["agenda"] = ["north/2026-1"]
    load(new_file, document)
    session = Session(new_file)
    record(session, [row("north/2026-1/a1")])
    assert latest(session, "north/2026-1/a1").action.status is ActionStatus.DONE
    by_reference = row(reference(session, "north/2026-1/a1"), status="open", number=3)
    record(session, [by_reference])
    assert latest(session, "north/2026-1/a1").action.status is ActionStatus.OPEN
