"""Why an entry is held back from one person's subject access request.

The reasons a chair may give are one table (`REASONS`): the dialog offers them, the store
checks a record against them, the release prints their words. A record names a reason by
its id; "other" carries the chair's own words. Records are history (`sar_withholding`):
the latest for an entry speaks, and a record with no reason releases the entry again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_NOTE = 500
"""The chair's own words for "other": a reason, not a report."""


@dataclass(frozen=True)
class WithholdingReason:
    id: str
    label: str
    typed: bool = False
    """The chair types the reason in words of their own."""


REASONS = (
    WithholdingReason("serious-harm", "Risk of serious harm to the victim or another person"),
    WithholdingReason("investigation", "Police investigation or prosecution"),
    WithholdingReason("third-party", "Third-party information"),
    WithholdingReason("legal-privilege", "Legal professional privilege"),
    WithholdingReason("other", "Other", typed=True),
)


def reason(reason_id: str) -> WithholdingReason | None:
    return next((r for r in REASONS if r.id == reason_id), None)


@dataclass(frozen=True)
class Withholding:
    """The chair's decision to hold one entry back from one person's request."""

    entry: str
    reason: str
    """A reason id of `REASONS`."""
    note: str
    """The chair's words, for a typed reason ("" otherwise)."""
    recorded_at: datetime
    recorded_by: str

    @property
    def text(self) -> str:
        """The reason as the reviewer reads it: its label, or "Other: <the chair's words>"."""
        found = reason(self.reason)
        label = found.label if found else self.reason
        return f"{label}: {self.note}" if self.note else label


def stored_reason(reason_id: str | None, note: str = "") -> str:
    """The `reason` column's text: a reason id, "other: words" for a typed one, "" for none
    (the entry is released again). Raises ValueError with a sentence for the chair."""
    if reason_id is None:
        return ""
    found = reason(reason_id)
    if found is None:
        known = ", ".join(r.id for r in REASONS)
        raise ValueError(f'"{reason_id}" is not a reason to withhold; use one of: {known}.')
    words = " ".join(note.split())
    if not found.typed:
        return found.id
    if not words:
        raise ValueError(f'"{found.label}" needs the reason in your own words.')
    if len(words) > MAX_NOTE:
        raise ValueError(f"The reason is too long: keep it under {MAX_NOTE} characters.")
    return f"{found.id}: {words}"


def read_reason(text: str) -> tuple[str, str] | None:
    """A `reason` column's (id, note), or None when the record releases the entry."""
    if not text:
        return None
    reason_id, _, note = text.partition(": ")
    return reason_id, note
