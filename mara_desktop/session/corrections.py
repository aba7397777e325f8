"""Corrections through the session: an entry's text, category, subject or person, and the
history of a case's corrected people and entries, for the chair.

The corrected value is what the case file's rows hold, so every view (the chair's, the
room's, each agency's) and every copy of the minutes shows it, decided under the
corrected category. The earlier values are history: the session hands them to the chair's
console only (`corrections_for_chair`), never to a view of an agency or of the room.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mara_desktop.domain import Item
from mara_desktop.domain.correction import Corrected
from mara_desktop.store import corrections
from mara_desktop.store.casefile import CaseFile


@dataclass(frozen=True)
class EarlierRecord:
    """One earlier record of a person or an entry of a case, for the chair's History
    window: `record` holds its fields by their interchange names."""

    of: Corrected
    id: str
    record: dict[str, Any]
    reason: str
    replaced_at: datetime
    replaced_by: str


class Corrections:
    """The corrections of a `Session` (session.py)."""

    _file: CaseFile

    def correct_item(self, case_id: str, corrected: Item, reason: str) -> None:
        """Give the entry `corrected.id` the text, category, subject and person of
        `corrected`; the entry as it was stays in the history with `reason` (required)."""
        corrections.correct_item(self._file, case_id, corrected, reason)

    def corrections_for_chair(self, case_id: str) -> list[EarlierRecord]:
        """Every earlier record of the case's people and entries, newest first: for the
        chair's console only."""
        case = self._file.case(case_id)
        if case is None:
            return []
        return [
            EarlierRecord(c.of, c.id, json.loads(c.record), c.reason, c.replaced_at, c.replaced_by)
            for c in reversed(case.corrections)
        ]
