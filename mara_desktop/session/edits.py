"""What the session takes: every change a chair makes, named by ids.

Each goes through the store's editing services (store/editing.py), which check the record
by the rules the importer applies too (protocol/records.py), write it in one transaction
and audit it with ids and kinds, never values. A refusal is an `EditError` whose sentence
is the rule's, and whose `field` names the part of the record to mend; nothing is written.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import StrEnum

from mara_desktop.domain import Action, ActionStatus, Attendance, Consent, Item, Override
from mara_desktop.store import editing
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import EditError


class ActionField(StrEnum):
    """The parts of an agreed action a chair may change in place."""

    TEXT = "text"
    OWNER = "owner"
    OWNER_NAME = "owner_name"
    DUE = "due"
    STATUS = "status"


def changed_action(action: Action, field: ActionField, value: object) -> Action:
    """The action with one field changed; a value of the wrong kind leaves it as it was
    (a screen hands back what its editor held: a status as its plain string value)."""
    if field is ActionField.STATUS and value in set(ActionStatus):
        return dataclasses.replace(action, status=ActionStatus(str(value)))
    if field is ActionField.DUE and (value is None or isinstance(value, date)):
        return dataclasses.replace(action, due=value)
    if isinstance(value, str):
        if field is ActionField.TEXT:
            return dataclasses.replace(action, text=value)
        if field is ActionField.OWNER:
            return dataclasses.replace(action, owner=value)
        if field is ActionField.OWNER_NAME:
            return dataclasses.replace(action, owner_name=value)
    return action


class Edits:
    """The changes of a `Session` (session.py) to its open case file."""

    _file: CaseFile

    def record_consent(self, case_id: str, consent: Consent) -> None:
        """Add the victim's answer; earlier records are never changed."""
        editing.add_consent(self._file, case_id, consent)

    def record_override(self, case_id: str, override: Override) -> None:
        """Add a decision to share without consent; it is never deleted, and ends only on
        its last day (`until`), if it has one."""
        editing.add_override(self._file, case_id, override)

    def record_item(self, case_id: str, item: Item) -> None:
        """Add what an agency shared at the meeting; it is never edited afterwards."""
        editing.add_item(self._file, case_id, item)

    def save_action(self, case_id: str, action: Action) -> None:
        """Add the action, or replace the one with its id."""
        editing.save_action(self._file, case_id, action)

    def change_action(
        self, case_id: str, action_id: str, field: ActionField, value: object
    ) -> None:
        """Change one field of an agreed action; the rest of it (who proposed it, whom its
        agency restricted it to) stays as recorded."""
        case = self._file.case(case_id)
        action = next((a for a in case.actions if a.id == action_id), None) if case else None
        if action is None:
            raise EditError(f'Case "{case_id}" has no action "{action_id}".')
        editing.save_action(self._file, case_id, changed_action(action, field, value))

    def set_agenda(self, conference_id: str, case_ids: list[str]) -> None:
        """The agenda in the chair's order (children's cases are still heard first)."""
        editing.set_agenda(self._file, conference_id, case_ids)

    def set_attendance(self, conference_id: str, lines: list[Attendance]) -> None:
        """The attendance as corrected at the meeting: the room follows it."""
        editing.set_attendance(self._file, conference_id, lines)

    def set_left(self, conference_id: str, agency: str, left_at: datetime | None) -> None:
        """An agency (or the observers) left the meeting at `left_at`; None: it is back."""
        editing.set_left(self._file, conference_id, agency, left_at)
