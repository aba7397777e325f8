"""A conference and its cases, read once, as minutes need them.

Minutes are made for several recipients from one reading of the file: each recipient's
view of the conference (through `views/`, the one door), and, for the leak check, every
value that view withholds (views/withheld.py: decided by the same rule and the same
entries, so the check and the minutes cannot disagree). Only those leave; the cases stay
here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from mara_desktop.domain import Audience, Case, Conference
from mara_desktop.domain.action_update import ActionUpdate
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import ConferenceView, ViewBuilder, conference_view
from mara_desktop.views.action_log import hidden_reports, latest_reports
from mara_desktop.views.each_agency import each_agency_view
from mara_desktop.views.mentions import Mention, conference_mentions
from mara_desktop.views.withheld import shown_values, unless_shown, withheld_values


class ConferenceViews:
    """`conference` and its cases as they stood when read; `earlier` are the ids of the
    conferences held before it (their actions are reviewed, not agreed, at this one)."""

    def __init__(
        self,
        builder: ViewBuilder,
        conference: Conference,
        cases: Sequence[Case],
        earlier: frozenset[str],
        last_heard: Mapping[str, date] | None = None,
        updates: Mapping[tuple[str, str], Sequence[ActionUpdate]] | None = None,
    ) -> None:
        self.conference = conference
        self.earlier = earlier
        self.last_heard = dict(last_heard or {})
        """When a conference before this one last heard each case of its agenda (cases
        heard before only)."""
        self._builder = builder
        self._cases = {case.id: case for case in cases}
        self._updates = {key: tuple(reports) for key, reports in (updates or {}).items()}
        """Progress reports on the actions of the conference's cases, oldest first."""

    @property
    def protocol(self) -> Protocol:
        return self._builder.protocol

    @property
    def entries(self) -> int:
        """Items and actions of the conference's cases: what laying out and checking a copy
        of its minutes take time in proportion to."""
        return sum(len(case.items) + len(case.actions) for case in self._cases.values())

    def view(self, audience: Audience) -> ConferenceView:
        return conference_view(self._builder, self.conference, self._cases, audience)

    def latest_updates(self, view: ConferenceView) -> dict[str, ActionUpdate]:
        """The newest report on each action `view` holds, by "CASE/ACTION"."""
        return latest_reports(view, self._updates)

    def agency_views(self, agencies: Sequence[str]) -> dict[str, ConferenceView]:
        """Each agency's own view (its audience the agency alone), by agency id: the views
        `view` gives, built together (views/each_agency.py), as minutes for every agency
        need them."""
        return each_agency_view(self._builder, self.conference, self._cases, agencies)

    def withheld_values(self, view: ConferenceView) -> list[str]:
        """Every text value of the conference's cases that `view`'s audience may not see,
        except those it sees elsewhere in the same view; with the notes and reporters of
        the reports on actions it may not see, except those its minutes print."""
        printed = [
            value
            for report in self.latest_updates(view).values()
            for value in (report.note, report.updated_by)
        ]
        reports = unless_shown(hidden_reports(view, self._updates), [*shown_values(view), *printed])
        return withheld_values(self._builder, self.conference, self._cases, view) + reports

    def mentions(self, audiences: Iterable[Audience]) -> dict[Audience, list[Mention]]:
        """For each audience, the visible text of its minutes that mentions a person or a
        value withheld from it (views/mentions.py): the free-text check, for the chair."""
        return conference_mentions(self._builder.rule, self.conference, self._cases, audiences)
