"""What the session hands out: views of cases and conferences, each for an audience.

Everything here is built by `views/` from the cases read by key, and decided by the
protocol's one rule; the cases themselves never leave. Where a dialog must show what an
entry not yet recorded would do (who would see a new item, what an override would make
visible), it passes the entry and a case id, and gets the answer, not the case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

from mara_desktop.domain import Action, Audience, Case, Conference, Consent, Item, Override
from mara_desktop.errors import MaraError
from mara_desktop.protocol.model import LawfulBasis
from mara_desktop.protocol.records import RecordRules
from mara_desktop.protocol.rule import Decision
from mara_desktop.session.conference_views import ConferenceViews
from mara_desktop.session.edits import ActionField, changed_action
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import free_id
from mara_desktop.views.builder import ViewBuilder, case_entries
from mara_desktop.views.consent_effect import ConsentEffect, consent_effect
from mara_desktop.views.mentions import CaseTexts, Mention, case_mentions
from mara_desktop.views.model import Access, CaseRecords, CaseView
from mara_desktop.views.override_effect import Newly, override_effect
from mara_desktop.views.unseen import Unseen, unseen_by


class UnknownCase(MaraError):
    """A case id the file does not hold (exit code 4)."""


class Reading:
    """The reads of a `Session` (session.py), over its open case file."""

    _file: CaseFile
    _views: ViewBuilder | None = None

    def _builder(self) -> ViewBuilder:
        """One builder for the file's protocol (it remembers decisions between views); a
        new one when the file is governed by another protocol."""
        protocol = self._file.protocol
        if self._views is None or self._views.protocol is not protocol:
            self._views = ViewBuilder(protocol, self._file.action_reference_key)
        return self._views

    def _cases(self, case_ids: Iterable[str]) -> list[Case]:
        """Cases by id, read by key; for this package only (the meeting, minutes)."""
        return self._file.cases(list(case_ids))

    def _case(self, case_id: str) -> Case:
        case = self._file.case(case_id)
        if case is None:
            raise UnknownCase(f'{self._file.path}: no case "{case_id}" in this case file.')
        return case

    # -- conferences ---------------------------------------------------------------------

    def conferences(self) -> list[Conference]:
        """Every conference, the earliest first: the meeting's own record (title, date,
        agenda, who attended), which every copy of its minutes prints."""
        return sorted(self._file.conferences(), key=lambda c: c.date)

    def conference(self, conference_id: str) -> Conference | None:
        return self._file.conference(conference_id)

    def conference_ids(self) -> set[str]:
        return self._file.conference_ids()

    def case_ids(self) -> set[str]:
        return self._file.case_ids()

    def conference_views(self, conference_id: str) -> ConferenceViews | None:
        """A conference and its cases read as of one moment, to make each audience's view
        of it (minutes); None when the file holds no such conference."""
        with self._file.snapshot():
            conference = self._file.conference(conference_id)
            if conference is None:
                return None
            cases = self._cases(conference.agenda)
            before = [c for c in self._file.conferences() if c.date < conference.date]
            agenda = set(conference.agenda)
            updates = {k: u for k, u in self._file.action_updates().items() if k[0] in agenda}
        earlier = frozenset(c.id for c in before)
        last_heard: dict[str, date] = {}
        for held in before:
            for case_id in set(held.agenda) & set(conference.agenda):
                last_heard[case_id] = max(held.date, last_heard.get(case_id, held.date))
        return ConferenceViews(self._builder(), conference, cases, earlier, last_heard, updates)

    # -- one case ------------------------------------------------------------------------

    def case_view(self, case_id: str, audience: Audience, *, on: date | None = None) -> CaseView:
        """What `audience` may see of the case (the chair's audience sees everything, each
        entry marked with who else may), decided as of `on` (today when not given), which
        is also the date open actions are overdue by."""
        return self._builder().case_view(self._case(case_id), audience, on=on)

    def case_records(self, case_id: str) -> CaseRecords:
        """The case's consent and override history, newest first: the chair's alone."""
        return self._builder().records(self._case(case_id), Audience.chair())

    def explain(
        self, case_id: str, entry_id: str, audience: Audience, *, on: date | None = None
    ) -> Decision | None:
        """Why one entry (an item, action, person or the header) is shown to `audience` or
        withheld from it as of `on` (today when not given); None when the case has no such
        entry."""
        decisions = self._builder().decisions_for(self._case(case_id), audience, [entry_id], on)
        return decisions.get(entry_id)

    def unseen_by(self, case_id: str, agency: str) -> list[Unseen]:
        """What of the case `agency` may not see, by category and count (never a value):
        the chair's view and the agency's, compared."""
        case = self._case(case_id)
        builder = self._builder()
        chair = builder.case_view(case, Audience.chair())
        return unseen_by(chair, builder.case_view(case, Audience.of([agency])), builder.protocol)

    def new_entry_id(self, case_id: str, prefix: str) -> str:
        """An id no item or action of the case uses yet: prefix01, prefix02, …"""
        return free_id(self._case(case_id), prefix)

    # -- what an entry not yet recorded would do -----------------------------------------

    def access_if_recorded(self, case_id: str, item: Item) -> Access:
        """Who would see `item` if it were added to the case, and why the others would not:
        decided as the chair's view will decide it once it is recorded."""
        case = self._case(case_id)
        with_item = dataclasses.replace(case, items=(*case.items, item))
        return self._builder().access_for_chair(item, with_item)

    def mentions_if_recorded(self, case_id: str, entry: Item | Action) -> list[Mention]:
        """What `entry`'s text would mention, were it recorded (added, or replacing the
        action with its id), that an agency which would read it may not see: the free-text
        check of views/mentions.py, for each agency of the protocol, as of today. For the
        chair's dialogs, which warn before they record."""
        case = self._case(case_id)
        if isinstance(entry, Item):
            case = dataclasses.replace(case, items=(*case.items, entry))
        else:
            others = tuple(a for a in case.actions if a.id != entry.id)
            case = dataclasses.replace(case, actions=(*others, entry))
        builder = self._builder()
        texts = CaseTexts(case, case_entries(case, builder.protocol))
        return [
            mention
            for agency in builder.protocol.agencies
            for mention in case_mentions(
                builder.rule, texts, Audience.of([agency.id]), None, only={entry.id}
            )
        ]

    def mentions_if_changed(
        self, case_id: str, action_id: str, field: ActionField, value: object
    ) -> list[Mention]:
        """What an agreed action would mention, were one field changed as the console's
        table is asked to (its words, or its agency: a new reader), that an agency which
        would read it may not see; nothing when the change changes nothing."""
        action = next((a for a in self._case(case_id).actions if a.id == action_id), None)
        if action is None:
            return []
        changed = changed_action(action, field, value)
        return [] if changed == action else self.mentions_if_recorded(case_id, changed)

    def override_effect(self, case_id: str, override: Override) -> list[Newly]:
        """Every entry of the case withheld from an agency now and visible to it with
        `override` recorded (described by category and source, never by its text)."""
        return override_effect(self._builder(), self._case(case_id), override)

    def consent_effect(self, case_id: str, consent: Consent) -> ConsentEffect:
        """What would become visible to which agencies, and hidden from which, with
        `consent` recorded (entries described by category and source, never by text)."""
        return consent_effect(self._builder(), self._case(case_id), consent)

    def override_bases(self) -> list[LawfulBasis]:
        """The lawful bases an override may rest on (all of the protocol's but consent)."""
        return RecordRules(self._file.protocol).override_bases()
