"""Preparing a meeting's agenda (Meeting ▸ Agenda…): which cases it hears, in what order,
and which cases come back for review.

The agenda is listed as the agenda panel lists it: number, reference and whether children
are involved (the chair sees everything; no names). Children's cases are heard first, so
a children's case added goes after the last children's case and Move up and Move down keep
a case among those of its kind. Below, the cases 12 months or more since their last
hearing and not on the agenda, to add with one button. Every change goes through the
session, which checks and audits it, and is shown at once; a refusal is said on the
problem line and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.errors import MaraError
from mara_desktop.session import AgendaEntry, Session, case_kind
from mara_desktop.ui.agenda_panel import conference_label
from mara_desktop.ui.case_picker import CasePicker, candidate_label
from mara_desktop.ui.conference_dialog import ConferenceDialog
from mara_desktop.ui.dialog_parts import StatusLine, close_row, heading, note

TITLE = "Agenda — MARA Desktop"
"""No conference or case in the title: titles show in task bars."""


class AgendaDialog(QDialog):
    """The agenda of one conference; `changed` once anything was saved."""

    def __init__(self, session: Session, conference_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumSize(620, 520)
        self._session, self._conference_id = session, conference_id
        self.changed = False
        self._entries: list[AgendaEntry] = []
        self.heading = heading("Agenda")
        self.agenda = QListWidget()
        self.agenda.setAccessibleName("Agenda")
        self.agenda.currentRowChanged.connect(lambda _row: self._enable())
        self.add = self._button("&Add case…", "Choose a case of this file to add", self.add_case)
        self.remove = self._button("&Remove", "Take the chosen case off the agenda", self._remove)
        self.up = self._button("Move &up", "Hear the chosen case earlier", lambda: self._move(-1))
        self.down = self._button("Move &down", "Hear the chosen case later", lambda: self._move(1))
        self.details = self._button("D&etails…", "Date, venue and chair", self._edit_details)
        self.due = QListWidget()
        self.due.setAccessibleName("Due for review")
        self.due.currentRowChanged.connect(lambda _row: self._enable())
        self.due.itemActivated.connect(lambda _item: self._add_due())
        self.add_due = self._button(
            "Add to the a&genda", "Add the chosen case due for review", self._add_due
        )
        self.problem = StatusLine("Problem")
        self._lay_out(close_row(self))
        self.fill()
        self.agenda.setFocus()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(
            note(
                "Children's cases are heard first: a children's case is added after the last "
                "children's case, and a case moves up or down among cases of its kind.",
                "About the agenda",
            )
        )
        grid = QGridLayout()
        grid.addWidget(self.agenda, 0, 0, 6, 1)
        for row, button in enumerate((self.add, self.remove, self.up, self.down, self.details)):
            grid.addWidget(button, row, 1)
        grid.setRowStretch(5, 1)
        layout.addLayout(grid, 3)
        review = QGroupBox("Due for review: 12 months or more since the last hearing")
        review_layout = QHBoxLayout(review)
        review_layout.addWidget(self.due, 1)
        side = QVBoxLayout()
        side.addWidget(self.add_due)
        side.addStretch()
        review_layout.addLayout(side)
        layout.addWidget(review, 2)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    # -- filling -----------------------------------------------------------------------------

    def fill(self, keep: str | None = None) -> None:
        """Both lists again from the session, the chosen case (or `keep`) still chosen."""
        keep = keep or self._chosen(self.agenda)
        conference = self._session.conference(self._conference_id)
        meeting = self._session.meeting(self._conference_id)
        if conference is None or meeting is None:
            return
        self.heading.setText(f"Agenda — {conference_label(conference)}")
        self._entries = meeting.agenda()
        self.agenda.clear()
        for number, entry in enumerate(self._entries, start=1):
            kind = case_kind(entry.children_involved)
            self._add_row(self.agenda, f"{number}. {entry.title} ({kind})", entry.case_id)
        ids = [entry.case_id for entry in self._entries]
        self.agenda.setCurrentRow(ids.index(keep) if keep in ids else min(0, len(ids) - 1))
        self.due.clear()
        for candidate in self._session.due_for_review(self._conference_id):
            self._add_row(self.due, candidate_label(candidate, say_due=False), candidate.case_id)
        self.due.setCurrentRow(0 if self.due.count() else -1)
        if not self.due.count():
            self.due.addItem("No case reaches 12 months since its last hearing.")
            self.due.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._enable()

    @staticmethod
    def _add_row(widget: QListWidget, text: str, case_id: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, case_id)
        widget.addItem(item)

    @staticmethod
    def _chosen(widget: QListWidget) -> str | None:
        item = widget.currentItem()
        found = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(found) if found else None

    def _enable(self) -> None:
        row = self.agenda.currentRow()
        kinds = [entry.children_involved for entry in self._entries]
        chosen = 0 <= row < len(kinds)
        self.remove.setEnabled(chosen)
        self.up.setEnabled(chosen and row > 0 and kinds[row - 1] == kinds[row])
        self.down.setEnabled(chosen and row + 1 < len(kinds) and kinds[row + 1] == kinds[row])
        self.add_due.setEnabled(self._chosen(self.due) is not None)

    # -- changes -----------------------------------------------------------------------------

    def _change(self, write: Callable[[], None], keep: str | None) -> None:
        """Write through the session and show the lists again; or say why not."""
        try:
            write()
        except MaraError as error:
            self.problem.problem(str(error))
            return
        self.problem.clear()
        self.changed = True
        self.fill(keep)

    def add_case(self) -> None:
        candidates = []
        try:
            candidates = self._session.agenda_candidates(self._conference_id)
        except MaraError as error:
            self.problem.problem(str(error))
            return
        picker = CasePicker(candidates, self)
        if picker.exec() and picker.chosen is not None:
            self._add(picker.chosen)

    def _add(self, case_id: str) -> None:
        self._change(lambda: self._session.add_to_agenda(self._conference_id, case_id), case_id)

    def _add_due(self) -> None:
        case_id = self._chosen(self.due)
        if case_id is not None:
            self._add(case_id)

    def _remove(self) -> None:
        case_id = self._chosen(self.agenda)
        if case_id is not None:
            row = self.agenda.currentRow()
            after = self._entries[row + 1].case_id if row + 1 < len(self._entries) else None
            before = self._entries[row - 1].case_id if row > 0 else None
            self._change(
                lambda: self._session.remove_from_agenda(self._conference_id, case_id),
                after or before,
            )

    def _move(self, step: int) -> None:
        case_id = self._chosen(self.agenda)
        if case_id is not None:
            self._change(
                lambda: self._session.move_on_agenda(self._conference_id, case_id, step), case_id
            )

    def _edit_details(self) -> None:
        if ConferenceDialog(self._session, self, self._conference_id).exec():
            self.changed = True
            self.fill()
