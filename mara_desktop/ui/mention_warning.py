"""A warning before recording text that mentions what some of its readers may not see.

The free-text check (views/mentions.py) is run on the text about to be recorded, for every
agency that would read it. When it mentions a person or a value withheld from one of them,
the dialog says so, naming the agencies, and records nothing; the chair rewords the text,
or presses the button again, now "Record as written", to record it as it stands. That
decision is audited with ids only (case, entry, agencies, decision).
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from mara_desktop.domain import Action, Item
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import StatusLine
from mara_desktop.views.mentions import Mention

AS_WRITTEN = "Record as written"


def warning_text(mentions: list[Mention], session: Session) -> str:
    """The sentence the chair reads: what is mentioned, and which agencies may not see it."""
    protocol = session.protocol
    mentioned = list(dict.fromkeys(f'"{m}"' for each in mentions for m in each.mentioned))
    agencies = sorted({a for each in mentions for a in each.audience})
    names = ", ".join(protocol.agency_name(a) for a in agencies)
    return (
        f"This text mentions {', '.join(mentioned)}, which {names} may not see, but "
        f"{'it' if len(agencies) == 1 else 'they'} would read this text. Reword it, or press "
        f'"{AS_WRITTEN}" to record it as it stands (your decision is audited).'
    )


class MentionGuard:
    """Asks once per wording: the same text, recorded again, is recorded as written."""

    def __init__(
        self, session: Session, case_id: str, problem: StatusLine, button: QPushButton
    ) -> None:
        self._session, self._case_id = session, case_id
        self._problem, self._button = problem, button
        self._label = button.text()
        self._warned: str | None = None
        self._mentions: list[Mention] = []

    def may_record(self, entry: Item | Action) -> bool:
        """False (and the warning shown) the first time a wording mentions something
        withheld from a reader; True when it mentions nothing, or once the chair has seen
        the warning for this very wording."""
        self._mentions = self._session.mentions_if_recorded(self._case_id, entry)
        if not self._mentions or entry.text == self._warned:
            return True
        self._warned = entry.text
        self._problem.problem(warning_text(self._mentions, self._session))
        self._button.setText(AS_WRITTEN)
        return False

    def text_changed(self) -> None:
        """A new wording is checked afresh."""
        if self._warned is not None:
            self._warned = None
            self._button.setText(self._label)
            self._problem.clear()

    def recorded(self, entry: Item | Action) -> None:
        """Audit that the entry was recorded as written despite its mentions."""
        record_kept(self._session, self._case_id, entry.id, self._mentions)


def record_kept(session: Session, case_id: str, entry_id: str, mentions: list[Mention]) -> None:
    """Audit (ids only) that an entry was recorded as written despite its `mentions`."""
    if not mentions:
        return
    session.record(
        "mention-kept",
        {
            "case": case_id,
            "entry": entry_id,
            "withheld": sorted({m.withheld_id for m in mentions}),
            "agencies": sorted({a for m in mentions for a in m.audience}),
            "decision": "recorded as written",
        },
    )
