"""What an override would newly make visible, to whom: shown to the chair before confirming.

An override is the one way a chair widens sharing during a meeting, without the victim's
consent. The chair must see its reach before recording it, computed by the same rule that
will apply afterwards: the case is decided once as it is and once with the override added,
and every entry withheld before and visible after is listed. Entries are described by
category and source only, never by their text, so the preview holds nothing a screen
reader or a screenshot of the dialog would add to what the console already shows.
The same comparison of the case before and after serves the consent preview
(consent_effect.py), where entries may also become hidden.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mara_desktop.domain import Action, Audience, Case, Override
from mara_desktop.protocol.rule import Disclosable
from mara_desktop.views.builder import ViewBuilder, case_entries


@dataclass(frozen=True)
class Newly:
    """One entry of the case that one agency would newly see (or no longer see) with a
    record added."""

    agency: str
    agency_name: str
    item_id: str
    """An item's or action's id, a person's id for their identity, or HEADER_ID."""
    category_name: str
    description: str
    """Short, without the entry's text: "Victim's safe contact details (from IDVA service)"."""


def override_effect(builder: ViewBuilder, case: Case, override: Override) -> list[Newly]:
    """Every entry withheld from an agency now and visible to it with `override` added,
    in protocol agency order, then in case order (header, people, items, actions)."""
    after_case = dataclasses.replace(case, overrides=(*case.overrides, override))
    shown, _ = changes(builder, case, after_case)
    return shown


def changes(builder: ViewBuilder, before: Case, after: Case) -> tuple[list[Newly], list[Newly]]:
    """The entries each agency would newly see, and those it would no longer see, if the
    case `before` became the case `after` (the same entries, another record added), in
    protocol agency order, then in case order."""
    protocol = builder.protocol
    entries = case_entries(before, protocol)
    ids = list(entries)
    shown: list[Newly] = []
    hidden: list[Newly] = []
    for agency in protocol.agencies:
        audience = Audience.of([agency.id])
        now = builder.decisions_for(before, audience, ids)
        then = builder.decisions_for(after, audience, ids)
        for entry_id in ids:
            if now[entry_id].visible != then[entry_id].visible:
                found = shown if then[entry_id].visible else hidden
                found.append(_newly(builder, agency.id, entry_id, entries[entry_id]))
    return shown, hidden


def _newly(builder: ViewBuilder, agency: str, entry_id: str, entry: Disclosable) -> Newly:
    protocol = builder.protocol
    category_name = protocol.category_name(entry.category)
    if isinstance(entry, Action):
        origin = f"action owned by {protocol.agency_name(entry.owner)}"
    else:
        origin = f"from {protocol.agency_name(entry.source)}"
    return Newly(
        agency,
        protocol.agency_name(agency),
        entry_id,
        category_name,
        f"{category_name} ({origin})",
    )
