"""A meeting of the MARAC: who came, and the cases it heard in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from mara_desktop.domain.enums import AttendanceStatus

T = TypeVar("T")

OBSERVER = "observer"
"""The pseudo-agency of observers; the default protocol grants it nothing."""

CHAIR = "chair"
"""The chair's audience: sees everything, marked with who else may see it."""


@dataclass(frozen=True)
class Attendance:
    """One line of the attendance list.

    For apologies, `information_sent` and `received_on` record whether the agency sent its
    research in advance and when it arrived, as minutes must say. `left_at` is when an
    agency present (or the observers) left before the end: the room's audience no longer
    counts it from then, and the minutes say when it went.
    """

    agency: str
    name: str
    status: AttendanceStatus
    conditionality_signed: bool = False
    information_sent: bool = False
    received_on: date | None = None
    left_at: datetime | None = None


@dataclass(frozen=True)
class MinutesSections:
    """What the minutes record of a meeting beyond its cases: who took them, when the next
    meeting is, and any other business (DOMAIN.md, Minutes); empty until recorded."""

    minute_taker: str = ""
    next_meeting: date | None = None
    other_business: str = ""


@dataclass(frozen=True)
class Conference:
    """`minute_taker`, `next_meeting` and `other_business` are the minutes' own sections
    (DOMAIN.md, Minutes): "" or None until recorded. Any other business is written by the
    chair for everyone present, so every copy prints it whole."""

    id: str
    title: str
    date: date
    venue: str
    chair: str
    agenda: tuple[str, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    minute_taker: str = ""
    next_meeting: dt.date | None = None  # `date` here would be the field above
    other_business: str = ""

    @property
    def sections(self) -> MinutesSections:
        return MinutesSections(self.minute_taker, self.next_meeting, self.other_business)


def children_first(entries: Sequence[T], with_children: Callable[[T], bool]) -> list[T]:
    """The hearing order's one rule (DOMAIN.md, The meeting): the cases with children
    first, otherwise in the order given."""
    return [e for e in entries if with_children(e)] + [e for e in entries if not with_children(e)]
