"""Naming an audience: agency ids typed by a user, or the room of a conference."""

from __future__ import annotations

from mara_desktop.domain import CHAIR, OBSERVER, AttendanceStatus, Audience, Conference
from mara_desktop.errors import MaraError, did_you_mean
from mara_desktop.protocol.model import Protocol


class AudienceError(MaraError):
    """An audience named with an id the protocol does not know."""


def parse_audience(text: str, protocol: Protocol) -> Audience:
    """`police,idva`, `health` (a group of the protocol: its members), `observer`, or
    `chair`; unknown ids are refused with a suggestion. A group stands for its members here as
    in the protocol's rules, so the audience printed names the agencies, never the group."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    groups = protocol.group_members
    known = [a.id for a in protocol.agencies] + list(groups) + [OBSERVER, CHAIR]
    for agency in ids:
        if agency not in known:
            raise AudienceError(f'unknown agency or group "{agency}"{did_you_mean(agency, known)}.')
    if not ids:
        raise AudienceError("name at least one agency, or chair.")
    if CHAIR in ids and len(ids) > 1:
        raise AudienceError("the chair's view cannot be combined with agencies.")
    return Audience.of(m for i in ids for m in (sorted(groups[i]) if i in groups else [i]))


def room_audience(conference: Conference, left: frozenset[str] = frozenset()) -> Audience:
    """Everyone present who has not left, and the observers as one pseudo-agency (they leave
    together: `left` holds "observer" once they have all gone)."""
    members = set()
    for line in conference.attendance:
        if line.status is AttendanceStatus.PRESENT and line.agency not in left:
            members.add(line.agency)
        elif line.status is AttendanceStatus.OBSERVER and OBSERVER not in left:
            members.add(OBSERVER)
    return Audience.of(members)
