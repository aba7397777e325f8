"""The state of a meeting in progress: which conference, which case, who is in the room.

Plain Python, so the rules of walking a meeting (children's cases first, children-only
agencies leaving, the room following attendance) are tested without a display. It holds
the conference's cases, as the session read them, and hands out only views of them built
by `views/` for an audience: a screen names a case by its id and never gets the case.

Who has left is recorded in the conference's attendance, with the time, as it happens: a
meeting read again (after locking, say) has the same room. Where the chair stood is a
`MeetingPlace`, ids and numbers only, which a screen may keep while it holds no case data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from mara_desktop.domain import Action, ActionStatus, AttendanceStatus, Audience, Case, Conference
from mara_desktop.protocol.model import Protocol
from mara_desktop.views.audiences import room_audience
from mara_desktop.views.builder import hearing_order
from mara_desktop.views.model import ActionView, CaseRecords, CaseView

if TYPE_CHECKING:
    from mara_desktop.session.session import Session

START = -1
"""The position before the first case: the room sees the confidentiality statement."""

ACTION_DUE_AFTER = timedelta(days=14)
"""When an action added at the meeting is due, unless the chair changes it (the dialog
shows it)."""


@dataclass(frozen=True)
class MeetingPlace:
    """Where the chair stood in a meeting: kept by the console while it is locked, so that
    unlocking comes back to the same case. No case data: the conference's and the case's
    ids, the position, and any "has left" tick the file could not record (a damaged file),
    which must go on shaping the room."""

    conference_id: str
    case_id: str | None
    position: int
    unrecorded: tuple[tuple[str, datetime | None], ...] = ()


@dataclass(frozen=True)
class AgendaEntry:
    """A case on the agenda as the chair sees it."""

    case_id: str
    title: str
    children_involved: bool
    kind: str
    """Whether children's services take part, in the chair's words: "with children",
    "pregnancy", "victim under 18", or "adults only"."""


class Meeting:
    """One conference being heard. `position` is the index into `order` (the case ids in
    hearing order), or START."""

    def __init__(self, session: Session, conference: Conference) -> None:
        self._session = session
        self.conference = conference
        self._unrecorded: dict[str, datetime | None] = {}
        self.position = START
        self.order: list[str] = []
        self._cases: dict[str, Case] = {}
        self._shown: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.reload()

    @property
    def protocol(self) -> Protocol:
        return self._session.protocol

    def reload(self) -> None:
        """Read the conference and its cases again, after an edit here or a change made by
        another program. The case being heard stays the current one wherever it now stands
        in the agenda; only if it left the agenda does its place go to the case now there."""
        current = self.current
        self._read_conference()
        cases = self._session._cases(self.conference.agenda)
        self._cases = {case.id: case for case in cases}
        self.order = [case.id for case in hearing_order(self.conference, self._cases)]
        self._stand_at(current, self.position)

    def _read_conference(self) -> None:
        fresh = self._session.conference(self.conference.id)
        if fresh is not None:
            self.conference = fresh

    def _stand_at(self, case_id: str | None, position: int) -> None:
        """On the case wherever it now stands; if it left the agenda, at its old place."""
        if case_id is not None and case_id in self._cases:
            self.position = self.number_of(case_id) - 1
        else:
            self.position = min(position, len(self.order) - 1)

    def place(self) -> MeetingPlace:
        return MeetingPlace(
            self.conference.id, self.current, self.position, tuple(self._unrecorded.items())
        )

    def return_to(self, place: MeetingPlace) -> None:
        """Stand where the chair stood (a meeting read afresh after unlocking), with the
        room as the chair left it."""
        self._unrecorded = dict(place.unrecorded)
        self._stand_at(place.case_id, place.position)

    @property
    def on(self) -> date:
        return self.conference.date

    @property
    def current(self) -> str | None:
        """The id of the case being heard; None at the start of the meeting."""
        return self.order[self.position] if 0 <= self.position < len(self.order) else None

    def number_of(self, case_id: str) -> int:
        """The case's place in the hearing order, from 1; 0 when it is not on the agenda."""
        return self.order.index(case_id) + 1 if case_id in self.order else 0

    def go_to(self, position: int) -> None:
        self.position = max(START, min(position, len(self.order) - 1))

    def next(self) -> None:
        self.go_to(self.position + 1)

    def previous(self) -> None:
        self.go_to(self.position - 1)

    # -- the room --------------------------------------------------------------------------

    def present(self) -> list[str]:
        """Agencies present at the meeting (whether or not they have left since)."""
        return [
            line.agency
            for line in self.conference.attendance
            if line.status is AttendanceStatus.PRESENT
        ]

    def unsigned_present(self) -> list[str]:
        """Agencies present that have not signed the protocol in force: the chair should
        know before they hear a case (the register: session/accountability.py)."""
        return self._session.unsigned_agencies(self.present())

    def children_only_present(self) -> list[str]:
        return [
            a
            for a in self.present()
            if (agency := self.protocol.agency(a)) and agency.children_only
        ]

    @property
    def left(self) -> dict[str, datetime]:
        """Who has left, and when: agencies present by id, the observers as `observer`."""
        left = {
            line.agency: line.left_at
            for line in self.conference.attendance
            if line.left_at is not None and line.status is not AttendanceStatus.APOLOGIES
        }
        for agency, when in self._unrecorded.items():
            if when is None:
                left.pop(agency, None)
            else:
                left[agency] = when
        return left

    def set_left(self, agency: str, has_left: bool, at: datetime | None = None) -> None:
        """The agency left (at `at`, by default now) or is back. The room follows at once,
        before the file records it: a tick the file cannot take (a damaged file) must still
        change what the shared screen may show, above all when an agency comes back. Then
        it is recorded in the attendance (checked, audited); a refusal is raised after."""
        when = None
        if has_left:
            when = (at or datetime.now().astimezone()).replace(microsecond=0)
        self._unrecorded[agency] = when
        self._session.set_left(self.conference.id, agency, when)
        del self._unrecorded[agency]
        self._read_conference()

    def children_cases_heard(self) -> bool:
        """True once the meeting has moved past the last case children's services take part
        in: children's cases, and a pregnant or under-18 victim's case wherever it stands."""
        theirs = [
            n for n, case_id in enumerate(self.order) if self._cases[case_id].for_childrens_services
        ]
        return self.position > max(theirs, default=-1)

    @property
    def room(self) -> Audience:
        return room_audience(self.conference, frozenset(self.left))

    def room_names(self) -> list[str]:
        return [self.protocol.agency_name(a) for a in self.room.sorted()]

    # -- views -----------------------------------------------------------------------------

    def view(self, case_id: str, audience: Audience) -> CaseView:
        """The case as `audience` may see it, numbered by its place in the meeting and with
        actions overdue as of the meeting's date."""
        return self._session._builder().case_view(
            self._cases[case_id], audience, number=self.number_of(case_id), on=self.on
        )

    def records(self, case_id: str, audience: Audience) -> CaseRecords:
        """The case's consent and override history for the chair; nothing for any other."""
        return self._session._builder().records(self._cases[case_id], audience)

    def agenda(self) -> list[AgendaEntry]:
        """The cases in hearing order, as the chair sees them."""
        chair = Audience.chair()
        entries = []
        for case_id in self.order:
            view = self.view(case_id, chair)
            children = view.header.children_involved if view.header else False
            entries.append(AgendaEntry(case_id, view.title, children, _kind(self._cases[case_id])))
        return entries

    def earlier_actions(self) -> list[ActionView]:
        """Actions agreed at earlier meetings on this agenda's cases, for the review at the
        start of the meeting (DOMAIN.md, The meeting, step 2), as the chair sees them."""
        chair = Audience.chair()
        return [
            action
            for case_id in self.order
            for action in self.view(case_id, chair).actions
            if action.conference not in (None, self.conference.id)
        ]

    def room_view(self) -> CaseView | None:
        """The current case as the room may see it; None at the start of the meeting."""
        case_id = self.current
        return None if case_id is None else self.view(case_id, self.room)

    def shown(self, case_id: str, audience: Audience, via: str) -> None:
        """Audit which case was shown to which audience, and how ("shared screen",
        "preview"), with ids only; once until what is shown that way changes."""
        seen = (case_id, tuple(audience.sorted()))
        if self._shown.get(via) == seen:
            return
        self._shown[via] = seen  # a record that cannot be written is not tried again
        self._session.record("view", {"case": case_id, "audience": list(seen[1]), "via": via})

    # -- changes made at the meeting -------------------------------------------------------

    def new_action(self) -> Action | None:
        """An action for the current case as the add-action dialog first shows it: owned by
        the referring agency and due two weeks after the meeting, each for the chair to
        change, open, with no text yet; None at the start of the meeting."""
        case_id = self.current
        if case_id is None:
            return None
        return Action(
            id=self._session.new_entry_id(case_id, "m"),
            owner=self._cases[case_id].referral.agency,
            category="actions",
            text="",
            due=self.on + ACTION_DUE_AFTER,
            status=ActionStatus.OPEN,
            conference=self.conference.id,
        )


def case_kind(children_involved: bool) -> str:
    """The word for a case's place in the hearing order, after its reference wherever a
    case is listed to be put on an agenda (the agenda itself says more: `_kind`)."""
    return "with children" if children_involved else "adults only"


def _kind(case: Case) -> str:
    if case.children_involved:
        return case_kind(True)
    if case.pregnancy:
        return "pregnancy"
    return "victim under 18" if case.young_victim else case_kind(False)
