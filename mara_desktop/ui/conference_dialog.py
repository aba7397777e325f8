"""A new meeting (Meeting ▸ New conference…), or its details corrected (Agenda ▸ Details…):
date, venue and chair, and for a new one its title; the minute-taker, the next meeting's
date and any other business, which the minutes print in every copy.

A new conference starts with an empty agenda and attendance; the venue, chair and title
are filled in from the latest meeting, since they rarely change. Its details can be
corrected until minutes of it are exported: the copies sent print them. Saving goes
through the session, which checks and audits it; a refusal is said on the dialog's
problem line, with nothing written.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import MinutesSections
from mara_desktop.session import Session
from mara_desktop.ui.dates import DAY_FORMAT
from mara_desktop.ui.dialog_parts import StatusLine, heading, note, write_or_say_why
from mara_desktop.ui.minutes_sections_fields import MinutesSectionsFields, day_of, qdate

NEW_TITLE = "New conference — MARA Desktop"
CHANGE_TITLE = "Meeting details — MARA Desktop"
FIXED = (
    "Minutes of this meeting have been exported, so its date, venue and chair stay as they "
    "were printed."
)


class ConferenceDialog(QDialog):
    """Accepted once the conference is saved; `conference_id` is then its id. Given a
    `conference_id`, it corrects that conference; without, it makes a new one."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, conference_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.conference_id = conference_id
        existing = session.conference(conference_id) if conference_id else None
        conferences = session.conferences()
        model = existing or (conferences[-1] if conferences else None)
        self.setWindowTitle(CHANGE_TITLE if existing else NEW_TITLE)
        self.setMinimumWidth(460)
        self.date = QDateEdit()
        self.date.setAccessibleName("Date of the meeting")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(DAY_FORMAT)
        day = existing.date if existing else date.today()
        self.date.setDate(qdate(day))
        self.title = QLineEdit(model.title if model else "")
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("MARAC")
        self.venue = QLineEdit(model.venue if model else "")
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("Where the meeting is held")
        self.chair = QLineEdit(model.chair if model else "")
        self.chair.setAccessibleName("Chair")
        self.chair.setPlaceholderText("Who chairs it")
        self.sections = MinutesSectionsFields(
            existing.sections if existing else MinutesSections(), day
        )
        self.problem = StatusLine("Problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._save = buttons.button(QDialogButtonBox.StandardButton.Save)

        form = QFormLayout()
        form.addRow("&Date:", self.date)
        if existing is None:
            form.addRow("&Title:", self.title)
        form.addRow("&Venue:", self.venue)
        form.addRow("C&hair:", self.chair)
        self.sections.add_rows(form)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Meeting details" if existing else "A new conference"))
        if existing is None:
            layout.addWidget(
                note(
                    "The new meeting starts with an empty agenda: its cases are added next, "
                    "in the agenda that opens after Save. Title, venue and chair are those "
                    "of the latest meeting; change them if they differ.",
                    "About a new conference",
                )
            )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if existing is not None and session.minutes_sent(existing.id):
            for field in (self.date, self.venue, self.chair):
                field.setEnabled(False)
            self.sections.set_enabled(False)
            self._save.setEnabled(False)
            self.problem.problem(FIXED)
        self.date.setFocus()

    def save(self) -> None:
        write_or_say_why(
            self,
            self.problem,
            self._write,
            {
                "venue": self.venue,
                "chair": self.chair,
                "title": self.title,
                **self.sections.widgets(),
            },
        )

    def _write(self) -> None:
        on = day_of(self.date.date())
        sections = self.sections.sections()
        if self.conference_id is None:
            self.conference_id = self._session.new_conference(
                on, self.venue.text(), self.chair.text(), self.title.text(), sections
            )
        else:
            self._session.change_conference(
                self.conference_id, on, self.venue.text(), self.chair.text(), sections
            )
