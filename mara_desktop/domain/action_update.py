"""A progress report on an agreed action, as an agency gave it between meetings.

Reports are history, like consent records: each says what the agency reported (a status,
a note), who reported it and on what day, and when and by whom it was recorded in the case
file. A later report never replaces an earlier one; the action's status is its latest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mara_desktop.domain.enums import ActionStatus


@dataclass(frozen=True)
class ActionUpdate:
    case_id: str
    action_id: str
    status: ActionStatus
    note: str
    updated_by: str
    """The person who reported it ("DS Example, Police")."""
    updated_on: date
    agency: str | None
    """The agency the report came from (its `--agency`), or None when the chair typed it."""
    recorded_at: datetime
    recorded_by: str


STATUS_WORDS = {
    "open": ActionStatus.OPEN,
    "done": ActionStatus.DONE,
    "not-possible": ActionStatus.CHANGE_OF_CIRCUMSTANCE,
    "change-of-circumstance": ActionStatus.CHANGE_OF_CIRCUMSTANCE,
    "not-done": ActionStatus.AGENCY_DID_NOT_ACT,
    "agency-did-not-act": ActionStatus.AGENCY_DID_NOT_ACT,
}
"""The words an update may give for a status (with _ or spaces for -, any case). "Not
possible" (a change of circumstance made the action impossible) and "not done" (the agency
did not act) are kept apart: only the second goes to the steering group."""


def status_from_word(word: str) -> ActionStatus | None:
    """The status a word names, or None."""
    key = "-".join(word.strip().lower().replace("_", " ").replace("-", " ").split())
    return STATUS_WORDS.get(key)
