"""What the session takes to prepare a meeting: a new conference and its agenda.

The coordinator's work before the meeting, done in the app (the console's New conference
and Agenda dialogs, and the `conference new` and `agenda` commands) rather than typed as
JSON. The store checks, writes and audits each change (store/agenda_editing.py); a refusal
is an `EditError` with one sentence and nothing written.
"""

from __future__ import annotations

from datetime import date

from mara_desktop.domain import MinutesSections
from mara_desktop.store import agenda_editing
from mara_desktop.store.agenda_editing import Candidate

__all__ = ["AgendaEdits", "Candidate"]
from mara_desktop.store.casefile import CaseFile


class AgendaEdits:
    """The meeting-preparing changes of a `Session` (session.py)."""

    _file: CaseFile

    def new_conference(
        self,
        on: date,
        venue: str,
        chair: str,
        title: str | None = None,
        sections: MinutesSections | None = None,
    ) -> str:
        """A conference on `on` with an empty agenda; its new id. Without a title it takes
        the latest conference's; without `sections`, none is recorded yet."""
        return agenda_editing.create_conference(self._file, on, venue, chair, title, sections).id

    def change_conference(
        self,
        conference_id: str,
        on: date,
        venue: str,
        chair: str,
        sections: MinutesSections | None = None,
    ) -> None:
        """Correct the date, venue and chair, and the minutes' own sections (None: as they
        are), until minutes of the meeting are exported."""
        agenda_editing.change_conference(self._file, conference_id, on, venue, chair, sections)

    def minutes_sent(self, conference_id: str) -> bool:
        """Whether minutes of the conference have been exported (its details are then fixed)."""
        return agenda_editing.minutes_sent(self._file, conference_id)

    def add_to_agenda(self, conference_id: str, case_id: str) -> None:
        """Children's cases go after the last children's case, others last."""
        agenda_editing.add_to_agenda(self._file, conference_id, case_id)

    def remove_from_agenda(self, conference_id: str, case_id: str) -> None:
        """Refused once actions were agreed on the case at this conference."""
        agenda_editing.remove_from_agenda(self._file, conference_id, case_id)

    def move_on_agenda(self, conference_id: str, case_id: str, step: int) -> None:
        """One place up (-1) or down (+1) among the cases of its kind."""
        agenda_editing.move_on_agenda(self._file, conference_id, case_id, step)

    def agenda_candidates(self, conference_id: str) -> list[Candidate]:
        """The cases that could join the agenda, those due for review (12 months or more
        since their last hearing) first, each marked."""
        return agenda_editing.candidates(self._file, conference_id)

    def due_for_review(self, conference_id: str) -> list[Candidate]:
        return [c for c in self.agenda_candidates(conference_id) if c.due]
