"""Dates and moments as files write them.

One canonical text form, so that what is imported is exported unchanged: dates as
`2026-11-03`, moments in UTC as `2026-11-03T10:15:00Z`, other offsets as `+01:00`, and a
moment written without an offset stays without one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def instant(moment: datetime) -> datetime:
    """A comparable instant: a time written without an offset is taken as UTC.

    Files may mix "2026-11-03T10:15:00" and "2026-11-03T10:15:00Z"; Python refuses to order
    the two, and consent decisions must never fail on that.
    """
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def moment_text(moment: datetime) -> str:
    text = moment.isoformat()
    if moment.utcoffset() == timedelta(0):
        text = text.removesuffix("+00:00") + "Z"
    return text


def when_text(moment: date) -> str:
    """A date the way minutes and reasons write it: 3 Nov 2026, in the moment's own offset
    (a date is written as it is)."""
    return f"{moment.day} {moment:%b %Y}"


def parse_moment(text: str) -> datetime:
    """Raise ValueError unless `text` is a date and time (a bare date is not a moment)."""
    if "T" not in text and " " not in text:
        raise ValueError(text)
    return datetime.fromisoformat(text)


def parse_date(text: str) -> date:
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text)
