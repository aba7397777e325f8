"""Every agency's own view of a conference, built together: minutes for every agency.

Building each agency's view alone puts every entry to the rule once per agency and copies
the entry's values into a new view object each time. Here each entry is put to the rule
once for all the agencies (`DisclosureRule.decide_for_each`: the same decisions), and what
does not depend on the agency is worked out once: a case's header, an item's or action's
values (names, the action's reference), the access given with a decision. The views are
exactly those `conference_view` builds for each agency's audience alone
(tests/unit/views/test_each_agency.py compares them on random cases and protocols).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypeVar

from mara_desktop.domain import CHAIR, Audience, Case, Conference
from mara_desktop.protocol.rule import Decision, Disclosable
from mara_desktop.views.builder import (
    ViewBuilder,
    header_item,
    hearing_order,
    identity_item,
    people_shown,
    view_of_conference,
)
from mara_desktop.views.model import (
    Access,
    ActionView,
    CaseHeader,
    CaseView,
    ConferenceView,
    ItemView,
)

_Entry = TypeVar("_Entry", ItemView, ActionView, CaseHeader)


def each_agency_view(
    builder: ViewBuilder,
    conference: Conference,
    cases: Mapping[str, Case],
    agencies: Sequence[str],
) -> dict[str, ConferenceView]:
    """Each agency's view of the conference (its audience the agency alone), by agency id:
    what `conference_view` gives for `Audience.of([agency])`, for every agency at once."""
    members = tuple(dict.fromkeys(agencies))
    if CHAIR in members:
        raise ValueError("the chair's view is not an agency's: build it with conference_view")
    audiences = [Audience.of([agency]) for agency in members]
    views: list[list[CaseView]] = [[] for _ in members]
    accesses = _Accesses(members)
    for number, case in enumerate(hearing_order(conference, cases), start=1):
        built = _CaseForEach(builder, case, accesses, conference.date)
        for index, agency_views in enumerate(views):
            agency_views.append(built.view(index, audiences[index], number))
    return {
        agency: view_of_conference(conference, builder.protocol, audience, tuple(agency_views))
        for agency, audience, agency_views in zip(members, audiences, views, strict=True)
    }


class _Accesses:
    """What each agency's view gives with each decision (as `_Disclosing.access` does for an
    audience of that agency alone: None when withheld), made once per decision and agency:
    the rule gives one decision object to every entry that shares it."""

    def __init__(self, agencies: tuple[str, ...]) -> None:
        self.agencies = agencies
        self._made: dict[tuple[int, int], tuple[Decision, Access]] = {}
        self._of: dict[int, tuple[tuple[Decision, ...], tuple[Access | None, ...]]] = {}

    def of(self, decided: tuple[Decision, ...]) -> tuple[Access | None, ...]:
        """For an entry's decisions (one per agency, in order), each agency's access; the
        same for every entry given the same tuple of decisions."""
        known = self._of.get(id(decided))
        if known is None:
            accesses = tuple(self._one(index, d) for index, d in enumerate(decided))
            # Kept with its decisions, so that their id is not reused meanwhile.
            known = self._of[id(decided)] = (decided, accesses)
        return known[1]

    def _one(self, index: int, decision: Decision) -> Access | None:
        if not decision.visible:
            return None
        key = (index, id(decision))
        made = self._made.get(key)
        if made is None:
            # The decision is kept with its access, so its id is not reused meanwhile.
            access = Access((self.agencies[index],), (), decision)
            made = self._made[key] = (decision, access)
        return made[1]


class _CaseForEach:
    """One case decided for every agency at once as of `on`; gives each agency's view."""

    def __init__(self, builder: ViewBuilder, case: Case, accesses: _Accesses, on: date) -> None:
        self.builder, self.case = builder, case
        protocol = builder.protocol
        people = [identity_item(person, case, protocol) for person in case.people]
        entries: list[Disclosable] = [
            header_item(case, protocol),
            *people,
            *case.items,
            *case.actions,
        ]
        decided = builder.rule.decide_for_each(entries, accesses.agencies, case, on)
        given = [accesses.of(decisions) for decisions in decided]
        self.header_accesses = given[0]
        after_people = 1 + len(people)
        self.people_accesses = given[1:after_people]
        after_items = after_people + len(case.items)
        self.item_accesses = given[after_people:after_items]
        self.action_accesses = given[after_items:]
        self.held_back = [
            any(access[index] is None for access in given)
            for index in range(len(accesses.agencies))
        ]
        self._header: CaseHeader | None = None
        self.items = [builder.item_view(item, None) for item in case.items]
        self.actions = [builder.action_view(case, action, None, on) for action in case.actions]

    def view(self, index: int, audience: Audience, number: int) -> CaseView:
        """The view of the agency at `index` of the agencies, whose audience is `audience`."""
        header = None
        if self.header_accesses[index] is not None:
            if self._header is None:
                self._header = self.builder.header(self.case, None, chair=False)
            header = with_access(self._header, self.header_accesses[index])
        items = tuple(
            with_access(item, given[index])
            for item, given in zip(self.items, self.item_accesses, strict=True)
            if given[index] is not None
        )
        actions = tuple(
            with_access(action, given[index])
            for action, given in zip(self.actions, self.action_accesses, strict=True)
            if given[index] is not None
        )
        people = people_shown(
            self.case.people,
            [given[index] for given in self.people_accesses],
            {item.person for item in items},
        )
        return CaseView(
            self.case.id,
            audience,
            number,
            header,
            tuple(people),
            items,
            actions,
            self.held_back[index],
        )


def with_access(view: _Entry, access: Access | None) -> _Entry:
    """`view` with `access`: what `dataclasses.replace(view, access=access)` gives.

    Every agency's views of a meeting hold thousands of entry views that differ from one
    agency to the next only in their access; running the frozen dataclass's init for each
    (a call per field) costs more than deciding them all. So each agency's view of an entry
    is a copy of the one made once for all of them, its access put in its place."""
    copy = object.__new__(type(view))
    fields = copy.__dict__
    fields.update(view.__dict__)
    fields["access"] = access
    return copy
