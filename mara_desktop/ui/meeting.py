"""The state of a meeting in progress: which conference, which case, who is in the room.

Plain Python, so the rules of walking a meeting (children's cases first, children-only
agencies leaving, the room following attendance) are tested without a display. Every case
it hands out is a view from `views/`: it never gives a screen the raw case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mara_desktop.domain import AttendanceStatus, Audience, Case, Conference
from mara_desktop.protocol.model import Protocol
from mara_desktop.store.casefile import CaseFile
from mara_desktop.views.audiences import room_audience
from mara_desktop.views.builder import ViewBuilder, hearing_order
from mara_desktop.views.model import ActionView, CaseView

START = -1
"""The position before the first case: the room sees the confidentiality statement."""


@dataclass
class Meeting:
    """One conference being heard. `position` is the index into `order`, or START."""

    case_file: CaseFile
    conference: Conference
    left: set[str] = field(default_factory=set)
    position: int = START

    def __post_init__(self) -> None:
        self.builder = ViewBuilder(self.case_file.protocol)
        self.order: list[Case] = []
        self.reload()

    @property
    def protocol(self) -> Protocol:
        return self.case_file.protocol

    def reload(self) -> None:
        """Read the conference and its cases again, after an edit here or a change made by
        another program. The case being heard stays the current one wherever it now stands
        in the agenda; only if it left the agenda does its place go to the case now there."""
        current = self.current
        fresh = self.case_file.conference(self.conference.id)
        if fresh is not None:
            self.conference = fresh
        cases = self.case_file.cases(list(self.conference.agenda))
        self._cases = {case.id: case for case in cases}
        self.order = hearing_order(self.conference, self._cases)
        if current is not None and current.id in self._cases:
            self.position = self.number_of(current.id) - 1
        else:
            self.position = min(self.position, len(self.order) - 1)

    @property
    def on(self) -> date:
        return self.conference.date

    def case(self, case_id: str) -> Case | None:
        return self._cases.get(case_id)

    @property
    def current(self) -> Case | None:
        return self.order[self.position] if 0 <= self.position < len(self.order) else None

    def number_of(self, case_id: str) -> int:
        return next((n for n, c in enumerate(self.order, start=1) if c.id == case_id), 0)

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

    def children_only_present(self) -> list[str]:
        return [
            a
            for a in self.present()
            if (agency := self.protocol.agency(a)) and agency.children_only
        ]

    def set_left(self, agency: str, has_left: bool) -> None:
        if has_left:
            self.left.add(agency)
        else:
            self.left.discard(agency)

    def children_cases_heard(self) -> bool:
        """True once the meeting has moved past its last children's case."""
        last = max((n for n, c in enumerate(self.order) if c.children_involved), default=-1)
        return self.position > last

    @property
    def room(self) -> Audience:
        return room_audience(self.conference, frozenset(self.left))

    def room_names(self) -> list[str]:
        return [self.protocol.agency_name(a) for a in self.room.sorted()]

    # -- views -----------------------------------------------------------------------------

    def view(self, case: Case, audience: Audience) -> CaseView:
        return self.builder.case_view(
            case, audience, number=self.number_of(case.id), on=self.conference.date
        )

    def agenda(self) -> list[tuple[str, str, bool]]:
        """(case id, title, children involved) in hearing order, as the chair sees them."""
        chair = Audience.chair()
        entries = []
        for case in self.order:
            view = self.view(case, chair)
            children = view.header.children_involved if view.header else False
            entries.append((case.id, view.title, children))
        return entries

    def earlier_actions(self) -> list[ActionView]:
        """Actions agreed at earlier meetings on this agenda's cases, for the review at the
        start of the meeting (DOMAIN.md, The meeting, step 2), as the chair sees them."""
        chair = Audience.chair()
        return [
            action
            for case in self.order
            for action in self.view(case, chair).actions
            if action.conference not in (None, self.conference.id)
        ]

    def room_view(self) -> CaseView | None:
        """The current case as the room may see it; None at the start of the meeting."""
        case = self.current
        return None if case is None else self.view(case, self.room)
