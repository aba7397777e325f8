"""A correction: a person's or an entry's record as it was before the chair corrected it.

Accuracy is a data protection duty: a wrong name, date or entry is corrected in the file,
and the corrected value is what every view, screen and copy of the minutes shows. The
earlier value is not lost: it is kept as history (the case file's `person_history` and
`item_history`, never changed or deleted), for the chair alone to read, with why, by whom
and when it was replaced.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Corrected(StrEnum):
    """What a correction replaced."""

    PERSON = "person"
    ITEM = "item"


@dataclass(frozen=True)
class Correction:
    """One earlier record. `record` is the JSON text of the record as the interchange
    writes it (a person or an item): a record is data kept as it was, never read by a
    view. `reason` is empty for a person's correction made before reasons were asked."""

    of: Corrected
    id: str
    record: str
    reason: str
    replaced_at: datetime
    replaced_by: str


def replaced_now(
    of: Corrected, target: str, record: Mapping[str, Any], reason: str, by: str
) -> Correction:
    """`record`, the interchange form of the person or entry `target`, as replaced now."""
    text = json.dumps(record, ensure_ascii=False)
    return Correction(of, target, text, reason.strip(), datetime.now(UTC), by)
