"""When a case's records have been kept long enough: the protocol's retention period.

Storage limitation (issue 17): a MARAC keeps a case for `retention_years` after it stopped
being the MARAC's (closed, or transferred to another area), counted from `closed_on`. A
case closed on 2 Dec 2019 under a 7-year period is due for purging after 2 Dec 2026, not
on that day: "more than" the period before today. An open case is never due, however
old: the chair closes it first (or keeps it). Whole calendar years are counted as
domain/review.py counts months, so 29 February ends on 28 February in a shorter year.

Open cases nobody has heard for a year are listed beside them, for the chair to close or
keep; "not heard for a year" is the agenda's review mark (domain/review.py), from the last
hearing, or from the referral when the case was never heard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from mara_desktop.domain.enums import CaseStatus
from mara_desktop.domain.review import Standing, due_for_review, months_before


def purge_from(today: date, years: int) -> date:
    """The day the retention period reaches back to: a case closed before it is due."""
    return months_before(today, 12 * years)


def due_for_purging(status: CaseStatus, closed_on: date | None, years: int, today: date) -> bool:
    """Closed or transferred more than `years` before `today` (by `closed_on`)."""
    if status is CaseStatus.OPEN or closed_on is None:
        return False
    return closed_on < purge_from(today, years)


@dataclass(frozen=True)
class Kept:
    """A case of the retention list, as the chair sees it: its reference (the chair sees
    every case), its status, when it was closed, and when it was last heard."""

    case_id: str
    reference: str
    status: CaseStatus
    closed_on: date | None
    last_heard: date | None


def kept(case: Standing, last_heard: Mapping[str, date]) -> Kept:
    return Kept(
        case.case_id, case.reference, case.status, case.closed_on, last_heard.get(case.case_id)
    )


def not_heard_for_a_year(
    cases: Iterable[Standing], last_heard: Mapping[str, date], today: date
) -> list[Kept]:
    """Open cases whose last hearing (or, never heard, whose referral) has passed the
    12-month review mark by `today`, longest waiting first."""
    found = [
        kept(c, last_heard)
        for c in cases
        if c.status is CaseStatus.OPEN
        and due_for_review(last_heard.get(c.case_id, c.referred), today)
    ]
    return sorted(found, key=lambda k: (k.last_heard or date.min, k.reference))
