"""A near match put to the chair: perhaps the new referral's victim was referred before.

The chair sees the earlier case's reference, its referral date, its victim and why it is
near (the same name without the same date of birth, or the same date of birth and a name a
letter or two apart), and answers: the same person, not the same person, or later. The
answer is recorded through the session; nothing is ever merged. Only the chair's console
opens this dialog: the names shown are the chair's to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mara_desktop.domain import Audience, PersonRole, when_text
from mara_desktop.domain.repeats import name_key
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import heading, note
from mara_desktop.ui.text import plain_label

TITLE = "Perhaps the same victim — MARA Desktop"


def victim_line(session: Session, case_id: str) -> tuple[str, str, date | None]:
    """The case's reference and referral date in words, its victim's name and birth date."""
    view = session.case_view(case_id, Audience.chair())
    header = view.header
    referred = f"referred on {when_text(header.referral_date)}" if header else ""
    victim = next((p for p in view.people if p.role is PersonRole.VICTIM), None)
    name = victim.name or "" if victim else ""
    born = victim.born if victim else None
    reference = header.reference if header else view.title
    return f"{reference}, {referred}", name, born


class NearMatchDialog(QDialog):
    def __init__(
        self, session: Session, case_id: str, other: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.case_id, self.other = session, case_id, other
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(560)
        _, new_name, new_born = victim_line(session, case_id)
        earlier_case, earlier_name, earlier_born = victim_line(session, other)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Is this the same victim?"))
        layout.addWidget(
            plain_label(
                f"New referral: {new_name}, {born_text(new_born)}.\n"
                f"Earlier case {earlier_case}: {earlier_name}, {born_text(earlier_born)}.\n"
                f"Why it is near: {why_near(new_name, new_born, earlier_name, earlier_born)}",
                "The near match",
            )
        )
        layout.addWidget(
            note(
                "If it is the same person, an earlier referral in the 12 months before makes "
                "this one a repeat. Nothing is merged either way; your answer is recorded.",
                "What the answer does",
            )
        )
        row = QHBoxLayout()
        row.addStretch()
        self.later = QPushButton("Decide later")
        self.later.clicked.connect(self.reject)
        self.different = QPushButton("Not the same person")
        self.different.clicked.connect(lambda: self._answer(confirmed=False))
        self.same = QPushButton("The same person")
        self.same.clicked.connect(lambda: self._answer(confirmed=True))
        for button in (self.later, self.different, self.same):
            button.setAutoDefault(False)
            row.addWidget(button)
        layout.addLayout(row)

    def _answer(self, *, confirmed: bool) -> None:
        self.session.decide_near_match(self.case_id, self.other, confirmed=confirmed)
        self.accept()


def born_text(born: date | None) -> str:
    return f"born {when_text(born)}" if born is not None else "date of birth not recorded"


def why_near(name: str, born: date | None, other_name: str, other_born: date | None) -> str:
    if name_key(name) == name_key(other_name):
        if born is None or other_born is None:
            return "the same name, and a date of birth is not recorded."
        return "the same name, but another date of birth."
    return "the same date of birth, and names a letter or two apart."


def ask_about_near_matches(
    session: Session, case_id: str, near: Sequence[str], parent: QWidget | None
) -> None:
    """Each near match in turn, for the chair to answer (or leave for later)."""
    for other in near:
        NearMatchDialog(session, case_id, other, parent).exec()
