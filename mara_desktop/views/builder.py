"""Building an audience's view of a case or a conference: the one door to case data.

Every entry of a case (header, each person's identity, each item, each action) is put to
the disclosure rule; what the audience may not see is left out before any value is copied
into a view. People appear only if their name or something about them is shown, numbered
among what is shown, so a view does not even reveal how many children were withheld.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from mara_desktop.domain import (
    OBSERVER,
    Action,
    ActionStatus,
    Audience,
    Case,
    Conference,
    Item,
    Override,
    Person,
    PersonRole,
    Subject,
    instant,
)
from mara_desktop.domain.action_reference import action_reference
from mara_desktop.domain.conference import children_first
from mara_desktop.domain.correction import Corrected
from mara_desktop.domain.criteria import derived_criteria
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.risk_tool import protocol_thresholds
from mara_desktop.protocol.rule import Decision, Disclosable, DisclosureRule
from mara_desktop.views.model import (
    Access,
    ActionView,
    CaseHeader,
    CaseRecords,
    CaseView,
    ConferenceView,
    ItemView,
    PersonView,
)

HEADER_ID = "#header"
"""The synthetic item id of a case's header (reference, route, risk score)."""
REMEMBERED_ACCESSES = 10_000
"""How many "who may see it" answers a builder keeps for the chair; past this it starts
afresh."""


def identity_item(person: Person, case: Case, protocol: Protocol) -> Item:
    """A person's name and date of birth, as the rule sees them: an item of the protocol's
    identity category for the person's subject, supplied by whoever supplied the identity.
    With no identity category for that subject, the category is empty and no rule grants it."""
    subject = person.role.subject
    return Item(
        id=person.id,
        category=protocol.identity_category(subject) or "",
        source=person.source or case.referral.agency,
        subject=subject,
        text=person.name,
        person=person.id,
    )


def header_item(case: Case, protocol: Protocol) -> Item:
    return Item(
        id=HEADER_ID,
        category=protocol.header_category,
        source=case.referral.agency,
        subject=Subject.CASE,
        text=case.reference,
    )


def case_entries(case: Case, protocol: Protocol) -> dict[str, Disclosable]:
    """Everything of a case the rule decides on, by id, in case order: the header, each
    person's identity, the items, the actions."""
    entries: dict[str, Disclosable] = {HEADER_ID: header_item(case, protocol)}
    entries.update({p.id: identity_item(p, case, protocol) for p in case.people})
    entries.update({i.id: i for i in case.items})
    entries.update({a.id: a for a in case.actions})
    return entries


class _Disclosing:
    """One case put to the rule for one audience as of one date; remembers whether anything
    was held back."""

    def __init__(
        self, builder: ViewBuilder, case: Case, audience: Audience, on: date | None
    ) -> None:
        self.builder, self.case, self.audience, self.on = builder, case, audience, on
        self.members = tuple(sorted(audience.agencies))
        self.held_back = False

    def accesses(self, things: list[Disclosable]) -> list[Access | None]:
        """For each of `things`: None when withheld; for the chair, who may see it;
        otherwise why it is shown."""
        if self.audience.is_chair:
            return list(self.builder.accesses_for_chair(things, self.case, self.on))
        return [self._access(thing) for thing in things]

    def _access(self, thing: Disclosable) -> Access | None:
        decision = self.builder.rule.decide(thing, self.audience, self.case, self.on)
        if not decision.visible:
            self.held_back = True
            return None
        return Access(self.members, (), decision)


class ViewBuilder:
    def __init__(self, protocol: Protocol, reference_key: bytes | None = None) -> None:
        """`reference_key` is the case file's key of action references; without it (a
        protocol's own checks, some tests) actions carry no reference."""
        self.protocol = protocol
        self.reference_key = reference_key
        self.rule = DisclosureRule(protocol)
        self.thresholds = protocol_thresholds(protocol)
        self._everyone = (*(a.id for a in protocol.agencies), OBSERVER)
        self._chair_accesses: dict[int, tuple[tuple[Decision, ...], Access]] = {}
        """Who may see an entry, by the tuple of decisions it was made from: the rule gives
        one tuple to every entry, in every case, decided alike."""

    def case_view(
        self, case: Case, audience: Audience, *, number: int = 0, on: date | None = None
    ) -> CaseView:
        """`on` is the date decided as of (an override applies up to its last day) and
        against which open actions are overdue: a meeting's and its minutes' the conference
        date. Without it, decisions are made as of today and no action is marked overdue."""
        disclosing = _Disclosing(self, case, audience, on)
        identities = [identity_item(person, case, self.protocol) for person in case.people]
        given = iter(
            disclosing.accesses(
                [header_item(case, self.protocol), *identities, *case.items, *case.actions]
            )
        )
        header = None
        header_access = next(given)
        if header_access is not None:
            header = self.header(case, header_access, chair=audience.is_chair)
        identity_accesses = [next(given) for _ in identities]
        items = []
        corrected = _corrected_items(case) if audience.is_chair else {}
        for item in case.items:
            access = next(given)
            if access is not None:
                items.append(self.item_view(item, access, corrected.get(item.id)))
        actions = []
        for action in case.actions:
            access = next(given)
            if access is not None:
                actions.append(self.action_view(case, action, access, on))
        people = people_shown(case.people, identity_accesses, {i.person for i in items})
        return CaseView(
            case.id,
            audience,
            number,
            header,
            tuple(people),
            tuple(items),
            tuple(actions),
            disclosing.held_back,
            self._overrides(case, audience),
        )

    def actions_view(
        self, case: Case, audience: Audience, on: date | None = None
    ) -> tuple[str | None, list[ActionView]]:
        """The case's reference (None when `audience` may not see the case's header) and
        the actions it may see: what an action log prints of a case. The rule decides each
        entry on its own, so asking it of these entries alone gives what `case_view` gives
        (a property test compares the two), without the people and the criteria a log
        never prints: building them was half the time of a 20,000-case log."""
        header, *accesses = _Disclosing(self, case, audience, on).accesses(
            [header_item(case, self.protocol), *case.actions]
        )
        actions = [
            self.action_view(case, action, access, on)
            for action, access in zip(case.actions, accesses, strict=True)
            if access is not None
        ]
        return (case.reference if header is not None else None), actions

    def header(self, case: Case, access: Access | None, *, chair: bool) -> CaseHeader:
        """The case's header, for an audience that may see it, given why (`access`): the
        same for every agency but for that; the area a transferred case went to is the
        chair's alone."""
        derived = derived_criteria(case, self.thresholds)
        return CaseHeader(
            case.reference,
            case.referral.criterion,
            case.referral.dash_score,
            case.referral.date,
            case.referral.agency,
            case.children_involved,
            derived.dash_ticks,
            derived.criteria,
            derived.repeat_of,
            case.referral.victim_aware,
            case.referral.victim_consents_to_referral,
            access,
            case.status,
            case.closed_on,
            case.transferred_to if chair else "",
        )

    @staticmethod
    def _overrides(case: Case, audience: Audience) -> tuple[Override, ...]:
        if not audience.is_chair:
            return ()
        return tuple(sorted(case.overrides, key=lambda o: instant(o.decided_at)))

    @staticmethod
    def records(case: Case, audience: Audience) -> CaseRecords:
        if not audience.is_chair:
            return CaseRecords()
        return CaseRecords(
            tuple(sorted(case.consents, key=lambda c: instant(c.recorded_at), reverse=True)),
            tuple(sorted(case.overrides, key=lambda o: instant(o.decided_at), reverse=True)),
            case.status,
            case.closed_on,
            case.closed_reason,
        )

    def access_for_chair(self, thing: Disclosable, case: Case, on: date | None = None) -> Access:
        """Who may see `thing` as of `on` (today when not given), and why the others not."""
        return self.accesses_for_chair([thing], case, on)[0]

    def accesses_for_chair(
        self, things: list[Disclosable], case: Case, on: date | None = None
    ) -> list[Access]:
        """`access_for_chair` of each of `things` (entries of `case`), decided in one pass
        (`DisclosureRule.decide_for_each`: the same decisions). The chair's page and the
        chair's log ask this of every entry of every case: one decision per agency each
        made 1.4 million decisions of a 20,000-case log. Who may see it is worked out once
        per tuple of decisions, and kept for later cases: the rule gives one tuple to every
        entry decided alike (a quarter of a 20,000-case log's views)."""
        made = self._chair_accesses
        accesses = []
        for decisions in self.rule.decide_for_each(things, self._everyone, case, on):
            known = made.get(id(decisions))
            if known is None:
                if len(made) >= REMEMBERED_ACCESSES:
                    made.clear()
                access = Access(
                    tuple(d.agency for d in decisions if d.visible and d.agency),
                    tuple(d for d in decisions if not d.visible),
                )
                # Kept with its decisions, so that their id is not reused meanwhile.
                known = made[id(decisions)] = (decisions, access)
            accesses.append(known[1])
        return accesses

    def item_view(
        self, item: Item, access: Access | None, corrected_at: datetime | None = None
    ) -> ItemView:
        p = self.protocol
        return ItemView(
            item.id,
            item.category,
            p.category_name(item.category),
            item.source,
            p.agency_name(item.source),
            item.subject,
            item.text,
            item.person,
            item.recorded_at,
            item.restricted_to,
            access,
            corrected_at,
        )

    def action_view(
        self, case: Case, action: Action, access: Access | None, on: date | None
    ) -> ActionView:
        overdue = bool(on and action.due and action.due < on and action.status is ActionStatus.OPEN)
        reference = (
            ""
            if self.reference_key is None
            else action_reference(self.reference_key, case.id, action.id)
        )
        return ActionView(
            action.id,
            action.owner,
            self.protocol.agency_name(action.owner),
            action.owner_name,
            action.text,
            action.due,
            action.status,
            action.conference,
            overdue,
            access,
            reference,
        )

    def decisions_for(
        self, case: Case, audience: Audience, ids: Iterable[str], on: date | None = None
    ) -> dict[str, Decision]:
        """The decision behind each named entry (items, actions, people, the header), as of
        `on` (today when not given)."""
        entries = case_entries(case, self.protocol)
        return {i: self.rule.decide(entries[i], audience, case, on) for i in ids if i in entries}


def people_shown(
    people: Iterable[Person], accesses: Iterable[Access | None], about: set[str | None]
) -> list[PersonView]:
    """The people named (their access not None) or about whom something is shown, numbered
    by role among those shown: what `_people` gives, once each identity is decided."""
    shown = [
        (person, access)
        for person, access in zip(people, accesses, strict=True)
        if access is not None or person.id in about
    ]
    totals = Counter(person.role for person, _ in shown)
    counts: Counter[PersonRole] = Counter()
    result = []
    for person, access in shown:
        counts[person.role] += 1
        label = person.role.label
        if totals[person.role] > 1:
            label = f"{label} {counts[person.role]}"
        named = access is not None
        result.append(
            PersonView(
                person.id,
                person.role,
                label,
                person.name if named else None,
                person.born if named else None,
                access,
                person.school if named else None,
            )
        )
    return result


def _corrected_items(case: Case) -> dict[str, datetime]:
    """When each corrected entry was last corrected: the chair's console marks it."""
    return {
        c.id: c.replaced_at
        for c in sorted(case.corrections, key=lambda c: instant(c.replaced_at))
        if c.of is Corrected.ITEM
    }


def hearing_order(conference: Conference, cases: Mapping[str, Case]) -> list[Case]:
    """The agenda's cases, children's cases first (DOMAIN.md, The meeting), otherwise as
    the chair ordered them. Ids not in `cases` are skipped."""
    agenda = [cases[case_id] for case_id in conference.agenda if case_id in cases]
    return children_first(agenda, lambda case: case.children_involved)


def conference_view(
    builder: ViewBuilder, conference: Conference, cases: Mapping[str, Case], audience: Audience
) -> ConferenceView:
    views = tuple(
        builder.case_view(case, audience, number=n, on=conference.date)
        for n, case in enumerate(hearing_order(conference, cases), start=1)
    )
    return view_of_conference(conference, builder.protocol, audience, views)


def view_of_conference(
    conference: Conference, protocol: Protocol, audience: Audience, views: tuple[CaseView, ...]
) -> ConferenceView:
    """The conference as `audience` sees it, its cases' views already built."""
    return ConferenceView(
        conference.id,
        conference.title,
        conference.date,
        conference.venue,
        conference.chair,
        conference.attendance,
        audience,
        views,
        protocol.marking,
        protocol.name,
        protocol.version,
        protocol.sha256,
        conference.sections,
    )
