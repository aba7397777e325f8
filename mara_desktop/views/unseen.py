"""What one agency may not see of a case, by kind of information: for the chair, when an
action is given to that agency.

An action often needs information its owner may not see (the fire service asked to fit a
letterbox guard at an address withheld from it). The chair's view and the agency's view of
the case, both built by the one rule, are compared entry by entry; what the chair's holds
and the agency's lacks is counted by category. Only categories and counts leave here,
never a value, so the answer may be shown wherever the chair's dialog is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mara_desktop.protocol.model import Protocol
from mara_desktop.views.model import CaseView


@dataclass(frozen=True)
class Unseen:
    """Entries of one category of a case that an agency may not see."""

    category: str
    """The category's id; empty for names of people no category of the protocol covers."""
    category_name: str
    entries: int
    beyond_override: int
    """How many of them an override cannot share: the agency that supplied them restricted
    them to others, or no category covers them."""


def unseen_by(chair: CaseView, agency_view: CaseView, protocol: Protocol) -> list[Unseen]:
    """The categories of the entries in the chair's view that `agency_view` lacks (the
    header, people's names, items), in the protocol's category order; names no category
    covers come last, by role."""
    audience = agency_view.audience.agencies
    missing: Counter[tuple[str, str]] = Counter()
    beyond: Counter[tuple[str, str]] = Counter()
    if chair.header is not None and agency_view.header is None:
        missing[_kind(protocol, protocol.header_category)] += 1
    named = {p.id for p in agency_view.people if p.name is not None}
    for person in chair.people:
        if person.name is None or person.id in named:
            continue
        category = protocol.identity_category(person.role.subject)
        kind = _kind(protocol, category) if category else ("", f"{person.role.label}'s name")
        missing[kind] += 1
        if not category:
            beyond[kind] += 1
    seen = {i.id for i in agency_view.items}
    for item in chair.items:
        if item.id not in seen:
            kind = _kind(protocol, item.category)
            missing[kind] += 1
            if item.restricted_to and not audience <= set(item.restricted_to):
                beyond[kind] += 1
    order = {c.id: n for n, c in enumerate(protocol.categories)}
    kinds = sorted(missing, key=lambda kind: (order.get(kind[0], len(order)), kind[1]))
    return [Unseen(c, name, missing[c, name], beyond[c, name]) for c, name in kinds]


def _kind(protocol: Protocol, category: str) -> tuple[str, str]:
    return category, protocol.category_name(category)
