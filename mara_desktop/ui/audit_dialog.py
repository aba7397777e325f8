"""The case file's audit log, read-only, and the check that it is whole.

The log records who did what to which ids, never a value, so showing it holds no case text.
"Verify" runs the same check as `mara-desktop verify` (every page's HMAC, the database's
structure and the hash chain of the log) and says the result in one sentence, naming the
first broken record; the check is itself recorded, so the table is read again afterwards.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.errors import MaraError
from mara_desktop.session import AuditRecord, Session
from mara_desktop.ui.dialog_parts import StatusLine, close_row, fit_to_screen, heading, note

TITLE = "Audit log — MARA Desktop"
COLUMNS = ("No.", "When", "Who", "What")
ACTIONS = {
    "create": "Created the case file",
    "open": "Opened the case file",
    "migrate": "Upgraded the file format",
    "import": "Imported data",
    "export": "Exported data",
    "view": "Looked at an audience's view",
    "explain": "Looked at why an entry is shown or withheld",
    "consent-recorded": "Recorded consent",
    "override-recorded": "Recorded an override",
    "item-added": "Recorded information shared at the meeting",
    "action-added": "Added an action",
    "action-updated": "Changed an action",
    "agenda-changed": "Changed the agenda",
    "conference-created": "Added a new conference",
    "conference-changed": "Corrected a conference's date, venue or chair",
    "agenda-case-added": "Added a case to an agenda",
    "agenda-case-removed": "Took a case off an agenda",
    "agenda-case-moved": "Moved a case on an agenda",
    "agenda-review": "Listed the cases due for review",
    "attendance-changed": "Corrected the attendance",
    "attendance-left": "Recorded an agency leaving the meeting, or coming back",
    "minutes": "Made minutes",
    "action-log": "Made an action log",
    "action-update": "Recorded progress updates on actions",
    "minutes-leak": "Minutes stopped by the leak check",
    "notice": "Made a notice for a victim or perpetrator",
    "protocol-set": "Changed the protocol",
    "backup": "Made a backup",
    "case-closed": "Closed a case",
    "case-reopened": "Reopened a case",
    "case-purged": "Purged a case (only its id and dates are kept)",
    "retention-listed": "Listed the cases due for purging",
    "verify": "Checked the file",
    "remembered": "Remembered the key on this computer",
    "forgotten": "Forgot the key on this computer",
    "passphrase-changed": "Changed the passphrase",
    "protocol-signed": "Recorded an agency's signature of the protocol",
    "breach-recorded": "Recorded a breach in the breach log",
    "dpia": "Made a draft data protection impact assessment",
}


def what(record: AuditRecord) -> str:
    """The action in words, then its details (ids and kinds) as written."""
    label = ACTIONS.get(record.action, record.action)
    details = "; ".join(
        f"{key}: {_value(value)}" for key, value in record.details.items() if value not in ([], {})
    )
    return f"{label} ({details})" if details else label


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items())
    return str(value)


def when(text: str) -> str:
    """A record's UTC time in the chair's local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y %H:%M:%S}"


class AuditDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        self.setMinimumSize(900, 500)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Audit log"))
        layout.addWidget(
            note(
                "Everything done to this case file, in order. The log cannot be edited: "
                "Verify checks that no record was changed or removed and that every page of "
                "the file is intact.",
                "About the audit log",
            )
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Audit records, oldest first")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        layout.addWidget(self.table, 1)
        self.result_line = StatusLine("Verification result")
        layout.addWidget(self.result_line)
        self.verify_button = QPushButton("Verify")
        self.verify_button.setAccessibleName("Verify the case file")
        self.verify_button.clicked.connect(self.verify)
        layout.addWidget(close_row(self, self.verify_button))
        self.reload()
        fit_to_screen(self)

    def reload(self) -> None:
        records = self.session.audit_records()
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            values = (str(record.seq), when(record.at), record.actor, what(record))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        for column in range(len(COLUMNS) - 1):
            self.table.resizeColumnToContents(column)
        self.table.scrollToBottom()

    def verify(self) -> None:
        try:
            report = self.session.verify()
        except MaraError as error:
            self.result_line.problem(str(error))
            return
        if report.ok:
            self.result_line.good(
                "Verified: every page of the file is intact and the audit log is unbroken "
                f"({report.audit_records} records checked)."
            )
        else:
            more = len(report.problems) - 1
            also = f" ({more} more problem{'s' if more > 1 else ''} found.)" if more else ""
            self.result_line.problem(
                f"The check failed: {report.problems[0]}.{also} Do not write to the file; "
                "restore your latest backup and keep this copy for investigation."
            )
        self.reload()
