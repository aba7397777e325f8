"""A meeting of the MARAC: who came, and the cases it heard in order."""

from __future__ import annotations

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
class Conference:
    id: str
    title: str
    date: date
    venue: str
    chair: str
    agenda: tuple[str, ...] = ()
    attendance: tuple[Attendance, ...] = ()


def children_first(entries: Sequence[T], with_children: Callable[[T], bool]) -> list[T]:
    """The hearing order's one rule (DOMAIN.md, The meeting): the cases with children
    first, otherwise in the order given."""
    return [e for e in entries if with_children(e)] + [e for e in entries if not with_children(e)]
