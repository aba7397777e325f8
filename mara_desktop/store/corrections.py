"""Correcting an entry (an item) of a case: the data protection duty of accuracy.

A correction is a new record that annotates the old one: the entry as it was goes into
`item_history` (history: never changed or deleted) with the reason, when and by whom; the
item row takes the corrected values, so every view, screen and copy of the minutes, which
read only the row, shows the corrected entry, decided under its corrected category. Who
supplied the entry, whom its source restricted it to and when it was recorded stay as
they were: they say where the information came from, which a correction does not change.

The audit record names the case, the entry and the fields changed, never a value.
"""

from __future__ import annotations

import dataclasses

from mara_desktop.domain import Item
from mara_desktop.domain.correction import Corrected, replaced_now
from mara_desktop.interchange.writer import item_record
from mara_desktop.protocol.records import RecordRules
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import EditError, _refuse

ITEM_CORRECTED = "item-corrected"

CORRECTABLE = ("text", "category", "subject", "person")
"""What a correction of an entry may change."""


def correct_item(case_file: CaseFile, case_id: str, corrected: Item, reason: str) -> None:
    """Replace the text, category, subject and person of the entry `corrected.id` by those
    of `corrected`, keeping the entry as it was. The reason is required: the history must
    say why the file changed. Refused, nothing written, when nothing would change."""
    case = case_file.case(case_id)
    if case is None:
        raise EditError(f'There is no case "{case_id}" in this case file.')
    earlier = next((i for i in case.items if i.id == corrected.id), None)
    if earlier is None:
        raise EditError(f'Case "{case_id}" has no entry "{corrected.id}".', field="id")
    if not reason.strip():
        raise EditError("Reason: say why the entry is corrected.", field="reason")
    item = dataclasses.replace(earlier, **{name: getattr(corrected, name) for name in CORRECTABLE})
    people = {person.id: person.role for person in case.people}
    _refuse(RecordRules(case_file.protocol).of_item(item, people))
    before, after = item_record(earlier), item_record(item)
    changed = [name for name in CORRECTABLE if before[name] != after[name]]
    if not changed:
        raise EditError(
            "The entry is as it was: change its text, category, subject or person.",
            field="text",
        )
    history = replaced_now(Corrected.ITEM, item.id, before, reason, case_file.actor)
    items = tuple(item if i.id == item.id else i for i in case.items)
    with case_file.transaction() as conn:
        repository.add_corrections(conn, case.id, [history])
        repository.write_case(conn, dataclasses.replace(case, items=items), 0, replace=True)
        audit.append(
            conn,
            case_file.actor,
            ITEM_CORRECTED,
            {"case": case.id, "item": item.id, "fields": changed},
        )
