"""The console's left side: which meeting, its agenda in hearing order, and who is in the room.

The agenda lists cases by their MARAC reference (the chair's view); the room's audience
follows the attendance ticks here: an agency that has left no longer counts for what the
shared screen may show. A tick is the console's to record (the meeting writes it in the
attendance, with the time); the table then shows who left and when.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import OBSERVER, Attendance, AttendanceStatus, Conference, when_text
from mara_desktop.errors import MaraError
from mara_desktop.session import START, Meeting
from mara_desktop.ui.attendance_dialog import UNSIGNED_MARK

_STATUS = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.OBSERVER: "Observer",
}


def conference_label(conference: Conference) -> str:
    return f"{conference.title}, {when_text(conference.date)}"


def _leaver(line: Attendance) -> str:
    """Who leaves when this line's person does: observers come and go together (they are
    one pseudo-agency to the rule)."""
    return OBSERVER if line.status is AttendanceStatus.OBSERVER else line.agency


def _status_text(line: Attendance, meeting: Meeting) -> str:
    status = _STATUS[line.status]
    if line.status is AttendanceStatus.OBSERVER:
        status += ", signed" if line.conditionality_signed else ", NOT signed"
    left_at = meeting.left.get(_leaver(line))
    if line.status is not AttendanceStatus.APOLOGIES and left_at is not None:
        status = f"Left at {left_at:%H:%M}"
    return status


def _warning_line(name: str) -> QLabel:
    """A sentence in bold, shown only while there is something to warn of."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setStyleSheet("QLabel { font-weight: bold; }")
    label.hide()
    return label


class AgendaPanel(QWidget):
    conference_chosen = Signal(str)
    position_chosen = Signal(int)
    agenda_reordered = Signal(list)
    """The new agenda, as case ids, after the chair dragged a case."""
    leaving = Signal(list, bool)
    """Agencies (ids) the chair ticked as having left (True) or as back (False)."""
    edit_attendance = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._meeting: Meeting | None = None
        self.conferences = QComboBox()
        self.conferences.setAccessibleName("Meeting")
        self.conferences.activated.connect(
            lambda i: self.conference_chosen.emit(self.conferences.itemData(i))
        )
        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda.currentRowChanged.connect(self._row_changed)
        self.agenda.model().rowsMoved.connect(self._moved)
        self.attendance = QTableWidget(0, 3)
        self.attendance.setAccessibleName("Attendance")
        self.attendance.setHorizontalHeaderLabels(["Left", "Agency (hover for the name)", "Status"])
        self.attendance.verticalHeader().setVisible(False)
        self.attendance.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.attendance.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # A chair must read every agency's name: long ones wrap onto a second line.
        self.attendance.setWordWrap(True)
        rows = self.attendance.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMinimumSectionSize(self.fontMetrics().height() + 10)  # room for the tick box
        self.children_leave = QPushButton("Children's agencies leave")
        self.children_leave.setToolTip(
            "Mark the agencies that serve only children as having left, after the children's "
            "cases have been heard."
        )
        self.children_leave.clicked.connect(self._children_leave)
        self.attendance_button = QPushButton("Correct attendance…")
        self.attendance_button.setToolTip("Who came, apologies, observers and their signatures")
        self.attendance_button.clicked.connect(self.edit_attendance)
        self.room = QLabel()
        self.room.setTextFormat(Qt.TextFormat.PlainText)
        self.room.setWordWrap(True)
        self.room.setAccessibleName("The room")
        self.unsigned = _warning_line("Agencies present that have not signed the protocol")

        layout = QVBoxLayout(self)
        layout.addWidget(self.conferences)
        agenda_box = QGroupBox("Agenda (children's cases first)")
        QVBoxLayout(agenda_box).addWidget(self.agenda)
        layout.addWidget(agenda_box, 2)
        room_box = QGroupBox("Attendance")
        room_layout = QVBoxLayout(room_box)
        room_layout.addWidget(self.attendance)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attendance_button)
        buttons.addWidget(self.children_leave)
        room_layout.addLayout(buttons)
        room_layout.addWidget(self.room)
        room_layout.addWidget(self.unsigned)
        layout.addWidget(room_box, 3)

    # -- filling ---------------------------------------------------------------------------

    def set_conferences(self, conferences: list[Conference], current: str) -> None:
        self.conferences.clear()
        for conference in conferences:
            self.conferences.addItem(conference_label(conference), conference.id)
        self.conferences.setCurrentIndex(max(0, self.conferences.findData(current)))

    def show_meeting(self, meeting: Meeting | None) -> None:
        self._meeting = meeting
        self.agenda.blockSignals(True)
        self.agenda.clear()
        self.attendance.setRowCount(0)
        self.room.clear()
        self.unsigned.hide()
        if meeting is None:
            self.conferences.clear()
            self.agenda.blockSignals(False)
            return
        opening = QListWidgetItem("Opening: confidentiality statement")
        opening.setFlags(opening.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
        self.agenda.addItem(opening)
        for number, entry in enumerate(meeting.agenda(), start=1):
            item = QListWidgetItem(f"{number}. {entry.title} ({entry.kind})")
            item.setData(Qt.ItemDataRole.UserRole, entry.case_id)
            self.agenda.addItem(item)
        self.agenda.setCurrentRow(meeting.position + 1)
        self.agenda.blockSignals(False)
        self._fill_attendance(meeting)

    def _fill_attendance(self, meeting: Meeting) -> None:
        protocol = meeting.protocol
        lines = meeting.conference.attendance
        unsigned = self._show_unsigned(meeting)
        self.attendance.setRowCount(len(lines))
        for row, line in enumerate(lines):
            mark = UNSIGNED_MARK if line.agency in unsigned else ""
            agency = QTableWidgetItem(protocol.agency_name(line.agency) + mark)
            agency.setToolTip(f"{protocol.agency_name(line.agency)}: {line.name}{mark}")
            self.attendance.setItem(row, 1, agency)
            self.attendance.setItem(row, 2, QTableWidgetItem(_status_text(line, meeting)))
            if line.status is not AttendanceStatus.APOLOGIES:
                who = _leaver(line)
                box = QCheckBox()
                box.setAccessibleName(f"{protocol.agency_name(who)} has left")
                box.setChecked(who in meeting.left)
                box.setProperty("agency", who)
                box.toggled.connect(lambda on, a=who: self._left(a, on))
                self.attendance.setCellWidget(row, 0, box)
        self._show_room(meeting)

    def _show_room(self, meeting: Meeting) -> None:
        names = meeting.room_names()
        text = f"The shared screen shows what all of these may see: {', '.join(names)}."
        if OBSERVER in meeting.room.agencies:
            text += (
                " Observers are granted nothing, so while they are in the room the shared "
                "screen shows no case information; tick Left when they go."
            )
        self.room.setText(text)
        self.children_leave.setEnabled(
            bool(self._children_still_here(meeting)) and meeting.children_cases_heard()
        )

    def _show_unsigned(self, meeting: Meeting) -> list[str]:
        """Say which agencies present have not signed the protocol in force; returns them.
        A register that cannot be read warns of nothing here: the file's damage is the
        console's band to show."""
        try:
            unsigned = meeting.unsigned_present()
        except MaraError:
            return []
        if unsigned:
            names = ", ".join(meeting.protocol.agency_name(a) for a in unsigned)
            self.unsigned.setText(
                f"\u26a0 Not signed the protocol in force (version {meeting.protocol.version}): "
                f"{names}. Protocol \u25b8 Signatures\u2026 records a signature."
            )
        self.unsigned.setVisible(bool(unsigned))
        return unsigned

    @staticmethod
    def _children_still_here(meeting: Meeting) -> list[str]:
        return [a for a in meeting.children_only_present() if a not in meeting.left]

    # -- gestures --------------------------------------------------------------------------

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.position_chosen.emit(row - 1 if row > 0 else START)

    def _moved(self) -> None:
        ids = [
            self.agenda.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.agenda.count())
        ]
        self.agenda_reordered.emit([i for i in ids if i])

    def _left(self, agency: str, has_left: bool) -> None:
        if self._meeting is not None:
            self.leaving.emit([agency], has_left)

    def _children_leave(self) -> None:
        if self._meeting is not None:
            self.leaving.emit(self._children_still_here(self._meeting), True)

    def show_who_left(self) -> None:
        """Tick every "has left" box the meeting says has left (observers share one), and
        say since when in the status column."""
        meeting = self._meeting
        if meeting is None:
            return
        for box in self.attendance.findChildren(QCheckBox):
            box.blockSignals(True)
            box.setChecked(box.property("agency") in meeting.left)
            box.blockSignals(False)
        for row, line in enumerate(meeting.conference.attendance[: self.attendance.rowCount()]):
            status = self.attendance.item(row, 2)
            if status is not None:
                status.setText(_status_text(line, meeting))
        self._show_room(meeting)

    def allow_editing(self, allowed: bool) -> None:
        """Reordering and correcting the attendance change the file; ticking who has left
        does not (it only changes what the shared screen shows)."""
        self.agenda.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove
            if allowed
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.attendance_button.setEnabled(allowed)

    def select(self, position: int) -> None:
        self.agenda.blockSignals(True)
        self.agenda.setCurrentRow(position + 1)
        self.agenda.blockSignals(False)
        if self._meeting is not None:
            self._show_room(self._meeting)
