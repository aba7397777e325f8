"""Close case…: the day the MARAC's work on a case ended, and why, in the chair's words.

The protocol's retention period counts from that day (Case file ▸ Retention… lists the
cases kept longer). The session checks the day (not to come, not before the referral) and
the reason, writes and audits the change with the case's id and the day only; a refusal is
said on the dialog's problem line, nothing written. Reopening a closed case asks first:
its reason is then cleared.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from mara_desktop.errors import MaraError
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import StatusLine, case_dialog_top, record_row, write_or_say_why

TITLE = "Close case — MARA Desktop"
REOPEN_TITLE = "Reopen case — MARA Desktop"


class CloseCaseDialog(QDialog):
    """Accepted once the case is closed."""

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        layout = case_dialog_top(
            self,
            session,
            case_id,
            title=TITLE,
            width=520,
            what="Close case",
            about=(
                "The case and its records stay in the file, and it can be reopened; the "
                "protocol's retention period counts from the day it closed.",
                "About closing a case",
            ),
        )
        self.closed_on = QDateEdit()
        self.closed_on.setAccessibleName("Closed on")
        self.closed_on.setCalendarPopup(True)
        self.closed_on.setDisplayFormat("d MMM yyyy")
        today = date.today()
        self.closed_on.setDate(QDate(today.year, today.month, today.day))
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for closing")
        self.reason.setPlaceholderText("Why the MARAC closes the case, e.g. risk reduced")
        self.reason.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("Closed &on:", self.closed_on)
        form.addRow("&Reason:", self.reason)
        layout.addLayout(form)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.close_button = record_row(self, layout, "Close case", self.save)
        self.reason.setFocus()

    def save(self) -> None:
        day = self.closed_on.date()
        on = date(day.year(), day.month(), day.day())
        reason = self.reason.toPlainText()
        fields: dict[str, QWidget] = {"closed_on": self.closed_on, "reason": self.reason}
        write_or_say_why(
            self, self.problem, lambda: self.session.close_case(self.case_id, on, reason), fields
        )


def reopen(session: Session, case_id: str, parent: QWidget) -> bool:
    """Ask, then reopen the case; True once reopened. A refusal is said in a message box."""
    answer = QMessageBox.question(
        parent,
        REOPEN_TITLE,
        "Reopen this case? Its reason for closing is cleared; the audit log keeps the day it "
        "was closed.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        session.reopen_case(case_id)
    except MaraError as error:
        QMessageBox.warning(parent, REOPEN_TITLE, str(error))
        return False
    return True
