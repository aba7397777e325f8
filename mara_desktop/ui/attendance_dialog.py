"""Correcting the attendance at the start of the meeting: who came, who sent apologies,
which observers are in the room and whether they signed the conditionality statement.

The room's audience follows this list, so a change here changes what the shared screen
may show. Saving goes through the session, which checks each line by the attendance rules
and audits the change.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import OBSERVER, Attendance, AttendanceStatus
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import StatusLine, write_or_say_why

TITLE = "Attendance — MARA Desktop"
UNSIGNED_MARK = "  \u26a0 protocol not signed"
"""After the name of an agency that has not signed the protocol in force, in every list."""
_COLUMNS = ("Agency", "Name", "Status", "Signed", "Information sent")
_STATUS_LABELS = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.OBSERVER: "Observer",
}


class AttendanceDialog(QDialog):
    """Accepted only once the new list is saved and audited."""

    def __init__(self, session: Session, conference_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._session, self._conference_id = session, conference_id
        conference = session.conference(conference_id)
        self._kept = {line.agency: line for line in conference.attendance} if conference else {}
        self._unsigned = set(session.unsigned_agencies([a.id for a in session.protocol.agencies]))
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setAccessibleName("Attendance")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.unsigned = StatusLine("Agencies present that have not signed the protocol")
        for line in conference.attendance if conference else ():
            self.add_line(line)
        self.problem = StatusLine("Problem")
        add = QPushButton("Add a line")
        add.clicked.connect(lambda: self.add_line(None))
        remove = QPushButton("Remove the selected line")
        remove.clicked.connect(self._remove)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        layout = QVBoxLayout(self)
        note = QLabel(
            "The shared screen shows what every agency present may see, and nothing while an "
            "observer is in the room. Observers must sign the conditionality statement."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.unsigned)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.warn_unsigned()
        self.resize(900, 560)

    def add_line(self, line: Attendance | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        agency = QComboBox()
        agency.setAccessibleName("Agency")
        for known in self._session.protocol.agencies:
            mark = UNSIGNED_MARK if known.id in self._unsigned else ""
            agency.addItem(known.name + mark, known.id)
        agency.addItem("Observer", OBSERVER)
        name = QLineEdit(line.name if line else "")
        name.setAccessibleName("Name")
        status = QComboBox()
        status.setAccessibleName("Status")
        for value, label in _STATUS_LABELS.items():
            status.addItem(label, value)
        signed = QCheckBox()
        signed.setAccessibleName("Conditionality statement signed")
        sent = QCheckBox()
        sent.setAccessibleName("Information sent before the meeting")
        if line is not None:
            agency.setCurrentIndex(agency.findData(line.agency))
            status.setCurrentIndex(status.findData(line.status))
            signed.setChecked(line.conditionality_signed)
            sent.setChecked(line.information_sent)
        agency.currentIndexChanged.connect(lambda _: self._match_status(agency, status))
        for changed in (agency.currentIndexChanged, status.currentIndexChanged):
            changed.connect(self.warn_unsigned)
        for column, widget in enumerate((agency, name, status, signed, sent)):
            self.table.setCellWidget(row, column, widget)

    @staticmethod
    def _match_status(agency: QComboBox, status: QComboBox) -> None:
        """An observer's status can only be Observer, and only an observer's can."""
        if agency.currentData() == OBSERVER:
            status.setCurrentIndex(status.findData(AttendanceStatus.OBSERVER))
        elif status.currentData() == AttendanceStatus.OBSERVER:
            status.setCurrentIndex(status.findData(AttendanceStatus.PRESENT))

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.warn_unsigned()

    def warn_unsigned(self) -> None:
        """A sentence naming each agency marked present that has not signed the protocol in
        force; none when all have (the register: Protocol ▸ Signatures…)."""
        present = [
            line.agency
            for line in self.lines()
            if line.status is AttendanceStatus.PRESENT and line.agency in self._unsigned
        ]
        if not present:
            self.unsigned.clear()
            return
        protocol = self._session.protocol
        names = ", ".join(protocol.agency_name(a) for a in dict.fromkeys(present))
        self.unsigned.problem(
            f"\u26a0 Not signed the protocol in force (version {protocol.version}): {names}. "
            "Record the signature in Protocol \u25b8 Signatures\u2026 if it was given, or ask "
            "the agency to sign."
        )

    def lines(self) -> list[Attendance]:
        result = []
        for row in range(self.table.rowCount()):
            agency, name, status, signed, sent = (
                self.table.cellWidget(row, column) for column in range(len(_COLUMNS))
            )
            assert isinstance(agency, QComboBox) and isinstance(status, QComboBox)
            assert isinstance(name, QLineEdit)
            assert isinstance(signed, QCheckBox) and isinstance(sent, QCheckBox)
            agency_id = str(agency.currentData())
            kept = self._kept.get(agency_id)
            status_now = AttendanceStatus(status.currentData())
            # When it left is kept, unless the line now says it was never there.
            was_there = status_now is not AttendanceStatus.APOLOGIES
            result.append(
                Attendance(
                    agency_id,
                    name.text().strip(),
                    status_now,
                    signed.isChecked(),
                    sent.isChecked(),
                    kept.received_on if kept else None,
                    kept.left_at if kept is not None and was_there else None,
                )
            )
        return result

    def save(self) -> None:
        write_or_say_why(
            self,
            self.problem,
            partial(self._session.set_attendance, self._conference_id, self.lines()),
        )
