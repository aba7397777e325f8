"""Correcting an entry that was recorded wrong: its text, and if need be its kind, or whom
it is about (a data protection duty: information held must be accurate).

The form is the one that records information (item_dialog.py), filled in with the entry as
it stands, so the chair sees, before correcting, who would see the corrected entry: a
correction to a more dangerous kind (a refuge address filed as a home address) takes the
entry away from the agencies the protocol keeps it from. Who shared it and whom its agency
restricted it to stay as recorded. A reason is required; the entry as it was is kept in
the case's history (History…, the chair's alone) and never reaches a screen of the room or
an agency's minutes.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import write_or_say_why
from mara_desktop.ui.item_dialog import ItemDialog
from mara_desktop.views.model import ItemView

TITLE = "Correct entry — MARA Desktop"


class CorrectionDialog(ItemDialog):
    """Correct one entry of a case; accepted only once the correction is written."""

    def __init__(
        self, session: Session, case_id: str, entry: ItemView, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, case_id, parent)
        self.item_id = entry.id
        self.setWindowTitle(TITLE)
        self.heading.setText(f"Correct an entry — {entry.category_name}, from {entry.source_name}")
        self.heading.setAccessibleName(self.heading.text())
        self.about_note.setText(
            "Change what is wrong, and say why. The entry as it was is kept in the case's "
            "history, which only you see; the room, the agencies and the minutes get the "
            "corrected entry, shared as the protocol says for its kind."
        )
        self.record_button.setText("Correct entry")
        self._fill(entry)
        self.update_preview()

    def _build_form(self) -> QVBoxLayout:
        column = super()._build_form()
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why it is corrected")
        self.reason.setPlaceholderText("What was wrong, e.g. the wrong house number")
        form = QFormLayout()
        form.addRow("&Why it is corrected:", self.reason)
        column.addLayout(form)
        return column

    def _fill(self, entry: ItemView) -> None:
        """The entry as it stands; its source and its agency's restriction are shown and
        cannot be changed here."""
        self.category.setCurrentIndex(self.category.findData(entry.category))
        self.source.setCurrentIndex(self.source.findData(entry.source))
        self.source.setEnabled(False)
        about = [
            i
            for i, (subject, person) in enumerate(self._about)
            if person == entry.person and (person is not None or subject is entry.subject)
        ]
        if about:
            self.about.setCurrentIndex(about[0])
        self.text.setPlainText(entry.text)
        self.restricted.choose(entry.restricted_to)
        self.restricted.setEnabled(False)

    def record(self) -> None:
        item = self.item()
        if item is None:
            self.problem.problem("Choose the kind of information.")
            return
        fields = {
            "text": self.text,
            "category": self.category,
            "person": self.about,
            "subject": self.about,
            "reason": self.reason,
        }
        correct = partial(self.session.correct_item, self.case_id, item, self.reason.text())
        write_or_say_why(self, self.problem, correct, fields)
