"""The fields of the minutes' own sections in the conference dialog: the minute-taker, the
next meeting's date and any other business.

Any other business is written by the chair for everyone present and printed in every
agency's copy as written, so the dialog says so beside it: a tired chair must not write
there what one agency may not know.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from mara_desktop.domain import MinutesSections
from mara_desktop.ui.dialog_parts import note

FOR_EVERY_COPY = (
    "Any other business is printed in every agency's copy of the minutes, as written: "
    "write only what every agency present may know."
)
USUAL_GAP = timedelta(days=28)
"""The next meeting's date offered first: MARACs commonly meet every four weeks."""


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class MinutesSectionsFields:
    """The three fields, filled from `sections`; the next meeting's date is offered four
    weeks after `meeting` until one is set."""

    def __init__(self, sections: MinutesSections, meeting: date) -> None:
        self.minute_taker = QLineEdit(sections.minute_taker)
        self.minute_taker.setAccessibleName("Minute-taker")
        self.minute_taker.setPlaceholderText("Who takes the minutes")
        self.next_known = QCheckBox("Set")
        self.next_known.setAccessibleName("The next meeting's date is set")
        self.next_meeting = QDateEdit()
        self.next_meeting.setAccessibleName("Date of the next meeting")
        self.next_meeting.setCalendarPopup(True)
        self.next_meeting.setDisplayFormat("d MMM yyyy")
        self.next_meeting.setDate(qdate(sections.next_meeting or meeting + USUAL_GAP))
        self.next_known.setChecked(sections.next_meeting is not None)
        self.next_meeting.setEnabled(self.next_known.isChecked())
        self.next_known.toggled.connect(self.next_meeting.setEnabled)
        self.other_business = QPlainTextEdit(sections.other_business)
        self.other_business.setAccessibleName("Any other business")
        self.other_business.setPlaceholderText("Anything else the meeting discussed")
        self.other_business.setTabChangesFocus(True)
        self.other_business.setFixedHeight(90)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("&Minute-taker:", self.minute_taker)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_known)
        next_row.addWidget(self.next_meeting, 1)
        label = QLabel("&Next meeting:")
        label.setBuddy(self.next_known)  # a row of two has no buddy of its own
        form.addRow(label, next_row)
        form.addRow("Any &other business:", self.other_business)
        form.addRow("", note(FOR_EVERY_COPY, "About any other business"))

    def widgets(self) -> dict[str, QWidget]:
        """Each field's widget, by the name a refusal gives the field."""
        return {
            "minute_taker": self.minute_taker,
            "next_meeting": self.next_meeting,
            "other_business": self.other_business,
        }

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.next_known, *self.widgets().values()):
            widget.setEnabled(enabled)
        self.next_meeting.setEnabled(enabled and self.next_known.isChecked())

    def sections(self) -> MinutesSections:
        """The sections as the fields hold them."""
        next_meeting = day_of(self.next_meeting.date()) if self.next_known.isChecked() else None
        return MinutesSections(
            self.minute_taker.text(), next_meeting, self.other_business.toPlainText()
        )
