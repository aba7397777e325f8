"""Closing a case and reopening it: when the MARAC's work on a case ends, or starts again.

A closed case keeps every record; what changes is its status, the day (from which the
protocol's retention period counts: domain/retention.py) and the chair's reason. Each
change is one transaction with its audit record, which holds the case's id and the dates
only: the reason is the case's text, so it stays in the case row, and reopening clears
it (the audit keeps the day the case had been closed on). A transferred case went to
another area (the `transfer` command sets it): it is neither closed nor reopened here.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from mara_desktop.domain import Case, CaseStatus
from mara_desktop.domain.text_rules import LONG_TEXT, text_problem
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import EditError, _existing_case

CLOSED = "case-closed"
REOPENED = "case-reopened"


def close_case(case_file: CaseFile, case_id: str, on: date, reason: str, today: date) -> None:
    """Close an open case on `on` (not after `today`, not before its referral)."""
    case = _case_now(case_file, case_id, CaseStatus.OPEN)
    reason = reason.strip()
    if not reason:
        raise EditError("Give the reason the case is closed.", field="reason")
    problem = text_problem(reason, LONG_TEXT)
    if problem:
        raise EditError(f"The reason {problem}.", field="reason")
    if on > today:
        raise EditError("A case cannot be closed on a day still to come.", field="closed_on")
    if on < case.referral.date:
        raise EditError(
            f"A case cannot be closed before its referral ({case.referral.date:%d %b %Y}).",
            field="closed_on",
        )
    closed = dataclasses.replace(case, status=CaseStatus.CLOSED, closed_on=on, closed_reason=reason)
    _write(case_file, closed, CLOSED, {"case": case.id, "closed_on": on.isoformat()})


def reopen_case(case_file: CaseFile, case_id: str) -> None:
    """Open a closed case again; its reason is cleared, the audit keeps the day."""
    case = _case_now(case_file, case_id, CaseStatus.CLOSED)
    reopened = dataclasses.replace(case, status=CaseStatus.OPEN, closed_on=None, closed_reason="")
    had = case.closed_on.isoformat() if case.closed_on else None
    _write(case_file, reopened, REOPENED, {"case": case.id, "was_closed_on": had})


def _write(case_file: CaseFile, case: Case, action: str, details: dict[str, object]) -> None:
    with case_file.transaction() as conn:
        repository.write_case(conn, case, 0, replace=True)
        audit.append(conn, case_file.actor, action, details)


_ALREADY = {
    CaseStatus.OPEN: 'Case "{}" is open already.',
    CaseStatus.CLOSED: 'Case "{}" is closed already; reopen it first to close it again.',
    CaseStatus.TRANSFERRED: 'Case "{}" was transferred to another area; it is no longer this '
    "MARAC's.",
}


def _case_now(case_file: CaseFile, case_id: str, status: CaseStatus) -> Case:
    """The case, if it has `status` now; else the sentence saying what it is."""
    case = _existing_case(case_file, case_id)
    if case.status is not status:
        raise EditError(_ALREADY[case.status].format(case.id))
    return case
