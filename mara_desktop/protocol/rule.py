"""The one disclosure rule (DESIGN.md, "The disclosure rule (pinned semantics)").

Nothing else in the code decides whether an agency may see an item. Every decision says why,
in a sentence a chair can read and with the record (rule, consent, override, restriction)
that decided it, so the chair can explain it to the room and a data protection officer can
audit it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import cast

from mara_desktop.domain import (
    Action,
    Audience,
    Case,
    Consent,
    Item,
    Override,
    instant,
    when_text,
)
from mara_desktop.protocol.conditions import (
    consent_role_words,
    in_checking_order,
    of_rule,
    reads_the_case,
    what_is_read,
)
from mara_desktop.protocol.model import LawfulBasis, Protocol, Rule

__all__ = ["Decision", "Disclosable", "DisclosureRule", "Step", "when_text"]
"""`when_text` is the date of reasons, which screens print beside them."""

Disclosable = Item | Action

_REMEMBERED_FIXED = 100_000
_REMEMBERED_STATES = 1_000
"""How many decisions, and states of a case as the conditions read it (each with its
decisions), are remembered; past these the memory starts afresh."""


class Step(StrEnum):
    """Which step of the rule decided."""

    CHAIR = "chair"
    SOURCE = "source"
    OWNER = "owner"
    RESTRICTED = "restricted"
    OVERRIDE = "override"
    RULE = "rule"
    CONDITION_FAILED = "condition_failed"
    NOT_GRANTED = "not_granted"
    EMPTY_AUDIENCE = "empty_audience"


@dataclass(frozen=True)
class Decision:
    visible: bool
    reason: str
    step: Step
    agency: str | None = None
    """The agency decided for; for an audience, the first agency that blocks."""
    rule: Rule | None = None
    consent: Consent | None = None
    override: Override | None = None
    lawful_basis: LawfulBasis | None = None


_UNSEEN = object()
"""What `_early` gives for a key it has not seen (None there means "steps 1-3 do not
decide")."""

Memory = dict[tuple[object, ...], "Decision | None"]
"""Decisions remembered by what a step reads; None where steps 1-3 decide nothing."""


_Combined = tuple[tuple["Decision | None", ...], tuple["Decision", ...], tuple["Decision", ...]]
"""Steps 1-3's decisions for each agency, steps 4-6's, and the two combined."""


def _remember(memory: Memory, key: tuple[object, ...], decision: Decision | None) -> None:
    if len(memory) >= _REMEMBERED_FIXED:
        memory.clear()
    memory[key] = decision


class DisclosureRule:
    """The protocol's rule, with the lookups it needs prepared once per protocol."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self._granting: dict[tuple[str, str], tuple[Rule, ...]] = {}
        self._checks = {id(r): in_checking_order(of_rule(r, protocol)) for r in protocol.rules}
        """Each rule's conditions in checking order, by the rule's identity: the rules are the
        protocol's, held as long as this is, and hashing a rule's fields costs more."""
        self._early: Memory = {}
        self._overrides: Memory = {}
        self._fixed: Memory = {}
        self._decided: dict[tuple[object, ...], Memory] = {}
        self._last: tuple[Case | None, Memory] = (None, {})
        self._early_each: dict[tuple[object, ...], tuple[Decision | None, ...]] = {}
        self._later_each: dict[tuple[object, ...], tuple[Decision, ...]] = {}
        self._combined_each: dict[tuple[int, int], _Combined] = {}

    def decide(
        self, thing: Disclosable, audience: Audience, case: Case, on: date | None = None
    ) -> Decision:
        """Visible to the audience only if visible to every agency in it; the reason of a
        withheld decision names the first agency (in id order) that blocks it. Decided as
        of the date `on` (today when not given): an override applies up to its last day."""
        if audience.is_chair:
            return Decision(True, "The chair sees everything.", Step.CHAIR)
        if not audience.agencies:
            return Decision(False, "Nobody is in the audience.", Step.EMPTY_AUDIENCE)
        if len(audience.agencies) == 1:
            (agency,) = audience.agencies
            return self.decide_for(thing, agency, case, on)
        decisions = [
            self.decide_for(thing, agency, case, on) for agency in sorted(audience.agencies)
        ]
        blocked = next((d for d in decisions if not d.visible), None)
        if blocked is not None:
            return blocked
        return Decision(True, " ".join(d.reason for d in decisions), Step.RULE)

    def decide_for(
        self, thing: Disclosable, agency: str, case: Case, on: date | None = None
    ) -> Decision:
        """The six steps of the pinned rule for one agency, in order, as of the date `on`
        (today when not given), each remembered by exactly what it reads.

        Building every view of a meeting takes tens of thousands of decisions, and most are
        the same decision again. Steps 1-3 read only the entry's source, owner and handling
        restriction; step 4 the override covering the pair and in force on the date (looked
        for on every call, so what is remembered of it never stands for another date); steps
        5-6 the category and what the conditions of protocol/conditions.py read of the case
        (only when a condition was looked at). So each is remembered by those alone, never
        by the entry: a new builder works out each combination once, whatever the number of
        entries sharing it.
        """
        early = self._by_source_owner_or_restriction(thing, agency)
        if early is not None:
            return early
        whose = case.consent_person(thing.person) if isinstance(thing, Item) else None
        return self._by_override_or_rules(thing.category, agency, case, whose, on)

    def decide_for_each(
        self,
        things: Sequence[Disclosable],
        agencies: tuple[str, ...],
        case: Case,
        on: date | None = None,
    ) -> list[tuple[Decision, ...]]:
        """For each of `things` (entries of `case`), the decision for each of `agencies`, in
        that order: exactly `decide_for`'s, in one pass over the entries.

        Every agency's view of a meeting puts each entry to the rule once per agency; most
        entries of a case share what the steps read. Steps 1-3 read only the entry's source,
        owner and handling restriction; steps 4-6, for one case and date, only its category
        and whose consent governs it. So each is decided once here for every agency, and the
        tuple of decisions given to every entry that shares it."""
        state = None if case.overrides else what_is_read(case)
        later_of: dict[tuple[str, str | None], tuple[Decision, ...]] = {}
        decided_of: dict[tuple[object, ...], tuple[Decision, ...]] = {}
        result = []
        for thing in things:
            owner = thing.owner if isinstance(thing, Action) else None
            early_key = (thing.source, owner, thing.restricted_to)
            whose = case.consent_person(thing.person) if isinstance(thing, Item) else None
            key = (early_key, thing.category, whose)
            decided = decided_of.get(key)
            if decided is None:
                early = self._early_for_each(thing, owner, agencies)
                later_key = (thing.category, whose)
                later = later_of.get(later_key)
                if later is None:
                    later = later_of[later_key] = self._later_for_each(
                        thing.category, whose, agencies, case, on, state
                    )
                decided = decided_of[key] = self._combined(early, later)
            result.append(decided)
        return result

    def _combined(
        self, early: tuple[Decision | None, ...], later: tuple[Decision, ...]
    ) -> tuple[Decision, ...]:
        """Each agency's decision of steps 1-3, or else of steps 4-6: one tuple for every
        entry, in every case, that has the same two, so that what is made of a tuple (an
        agency's access to it) can be made once."""
        key = (id(early), id(later))
        known = self._combined_each.get(key)
        if known is None:
            decided = tuple(
                last if first is None else first for first, last in zip(early, later, strict=True)
            )
            if len(self._combined_each) >= _REMEMBERED_FIXED:
                self._combined_each.clear()
            # Kept with the two tuples, so that their ids are not reused while it is kept.
            known = self._combined_each[key] = (early, later, decided)
        return known[2]

    def _early_for_each(
        self, thing: Disclosable, owner: str | None, agencies: tuple[str, ...]
    ) -> tuple[Decision | None, ...]:
        """Steps 1-3 for each agency, remembered by what they read (as `_early` is)."""
        key = (agencies, thing.source, owner, thing.restricted_to)
        early = self._early_each.get(key)
        if early is None:
            early = tuple(self._by_source_owner_or_restriction(thing, a) for a in agencies)
            if len(self._early_each) >= _REMEMBERED_STATES:
                self._early_each.clear()
            self._early_each[key] = early
        return early

    def _later_for_each(
        self,
        category: str,
        whose: str | None,
        agencies: tuple[str, ...],
        case: Case,
        on: date | None,
        state: tuple[object, ...] | None,
    ) -> tuple[Decision, ...]:
        """Steps 4-6 for each agency. For a case with no override, step 4 decides nothing
        and steps 5-6 are remembered by what they read of the case (`state`, as the
        per-agency memory is): for every case that reads as this one does."""
        if state is None:
            return tuple(self._by_override_or_rules(category, a, case, whose, on) for a in agencies)
        key = (state, agencies, category, whose)
        later = self._later_each.get(key)
        if later is None:
            later = tuple(self._by_rules_remembered(category, a, case, whose) for a in agencies)
            if len(self._later_each) >= _REMEMBERED_FIXED:
                self._later_each.clear()
            self._later_each[key] = later
        return later

    def _by_override_or_rules(
        self, category: str, agency: str, case: Case, whose: str | None, on: date | None
    ) -> Decision:
        """Steps 4-6, once steps 1-3 decided nothing."""
        override, ended = self._override(case, category, agency, on)
        if override is not None:
            return self._by_override(override, agency)
        decision = self._by_rules_remembered(category, agency, case, whose)
        if ended is not None and not decision.visible:
            return self._after_ended(decision, ended)
        return decision

    def _by_source_owner_or_restriction(self, thing: Disclosable, agency: str) -> Decision | None:
        """Steps 1-3; None when none of them decides."""
        owner = thing.owner if isinstance(thing, Action) else None
        key = (agency, thing.source, owner, thing.restricted_to)
        known = self._early.get(key, _UNSEEN)
        if known is not _UNSEEN:
            return cast("Decision | None", known)
        name = self.protocol.agency_name(agency)
        decision: Decision | None = None
        if thing.source is not None and agency == thing.source:
            decision = Decision(True, f"{name} supplied this.", Step.SOURCE, agency)
        elif owner is not None and agency == owner:
            decision = Decision(True, f"{name} owns this action.", Step.OWNER, agency)
        elif thing.restricted_to and agency not in thing.restricted_to:
            decision = self._restricted(thing, agency)
        _remember(self._early, key, decision)
        return decision

    def _by_override(self, override: Override, agency: str) -> Decision:
        """Step 4 for an override in force on the date decided for, remembered by the
        override (its last day included: the reason prints it; with its offset, which equal
        instants ignore but reasons print) and the agency. The date is not read here: whether
        the override is in force was settled before, for the date asked about."""
        key = (override, override.decided_at.utcoffset(), agency)
        decision = self._overrides.get(key)
        if decision is None:
            decision = self._overridden(override, agency)
            _remember(self._overrides, key, decision)
        return decision

    def _by_rules_remembered(
        self, category: str, agency: str, case: Case, whose: str | None
    ) -> Decision:
        """Steps 5-6, remembered for every case when they were decided without looking at
        what conditions read of the case (for want of any granting rule, or by the first
        granting rule when none of its conditions reads the case), otherwise for cases that
        read, to every condition of the table, as this one does, and for the same person
        whose consent governs the entry (`whose`)."""
        decision = self._fixed.get((category, agency))
        if decision is not None:
            return decision
        key = (category, agency, whose)
        last, decided = self._last
        if case is not last:
            decided = self._decided_in_state(case)
            self._last = (case, decided)
        decision = decided.get(key)
        if decision is None:
            decision = self._by_rules(category, agency, case, whose)
            if self._same_for_every_case(decision, category):
                _remember(self._fixed, (category, agency), decision)
            else:
                _remember(decided, key, decision)
        return decision

    def _same_for_every_case(self, decision: Decision, category: str) -> bool:
        if decision.step is Step.NOT_GRANTED:
            return True
        rule, agency = decision.rule, decision.agency
        return (
            decision.step is Step.RULE
            and rule is not None
            and agency is not None
            and rule is self.granting_rules(category, agency)[0]
            and not reads_the_case(self._checks[id(rule)])
        )

    def _decided_in_state(self, case: Case) -> Memory:
        """The decisions remembered for cases that read, to every condition of the table, as
        this one does (a view asks about one case many times in a row: the last is kept)."""
        state = what_is_read(case)
        decided = self._decided.get(state)
        if decided is None:
            if len(self._decided) >= _REMEMBERED_STATES:
                self._decided.clear()
            decided = self._decided[state] = {}
        return decided

    def _restricted(self, thing: Disclosable, agency: str) -> Decision:
        p = self.protocol
        source = p.agency_name(thing.source) if thing.source else "The supplying agency"
        allowed = ", ".join(p.agency_name(a) for a in thing.restricted_to)
        return Decision(
            False,
            f"Withheld from {p.agency_name(agency)}: {source} restricted this to {allowed}.",
            Step.RESTRICTED,
            agency,
        )

    def _override(
        self, case: Case, category: str, agency: str, on: date | None
    ) -> tuple[Override | None, Override | None]:
        """The latest override covering the pair and in force on `on` (any one suffices, the
        latest explains best); when none is, None and the latest that covered it and ended.
        An override may name the protocol's groups, which mean their members."""
        if not case.overrides:
            return None, None
        groups = self.protocol.group_members
        covering = [o for o in case.overrides if o.covers(agency, category, groups)]
        if not covering:
            return None, None
        day = on if on is not None else date.today()
        in_force = [o for o in covering if o.applies_on(day)]
        if in_force:
            return max(in_force, key=lambda o: instant(o.decided_at)), None
        return None, max(covering, key=lambda o: instant(o.decided_at))

    def _overridden(self, override: Override, agency: str) -> Decision:
        basis = self.protocol.lawful_basis(override.lawful_basis)
        basis_text = basis.text if basis else override.lawful_basis
        until = f", until {when_text(override.until)}" if override.until else ""
        return Decision(
            True,
            f"Shared with {self.protocol.agency_name(agency)} without consent because of "
            f"serious risk: override decided by {override.decided_by} on "
            f"{when_text(override.decided_at)}{until} (lawful basis: {basis_text}).",
            Step.OVERRIDE,
            agency,
            override=override,
            lawful_basis=basis,
        )

    @staticmethod
    def _after_ended(decision: Decision, ended: Override) -> Decision:
        """A withholding that an override once lifted says so, and that it ended."""
        last_day = when_text(ended.until) if ended.until else ""
        return dataclasses.replace(
            decision,
            reason=f"{decision.reason} The override decided by {ended.decided_by} on "
            f"{when_text(ended.decided_at)} shared it until {last_day}; it has ended.",
        )

    def _by_rules(self, category: str, agency: str, case: Case, whose: str | None) -> Decision:
        """Steps 5 and 6: the first granting rule whose conditions all hold, or why not."""
        p = self.protocol
        rules = self.granting_rules(category, agency)
        agency_name, category_name = p.agency_name(agency), p.category_name(category)
        if not rules:
            what = category_name or "it (no category of the protocol covers it)"
            return Decision(
                False,
                f"Withheld from {agency_name}: the protocol does not share "
                f"{what} with {agency_name}.",
                Step.NOT_GRANTED,
                agency,
            )
        first_failure: str | None = None
        for rule in rules:
            failure = self._failed_condition(rule, category, agency, case, whose)
            if failure is None:
                basis = p.lawful_basis(rule.lawful_basis)
                consent = case.latest_consent(whose) if self._needs_consent(rule) else None
                basis_text = f" (lawful basis: {basis.text})" if basis else ""
                consent_text = (
                    f", with the consent of {consent_role_words(case, whose)} given on "
                    f"{when_text(consent.recorded_at)}"
                    if consent
                    else ""
                )
                return Decision(
                    True,
                    f"Shared with {agency_name} by rule {rule.number}"
                    f"{self._through_group(rule, agency)}{basis_text}{consent_text}.",
                    Step.RULE,
                    agency,
                    rule=rule,
                    consent=consent,
                    lawful_basis=basis,
                )
            first_failure = first_failure or (
                f"rule {rule.number} shares {category_name} with {agency_name} {failure}"
            )
        latest = case.latest_consent(whose)
        return Decision(
            False,
            f"Withheld from {agency_name}: {first_failure}.",
            Step.CONDITION_FAILED,
            agency,
            rule=rules[0],
            consent=latest,
        )

    def _through_group(self, rule: Rule, agency: str) -> str:
        """ ", which shares with All health bodies" when the rule names the agency only
        through a group: the chair can then find the line of the protocol that decided."""
        group = self.protocol.through_group(rule.agencies, agency)
        return f", which shares with {group.name}" if group else ""

    def granting_rules(self, category: str, agency: str) -> tuple[Rule, ...]:
        key = (category, agency)
        found = self._granting.get(key)
        if found is None:
            found = tuple(r for r in self.protocol.rules if r.grants(category, agency))
            self._granting[key] = found
        return found

    def _needs_consent(self, rule: Rule) -> bool:
        return any(c.is_consent for c in self._checks[id(rule)])

    def _failed_condition(
        self, rule: Rule, category: str, agency: str, case: Case, whose: str | None
    ) -> str | None:
        """None when every condition holds, else how the rule limits sharing and why that
        limit is not met here (the first condition, in checking order, that fails)."""
        for condition in self._checks[id(rule)]:
            failure = condition.why_not(case, agency, category, self.protocol, whose)
            if failure is not None:
                return failure
        return None
