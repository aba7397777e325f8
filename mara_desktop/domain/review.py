"""When a case comes back to the MARAC for review: 12 calendar months after its last hearing.

DOMAIN.md (The meeting, step 5) has the meeting hear "cases passing the 12-month mark". A
case heard on 26 Nov 2025 reaches the mark on 26 Nov 2026: it is due at a conference held
on that day or later, not the day before. Most years have no 29 February: a case heard on
29 Feb 2024 is due from 1 Mar 2025 (on 28 Feb 2025 the mark, 28 Feb 2024, is still before it).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mara_desktop.domain.conference import Conference
from mara_desktop.domain.enums import CaseStatus

if TYPE_CHECKING:
    from mara_desktop.domain.case import Case

REVIEW_MONTHS = 12


@dataclass(frozen=True)
class Standing:
    """What a list of every case of the file reads of each one (the agenda's candidates,
    the retention list), and nothing more: a file kept for six years holds 20,000 cases,
    whose people, entries and actions such a list has no use for."""

    case_id: str
    reference: str
    status: CaseStatus
    closed_on: date | None
    referred: date
    children_involved: bool


def standing(case: Case) -> Standing:
    return Standing(
        case.id,
        case.reference,
        case.status,
        case.closed_on,
        case.referral.date,
        case.children_involved,
    )


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` calendar months earlier, or the month's last day
    when that month is shorter."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def due_for_review(last_heard: date, on: date) -> bool:
    """Whether a case last heard on `last_heard` has reached the 12-month mark by `on`."""
    return last_heard <= months_before(on, REVIEW_MONTHS)


def last_hearings(conferences: Iterable[Conference], before: date) -> dict[str, date]:
    """Each case's last hearing at a conference dated before `before`, by case id: what
    both the agenda's review list and the chair's retention list count from."""
    last: dict[str, date] = {}
    for conference in conferences:
        if conference.date < before:
            for case_id in conference.agenda:
                if case_id not in last or last[case_id] < conference.date:
                    last[case_id] = conference.date
    return last
