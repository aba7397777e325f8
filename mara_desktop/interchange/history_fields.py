"""A case's corrections in an interchange document: the optional case field `history`.

Each entry is one earlier record of a person or an entry (domain/correction.py), as it was
before the chair corrected it, with the reason, when and by whom: an export carries the
case file's history so that nothing is lost, and an import keeps it as history again.

    "history": [{"of": "item", "id": "i03", "record": {...the item as it was...},
                 "reason": "...", "replaced_at": "2026-11-26T10:15:00Z",
                 "replaced_by": "..."}]

A record is kept as written (it may name a category the protocol has since dropped): it
is checked for its fields' names and for the characters no text may hold, never judged
by today's rules.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any

from mara_desktop.domain import moment_text
from mara_desktop.domain.correction import Corrected, Correction
from mara_desktop.domain.text_rules import IDENTIFIER, LONG_TEXT, SHORT_TEXT
from mara_desktop.interchange.checker import Checker

HISTORY_FIELDS = ("of", "id", "record", "reason", "replaced_at", "replaced_by")


def history_entries(corrections: Iterable[Correction]) -> list[dict[str, Any]]:
    """The corrections as the document writes them, oldest first."""
    return [
        {
            "of": c.of.value,
            "id": c.id,
            "record": json.loads(c.record),
            "reason": c.reason,
            "replaced_at": moment_text(c.replaced_at),
            "replaced_by": c.replaced_by,
        }
        for c in corrections
    ]


def read_history(
    check: Checker,
    obj: dict[str, Any],
    path: str,
    fields: dict[Corrected, Collection[str]],
    ids: dict[Corrected, Collection[str]],
) -> tuple[Correction, ...]:
    """The case's `history`: `fields` are the names a record of each kind may use, `ids`
    the case's people and entries, one of which each correction must name."""
    found = []
    for index, raw in enumerate(check.items(obj, "history", path)):
        where = f"{path}.history[{index}]"
        entry = check.table(raw, where, HISTORY_FIELDS)
        if entry is None:
            continue
        of = check.choice(entry, "of", where, Corrected)
        target = check.text(entry, "id", where, IDENTIFIER)
        reason = check.text(entry, "reason", where, LONG_TEXT, required=False)
        at = check.moment(entry, "replaced_at", where)
        by = check.text(entry, "replaced_by", where, SHORT_TEXT)
        record = _record(check, entry, where, fields[of] if of is not None else ())
        if of is not None and target is not None and target not in ids[of]:
            check.problem(f"{where}.id", f"names no {of.value} of this case")
            continue
        if of is None or target is None or at is None or by is None or record is None:
            continue
        text = json.dumps(record, ensure_ascii=False)
        found.append(Correction(of, target, text, reason or "", at, by))
    return tuple(found)


def _record(
    check: Checker, entry: dict[str, Any], where: str, fields: Collection[str]
) -> dict[str, Any] | None:
    raw = entry.get("record")
    if raw is None:
        check.problem(where, 'the field "record" is missing')
        return None
    record = check.table(raw, f"{where}.record", fields)
    if record is None:
        return None
    for key, value in record.items():
        if isinstance(value, str):
            check.text(record, key, f"{where}.record", LONG_TEXT, required=False)
    return record
