"""The history of a case's corrections, for the chair: every earlier value of a corrected
entry or person, with why, by whom and when it was replaced.

Only the chair's console opens it (History… on the chair's own view of a case, never in a
preview): the earlier values are exactly what must not reach the room, an agency's
screen or its minutes, which show the corrected values alone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import Audience, when_text
from mara_desktop.domain.correction import Corrected
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import Session
from mara_desktop.session.corrections import EarlierRecord
from mara_desktop.ui.dialog_parts import fit_to_screen, heading, note
from mara_desktop.views.model import CaseView

TITLE = "History of corrections — MARA Desktop"
_PERSON_WORDS = (
    ("name", "name"),
    ("born", "born"),
    ("school", "school"),
    ("gender", "gender"),
    ("ethnicity", "ethnicity"),
    ("minority_ethnic", "minority ethnic"),
    ("disability", "disability"),
    ("lgbt", "LGBT+"),
    ("feared", "feared"),
    ("safe_contact", "safe to contact"),
)


def _moment(at: datetime) -> str:
    local = at.astimezone()
    return f"{when_text(local)} at {local:%H:%M}"


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "born":
        return when_text(date.fromisoformat(str(value)))
    return str(value)


def _entry_lines(earlier: EarlierRecord, view: CaseView, protocol: Protocol) -> list[str]:
    record = earlier.record
    people = {p.id: f"{p.label}: {p.name}" for p in view.people}
    about = people.get(str(record.get("person")), str(record.get("subject", "")).title())
    return [
        f"Entry ({protocol.category_name(str(record.get('category')))}, "
        f"from {protocol.agency_name(str(record.get('source')))}), "
        f"corrected on {_moment(earlier.replaced_at)} by {earlier.replaced_by}",
        f"    Why: {earlier.reason or 'not recorded'}",
        f"    It was about: {about}",
        f"    It said: {record.get('text', '')}",
    ]


def _person_lines(earlier: EarlierRecord, view: CaseView) -> list[str]:
    record = earlier.record
    now = next((p for p in view.people if p.id == earlier.id), None)
    who = f"{now.label}: {now.name}" if now is not None else earlier.id
    said = [
        f"{words}: {_value(key, record[key])}"
        for key, words in _PERSON_WORDS
        if record.get(key) is not None
    ]
    return [
        f"{who}, corrected on {_moment(earlier.replaced_at)} by {earlier.replaced_by}",
        f"    Why: {earlier.reason or 'not recorded'}",
        f"    Before: {'; '.join(said)}",
    ]


def history_text(records: list[EarlierRecord], view: CaseView, protocol: Protocol) -> str:
    """Every earlier value, newest first, in plain words."""
    blocks = [
        "\n".join(
            _entry_lines(r, view, protocol) if r.of is Corrected.ITEM else _person_lines(r, view)
        )
        for r in records
    ]
    return "\n\n".join(blocks) or "Nothing in this case has been corrected."


class HistoryDialog(QDialog):
    """Read-only: the case's corrections, newest first."""

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(760)
        view = session.case_view(case_id, Audience.chair())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"History of corrections — {view.title}"))
        layout.addWidget(
            note(
                "What each corrected entry or person said before, why it was corrected, by "
                "whom and when. Only you see this: the room, the agencies and the minutes get "
                "the corrected values alone.",
                "About the history",
            )
        )
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Earlier values")
        self.text.setPlainText(
            history_text(session.corrections_for_chair(case_id), view, session.protocol)
        )
        layout.addWidget(self.text, 1)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(close)
        layout.addLayout(row)
        fit_to_screen(self)
