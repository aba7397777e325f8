"""What an override would newly make visible, to whom: shown to the chair before confirming.

An override is the one way a chair widens sharing during a meeting, without the victim's
consent. The chair must see its reach before recording it, computed by the same rule that
will apply afterwards: the case is decided once as it is and once with the override added,
and every entry withheld before and visible after is listed. Entries are described by
category and source only, never by their text, so the preview holds nothing a screen
reader or a screenshot of the dialog would add to what the console already shows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mara_desktop.domain import Action, Audience, Case, Override
from mara_desktop.protocol.rule import Disclosable
from mara_desktop.views.builder import ViewBuilder, case_entries


@dataclass(frozen=True)
class Newly:
    """One entry of the case that one agency could not see and would see with the override."""

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
    protocol = builder.protocol
    entries = case_entries(case, protocol)
    ids = list(entries)
    after_case = dataclasses.replace(case, overrides=(*case.overrides, override))
    found: list[Newly] = []
    for agency in protocol.agencies:
        audience = Audience.of([agency.id])
        before = builder.decisions_for(case, audience, ids)
        after = builder.decisions_for(after_case, audience, ids)
        for entry_id in ids:
            if after[entry_id].visible and not before[entry_id].visible:
                found.append(_newly(builder, agency.id, entry_id, entries[entry_id]))
    return found


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
